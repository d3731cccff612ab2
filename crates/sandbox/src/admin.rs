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
//!      {"funding_code": "1234567", "kind": "billed", "at": "2026-03-10T15:04:05.123Z"}]}
//!   ```

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jiff::civil::Date;
use providers::apurata::downpayment::DownpaymentStatus;
use serde::{Deserialize, Serialize};

use crate::apurata::downpayment::financing::BillingEvent;
use crate::apurata::downpayment::state::SandboxState;
use crate::auth::{Token, require_token};
use crate::fault::{Endpoint, FaultKind, FaultPlan, FaultRule};
use crate::wire::error_answer;

pub(crate) const FAULTS_PATH: &str = "/__sandbox/faults";
pub(crate) const STATE_PATH: &str = "/__sandbox/state";

pub(crate) fn router(token: Token) -> Router<SandboxState> {
    Router::new()
        .route(
            FAULTS_PATH,
            get(show_faults).put(replace_faults).delete(clear_faults),
        )
        .route(STATE_PATH, get(show_state))
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
    };
    Json(view).into_response()
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
