//! The sandbox's own aPagos routes under `/__sandbox/apagos/`, beside the shared ones of `admin`: the
//! same bearer token, never faulted, JSON in and out, refusals `{"error": "..."}`.
//!
//! - `GET /__sandbox/apagos/vouchers`: `{"vouchers": [VOUCHER, ...]}` in the order registered, where
//!   a VOUCHER is the whole record: `request_id`, `status`, `matched` (the values `info` shows:
//!   `amount`, `date`, `operation_number`, `bank_account_id`), `bank_operation_number`, `typed` (the
//!   register's fields as sent), `registered_at` and `callbacks` (each attempt: `at`, `status`,
//!   `http_status` or `error`).
//! - `GET /__sandbox/apagos/vouchers/{request_id}`: one VOUCHER, or `404`.
//! - `POST /__sandbox/apagos/vouchers/{request_id}/status` with `{"status": "..."}`: puts the voucher
//!   in that status now, any text (`"IN_REVIEW"`, `"ON_HOLD"`); `VALIDATED` applies the validated
//!   values, and `VALIDATED` and `INVALID` call the webhook. Answers the VOUCHER.
//! - `GET`, `PUT`, `DELETE /__sandbox/apagos/faults`: the faults still to inject (see `faults`); `PUT`
//!   replaces them (absent fields 0), `DELETE` clears them. Each answers the plan in force.
//! - `GET`, `PUT /__sandbox/apagos/timing`: the validation delay and the webhook's retries in
//!   milliseconds (see `ApagosTiming`); `PUT` replaces them (absent fields take their defaults).

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::apagos::faults::ApagosFaults;
use crate::apagos::routes::require_token;
use crate::apagos::state::{ApagosState, ApagosTiming};
use crate::apagos::voucher::VoucherStatus;
use crate::auth::Token;
use crate::wire::{error_answer, json_answer};

pub(crate) const VOUCHERS_PATH: &str = "/__sandbox/apagos/vouchers";
pub(crate) const VOUCHER_PATH: &str = "/__sandbox/apagos/vouchers/{request_id}";
pub(crate) const STATUS_PATH: &str = "/__sandbox/apagos/vouchers/{request_id}/status";
pub(crate) const FAULTS_PATH: &str = "/__sandbox/apagos/faults";
pub(crate) const TIMING_PATH: &str = "/__sandbox/apagos/timing";

const NO_VOUCHER: &str = "no aPagos voucher has this request_id";

pub(crate) fn router(token: Token) -> Router<ApagosState> {
    Router::new()
        .route(VOUCHERS_PATH, get(vouchers))
        .route(VOUCHER_PATH, get(voucher))
        .route(STATUS_PATH, post(set_status))
        .route(
            FAULTS_PATH,
            get(show_faults).put(replace_faults).delete(clear_faults),
        )
        .route(TIMING_PATH, get(show_timing).put(replace_timing))
        .route_layer(from_fn_with_state(token, require_token))
}

async fn vouchers(State(apagos): State<ApagosState>) -> Response {
    json_answer(StatusCode::OK, &json!({"vouchers": apagos.vouchers()}))
}

async fn voucher(
    State(apagos): State<ApagosState>,
    request_id: Result<Path<String>, PathRejection>,
) -> Response {
    let found = request_id
        .ok()
        .and_then(|Path(request_id)| apagos.voucher(&request_id));
    match found {
        Some(voucher) => json_answer(StatusCode::OK, &voucher),
        None => error_answer(StatusCode::NOT_FOUND, NO_VOUCHER),
    }
}

async fn set_status(
    State(apagos): State<ApagosState>,
    request_id: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Response {
    let Ok(Path(request_id)) = request_id else {
        return error_answer(StatusCode::NOT_FOUND, NO_VOUCHER);
    };
    let status = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|body| {
            body.get("status")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .filter(|status| !status.trim().is_empty());
    let Some(status) = status else {
        return error_answer(
            StatusCode::BAD_REQUEST,
            "expected {\"status\": \"...\"}, a non-empty status",
        );
    };
    match apagos.set_status(&request_id, VoucherStatus::from_text(&status)) {
        Some(voucher) => {
            tracing::info!(request_id, status, "sandbox aPagos status set by admin");
            json_answer(StatusCode::OK, &voucher)
        }
        None => error_answer(StatusCode::NOT_FOUND, NO_VOUCHER),
    }
}

async fn show_faults(State(apagos): State<ApagosState>) -> Response {
    json_answer(StatusCode::OK, &apagos.faults())
}

async fn replace_faults(State(apagos): State<ApagosState>, body: Bytes) -> Response {
    match serde_json::from_slice::<ApagosFaults>(&body) {
        Ok(faults) => {
            tracing::info!(?faults, "sandbox aPagos faults replaced");
            apagos.set_faults(faults);
            json_answer(StatusCode::OK, &apagos.faults())
        }
        Err(error) => error_answer(
            StatusCode::BAD_REQUEST,
            &format!("the aPagos faults are not usable JSON: {error}"),
        ),
    }
}

async fn clear_faults(State(apagos): State<ApagosState>) -> Response {
    apagos.set_faults(ApagosFaults::default());
    json_answer(StatusCode::OK, &apagos.faults())
}

async fn show_timing(State(apagos): State<ApagosState>) -> Response {
    json_answer(StatusCode::OK, &apagos.timing())
}

async fn replace_timing(State(apagos): State<ApagosState>, body: Bytes) -> Response {
    match serde_json::from_slice::<ApagosTiming>(&body) {
        Ok(timing) => {
            apagos.set_timing(timing);
            json_answer(StatusCode::OK, &apagos.timing())
        }
        Err(error) => error_answer(
            StatusCode::BAD_REQUEST,
            &format!("the aPagos timing is not usable JSON: {error}"),
        ),
    }
}
