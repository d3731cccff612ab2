//! Errors of the APIs that document no JSON error body (aPagos, Aplazame): the status and the body's
//! start are all there is to go on.

use crate::http::{ApiError, snippet};

/// The typed error of a non-200 answer from an API whose errors have no documented JSON (aPagos answers
/// a 400 with a plain-text string and a 401 or 404 with nothing; Aplazame documents none): 5xx a server
/// error (outcome unknown), 401 the token, 404 `not_found`, any other 4xx a refusal quoting the body, and
/// any other status (a redirect, a 2xx that is not the documented one) an answer that proves nothing.
pub(crate) fn plain_error(status: reqwest::StatusCode, body: &[u8], not_found: &str) -> ApiError {
    let code = status.as_u16();
    if status.is_server_error() {
        return ApiError::ServerError {
            status: code,
            snippet: snippet(body),
        };
    }
    match code {
        401 => ApiError::Unauthorized {
            message: snippet(body),
        },
        404 => ApiError::NotFound {
            message: not_found.to_owned(),
        },
        400..=499 => ApiError::Refused {
            status: code,
            message: snippet(body),
        },
        _ => ApiError::UnexpectedBody {
            status: code,
            detail: format!(
                "status {code} is not documented (body starts: {})",
                snippet(body)
            ),
        },
    }
}
