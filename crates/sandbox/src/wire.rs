//! What every part of the sandbox's HTTP face shares, kept in one leaf so the parts depend on it and not
//! on each other: the `{v2|mock}` flavors the API is served under, and the JSON shape of an answer
//! (`{"error": "..."}` for a refusal). The API routes, the token check, the admin routes and the fault
//! plan all use it; it uses none of them.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use providers::apurata::downpayment::ErrorBody;
use serde::Serialize;

/// The `{v2|mock}` segments served; both reach the same state.
pub(crate) const FLAVORS: [&str; 2] = ["v2", "mock"];

/// `{"error": message}` with `status`, the provider's shape for every refusal.
pub(crate) fn error_answer(status: StatusCode, message: &str) -> Response {
    let body = ErrorBody {
        error: message.to_owned(),
    };
    json_answer(status, &body)
}

pub(crate) fn json_answer<T: Serialize>(status: StatusCode, body: &T) -> Response {
    (status, Json(body)).into_response()
}
