//! One test per fault the sandbox can inject, each through the till as a cashier meets it: what the
//! cashier is told while the fault lasts (the error's code and its Spanish words, the check that keeps
//! "hand over" locked), and how the journal ends once the provider answers again: `confirmed`, with
//! the provider holding exactly one billing event, never two and never none.

use std::time::Duration;

use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{
    BillingKind, Endpoint, Fault, FaultPlan, FaultRule, RunningSandbox, SandboxConfig, demo,
};
use till::identity::parse_dni;
use till::{
    ApiToken, CustomerId, HttpSettings, Lang, Mode, OperationKind, OperationState, Till, TillConfig,
};

/// Short enough that a hang outlasts it, long enough for a loaded CI machine's honest answers.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(2);

struct Counter {
    provider: RunningSandbox,
    till: Till,
    _dir: tempfile::TempDir,
}

async fn counter_with_fault(endpoint: Endpoint, fault: Fault) -> Counter {
    let provider = sandbox::start(SandboxConfig {
        faults: FaultPlan::new(vec![FaultRule::always(Some(endpoint), fault)]),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let till = Till::open(TillConfig {
        data_dir: dir.path().to_owned(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings {
            connect_timeout: CLIENT_TIMEOUT,
            total_timeout: CLIENT_TIMEOUT,
            ..HttpSettings::default()
        },
    })
    .unwrap();
    Counter {
        provider,
        till,
        _dir: dir,
    }
}

fn docs_pair() -> (CustomerId, &'static str) {
    (
        parse_dni(demo::DOCS_PAIR.dni).unwrap(),
        demo::DOCS_PAIR.funding_code,
    )
}

fn billing_events(counter: &Counter, code: &str, kind: BillingKind) -> usize {
    counter
        .provider
        .state()
        .billing_events()
        .iter()
        .filter(|event| event.funding_code == code && event.kind == kind)
        .count()
}

/// The fault hits `paid-and-billed`: the cashier is told the outcome is unknown and not to hand over;
/// a check while the fault lasts keeps hand-over locked and shows the open operation; once the
/// provider is healthy the outbox confirms it, and the provider holds one billing.
async fn payment_outcome_unknown_then_resolved(fault: Fault, expected_code: &str) {
    let counter = counter_with_fault(Endpoint::PaidAndBilled, fault).await;
    let (customer, code) = docs_pair();
    counter.till.check(&customer, code).await.unwrap();

    let error = counter.till.pay(&customer, code).await.unwrap_err();
    assert_eq!(error.code(), expected_code, "{fault}: {error}");
    let words = error.message(Lang::Es);
    assert!(words.contains("NO entregue"), "{fault}: {words}");

    let open = counter.till.open_operations().unwrap();
    assert_eq!(open.len(), 1, "{fault}");
    assert_eq!(open[0].state, OperationState::Unknown, "{fault}");

    let look = counter.till.check(&customer, code).await.unwrap();
    assert!(
        !look.handover_allowed,
        "{fault}: hand-over stays locked while the payment is unresolved"
    );
    assert!(look.open_operation.is_some(), "{fault}");
    let again = counter.till.pay(&customer, code).await.unwrap_err();
    assert_eq!(again.code(), "operation_open", "{fault}: no second payment");

    counter
        .provider
        .state()
        .set_fault_plan(FaultPlan::default());
    let report = counter.till.drain(Duration::from_secs(20)).await.unwrap();
    assert!(report.still_open.is_empty(), "{fault}: {report:?}");
    let payments: Vec<_> = counter
        .till
        .history(None)
        .unwrap()
        .into_iter()
        .filter(|entry| entry.kind == OperationKind::PaidAndBilled)
        .collect();
    assert_eq!(
        payments.len(),
        1,
        "{fault}: one journal row for one payment"
    );
    assert_eq!(payments[0].state, OperationState::Confirmed, "{fault}");
    assert_eq!(
        billing_events(&counter, code, BillingKind::Billed),
        1,
        "{fault}: billed exactly once"
    );
    let look = counter.till.check(&customer, code).await.unwrap();
    assert!(look.handover_allowed, "{fault}: now the product may go");
}

#[tokio::test]
async fn latency_is_only_slower() {
    let counter = counter_with_fault(Endpoint::PaidAndBilled, Fault::Latency { millis: 300 }).await;
    let (customer, code) = docs_pair();
    let entry = counter.till.pay(&customer, code).await.unwrap();
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
    let error = counter.till.check(&customer, code).await.unwrap_err();
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
    let entry = counter.till.pay(&customer, code).await.unwrap();
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
    counter.till.pay(&customer, code).await.unwrap();

    let error = counter.till.undo(&customer, code, None).await.unwrap_err();
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
