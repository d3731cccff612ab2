//! Aplazame test helpers, shared by the `aplazame_*.rs` test files: the URLs under `{sandbox}/aplazame/`,
//! a cart priced by Caja's rule, requests with the media types, playing the buyer, and a store on
//! loopback that takes the IPNs and answers confirmations as the test scripts.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::post;
use providers::aplazame::{MEDIA_TYPE, SANDBOX_MEDIA_TYPE};
use sandbox::{AplazameTiming, RunningSandbox};
use serde_json::{Value, json};

use crate::common::{Answer, Caller, answer};

pub const LIVE: &str = MEDIA_TYPE;
pub const TEST_MODE: &str = SANDBOX_MEDIA_TYPE;

/// `{root}/aplazame/checkout/{path}`, the client's root being `{root}/aplazame/`.
pub fn checkout_url(sandbox: &RunningSandbox, path: &str) -> String {
    format!("{}/aplazame/checkout/{path}", sandbox.url())
}

pub fn admin(sandbox: &RunningSandbox, path: &str) -> String {
    format!("{}/__sandbox/aplazame/{path}", sandbox.url())
}

/// 2 × 59,90 € − 10,00 € at 21 % and 20,00 € at 10 %: 129,80 €, priced by Caja's rule.
pub fn order(id: &str, email: &str, ipn_url: Option<&str>) -> Value {
    let mut body = json!({
        "order": {"id": id, "currency": "EUR", "total_amount": 12980, "articles": [
            {"id": "1", "name": "Zapatillas", "quantity": 2, "price": 4950, "tax_rate": 2100,
             "discount": 413},
            {"id": "2", "name": "Calcetines", "quantity": 1, "price": 1818, "tax_rate": 1000}
        ]},
        "customer": {"email": email, "first_name": "Lucía", "document_id": "X1234567L"},
        "merchant": {}
    });
    if let Some(url) = ipn_url {
        body["merchant"]["ipn_url"] = json!(url);
    }
    body
}

/// A request as a client sends it: the token (or none) and an `Accept` (or none).
pub async fn send(
    method: reqwest::Method,
    url: &str,
    token: Option<&str>,
    accept: Option<&str>,
    body: Option<&Value>,
) -> Answer {
    let caller = Caller::default();
    let mut request = caller.http.request(method, url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    answer(request).await
}

fn token() -> Option<&'static str> {
    Some(providers::apurata::downpayment::MOCK_TOKEN)
}

pub async fn create_as(sandbox: &RunningSandbox, accept: &str, body: &Value) -> Answer {
    let url = checkout_url(sandbox, "offline");
    send(
        reqwest::Method::POST,
        &url,
        token(),
        Some(accept),
        Some(body),
    )
    .await
}

/// Creates `body` live and returns the checkout id of the `201`.
pub async fn create(sandbox: &RunningSandbox, body: &Value) -> String {
    let answer = create_as(sandbox, LIVE, body).await;
    assert_eq!(answer.status, 201, "{answer:?}");
    answer.json()["id"].as_str().expect("an id").to_owned()
}

pub async fn status(sandbox: &RunningSandbox, id: &str) -> Answer {
    let url = checkout_url(sandbox, &format!("{id}/status"));
    send(reqwest::Method::GET, &url, token(), Some(LIVE), None).await
}

/// `status/status_reason` of the status answer (`ok` when there is no reason).
pub async fn stage(sandbox: &RunningSandbox, id: &str) -> String {
    let body = status(sandbox, id).await.json();
    match body["status_reason"].as_str() {
        Some(reason) => format!("{}/{reason}", body["status"].as_str().unwrap()),
        None => body["status"].as_str().unwrap().to_owned(),
    }
}

/// Plays the buyer's `action` on `id`.
pub async fn buyer(sandbox: &RunningSandbox, id: &str, action: &str) -> Answer {
    Caller::default()
        .post_json(
            &admin(sandbox, &format!("checkouts/{id}/buyer")),
            json!({ "action": action }),
        )
        .await
}

/// Plays `actions` in turn, each expected to apply.
pub async fn play(sandbox: &RunningSandbox, id: &str, actions: &[&str]) {
    for action in actions {
        let answer = buyer(sandbox, id, action).await;
        assert_eq!(answer.status, 200, "{action}: {answer:?}");
    }
}

/// IPN retries fast enough for tests: 50 ms apart at first, within `window_ms`.
pub fn fast(sandbox: &RunningSandbox, window_ms: u64) {
    sandbox.aplazame().set_timing(AplazameTiming {
        ipn_first_retry_ms: 50,
        ipn_window_ms: window_ms,
        ipn_attempt_timeout_ms: 1_000,
    });
}

/// How the store answers an IPN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// `200 {"status": "ok"}`.
    Confirm,
    /// `200 {"status": "ko"}`.
    Reject,
    /// `200 {}`: received, no decision.
    Receipt,
    /// `500`.
    Fail,
}

/// A store on loopback taking IPNs: answers the n-th with the n-th of its replies (the last one
/// again once they run out), and keeps every body.
#[derive(Clone)]
pub struct Store {
    pub url: String,
    received: Arc<Mutex<Vec<Value>>>,
}

#[derive(Clone)]
struct Script {
    received: Arc<Mutex<Vec<Value>>>,
    replies: Vec<Reply>,
}

impl Store {
    pub async fn start(replies: &[Reply]) -> Store {
        assert!(!replies.is_empty());
        let received = Arc::new(Mutex::new(Vec::new()));
        let script = Script {
            received: Arc::clone(&received),
            replies: replies.to_vec(),
        };
        let app = Router::new().route("/ipn", post(take)).with_state(script);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/ipn", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Store { url, received }
    }

    pub fn received(&self) -> Vec<Value> {
        self.received.lock().unwrap().clone()
    }

    /// `status/status_reason` of each IPN received, in order.
    pub fn stages(&self) -> Vec<String> {
        self.received()
            .iter()
            .map(|ipn| match ipn["status_reason"].as_str() {
                Some(reason) => format!("{}/{reason}", ipn["status"].as_str().unwrap()),
                None => ipn["status"].as_str().unwrap().to_owned(),
            })
            .collect()
    }

    /// Waits (up to 5 s) until `count` IPNs arrived, and returns their stages.
    pub async fn wait_for(&self, count: usize) -> Vec<String> {
        for _ in 0..100 {
            if self.received().len() >= count {
                return self.stages();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {count} IPNs, got {:?}", self.stages());
    }
}

async fn take(State(script): State<Script>, body: String) -> impl IntoResponse {
    let body = serde_json::from_str(&body).unwrap_or(Value::String(body));
    let mut received = script.received.lock().unwrap();
    received.push(body);
    let reply = script.replies[(received.len() - 1).min(script.replies.len() - 1)];
    match reply {
        Reply::Confirm => (StatusCode::OK, axum::Json(json!({"status": "ok"}))).into_response(),
        Reply::Reject => (StatusCode::OK, axum::Json(json!({"status": "ko"}))).into_response(),
        Reply::Receipt => (StatusCode::OK, axum::Json(json!({}))).into_response(),
        Reply::Fail => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Waits (up to 5 s) until the sandbox has kept `count` IPN attempts of `id`, and returns them as
/// (stage announced, HTTP status).
pub async fn wait_for_attempts(
    sandbox: &RunningSandbox,
    id: &str,
    count: usize,
) -> Vec<(String, Option<u16>)> {
    for _ in 0..100 {
        let ipns = sandbox.aplazame().checkout(id).unwrap().ipns;
        if ipns.len() >= count {
            return ipns
                .iter()
                .map(|ipn| (ipn.status.label(), ipn.http_status))
                .collect();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("expected {count} IPN attempts of {id}");
}

/// Waits (up to 5 s) until the checkout's status is `expected`.
pub async fn wait_for_stage(sandbox: &RunningSandbox, id: &str, expected: &str) {
    let mut last = String::new();
    for _ in 0..100 {
        last = stage(sandbox, id).await;
        if last == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("checkout {id} is {last}, expected {expected}");
}
