//! What the client makes of a provider's answer once the body is read: the documented type of a `200`,
//! or the typed [`ApiError`] of any other status. Pure functions of status and bytes, so that every
//! answer the network can produce is tested without a network (`tests/properties.rs`).

use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::wire::{ErrorBody, FieldErrors, messages};
use crate::http::{ApiError, snippet};

/// Reads the body of a `200` as the documented type; anything else is `UnexpectedBody`, with the start
/// of the body for the log (never the whole of it).
pub fn parse_body<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|error| ApiError::UnexpectedBody {
        status: status.as_u16(),
        detail: format!("{error} (body starts: {})", snippet(body)),
    })
}

/// Maps a non-200 answer to the documented error it stands for: 5xx is a server error (outcome
/// unknown), 4xx a refusal (the documented bodies typed, any other body quoted), anything else is not
/// documented (outcome unknown).
pub fn error_from_answer(status: StatusCode, body: &[u8]) -> ApiError {
    let code = status.as_u16();
    if status.is_server_error() {
        return ApiError::ServerError {
            status: code,
            snippet: snippet(body),
        };
    }
    if !status.is_client_error() {
        return ApiError::UnexpectedBody {
            status: code,
            detail: format!(
                "status {code} is not documented (body starts: {})",
                snippet(body)
            ),
        };
    }
    let message = serde_json::from_slice::<ErrorBody>(body)
        .ok()
        .map(|b| b.error);
    match (status, message) {
        (StatusCode::UNAUTHORIZED, message) => ApiError::Unauthorized {
            message: message.unwrap_or_else(|| messages::UNAUTHORIZED.to_owned()),
        },
        (StatusCode::NOT_FOUND, message) => ApiError::NotFound {
            message: message.unwrap_or_else(|| messages::NOT_FOUND.to_owned()),
        },
        (StatusCode::BAD_REQUEST, Some(message)) if message == messages::NOT_BILLED_YET => {
            ApiError::NotBilledYet { message }
        }
        (_, Some(message)) => ApiError::Refused {
            status: code,
            message,
        },
        (StatusCode::BAD_REQUEST, None) => match serde_json::from_slice::<FieldErrors>(body) {
            Ok(fields) if !fields.is_empty() => ApiError::InvalidFields { fields },
            _ => ApiError::Refused {
                status: code,
                message: snippet(body),
            },
        },
        (_, None) => ApiError::Refused {
            status: code,
            message: snippet(body),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_errors_become_typed_errors() {
        let unauthorized = br#"{"error": "Wrong or missing client token"}"#;
        assert!(matches!(
            error_from_answer(StatusCode::UNAUTHORIZED, unauthorized),
            ApiError::Unauthorized { message } if message == messages::UNAUTHORIZED
        ));
        let not_found = br#"{"error": "Funding code does not exist or not active"}"#;
        assert!(matches!(
            error_from_answer(StatusCode::NOT_FOUND, not_found),
            ApiError::NotFound { .. }
        ));
        let not_billed = br#"{"error": "Not billed yet"}"#;
        assert!(matches!(
            error_from_answer(StatusCode::BAD_REQUEST, not_billed),
            ApiError::NotBilledYet { .. }
        ));
        let fields =
            br#"{"dni": "Error on dni format", "funding_code": "Error on funding_code format"}"#;
        match error_from_answer(StatusCode::BAD_REQUEST, fields) {
            ApiError::InvalidFields { fields } => {
                assert_eq!(fields["dni"], messages::DNI_FORMAT);
                assert_eq!(fields["funding_code"], messages::FUNDING_CODE_FORMAT);
            }
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn undocumented_answers_are_classified_not_guessed() {
        let html = b"<html><body>Internal Server Error</body></html>";
        let error = error_from_answer(StatusCode::INTERNAL_SERVER_ERROR, html);
        assert!(matches!(error, ApiError::ServerError { status: 500, .. }));
        assert!(!error.is_refusal());
        let redirect = error_from_answer(StatusCode::FOUND, b"");
        assert!(matches!(
            redirect,
            ApiError::UnexpectedBody { status: 302, .. }
        ));
        let teapot = error_from_answer(StatusCode::IM_A_TEAPOT, b"short and stout");
        assert!(matches!(teapot, ApiError::Refused { status: 418, .. }));
        assert!(teapot.is_refusal());
    }
}
