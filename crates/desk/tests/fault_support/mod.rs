//! A till in front of a sandbox that injects one fault, and the walk every "outcome unknown" fault is
//! checked with: shared by the fault tests of this crate.

// Each test binary that includes this module uses a part of it.
#![allow(dead_code)]

use desk::Explain;
use std::time::Duration;

use desk::Lang;
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{
    BillingKind, Endpoint, Fault, FaultPlan, FaultRule, RunningSandbox, SandboxConfig, demo,
};
use till::identity::parse_dni;
use till::{
    ApiToken, CustomerId, HttpSettings, Mode, OperationKind, OperationState, Till, TillConfig,
};

/// Short enough that a hang outlasts it, long enough for a loaded CI machine's honest answers.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(2);

pub struct Counter {
    pub provider: RunningSandbox,
    pub till: Till,
    _dir: tempfile::TempDir,
}

/// A fresh till and a sandbox injecting `fault` into every request to `endpoint`.
pub async fn counter_with_fault(endpoint: Endpoint, fault: Fault) -> Counter {
    let plan = FaultPlan::new(vec![FaultRule::always(Some(endpoint), fault)]);
    counter_with_plan(plan, 0).await
}

/// A fresh till and a sandbox following `plan`, its draws seeded with `seed`.
pub async fn counter_with_plan(plan: FaultPlan, seed: u64) -> Counter {
    let provider = sandbox::start(SandboxConfig {
        faults: plan,
        fault_seed: seed,
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
    desk::test_support::open_shift(&till).await;
    Counter {
        provider,
        till,
        _dir: dir,
    }
}

pub fn docs_pair() -> (CustomerId, &'static str) {
    (
        parse_dni(demo::DOCS_PAIR.dni).unwrap(),
        demo::DOCS_PAIR.funding_code,
    )
}

pub fn billing_events(counter: &Counter, code: &str, kind: BillingKind) -> usize {
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
pub async fn payment_outcome_unknown_then_resolved(fault: Fault, expected_code: &str) {
    let counter = counter_with_fault(Endpoint::PaidAndBilled, fault).await;
    let (customer, code) = docs_pair();
    counter
        .till
        .check(&customer, &code.parse().unwrap())
        .await
        .unwrap();

    let error = counter
        .till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap_err();
    assert_eq!(error.code(), expected_code, "{fault}: {error}");
    let words = error.message(Lang::Es);
    assert!(words.contains("NO entregue"), "{fault}: {words}");

    let open = counter.till.open_operations().unwrap();
    assert_eq!(open.len(), 1, "{fault}");
    assert_eq!(open[0].state, OperationState::Unknown, "{fault}");

    let look = counter
        .till
        .check(&customer, &code.parse().unwrap())
        .await
        .unwrap();
    assert!(
        !look.handover_allowed,
        "{fault}: hand-over stays locked while the payment is unresolved"
    );
    assert!(look.open_operation.is_some(), "{fault}");
    let again = counter
        .till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap_err();
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
    let look = counter
        .till
        .check(&customer, &code.parse().unwrap())
        .await
        .unwrap();
    assert!(look.handover_allowed, "{fault}: now the product may go");
}
