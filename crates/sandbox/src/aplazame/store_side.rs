//! What stands in for Caja Central's Aplazame part when a till tries Aplazame on the simulator without
//! one: an IPN endpoint that answers the store's confirmation with the decision the till handed over,
//! so that a new user's first checkout can reach `ok` from the first minute. Never used against a real
//! Aplazame, which needs the public address only Central gives.
//!
//! - `POST /__sandbox/aplazame/store/ipn`: an IPN (the status object). For
//!   `pending`/`confirmation_required` the decision held for its `mid` is the answer (`200
//!   {"status": "ok"|"ko"}`); none yet is `503 {"error"}`, so that the simulator asks again (as Central
//!   does). Anything else: `200 {}`.
//! - `PUT /__sandbox/aplazame/store/decisions/{mid}` with `{"decision": "ok"|"ko"}`: the store's
//!   decision, held until the simulator asks; `204`. Anything else is `400 {"error"}`.
//!
//! No token on either (the simulator's own stand-in, on loopback, like the receipt host of aPagos).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use serde_json::{Value, json};

use crate::wire::{error_answer, json_answer};

/// Where a till on the simulator with no Central has Aplazame send its IPNs.
pub const STORE_IPN_PATH: &str = "/__sandbox/aplazame/store/ipn";
const DECISION_PATH: &str = "/__sandbox/aplazame/store/decisions/{mid}";

/// The decisions handed over, by `mid`.
#[derive(Debug, Clone, Default)]
pub(crate) struct StoreDecisions(Arc<Mutex<HashMap<String, &'static str>>>);

impl StoreDecisions {
    fn get(&self, mid: &str) -> Option<&'static str> {
        let held = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        held.get(mid).copied()
    }
}

pub(crate) fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route(STORE_IPN_PATH, post(ipn))
        .route(DECISION_PATH, put(decide))
        .with_state(StoreDecisions::default())
}

async fn ipn(State(decisions): State<StoreDecisions>, body: String) -> Response {
    let Ok(status) = serde_json::from_str::<Value>(&body) else {
        return error_answer(
            StatusCode::BAD_REQUEST,
            "an IPN is the checkout's status object",
        );
    };
    let text = |field: &str| status.get(field).and_then(Value::as_str).unwrap_or("");
    if text("status") != "pending" || text("status_reason") != "confirmation_required" {
        return json_answer(StatusCode::OK, &json!({}));
    }
    match decisions.get(text("mid")) {
        Some(decision) => json_answer(StatusCode::OK, &json!({"status": decision})),
        None => error_answer(
            StatusCode::SERVICE_UNAVAILABLE,
            "the store has not decided yet: ask again",
        ),
    }
}

async fn decide(
    State(decisions): State<StoreDecisions>,
    Path(mid): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let decision = match body.get("decision").and_then(Value::as_str) {
        Some("ok") => "ok",
        Some("ko") => "ko",
        _ => {
            return error_answer(StatusCode::BAD_REQUEST, "decision must be \"ok\" or \"ko\"");
        }
    };
    decisions
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(mid, decision);
    StatusCode::NO_CONTENT.into_response()
}

/// Hands the store's `decision` (`ok` or `ko`) on `mid` to the simulator at `sandbox_url` (its root);
/// the simulator's refusal in its own words otherwise.
pub async fn hand_decision(sandbox_url: &str, mid: &str, decision: &str) -> Result<(), String> {
    let url = format!(
        "{}/__sandbox/aplazame/store/decisions/{mid}",
        sandbox_url.trim_end_matches('/')
    );
    let answer = reqwest::Client::new()
        .put(url)
        .json(&json!({ "decision": decision }))
        .timeout(std::time::Duration::from_secs(5))
        .send()
        .await
        .map_err(|error| format!("the simulator did not answer: {error}"))?;
    if answer.status() == StatusCode::NO_CONTENT {
        Ok(())
    } else {
        Err(format!(
            "the simulator refused the decision ({}): {}",
            answer.status(),
            answer.text().await.unwrap_or_default()
        ))
    }
}
