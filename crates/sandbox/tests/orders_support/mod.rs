//! The orders API's test helpers, shared by the `orders*.rs` test files: its URLs, a valid create
//! request, creating an order, playing the customer's phone through the admin route, and refunds.
#![allow(dead_code)]

use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::RunningSandbox;
use serde_json::{Value, json};

use crate::common::{Answer, Caller, answer};

pub const CLIENT: &str = "caja-demo";
pub const APPROVED_DNI: &str = "14159265";
pub const DENIED_DNI: &str = "71828182";
pub const ONHOLD_DNI: &str = "61803398";

/// `{root}/pos/{path}`.
pub fn pos(sandbox: &RunningSandbox, path: &str) -> String {
    format!("{}/pos/{path}", sandbox.url())
}

/// `{root}/pos/order/{order_id}` and, with `action`, its action below it.
pub fn order_url(sandbox: &RunningSandbox, order_id: &str, action: Option<&str>) -> String {
    match action {
        Some(action) => pos(sandbox, &format!("order/{order_id}/{action}")),
        None => pos(sandbox, &format!("order/{order_id}")),
    }
}

/// A create request the document allows: amount 1234.50, the registered store, the four URLs, and the
/// customer `dni`.
pub fn create_body(order_id: &str, dni: &str) -> Value {
    json!({
        "amount": 1234.50,
        "acuotaz_send_sms": false,
        "order_id": order_id,
        "pos_client_id": CLIENT,
        "description": "name:Televisor 55, total:1234.50",
        "url_redir_on_canceled": "https://tienda.pe/checkout",
        "url_redir_on_rejected": "https://tienda.pe/checkout",
        "url_redir_on_success": "https://tienda.pe/order_paid",
        "url_redir_on_downpayment": "https://tienda.pe/downpayment",
        "customer_data": {
            "address": "Dir. 123", "dni": dni, "email": "example@example.com",
            "name": "Ana Quispe", "phone": "987654321", "billing_city": "Lima"
        }
    })
}

pub async fn create(sandbox: &RunningSandbox, body: &Value) -> Answer {
    Caller::default()
        .post_json(&pos(sandbox, "order/create"), body.clone())
        .await
}

/// Creates `order_id` for `dni` and checks it is new.
pub async fn created(sandbox: &RunningSandbox, order_id: &str, dni: &str) {
    let answer = create(sandbox, &create_body(order_id, dni)).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()["status"], "new_order");
}

pub async fn get_order(sandbox: &RunningSandbox, order_id: &str) -> Answer {
    Caller::default()
        .get(&order_url(sandbox, order_id, None), &[])
        .await
}

/// The order's status as `GET pos/order/{id}` answers it.
pub async fn status(sandbox: &RunningSandbox, order_id: &str) -> String {
    let answer = get_order(sandbox, order_id).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()["status"].as_str().unwrap().to_owned()
}

pub async fn post_action(sandbox: &RunningSandbox, order_id: &str, action: &str) -> Answer {
    Caller::default()
        .post(&order_url(sandbox, order_id, Some(action)), "")
        .await
}

/// One step of the customer's phone: `POST /__sandbox/orders/{id}/customer`.
pub async fn customer(sandbox: &RunningSandbox, order_id: &str, action: &str) -> Answer {
    customer_with(sandbox, order_id, json!({ "action": action })).await
}

pub async fn customer_with(sandbox: &RunningSandbox, order_id: &str, body: Value) -> Answer {
    let url = format!("{}/__sandbox/orders/{order_id}/customer", sandbox.url());
    Caller::default().post_json(&url, body).await
}

/// Plays `actions` in order, each of which must succeed.
pub async fn play(sandbox: &RunningSandbox, order_id: &str, actions: &[&str]) -> Value {
    let mut last = Value::Null;
    for action in actions {
        let answer = customer(sandbox, order_id, action).await;
        assert_eq!(answer.status, 200, "{action}: {}", answer.body);
        last = answer.json();
    }
    last
}

/// A new order taken to `funded` through an online down payment.
pub async fn funded_order(sandbox: &RunningSandbox, order_id: &str) {
    created(sandbox, order_id, APPROVED_DNI).await;
    play(sandbox, order_id, &["open", "apply", "pay-online"]).await;
    assert_eq!(status(sandbox, order_id).await, "funded");
}

/// A refund request with its `X-Unique-Token` (none when `token` is `None`), the body as given.
pub async fn refund(
    sandbox: &RunningSandbox,
    order_id: &str,
    kind: &str,
    token: Option<&str>,
    body: &str,
) -> Answer {
    let mut request = reqwest::Client::new()
        .post(order_url(sandbox, order_id, Some(kind)))
        .bearer_auth(MOCK_TOKEN)
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(token) = token {
        request = request.header("X-Unique-Token", token);
    }
    answer(request).await
}

pub fn error(message: &str) -> Value {
    json!({ "error": message })
}
