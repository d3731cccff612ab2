//! Refunds: only a funded order is disbursed; the `X-Unique-Token` is required and replays the first
//! answer (the same token twice is one refund); partial refunds add up to the amount and never past
//! it; a total refund takes what is left, then answers `already_refunded`.

mod common;
mod orders_support;

use common::start;
use orders_support::*;
use serde_json::json;

const ID: &str = "T1-000001";
const TOTAL: &str = r#"{"author": "Andy Sanchez", "reason": "Customer returned the product"}"#;

fn partial(amount: f64) -> String {
    json!({"amount": amount, "author": "Andy Sanchez", "reason": "Customer changed the product"})
        .to_string()
}

fn refunded(sandbox: &sandbox::RunningSandbox) -> i64 {
    sandbox.state().order(ID).unwrap().refunded.centimos()
}

#[tokio::test]
async fn a_total_refund_answers_the_document_and_then_already_refunded() {
    let sandbox = start().await;
    funded_order(&sandbox, ID).await;
    let first = refund(&sandbox, ID, "total-refund", Some("token-0001"), TOTAL).await;
    let body = first.json();
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(body["status"], "success");
    assert_eq!(body["successful"], true);
    assert_eq!(
        body["refund_method"], "card",
        "paid online: back to the card"
    );
    let tracking = body["tracking_id"].as_str().unwrap().to_owned();
    assert!(!tracking.is_empty());
    assert_eq!(refunded(&sandbox), 123450);

    let again = refund(&sandbox, ID, "total-refund", Some("token-0002"), TOTAL)
        .await
        .json();
    assert_eq!(again["status"], "already_refunded");
    assert_eq!(again["successful"], true);
    assert_ne!(again["tracking_id"], json!(tracking));
    assert_eq!(refunded(&sandbox), 123450);
    assert_eq!(status(&sandbox, ID).await, "funded");
}

#[tokio::test]
async fn the_same_token_replays_the_first_answer_and_refunds_once() {
    let sandbox = start().await;
    funded_order(&sandbox, ID).await;
    let first = refund(
        &sandbox,
        ID,
        "partial-refund",
        Some("token-0001"),
        &partial(100.0),
    )
    .await;
    assert_eq!(first.json()["status"], "decreased_debt");
    for _ in 0..3 {
        let replay = refund(
            &sandbox,
            ID,
            "partial-refund",
            Some("token-0001"),
            &partial(100.0),
        )
        .await;
        assert_eq!((replay.status, replay.json()), (200, first.json()));
    }
    assert_eq!(
        refunded(&sandbox),
        10000,
        "one refund, whatever the retries"
    );

    // The same token with another request is refused, and refunds nothing.
    let reused = refund(
        &sandbox,
        ID,
        "partial-refund",
        Some("token-0001"),
        &partial(50.0),
    )
    .await;
    assert_eq!(reused.status, 400);
    let message = reused.json()["error"].as_str().unwrap().to_owned();
    assert!(
        message.starts_with("Validation error, field X-Unique-Token"),
        "{message}"
    );
    let as_total = refund(&sandbox, ID, "total-refund", Some("token-0001"), TOTAL).await;
    assert_eq!(as_total.status, 400, "{}", as_total.body);
    assert_eq!(refunded(&sandbox), 10000);

    // A total refund replayed after more refunds still answers its first answer.
    let total = refund(&sandbox, ID, "total-refund", Some("token-0002"), TOTAL)
        .await
        .json();
    assert_eq!(total["status"], "success");
    let replay = refund(&sandbox, ID, "total-refund", Some("token-0002"), TOTAL)
        .await
        .json();
    assert_eq!(replay, total);
    assert_eq!(refunded(&sandbox), 123450);
}

#[tokio::test]
async fn partial_refunds_add_up_and_never_pass_the_amount() {
    let sandbox = start().await;
    funded_order(&sandbox, ID).await;
    let steps = [
        (0.1, "decreased_debt"),
        (0.2, "decreased_debt"),
        (1000.0, "decreased_debt"),
    ];
    for (index, (amount, expected)) in steps.into_iter().enumerate() {
        let token = format!("token-000{index}");
        let answer = refund(
            &sandbox,
            ID,
            "partial-refund",
            Some(&token),
            &partial(amount),
        )
        .await;
        assert_eq!(answer.json()["status"], expected);
    }
    assert_eq!(refunded(&sandbox), 100030, "0.10 + 0.20 + 1000.00, exactly");
    // 1234.50 - 1000.30 = 234.20 left.
    refund(
        &sandbox,
        ID,
        "partial-refund",
        Some("token-over"),
        &partial(234.21),
    )
    .await
    .expect(400, error("Amount must be less than the approved amount"));
    let last = refund(
        &sandbox,
        ID,
        "partial-refund",
        Some("token-last"),
        &partial(234.2),
    )
    .await;
    assert_eq!(
        last.json()["status"],
        "success",
        "it refunds all that was left"
    );
    assert_eq!(refunded(&sandbox), 123450);
    refund(
        &sandbox,
        ID,
        "partial-refund",
        Some("token-more"),
        &partial(0.01),
    )
    .await
    .expect(400, error("Amount must be less than the approved amount"));
    let total = refund(&sandbox, ID, "total-refund", Some("token-total"), TOTAL).await;
    assert_eq!(total.json()["status"], "already_refunded");
}

#[tokio::test]
async fn a_partial_amount_must_be_above_zero() {
    let sandbox = start().await;
    funded_order(&sandbox, ID).await;
    for amount in [0.0, -10.0] {
        refund(
            &sandbox,
            ID,
            "partial-refund",
            Some("token-0001"),
            &partial(amount),
        )
        .await
        .expect(400, error("Amount must be greater than 0"));
    }
    assert_eq!(refunded(&sandbox), 0);
}

#[tokio::test]
async fn only_a_funded_order_is_disbursed() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    for (before, actions) in [("initial", &[][..]), ("approved", &["open", "apply"][..])] {
        play(&sandbox, ID, actions).await;
        assert_eq!(status(&sandbox, ID).await, before);
        refund(&sandbox, ID, "total-refund", Some("token-0001"), TOTAL)
            .await
            .expect(400, error("Disbursement could not be made"));
        refund(
            &sandbox,
            ID,
            "partial-refund",
            Some("token-0002"),
            &partial(10.0),
        )
        .await
        .expect(400, error("Partial disbursement could not be made"));
    }
    // A refused request keeps no answer under its token: once funded, the same token refunds.
    play(&sandbox, ID, &["pay-online"]).await;
    let answer = refund(&sandbox, ID, "total-refund", Some("token-0001"), TOTAL).await;
    assert_eq!(answer.json()["status"], "success");
}

#[tokio::test]
async fn a_canceled_order_is_already_canceled() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    post_action(&sandbox, ID, "cancel").await;
    refund(&sandbox, ID, "total-refund", Some("token-0001"), TOTAL)
        .await
        .expect(400, error("Already canceled"));
    refund(
        &sandbox,
        ID,
        "partial-refund",
        Some("token-0002"),
        &partial(10.0),
    )
    .await
    .expect(400, error("Already canceled"));
}

#[tokio::test]
async fn the_token_header_and_the_body_fields_are_required() {
    let sandbox = start().await;
    funded_order(&sandbox, ID).await;
    for kind in ["total-refund", "partial-refund"] {
        refund(&sandbox, ID, kind, None, &partial(10.0))
            .await
            .expect(
                400,
                error("Validation error, field X-Unique-Token required"),
            );
        refund(&sandbox, ID, kind, Some("   "), &partial(10.0))
            .await
            .expect(
                400,
                error("Validation error, field X-Unique-Token required"),
            );
    }
    let cases = [
        (
            "total-refund",
            r#"{"reason": "r"}"#,
            "Validation error, field author required",
        ),
        (
            "total-refund",
            r#"{"author": "a"}"#,
            "Validation error, field reason required",
        ),
        (
            "total-refund",
            r#"{"author": 7, "reason": "r"}"#,
            "Validation error, field author invalid",
        ),
        // The document's own sample sends single-quoted JSON.
        (
            "total-refund",
            "{\"author\": 'Andy', \"reason\": \"r\"}",
            "Validation error, field author required",
        ),
        (
            "partial-refund",
            r#"{"author": "a", "reason": "r"}"#,
            "Validation error, field amount required",
        ),
        (
            "partial-refund",
            r#"{"amount": "10", "author": "a", "reason": "r"}"#,
            "Validation error, field amount invalid",
        ),
    ];
    for (kind, body, message) in cases {
        refund(&sandbox, ID, kind, Some("token-0001"), body)
            .await
            .expect(400, error(message));
    }
    assert_eq!(refunded(&sandbox), 0);
}

#[tokio::test]
async fn an_in_store_down_payment_is_refunded_by_transfer() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    let order = play(&sandbox, ID, &["open", "apply", "pay-in-store"]).await;
    let code = order["funding_code"].as_str().unwrap().to_owned();
    let pay = common::Caller::default()
        .post_json(
            &common::url(&sandbox, "v2", "paid-and-billed"),
            json!({"dni": APPROVED_DNI, "funding_code": code}),
        )
        .await;
    pay.expect_empty_ok();
    let answer = refund(&sandbox, ID, "total-refund", Some("token-0001"), TOTAL).await;
    assert_eq!(answer.json()["refund_method"], "transfer");
}
