//! One test per fault the sandbox can inject, each through the till as a cashier meets it: what the
//! cashier is told while the fault lasts (the error's code and its Spanish words, the check that keeps
//! "hand over" locked), and how the journal ends once the provider answers again: `confirmed`, with
//! the provider holding exactly one billing event, never two and never none.

mod fault_support;

use desk::Explain;
use std::time::Duration;

use desk::Lang;
use fault_support::{
    billing_events, counter_with_fault, docs_pair, payment_outcome_unknown_then_resolved,
};
use sandbox::{BillingKind, Endpoint, Fault};
use till::{OperationKind, OperationState};

#[tokio::test]
async fn latency_is_only_slower() {
    let counter = counter_with_fault(Endpoint::PaidAndBilled, Fault::Latency { millis: 300 }).await;
    let (customer, code) = docs_pair();
    let entry = counter
        .till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap();
    assert_eq!(entry.state, OperationState::Confirmed);
    assert!(counter.till.open_operations().unwrap().is_empty());
    assert_eq!(billing_events(&counter, code, BillingKind::Billed), 1);
}

#[tokio::test]
async fn a_500_html_page_is_an_unknown_outcome() {
    payment_outcome_unknown_then_resolved(Fault::ServerError, "outcome_unknown").await;
}

#[tokio::test]
async fn a_502_is_an_unknown_outcome() {
    payment_outcome_unknown_then_resolved(Fault::BadGateway, "outcome_unknown").await;
}

#[tokio::test]
async fn a_503_is_an_unknown_outcome() {
    payment_outcome_unknown_then_resolved(Fault::Unavailable, "outcome_unknown").await;
}

#[tokio::test]
async fn a_connection_dropped_before_the_effect_is_retried_into_one_billing() {
    payment_outcome_unknown_then_resolved(Fault::DropBeforeEffect, "outcome_unknown").await;
}

#[tokio::test]
async fn a_connection_dropped_after_the_effect_is_not_billed_twice() {
    payment_outcome_unknown_then_resolved(Fault::DropAfterEffect, "outcome_unknown").await;
}

#[tokio::test]
async fn a_truncated_body_is_an_unknown_outcome() {
    payment_outcome_unknown_then_resolved(Fault::TruncatedBody, "outcome_unknown").await;
}

/// A check whose answer is valid JSON of the wrong shape shows nothing to collect and nothing to hand
/// over: the cashier is told the answer could not be read.
#[tokio::test]
async fn a_check_answered_in_the_wrong_shape_shows_nothing_to_hand_over() {
    let counter = counter_with_fault(Endpoint::Info, Fault::WrongShape).await;
    let (customer, code) = docs_pair();
    let error = counter
        .till
        .check(&customer, &code.parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "outcome_unknown");
    assert!(
        error.message(Lang::Es).contains("no se pudo leer"),
        "{}",
        error.message(Lang::Es)
    );
    let checks = counter.till.history(None).unwrap();
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].state, OperationState::Unknown);
    assert_eq!(checks[0].downpayment_amount, None, "no amount was read");
}

/// `paid-and-billed` documents its success as the status alone ("Code: 200 OK", no body): a 200 with
/// any body is the provider's confirmation, and the billing it reports did happen, once.
#[tokio::test]
async fn a_payment_answered_200_in_the_wrong_shape_is_the_documented_confirmation() {
    let counter = counter_with_fault(Endpoint::PaidAndBilled, Fault::WrongShape).await;
    let (customer, code) = docs_pair();
    let entry = counter
        .till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap();
    assert_eq!(entry.state, OperationState::Confirmed);
    assert_eq!(billing_events(&counter, code, BillingKind::Billed), 1);
}

#[tokio::test]
async fn a_hang_past_the_timeout_is_an_unknown_outcome() {
    payment_outcome_unknown_then_resolved(Fault::Hang { millis: 6_000 }, "provider_timeout").await;
}

/// Undo is not idempotent at the provider: an undo whose answer was lost after it took effect must be
/// confirmed by asking (`info`), never by sending it again (which would be refused as not billed).
#[tokio::test]
async fn an_undo_lost_after_its_effect_is_confirmed_by_asking() {
    let counter = counter_with_fault(Endpoint::UndoBilling, Fault::DropAfterEffect).await;
    let (customer, code) = docs_pair();
    counter
        .till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap();

    let error = counter
        .till
        .undo(&customer, &code.parse().unwrap(), None)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "outcome_unknown");
    assert!(
        error.message(Lang::Es).contains("anuló"),
        "{}",
        error.message(Lang::Es)
    );

    // The fault stays on: resolving must not need undo-billing to answer.
    let report = counter.till.drain(Duration::from_secs(20)).await.unwrap();
    assert!(report.still_open.is_empty(), "{report:?}");
    let undo = &counter
        .till
        .history(None)
        .unwrap()
        .into_iter()
        .find(|entry| entry.kind == OperationKind::UndoBilling)
        .unwrap();
    assert_eq!(undo.state, OperationState::Confirmed);
    assert_eq!(billing_events(&counter, code, BillingKind::Unbilled), 1);
    let faulted: u64 = counter
        .provider
        .state()
        .fault_counts()
        .iter()
        .filter(|((endpoint, _), _)| *endpoint == Endpoint::UndoBilling)
        .map(|(_, count)| count)
        .sum();
    assert_eq!(faulted, 1, "the undo was sent once, not repeated");
}
