//! aPagos test helpers, shared by the `apagos_*.rs` test files: the URLs under `{sandbox}/apagos/`, the
//! document's example register, registering, waiting for a decision, and a webhook receiver (a small
//! axum server on loopback that records every callback and can fail the first ones).
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use sandbox::{ApagosTiming, RunningSandbox};
use serde_json::{Value, json};

use crate::common::{Answer, Caller};

/// `{root}/apagos/unchecked_payment/{path}`, the client's root being `{root}/apagos/`.
pub fn apagos(sandbox: &RunningSandbox, path: &str) -> String {
    format!("{}/apagos/unchecked_payment/{path}", sandbox.url())
}

/// The document's example register, with `webhook` pointing where the test says.
pub fn example(webhook: &str) -> Value {
    json!({
        "amount": 123.30,
        "order_id": "1001",
        "operation_number": "696",
        "bank_account_id": "BBVA",
        "date": "2020-10-30",
        "webhook": webhook,
        "receipt": "https://img.freepik.com/free-vector/realistic-receipt-template_23-2147938550.jpg",
        "detail": "testing INVALID request",
        "customer_dni": "12345678",
        "customer_fullname": "Juan Pérez Aguilar"
    })
}

/// Timing fast enough for tests: the decision after `delay_ms`, retries 50 ms apart at first, within
/// `window_ms`.
pub fn fast(sandbox: &RunningSandbox, delay_ms: u64, window_ms: u64) {
    sandbox.apagos().set_timing(ApagosTiming {
        validation_delay_ms: delay_ms,
        callback_first_retry_ms: 50,
        callback_window_ms: window_ms,
        callback_attempt_timeout_ms: 1_000,
    });
}

/// Registers `body` and returns the `request_id` of a `200`.
pub async fn register(caller: &Caller, sandbox: &RunningSandbox, body: Value) -> String {
    let answer = caller.post_json(&apagos(sandbox, "register"), body).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let id = answer.json()["request_id"]
        .as_str()
        .expect("a request_id")
        .to_owned();
    assert!(
        id.len() == 24
            && id
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)),
        "an ObjectId: {id}"
    );
    id
}

pub async fn info(caller: &Caller, sandbox: &RunningSandbox, id: &str) -> Answer {
    caller
        .get(&apagos(sandbox, &format!("info/{id}")), &[])
        .await
}

pub async fn cancel(caller: &Caller, sandbox: &RunningSandbox, id: &str, body: &str) -> Answer {
    caller
        .post(&apagos(sandbox, &format!("cancel/{id}")), body)
        .await
}

/// `info`'s body once the voucher has left `PENDING` (within 5 s).
pub async fn decided(caller: &Caller, sandbox: &RunningSandbox, id: &str) -> Value {
    for _ in 0..100 {
        let body = info(caller, sandbox, id).await.json();
        if body["status"] != "PENDING" {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("voucher {id} still PENDING after 5 s");
}

/// Asserts a `400` whose body is plain text naming `field`.
pub fn assert_plain_refusal(answer: &Answer, field: &str) {
    assert_eq!(answer.status, 400, "{answer:?}");
    let content_type = answer.content_type.as_deref().unwrap_or_default();
    assert!(content_type.starts_with("text/plain"), "{answer:?}");
    assert!(answer.body.contains(field), "names {field}: {answer:?}");
}

/// One callback as the webhook received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: Value,
}

/// A webhook on loopback: answers `500` to the first `failures` callbacks, then `200`.
#[derive(Clone)]
pub struct Webhook {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

#[derive(Clone)]
struct Hook {
    received: Arc<Mutex<Vec<Received>>>,
    failures: usize,
}

impl Webhook {
    pub async fn start(failures: usize) -> Webhook {
        let received = Arc::new(Mutex::new(Vec::new()));
        let hook = Hook {
            received: Arc::clone(&received),
            failures,
        };
        let app = Router::new().route("/hook", post(receive)).with_state(hook);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Webhook { url, received }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits (up to 5 s) until `count` callbacks arrived, and returns them.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..100 {
            if self.received().len() >= count {
                return self.received();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {count} callbacks, got {:?}", self.received());
    }
}

async fn receive(State(hook): State<Hook>, headers: HeaderMap, body: String) -> StatusCode {
    let body = serde_json::from_str(&body).unwrap_or(Value::String(body));
    let mut received = hook.received.lock().unwrap();
    received.push(Received { headers, body });
    if received.len() <= hook.failures {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}
