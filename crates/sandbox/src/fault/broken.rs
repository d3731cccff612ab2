//! The broken answers a fault puts on the wire: a proxy's HTML error page, a connection dropped
//! without an answer, a body cut short, valid JSON of the wrong shape, and the `200`s that are not the
//! provider's (a captive portal's page, a plain-text `OK`, JSON cut short but complete on the wire).
//!
//! A dropped connection is produced through hyper rather than around it: the response's body is a
//! [`BrokenBody`] whose first poll fails. hyper encodes a response's head into its write buffer and
//! polls the body before flushing, so the head never leaves; a body error aborts the connection, and
//! the socket is closed without a byte of answer. The client sees a transport error (reqwest:
//! `is_request()`, "connection closed before message completed"), never a status. A truncated body
//! first yields its half and pauses once so that hyper flushes the head and that half, then fails the
//! same way: the client holds a status and headers, and reading the body fails (`is_body()`).

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::Json;
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body::{Frame, SizeHint};
use serde_json::json;

/// A reverse proxy's error page, as nginx writes them, for a `5xx` the provider's API never documents.
pub(crate) fn proxy_page(status: StatusCode) -> Response {
    let title = match status {
        StatusCode::SERVICE_UNAVAILABLE => "503 Service Temporarily Unavailable".to_owned(),
        status => format!(
            "{} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("Error")
        ),
    };
    let page = format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    );
    let content_type = HeaderValue::from_static("text/html");
    (status, [(header::CONTENT_TYPE, content_type)], page).into_response()
}

/// An answer that never leaves: the connection is closed instead (see the module doc). Its status is
/// only what the request log shows.
pub(crate) fn dropped_connection() -> Response {
    Response::new(Body::new(BrokenBody {
        stage: Stage::Fail,
        declared_length: None,
    }))
}

/// `answer`'s status and headers with a `content-length` of its whole body (at least 1, so that an
/// empty `200` is cut too), then only the first half of the body, then the connection closed.
pub(crate) async fn truncated(answer: Response) -> Response {
    let (mut parts, body) = answer.into_parts();
    let whole = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let half = whole.slice(..whole.len() / 2);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::TRANSFER_ENCODING);
    let body = BrokenBody {
        stage: Stage::Send(half),
        declared_length: Some(whole.len().max(1) as u64),
    };
    Response::from_parts(parts, Body::new(body))
}

/// Valid JSON that is none of the documented answers.
pub(crate) fn wrong_shape() -> Response {
    Json(json!({"status": "ok", "data": []})).into_response()
}

/// A captive portal's sign-in page, served with `200` as portals do, in place of the provider's answer.
pub(crate) fn portal_page() -> Response {
    let page = "<!DOCTYPE html>\r\n<html><head><title>Wi-Fi Tienda - Iniciar sesión</title></head>\r\n\
                <body><form method=\"post\" action=\"/login\"><h1>Bienvenido</h1>\r\n\
                <p>Acepte los términos para navegar.</p><input name=\"user\"><button>Entrar</button>\r\n\
                </form></body></html>\r\n";
    let content_type = HeaderValue::from_static("text/html; charset=utf-8");
    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], page).into_response()
}

/// `200 OK` in plain text, as a stub or a misconfigured proxy answers.
pub(crate) fn plain_text_ok() -> Response {
    let content_type = HeaderValue::from_static("text/plain; charset=utf-8");
    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], "OK").into_response()
}

/// `200` JSON whose text stops midway: every byte announced arrives, but it is not JSON.
pub(crate) fn truncated_json() -> Response {
    let content_type = HeaderValue::from_static("application/json");
    let cut = r#"{"status": "ok", "funding_code": "12"#;
    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], cut).into_response()
}

/// A response body that breaks its connection (see the module doc).
struct BrokenBody {
    stage: Stage,
    /// Announced as the exact length, so hyper writes it as `content-length`.
    declared_length: Option<u64>,
}

enum Stage {
    /// Yield these bytes (if any), then flush.
    Send(Bytes),
    /// Pause once, so hyper flushes what it holds before the failure.
    Flush,
    /// Fail, which makes hyper abort the connection.
    Fail,
}

impl http_body::Body for BrokenBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        match std::mem::replace(&mut self.stage, Stage::Fail) {
            Stage::Send(bytes) => {
                self.stage = Stage::Flush;
                if bytes.is_empty() {
                    self.poll_frame(context)
                } else {
                    Poll::Ready(Some(Ok(Frame::data(bytes))))
                }
            }
            Stage::Flush => {
                context.waker().wake_by_ref();
                Poll::Pending
            }
            Stage::Fail => Poll::Ready(Some(Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                "the sandbox dropped the connection (fault injection)",
            )))),
        }
    }

    fn is_end_stream(&self) -> bool {
        false
    }

    fn size_hint(&self) -> SizeHint {
        self.declared_length
            .map(SizeHint::with_exact)
            .unwrap_or_default()
    }
}
