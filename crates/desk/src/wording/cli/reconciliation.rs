//! Words of the reconciliation as `caja shift x`, `caja shift count`, `caja shift close` and
//! `caja shift z` print it: the tenders expected against counted, how the cash expected is made up,
//! aCuotaz's side, the named differences, and whether closing needs a supervisor. Amounts arrive
//! written (`S/ 1,234.50`); a `None` amount is one hidden from a cashier before the blind count.

use crate::wording::{Lang, say};

/// The first line of the X report.
pub fn x_heading(lang: Lang, shift_id: i64, day: &str) -> String {
    say(
        lang,
        format!("Reporte X del turno n.° {shift_id} (día {day}); no cierra nada."),
        format!("X report of shift #{shift_id} (day {day}); nothing is closed."),
    )
}

/// The column headings of the tenders' table.
pub fn tenders_heading(lang: Lang) -> String {
    say(
        lang,
        format!(
            "  {:<15} {:>5} {:>14} {:>14} {:>14}",
            "Medio de pago", "Pagos", "Esperado", "Contado", "Diferencia"
        ),
        format!(
            "  {:<15} {:>5} {:>14} {:>14} {:>14}",
            "Tender", "Paid", "Expected", "Counted", "Difference"
        ),
    )
}

/// One tender: what the journal says, what was counted, the difference (a dash where there is none).
pub fn tender_row(
    label: &str,
    payments: u32,
    expected: Option<&str>,
    counted: Option<&str>,
    difference: Option<&str>,
) -> String {
    format!(
        "  {label:<15} {payments:>5} {:>14} {:>14} {:>14}",
        expected.unwrap_or("-"),
        counted.unwrap_or("-"),
        difference.unwrap_or("-"),
    )
}

/// Expected amounts are hidden from a cashier until the blind count.
pub fn expected_hidden(lang: Lang) -> String {
    say(
        lang,
        "  Lo esperado se muestra después del conteo ciego (caja shift count --count ... --card-batch ...).",
        "  What is expected shows after the blind count (caja shift count --count ... --card-batch ...).",
    )
}

/// How the cash expected in the drawer is made up.
pub fn cash_breakdown(
    lang: Lang,
    float: &str,
    payments: &str,
    cash_in: &str,
    cash_out: &str,
    expected: &str,
) -> String {
    say(
        lang,
        format!(
            "  Efectivo esperado: fondo {float} + pagos {payments} + ingresos {cash_in} - retiros {cash_out} = {expected}"
        ),
        format!(
            "  Cash expected: float {float} + payments {payments} + cash in {cash_in} - cash out {cash_out} = {expected}"
        ),
    )
}

/// aCuotaz's side of the reconciliation, as the view has it.
pub struct ProviderFacts<'a> {
    pub day: &'a str,
    pub fetched_at: &'a str,
    pub from_cache: bool,
    pub total_paid_in_store: &'a str,
    pub this_shift: &'a str,
    pub this_shift_payments: u32,
    pub matched: u32,
    pub earlier_shifts: &'a str,
    pub elsewhere: &'a str,
}

/// aCuotaz's day summary against this shift.
pub fn provider_side(lang: Lang, facts: &ProviderFacts<'_>) -> String {
    let ProviderFacts {
        day,
        fetched_at,
        total_paid_in_store,
        this_shift,
        this_shift_payments,
        matched,
        earlier_shifts,
        elsewhere,
        ..
    } = facts;
    let copy = match facts.from_cache {
        true => say(
            lang,
            ", COPIA GUARDADA: aCuotaz no respondió",
            ", SAVED COPY: aCuotaz did not answer",
        ),
        false => String::new(),
    };
    say(
        lang,
        format!(
            "  aCuotaz (resumen del {day}, obtenido el {fetched_at}{copy}):\n    pagado en tienda {total_paid_in_store}; \
             este turno {this_shift} ({matched} de {this_shift_payments} pagos coinciden); turnos anteriores \
             {earlier_shifts}; otras cajas {elsewhere}"
        ),
        format!(
            "  aCuotaz (summary of {day}, fetched {fetched_at}{copy}):\n    paid in store {total_paid_in_store}; \
             this shift {this_shift} ({matched} of {this_shift_payments} payments match); earlier shifts \
             {earlier_shifts}; other tills {elsewhere}"
        ),
    )
}

/// The heading over the named differences, or that there are none.
pub fn differences_heading(lang: Lang, any: bool) -> String {
    match any {
        true => say(lang, "  Diferencias:", "  Differences:"),
        false => say(lang, "  Sin diferencias.", "  No differences."),
    }
}

/// One named difference, as the view has it.
pub struct DifferenceFacts<'a> {
    pub title: &'a str,
    pub detail: &'a str,
    pub amount: &'a str,
    pub order_id: Option<&'a str>,
    pub document_masked: Option<&'a str>,
    pub operation_id: Option<i64>,
    pub funding_code: Option<&'a str>,
}

/// One difference: what it is, how much, what it is about, and what it means.
pub fn difference_line(lang: Lang, facts: &DifferenceFacts<'_>) -> String {
    let mut about = Vec::new();
    if let Some(order) = facts.order_id {
        about.push(say(
            lang,
            format!("pedido {order}"),
            format!("order {order}"),
        ));
    }
    if let Some(document) = facts.document_masked {
        about.push(say(
            lang,
            format!("documento {document}"),
            format!("document {document}"),
        ));
    }
    if let Some(id) = facts.operation_id {
        about.push(say(
            lang,
            format!("operación n.° {id}"),
            format!("operation #{id}"),
        ));
    }
    if let Some(code) = facts.funding_code {
        about.push(say(lang, format!("código {code}"), format!("code {code}")));
    }
    let about = match about.is_empty() {
        true => String::new(),
        false => format!(" ({})", about.join(", ")),
    };
    format!(
        "    - {}: {}{about}. {}",
        facts.title, facts.amount, facts.detail
    )
}

/// Whether closing needs a supervisor, with the tolerance in force and the flags to give.
pub fn closing_needs(lang: Lang, tolerance: &str, needs_approval: bool) -> String {
    match needs_approval {
        true => say(
            lang,
            format!(
                "  Tolerancia {tolerance}: cerrar NECESITA la autorización de un supervisor: caja shift close \
                 --approver NOMBRE --reason \"...\" (PIN en CAJA_APPROVER_PIN)."
            ),
            format!(
                "  Tolerance {tolerance}: closing NEEDS a supervisor's approval: caja shift close --approver \
                 NAME --reason \"...\" (PIN in CAJA_APPROVER_PIN)."
            ),
        ),
        false => say(
            lang,
            format!("  Tolerancia {tolerance}: puede cerrar sin autorización (caja shift close)."),
            format!("  Tolerance {tolerance}: closing needs no approval (caja shift close)."),
        ),
    }
}
