//! Words of `caja pay`'s tender and of `caja shift`: opening, status, cash in and out, the blind count,
//! closing and the Z reports. Each function words one line (or one short paragraph) from the facts as
//! the views shape them (labels already worded, amounts already written as `S/ 1,234.50`); the CLI picks
//! the lines that apply and prints them in order. The reconciliation's table is [`super::reconciliation`].

use std::path::Path;

use till::Payment;
use till::cash::CashCount;
use till::{Soles, Tender};

use crate::wording::{Lang, say, shift};

/// `caja pay` without `--tender`: which values it takes, and that nothing was sent.
pub fn tender_missing(lang: Lang) -> String {
    say(
        lang,
        "Falta el medio de pago: agregue --tender efectivo, tarjeta, yape o transferencia (en efectivo, \
         --received MONTO calcula el vuelto; con tarjeta, --card-last4 y --card-auth). No se envió nada.",
        "The tender is missing: add --tender cash, card, yape or transfer (efectivo, tarjeta, yape, \
         transferencia; for cash, --received AMOUNT works out the change; for card, --card-last4 and \
         --card-auth). Nothing was sent.",
    )
}

/// The line `caja pay` adds once paid: the tender, what was collected and, for cash, the change.
pub fn paid_with(lang: Lang, payment: &Payment, collected: Option<Soles>) -> String {
    let name = shift::tender(lang, payment.tender);
    let mut text = match (payment.tender, &payment.card_last4) {
        (Tender::Card, Some(last4)) => say(
            lang,
            format!("Medio de pago: {name} **** {last4}"),
            format!("Tender: {name} **** {last4}"),
        ),
        _ => say(
            lang,
            format!("Medio de pago: {name}"),
            format!("Tender: {name}"),
        ),
    };
    if let Some(code) = &payment.card_authorization {
        text += &say(
            lang,
            format!(", autorización {code}"),
            format!(", authorization {code}"),
        );
    }
    text.push('.');
    if let Some(amount) = collected {
        text += &say(
            lang,
            format!(" Cobrado: {amount}."),
            format!(" Collected: {amount}."),
        );
    }
    if let Some(received) = payment.received {
        text += &say(
            lang,
            format!(" Recibido: {received}."),
            format!(" Received: {received}."),
        );
    }
    if let Some(change) = payment.change(collected) {
        text += &say(
            lang,
            format!("\nVUELTO: {change}"),
            format!("\nCHANGE: {change}"),
        );
    }
    text
}

/// `caja shift open` or `caja shift count` without a count.
pub fn count_missing(lang: Lang) -> String {
    say(
        lang,
        "Falta el conteo: --count 200=1,100=2,0.50=4 (denominación=piezas) o --count-file ARCHIVO \
         (el mismo texto, o JSON {\"200\": 1}).",
        "The count is missing: --count 200=1,100=2,0.50=4 (denomination=pieces) or --count-file FILE \
         (the same text, or JSON {\"200\": 1}).",
    )
}

/// `--count-file` could not be read.
pub fn count_file_unreadable(lang: Lang, path: &Path, error: &std::io::Error) -> String {
    say(
        lang,
        format!("No se pudo leer el conteo {}: {error}", path.display()),
        format!("Could not read the count {}: {error}", path.display()),
    )
}

/// A count's pieces as `200 x 1, 0.50 x 4` (largest first), or a dash when empty.
pub fn pieces(count: &CashCount) -> String {
    let listed: Vec<String> = count
        .pieces
        .iter()
        .rev()
        .filter(|(_, pieces)| **pieces > 0)
        .map(|(denomination, pieces)| {
            let centimos = *denomination;
            let text = match centimos % 100 {
                0 => (centimos / 100).to_string(),
                cents => format!("{}.{cents:02}", centimos / 100),
            };
            format!("{text} x {pieces}")
        })
        .collect();
    if listed.is_empty() {
        "-".to_owned()
    } else {
        listed.join(", ")
    }
}

/// `caja shift open`: the shift, its float, and the next step.
pub fn shift_opened(
    lang: Lang,
    id: i64,
    float: &str,
    count: &CashCount,
    country: till::Country,
) -> String {
    let pieces = pieces(count);
    let (next_es, next_en) = if country.offers(till::country::Provider::Acuotaz) {
        (
            "Ya puede cobrar: caja pay --dni DNI --funding-code CÓDIGO --tender efectivo --received MONTO",
            "You may take payments now: caja pay --dni DNI --funding-code CODE --tender cash --received AMOUNT",
        )
    } else {
        (
            "Ya puede vender con Aplazame: caja aplazame checkout --item \"ARTÍCULO;CANTIDAD;PRECIO CON IVA;IVA %\" --email CORREO",
            "You may sell with Aplazame now: caja aplazame checkout --item \"ARTICLE;QUANTITY;PRICE WITH VAT;VAT %\" --email EMAIL",
        )
    };
    say(
        lang,
        format!("Turno n.° {id} abierto con un fondo de {float} ({pieces}).\n{next_es}"),
        format!("Shift #{id} opened with a float of {float} ({pieces}).\n{next_en}"),
    )
}

/// `caja shift status` with no shift open.
pub fn no_shift(lang: Lang) -> String {
    say(
        lang,
        "No hay un turno abierto. Ábralo contando el fondo de caja: caja shift open --count 200=1,100=2 \
         (o --count-file ARCHIVO).",
        "No shift is open. Open one by counting the float: caja shift open --count 200=1,100=2 (or \
         --count-file FILE).",
    )
}

/// The first line of `caja shift status`.
pub fn shift_heading(lang: Lang, id: i64, opened_at: &str, opened_by: Option<&str>) -> String {
    match opened_by {
        Some(by) => say(
            lang,
            format!("Turno n.° {id}, abierto el {opened_at} por {by}"),
            format!("Shift #{id}, opened on {opened_at} by {by}"),
        ),
        None => say(
            lang,
            format!("Turno n.° {id}, abierto el {opened_at}"),
            format!("Shift #{id}, opened on {opened_at}"),
        ),
    }
}

/// The float, the payments and the cash expected (hidden from a cashier until the blind count).
pub fn shift_figures(
    lang: Lang,
    float: &str,
    payments: u32,
    cash_expected: Option<&str>,
    counted: bool,
) -> String {
    let expected = cash_expected.map(str::to_owned).unwrap_or_else(|| {
        say(
            lang,
            "(oculto hasta el conteo ciego)",
            "(hidden until the blind count)",
        )
    });
    let count = match counted {
        true => say(lang, "hecho", "done"),
        false => say(
            lang,
            "pendiente (caja shift count)",
            "not yet (caja shift count)",
        ),
    };
    say(
        lang,
        format!(
            "  Fondo inicial:      {float:>14}\n  Pagos cobrados:     {payments:>14}\n  Efectivo esperado:  {expected:>14}\n  Conteo ciego:       {count}"
        ),
        format!(
            "  Opening float:      {float:>14}\n  Payments collected: {payments:>14}\n  Cash expected:      {expected:>14}\n  Blind count:        {count}"
        ),
    )
}

/// The heading over the cash movements of the shift.
pub fn movements_heading(lang: Lang) -> String {
    say(lang, "  Movimientos de efectivo:", "  Cash movements:")
}

/// One cash movement: when, in or out, how much, why, and who did and approved it.
pub fn movement_line(
    lang: Lang,
    at: &str,
    label: &str,
    amount: &str,
    reason: &str,
    operator: Option<&str>,
    approver: Option<&str>,
) -> String {
    let mut line = format!("    {at} {label:<9} {amount:>12}  «{reason}»");
    match (operator, approver) {
        (Some(by), Some(approver)) => {
            line += &say(
                lang,
                format!(" ({by}; autorizó {approver})"),
                format!(" ({by}; approved by {approver})"),
            )
        }
        (None, Some(approver)) => {
            line += &say(
                lang,
                format!(" (autorizó {approver})"),
                format!(" (approved by {approver})"),
            )
        }
        (Some(by), None) => line += &format!(" ({by})"),
        (None, None) => {}
    }
    line
}

/// The heading over the operations still without an outcome, which closing waits for.
pub fn unknown_heading(lang: Lang) -> String {
    say(
        lang,
        "  Operaciones sin resultado (el cierre las espera; «caja resolve» las resuelve):",
        "  Operations without an outcome (closing waits for them; «caja resolve» resolves them):",
    )
}

/// One operation still without an outcome.
pub fn unknown_line(lang: Lang, id: i64, kind: &str, code: &str, state: &str) -> String {
    say(
        lang,
        format!("    n.° {id} {kind} {code}: {state}"),
        format!("    #{id} {kind} {code}: {state}"),
    )
}

/// `caja shift cash-in|cash-out`: what was recorded.
pub fn movement_recorded(
    lang: Lang,
    label: &str,
    amount: &str,
    shift_id: i64,
    reason: &str,
    approver: Option<&str>,
) -> String {
    let mut text = say(
        lang,
        format!("{label} de {amount} registrado en el turno n.° {shift_id}: «{reason}»"),
        format!("{label} of {amount} recorded in shift #{shift_id}: «{reason}»"),
    );
    if let Some(approver) = approver {
        text += &say(
            lang,
            format!("; autorizó {approver}"),
            format!("; approved by {approver}"),
        );
    }
    text.push('.');
    text
}

/// `caja shift count`: the blind count was saved; the reconciliation follows.
pub fn count_saved(lang: Lang, cash: &str, pieces: &str, card_batch: &str) -> String {
    say(
        lang,
        format!(
            "Conteo ciego guardado: efectivo {cash} ({pieces}); cierre del terminal de tarjetas {card_batch}."
        ),
        format!("Blind count saved: cash {cash} ({pieces}); card terminal batch {card_batch}."),
    )
}

/// `caja shift close`: the shift closed and its Z filed.
pub fn shift_closed(
    lang: Lang,
    shift_id: i64,
    number: &str,
    closed_at: &str,
    closed_by: Option<&str>,
) -> String {
    let by = closed_by
        .map(|name| format!(", {name}"))
        .unwrap_or_default();
    say(
        lang,
        format!("Turno n.° {shift_id} cerrado. Reporte Z n.° {number} ({closed_at}{by})."),
        format!("Shift #{shift_id} closed. Z report #{number} ({closed_at}{by})."),
    )
}

/// `caja shift z --number N`: which Z is shown, and whether as a reprint.
pub fn z_heading(lang: Lang, number: &str, closed_at: &str, reprint: bool) -> String {
    match reprint {
        true => say(
            lang,
            format!("Reporte Z n.° {number} del {closed_at} (REIMPRESIÓN)."),
            format!("Z report #{number} of {closed_at} (REPRINT)."),
        ),
        false => say(
            lang,
            format!("Reporte Z n.° {number} del {closed_at}."),
            format!("Z report #{number} of {closed_at}."),
        ),
    }
}

/// Who approved the closing's differences, and why.
pub fn z_approved(lang: Lang, supervisor: &str, reason: &str) -> String {
    say(
        lang,
        format!("Diferencias autorizadas por {supervisor}: «{reason}»"),
        format!("Differences approved by {supervisor}: «{reason}»"),
    )
}

/// Where the Z's PDF is, and the printer it went to.
pub fn z_papers(lang: Lang, pdf: &str, printed_on: Option<&str>) -> String {
    let mut text = say(lang, format!("PDF: {pdf}"), format!("PDF: {pdf}"));
    if let Some(printer) = printed_on {
        text += &say(
            lang,
            format!("\nTicket enviado a {printer}."),
            format!("\nTicket sent to {printer}."),
        );
    }
    text
}

/// The shift is closed and its Z filed, but its papers failed: how to get them again.
pub fn z_papers_failed(lang: Lang, number: i64, problem: &str) -> String {
    say(
        lang,
        format!(
            "El turno quedó cerrado y el reporte Z guardado, pero el PDF o el ticket no se pudieron \
             hacer: {problem}\nPara volver a intentarlo: caja shift z --number {number}"
        ),
        format!(
            "The shift is closed and the Z report filed, but its PDF or ticket could not be made: \
             {problem}\nTo try again: caja shift z --number {number}"
        ),
    )
}

/// `caja shift z`: the filed Z reports, newest first.
pub fn z_list(lang: Lang, rows: &[(String, String)]) -> String {
    if rows.is_empty() {
        return say(
            lang,
            "Todavía no hay reportes Z en esta caja. Se generan al cerrar el turno (caja shift close).",
            "There are no Z reports on this till yet. Closing a shift files one (caja shift close).",
        );
    }
    let mut text = say(
        lang,
        format!("{:<8} {}\n", "Z n.°", "Cierre (Lima)"),
        format!("{:<8} {}\n", "Z #", "Closed (Lima)"),
    );
    for (number, closed_at) in rows {
        text += &format!("{number:<8} {closed_at}\n");
    }
    text += &say(
        lang,
        "Para ver uno (y su PDF): caja shift z --number N [--reprint]",
        "To see one (and its PDF): caja shift z --number N [--reprint]",
    );
    text
}
