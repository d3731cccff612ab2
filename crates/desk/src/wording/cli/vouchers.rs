//! Words of `caja voucher` (bank transfers checked by aPagos) and of the bank accounts in `caja
//! settings`: one voucher with where it stands (the headline and the advice are
//! [`crate::wording::vouchers`]'s, as the desktop shows them), the values aPagos validated beside the
//! typed ones, the down payment it pays, the command to type next, the list, how long `--wait`
//! followed, and the refusals that belong to the command line (a receipt file that cannot be read, a
//! flag missing). The facts arrive as the desk's `VoucherView` shapes them, picked by the CLI into
//! [`VoucherFacts`].

use crate::wording::{Lang, say};

/// A voucher as the CLI says it: the desk's view, already worded.
#[derive(Debug, Clone, Copy, Default)]
pub struct VoucherFacts<'a> {
    pub voucher_id: &'a str,
    /// The typed amount, written (`S/ 579.98`).
    pub amount: &'a str,
    /// dd/mm/aaaa.
    pub date: &'a str,
    pub operation_number: &'a str,
    pub bank_account: &'a str,
    pub status_label: &'a str,
    pub headline: &'a str,
    pub advice: &'a str,
    pub created_at: &'a str,
    pub customer_name: &'a str,
    /// The DNI masked.
    pub customer_dni: &'a str,
    /// What aPagos validated, when it did: amount, date, operation number, account.
    pub validated: Option<(&'a str, &'a str, &'a str, &'a str)>,
    pub amount_differs: bool,
    /// The down payment it pays: its funding code and what to collect.
    pub pays: Option<(&'a str, &'a str)>,
    /// The register's state is `pending` and aPagos has not decided: asking again may change it.
    pub waiting: bool,
    pub needs_decision: bool,
    pub can_resolve: bool,
}

/// One voucher: id, amount, account and operation, aPagos' status with the headline and the advice,
/// the validated values, the down payment it pays, and the command to type next.
pub fn voucher(lang: Lang, view: &VoucherFacts<'_>) -> String {
    let id = view.voucher_id;
    let mut lines = vec![
        say(
            lang,
            format!(
                "Transferencia {id} — {} — cuenta {} — operación {} del {}",
                view.amount, view.bank_account, view.operation_number, view.date
            ),
            format!(
                "Transfer {id} — {} — account {} — operation {} of {}",
                view.amount, view.bank_account, view.operation_number, view.date
            ),
        ),
        say(
            lang,
            format!(
                "Cliente: {} ({}) — registrada el {}",
                view.customer_name, view.customer_dni, view.created_at
            ),
            format!(
                "Customer: {} ({}) — registered on {}",
                view.customer_name, view.customer_dni, view.created_at
            ),
        ),
        say(
            lang,
            format!(
                "Estado en aPagos: {} — {}",
                view.status_label, view.headline
            ),
            format!(
                "Status at aPagos: {} — {}",
                view.status_label, view.headline
            ),
        ),
        view.advice.to_owned(),
    ];
    if let Some((amount, date, operation, account)) = view.validated {
        let mark = if view.amount_differs {
            say(
                lang,
                " (otro monto que el escrito)",
                " (another amount than typed)",
            )
        } else {
            String::new()
        };
        lines.push(say(
            lang,
            format!(
                "Validado por aPagos: {amount}{mark} — {date} — operación {operation} — cuenta {account}"
            ),
            format!(
                "Validated by aPagos: {amount}{mark} — {date} — operation {operation} — account {account}"
            ),
        ));
    }
    if let Some((code, collect)) = view.pays {
        lines.push(say(
            lang,
            format!("Paga la cuota inicial del código {code} (a cobrar {collect})."),
            format!("Pays the down payment of code {code} ({collect} to collect)."),
        ));
    }
    if let Some(next) = next_step(lang, view) {
        lines.push(next);
    }
    lines.join("\n")
}

/// The command that moves the voucher on, when there is one.
fn next_step(lang: Lang, view: &VoucherFacts<'_>) -> Option<String> {
    let id = view.voucher_id;
    let (es, en) = if view.can_resolve {
        (
            format!(
                "Un supervisor la resuelve con el número de aPagos (request_id) de su aviso o de su panel: caja voucher resolve {id} --request-id NÚMERO --reason TEXTO (o --not-sent si nunca llegó a aPagos)"
            ),
            format!(
                "A supervisor settles it with aPagos' number (request_id) from its notice or its dashboard: caja voucher resolve {id} --request-id NUMBER --reason TEXT (or --not-sent if it never reached aPagos)"
            ),
        )
    } else if view.needs_decision {
        (
            format!(
                "Un supervisor decide: caja voucher decide {id} --accept (o --reject) --reason TEXTO"
            ),
            format!(
                "A supervisor decides: caja voucher decide {id} --accept (or --reject) --reason TEXT"
            ),
        )
    } else if view.waiting {
        (
            format!("Siguiente: caja voucher status {id} --wait 120"),
            format!("Next: caja voucher status {id} --wait 120"),
        )
    } else {
        return None;
    };
    Some(say(lang, es, en))
}

/// `caja voucher register`: the voucher as it now stands, headed by its id.
pub fn voucher_registered(lang: Lang, view: &VoucherFacts<'_>) -> String {
    let heading = say(
        lang,
        format!("Transferencia registrada en aPagos: {}", view.voucher_id),
        format!("Transfer registered with aPagos: {}", view.voucher_id),
    );
    format!("{heading}\n{}", voucher(lang, view))
}

/// `caja voucher cancel` (also when it was canceled already).
pub fn voucher_canceled(lang: Lang, view: &VoucherFacts<'_>) -> String {
    let heading = say(
        lang,
        format!("Transferencia {} anulada en aPagos.", view.voucher_id),
        format!("Transfer {} canceled at aPagos.", view.voucher_id),
    );
    format!("{heading}\n{}", voucher(lang, view))
}

/// `caja voucher resolve`: settled by a supervisor (with aPagos' number, or as never sent).
pub fn voucher_resolved(lang: Lang, view: &VoucherFacts<'_>) -> String {
    let heading = say(
        lang,
        format!("Transferencia {} resuelta.", view.voucher_id),
        format!("Transfer {} settled.", view.voucher_id),
    );
    format!("{heading}\n{}", voucher(lang, view))
}

/// `caja voucher decide`: the supervisor's decision on the validated amount recorded.
pub fn voucher_decided(lang: Lang, view: &VoucherFacts<'_>, accepted: bool) -> String {
    let id = view.voucher_id;
    let heading = if accepted {
        say(
            lang,
            format!("Monto validado de {id} aceptado."),
            format!("The validated amount of {id} accepted."),
        )
    } else {
        say(
            lang,
            format!("Monto validado de {id} no aceptado: tome otro medio de pago."),
            format!("The validated amount of {id} not accepted: take another tender."),
        )
    };
    format!("{heading}\n{}", voucher(lang, view))
}

/// `caja voucher status --wait` ran out of time while aPagos had not decided.
pub fn voucher_wait_ended(lang: Lang, voucher_id: &str, seconds: u64) -> String {
    say(
        lang,
        format!(
            "Pasaron {seconds} s y aPagos aún no decide. Vuelva a consultar: caja voucher status {voucher_id} --wait {seconds}"
        ),
        format!(
            "{seconds} s went by and aPagos has not decided yet. Ask again: caja voucher status {voucher_id} --wait {seconds}"
        ),
    )
}

/// `caja voucher list`: one line per voucher, newest first as given.
pub fn vouchers(lang: Lang, views: &[VoucherFacts<'_>]) -> String {
    if views.is_empty() {
        return say(
            lang,
            "No hay transferencias de hoy ni abiertas en esta caja.",
            "There are no transfers of today nor open ones on this till.",
        );
    }
    let mut text = say(
        lang,
        format!(
            "{:<16} {:<16} {:>14}  {:<14} {:<12} {}\n",
            "Transferencia", "Creada (Lima)", "Monto", "aPagos", "Código", "Situación"
        ),
        format!(
            "{:<16} {:<16} {:>14}  {:<14} {:<12} {}\n",
            "Transfer", "Created (Lima)", "Amount", "aPagos", "Code", "Standing"
        ),
    );
    for view in views {
        let code = view.pays.map_or("-", |(code, _)| code);
        text += &format!(
            "{:<16} {:<16} {:>14}  {:<14} {:<12} {}\n",
            view.voucher_id, view.created_at, view.amount, view.status_label, code, view.headline
        );
    }
    text
}

/// `caja voucher register`'s answer was lost: the voucher that now waits for a supervisor.
pub fn register_lost(lang: Lang, voucher_id: &str) -> String {
    say(
        lang,
        format!(
            "Quedó como {voucher_id}: caja voucher list la muestra sin respuesta. Un supervisor la resuelve: caja voucher resolve {voucher_id} --request-id NÚMERO --reason TEXTO (o --not-sent)."
        ),
        format!(
            "It was kept as {voucher_id}: caja voucher list shows it without an answer. A supervisor settles it: caja voucher resolve {voucher_id} --request-id NUMBER --reason TEXT (or --not-sent)."
        ),
    )
}

/// `--receipt FILE` could not be read.
pub fn receipt_unreadable(lang: Lang, path: &str, problem: &str) -> String {
    say(
        lang,
        format!(
            "No se pudo leer el comprobante «{path}» ({problem}). Indique con --receipt la imagen o el PDF que envió el cliente. No se envió nada."
        ),
        format!(
            "The receipt «{path}» could not be read ({problem}). Give --receipt the image or PDF the customer sent. Nothing was sent."
        ),
    )
}

/// `--customer` without `--code`, or the other way round.
pub fn sale_half_given(lang: Lang) -> String {
    say(
        lang,
        "Para que la transferencia pague una cuota inicial, indique los dos: --customer DNI|RUC y --code CÓDIGO_DE_FINANCIAMIENTO (o ninguno, para solo validarla). No se envió nada.",
        "For the transfer to pay a down payment, give both --customer DNI|RUC and --code FUNDING_CODE (or neither, to have it only checked). Nothing was sent.",
    )
}

/// `caja voucher resolve` without `--request-id` nor `--not-sent`.
pub fn resolution_missing(lang: Lang) -> String {
    say(
        lang,
        "Indique --request-id con el número de aPagos de la transferencia, o --not-sent si nunca llegó a aPagos. No se hizo nada.",
        "Give --request-id with aPagos' number for the transfer, or --not-sent if it never reached aPagos. Nothing was done.",
    )
}

/// `caja voucher decide` without `--accept` nor `--reject`.
pub fn decision_missing(lang: Lang) -> String {
    say(
        lang,
        "Indique --accept para facturar con el monto que validó aPagos, o --reject para tomar otro medio de pago. No se hizo nada.",
        "Give --accept to bill with the amount aPagos validated, or --reject to take another tender. Nothing was done.",
    )
}

/// `caja sync`, after the credit sales: transfers still waiting for aPagos (Caja bills them once
/// validated).
pub fn vouchers_waiting(lang: Lang, waiting: usize) -> String {
    say(
        lang,
        format!(
            "Transferencias: {waiting} esperando a aPagos; Caja factura sola las que valide (caja voucher list).\n"
        ),
        format!(
            "Transfers: {waiting} waiting for aPagos; Caja bills by itself the ones it validates (caja voucher list).\n"
        ),
    )
}

/// `caja settings show`: the store's accounts at aPagos (the simulator's demo ones when none is set).
pub fn bank_accounts_shown(lang: Lang, accounts: &[String]) -> String {
    if accounts.is_empty() {
        return say(
            lang,
            "Cuentas para transferencias (aPagos): (sin configurar; en sandbox, las de demostración)",
            "Accounts for transfers (aPagos): (not set; in sandbox, the demo ones)",
        );
    }
    say(
        lang,
        format!(
            "Cuentas para transferencias (aPagos): {}",
            accounts.join(", ")
        ),
        format!("Accounts for transfers (aPagos): {}", accounts.join(", ")),
    )
}
