//! The till end to end against the real sandbox over loopback, with a real SQLite file in a temp dir:
//! what each operation returns, and what the journal and the summary cache hold afterwards.

use desk::{Explain, Lang};
use providers::apurata::downpayment::{DownpaymentStatus, MOCK_TOKEN};
use sandbox::{RunningSandbox, SandboxConfig, demo};
use tempfile::TempDir;
use till::identity::{parse_customer, parse_dni};
use till::{
    ApiToken, CustomerId, HttpSettings, Mode, OperationKind, OperationState, Soles, Till,
    TillConfig, TillError,
};

struct Fixture {
    dir: TempDir,
    sandbox: RunningSandbox,
}

impl Fixture {
    async fn new() -> Fixture {
        let sandbox = sandbox::start(SandboxConfig::default()).await.unwrap();
        Fixture {
            dir: tempfile::tempdir().unwrap(),
            sandbox,
        }
    }

    fn till(&self) -> Till {
        self.till_with(Mode::Sandbox, MOCK_TOKEN)
    }

    fn till_with(&self, mode: Mode, token: &str) -> Till {
        Till::open(TillConfig {
            data_dir: self.dir.path().to_owned(),
            mode,
            api_url: self.sandbox.url().to_owned(),
            token: ApiToken::new(token),
            http: HttpSettings::default(),
        })
        .unwrap()
    }
}

fn docs_pair() -> (CustomerId, &'static str) {
    (
        parse_dni(demo::DOCS_PAIR.dni).unwrap(),
        demo::DOCS_PAIR.funding_code,
    )
}

#[tokio::test]
async fn check_pay_undo_pay_again() {
    let fixture = Fixture::new().await;
    let till = fixture.till();
    let (customer, code) = docs_pair();

    let pending = till.check(&customer, &code.parse().unwrap()).await.unwrap();
    assert_eq!(pending.info.downpayment_status, DownpaymentStatus::Pending);
    assert_eq!(pending.amount_to_collect, Soles::from_centimos(57_998));
    assert!(!pending.handover_allowed);
    desk::test_support::open_shift(&till).await;

    let paid = till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap();
    assert_eq!(paid.state, OperationState::Confirmed);
    assert_eq!(paid.downpayment_amount, Some(Soles::from_centimos(57_998)));

    let done = till.check(&customer, &code.parse().unwrap()).await.unwrap();
    assert_eq!(done.info.downpayment_status, DownpaymentStatus::Fulfilled);
    assert!(done.info.billed_by_ecommerce);
    assert_eq!(done.amount_to_collect, Soles::ZERO);
    assert!(done.handover_allowed);

    let undone = till
        .undo(&customer, &code.parse().unwrap(), None)
        .await
        .unwrap();
    assert_eq!(undone.state, OperationState::Confirmed);
    let after_undo = till.check(&customer, &code.parse().unwrap()).await.unwrap();
    assert!(!after_undo.handover_allowed);
    assert_eq!(
        after_undo.amount_to_collect,
        Soles::ZERO,
        "the down payment stays paid"
    );

    till.pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap();
    let billings = fixture.sandbox.state().billing_events();
    assert_eq!(
        billings.len(),
        3,
        "billed, unbilled, billed again: {billings:?}"
    );

    let history = till.history(None).unwrap();
    let kinds: Vec<_> = history.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            OperationKind::PaidAndBilled,
            OperationKind::Check,
            OperationKind::UndoBilling,
            OperationKind::Check,
            OperationKind::PaidAndBilled,
            OperationKind::Check,
        ],
        "newest first"
    );
    assert!(history.iter().all(|e| e.state == OperationState::Confirmed));
    assert!(history.iter().all(|e| e.mode == Mode::Sandbox));
    let keys: std::collections::HashSet<_> = history.iter().map(|e| &e.idempotency_key).collect();
    assert_eq!(keys.len(), history.len(), "every operation has its own key");
}

#[tokio::test]
async fn refusals_are_journaled_with_the_providers_reason() {
    let fixture = Fixture::new().await;
    let till = fixture.till();
    let (customer, code) = docs_pair();
    desk::test_support::open_shift(&till).await;

    let error = till
        .undo(&customer, &code.parse().unwrap(), None)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "not_billed_yet");
    assert!(
        error
            .message(Lang::Es)
            .contains("todavía no está facturado"),
        "{error}"
    );

    let error = till
        .check(&customer, &"7654321".parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "funding_code_not_found");

    let stranger = parse_dni("11111111").unwrap();
    let error = till
        .pay(&stranger, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        "funding_code_not_found",
        "a code only answers to its own customer"
    );

    let history = till.history(None).unwrap();
    assert_eq!(history.len(), 3);
    for entry in &history {
        assert_eq!(entry.state, OperationState::Rejected);
        assert!(entry.reason.as_deref().is_some_and(|r| !r.is_empty()));
        assert!(matches!(entry.http_status, Some(400 | 404)));
    }
    assert!(fixture.sandbox.state().billing_events().is_empty());
}

#[tokio::test]
async fn a_refused_token_says_so() {
    let fixture = Fixture::new().await;
    let till = fixture.till_with(Mode::Sandbox, "not-the-token");
    let (customer, code) = docs_pair();
    desk::test_support::open_shift(&till).await;
    let error = till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "token_refused");
    assert!(matches!(error, TillError::Refused { .. }));
    assert_eq!(till.history(None).unwrap()[0].http_status, Some(401));
}

#[tokio::test]
async fn an_unreachable_provider_leaves_an_unknown_outcome() {
    let fixture = Fixture::new().await;
    let till = fixture.till();
    let (customer, code) = docs_pair();
    let Fixture { dir, sandbox } = fixture;
    sandbox.shutdown().await;
    desk::test_support::open_shift(&till).await;

    let error = till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "provider_unreachable");
    assert!(error.message(Lang::Es).contains("NO entregue"), "{error}");
    let entry = &till.history(None).unwrap()[0];
    assert_eq!(entry.kind, OperationKind::PaidAndBilled);
    assert_eq!(entry.state, OperationState::Unknown);
    drop(dir);
}

#[tokio::test]
async fn undo_with_a_company_ruc_is_refused_before_sending() {
    let fixture = Fixture::new().await;
    let till = fixture.till();
    let company = parse_customer(demo::COMPANY_RUC.ruc.unwrap()).unwrap();
    desk::test_support::open_shift(&till).await;
    let error = till
        .undo(
            &company,
            &demo::COMPANY_RUC.funding_code.parse().unwrap(),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert_eq!(error.field(), Some("ruc"));
    assert!(
        till.history(None).unwrap().is_empty(),
        "nothing sent, nothing journaled"
    );
}

#[tokio::test]
async fn a_person_ruc_can_pay_and_undo() {
    let fixture = Fixture::new().await;
    let till = fixture.till();
    let ruc = parse_customer(demo::PERSON_RUC.ruc.unwrap()).unwrap();
    let code = demo::PERSON_RUC.funding_code;
    desk::test_support::open_shift(&till).await;
    till.pay(&ruc, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap();
    till.undo(&ruc, &code.parse().unwrap(), None).await.unwrap();
}

#[tokio::test]
async fn the_day_summary_is_cached_for_when_the_provider_is_down() {
    let fixture = Fixture::new().await;
    let till = fixture.till();
    let today = till::clock::lima_today();
    let (customer, code) = docs_pair();
    desk::test_support::open_shift(&till).await;
    till.pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap();

    let fresh = till.day_summary(today).await.unwrap();
    assert!(!fresh.from_cache);
    let paid_here = fresh
        .orders
        .iter()
        .find(|order| order.dni == demo::DOCS_PAIR.dni)
        .expect("the payment just made is in today's summary");
    assert_eq!(paid_here.amount, demo::DOCS_PAIR.downpayment_amount);
    let sum_in_store = Soles::sum(
        fresh
            .orders
            .iter()
            .filter(|o| o.payment_origin == till::PaymentOrigin::External)
            .map(|o| o.amount),
    )
    .unwrap();
    assert_eq!(fresh.totals.total_paid_in_store, sum_in_store);
    assert_eq!(
        fresh.totals.total_purchases.checked_sub(sum_in_store),
        Some(fresh.totals.total_financed)
    );

    let Fixture { dir, sandbox } = fixture;
    sandbox.shutdown().await;
    let cached = till.day_summary(today).await.unwrap();
    assert!(cached.from_cache);
    assert_eq!(cached.totals, fresh.totals);
    assert_eq!(cached.orders, fresh.orders);
    assert_eq!(cached.fetched_at, fresh.fetched_at);

    let never_fetched = today.yesterday().unwrap();
    let error = till.day_summary(never_fetched).await.unwrap_err();
    assert_eq!(error.code(), "summary_unavailable");
    drop(dir);
}

#[tokio::test]
async fn modes_never_see_each_others_data() {
    let fixture = Fixture::new().await;
    let (customer, code) = docs_pair();
    fixture
        .till()
        .check(&customer, &code.parse().unwrap())
        .await
        .unwrap();
    let today = till::clock::lima_today();
    fixture.till().day_summary(today).await.unwrap();

    let mock = fixture.till_with(Mode::Mock, MOCK_TOKEN);
    assert!(mock.history(None).unwrap().is_empty());
    assert_eq!(fixture.till().history(None).unwrap().len(), 1);
}

#[tokio::test]
async fn live_mode_refuses_plain_http_and_a_missing_token() {
    let dir = tempfile::tempdir().unwrap();
    let config = |url: &str, token: &str| TillConfig {
        data_dir: dir.path().to_owned(),
        mode: Mode::Live,
        api_url: url.to_owned(),
        token: ApiToken::new(token),
        http: HttpSettings::default(),
    };
    let error = Till::open(config("http://apurata.com", "t")).err().unwrap();
    assert_eq!(error.field(), Some("api_url"));
    let error = Till::open(config("https://apurata.com", "")).err().unwrap();
    assert_eq!(error.code(), "missing_token");
    assert!(Till::open(config("https://apurata.com", "t")).is_ok());
}

/// The desktop runs these on a multi-threaded runtime: their futures must be `Send` (a database lock
/// held across a request would make them not). Checked at compile time.
#[allow(dead_code)]
fn till_futures_are_send(till: &Till, customer: &CustomerId) {
    fn send<T: Send>(_: T) {}
    send(till.check(customer, &"1234567".parse().unwrap()));
    send(till.pay(
        customer,
        &"1234567".parse().unwrap(),
        till::Payment::cash(None),
    ));
    send(till.undo(customer, &"1234567".parse().unwrap(), None));
    send(till.day_summary(jiff::civil::date(2026, 11, 22)));
    send(till.resolve_due());
    send(till.drain(std::time::Duration::from_secs(1)));
}
