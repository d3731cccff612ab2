//! Aplazame's POS endpoints, under the sandbox's root as the document writes them under
//! `https://api.aplazame.com/`:
//!
//! | method | path                               | answers                                              |
//! |--------|------------------------------------|------------------------------------------------------|
//! | POST   | `/aplazame/checkout/offline`       | `201 {"id"}`, `403` (empty: not financed), `400` fields |
//! | GET    | `/aplazame/checkout/{id}/status`   | `200` the status object, `404`                       |
//!
//! Checked first, in this order: `Authorization: Bearer <token>` (the sandbox's token stands for the
//! store's private key), else `401`; then `Accept`, which must name
//! `application/vnd.aplazame.v3+json` (live) or `application/vnd.aplazame.sandbox.v3+json` (test
//! mode), else `406`. Errors have the reference's shape, `{"error": {"message", "type"[, "fields"]}}`;
//! the `403` has no body. Every answer carries `X-Aplazame-Media-Type: aplazame.v3`. A checkout
//! created in test mode says `sandbox: true`; the status is answered in either mode (the `sandbox`
//! field tells which). The faults (`faults`) apply after the checks of the key and the media type.

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use providers::aplazame::{MEDIA_TYPE, SANDBOX_MEDIA_TYPE};
use serde_json::json;

use crate::aplazame::faults::AplazameFault;
use crate::aplazame::rules;
use crate::aplazame::state::AplazameState;
use crate::aplazame::validate::{self, FieldErrors};
use crate::auth::{Token, presented_token};
use crate::fault::broken::{dropped_connection, portal_page};
use crate::wire::json_answer;

pub(crate) const CREATE_PATH: &str = "/aplazame/checkout/offline";
pub(crate) const STATUS_PATH: &str = "/aplazame/checkout/{id}/status";

/// The answers' `X-Aplazame-Media-Type`.
const ANSWER_MEDIA_TYPE: &str = "aplazame.v3";

pub(crate) fn router(token: Token) -> Router<AplazameState> {
    Router::new()
        .route(CREATE_PATH, post(create))
        .route(STATUS_PATH, get(status))
        .route_layer(from_fn(require_media_type))
        .route_layer(from_fn_with_state(token, require_key))
        .layer(from_fn(answer_media_type))
}

/// `{"error": {"message", "type"}}` with `status`.
fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    json_answer(
        status,
        &json!({"error": {"message": message, "type": kind}}),
    )
}

/// `400` naming the fields.
fn invalid(fields: &FieldErrors) -> Response {
    let body = json!({"error": {
        "fields": fields,
        "message": "API validation error",
        "type": "ApiValidationException",
    }});
    json_answer(StatusCode::BAD_REQUEST, &body)
}

async fn require_key(
    State(Token(expected)): State<Token>,
    request: Request,
    next: Next,
) -> Response {
    if presented_token(request.headers()) == Some(&*expected) {
        next.run(request).await
    } else {
        let message = "Authentication credentials were not provided.";
        error(StatusCode::UNAUTHORIZED, "UnauthorizedException", message)
    }
}

/// Which environment the `Accept` header names: `Some(true)` test mode, `Some(false)` live.
fn environment(headers: &HeaderMap) -> Option<bool> {
    let accept = headers.get(header::ACCEPT)?.to_str().ok()?;
    accept
        .split(',')
        .map(|item| item.split(';').next().unwrap_or_default().trim())
        .find_map(|media| {
            if media.eq_ignore_ascii_case(SANDBOX_MEDIA_TYPE) {
                Some(true)
            } else if media.eq_ignore_ascii_case(MEDIA_TYPE) {
                Some(false)
            } else {
                None
            }
        })
}

async fn require_media_type(request: Request, next: Next) -> Response {
    if environment(request.headers()).is_some() {
        next.run(request).await
    } else {
        let message = format!("The Accept header must be {MEDIA_TYPE} or {SANDBOX_MEDIA_TYPE}.");
        error(
            StatusCode::NOT_ACCEPTABLE,
            "NotAcceptableException",
            &message,
        )
    }
}

async fn answer_media_type(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        "x-aplazame-media-type",
        HeaderValue::from_static(ANSWER_MEDIA_TYPE),
    );
    response
}

async fn create(
    State(aplazame): State<AplazameState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if aplazame.take_fault(AplazameFault::FailCreate) {
        return aplazame.failure();
    }
    let accepted = match validate::checkout(&body) {
        Ok(accepted) => accepted,
        Err(fields) => return invalid(&fields),
    };
    if rules::declines(accepted.total_amount, &accepted.email) {
        tracing::info!(mid = accepted.mid, "sandbox Aplazame declines to finance");
        return StatusCode::FORBIDDEN.into_response();
    }
    let mid = accepted.mid.clone();
    let sandbox = environment(&headers).unwrap_or(false);
    let Some(checkout) = aplazame.create(accepted, sandbox) else {
        return invalid(&validate::one(
            "order.id",
            "An order with this id already exists.",
        ));
    };
    tracing::info!(
        id = checkout.id,
        mid,
        sandbox,
        "sandbox Aplazame checkout created"
    );
    if aplazame.take_fault(AplazameFault::DropCreateAnswer) {
        return dropped_connection();
    }
    if aplazame.take_fault(AplazameFault::GarbleCreateAnswer) {
        let mut page = portal_page();
        *page.status_mut() = StatusCode::CREATED;
        return page;
    }
    json_answer(StatusCode::CREATED, &json!({"id": checkout.id}))
}

async fn status(
    State(aplazame): State<AplazameState>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    if aplazame.take_fault(AplazameFault::FailStatus) {
        return aplazame.failure();
    }
    let checkout = id.ok().and_then(|Path(id)| aplazame.checkout(&id));
    let Some(checkout) = checkout else {
        let body =
            json!({"error": {"message": "Object not found", "type": "ObjectNotFoundException"}});
        return json_answer(StatusCode::NOT_FOUND, &body);
    };
    if aplazame.take_fault(AplazameFault::DropStatusAnswer) {
        return dropped_connection();
    }
    json_answer(StatusCode::OK, &checkout.status())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> Option<bool> {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_str(value).ok()?);
        environment(&headers)
    }

    #[test]
    fn the_accept_header_chooses_the_environment() {
        assert_eq!(accept(MEDIA_TYPE), Some(false));
        assert_eq!(accept(SANDBOX_MEDIA_TYPE), Some(true));
        assert_eq!(
            accept("text/html, application/vnd.aplazame.sandbox.v3+json; q=0.9"),
            Some(true)
        );
        assert_eq!(accept("application/json"), None);
        assert_eq!(accept("application/vnd.aplazame.v4+json"), None);
    }
}
