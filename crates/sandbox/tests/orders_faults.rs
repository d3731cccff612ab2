//! Fault injection on the orders API's endpoints: every endpoint has a name in the plan's text form and
//! JSON, and the faults behave there as on the down payment API (no effect, or an effect the client
//! never saw), with the refund token keeping a retried refund single.

mod common;
mod orders_support;

use common::{Caller, Outcome, outcome, start, start_faulty};
use orders_support::*;
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{Endpoint, FaultKind, FaultPlan};
use serde_json::json;

const ID: &str = "T1-000001";

#[test]
fn every_orders_endpoint_has_a_name_in_the_text_form() {
    let names = [
        "landing-config",
        "order-create",
        "order-info",
        "order-confirm",
        "order-cancel",
        "total-refund",
        "partial-refund",
        "add-on",
        "info-steps",
    ];
    for name in names {
        let plan: FaultPlan = format!("{name}:server-error:0.5").parse().unwrap();
        assert_eq!(plan.to_string(), format!("{name}:server-error:0.5"));
        let endpoint = plan.rules()[0].endpoint().unwrap();
        assert_eq!(endpoint.as_str(), name);
        assert_eq!(serde_json::to_value(endpoint).unwrap(), json!(name));
    }
    assert_eq!(Endpoint::ALL.len(), 13);
    let error = "refunds:server-error".parse::<FaultPlan>().unwrap_err();
    assert!(error.to_string().contains("partial-refund"), "{error}");
    // The old form still reads.
    assert_eq!(
        "paid-and-billed:drop-after-effect:0.2"
            .parse::<FaultPlan>()
            .unwrap()
            .to_string(),
        "paid-and-billed:drop-after-effect:0.2"
    );
}

#[tokio::test]
async fn each_endpoint_is_faulted_by_its_own_rule_only() {
    let sandbox = start().await;
    funded_order(&sandbox, ID).await;
    let cases: [(&str, reqwest::RequestBuilder); 9] = {
        let http = reqwest::Client::new();
        let order = |action: Option<&str>| order_url(&sandbox, ID, action);
        [
            (
                "landing-config",
                http.get(pos(&sandbox, "client/landing_config"))
                    .bearer_auth(MOCK_TOKEN),
            ),
            (
                "order-create",
                http.post(pos(&sandbox, "order/create"))
                    .bearer_auth(MOCK_TOKEN)
                    .json(&create_body("new", "44556677")),
            ),
            ("order-info", http.get(order(None)).bearer_auth(MOCK_TOKEN)),
            (
                "order-confirm",
                http.post(order(Some("confirm"))).bearer_auth(MOCK_TOKEN),
            ),
            (
                "order-cancel",
                http.post(order(Some("cancel"))).bearer_auth(MOCK_TOKEN),
            ),
            (
                "total-refund",
                http.post(order(Some("total-refund")))
                    .bearer_auth(MOCK_TOKEN),
            ),
            (
                "partial-refund",
                http.post(order(Some("partial-refund")))
                    .bearer_auth(MOCK_TOKEN),
            ),
            (
                "add-on",
                http.get(pos(&sandbox, "pay-with-apurata-add-on/100"))
                    .header("Client_id", CLIENT),
            ),
            (
                "info-steps",
                http.get(pos(&sandbox, "caja-demo/info-steps")),
            ),
        ]
    };
    for (name, request) in cases {
        let plan: FaultPlan = format!("{name}:unavailable").parse().unwrap();
        sandbox.state().set_fault_plan(plan);
        match outcome(request).await {
            Outcome::Answered { status, body } => {
                assert_eq!(status, 503, "{name}");
                assert!(
                    body.contains("503 Service Temporarily Unavailable"),
                    "{name}: {body}"
                );
            }
            other => panic!("{name}: {other:?}"),
        }
        let endpoint = Endpoint::from_name(name).unwrap();
        assert_eq!(
            sandbox.state().fault_counts()[&(endpoint, FaultKind::Unavailable)],
            1,
            "{name}"
        );
    }
    // Down payment endpoints are untouched by the orders' rules, and the other way round.
    sandbox
        .state()
        .set_fault_plan("order-info:server-error".parse().unwrap());
    assert_eq!(
        outcome(common::info_request(&reqwest::Client::new(), &sandbox))
            .await
            .status(),
        Some(200)
    );
    sandbox
        .state()
        .set_fault_plan("info:server-error".parse().unwrap());
    assert_eq!(status(&sandbox, ID).await, "funded");
    assert_eq!(
        sandbox.state().orders().len(),
        1,
        "the faulted create had no effect"
    );
}

#[tokio::test]
async fn a_create_dropped_after_its_effect_is_already_created_on_retry() {
    let sandbox = start_faulty("order-create:drop-after-effect", 1).await;
    let http = reqwest::Client::new();
    let body = create_body(ID, APPROVED_DNI);
    let request = || {
        http.post(pos(&sandbox, "order/create"))
            .bearer_auth(MOCK_TOKEN)
            .json(&body)
    };
    assert_eq!(outcome(request()).await, Outcome::NoAnswer);
    assert!(sandbox.state().order(ID).is_some(), "the order was made");
    sandbox.state().set_fault_plan(FaultPlan::default());
    assert_eq!(
        create(&sandbox, &body).await.json()["status"],
        "already_created"
    );
    assert_eq!(sandbox.state().orders().len(), 1);
}

#[tokio::test]
async fn a_create_dropped_before_its_effect_makes_nothing() {
    let sandbox = start_faulty("order-create:drop-before-effect", 1).await;
    let http = reqwest::Client::new();
    let request = http
        .post(pos(&sandbox, "order/create"))
        .bearer_auth(MOCK_TOKEN)
        .json(&create_body(ID, APPROVED_DNI));
    assert_eq!(outcome(request).await, Outcome::NoAnswer);
    assert!(sandbox.state().orders().is_empty());
}

#[tokio::test]
async fn a_refund_lost_after_its_effect_and_retried_with_its_token_refunds_once() {
    let sandbox = start().await;
    funded_order(&sandbox, ID).await;
    sandbox
        .state()
        .set_fault_plan("partial-refund:drop-after-effect".parse().unwrap());
    let body = r#"{"amount": 100.0, "author": "a", "reason": "r"}"#;
    let request = reqwest::Client::new()
        .post(order_url(&sandbox, ID, Some("partial-refund")))
        .bearer_auth(MOCK_TOKEN)
        .header("X-Unique-Token", "token-0001")
        .header("content-type", "application/json")
        .body(body);
    assert_eq!(outcome(request).await, Outcome::NoAnswer);
    sandbox.state().set_fault_plan(FaultPlan::default());
    let retry = refund(&sandbox, ID, "partial-refund", Some("token-0001"), body).await;
    assert_eq!(retry.json()["status"], "decreased_debt");
    assert_eq!(
        sandbox.state().order(ID).unwrap().refunded.centimos(),
        10000
    );
}

#[tokio::test]
async fn impostor_answers_on_the_orders_endpoints_change_nothing() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    play(&sandbox, ID, &["open", "apply"]).await;
    sandbox.state().set_fault_plan(
        "order-confirm:portal-page,order-cancel:plain-text-ok"
            .parse()
            .unwrap(),
    );
    let confirm = post_action(&sandbox, ID, "confirm").await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains("Wi-Fi"), "{}", confirm.body);
    let cancel = post_action(&sandbox, ID, "cancel").await;
    assert_eq!((cancel.status, cancel.body.as_str()), (200, "OK"));
    sandbox.state().set_fault_plan(FaultPlan::default());
    let order = get_order(&sandbox, ID).await.json();
    assert_eq!(
        (&order["status"], &order["confirmed"]),
        (&json!("approved"), &json!(false))
    );
}

#[tokio::test]
async fn wrong_shape_and_truncated_json_take_effect_but_pass_refusals() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    sandbox.state().set_fault_plan(
        "order-confirm:wrong-shape,order-cancel:truncated-json"
            .parse()
            .unwrap(),
    );
    // A refusal passes unchanged.
    post_action(&sandbox, ID, "confirm")
        .await
        .expect(400, error("Cannot confirm an order before it is approved"));
    let cancel = post_action(&sandbox, ID, "cancel").await;
    assert_eq!(cancel.status, 200);
    assert!(
        serde_json::from_str::<serde_json::Value>(&cancel.body).is_err(),
        "{}",
        cancel.body
    );
    sandbox.state().set_fault_plan(FaultPlan::default());
    assert_eq!(
        status(&sandbox, ID).await,
        "canceled",
        "the cancel took effect"
    );
}

#[tokio::test]
async fn the_admin_route_takes_a_json_plan_with_the_new_names() {
    let sandbox = start().await;
    let faults = format!("{}/__sandbox/faults", sandbox.url());
    let plan = json!({"rules": [{"endpoint": "add-on", "fault": {"kind": "bad-gateway"}}]});
    let shown = Caller::default()
        .put(&faults, plan.to_string(), "application/json")
        .await
        .json();
    assert_eq!(shown["text"], "add-on:bad-gateway:1");
    let answer = common::answer(
        reqwest::Client::new()
            .get(pos(&sandbox, "pay-with-apurata-add-on/100"))
            .header("Client_id", CLIENT),
    )
    .await;
    assert_eq!(answer.status, 502);
    // The admin routes of the orders are never faulted.
    Caller::default()
        .put(&faults, "*:server-error".to_owned(), "text/plain")
        .await;
    let listed = Caller::default()
        .get(&format!("{}/__sandbox/orders", sandbox.url()), &[])
        .await;
    assert_eq!(listed.status, 200);
}

#[tokio::test]
async fn a_hang_on_an_order_endpoint_closes_without_an_answer() {
    let sandbox = start_faulty("order-info:hang=200", 1).await;
    let request = reqwest::Client::new()
        .get(order_url(&sandbox, ID, None))
        .bearer_auth(MOCK_TOKEN);
    let started = std::time::Instant::now();
    assert_eq!(outcome(request).await, Outcome::NoAnswer);
    assert!(started.elapsed() >= std::time::Duration::from_millis(200));
    assert_eq!(
        sandbox.state().fault_counts()[&(Endpoint::OrderInfo, FaultKind::Hang)],
        1
    );
}
