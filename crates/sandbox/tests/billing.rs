//! `POST paid-and-billed` and `POST undo-billing`: effect once and only once, undo and pay again, the
//! RUC rule of undo, field errors from any body, and one billing under concurrent calls.

mod common;

use common::{Caller, TODAY, start, url};
use jiff::civil::DateTime;
use providers::apurata::downpayment::{DownpaymentStatus, PaymentOrigin};
use sandbox::{BillingKind, RunningSandbox, demo};
use serde_json::{Value, json};

fn body(dni: &str, funding_code: &str) -> Value {
    json!({"dni": dni, "funding_code": funding_code})
}

fn kinds(sandbox: &RunningSandbox, funding_code: &str) -> Vec<BillingKind> {
    sandbox
        .state()
        .billing_events()
        .into_iter()
        .filter(|event| event.funding_code == funding_code)
        .map(|event| event.kind)
        .collect()
}

async fn info(sandbox: &RunningSandbox, dni: &str, funding_code: &str) -> Value {
    let answer = Caller::default()
        .get(
            &url(sandbox, "v2", "info"),
            &[("dni", dni), ("funding_code", funding_code)],
        )
        .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    answer.json()
}

#[tokio::test]
async fn paid_and_billed_takes_effect_once() {
    let sandbox = start().await;
    let caller = Caller::default();
    let pay = url(&sandbox, "v2", "paid-and-billed");
    let case = demo::DOCS_PAIR;

    caller
        .post_json(&pay, body(case.dni, case.funding_code))
        .await
        .expect_empty_ok();
    let financing = sandbox.state().financing(case.funding_code).unwrap();
    assert_eq!(financing.status(), DownpaymentStatus::Fulfilled);
    assert!(financing.billed);
    let payment = financing.payment.unwrap();
    assert_eq!(payment.origin, PaymentOrigin::External);
    assert_eq!(payment.paid_at.date(), TODAY);
    let after = info(&sandbox, case.dni, case.funding_code).await;
    assert_eq!(after["downpayment_status"], "FULFILLED");
    assert_eq!(after["downpayment_channel"], "Tienda");
    assert_eq!(after["billed_by_ecommerce"], true);
    assert_eq!(after["downpayment_amount"], 579.98);

    caller
        .post_json(&pay, body(case.dni, case.funding_code))
        .await
        .expect_empty_ok();
    caller
        .post_json(
            &url(&sandbox, "mock", "paid-and-billed"),
            body(case.dni, case.funding_code),
        )
        .await
        .expect_empty_ok();
    assert_eq!(kinds(&sandbox, case.funding_code), [BillingKind::Billed]);
    let unchanged = sandbox.state().financing(case.funding_code).unwrap();
    assert_eq!(
        unchanged.payment,
        Some(payment),
        "a repeated call does not pay again"
    );
}

#[tokio::test]
async fn paid_online_only_becomes_billed() {
    let sandbox = start().await;
    let case = demo::PAID_ONLINE;
    let before = sandbox.state().financing(case.funding_code).unwrap();
    Caller::default()
        .post_json(
            &url(&sandbox, "v2", "paid-and-billed"),
            body(case.dni, case.funding_code),
        )
        .await
        .expect_empty_ok();
    let after = sandbox.state().financing(case.funding_code).unwrap();
    assert!(after.billed);
    assert_eq!(
        after.payment, before.payment,
        "still paid online by card, on the same day"
    );
    assert_eq!(after.payment.unwrap().origin, PaymentOrigin::Card);
    assert_eq!(kinds(&sandbox, case.funding_code), [BillingKind::Billed]);
}

#[tokio::test]
async fn already_billed_is_a_harmless_no_op() {
    let sandbox = start().await;
    let case = demo::ALREADY_BILLED;
    let before = sandbox.state().financing(case.funding_code).unwrap();
    Caller::default()
        .post_json(
            &url(&sandbox, "v2", "paid-and-billed"),
            body(case.dni, case.funding_code),
        )
        .await
        .expect_empty_ok();
    assert_eq!(
        sandbox.state().financing(case.funding_code).unwrap(),
        before
    );
    assert!(sandbox.state().billing_events().is_empty());
}

#[tokio::test]
async fn undo_then_pay_again() {
    let sandbox = start().await;
    let caller = Caller::default();
    let case = demo::ALREADY_BILLED;
    let undo = url(&sandbox, "v2", "undo-billing");
    let paid_before = sandbox
        .state()
        .financing(case.funding_code)
        .unwrap()
        .payment;

    caller
        .post_json(&undo, body(case.dni, case.funding_code))
        .await
        .expect_empty_ok();
    let after_undo = info(&sandbox, case.dni, case.funding_code).await;
    assert_eq!(after_undo["billed_by_ecommerce"], false);
    assert_eq!(
        after_undo["downpayment_status"], "FULFILLED",
        "the down payment stays paid"
    );

    caller
        .post_json(&undo, body(case.dni, case.funding_code))
        .await
        .expect(400, json!({"error": "Not billed yet"}));

    caller
        .post_json(
            &url(&sandbox, "mock", "paid-and-billed"),
            body(case.dni, case.funding_code),
        )
        .await
        .expect_empty_ok();
    let financing = sandbox.state().financing(case.funding_code).unwrap();
    assert!(financing.billed);
    assert_eq!(
        financing.payment, paid_before,
        "billing again does not pay again"
    );
    assert_eq!(
        kinds(&sandbox, case.funding_code),
        [BillingKind::Unbilled, BillingKind::Billed]
    );
}

#[tokio::test]
async fn undo_of_a_code_never_billed() {
    let sandbox = start().await;
    let caller = Caller::default();
    let undo = url(&sandbox, "v2", "undo-billing");
    for case in [demo::DOCS_PAIR, demo::PAID_ONLINE] {
        caller
            .post_json(&undo, body(case.dni, case.funding_code))
            .await
            .expect(400, json!({"error": "Not billed yet"}));
    }
    assert_eq!(
        sandbox
            .state()
            .financing(demo::DOCS_PAIR.funding_code)
            .unwrap()
            .status(),
        DownpaymentStatus::Pending
    );
    assert!(sandbox.state().billing_events().is_empty());
}

#[tokio::test]
async fn person_ruc_bills_and_unbills_by_ruc() {
    let sandbox = start().await;
    let caller = Caller::default();
    let case = demo::PERSON_RUC;
    let by_ruc = json!({"ruc": case.ruc.unwrap(), "funding_code": case.funding_code});
    caller
        .post_json(&url(&sandbox, "v2", "paid-and-billed"), by_ruc.clone())
        .await
        .expect_empty_ok();
    caller
        .post_json(&url(&sandbox, "v2", "undo-billing"), by_ruc)
        .await
        .expect_empty_ok();
    // The DNI inside the RUC names the same financing.
    caller
        .post_json(
            &url(&sandbox, "v2", "paid-and-billed"),
            body(case.dni, case.funding_code),
        )
        .await
        .expect_empty_ok();
    assert_eq!(
        kinds(&sandbox, case.funding_code),
        [
            BillingKind::Billed,
            BillingKind::Unbilled,
            BillingKind::Billed
        ]
    );
}

#[tokio::test]
async fn undo_refuses_a_company_ruc() {
    let sandbox = start().await;
    let caller = Caller::default();
    let case = demo::COMPANY_RUC;
    let by_ruc = json!({"ruc": case.ruc.unwrap(), "funding_code": case.funding_code});
    caller
        .post_json(&url(&sandbox, "v2", "paid-and-billed"), by_ruc.clone())
        .await
        .expect_empty_ok();
    assert_eq!(kinds(&sandbox, case.funding_code), [BillingKind::Billed]);
    for flavor in ["v2", "mock"] {
        caller
            .post_json(&url(&sandbox, flavor, "undo-billing"), by_ruc.clone())
            .await
            .expect(
                400,
                json!({"ruc": "Only RUCs starting with 10 are supported"}),
            );
    }
    caller
        .post_json(
            &url(&sandbox, "v2", "undo-billing"),
            json!({"ruc": case.ruc.unwrap(), "funding_code": "x"}),
        )
        .await
        .expect(
            400,
            json!({
                "ruc": "Only RUCs starting with 10 are supported",
                "funding_code": "Error on funding_code format",
            }),
        );
    assert_eq!(
        kinds(&sandbox, case.funding_code),
        [BillingKind::Billed],
        "still billed"
    );
}

#[tokio::test]
async fn field_errors_from_any_body() {
    let sandbox = start().await;
    let caller = Caller::default();
    let both =
        json!({"dni": "Error on dni format", "funding_code": "Error on funding_code format"});
    for endpoint in ["paid-and-billed", "undo-billing"] {
        let target = url(&sandbox, "v2", endpoint);
        for raw in [
            "",
            "not json",
            "{",
            "[]",
            "null",
            "{}",
            r#"{"dni": null, "funding_code": null}"#,
        ] {
            caller.post(&target, raw).await.expect(400, both.clone());
        }
        caller
            .post_json(&target, json!({"dni": 14159265, "funding_code": "1234567"}))
            .await
            .expect(400, json!({"dni": "Error on dni format"}));
        caller
            .post_json(&target, json!({"dni": "14159265", "funding_code": 1234567}))
            .await
            .expect(400, json!({"funding_code": "Error on funding_code format"}));
        caller
            .post_json(
                &target,
                json!({"dni": "1415926", "funding_code": "1234567"}),
            )
            .await
            .expect(400, json!({"dni": "Error on dni format"}));
        caller
            .post_json(
                &target,
                json!({"ruc": "1014142135", "funding_code": "1414213"}),
            )
            .await
            .expect(400, json!({"ruc": "Error on ruc format"}));
        caller
            .post_json(&target, json!({"funding_code": "1234567"}))
            .await
            .expect(400, json!({"dni": "Error on dni format"}));
    }
    assert!(sandbox.state().billing_events().is_empty());
}

#[tokio::test]
async fn unknown_or_foreign_codes_are_not_found() {
    let sandbox = start().await;
    let caller = Caller::default();
    let not_found = json!({"error": "Funding code does not exist or not active"});
    for endpoint in ["paid-and-billed", "undo-billing"] {
        let target = url(&sandbox, "v2", endpoint);
        caller
            .post_json(&target, body("14159265", "7654321"))
            .await
            .expect(404, not_found.clone());
        caller
            .post_json(
                &target,
                body(demo::PAID_ONLINE.dni, demo::ALREADY_BILLED.funding_code),
            )
            .await
            .expect(404, not_found.clone());
    }
    assert!(sandbox.state().billing_events().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_bill_exactly_once() {
    let sandbox = start().await;
    let pay = url(&sandbox, "v2", "paid-and-billed");
    let http = reqwest::Client::new();
    let case = demo::DOCS_PAIR;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let request = http
            .post(&pay)
            .bearer_auth(providers::apurata::downpayment::MOCK_TOKEN)
            .json(&body(case.dni, case.funding_code));
        tasks.spawn(async move {
            request
                .send()
                .await
                .map(|response| response.status().as_u16())
        });
    }
    while let Some(status) = tasks.join_next().await {
        assert_eq!(status.unwrap().unwrap(), 200);
    }
    assert_eq!(kinds(&sandbox, case.funding_code), [BillingKind::Billed]);
    assert_eq!(sandbox.state().billing_events().len(), 1);
}

#[tokio::test]
async fn a_live_clock_pays_at_the_real_lima_time() {
    let lima_now = || {
        let lima = jiff::tz::TimeZone::get("America/Lima").unwrap();
        jiff::Timestamp::now().to_zoned(lima).datetime()
    };
    let sandbox = common::start_with(sandbox::SandboxConfig::default()).await;
    let before: DateTime = lima_now();
    Caller::default()
        .post_json(
            &url(&sandbox, "v2", "paid-and-billed"),
            body("14159265", "1234567"),
        )
        .await
        .expect_empty_ok();
    let after = lima_now();
    let paid_at = sandbox
        .state()
        .financing("1234567")
        .unwrap()
        .payment
        .unwrap()
        .paid_at;
    assert!(
        before <= paid_at && paid_at <= after,
        "{before} <= {paid_at} <= {after}"
    );
}
