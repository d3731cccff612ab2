//! The seam for fault injection: every request passes through [`apply`], which consults the
//! [`FaultPlan`] held in the sandbox's state before the request reaches authentication and the handlers.
//!
//! No fault exists yet. [`Fault`] has no variants, so the plan is always empty and every request goes
//! through untouched; adding a variant (a delay, a dropped connection, a 5xx, a garbage body, an
//! effect applied but its answer lost) makes the compiler point at the one place that must act on it.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::SandboxState;

/// One way to misbehave on purpose. None are implemented yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {}

/// Which faults to inject, and where. The default plan injects nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FaultPlan {
    faults: Vec<Fault>,
}

impl FaultPlan {
    pub fn is_empty(&self) -> bool {
        self.faults.is_empty()
    }

    /// The fault to inject into this request, if any.
    fn fault_for(&self, _request: &Request) -> Option<Fault> {
        self.faults.first().copied()
    }
}

/// Middleware run on every request, before authentication: a fault may hit any request, as a network
/// or a provider outage would.
pub(crate) async fn apply(
    State(sandbox): State<SandboxState>,
    request: Request,
    next: Next,
) -> Response {
    match sandbox.fault_plan().fault_for(&request) {
        None => next.run(request).await,
        Some(fault) => match fault {},
    }
}
