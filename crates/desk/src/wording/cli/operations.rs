//! Words of `caja check`, `caja pay`, `caja undo` and `caja sandbox`, and of how the CLI says a failure.

use providers::apurata::downpayment::{DownpaymentChannel, DownpaymentStatus};
use till::{CheckResult, CustomerId, JournalEntry, OperationKind};

use crate::wording::{Label, Lang, say};

/// The flags that name this customer and code again, for the "next step" line.
fn flags(customer: &CustomerId, code: &str) -> String {
    format!(
        "--{} {} --funding-code {code}",
        customer.field(),
        customer.number()
    )
}

/// `caja check`: the down payment's state, what to collect now, and the next step with the command to
/// type; an operation on the code still without an outcome comes first, as the product must wait.
pub fn check(lang: Lang, customer: &CustomerId, result: &CheckResult) -> String {
    let info = &result.info;
    let pending = info.downpayment_status == DownpaymentStatus::Pending;
    let online = info.downpayment_channel == DownpaymentChannel::ACuotaz;
    let flags = flags(customer, &info.funding_code);
    let status = match (pending, online) {
        (true, _) => say(
            lang,
            "PENDIENTE (se paga en tienda)",
            "PENDING (to be paid in store)",
        ),
        (false, true) => say(lang, "PAGADA en línea (aCuotaz)", "PAID online (aCuotaz)"),
        (false, false) => say(lang, "PAGADA en tienda", "PAID in store"),
    };
    let billed = if info.billed_by_ecommerce {
        say(lang, "sí", "yes")
    } else {
        say(lang, "no", "no")
    };
    let next = if let Some(open) = &result.open_operation {
        say(
            lang,
            format!(
                "ATENCIÓN: la operación n.° {} («{}») de este código aún no tiene resultado. NO entregue el producto; Caja la sigue verificando (caja sync).",
                open.id,
                open.kind.label(lang)
            ),
            format!(
                "WARNING: operation #{} («{}») on this code has no outcome yet. Do NOT hand over the product; Caja keeps checking it (caja sync).",
                open.id,
                open.kind.label(lang)
            ),
        )
    } else if result.handover_allowed {
        say(
            lang,
            "Ya está pagado y facturado: puede entregar el producto.",
            "Already paid and billed: the product may be handed over.",
        )
    } else if pending {
        say(
            lang,
            format!(
                "Cobre {} al cliente y luego márquelo pagado y facturado:\n  caja pay {flags} --tender efectivo|tarjeta|yape|transferencia",
                result.amount_to_collect
            ),
            format!(
                "Collect {} from the customer, then mark it paid and billed:\n  caja pay {flags} --tender cash|card|yape|transfer",
                result.amount_to_collect
            ),
        )
    } else {
        say(
            lang,
            format!(
                "No cobre nada: la cuota inicial ya está pagada. Falta facturar:\n  caja pay {flags} --tender efectivo|tarjeta|yape|transferencia"
            ),
            format!(
                "Collect nothing: the down payment is already paid. It still needs billing:\n  caja pay {flags} --tender cash|card|yape|transfer"
            ),
        )
    };
    say(
        lang,
        format!(
            "Financiamiento {code} ({doc} {number})\n  Cuota inicial:      {status}\n  COBRAR AHORA:       {collect}\n  Total de la compra: {total}\n  Facturado:          {billed}\n{next}",
            code = info.funding_code,
            doc = customer.field().to_uppercase(),
            number = customer.number(),
            collect = result.amount_to_collect,
            total = info.purchase_total,
        ),
        format!(
            "Financing {code} ({doc} {number})\n  Down payment:    {status}\n  COLLECT NOW:     {collect}\n  Purchase total:  {total}\n  Billed:          {billed}\n{next}",
            code = info.funding_code,
            doc = customer.field().to_uppercase(),
            number = customer.number(),
            collect = result.amount_to_collect,
            total = info.purchase_total,
        ),
    )
}

/// `caja pay` or `caja undo` once aCuotaz confirmed it: what was done, and what may happen now.
pub fn operation_confirmed(lang: Lang, entry: &JournalEntry) -> String {
    let flags = flags(&entry.customer, entry.funding_code.as_str());
    match entry.kind {
        OperationKind::UndoBilling => say(
            lang,
            format!(
                "Facturación anulada: aCuotaz lo confirmó (operación n.° {id}).\nLa cuota inicial sigue pagada. Para volver a facturar:\n  caja pay {flags} --tender efectivo|tarjeta|yape|transferencia",
                id = entry.id
            ),
            format!(
                "Billing undone: aCuotaz confirmed it (operation #{id}).\nThe down payment stays paid. To bill again:\n  caja pay {flags} --tender cash|card|yape|transfer",
                id = entry.id
            ),
        ),
        _ => say(
            lang,
            format!(
                "PAGADO Y FACTURADO: aCuotaz lo confirmó (operación n.° {id}).\nYa puede emitir el comprobante y ENTREGAR EL PRODUCTO.",
                id = entry.id
            ),
            format!(
                "PAID AND BILLED: aCuotaz confirmed it (operation #{id}).\nYou may now issue the receipt and HAND OVER THE PRODUCT.",
                id = entry.id
            ),
        ),
    }
}

/// `caja sandbox`: where the simulator listens and how to point a till at it.
pub fn sandbox_listening(lang: Lang, url: &str) -> String {
    say(
        lang,
        format!(
            "Sandbox de aCuotaz escuchando en {url}\nÚselo con: CAJA_API_URL={url} caja check --dni 14159265 --funding-code 1234567\nCtrl+C para detenerlo."
        ),
        format!(
            "aCuotaz sandbox listening on {url}\nUse it with: CAJA_API_URL={url} caja check --dni 14159265 --funding-code 1234567\nCtrl+C stops it."
        ),
    )
}

/// `caja sync` gave up with `count` operations still open: the products wait, and how to go on.
pub fn still_unresolved(lang: Lang, count: usize) -> String {
    say(
        lang,
        format!(
            "{count} operaciones siguen sin resultado: aCuotaz no responde. No entregue esos \
             productos; vuelva a ejecutar «caja sync» más tarde (caja history --pending las lista)."
        ),
        format!(
            "{count} operations still have no outcome: aCuotaz is not answering. Do not hand over \
             those products; run «caja sync» again later (caja history --pending lists them)."
        ),
    )
}

/// What goes before a failure's message on stderr: `Error: …`.
pub fn error_prefix(lang: Lang) -> String {
    say(lang, "Error", "Error")
}
