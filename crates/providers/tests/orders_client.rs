//! The orders client against a scripted peer written from the document, not against our sandbox: the
//! request it puts on the wire (method, path, headers, body) and what it makes of each documented
//! answer and of answers a careful client must survive.

mod common;

use common::{Script, fixture, json, peer};
use providers::apurata::orders::answer::Canceled;
use providers::apurata::orders::*;
use providers::http::ApiError;
use providers::{ApiToken, HttpSettings, PlainHttp, ProviderRoot, Soles};

fn api(url: &str) -> OrdersApi {
    let root = ProviderRoot::parse(url, PlainHttp::LoopbackOnly).unwrap();
    OrdersApi::new(
        &root,
        PosClientId::parse("tecno-tiendaz").unwrap(),
        ApiToken::new("69a06d50c17e4267a18e84f8530d6asd"),
        HttpSettings::default(),
    )
    .unwrap()
}

fn order_id() -> OrderId {
    OrderId::parse("T01-C1-000042").unwrap()
}

#[tokio::test]
async fn create_sends_the_journaled_bytes_with_the_token() {
    let (url, recorded) = peer(json(200, &fixture("orders_create_200.json"))).await;
    let body = CreateBody::from_journal(fixture("orders_create_request.json"));
    let created = api(&url).create(&body).await.unwrap();
    assert_eq!(created.status, CreateStatus::NewOrder);
    let request = recorded.await.unwrap();
    assert_eq!(request.request_line, "POST /pos/order/create HTTP/1.1");
    assert_eq!(
        request.header("authorization"),
        Some("Bearer 69a06d50c17e4267a18e84f8530d6asd")
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.body,
        fixture("orders_create_request.json").into_bytes()
    );
}

#[tokio::test]
async fn refunds_carry_the_unique_token_and_real_json() {
    let (url, recorded) = peer(json(200, &fixture("orders_refund_200.json"))).await;
    let token = UniqueToken::parse("16763be4-6022-406e-a950-fcd5018633ca").unwrap();
    let refund = PartialRefund {
        amount: Soles::from_centimos(12_352),
        author: "Andy Sanchez".to_owned(),
        reason: "Customer change the product".to_owned(),
    };
    let done = api(&url)
        .partial_refund(&order_id(), &refund, &token)
        .await
        .unwrap();
    assert_eq!(done.tracking_id, "rf-7f3a9c");
    let request = recorded.await.unwrap();
    assert_eq!(
        request.request_line,
        "POST /pos/order/T01-C1-000042/partial-refund HTTP/1.1"
    );
    assert_eq!(
        request.header("x-unique-token"),
        Some("16763be4-6022-406e-a950-fcd5018633ca")
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent["amount"], 123.52);
}

#[tokio::test]
async fn reads_the_order_and_the_limits() {
    let (url, recorded) = peer(json(200, &fixture("orders_info_200.json"))).await;
    let info = api(&url).order(&order_id()).await.unwrap();
    assert_eq!(info.status, OrderStatus::Approved);
    assert_eq!(
        recorded.await.unwrap().request_line,
        "GET /pos/order/T01-C1-000042 HTTP/1.1"
    );
    let (url, recorded) = peer(json(200, &fixture("orders_landing_config_200.json"))).await;
    let limits = api(&url).landing_config().await.unwrap();
    assert_eq!(limits.max_amount, Soles::from_centimos(500_000));
    assert_eq!(
        recorded.await.unwrap().request_line,
        "GET /pos/client/landing_config HTTP/1.1"
    );
}

#[tokio::test]
async fn cancel_and_confirm_read_their_documented_answers() {
    let (url, _) = peer(json(200, r#"{"result": "It is already canceled"}"#)).await;
    assert_eq!(api(&url).cancel(&order_id()).await, Ok(Canceled::Already));
    let (url, recorded) = peer(json(200, r#"{ "modified_orders": 1 }"#)).await;
    assert_eq!(api(&url).confirm(&order_id()).await, Ok(()));
    assert_eq!(
        recorded.await.unwrap().request_line,
        "POST /pos/order/T01-C1-000042/confirm HTTP/1.1"
    );
    let (url, _) = peer(json(
        400,
        r#"{"error": "Cannot confirm an order before it is approved"}"#,
    ))
    .await;
    let refused = api(&url).confirm(&order_id()).await.unwrap_err();
    assert!(refused.is_refusal());
    assert_eq!(
        refused.provider_message().as_deref(),
        Some(messages::CONFIRM_BEFORE_APPROVED)
    );
}

#[tokio::test]
async fn the_add_on_is_text_asked_with_the_client_id() {
    let html = fixture("orders_add_on_200.html");
    let script = Script::Answer {
        status: 200,
        content_type: "text/html; charset=utf-8",
        body: html.clone().into_bytes(),
    };
    let (url, recorded) = peer(script).await;
    let text = api(&url)
        .add_on(Soles::from_centimos(14_760))
        .await
        .unwrap();
    assert_eq!(text, html);
    let request = recorded.await.unwrap();
    assert_eq!(
        request.request_line,
        "GET /pos/pay-with-apurata-add-on/147.60 HTTP/1.1"
    );
    assert_eq!(request.header("client_id"), Some("tecno-tiendaz"));
    assert_eq!(
        request.header("authorization"),
        None,
        "no token where none is asked"
    );
}

#[tokio::test]
async fn a_success_status_with_a_foreign_body_is_not_a_success() {
    let portal = Script::Answer {
        status: 200,
        content_type: "text/html",
        body: b"<html><body>Wi-Fi login</body></html>".to_vec(),
    };
    let (url, _) = peer(portal).await;
    let token = UniqueToken::parse("16763be4-6022-406e-a950-fcd5018633ca").unwrap();
    let refund = TotalRefund {
        author: "Ana".to_owned(),
        reason: "devolución".to_owned(),
    };
    let error = api(&url)
        .total_refund(&order_id(), &refund, &token)
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        ApiError::UnverifiedAnswer { status: 200, .. }
    ));
    assert!(
        !error.is_refusal(),
        "an unverified refund is an unknown outcome"
    );

    let (url, _) = peer(json(200, r#"{"status": "new_order"}"#)).await;
    let body = CreateBody::from_journal(fixture("orders_create_request.json"));
    assert!(!api(&url).create(&body).await.unwrap_err().is_refusal());

    let (url, _) = peer(Script::Drop).await;
    let error = api(&url).cancel(&order_id()).await.unwrap_err();
    assert!(!error.is_refusal());
}

#[tokio::test]
async fn not_found_and_unauthorized_are_typed() {
    let (url, _) = peer(json(404, r#"{"error": "Order does not exist"}"#)).await;
    assert!(matches!(
        api(&url).order(&order_id()).await,
        Err(ApiError::NotFound { message }) if message == messages::ORDER_NOT_FOUND
    ));
    let (url, _) = peer(json(401, r#"{"error": "Wrong or missing client token"}"#)).await;
    assert!(matches!(
        api(&url).landing_config().await,
        Err(ApiError::Unauthorized { .. })
    ));
}
