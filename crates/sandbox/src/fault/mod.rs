//! Fault injection: the sandbox misbehaves on purpose, as a provider, a proxy or a network would, so
//! the till's handling of every "unknown" outcome can be exercised and soaked.
//!
//! Every request to one of the documented endpoints (the down payment API's four, either flavor, and
//! the orders API's nine, named in [`Endpoint`]) passes through [`apply`], which asks the
//! [`FaultPlan`] in force for at most one [`Fault`]. The plan is set at start (`SandboxConfig::faults`
//! and `fault_seed`), replaced at run time through `SandboxState::set_fault_plan` or the admin route
//! `/__sandbox/faults` (see `admin`), and written in code, in JSON or in a compact text form (`text`).
//! Other paths, the admin routes among them, are never faulted. An empty plan changes nothing: every
//! request goes straight through.
//!
//! | fault                | the client sees                                         | takes effect |
//! |----------------------|---------------------------------------------------------|--------------|
//! | `latency=MILLIS`     | the normal answer, `MILLIS` later                       | yes          |
//! | `server-error`       | `500`, `text/html` proxy page                           | no           |
//! | `bad-gateway`        | `502`, `text/html` proxy page                           | no           |
//! | `unavailable`        | `503`, `text/html` proxy page                           | no           |
//! | `drop-before-effect` | the connection closed, no answer                        | no           |
//! | `drop-after-effect`  | the connection closed, no answer                        | yes          |
//! | `truncated-body`     | the status, then a body cut short: unreadable           | yes          |
//! | `wrong-shape`        | `200 {"status": "ok", "data": []}` (refusals unchanged) | yes          |
//! | `hang[=MILLIS]`      | nothing for `MILLIS` (30 s by default), then closed     | no           |
//! | `portal-page`        | `200`, `text/html` captive portal sign-in page          | no           |
//! | `plain-text-ok`      | `200`, `text/plain` `OK`                                | no           |
//! | `truncated-json`     | `200`, `application/json` JSON cut short (refusals kept)| yes          |
//!
//! "Takes effect" means the handler ran, so a `paid-and-billed` or `undo-billing` changed the state
//! with the same rules as without a fault (billing still happens once: a retry after a lost answer
//! adds no billing event); so did an order's create, confirm, cancel or refund (a refund retried with
//! its `X-Unique-Token` refunds nothing more). How a dropped connection is produced: see `broken`.
//!
//! Rules are tried in order; each rule that matches the endpoint draws a number from the seeded
//! generator and wins below its probability; the first winner applies. Every fault that changed what
//! the client saw is counted by endpoint and kind (`SandboxState::fault_counts`); a `wrong-shape`
//! or `truncated-json` that let a refusal through is not.
//!
//! The three `200` faults are what a client meets when something other than the provider answers a
//! success status: a captive portal, a proxy, a body mangled on the way. A careful client never takes
//! them for the provider's confirmation.
//!
//! JSON of a plan, as the admin route takes and shows it (`endpoint` null or absent: every endpoint;
//! `probability` absent: 1; `millis` of `hang` absent: 30000):
//!
//! ```json
//! {"rules": [
//!   {"endpoint": "paid-and-billed", "fault": {"kind": "drop-after-effect"}, "probability": 0.2},
//!   {"endpoint": null, "fault": {"kind": "latency", "millis": 300}, "probability": 0.1}
//! ]}
//! ```

pub(crate) mod broken;
mod endpoint;
mod injector;
mod plan;
mod text;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

pub use injector::FaultCounts;
pub(crate) use injector::FaultInjector;
pub use plan::{DEFAULT_HANG_MILLIS, Endpoint, Fault, FaultKind, FaultPlan, FaultRule};
pub use text::FaultPlanError;

/// Middleware run on every request, before authentication: a fault may hit any request to an
/// endpoint, authorized or not, as a network or a provider outage would. It is handed the state's
/// injector (not the whole state), so fault injection needs nothing from the state module, which
/// holds the injector.
pub(crate) async fn apply(
    State(injector): State<Arc<FaultInjector>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(endpoint) = Endpoint::of_path(request.uri().path()) else {
        return next.run(request).await;
    };
    let Some(fault) = injector.draw(endpoint) else {
        return next.run(request).await;
    };
    tracing::debug!(%endpoint, %fault, "sandbox injects a fault");
    if !matches!(fault, Fault::WrongShape | Fault::TruncatedJson) {
        injector.count(endpoint, fault.kind());
    }
    match fault {
        Fault::Latency { millis } => {
            tokio::time::sleep(Duration::from_millis(millis)).await;
            next.run(request).await
        }
        Fault::ServerError => broken::proxy_page(StatusCode::INTERNAL_SERVER_ERROR),
        Fault::BadGateway => broken::proxy_page(StatusCode::BAD_GATEWAY),
        Fault::Unavailable => broken::proxy_page(StatusCode::SERVICE_UNAVAILABLE),
        Fault::DropBeforeEffect => broken::dropped_connection(),
        Fault::DropAfterEffect => {
            let _lost = next.run(request).await;
            broken::dropped_connection()
        }
        Fault::TruncatedBody => broken::truncated(next.run(request).await).await,
        Fault::WrongShape => {
            let answer = next.run(request).await;
            if answer.status() != StatusCode::OK {
                return answer;
            }
            injector.count(endpoint, fault.kind());
            broken::wrong_shape()
        }
        Fault::Hang { millis } => {
            tokio::time::sleep(Duration::from_millis(millis)).await;
            broken::dropped_connection()
        }
        Fault::PortalPage => broken::portal_page(),
        Fault::PlainTextOk => broken::plain_text_ok(),
        Fault::TruncatedJson => {
            let answer = next.run(request).await;
            if answer.status() != StatusCode::OK {
                return answer;
            }
            injector.count(endpoint, fault.kind());
            broken::truncated_json()
        }
    }
}
