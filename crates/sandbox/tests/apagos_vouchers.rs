//! The aPagos vouchers endpoints over loopback HTTP, as the document answers them: the token, register
//! with every field's refusal in plain text, info, cancel with its `invalid_status` JSON, `404`s, and a
//! duplicate `order_id` making a second voucher.

mod apagos_support;
mod common;

use apagos_support::*;
use common::{Caller, start};
use serde_json::{Value, json};

/// Nothing listens there: a decision reached during a test calls no one on the network.
const HOOK: &str = "http://127.0.0.1:9/apagos";

#[tokio::test]
async fn every_endpoint_wants_the_token_and_says_nothing_without_it() {
    let sandbox = start().await;
    let id = register(&Caller::default(), &sandbox, example(HOOK)).await;
    for caller in [Caller::with_token(None), Caller::with_token(Some("wrong"))] {
        let answers = [
            caller
                .post_json(&apagos(&sandbox, "register"), json!({}))
                .await,
            info(&caller, &sandbox, &id).await,
            info(&caller, &sandbox, "601e8d0d4e5f4000201a3a33").await,
            cancel(&caller, &sandbox, &id, r#"{"expected_status": "PENDING"}"#).await,
            caller
                .get(&format!("{}/__sandbox/apagos/vouchers", sandbox.url()), &[])
                .await,
        ];
        for answer in answers {
            assert_eq!(
                (answer.status, answer.body.as_str()),
                (401, ""),
                "{answer:?}"
            );
        }
    }
    assert_eq!(sandbox.apagos().vouchers().len(), 1, "nothing registered");
    let id_status = sandbox.apagos().voucher(&id).unwrap().status;
    assert_eq!(id_status.as_str(), "PENDING", "nothing canceled");
}

#[tokio::test]
async fn the_documents_example_registers_and_info_shows_it_pending() {
    let sandbox = start().await;
    let caller = Caller::default();
    let id = register(&caller, &sandbox, example(HOOK)).await;
    info(&caller, &sandbox, &id).await.expect(
        200,
        json!({
            "request_id": id, "order_id": "1001", "status": "PENDING", "bank_account_id": "BBVA",
            "operation_number": "696", "amount": 123.3, "bank_operation_number": null,
            "detail": "testing INVALID request", "date": "2020-10-30"
        }),
    );
    let kept = sandbox.apagos().voucher(&id).unwrap();
    assert_eq!(
        kept.typed.amount,
        providers::money::Soles::from_centimos(12330)
    );
    assert_eq!(kept.typed.customer_fullname, "Juan Pérez Aguilar");

    let mut without_detail = example(HOOK);
    without_detail.as_object_mut().unwrap().remove("detail");
    without_detail["extra"] = json!({"anything": [1, 2]});
    let id = register(&caller, &sandbox, without_detail).await;
    assert_eq!(
        info(&caller, &sandbox, &id).await.json()["detail"],
        Value::Null
    );
}

#[tokio::test]
async fn every_bad_field_is_a_plain_text_400_naming_it_and_stores_nothing() {
    let sandbox = start().await;
    let caller = Caller::default();
    let cases: Vec<(&str, Option<Value>)> = vec![
        ("amount", None),
        ("amount", Some(json!("123.30"))),
        ("amount", Some(json!(0))),
        ("amount", Some(json!(-12.5))),
        ("amount", Some(json!(12.345))),
        ("amount", Some(json!(null))),
        ("date", None),
        ("date", Some(json!("30/10/2020"))),
        ("date", Some(json!("2020-02-30"))),
        ("date", Some(json!(20201030))),
        ("operation_number", None),
        ("operation_number", Some(json!(""))),
        ("operation_number", Some(json!(696))),
        ("bank_account_id", None),
        ("bank_account_id", Some(json!("SCOTIA-999"))),
        ("order_id", None),
        ("order_id", Some(json!("  "))),
        ("webhook", None),
        ("webhook", Some(json!("/relative/hook"))),
        ("webhook", Some(json!("ftp://hooks.example.com/x"))),
        ("webhook", Some(json!("not a url"))),
        ("customer_dni", None),
        ("customer_fullname", None),
        ("receipt", None),
        ("receipt", Some(json!("receipt.jpg"))),
        ("detail", Some(json!(42))),
        ("extra", Some(json!("flag"))),
        ("extra", Some(json!([1]))),
    ];
    for (field, value) in cases {
        let mut body = example(HOOK);
        match &value {
            None => drop(body.as_object_mut().unwrap().remove(field)),
            Some(value) => body[field] = value.clone(),
        }
        let answer = caller.post_json(&apagos(&sandbox, "register"), body).await;
        assert_plain_refusal(&answer, field);
        assert!(answer.body.len() < 200, "a short string: {answer:?}");
        assert!(
            serde_json::from_str::<Value>(&answer.body).is_err(),
            "not JSON: {answer:?}"
        );
    }
    for raw in ["{\"amount\": ", "[]", "\"text\"", ""] {
        let answer = caller.post(&apagos(&sandbox, "register"), raw).await;
        assert_plain_refusal(&answer, "Invalid JSON");
    }
    assert!(sandbox.apagos().vouchers().is_empty());
}

#[tokio::test]
async fn every_onboarded_account_is_accepted() {
    let sandbox = start().await;
    let caller = Caller::default();
    for account in ["BBVA", "BCP-SOLES-001", "BBVA-SOLES-002", "INTERBANK-003"] {
        let mut body = example(HOOK);
        body["bank_account_id"] = json!(account);
        body["amount"] = json!(50);
        let id = register(&caller, &sandbox, body).await;
        let shown = info(&caller, &sandbox, &id).await.json();
        assert_eq!(
            (&shown["bank_account_id"], &shown["amount"]),
            (&json!(account), &json!(50.0))
        );
    }
}

#[tokio::test]
async fn an_unknown_or_malformed_request_id_is_404_on_info_and_cancel() {
    let sandbox = start().await;
    let caller = Caller::default();
    register(&caller, &sandbox, example(HOOK)).await;
    for id in ["601e8d0d4e5f4000201a3a33", "not-an-object-id", "1001"] {
        let answer = info(&caller, &sandbox, id).await;
        assert_eq!(
            (answer.status, answer.body.as_str()),
            (404, ""),
            "{answer:?}"
        );
        let answer = cancel(&caller, &sandbox, id, r#"{"expected_status": "PENDING"}"#).await;
        assert_eq!(
            (answer.status, answer.body.as_str()),
            (404, ""),
            "{answer:?}"
        );
    }
}

#[tokio::test]
async fn cancel_needs_the_real_status_and_says_which_it_is() {
    let sandbox = start().await;
    let caller = Caller::default();
    let id = register(&caller, &sandbox, example(HOOK)).await;

    for body in ["", "{}", r#"{"expected_status": 1}"#, "not json"] {
        let answer = cancel(&caller, &sandbox, &id, body).await;
        let field = if body.starts_with('{') {
            "expected_status"
        } else {
            "Invalid JSON"
        };
        assert_plain_refusal(&answer, field);
    }
    cancel(
        &caller,
        &sandbox,
        &id,
        r#"{"expected_status": "VALIDATED"}"#,
    )
    .await
    .expect(
        400,
        json!({
            "canceled": false,
            "error_code": "invalid_status",
            "error_detail":
                "The payment was expected to be in status VALIDATED but was in status PENDING",
            "extra_data": {"status": "PENDING"}
        }),
    );
    assert_eq!(
        info(&caller, &sandbox, &id).await.json()["status"],
        "PENDING"
    );

    cancel(&caller, &sandbox, &id, r#"{"expected_status": "PENDING"}"#)
        .await
        .expect(200, json!({"canceled": true}));
    assert_eq!(
        info(&caller, &sandbox, &id).await.json()["status"],
        "CANCELED"
    );
    let again = cancel(&caller, &sandbox, &id, r#"{"expected_status": "PENDING"}"#).await;
    assert_eq!(again.status, 400);
    assert_eq!(again.json()["extra_data"]["status"], "CANCELED");
}

#[tokio::test]
async fn a_voucher_canceled_while_pending_is_never_validated() {
    let sandbox = start().await;
    fast(&sandbox, 200, 1_000);
    let caller = Caller::default();
    let id = register(&caller, &sandbox, example(HOOK)).await;
    cancel(&caller, &sandbox, &id, r#"{"expected_status": "PENDING"}"#)
        .await
        .expect(200, json!({"canceled": true}));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let voucher = sandbox.apagos().voucher(&id).unwrap();
    assert_eq!(voucher.status.as_str(), "CANCELED");
    assert!(voucher.callbacks.is_empty(), "{voucher:?}");
}

#[tokio::test]
async fn a_second_register_with_the_same_order_id_is_a_second_voucher() {
    let sandbox = start().await;
    let caller = Caller::default();
    let first = register(&caller, &sandbox, example(HOOK)).await;
    let second = register(&caller, &sandbox, example(HOOK)).await;
    assert_ne!(first, second);
    let vouchers = sandbox.apagos().vouchers();
    assert_eq!(vouchers.len(), 2);
    assert!(
        vouchers
            .iter()
            .all(|voucher| voucher.typed.order_id == "1001")
    );
    for id in [&first, &second] {
        assert_eq!(info(&caller, &sandbox, id).await.json()["order_id"], "1001");
    }
}
