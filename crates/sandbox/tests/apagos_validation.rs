//! The aPagos validation over loopback HTTP: the decision after the delay with the values corrected,
//! the INVALID rules (operation number, receipt format), a status the document never lists, the
//! webhook's callback and its retries, the admin routes, and the faults (the lost register above all).

mod apagos_support;
mod common;

use std::time::Duration;

use apagos_support::*;
use common::{Caller, Outcome, outcome, start};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{ApagosFaults, VoucherStatus};
use serde_json::{Value, json};

fn typed(webhook: &str, operation_number: &str, receipt: Option<&str>) -> Value {
    let mut body = example(webhook);
    body["operation_number"] = json!(operation_number);
    if let Some(receipt) = receipt {
        body["receipt"] = json!(receipt);
    }
    body
}

#[tokio::test]
async fn a_voucher_is_pending_then_validated_after_the_delay_and_the_webhook_hears_it() {
    let sandbox = start().await;
    fast(&sandbox, 300, 2_000);
    let hook = Webhook::start(0).await;
    let caller = Caller::default();
    let id = register(&caller, &sandbox, example(&hook.url)).await;
    assert_eq!(
        info(&caller, &sandbox, &id).await.json()["status"],
        "PENDING"
    );
    assert!(
        hook.received().is_empty(),
        "no callback before the decision"
    );

    let shown = decided(&caller, &sandbox, &id).await;
    assert_eq!(shown["status"], "VALIDATED");
    assert_eq!(shown["bank_operation_number"], "0001696");
    assert_eq!(
        (&shown["amount"], &shown["operation_number"]),
        (&json!(123.3), &json!("696"))
    );

    let received = hook.wait_for(1).await;
    assert_eq!(
        received[0].body,
        json!({"request_id": id, "order_id": "1001", "status": "VALIDATED"})
    );
    assert!(received[0].headers.get("authorization").is_none());
    let content_type = received[0].headers.get("content-type").unwrap();
    assert_eq!(content_type, "application/json");
}

#[tokio::test]
async fn an_operation_number_ending_in_77_is_validated_with_corrected_values() {
    let sandbox = start().await;
    fast(&sandbox, 0, 1_000);
    let caller = Caller::default();
    let id = register(
        &caller,
        &sandbox,
        typed("http://127.0.0.1:9/", "12377", None),
    )
    .await;
    let shown = decided(&caller, &sandbox, &id).await;
    let expected = json!({
        "request_id": id, "order_id": "1001", "status": "VALIDATED", "bank_account_id": "BBVA",
        "operation_number": "0012377", "amount": 133.3, "bank_operation_number": "00010012377",
        "detail": "testing INVALID request", "date": "2020-10-29"
    });
    assert_eq!(shown, expected);
    let kept = sandbox.apagos().voucher(&id).unwrap();
    assert_eq!(kept.matched.amount.centimos(), 13330);
    assert_eq!(
        kept.typed.amount.centimos(),
        12330,
        "what was typed is kept"
    );

    let id = register(
        &caller,
        &sandbox,
        typed("http://127.0.0.1:9/", "4566", None),
    )
    .await;
    assert_eq!(
        decided(&caller, &sandbox, &id).await["bank_account_id"],
        "BCP-SOLES-001"
    );
}

#[tokio::test]
async fn invalid_rules_and_unsupported_receipts_are_invalid_and_announced() {
    let sandbox = start().await;
    fast(&sandbox, 0, 2_000);
    let hook = Webhook::start(0).await;
    let caller = Caller::default();
    let cases = [
        ("9123", None, "INVALID"),
        (
            "696",
            Some("https://files.example.com/receipt.docx"),
            "INVALID",
        ),
        (
            "696",
            Some("https://files.example.com/receipt.HEIC?x=1"),
            "INVALID",
        ),
        (
            "696",
            Some("https://files.example.com/receipt.PDF"),
            "VALIDATED",
        ),
        (
            "696",
            Some("https://files.example.com/receipts/42"),
            "VALIDATED",
        ),
    ];
    for (count, (operation, receipt, status)) in cases.into_iter().enumerate() {
        let id = register(&caller, &sandbox, typed(&hook.url, operation, receipt)).await;
        let shown = decided(&caller, &sandbox, &id).await;
        assert_eq!(shown["status"], status, "{operation} {receipt:?}");
        if status == "INVALID" {
            assert_eq!(shown["bank_operation_number"], Value::Null);
        }
        let received = hook.wait_for(count + 1).await;
        let last = received.iter().find(|r| r.body["request_id"] == json!(id));
        assert_eq!(last.expect("a callback").body["status"], status);
    }
}

#[tokio::test]
async fn a_status_the_document_never_lists_is_shown_and_can_be_canceled_by_name() {
    let sandbox = start().await;
    fast(&sandbox, 0, 1_000);
    let hook = Webhook::start(0).await;
    let caller = Caller::default();
    let id = register(&caller, &sandbox, typed(&hook.url, "8001", None)).await;
    let shown = decided(&caller, &sandbox, &id).await;
    assert_eq!(shown["status"], "IN_REVIEW");
    let answer = cancel(&caller, &sandbox, &id, r#"{"expected_status": "PENDING"}"#).await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["extra_data"]["status"], "IN_REVIEW");
    cancel(
        &caller,
        &sandbox,
        &id,
        r#"{"expected_status": "IN_REVIEW"}"#,
    )
    .await
    .expect(200, json!({"canceled": true}));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(hook.received().is_empty(), "IN_REVIEW is not announced");
}

#[tokio::test]
async fn a_failing_webhook_is_called_again_and_the_attempts_stop_with_the_window() {
    let sandbox = start().await;
    fast(&sandbox, 0, 3_000);
    let hook = Webhook::start(1).await;
    let caller = Caller::default();
    let id = register(&caller, &sandbox, example(&hook.url)).await;
    let received = hook.wait_for(2).await;
    assert_eq!(received[0].body, received[1].body);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(hook.received().len(), 2, "no more once answered 2xx");
    let attempts = sandbox.apagos().voucher(&id).unwrap().callbacks;
    let codes: Vec<_> = attempts.iter().map(|a| a.http_status).collect();
    assert_eq!(codes, [Some(500), Some(200)]);

    // Always failing: tried at 0, 50, 150, 350 ms (fewer on a loaded machine); the next (750 ms)
    // would be past a 500 ms window, and nothing comes later.
    fast(&sandbox, 0, 500);
    let never = Webhook::start(usize::MAX).await;
    let id = register(&caller, &sandbox, example(&never.url)).await;
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let attempts = sandbox.apagos().voucher(&id).unwrap().callbacks;
    assert!((3..=4).contains(&attempts.len()), "{attempts:?}");
    assert!(attempts.iter().all(|a| a.http_status == Some(500)));
    let span = attempts.last().unwrap().at.duration_since(attempts[0].at);
    assert!(span < jiff::SignedDuration::from_millis(500), "{span:?}");
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        never.received().len(),
        attempts.len(),
        "no attempt after the window"
    );

    let id = register(&caller, &sandbox, example("http://127.0.0.1:9/nobody")).await;
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let attempts = sandbox.apagos().voucher(&id).unwrap().callbacks;
    assert!(
        attempts.len() >= 2 && attempts.iter().all(|a| a.error.is_some()),
        "{attempts:?}"
    );
}

#[tokio::test]
async fn a_lost_register_answer_leaves_a_stored_voucher_nobody_was_told_about() {
    let sandbox = start().await;
    sandbox.apagos().set_faults(ApagosFaults {
        drop_register_answer: 1,
        ..ApagosFaults::default()
    });
    let http = reqwest::Client::new();
    let request = http
        .post(apagos(&sandbox, "register"))
        .bearer_auth(MOCK_TOKEN)
        .json(&example("http://127.0.0.1:9/"));
    assert_eq!(outcome(request).await, Outcome::NoAnswer);
    let stored = sandbox.apagos().vouchers();
    assert_eq!(stored.len(), 1, "the voucher exists");
    assert_eq!(stored[0].status, VoucherStatus::Pending);
    assert_eq!(
        sandbox.apagos().faults(),
        ApagosFaults::default(),
        "used up"
    );

    // Registering again (what a careless client does) makes a second voucher for the same order.
    let caller = Caller::default();
    register(&caller, &sandbox, example("http://127.0.0.1:9/")).await;
    assert_eq!(sandbox.apagos().vouchers().len(), 2);
}

#[tokio::test]
async fn the_fault_and_admin_routes_work_over_http() {
    let sandbox = start().await;
    let caller = Caller::default();
    let admin = |path: &str| format!("{}/__sandbox/apagos/{path}", sandbox.url());
    let faults = json!({"fail_info": 1, "fail_status": 502, "drop_cancel_answer": 1});
    let answer = caller
        .put(&admin("faults"), faults.to_string(), "application/json")
        .await;
    assert_eq!(answer.json()["fail_info"], 1);
    let timing = json!({"validation_delay_ms": 60000});
    let answer = caller
        .put(&admin("timing"), timing.to_string(), "application/json")
        .await;
    assert_eq!(answer.json()["callback_window_ms"], 45000);

    let id = register(&caller, &sandbox, example("http://127.0.0.1:9/")).await;
    let failed = info(&caller, &sandbox, &id).await;
    assert_eq!(failed.status, 502);
    assert!(failed.content_type.unwrap().starts_with("text/html"));
    assert_eq!(
        info(&caller, &sandbox, &id).await.json()["status"],
        "PENDING"
    );

    let request = caller
        .http
        .post(apagos(&sandbox, &format!("cancel/{id}")))
        .bearer_auth(MOCK_TOKEN)
        .json(&json!({"expected_status": "PENDING"}));
    assert_eq!(outcome(request).await, Outcome::NoAnswer);
    assert_eq!(
        info(&caller, &sandbox, &id).await.json()["status"],
        "CANCELED",
        "took effect"
    );

    let listed = caller.get(&admin("vouchers"), &[]).await.json();
    assert_eq!(listed["vouchers"][0]["request_id"], json!(id));
    assert_eq!(listed["vouchers"][0]["typed"]["order_id"], "1001");
    let one = caller.get(&admin(&format!("vouchers/{id}")), &[]).await;
    assert_eq!(one.json()["status"], "CANCELED");
    let status = admin(&format!("vouchers/{id}/status"));
    let set = caller
        .post_json(&status, json!({"status": "ON_HOLD"}))
        .await;
    assert_eq!(set.json()["status"], "ON_HOLD");
    assert_eq!(
        info(&caller, &sandbox, &id).await.json()["status"],
        "ON_HOLD"
    );
    let set = caller
        .post_json(&status, json!({"status": "VALIDATED"}))
        .await;
    assert_eq!(set.json()["bank_operation_number"], "0001696");
    let missing = caller
        .get(&admin("vouchers/601e8d0d4e5f4000201a3a33"), &[])
        .await;
    assert_eq!(missing.status, 404);
    let cleared = caller.delete(&admin("faults")).await;
    assert_eq!(cleared.json()["drop_register_answer"], 0);
}
