//! How `caja aplazame` says its answers: under `--json` the desk's `CheckoutView` as it is (the
//! desktop's, amounts as `{cents, text}`), with the action that was done; as text, the lines worded by
//! `desk::wording::cli` from the view's facts.

use desk::views::CheckoutView;
use desk::wording::cli::{self as words, CheckoutFacts};
use serde_json::json;

use crate::output::Printer;

fn facts(view: &CheckoutView) -> CheckoutFacts<'_> {
    CheckoutFacts {
        order_id: &view.order_id,
        total: &view.total.text,
        customer: view
            .customer_name
            .as_deref()
            .unwrap_or(&view.customer_email),
        state: &view.state,
        status: view.status.as_deref(),
        status_reason: view.status_reason.as_deref(),
        headline: &view.headline,
        advice: &view.advice,
        alert: &view.alert,
        decision: view.decision.as_deref(),
        decided_by: view.decided_by.as_deref(),
        handover_allowed: view.handover_allowed,
        can_decide: view.can_decide,
        can_resolve: view.can_resolve,
        created_at: &view.created_at,
    }
}

/// One checkout after `action`; `waited` is `--wait`'s seconds, when given.
pub fn one(printer: &Printer, action: &str, view: &CheckoutView, waited: Option<u64>) {
    let text = words::checkout(printer.lang, &facts(view));
    let details = json!({
        "action": action,
        "checkout": view,
        "waited_seconds": waited,
        "still_moving": super::still_moving(view),
    });
    printer.success("aplazame", details, &text);
}

pub fn list(printer: &Printer, views: &[CheckoutView]) {
    let rows: Vec<CheckoutFacts<'_>> = views.iter().map(facts).collect();
    let text = words::checkouts(printer.lang, &rows);
    let details = json!({ "action": "list", "checkouts": views });
    printer.success("aplazame", details, &text);
}
