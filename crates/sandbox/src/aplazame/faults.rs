//! The Aplazame fault plan: counters of faults still to inject, each used up by the request it hits,
//! set with `AplazameState::set_faults` or `PUT /__sandbox/aplazame/faults`:
//!
//! ```json
//! {"drop_create_answer": 1, "garble_create_answer": 0, "fail_create": 0,
//!  "drop_status_answer": 0, "fail_status": 2, "failure_code": 503}
//! ```
//!
//! - `drop_create_answer`: the checkout is created, then the connection is closed without a byte of
//!   the answer: the store does not know its checkout id, and sending the same order id again is
//!   refused as a repeat.
//! - `garble_create_answer`: the checkout is created and the answer is `201` with a captive portal's
//!   HTML page instead of `{"id"}`.
//! - `drop_status_answer`: the status is read, then the connection is closed.
//! - `fail_create`, `fail_status`: answered `failure_code` (default `503`) with a proxy's `text/html`
//!   page, before anything happens.
//!
//! Faults apply after the key and media type checks. A create that is refused (`400`, `403`) uses up
//! no `drop_` or `garble_` fault: only one that created a checkout. Absent fields are `0` (and
//! `failure_code` 503).

use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use crate::fault::broken::proxy_page;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AplazameFaults {
    pub drop_create_answer: u32,
    pub garble_create_answer: u32,
    pub fail_create: u32,
    pub drop_status_answer: u32,
    pub fail_status: u32,
    pub failure_code: u16,
}

impl Default for AplazameFaults {
    fn default() -> Self {
        AplazameFaults {
            drop_create_answer: 0,
            garble_create_answer: 0,
            fail_create: 0,
            drop_status_answer: 0,
            fail_status: 0,
            failure_code: 503,
        }
    }
}

/// Which fault, on which endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AplazameFault {
    DropCreateAnswer,
    GarbleCreateAnswer,
    FailCreate,
    DropStatusAnswer,
    FailStatus,
}

impl AplazameFaults {
    /// Uses up one `fault`, if one is left.
    pub(crate) fn take(&mut self, fault: AplazameFault) -> bool {
        let counter = match fault {
            AplazameFault::DropCreateAnswer => &mut self.drop_create_answer,
            AplazameFault::GarbleCreateAnswer => &mut self.garble_create_answer,
            AplazameFault::FailCreate => &mut self.fail_create,
            AplazameFault::DropStatusAnswer => &mut self.drop_status_answer,
            AplazameFault::FailStatus => &mut self.fail_status,
        };
        let left = *counter > 0;
        *counter = counter.saturating_sub(1);
        left
    }

    /// The answer of a `fail_*`: `failure_code` if it is an HTTP status, else `503`.
    pub(crate) fn failure(&self) -> Response {
        proxy_page(
            StatusCode::from_u16(self.failure_code).unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
        )
    }
}
