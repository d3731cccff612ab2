//! The faults that answer `200` without being the provider's answer: a captive portal's HTML sign-in
//! page, a plain-text `OK`, and JSON cut short but complete on the wire. The first two never reach the
//! provider; the third is the provider's answer mangled after it took effect. A refusal is never turned
//! into a `200`.

mod common;

use common::{billings, info_request, pay_request, start_faulty};
use sandbox::{Endpoint, FaultKind, demo};

const CODE: &str = demo::DOCS_PAIR.funding_code;

#[tokio::test]
async fn a_portal_page_is_a_200_html_page_without_effect() {
    let sandbox = start_faulty("*:portal-page", 1).await;
    let http = reqwest::Client::new();
    for request in [info_request(&http, &sandbox), pay_request(&http, &sandbox)] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"],
            "text/html; charset=utf-8"
        );
        let page = response.text().await.unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
        assert!(page.contains("<form"), "{page}");
    }
    assert_eq!(billings(&sandbox, CODE), 0, "the provider never saw it");
    let counts = sandbox.state().fault_counts();
    assert_eq!(counts[&(Endpoint::PaidAndBilled, FaultKind::PortalPage)], 1);
    assert_eq!(counts[&(Endpoint::Info, FaultKind::PortalPage)], 1);
}

#[tokio::test]
async fn plain_text_ok_is_a_200_without_effect() {
    let sandbox = start_faulty("paid-and-billed:plain-text-ok", 1).await;
    let http = reqwest::Client::new();
    let response = pay_request(&http, &sandbox).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert_eq!(response.text().await.unwrap(), "OK");
    assert_eq!(billings(&sandbox, CODE), 0);
}

#[tokio::test]
async fn truncated_json_takes_effect_and_arrives_whole_but_unreadable() {
    let sandbox = start_faulty("paid-and-billed:truncated-json", 1).await;
    let http = reqwest::Client::new();
    let response = pay_request(&http, &sandbox).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body = response
        .bytes()
        .await
        .expect("every announced byte arrives");
    assert!(body.starts_with(b"{\"status\""));
    assert!(serde_json::from_slice::<serde_json::Value>(&body).is_err());
    assert_eq!(billings(&sandbox, CODE), 1, "the provider billed");
}

#[tokio::test]
async fn truncated_json_never_turns_a_refusal_into_a_200() {
    let sandbox = start_faulty("*:truncated-json", 1).await;
    let http = reqwest::Client::new();
    let refused = http
        .post(common::url(&sandbox, "v2", "paid-and-billed"))
        .bearer_auth(providers::apurata::downpayment::MOCK_TOKEN)
        .json(&serde_json::json!({"dni": "14159265", "funding_code": "7654321"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 404);
    assert!(sandbox.state().fault_counts().is_empty(), "not counted");
}

#[test]
fn the_text_form_names_them() {
    let plan: sandbox::FaultPlan =
        "info:portal-page,*:plain-text-ok:0.5,undo-billing:truncated-json"
            .parse()
            .unwrap();
    assert_eq!(
        plan.to_string(),
        "info:portal-page:1,*:plain-text-ok:0.5,undo-billing:truncated-json:1"
    );
}
