//! The down payment paid in the store: `pay-in-store` validates the order and opens a financing with a
//! fresh funding code that the down payment API (`v2/info`) shows as the till's Cobro expects it; a
//! `paid-and-billed` on that code funds the order. Canceling or expiring the order first withdraws
//! the code.

mod common;
mod orders_support;

use std::time::Duration;

use common::{Caller, TODAY, start, url};
use orders_support::*;
use serde_json::{Value, json};

const ID: &str = "T1-000001";

async fn pay_in_store(sandbox: &sandbox::RunningSandbox) -> String {
    created(sandbox, ID, APPROVED_DNI).await;
    let order = play(sandbox, ID, &["open", "apply", "pay-in-store"]).await;
    assert_eq!(order["status"], "validated");
    let code = order["funding_code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 7, "{code}");
    assert!(code.chars().all(|c| c.is_ascii_digit()), "{code}");
    code
}

async fn info(sandbox: &sandbox::RunningSandbox, code: &str) -> common::Answer {
    Caller::default()
        .get(
            &url(sandbox, "v2", "info"),
            &[("dni", APPROVED_DNI), ("funding_code", code)],
        )
        .await
}

async fn paid_and_billed(sandbox: &sandbox::RunningSandbox, code: &str) -> common::Answer {
    Caller::default()
        .post_json(
            &url(sandbox, "v2", "paid-and-billed"),
            json!({"dni": APPROVED_DNI, "funding_code": code}),
        )
        .await
}

#[tokio::test]
async fn pay_in_store_opens_a_financing_the_till_can_collect() {
    let sandbox = start().await;
    let code = pay_in_store(&sandbox).await;
    assert_ne!(code, "1234567", "not a demo code");
    info(&sandbox, &code).await.expect(
        200,
        json!({
            "funding_code": code,
            "purchase_total": 1234.5,
            "billed_by_ecommerce": false,
            // A fifth of 1234.50, to the céntimo.
            "downpayment_amount": 246.9,
            "downpayment_status": "PENDING",
            "downpayment_channel": "Tienda",
        }),
    );
    // Another customer's DNI does not open it.
    let other = Caller::default()
        .get(
            &url(&sandbox, "v2", "info"),
            &[("dni", DENIED_DNI), ("funding_code", &code)],
        )
        .await;
    assert_eq!(other.status, 404);
    let listed = Caller::default()
        .get(&format!("{}/__sandbox/orders", sandbox.url()), &[])
        .await
        .json();
    assert_eq!(listed["orders"][0]["funding_code"], json!(code));
}

#[tokio::test]
async fn paid_and_billed_on_the_code_funds_the_order() {
    let sandbox = start().await;
    let code = pay_in_store(&sandbox).await;
    assert_eq!(status(&sandbox, ID).await, "validated");
    paid_and_billed(&sandbox, &code).await.expect_empty_ok();
    assert_eq!(status(&sandbox, ID).await, "funded");
    let shown = info(&sandbox, &code).await.json();
    assert_eq!(shown["downpayment_status"], "FULFILLED");
    assert_eq!(shown["billed_by_ecommerce"], true);

    // The day summary lists the order, paid in the store.
    let summary = Caller::default()
        .get(
            &url(&sandbox, "v2", "day-summary"),
            &[("day", &TODAY.to_string()), ("detail", "true")],
        )
        .await
        .json();
    let rows = summary["order_detail"].as_array().unwrap();
    let row = rows
        .iter()
        .find(|row| row["order_id"] == ID)
        .expect("listed");
    assert_eq!(row["payment_origin"], "external");
    assert_eq!(row["amount"], json!(246.9));

    // Undoing the billing keeps the down payment paid, so the order stays funded.
    Caller::default()
        .post_json(
            &url(&sandbox, "v2", "undo-billing"),
            json!({"dni": APPROVED_DNI, "funding_code": code}),
        )
        .await
        .expect_empty_ok();
    assert_eq!(status(&sandbox, ID).await, "funded");
    post_action(&sandbox, ID, "cancel")
        .await
        .expect(400, error("Cannot cancel a confirmed order"));
}

#[tokio::test]
async fn a_canceled_order_withdraws_its_pending_code() {
    let sandbox = start().await;
    let code = pay_in_store(&sandbox).await;
    post_action(&sandbox, ID, "cancel")
        .await
        .expect(200, json!({"modified_orders": 1}));
    let gone = json!({"error": "Funding code does not exist or not active"});
    info(&sandbox, &code).await.expect(404, gone.clone());
    paid_and_billed(&sandbox, &code).await.expect(404, gone);
    assert_eq!(status(&sandbox, ID).await, "canceled");
    assert!(sandbox.state().financing(&code).is_none());
}

#[tokio::test]
async fn an_expired_order_cannot_be_paid_in_the_store_any_more() {
    let sandbox = start().await;
    let code = pay_in_store(&sandbox).await;
    sandbox
        .state()
        .advance_orders_clock(Duration::from_secs(13 * 3600));
    // The till asks first: nobody read the order since, and still the code is gone.
    paid_and_billed(&sandbox, &code).await.expect(
        404,
        json!({"error": "Funding code does not exist or not active"}),
    );
    assert_eq!(status(&sandbox, ID).await, "canceled");
    assert!(sandbox.state().billing_events().is_empty());
}

#[tokio::test]
async fn a_paid_order_does_not_expire() {
    let sandbox = start().await;
    let code = pay_in_store(&sandbox).await;
    paid_and_billed(&sandbox, &code).await.expect_empty_ok();
    sandbox
        .state()
        .advance_orders_clock(Duration::from_secs(14 * 3600));
    assert_eq!(status(&sandbox, ID).await, "funded");
    assert_eq!(info(&sandbox, &code).await.status, 200);
}

#[tokio::test]
async fn every_in_store_order_gets_its_own_code() {
    let sandbox = start().await;
    let mut codes = Vec::new();
    for (index, dni) in ["44556677", "44556678", "44556679"].into_iter().enumerate() {
        let id = format!("T1-00000{index}");
        created(&sandbox, &id, dni).await;
        let order: Value = play(&sandbox, &id, &["open", "apply", "pay-in-store"]).await;
        codes.push(order["funding_code"].as_str().unwrap().to_owned());
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 3, "{codes:?}");
}

#[tokio::test]
async fn paying_in_the_store_needs_the_customers_dni() {
    let sandbox = start().await;
    let mut body = create_body(ID, APPROVED_DNI);
    body.as_object_mut().unwrap().remove("customer_data");
    assert_eq!(create(&sandbox, &body).await.status, 200);
    play(&sandbox, ID, &["open"]).await;
    let answer = customer(&sandbox, ID, "apply").await;
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert!(answer.body.contains("DNI"), "{}", answer.body);
    let applied = customer_with(
        &sandbox,
        ID,
        json!({"action": "apply", "dni": APPROVED_DNI}),
    )
    .await;
    assert_eq!(applied.json()["status"], "approved");
    let paid = play(&sandbox, ID, &["pay-in-store"]).await;
    let code = paid["funding_code"].as_str().unwrap();
    assert_eq!(info(&sandbox, code).await.status, 200);
}
