//! The sandbox's own Aplazame routes under `/__sandbox/aplazame/`, beside the shared ones of `admin`:
//! the same bearer token, never faulted, JSON in and out, refusals `{"error": "..."}`.
//!
//! - `GET /__sandbox/aplazame/checkouts`: `{"checkouts": [CHECKOUT, ...]}` in the order created, where
//!   a CHECKOUT is the whole record: `id`, `mid`, `total_amount`, `sandbox`, `stage` (`pending`,
//!   `pending/in_process`, `ok`, `ko/expired`…), `ipn_url`, `request` (the body as sent),
//!   `created_at` and `ipns` (each attempt: `at`, `status` announced, `http_status` or `error`, and a
//!   confirmation's `decision`).
//! - `GET /__sandbox/aplazame/checkouts/{id}`: one CHECKOUT, or `404`.
//! - `POST /__sandbox/aplazame/checkouts/{id}/buyer` with `{"action": "..."}`: plays the buyer (the
//!   actions and the stages they apply in are in `buyer`), answers the CHECKOUT after the change;
//!   `400` for an unknown action (listing them), `409` for one that does not apply now (naming the
//!   stage and the actions that do), `404` for an unknown checkout.
//! - `GET`, `PUT`, `DELETE /__sandbox/aplazame/faults`: the faults still to inject (see `faults`);
//!   `PUT` replaces them (absent fields 0), `DELETE` clears them. Each answers the plan in force.
//! - `GET`, `PUT /__sandbox/aplazame/timing`: the IPN retries in milliseconds (see
//!   `AplazameTiming`); `PUT` replaces them (absent fields take their defaults).

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::aplazame::buyer::{BUYER_ACTIONS, Refusal, allowed};
use crate::aplazame::faults::AplazameFaults;
use crate::aplazame::state::{ActRefusal, AplazameState, AplazameTiming};
use crate::auth::{Token, require_token};
use crate::wire::{error_answer, json_answer};

pub(crate) const CHECKOUTS_PATH: &str = "/__sandbox/aplazame/checkouts";
pub(crate) const CHECKOUT_PATH: &str = "/__sandbox/aplazame/checkouts/{id}";
pub(crate) const BUYER_PATH: &str = "/__sandbox/aplazame/checkouts/{id}/buyer";
pub(crate) const FAULTS_PATH: &str = "/__sandbox/aplazame/faults";
pub(crate) const TIMING_PATH: &str = "/__sandbox/aplazame/timing";

const NO_CHECKOUT: &str = "no Aplazame checkout has this id";

pub(crate) fn router(token: Token) -> Router<AplazameState> {
    Router::new()
        .route(CHECKOUTS_PATH, get(checkouts))
        .route(CHECKOUT_PATH, get(checkout))
        .route(BUYER_PATH, post(buyer))
        .route(
            FAULTS_PATH,
            get(show_faults).put(replace_faults).delete(clear_faults),
        )
        .route(TIMING_PATH, get(show_timing).put(replace_timing))
        .route_layer(from_fn_with_state(token, require_token))
}

async fn checkouts(State(aplazame): State<AplazameState>) -> Response {
    json_answer(StatusCode::OK, &json!({"checkouts": aplazame.checkouts()}))
}

async fn checkout(
    State(aplazame): State<AplazameState>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    match id.ok().and_then(|Path(id)| aplazame.checkout(&id)) {
        Some(checkout) => json_answer(StatusCode::OK, &checkout),
        None => error_answer(StatusCode::NOT_FOUND, NO_CHECKOUT),
    }
}

async fn buyer(
    State(aplazame): State<AplazameState>,
    id: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Response {
    let Ok(Path(id)) = id else {
        return error_answer(StatusCode::NOT_FOUND, NO_CHECKOUT);
    };
    let action = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|body| {
            body.get("action")
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
    let Some(action) = action else {
        let message = format!(
            "expected {{\"action\": \"...\"}}, one of {}",
            BUYER_ACTIONS.join(", ")
        );
        return error_answer(StatusCode::BAD_REQUEST, &message);
    };
    match aplazame.act(&id, &action) {
        Ok(checkout) => {
            tracing::info!(
                id,
                action,
                stage = checkout.stage.label(),
                "sandbox Aplazame buyer"
            );
            json_answer(StatusCode::OK, &checkout)
        }
        Err(ActRefusal::NoCheckout) => error_answer(StatusCode::NOT_FOUND, NO_CHECKOUT),
        Err(ActRefusal::Action(Refusal::Unknown)) => {
            let message = format!(
                "unknown action «{action}»: one of {}",
                BUYER_ACTIONS.join(", ")
            );
            error_answer(StatusCode::BAD_REQUEST, &message)
        }
        Err(ActRefusal::Action(Refusal::NotNow { stage })) => {
            let now = allowed(stage);
            let message = format!(
                "the checkout is {}: «{action}» does not apply (now: {})",
                stage.label(),
                if now.is_empty() {
                    "nothing, the buyer has finished".to_owned()
                } else {
                    now.join(", ")
                }
            );
            error_answer(StatusCode::CONFLICT, &message)
        }
    }
}

async fn show_faults(State(aplazame): State<AplazameState>) -> Response {
    json_answer(StatusCode::OK, &aplazame.faults())
}

async fn replace_faults(State(aplazame): State<AplazameState>, body: Bytes) -> Response {
    match serde_json::from_slice::<AplazameFaults>(&body) {
        Ok(faults) => {
            tracing::info!(?faults, "sandbox Aplazame faults replaced");
            aplazame.set_faults(faults);
            json_answer(StatusCode::OK, &aplazame.faults())
        }
        Err(error) => error_answer(
            StatusCode::BAD_REQUEST,
            &format!("the Aplazame faults are not usable JSON: {error}"),
        ),
    }
}

async fn clear_faults(State(aplazame): State<AplazameState>) -> Response {
    aplazame.set_faults(AplazameFaults::default());
    json_answer(StatusCode::OK, &aplazame.faults())
}

async fn show_timing(State(aplazame): State<AplazameState>) -> Response {
    json_answer(StatusCode::OK, &aplazame.timing())
}

async fn replace_timing(State(aplazame): State<AplazameState>, body: Bytes) -> Response {
    match serde_json::from_slice::<AplazameTiming>(&body) {
        Ok(timing) => {
            aplazame.set_timing(timing);
            json_answer(StatusCode::OK, &aplazame.timing())
        }
        Err(error) => error_answer(
            StatusCode::BAD_REQUEST,
            &format!("the Aplazame timing is not usable JSON: {error}"),
        ),
    }
}
