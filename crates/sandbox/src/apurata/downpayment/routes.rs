//! The API of the sandbox: the four endpoints under both `v2/` and `mock/`, behind the token check,
//! with their documented answers, and the request log. The crate root puts them together with the
//! fault plan (`fault`) and the admin routes (`admin`), so this module needs neither.
//!
//! Answers: `info` and `day-summary` answer JSON; `paid-and-billed` and `undo-billing` answer `200` with
//! an empty body (the document shows only "200 OK"); field errors are `400` with one key per bad
//! field; other refusals are `{"error": "..."}`. Malformed input never reaches axum's own rejections:
//! queries and bodies are read leniently and judged by the validation rules.

use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::{StatusCode, Uri};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use providers::apurata::downpayment::{
    API_PREFIX, DaySummaryQuery, FieldErrors, InfoQuery, endpoints, messages,
};

use crate::apurata::downpayment::state::{Refusal, SandboxState};
use crate::apurata::downpayment::validate::{self, RawLookup, RucRule};
use crate::auth::{Token, require_token};
use crate::wire::{FLAVORS, error_answer, json_answer};

/// The four endpoints under every flavor, each behind the token, and a JSON 404 for any other path.
pub(crate) fn router(token: Token) -> Router<SandboxState> {
    let mut api = Router::new();
    for flavor in FLAVORS {
        let path = |endpoint: &str| format!("{API_PREFIX}{flavor}/{endpoint}");
        api = api
            .route(&path(endpoints::INFO), get(info))
            .route(&path(endpoints::PAID_AND_BILLED), post(paid_and_billed))
            .route(&path(endpoints::UNDO_BILLING), post(undo_billing))
            .route(&path(endpoints::DAY_SUMMARY), get(day_summary));
    }
    api.route_layer(from_fn_with_state(token, require_token))
        .fallback(unknown_endpoint)
}

/// One debug line per request. The query is left out (it carries customers' DNIs), and so are the
/// headers (they carry the token).
pub(crate) async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::debug!(
        %method,
        path,
        status = response.status().as_u16(),
        micros = started.elapsed().as_micros() as u64,
        "sandbox request"
    );
    response
}

async fn info(
    State(sandbox): State<SandboxState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let pairs = query_pairs(query);
    let query = InfoQuery {
        dni: first(&pairs, "dni"),
        ruc: first(&pairs, "ruc"),
        funding_code: first(&pairs, "funding_code").unwrap_or_default(),
    };
    let lookup = match validate::lookup(RawLookup::from(query), RucRule::Any) {
        Ok(lookup) => lookup,
        Err(errors) => return field_errors(errors),
    };
    match sandbox.info(&lookup) {
        Ok(info) => json_answer(StatusCode::OK, &info),
        Err(refusal) => refusal_answer(refusal),
    }
}

async fn paid_and_billed(State(sandbox): State<SandboxState>, body: Bytes) -> Response {
    let lookup = match validate::lookup(RawLookup::from_json_body(&body), RucRule::Any) {
        Ok(lookup) => lookup,
        Err(errors) => return field_errors(errors),
    };
    match sandbox.paid_and_billed(&lookup) {
        Ok(effect) => {
            tracing::debug!(
                funding_code = lookup.funding_code,
                ?effect,
                "paid-and-billed"
            );
            StatusCode::OK.into_response()
        }
        Err(refusal) => refusal_answer(refusal),
    }
}

async fn undo_billing(State(sandbox): State<SandboxState>, body: Bytes) -> Response {
    let lookup = match validate::lookup(RawLookup::from_json_body(&body), RucRule::PersonOnly) {
        Ok(lookup) => lookup,
        Err(errors) => return field_errors(errors),
    };
    match sandbox.undo_billing(&lookup) {
        Ok(()) => StatusCode::OK.into_response(),
        Err(refusal) => refusal_answer(refusal),
    }
}

async fn day_summary(
    State(sandbox): State<SandboxState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let pairs = query_pairs(query);
    let query = DaySummaryQuery {
        day: first(&pairs, "day").unwrap_or_default(),
        detail: first(&pairs, "detail"),
    };
    let request = match validate::day_request(&query) {
        Ok(request) => request,
        Err(errors) => return field_errors(errors),
    };
    match sandbox.day_summary(request.day) {
        Some(summary) if request.detail => json_answer(StatusCode::OK, &summary),
        Some(summary) => json_answer(StatusCode::OK, &summary.totals),
        None => error_answer(StatusCode::INTERNAL_SERVER_ERROR, "Day totals overflow"),
    }
}

/// Paths outside the API: a JSON 404 that says so, rather than one a client could take for the
/// documented "funding code does not exist".
async fn unknown_endpoint(uri: Uri) -> Response {
    let message = format!("No such endpoint in the sandbox: {}", uri.path());
    error_answer(StatusCode::NOT_FOUND, &message)
}

/// The query as pairs, in order. An unreadable query counts as an empty one, so it is answered with
/// the documented field errors.
fn query_pairs(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Vec<(String, String)> {
    query.map(|Query(pairs)| pairs).unwrap_or_default()
}

/// The first value of a repeated parameter.
fn first(pairs: &[(String, String)], name: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.clone())
}

fn refusal_answer(refusal: Refusal) -> Response {
    match refusal {
        Refusal::NotFound => error_answer(StatusCode::NOT_FOUND, messages::NOT_FOUND),
        Refusal::NotBilledYet => error_answer(StatusCode::BAD_REQUEST, messages::NOT_BILLED_YET),
    }
}

fn field_errors(errors: FieldErrors) -> Response {
    json_answer(StatusCode::BAD_REQUEST, &errors)
}
