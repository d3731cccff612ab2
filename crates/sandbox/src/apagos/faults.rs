//! The aPagos fault plan: counters of faults still to inject, each used up by the request it hits.
//! The shared plan (`fault`) names only the aCuotaz endpoints, so aPagos keeps its own, set with
//! `ApagosState::set_faults` or `PUT /__sandbox/apagos/faults`:
//!
//! ```json
//! {"drop_register_answer": 1, "fail_register": 0, "drop_cancel_answer": 0, "fail_cancel": 0,
//!  "drop_info_answer": 0, "fail_info": 2, "fail_status": 503}
//! ```
//!
//! - `drop_*_answer`: the request is served (a register stores its voucher, a cancel cancels), then
//!   the connection is closed without a byte of the answer. A register or cancel that is refused
//!   (`400`, `404`) does not use one up: only one that took effect. `drop_register_answer` is the
//!   lost register: the voucher exists and the store cannot find it again through the API.
//! - `fail_*`: answered `fail_status` (default `503`) with a proxy's `text/html` page, before anything
//!   happens.
//!
//! Faults apply after the token check. Absent fields are `0` (and `fail_status` 503).

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body::Frame;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApagosFaults {
    pub drop_register_answer: u32,
    pub fail_register: u32,
    pub drop_cancel_answer: u32,
    pub fail_cancel: u32,
    pub drop_info_answer: u32,
    pub fail_info: u32,
    pub fail_status: u16,
}

impl Default for ApagosFaults {
    fn default() -> Self {
        ApagosFaults {
            drop_register_answer: 0,
            fail_register: 0,
            drop_cancel_answer: 0,
            fail_cancel: 0,
            drop_info_answer: 0,
            fail_info: 0,
            fail_status: 503,
        }
    }
}

/// The endpoint a fault is drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApagosEndpoint {
    Register,
    Cancel,
    Info,
}

/// Which of the two faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApagosFault {
    DropAnswer,
    Fail,
}

impl ApagosFaults {
    /// Uses up one `fault` for `endpoint`, if one is left.
    pub(crate) fn take(&mut self, endpoint: ApagosEndpoint, fault: ApagosFault) -> bool {
        let counter = match (endpoint, fault) {
            (ApagosEndpoint::Register, ApagosFault::DropAnswer) => &mut self.drop_register_answer,
            (ApagosEndpoint::Register, ApagosFault::Fail) => &mut self.fail_register,
            (ApagosEndpoint::Cancel, ApagosFault::DropAnswer) => &mut self.drop_cancel_answer,
            (ApagosEndpoint::Cancel, ApagosFault::Fail) => &mut self.fail_cancel,
            (ApagosEndpoint::Info, ApagosFault::DropAnswer) => &mut self.drop_info_answer,
            (ApagosEndpoint::Info, ApagosFault::Fail) => &mut self.fail_info,
        };
        let left = *counter > 0;
        *counter = counter.saturating_sub(1);
        left
    }

    /// The status a `fail_*` answers: `fail_status` if it is an HTTP status, else `503`.
    pub(crate) fn failure(&self) -> Response {
        let status =
            StatusCode::from_u16(self.fail_status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        let title = format!(
            "{} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("Error")
        );
        let page = format!(
            "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        );
        let html = HeaderValue::from_static("text/html");
        (status, [(header::CONTENT_TYPE, html)], page).into_response()
    }
}

/// An answer that never leaves: its body fails on the first poll, before hyper flushes the head, so
/// hyper closes the connection without a byte (the same mechanism as the shared faults' drop).
pub(crate) fn lost_answer() -> Response {
    Response::new(Body::new(LostBody))
}

struct LostBody;

impl http_body::Body for LostBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "the sandbox dropped the aPagos answer (fault injection)",
        ))))
    }

    fn is_end_stream(&self) -> bool {
        false
    }
}
