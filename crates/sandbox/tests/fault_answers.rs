//! The faults that answer: latency, the proxies' 5xx pages, valid JSON of the wrong shape; and how a
//! plan picks its fault: by endpoint, in order, by probability, reproducibly for one seed.

mod common;

use std::time::{Duration, Instant};

use common::{Caller, Outcome, billings, info_request, outcome, pay_request, start_faulty, url};
use sandbox::{Endpoint, FaultKind, demo};
use serde_json::json;

const CODE: &str = demo::DOCS_PAIR.funding_code;

fn answered(outcome: Outcome) -> (u16, String) {
    match outcome {
        Outcome::Answered { status, body } => (status, body),
        other => panic!("an answer, not {other:?}"),
    }
}

#[tokio::test]
async fn latency_delays_the_normal_answer() {
    let sandbox = start_faulty("", 1).await;
    let http = reqwest::Client::new();
    let normal = answered(outcome(info_request(&http, &sandbox)).await);

    sandbox
        .state()
        .set_fault_plan("*:latency=300".parse().unwrap());
    let started = Instant::now();
    assert_eq!(
        answered(outcome(info_request(&http, &sandbox)).await),
        normal
    );
    assert!(started.elapsed() >= Duration::from_millis(300));

    let started = Instant::now();
    assert_eq!(
        answered(outcome(pay_request(&http, &sandbox)).await),
        (200, String::new())
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(billings(&sandbox, CODE), 1, "latency takes effect");
}

#[tokio::test]
async fn server_errors_are_html_proxy_pages_without_effect() {
    for (fault, status, title) in [
        ("server-error", 500, "500 Internal Server Error"),
        ("bad-gateway", 502, "502 Bad Gateway"),
        ("unavailable", 503, "503 Service Temporarily Unavailable"),
    ] {
        let sandbox = start_faulty(&format!("*:{fault}"), 1).await;
        let http = reqwest::Client::new();
        for request in [info_request(&http, &sandbox), pay_request(&http, &sandbox)] {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), status);
            assert_eq!(response.headers()["content-type"], "text/html");
            let page = response.text().await.unwrap();
            assert!(page.starts_with("<html>"), "{page}");
            assert!(page.contains(&format!("<h1>{title}</h1>")), "{page}");
        }
        assert_eq!(billings(&sandbox, CODE), 0, "{fault} has no effect");
    }
}

#[tokio::test]
async fn wrong_shape_is_valid_json_of_another_shape() {
    let sandbox = start_faulty("*:wrong-shape", 1).await;
    let caller = Caller::default();
    caller
        .get(
            &url(&sandbox, "v2", "info"),
            &[("dni", "14159265"), ("funding_code", CODE)],
        )
        .await
        .expect(200, json!({"status": "ok", "data": []}));
    caller
        .get(
            &url(&sandbox, "mock", "day-summary"),
            &[("day", "2026-03-10")],
        )
        .await
        .expect(200, json!({"status": "ok", "data": []}));
    caller
        .post_json(
            &url(&sandbox, "v2", "paid-and-billed"),
            json!({"dni": "14159265", "funding_code": CODE}),
        )
        .await
        .expect(200, json!({"status": "ok", "data": []}));
    assert_eq!(billings(&sandbox, CODE), 1, "wrong-shape takes effect");

    // A refusal is never turned into a success, nor counted.
    caller
        .post_json(
            &url(&sandbox, "v2", "paid-and-billed"),
            json!({"dni": "14159265", "funding_code": "7654321"}),
        )
        .await
        .expect(
            404,
            json!({"error": "Funding code does not exist or not active"}),
        );
    let counts = sandbox.state().fault_counts();
    assert_eq!(counts.values().sum::<u64>(), 3);
    assert_eq!(counts[&(Endpoint::PaidAndBilled, FaultKind::WrongShape)], 1);
}

#[tokio::test]
async fn probability_zero_never_hits_and_one_always_does() {
    let sandbox = start_faulty("info:server-error:0,info:bad-gateway:1", 9).await;
    let http = reqwest::Client::new();
    for _ in 0..20 {
        assert_eq!(
            outcome(info_request(&http, &sandbox)).await.status(),
            Some(502)
        );
    }
    let counts = sandbox.state().fault_counts();
    assert_eq!(
        counts.into_iter().collect::<Vec<_>>(),
        [((Endpoint::Info, FaultKind::BadGateway), 20)]
    );
}

#[tokio::test]
async fn rules_match_their_endpoint_and_the_first_winner_applies() {
    let sandbox = start_faulty("day-summary:unavailable,info:server-error,*:bad-gateway", 1).await;
    let http = reqwest::Client::new();
    assert_eq!(
        outcome(info_request(&http, &sandbox)).await.status(),
        Some(500)
    );
    assert_eq!(
        outcome(pay_request(&http, &sandbox)).await.status(),
        Some(502)
    );
    let summary = Caller::default()
        .get(
            &url(&sandbox, "v2", "day-summary"),
            &[("day", "2026-03-10")],
        )
        .await;
    assert_eq!(summary.status, 503);
    // Other paths are never faulted.
    let unknown = Caller::default()
        .get(&format!("{}/pos/client/elsewhere", sandbox.url()), &[])
        .await;
    assert_eq!(unknown.status, 404);
}

/// The outcomes of 60 `info` calls in a row under a mixed plan.
async fn mixed_run(seed: u64) -> (Vec<Option<u16>>, u64) {
    let sandbox = start_faulty(
        "info:server-error:0.2,info:wrong-shape:0.2,*:drop-before-effect:0.2",
        seed,
    )
    .await;
    let http = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..60 {
        let seen = outcome(info_request(&http, &sandbox)).await;
        statuses.push(match &seen {
            Outcome::Answered { status: 200, body } if body.contains("data") => Some(299),
            other => other.status(),
        });
    }
    let counted = sandbox.state().fault_counts().values().sum();
    (statuses, counted)
}

#[tokio::test]
async fn a_mixed_plan_with_a_fixed_seed_is_reproducible() {
    let (first, counted) = mixed_run(2026).await;
    assert_eq!(mixed_run(2026).await, (first.clone(), counted));
    assert_ne!(mixed_run(7).await.0, first, "another seed, another run");

    // The run mixes every outcome, and counts every fault it showed.
    for expected in [Some(200), Some(500), Some(299), None] {
        assert!(first.contains(&expected), "{expected:?} in {first:?}");
    }
    let faulted = first.iter().filter(|status| **status != Some(200)).count();
    assert_eq!(counted, faulted as u64);
}
