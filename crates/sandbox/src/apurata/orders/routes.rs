//! The orders API's endpoints, under the provider's root as the document writes them:
//!
//! | method | path                                       | token          |
//! |--------|--------------------------------------------|----------------|
//! | GET    | `/pos/client/landing_config`               | bearer         |
//! | POST   | `/pos/order/create`                        | bearer         |
//! | GET    | `/pos/order/{order_id}`                    | bearer         |
//! | POST   | `/pos/order/{order_id}/total-refund`       | bearer         |
//! | POST   | `/pos/order/{order_id}/partial-refund`     | bearer         |
//! | POST   | `/pos/order/{order_id}/cancel`             | bearer         |
//! | POST   | `/pos/order/{order_id}/confirm`            | bearer         |
//! | GET    | `/pos/pay-with-apurata-add-on/{amount}`    | `Client_id`    |
//! | GET    | `/pos/{client_id}/info-steps`              | none           |
//!
//! The bearer token is checked first (`401 {"error": "Wrong or missing client token"}`), as on the down
//! payment API. The add-on wants the registered store in `Client_id`, else `401` with the document's
//! body `{ "Unauthorized" }`, literally. JSON answers are the document's; refusals are
//! `{"error": "..."}`; an unknown order is `404 {"error": "Order does not exist"}` (checked before a
//! refund's header and body). Bodies are read as bytes and judged by `validate`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::Timestamp;
use providers::apurata::orders::{
    CLIENT_ID_HEADER, CancelAnswer, ConfirmAnswer, CreateStatus, Created, OrderInfo,
    OrderStatus as WireStatus, RefundDone, endpoints, messages,
};
use providers::money::Soles;
use serde_json::json;

use crate::apurata::downpayment::state::SandboxState;
use crate::apurata::orders::html;
use crate::apurata::orders::order::{Order, RefundKind};
use crate::apurata::orders::rules::Cancel;
use crate::apurata::orders::state::OrderRefusal;
use crate::apurata::orders::validate::{self, invalid};
use crate::auth::{Token, require_token};
use crate::wire::{error_answer, json_answer};

/// The add-on's documented `401` body, word for word.
const ADD_ON_UNAUTHORIZED: &str = r#"{ "Unauthorized" }"#;
const LANDING_VERSION: &str = "sandbox-1";

pub(crate) fn router(token: Token) -> Router<SandboxState> {
    let order = format!("/{}/{{order_id}}", endpoints::ORDER);
    let action = |name: &str| format!("{order}/{name}");
    let with_token = Router::new()
        .route(
            &format!("/{}", endpoints::LANDING_CONFIG),
            get(landing_config),
        )
        .route(&format!("/{}", endpoints::CREATE), post(create))
        .route(&order, get(order_info))
        .route(&action(endpoints::TOTAL_REFUND), post(total_refund))
        .route(&action(endpoints::PARTIAL_REFUND), post(partial_refund))
        .route(&action(endpoints::CANCEL), post(cancel))
        .route(&action(endpoints::CONFIRM), post(confirm))
        .route_layer(from_fn_with_state(token, require_token));
    let without_token = Router::new()
        .route(&format!("/{}/{{amount}}", endpoints::ADD_ON), get(add_on))
        .route(
            &format!("/pos/{{client_id}}/{}", endpoints::INFO_STEPS),
            get(info_steps),
        );
    with_token.merge(without_token)
}

async fn landing_config(State(sandbox): State<SandboxState>) -> Response {
    let limits = sandbox.order_setup().limits;
    let body = json!({
        "landing_version": LANDING_VERSION,
        "min_amount": limits.min_amount,
        "max_amount": limits.max_amount,
        "min_steps": limits.min_steps,
        "max_steps": limits.max_steps,
    });
    json_answer(StatusCode::OK, &body)
}

async fn create(State(sandbox): State<SandboxState>, body: Bytes) -> Response {
    let new = match validate::create(&body, &sandbox.order_setup().limits) {
        Ok(new) => new,
        Err(message) => return error_answer(StatusCode::BAD_REQUEST, &message),
    };
    let client = new.pos_client_id.clone();
    match sandbox.create_order(new) {
        Ok(created) => {
            let root = &sandbox.order_setup().root;
            let body = Created {
                redirect_to: format!(
                    "{root}/pos?client={client}&acuotaz_order={}",
                    created.acuotaz_order
                ),
                status: if created.new {
                    CreateStatus::NewOrder
                } else {
                    CreateStatus::AlreadyCreated
                },
            };
            json_answer(StatusCode::OK, &body)
        }
        Err(refusal) => refusal_answer(refusal),
    }
}

async fn order_info(
    State(sandbox): State<SandboxState>,
    order_id: Result<Path<String>, PathRejection>,
) -> Response {
    let Ok(Path(order_id)) = order_id else {
        return refusal_answer(OrderRefusal::NotFound);
    };
    match sandbox.order(&order_id) {
        Some(order) => json_answer(StatusCode::OK, &order_view(&sandbox, &order)),
        None => refusal_answer(OrderRefusal::NotFound),
    }
}

async fn total_refund(
    state: State<SandboxState>,
    order_id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    refund(state, order_id, headers, body, RefundKind::Total).await
}

async fn partial_refund(
    state: State<SandboxState>,
    order_id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    refund(state, order_id, headers, body, RefundKind::Partial).await
}

async fn refund(
    State(sandbox): State<SandboxState>,
    order_id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Bytes,
    kind: RefundKind,
) -> Response {
    let Ok(Path(order_id)) = order_id else {
        return refusal_answer(OrderRefusal::NotFound);
    };
    if sandbox.order(&order_id).is_none() {
        return refusal_answer(OrderRefusal::NotFound);
    }
    let checked = validate::unique_token(&headers)
        .and_then(|token| Ok((token, validate::refund(&body, kind)?)));
    let (token, request) = match checked {
        Ok(checked) => checked,
        Err(message) => return error_answer(StatusCode::BAD_REQUEST, &message),
    };
    match sandbox.refund_order(&order_id, &token, request) {
        Ok(done) => {
            let body = RefundDone {
                refund_method: done.refund_method,
                tracking_id: done.tracking_id,
                status: done.status,
                successful: true,
            };
            json_answer(StatusCode::OK, &body)
        }
        Err(refusal) => refusal_answer(refusal),
    }
}

async fn cancel(
    State(sandbox): State<SandboxState>,
    order_id: Result<Path<String>, PathRejection>,
) -> Response {
    let Ok(Path(order_id)) = order_id else {
        return refusal_answer(OrderRefusal::NotFound);
    };
    match sandbox.cancel_order(&order_id) {
        Ok(Cancel::Canceled) => json_answer(
            StatusCode::OK,
            &CancelAnswer::Modified { modified_orders: 1 },
        ),
        Ok(Cancel::AlreadyCanceled) => json_answer(
            StatusCode::OK,
            &CancelAnswer::Result {
                result: messages::ALREADY_CANCELED.to_owned(),
            },
        ),
        Err(refusal) => refusal_answer(refusal),
    }
}

async fn confirm(
    State(sandbox): State<SandboxState>,
    order_id: Result<Path<String>, PathRejection>,
) -> Response {
    let Ok(Path(order_id)) = order_id else {
        return refusal_answer(OrderRefusal::NotFound);
    };
    match sandbox.confirm_order(&order_id) {
        Ok(()) => json_answer(StatusCode::OK, &ConfirmAnswer { modified_orders: 1 }),
        Err(refusal) => refusal_answer(refusal),
    }
}

async fn add_on(
    State(sandbox): State<SandboxState>,
    amount: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    let setup = sandbox.order_setup();
    let client = headers
        .get(CLIENT_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::trim);
    if client != Some(setup.pos_client_id.as_str()) {
        let plain = HeaderValue::from_static("text/plain; charset=utf-8");
        return (
            StatusCode::UNAUTHORIZED,
            [(header::CONTENT_TYPE, plain)],
            ADD_ON_UNAUTHORIZED,
        )
            .into_response();
    }
    let amount = amount
        .ok()
        .and_then(|Path(text)| amount_in_path(&text))
        .filter(|amount| *amount > Soles::ZERO);
    match amount {
        Some(amount) => html_answer(html::add_on(amount, setup.limits.max_steps)),
        None => error_answer(StatusCode::BAD_REQUEST, &invalid("amount")),
    }
}

async fn info_steps(client_id: Result<Path<String>, PathRejection>) -> Response {
    let client = client_id.map(|Path(id)| id).unwrap_or_default();
    html_answer(html::info_steps(&client))
}

/// An amount in the path: digits with an optional decimal point ("123", "147.6").
fn amount_in_path(text: &str) -> Option<Soles> {
    let plain = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.');
    plain.then(|| text.parse().ok()).flatten()
}

fn html_answer(page: String) -> Response {
    let html = HeaderValue::from_static("text/html; charset=utf-8");
    (StatusCode::OK, [(header::CONTENT_TYPE, html)], page).into_response()
}

/// The `200` body of `GET pos/order/{order_id}`: the documented fields, the URLs, description and
/// customer data as the create request sent them (`""` and `{}` when it did not).
fn order_view(sandbox: &SandboxState, order: &Order) -> OrderInfo {
    let root = &sandbox.order_setup().root;
    let text = |field| order.requested_text(field).map(str::to_owned);
    let customer_data = order
        .request
        .get("customer_data")
        .filter(|data| !data.is_null())
        .cloned()
        .unwrap_or_else(|| json!({}));
    OrderInfo {
        amount: order.amount,
        order_id: order.order_id.clone(),
        status: WireStatus::from_text(order.status.as_str()),
        confirmed: order.confirmed,
        expiration_ts: Some(json!(expiration_text(order.expires_at))),
        url_redir_on_canceled: text("url_redir_on_canceled"),
        url_redir_on_rejected: text("url_redir_on_rejected"),
        url_redir_on_success: text("url_redir_on_success"),
        customer_data: Some(customer_data),
        description: Some(text("description").unwrap_or_default()),
        pos_client_id: Some(order.pos_client_id.clone()),
        magic_link: Some(format!("{root}/pos/magic_link/{}", order.acuotaz_order)),
    }
}

/// `YYYY-MM-DD hh:mm:ss.mmm` in UTC, the document's form.
pub(crate) fn expiration_text(at: Timestamp) -> String {
    let utc = at.to_zoned(jiff::tz::TimeZone::UTC);
    format!(
        "{}.{:03}",
        utc.strftime("%Y-%m-%d %H:%M:%S"),
        utc.subsec_nanosecond() / 1_000_000
    )
}

fn refusal_answer(refusal: OrderRefusal) -> Response {
    match refusal {
        OrderRefusal::NotFound => error_answer(StatusCode::NOT_FOUND, messages::ORDER_NOT_FOUND),
        OrderRefusal::Refused(message) => error_answer(StatusCode::BAD_REQUEST, &message),
    }
}
