//! How `caja order` says its answers: under `--json` the desk's views as they are (the desktop's
//! `CreditOrderView`, amounts as `{centimos, text}`), with the action that was done; as text, the lines
//! worded by `desk::wording::cli`.

use desk::views::{CreditOrderView, OrderCallView, OrderLimitsView};
use desk::wording::cli as words;
use serde_json::json;
use till::error::OrderAction;
use till::operation::OperationState;

use crate::output::Printer;

pub fn limits(
    printer: &Printer,
    view: &OrderLimitsView,
    amount: Option<&str>,
    add_on: Option<&str>,
) {
    let mut text = words::order_limits(printer.lang, view);
    if let (Some(amount), Some(add_on)) = (amount, add_on) {
        text = format!("{text}\n{}", words::add_on(printer.lang, amount, add_on));
    }
    let details = json!({ "action": "limits", "limits": view, "add_on": add_on });
    printer.success("order", details, &text);
}

pub fn created(printer: &Printer, view: &CreditOrderView) {
    let text = words::order_created(printer.lang, view);
    printer.success("order", json!({ "action": "create", "order": view }), &text);
}

/// `caja order status`: `waited` is `--wait`'s seconds, when given; `still_open` says the order was
/// still open when the answer was printed.
pub fn status(printer: &Printer, view: &CreditOrderView, waited: Option<u64>) {
    let mut text = words::order(printer.lang, view);
    if let Some(seconds) = waited.filter(|_| view.open) {
        text = format!(
            "{text}\n{}",
            words::wait_ended(printer.lang, &view.order_id, seconds)
        );
    }
    let details = json!({
        "action": "status",
        "order": view,
        "waited_seconds": waited,
        "still_open": view.open,
    });
    printer.success("order", details, &text);
}

pub fn list(printer: &Printer, views: &[CreditOrderView]) {
    let text = words::orders(printer.lang, views);
    printer.success("order", json!({ "action": "list", "orders": views }), &text);
}

pub fn confirmed(printer: &Printer, view: &CreditOrderView) {
    let text = words::order_confirmed(printer.lang, view);
    printer.success(
        "order",
        json!({ "action": "confirm", "order": view }),
        &text,
    );
}

pub fn canceled(printer: &Printer, view: &CreditOrderView) {
    let text = words::order_canceled(printer.lang, view);
    printer.success("order", json!({ "action": "cancel", "order": view }), &text);
}

/// `caja order refund`: the refund just confirmed (the order's newest one) and the order.
pub fn refunded(printer: &Printer, view: &CreditOrderView) {
    let refund = last_refund(view);
    let text = words::order_refunded(printer.lang, view, refund);
    let details = json!({ "action": "refund", "refund": refund, "order": view });
    printer.success("order", details, &text);
}

fn last_refund(view: &CreditOrderView) -> Option<&OrderCallView> {
    view.calls.iter().rev().find(|call| {
        matches!(
            call.action,
            OrderAction::TotalRefund | OrderAction::PartialRefund
        ) && call.state == OperationState::Confirmed
    })
}
