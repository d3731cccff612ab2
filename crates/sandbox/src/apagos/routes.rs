//! The aPagos vouchers endpoints, under the sandbox's root as the document writes them under
//! `https://apurata.com/`:
//!
//! | method | path                                             | answers                                   |
//! |--------|--------------------------------------------------|-------------------------------------------|
//! | POST   | `/apagos/unchecked_payment/register`             | `200 {"request_id"}`, `400` text          |
//! | POST   | `/apagos/unchecked_payment/cancel/{request_id}`  | `200 {"canceled": true}`, `400` text or `invalid_status` JSON, `404` |
//! | GET    | `/apagos/unchecked_payment/info/{request_id}`    | `200` the voucher, `404`                  |
//!
//! Every endpoint wants `Authorization: Bearer <token>` (the sandbox's token, the same as aCuotaz's),
//! checked first: without it, `401` with an empty body. Bodies are read as bytes whatever the
//! `Content-Type`, and judged by `validate`. A `request_id` that is not a voucher's (malformed ones
//! included) is `404` with an empty body. The aPagos faults (`faults`) apply after the token check.

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use crate::apagos::faults::{ApagosEndpoint, ApagosFault, lost_answer};
use crate::apagos::state::{ApagosState, CancelRefusal};
use crate::apagos::validate;
use crate::auth::{Token, presented_token};
use crate::wire::json_answer;

pub(crate) const REGISTER_PATH: &str = "/apagos/unchecked_payment/register";
pub(crate) const CANCEL_PATH: &str = "/apagos/unchecked_payment/cancel/{request_id}";
pub(crate) const INFO_PATH: &str = "/apagos/unchecked_payment/info/{request_id}";

pub(crate) fn router(token: Token) -> Router<ApagosState> {
    Router::new()
        .route(REGISTER_PATH, post(register))
        .route(CANCEL_PATH, post(cancel))
        .route(INFO_PATH, get(info))
        .route_layer(from_fn_with_state(token, require_token))
}

/// `Authorization: Bearer <token>` (scheme in any case), else `401` with an empty body.
pub(crate) async fn require_token(
    State(Token(expected)): State<Token>,
    request: Request,
    next: Next,
) -> Response {
    if presented_token(request.headers()) == Some(&*expected) {
        next.run(request).await
    } else {
        StatusCode::UNAUTHORIZED.into_response()
    }
}

/// `400` with the plain-text body the document describes ("A string describing the error").
pub(crate) fn plain_refusal(message: &str) -> Response {
    let plain = HeaderValue::from_static("text/plain; charset=utf-8");
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, plain)],
        message.to_owned(),
    )
        .into_response()
}

async fn register(State(apagos): State<ApagosState>, body: Bytes) -> Response {
    if apagos.take_fault(ApagosEndpoint::Register, ApagosFault::Fail) {
        return apagos.failure();
    }
    let typed = match validate::register(&body, &apagos.accounts()) {
        Ok(typed) => typed,
        Err(message) => return plain_refusal(&message),
    };
    let voucher = apagos.register(typed);
    tracing::info!(
        request_id = voucher.request_id,
        order_id = voucher.typed.order_id,
        "sandbox aPagos voucher registered"
    );
    if apagos.take_fault(ApagosEndpoint::Register, ApagosFault::DropAnswer) {
        return lost_answer();
    }
    json_answer(StatusCode::OK, &json!({"request_id": voucher.request_id}))
}

async fn cancel(
    State(apagos): State<ApagosState>,
    request_id: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Response {
    if apagos.take_fault(ApagosEndpoint::Cancel, ApagosFault::Fail) {
        return apagos.failure();
    }
    let Ok(Path(request_id)) = request_id else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if apagos.voucher(&request_id).is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let expected = match validate::cancel(&body) {
        Ok(expected) => expected,
        Err(message) => return plain_refusal(&message),
    };
    match apagos.cancel(&request_id, &expected) {
        Ok(()) => {
            tracing::info!(request_id, "sandbox aPagos voucher canceled");
            if apagos.take_fault(ApagosEndpoint::Cancel, ApagosFault::DropAnswer) {
                return lost_answer();
            }
            json_answer(StatusCode::OK, &json!({"canceled": true}))
        }
        Err(CancelRefusal::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(CancelRefusal::InvalidStatus(status)) => {
            let body = json!({
                "canceled": false,
                "error_code": "invalid_status",
                "error_detail": format!(
                    "The payment was expected to be in status {expected} but was in status {status}"
                ),
                "extra_data": {"status": status},
            });
            json_answer(StatusCode::BAD_REQUEST, &body)
        }
    }
}

async fn info(
    State(apagos): State<ApagosState>,
    request_id: Result<Path<String>, PathRejection>,
) -> Response {
    if apagos.take_fault(ApagosEndpoint::Info, ApagosFault::Fail) {
        return apagos.failure();
    }
    let voucher = request_id
        .ok()
        .and_then(|Path(request_id)| apagos.voucher(&request_id));
    let Some(voucher) = voucher else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if apagos.take_fault(ApagosEndpoint::Info, ApagosFault::DropAnswer) {
        return lost_answer();
    }
    json_answer(StatusCode::OK, &voucher.info())
}
