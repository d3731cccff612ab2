//! Central's answer when something is refused or fails: `{code, message}` (the till API's
//! [`providers::central::wire::ApiError`]) with the HTTP status that fits. Storage failures are logged
//! with their cause and answered as `unavailable` without it: the database's words are for the logs.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use providers::central::wire::ApiError;

/// A refusal or failure with its status, stable code and a message that says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl Failure {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Failure {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn unauthenticated(code: &'static str, message: impl Into<String>) -> Self {
        Failure::new(StatusCode::UNAUTHORIZED, code, message)
    }

    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Failure::new(StatusCode::FORBIDDEN, code, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// The database failed: logged here with its cause, answered without it.
    pub fn storage(what: &str, error: impl std::fmt::Display) -> Self {
        tracing::error!(%error, "storage failed: {what}");
        Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            format!("Central could not {what} just now; send it again in a moment"),
        )
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = ApiError {
            code: self.code.to_owned(),
            message: self.message,
        };
        (self.status, Json(body)).into_response()
    }
}

/// Maps a database error to [`Failure::storage`] with what was being done.
pub trait StorageContext<T> {
    fn storage(self, what: &str) -> Result<T, Failure>;
}

impl<T, E: Into<crate::db::DbError>> StorageContext<T> for Result<T, E> {
    fn storage(self, what: &str) -> Result<T, Failure> {
        self.map_err(|error| Failure::storage(what, error.into()))
    }
}
