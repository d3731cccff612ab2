//! How `caja voucher` says its answers: under `--json` the desk's `VoucherView` as it is (the desktop's,
//! amounts as `{centimos, text}`), with the action that was done; as text, the lines worded by
//! `desk::wording::cli` from the view's facts.

use desk::views::{HostedReceiptView, VoucherView};
use desk::wording::cli::{self as words, VoucherFacts};
use serde_json::json;

use crate::output::Printer;

/// The view's facts the text says.
fn facts(view: &VoucherView) -> VoucherFacts<'_> {
    VoucherFacts {
        voucher_id: &view.voucher_id,
        amount: &view.typed.amount.text,
        date: &view.typed.date,
        operation_number: &view.typed.operation_number,
        bank_account: &view.typed.bank_account_id,
        status_label: &view.status_label,
        headline: &view.headline,
        advice: &view.advice,
        created_at: &view.created_at_lima,
        customer_name: &view.customer_fullname,
        customer_dni: &view.customer_dni,
        validated: view.validated.as_ref().map(|values| {
            (
                values.amount.text.as_str(),
                values.date.as_str(),
                values.operation_number.as_str(),
                values.bank_account_id.as_str(),
            )
        }),
        amount_differs: view.amount_differs,
        pays: view
            .funding_code
            .as_deref()
            .zip(view.collect.as_ref().map(|money| money.text.as_str())),
        waiting: view.state == "pending" && super::still_deciding(view),
        needs_decision: view.needs_decision,
        can_resolve: view.can_resolve,
    }
}

/// `caja voucher register`. The receipt's address is not printed: whoever holds it sees the customer's
/// receipt until it expires (aPagos alone needs it, and has it).
pub fn registered(printer: &Printer, view: &VoucherView, receipt: &HostedReceiptView) {
    let text = words::voucher_registered(printer.lang, &facts(view));
    let receipt = json!({ "contentType": receipt.content_type });
    let details = json!({ "action": "register", "voucher": view, "receipt": receipt });
    printer.success("voucher", details, &text);
}

/// `caja voucher status`: `waited` is `--wait`'s seconds, when given; `still_deciding` says aPagos (or
/// the billing after it) had not finished when the answer was printed.
pub fn status(printer: &Printer, view: &VoucherView, waited: Option<u64>) {
    let deciding = super::still_deciding(view);
    let mut text = words::voucher(printer.lang, &facts(view));
    if let Some(seconds) = waited.filter(|_| deciding) {
        text = format!(
            "{text}\n{}",
            words::voucher_wait_ended(printer.lang, &view.voucher_id, seconds)
        );
    }
    let details = json!({
        "action": "status",
        "voucher": view,
        "waited_seconds": waited,
        "still_deciding": deciding,
    });
    printer.success("voucher", details, &text);
}

pub fn list(printer: &Printer, views: &[VoucherView]) {
    let rows: Vec<VoucherFacts<'_>> = views.iter().map(facts).collect();
    let text = words::vouchers(printer.lang, &rows);
    let details = json!({ "action": "list", "vouchers": views });
    printer.success("voucher", details, &text);
}

pub fn canceled(printer: &Printer, view: &VoucherView) {
    let text = words::voucher_canceled(printer.lang, &facts(view));
    let details = json!({ "action": "cancel", "voucher": view });
    printer.success("voucher", details, &text);
}

pub fn resolved(printer: &Printer, view: &VoucherView) {
    let text = words::voucher_resolved(printer.lang, &facts(view));
    let details = json!({ "action": "resolve", "voucher": view });
    printer.success("voucher", details, &text);
}

pub fn decided(printer: &Printer, view: &VoucherView, accepted: bool) {
    let text = words::voucher_decided(printer.lang, &facts(view), accepted);
    let details = json!({ "action": "decide", "accepted": accepted, "voucher": view });
    printer.success("voucher", details, &text);
}
