//! A `200` that is not aCuotaz's answer never turns the card green (issue 8, point 1): a captive
//! portal's page leaves the payment amber until the sandbox really bills it; a mangled answer after a
//! real billing is proven through `info` and shows "hand over" because the sandbox did bill; a proxy's
//! plain-text «OK» stays amber.

use std::time::Duration;

use sandbox::{Endpoint, Fault, FaultPlan, FaultRule};

use crate::check_by_keyboard;
use crate::support::{self, ESCAPE};
use crate::turno::{open_shift, pay_in_cash_by_keyboard};

fn on_payments(fault: Fault) -> FaultPlan {
    FaultPlan::new(vec![FaultRule::always(
        Some(Endpoint::PaidAndBilled),
        fault,
    )])
}

pub(crate) async fn a_200_that_is_not_acuotaz_never_turns_the_card_green() {
    let app = support::launch().await;
    open_shift(&app).await;
    let state = app.sandbox.state();

    // A captive portal answers the payment: amber, no hand-over, nothing billed.
    check_by_keyboard(&app, "14159265", "1234567").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    state.set_fault_plan(on_payments(Fault::PortalPage));
    pay_in_cash_by_keyboard(&app).await;
    app.wait_for_attr("result-card", "data-state", "unknown")
        .await;
    let card = app.text("result-card").await;
    assert!(!card.contains("Puede entregar"), "{card}");
    assert!(app.text("unknown-message").await.contains("NO entregue"));
    assert!(
        !state.financing("1234567").unwrap().billed,
        "the portal billed nothing"
    );
    app.wait_for_text("pending-operations", "1234567").await;

    // The portal goes away: the app settles the payment itself, billed once, and only now is it green.
    state.set_fault_plan(FaultPlan::default());
    app.wait_gone("pending-operations", Duration::from_secs(30))
        .await;
    assert!(state.financing("1234567").unwrap().billed);
    app.click("recheck-button").await;
    app.wait_for_attr("result-card", "data-state", "done").await;

    // The provider bills but its answer arrives mangled: proven through info, green, billed once.
    app.press(ESCAPE).await;
    check_by_keyboard(&app, "10141421358", "1414213").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    state.set_fault_plan(on_payments(Fault::TruncatedJson));
    pay_in_cash_by_keyboard(&app).await;
    app.wait_for_attr("result-card", "data-state", "done").await;
    app.wait_for_text("handover-message", "entregar").await;
    assert!(state.financing("1414213").unwrap().billed);
    let billed_events = state
        .billing_events()
        .iter()
        .filter(|event| event.funding_code == "1414213")
        .count();
    assert_eq!(billed_events, 1, "billed once, never resent");

    // A proxy answers «OK» in plain text: amber again, and nothing billed.
    app.press(ESCAPE).await;
    check_by_keyboard(&app, "20601234565", "5772156").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    state.set_fault_plan(on_payments(Fault::PlainTextOk));
    pay_in_cash_by_keyboard(&app).await;
    app.wait_for_attr("result-card", "data-state", "unknown")
        .await;
    assert!(!state.financing("5772156").unwrap().billed);
    let card = app.text("result-card").await;
    assert!(!card.contains("Puede entregar"), "{card}");
    app.quit().await;
}
