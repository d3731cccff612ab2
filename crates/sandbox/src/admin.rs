//! The sandbox's own routes under `/__sandbox/`, for tests and soak runs in another process: the fault
//! plan, switched at run time, and the state to compare a till's journal with. They need the same
//! bearer token as the API (so nobody else on the machine flips faults) and are never faulted.
//!
//! - `GET /__sandbox/faults`: `200` with the plan in force, its text form and the counts so far:
//!   ```json
//!   {"plan": {"rules": [
//!      {"endpoint": "paid-and-billed", "fault": {"kind": "drop-after-effect"}, "probability": 0.2}]},
//!    "text": "paid-and-billed:drop-after-effect:0.2",
//!    "counts": [{"endpoint": "paid-and-billed", "fault": "drop-after-effect", "count": 3}]}
//!   ```
//! - `PUT /__sandbox/faults`: replaces the plan. The body is a plan as JSON (`{"rules": [...]}`, see
//!   `fault`), optionally with `"seed": N` to restart the generator, or, with `Content-Type:
//!   text/plain`, the text form. Answers like `GET`; a plan that cannot be used is `400 {"error": ...}`
//!   naming the bad part, and the plan in force stays.
//! - `DELETE /__sandbox/faults`: no faults from now on. Answers like `GET`. Counts are never reset.
//! - `GET /__sandbox/state`: the sandbox's today, every financing and the billing log, oldest first:
//!   ```json
//!   {"today": "2026-03-10",
//!    "financings": [{"funding_code": "1234567", "billed": true, "downpayment_status": "FULFILLED"}],
//!    "billing_events": [
//!      {"funding_code": "1234567", "kind": "billed", "at": "2026-03-10T15:04:05.123Z"}],
//!    "orders": [ORDER, ...]}
//!   ```
//! - `GET /__sandbox/orders`: every aCuotaz order as it is now (expiry applied), by order id, and the
//!   orders' clock: `{"now": "2026-03-10T15:04:05Z", "orders": [ORDER, ...]}`, where an ORDER is
//!   ```json
//!   {"order_id": "T1-000042", "acuotaz_order": "65ee0a3c...", "status": "validated",
//!    "confirmed": false, "amount": 1499.9, "refunded": 0.0, "funding_code": "4829173",
//!    "dni": "14159265", "paid_online": false, "expiration_ts": "2026-03-11 04:00:00.000"}
//!   ```
//!   (`funding_code` and `dni` are `null` when there is none).
//! - `POST /__sandbox/orders/{order_id}/customer` with `{"action": ACTION}` (and, for `apply`,
//!   optionally `"dni": "..."`, the DNI the customer applies with): the customer's phone takes one
//!   step; answers the ORDER after it. ACTION is `open`, `apply`, `approve`, `reject`, `hold`,
//!   `pay-online`, `pay-in-store` (its ORDER carries the new `funding_code`) or `expire` (see
//!   `apurata::orders::customer`). An unknown order is `404 {"error": "Order does not exist"}`; an
//!   unknown action, or a step that makes no sense from the order's status, is `400 {"error": ...}`
//!   naming both (`"cannot pay-in-store an order that is created"`).
//! - `POST /__sandbox/clock` with `{"advance_seconds": N}`: lets N seconds pass for the orders (to
//!   reach an expiry without waiting); answers `{"now": ...}`. The clock never goes back.
//! - aPagos has its own admin routes under `/__sandbox/apagos/` (vouchers, a status set by hand, its
//!   faults and timing), served beside these by `apagos::control`.

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::civil::Date;
use providers::apurata::downpayment::DownpaymentStatus;
use providers::apurata::orders::messages;
use providers::money::Soles;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::apurata::downpayment::financing::BillingEvent;
use crate::apurata::downpayment::state::SandboxState;
use crate::apurata::orders::customer::Action;
use crate::apurata::orders::order::{Order, OrderStatus};
use crate::apurata::orders::routes::expiration_text;
use crate::apurata::orders::state::OrderRefusal;
use crate::auth::{Token, require_token};
use crate::fault::{Endpoint, FaultKind, FaultPlan, FaultRule};
use crate::wire::error_answer;

pub(crate) const FAULTS_PATH: &str = "/__sandbox/faults";
pub(crate) const STATE_PATH: &str = "/__sandbox/state";
pub(crate) const ORDERS_PATH: &str = "/__sandbox/orders";
pub(crate) const CUSTOMER_PATH: &str = "/__sandbox/orders/{order_id}/customer";
pub(crate) const CLOCK_PATH: &str = "/__sandbox/clock";

pub(crate) fn router(token: Token) -> Router<SandboxState> {
    Router::new()
        .route(
            FAULTS_PATH,
            get(show_faults).put(replace_faults).delete(clear_faults),
        )
        .route(STATE_PATH, get(show_state))
        .route(ORDERS_PATH, get(show_orders))
        .route(CUSTOMER_PATH, post(customer_step))
        .route(CLOCK_PATH, post(advance_clock))
        .route_layer(from_fn_with_state(token, require_token))
}

#[derive(Serialize)]
struct FaultsView {
    plan: FaultPlan,
    text: String,
    counts: Vec<CountView>,
}

#[derive(Serialize)]
struct CountView {
    endpoint: Endpoint,
    fault: FaultKind,
    count: u64,
}

/// The `PUT` body in JSON: a plan, and optionally a new seed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanUpdate {
    #[serde(default)]
    rules: Vec<FaultRule>,
    seed: Option<u64>,
}

#[derive(Serialize)]
struct StateView {
    today: Date,
    financings: Vec<FinancingView>,
    billing_events: Vec<BillingEvent>,
    orders: Vec<OrderView>,
}

/// An order as the admin routes show it (see the module doc).
#[derive(Serialize)]
struct OrderView {
    order_id: String,
    acuotaz_order: String,
    status: OrderStatus,
    confirmed: bool,
    amount: Soles,
    refunded: Soles,
    funding_code: Option<String>,
    dni: Option<String>,
    paid_online: bool,
    expiration_ts: String,
}

impl From<&Order> for OrderView {
    fn from(order: &Order) -> Self {
        OrderView {
            order_id: order.order_id.clone(),
            acuotaz_order: order.acuotaz_order.clone(),
            status: order.status,
            confirmed: order.confirmed,
            amount: order.amount,
            refunded: order.refunded,
            funding_code: order.funding_code.clone(),
            dni: order.dni().map(str::to_owned),
            paid_online: order.paid_online,
            expiration_ts: expiration_text(order.expires_at),
        }
    }
}

#[derive(Serialize)]
struct FinancingView {
    funding_code: String,
    billed: bool,
    downpayment_status: DownpaymentStatus,
}

async fn show_faults(State(sandbox): State<SandboxState>) -> Response {
    faults_view(&sandbox)
}

async fn replace_faults(
    State(sandbox): State<SandboxState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match plan_update(&headers, &body) {
        Ok((plan, seed)) => {
            tracing::info!(plan = %plan, ?seed, "sandbox fault plan replaced");
            sandbox.fault_injector().replace(plan, seed);
            faults_view(&sandbox)
        }
        Err(message) => error_answer(StatusCode::BAD_REQUEST, &message),
    }
}

async fn clear_faults(State(sandbox): State<SandboxState>) -> Response {
    tracing::info!("sandbox fault plan cleared");
    sandbox.set_fault_plan(FaultPlan::default());
    faults_view(&sandbox)
}

async fn show_state(State(sandbox): State<SandboxState>) -> Response {
    let financings = sandbox
        .financings()
        .into_iter()
        .map(|financing| FinancingView {
            downpayment_status: financing.status(),
            funding_code: financing.funding_code,
            billed: financing.billed,
        })
        .collect();
    let view = StateView {
        today: sandbox.today(),
        financings,
        billing_events: sandbox.billing_events(),
        orders: sandbox.orders().iter().map(OrderView::from).collect(),
    };
    Json(view).into_response()
}

async fn show_orders(State(sandbox): State<SandboxState>) -> Response {
    let orders: Vec<OrderView> = sandbox.orders().iter().map(OrderView::from).collect();
    Json(json!({"now": sandbox.orders_now(), "orders": orders})).into_response()
}

/// `{"action": ..., "dni": ...}`, read leniently so every mistake is a `400` that says what is wrong.
async fn customer_step(
    State(sandbox): State<SandboxState>,
    order_id: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Response {
    let Ok(Path(order_id)) = order_id else {
        return error_answer(StatusCode::NOT_FOUND, messages::ORDER_NOT_FOUND);
    };
    let body = serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null);
    let name = body
        .get("action")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(action) = Action::from_name(name) else {
        let message = format!(
            "unknown customer action `{name}`; expected one of {}",
            Action::names()
        );
        return error_answer(StatusCode::BAD_REQUEST, &message);
    };
    let dni = body
        .get("dni")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|dni| !dni.is_empty())
        .map(str::to_owned);
    match sandbox.customer_step(&order_id, action, dni) {
        Ok(order) => {
            tracing::info!(order_id, %action, status = %order.status, "sandbox customer step");
            Json(OrderView::from(&order)).into_response()
        }
        Err(OrderRefusal::NotFound) => {
            error_answer(StatusCode::NOT_FOUND, messages::ORDER_NOT_FOUND)
        }
        Err(OrderRefusal::Refused(message)) => error_answer(StatusCode::BAD_REQUEST, &message),
    }
}

async fn advance_clock(State(sandbox): State<SandboxState>, body: Bytes) -> Response {
    let seconds = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|body| body.get("advance_seconds").and_then(Value::as_u64));
    let Some(seconds) = seconds else {
        return error_answer(
            StatusCode::BAD_REQUEST,
            "expected {\"advance_seconds\": N}, N a whole number of seconds",
        );
    };
    sandbox.advance_orders_clock(std::time::Duration::from_secs(seconds));
    Json(json!({"now": sandbox.orders_now()})).into_response()
}

/// The plan (and seed) a `PUT` asks for, or why it cannot be used.
fn plan_update(headers: &HeaderMap, body: &[u8]) -> Result<(FaultPlan, Option<u64>), String> {
    let is_text = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("text/plain"));
    if is_text {
        let text = std::str::from_utf8(body).map_err(|_| "the fault plan is not UTF-8 text")?;
        let plan = text
            .parse::<FaultPlan>()
            .map_err(|error| error.to_string())?;
        return Ok((plan, None));
    }
    let update: PlanUpdate = serde_json::from_slice(body)
        .map_err(|error| format!("the fault plan is not usable JSON: {error}"))?;
    Ok((FaultPlan::new(update.rules), update.seed))
}

fn faults_view(sandbox: &SandboxState) -> Response {
    let plan = sandbox.fault_plan();
    let counts = sandbox
        .fault_counts()
        .into_iter()
        .map(|((endpoint, fault), count)| CountView {
            endpoint,
            fault,
            count,
        })
        .collect();
    let view = FaultsView {
        text: plan.to_string(),
        plan,
        counts,
    };
    Json(view).into_response()
}
