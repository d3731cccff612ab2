//! How `caja order` says its answers: under `--json` the desk's views as they are (the desktop's
//! `CreditOrderView`, amounts as `{centimos, text}`), with the action that was done; as text, the lines
//! worded by `desk::wording::cli` from the views' facts.

use desk::views::{CreditOrderView, OrderCallView, OrderLimitsView};
use desk::wording::cli::{self as words, LimitsFacts, OrderFacts, RefundFacts};
use serde_json::json;
use till::error::OrderAction;
use till::operation::OperationState;

use crate::output::Printer;

/// The view's facts the text says.
fn facts(view: &CreditOrderView) -> OrderFacts<'_> {
    OrderFacts {
        order_id: &view.order_id,
        amount: &view.amount.text,
        description: &view.description,
        status_label: &view.status_label,
        advice: &view.advice,
        redirect_to: view.redirect_to.as_deref(),
        expires_at: &view.expires_at_lima,
        created_at: &view.created_at_lima,
        customer_name: &view.customer_name,
        dni: &view.dni,
        refunded: &view.refunded.text,
        refundable: &view.refundable.text,
        any_refunded: view.refunded.centimos > 0,
        pending_call: view.pending_call.as_deref(),
        open: view.open,
        can_confirm: view.can_confirm,
        can_refund: view.can_refund,
    }
}

pub fn limits(
    printer: &Printer,
    view: &OrderLimitsView,
    amount: Option<&str>,
    add_on: Option<&str>,
) {
    let limits = LimitsFacts {
        min: &view.min.text,
        max: &view.max.text,
        min_steps: view.min_steps,
        max_steps: view.max_steps,
        fetched_at: &view.fetched_at_lima,
        from_cache: view.from_cache,
    };
    let mut text = words::order_limits(printer.lang, &limits);
    if let (Some(amount), Some(add_on)) = (amount, add_on) {
        text = format!("{text}\n{}", words::add_on(printer.lang, amount, add_on));
    }
    let details = json!({ "action": "limits", "limits": view, "add_on": add_on });
    printer.success("order", details, &text);
}

pub fn created(printer: &Printer, view: &CreditOrderView, qr: bool) {
    let text = words::order_created(printer.lang, &facts(view));
    let (text, drawn) = with_qr(text, view, qr);
    let details = json!({ "action": "create", "order": view, "qr_text": drawn });
    printer.success("order", details, &text);
}

/// With `--qr`, the open order's link drawn after the text (and under `qr_text` in JSON).
fn with_qr(text: String, view: &CreditOrderView, qr: bool) -> (String, Option<String>) {
    let drawn = view
        .redirect_to
        .as_deref()
        .filter(|_| qr && view.open)
        .and_then(super::qr::half_blocks);
    match &drawn {
        Some(code) => (format!("{text}\n\n{code}"), drawn),
        None => (text, None),
    }
}

/// `caja order status`: `waited` is `--wait`'s seconds, when given; `still_open` says the order was
/// still open when the answer was printed.
pub fn status(printer: &Printer, view: &CreditOrderView, waited: Option<u64>, qr: bool) {
    let mut text = words::order(printer.lang, &facts(view));
    if let Some(seconds) = waited.filter(|_| view.open) {
        text = format!(
            "{text}\n{}",
            words::wait_ended(printer.lang, &view.order_id, seconds)
        );
    }
    let (text, drawn) = with_qr(text, view, qr);
    let details = json!({
        "action": "status",
        "order": view,
        "waited_seconds": waited,
        "still_open": view.open,
        "qr_text": drawn,
    });
    printer.success("order", details, &text);
}

pub fn list(printer: &Printer, views: &[CreditOrderView]) {
    let rows: Vec<OrderFacts<'_>> = views.iter().map(facts).collect();
    let text = words::orders(printer.lang, &rows);
    printer.success("order", json!({ "action": "list", "orders": views }), &text);
}

pub fn confirmed(printer: &Printer, view: &CreditOrderView) {
    let text = words::order_confirmed(printer.lang, &facts(view));
    printer.success(
        "order",
        json!({ "action": "confirm", "order": view }),
        &text,
    );
}

pub fn canceled(printer: &Printer, view: &CreditOrderView) {
    let text = words::order_canceled(printer.lang, &facts(view));
    printer.success("order", json!({ "action": "cancel", "order": view }), &text);
}

/// `caja order refund`: the refund just confirmed (the order's newest one) and the order.
pub fn refunded(printer: &Printer, view: &CreditOrderView) {
    let refund = last_refund(view);
    let made = refund.map_or_else(RefundFacts::default, |call| RefundFacts {
        label: call.action_label,
        amount: call.amount.as_ref().map_or("", |money| money.text.as_str()),
        method: call.refund_method.as_deref(),
        tracking: call.tracking_id.as_deref(),
    });
    let text = words::order_refunded(printer.lang, &facts(view), &made);
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
