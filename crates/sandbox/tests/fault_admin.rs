//! The admin routes under `/__sandbox/`: the token, replacing and clearing the fault plan at run time,
//! never faulted themselves, and the state an out-of-process soak compares with.

mod common;

use common::{Caller, Outcome, info_request, outcome, pay_request, start, start_faulty};
use sandbox::{Endpoint, FaultKind, RunningSandbox};
use serde_json::{Value, json};

fn faults_url(sandbox: &RunningSandbox) -> String {
    format!("{}/__sandbox/faults", sandbox.url())
}

fn state_url(sandbox: &RunningSandbox) -> String {
    format!("{}/__sandbox/state", sandbox.url())
}

async fn put_json(sandbox: &RunningSandbox, body: Value) -> common::Answer {
    Caller::default()
        .put(&faults_url(sandbox), body.to_string(), "application/json")
        .await
}

#[tokio::test]
async fn admin_routes_need_the_token() {
    let sandbox = start().await;
    let unauthorized = json!({"error": "Wrong or missing client token"});
    for caller in [
        Caller::with_token(None),
        Caller::with_token(Some("not-the-token")),
    ] {
        caller
            .get(&faults_url(&sandbox), &[])
            .await
            .expect(401, unauthorized.clone());
        caller
            .get(&state_url(&sandbox), &[])
            .await
            .expect(401, unauthorized.clone());
        caller
            .put(&faults_url(&sandbox), "*:server-error".into(), "text/plain")
            .await
            .expect(401, unauthorized.clone());
        caller
            .delete(&faults_url(&sandbox))
            .await
            .expect(401, unauthorized.clone());
    }
    assert!(sandbox.state().fault_plan().is_empty());
}

#[tokio::test]
async fn the_plan_is_replaced_shown_and_cleared_at_run_time() {
    let sandbox = start().await;
    let http = reqwest::Client::new();
    let empty = json!({"plan": {"rules": []}, "text": "", "counts": []});
    Caller::default()
        .get(&faults_url(&sandbox), &[])
        .await
        .expect(200, empty.clone());

    let plan = json!({"rules": [
        {"endpoint": "info", "fault": {"kind": "server-error"}, "probability": 1.0},
        {"fault": {"kind": "latency", "millis": 5}, "probability": 0.5},
        {"endpoint": "paid-and-billed", "fault": {"kind": "hang"}}
    ]});
    let shown = json!({"rules": [
        {"endpoint": "info", "fault": {"kind": "server-error"}, "probability": 1.0},
        {"endpoint": null, "fault": {"kind": "latency", "millis": 5}, "probability": 0.5},
        {"endpoint": "paid-and-billed", "fault": {"kind": "hang", "millis": 30000}, "probability": 1.0}
    ]});
    let text = "info:server-error:1,*:latency=5:0.5,paid-and-billed:hang=30000:1";
    put_json(&sandbox, json!({"rules": plan["rules"], "seed": 3}))
        .await
        .expect(200, json!({"plan": shown, "text": text, "counts": []}));
    assert_eq!(sandbox.state().fault_plan().to_string(), text);

    assert_eq!(
        outcome(info_request(&http, &sandbox)).await.status(),
        Some(500)
    );
    Caller::default()
        .get(&faults_url(&sandbox), &[])
        .await
        .expect(
            200,
            json!({"plan": shown, "text": text, "counts": [
                {"endpoint": "info", "fault": "server-error", "count": 1}
            ]}),
        );

    // The text form, with a text content type.
    let answer = Caller::default()
        .put(
            &faults_url(&sandbox),
            "info:bad-gateway".into(),
            "text/plain; charset=utf-8",
        )
        .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.json()["text"], "info:bad-gateway:1");
    assert_eq!(
        outcome(info_request(&http, &sandbox)).await.status(),
        Some(502)
    );

    // Cleared: the normal answers again; the counts stay.
    let cleared = Caller::default().delete(&faults_url(&sandbox)).await;
    assert_eq!(cleared.status, 200);
    assert_eq!(cleared.json()["plan"], json!({"rules": []}));
    assert_eq!(cleared.json()["counts"].as_array().unwrap().len(), 2);
    assert_eq!(
        outcome(info_request(&http, &sandbox)).await.status(),
        Some(200)
    );
}

#[tokio::test]
async fn an_unusable_plan_is_refused_and_the_plan_in_force_stays() {
    let sandbox = start_faulty("info:server-error", 1).await;
    let before = sandbox.state().fault_plan();
    for (answer, names) in [
        (
            put_json(
                &sandbox,
                json!({"rules": [
                    {"endpoint": "info", "fault": {"kind": "server-error"}, "probability": 1.5}
                ]}),
            )
            .await,
            "1.5",
        ),
        (
            put_json(
                &sandbox,
                json!({"rules": [
                    {"endpoint": "refund", "fault": {"kind": "server-error"}}
                ]}),
            )
            .await,
            "refund",
        ),
        (
            put_json(&sandbox, json!({"rules": [{"fault": {"kind": "latency"}}]})).await,
            "millis",
        ),
        (
            put_json(&sandbox, json!({"rules": [], "sede": 4})).await,
            "sede",
        ),
        (
            Caller::default()
                .put(
                    &faults_url(&sandbox),
                    "info:servr-error:0.5".into(),
                    "text/plain",
                )
                .await,
            "servr-error",
        ),
    ] {
        assert_eq!(answer.status, 400, "{answer:?}");
        let message = answer.json()["error"].as_str().unwrap().to_owned();
        assert!(message.contains(names), "{names} in {message}");
    }
    assert_eq!(sandbox.state().fault_plan(), before);
}

#[tokio::test]
async fn admin_routes_are_never_faulted() {
    let sandbox = start_faulty("*:drop-before-effect", 1).await;
    let http = reqwest::Client::new();
    assert_eq!(
        outcome(info_request(&http, &sandbox)).await,
        Outcome::NoAnswer
    );
    let caller = Caller::default();
    for _ in 0..5 {
        assert_eq!(caller.get(&faults_url(&sandbox), &[]).await.status, 200);
        assert_eq!(caller.get(&state_url(&sandbox), &[]).await.status, 200);
    }
    assert_eq!(
        sandbox
            .state()
            .fault_counts()
            .into_iter()
            .collect::<Vec<_>>(),
        [((Endpoint::Info, FaultKind::DropBeforeEffect), 1)]
    );
}

#[tokio::test]
async fn the_state_route_lists_financings_and_billing_events() {
    let sandbox = start_faulty("paid-and-billed:drop-after-effect", 1).await;
    let http = reqwest::Client::new();
    assert_eq!(
        outcome(pay_request(&http, &sandbox)).await,
        Outcome::NoAnswer
    );

    let answer = Caller::default().get(&state_url(&sandbox), &[]).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let state = answer.json();
    assert_eq!(state["today"], "2026-03-10");
    let financings = state["financings"].as_array().unwrap();
    assert_eq!(financings.len(), sandbox.state().financings().len());
    let docs_pair = financings
        .iter()
        .find(|financing| financing["funding_code"] == "1234567")
        .unwrap();
    assert_eq!(
        docs_pair,
        &json!({"funding_code": "1234567", "billed": true, "downpayment_status": "FULFILLED"})
    );
    let events = state["billing_events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["funding_code"], "1234567");
    assert_eq!(events[0]["kind"], "billed");
    let at = events[0]["at"].as_str().unwrap();
    assert_eq!(
        at.parse::<jiff::Timestamp>().unwrap(),
        sandbox.state().billing_events()[0].at
    );
}
