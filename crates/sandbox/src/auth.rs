//! The client token check: `Authorization: Bearer <token>`, checked before anything else about the
//! request, as the provider does (a request without the token learns nothing, not even its field errors).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use providers::apurata::downpayment::messages;

use crate::wire::error_answer;

/// The token the sandbox accepts. Never logged.
#[derive(Clone)]
pub(crate) struct Token(pub(crate) Arc<str>);

pub(crate) async fn require_token(
    State(Token(expected)): State<Token>,
    request: Request,
    next: Next,
) -> Response {
    if presented_token(request.headers()) == Some(&*expected) {
        next.run(request).await
    } else {
        error_answer(StatusCode::UNAUTHORIZED, messages::UNAUTHORIZED)
    }
}

/// The credentials of a `Bearer` authorization (the scheme is case-insensitive, RFC 9110).
pub(crate) fn presented_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}
