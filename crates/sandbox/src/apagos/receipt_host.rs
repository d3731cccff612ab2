//! What stands in for Caja Central when a till tries vouchers on the simulator without one: a place to
//! keep the receipt's image at a URL aPagos (here, the simulator) can be given, and a sink for the
//! callbacks, so a new user can register a transfer from the first minute. Never used against a real
//! aPagos, which needs the public address only Central gives.
//!
//! - `POST /__sandbox/apagos/receipts` with the file as the body (no token: the simulator's own
//!   stand-in, on loopback): `201
//!   {"url", "content_type", "bytes"}`; the type read from the bytes (JPEG, PNG, WebP, PDF), anything
//!   else `400 {"error"}` saying what it looks like.
//! - `GET /__sandbox/apagos/receipts/{name}`: the file, as aPagos would fetch it; `404` otherwise.
//! - `POST /__sandbox/apagos/callbacks`: takes any callback and answers `200 {}` (the simulator keeps
//!   each attempt on the voucher already).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use providers::apagos::receipt_type::sniff;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::wire::{error_answer, json_answer};

pub(crate) const RECEIPTS_PATH: &str = "/__sandbox/apagos/receipts";
const RECEIPT_PATH: &str = "/__sandbox/apagos/receipts/{name}";
pub(crate) const CALLBACKS_PATH: &str = "/__sandbox/apagos/callbacks";
/// A receipt is a phone's screenshot: a few MB at most.
const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The receipts kept, by name (their SHA-256 and extension).
#[derive(Debug, Clone, Default)]
pub(crate) struct HostedReceipts(Arc<Mutex<HashMap<String, (&'static str, Bytes)>>>);

pub(crate) fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        // axum refuses bodies over 2 MB by default; a phone's screenshot may be bigger, and the
        // handler says what the limit is in its own words, so let up to the limit (and one byte
        // more, to tell "too big") reach it.
        .route(
            RECEIPTS_PATH,
            post(upload).layer(DefaultBodyLimit::max(MAX_BYTES + 1)),
        )
        .route(RECEIPT_PATH, get(fetch))
        .route(
            CALLBACKS_PATH,
            post(|| async { json_answer(StatusCode::OK, &json!({})) }),
        )
        .with_state(HostedReceipts::default())
}

async fn upload(State(hosted): State<HostedReceipts>, headers: HeaderMap, body: Bytes) -> Response {
    if body.len() > MAX_BYTES {
        return error_answer(StatusCode::PAYLOAD_TOO_LARGE, "a receipt is 10 MB at most");
    }
    let content_type = match sniff(&body) {
        Ok(content_type) => content_type,
        Err(looks_like) => {
            let message =
                format!("a receipt is a JPEG, PNG, WebP or PDF file; this is {looks_like}");
            return error_answer(StatusCode::BAD_REQUEST, &message);
        }
    };
    let extension = content_type.rsplit('/').next().unwrap_or("bin");
    let digest = Sha256::digest(&body);
    let name = format!("{}.{extension}", hex(&digest[..16]));
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("127.0.0.1");
    let url = format!("http://{host}{RECEIPTS_PATH}/{name}");
    let bytes = body.len();
    hosted
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(name, (content_type, body));
    json_answer(
        StatusCode::CREATED,
        &json!({"url": url, "content_type": content_type, "bytes": bytes}),
    )
}

async fn fetch(State(hosted): State<HostedReceipts>, Path(name): Path<String>) -> Response {
    let found = hosted
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&name)
        .cloned();
    match found {
        Some((content_type, bytes)) => {
            ([(header::CONTENT_TYPE, content_type)], bytes).into_response()
        }
        None => error_answer(StatusCode::NOT_FOUND, "no receipt has this name"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Keeps `bytes` on the simulator at `sandbox_url` (its root) and gives the receipt's address; the
/// simulator's refusal in its own words otherwise.
pub async fn host_receipt(sandbox_url: &str, bytes: Vec<u8>) -> Result<String, String> {
    let url = format!("{}{RECEIPTS_PATH}", sandbox_url.trim_end_matches('/'));
    let answer = reqwest::Client::new()
        .post(url)
        .body(bytes)
        .timeout(std::time::Duration::from_secs(10))
        .send()
        .await
        .map_err(|error| format!("the simulator did not answer: {error}"))?;
    let status = answer.status();
    let body: serde_json::Value = answer
        .json()
        .await
        .map_err(|error| format!("the simulator's answer is not JSON: {error}"))?;
    match body.get("url").and_then(serde_json::Value::as_str) {
        Some(url) if status == StatusCode::CREATED => Ok(url.to_owned()),
        _ => Err(body
            .get("error")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("the simulator kept no receipt")
            .to_owned()),
    }
}
