//! How Aplazame's answers map to typed results. A checkout is created by a `201` whose body is
//! `{"id": <checkout id>}`; a `201` with any other body may still have created one, so it is an
//! [`ApiError::UnverifiedAnswer`] (the outcome is unknown until the order id is looked for), never a
//! success. A `403` with an empty body is the document's "credit not available":
//! [`Creation::NotFinanced`], a decision and not a failure. Errors follow Aplazame's reference: a JSON
//! `{"error": {"message", "type", "fields"}}`, a `400` with `fields` being the field errors; a body
//! that is not that JSON is read as the other clients read one (`plain_errors`).

use std::collections::BTreeMap;

use reqwest::StatusCode;
use serde::Deserialize;

use super::wire::CheckoutId;
use super::wire::request::Created;
use crate::http::{ApiError, FieldErrors, snippet};
use crate::plain_errors::plain_error;

/// What `POST checkout/offline` came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Creation {
    /// The checkout exists; the buyer continues on their phone.
    Created(CheckoutId),
    /// Aplazame will not finance this order (`403`, empty body): nothing was created.
    NotFinanced,
}

/// Reads the answer to a create (see the module doc).
pub fn creation_from_answer(status: StatusCode, body: &[u8]) -> Result<Creation, ApiError> {
    match status {
        StatusCode::CREATED => {
            let unverified = |detail: String| ApiError::UnverifiedAnswer {
                status: 201,
                detail,
            };
            let created: Created = serde_json::from_slice(body).map_err(|error| {
                unverified(format!("not a checkout id: {error} ({})", snippet(body)))
            })?;
            CheckoutId::parse(&created.id)
                .map(Creation::Created)
                .ok_or_else(|| unverified(format!("`{}` is not a checkout id", created.id)))
        }
        StatusCode::FORBIDDEN if body.iter().all(u8::is_ascii_whitespace) => {
            Ok(Creation::NotFinanced)
        }
        _ => Err(error_from_answer(
            status,
            body,
            "Aplazame has no checkout endpoint here",
        )),
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    #[serde(default)]
    message: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    fields: BTreeMap<String, serde_json::Value>,
}

/// The typed error of a non-success answer: Aplazame's JSON error when the body is one, else what
/// `plain_error` makes of the status and body.
pub fn error_from_answer(status: StatusCode, body: &[u8], not_found: &str) -> ApiError {
    let code = status.as_u16();
    let Ok(ErrorBody { error }) = serde_json::from_slice::<ErrorBody>(body) else {
        return plain_error(status, body, not_found);
    };
    if !status.is_client_error() {
        return plain_error(status, body, not_found);
    }
    let message = match (&error.kind, &error.message) {
        (Some(kind), Some(message)) => format!("{kind}: {message}"),
        (None, Some(text)) | (Some(text), None) => text.clone(),
        (None, None) => snippet(body),
    };
    match code {
        400 if !error.fields.is_empty() => ApiError::InvalidFields {
            fields: field_errors(&error.fields),
        },
        401 => ApiError::Unauthorized { message },
        404 => ApiError::NotFound { message },
        _ => ApiError::Refused {
            status: code,
            message,
        },
    }
}

/// `{"articles": ["This field is required."]}` → `articles: This field is required.`
fn field_errors(fields: &BTreeMap<String, serde_json::Value>) -> FieldErrors {
    fields
        .iter()
        .map(|(field, value)| {
            let text = match value {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|item| {
                        item.as_str()
                            .map_or_else(|| item.to_string(), str::to_owned)
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                other => other.to_string(),
            };
            (field.clone(), text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_documented_answer_is_typed() {
        let created = creation_from_answer(StatusCode::CREATED, br#"{"id": "ch_7fJ2"}"#);
        assert_eq!(
            created,
            Ok(Creation::Created(CheckoutId::parse("ch_7fJ2").unwrap()))
        );
        assert_eq!(
            creation_from_answer(StatusCode::FORBIDDEN, b""),
            Ok(Creation::NotFinanced)
        );
        let fields = br#"{"error": {"fields": {"articles": ["This field is required."]},
            "message": "API validation error", "type": "ApiValidationException"}}"#;
        assert_eq!(
            creation_from_answer(StatusCode::BAD_REQUEST, fields),
            Err(ApiError::InvalidFields {
                fields: [("articles".to_owned(), "This field is required.".to_owned())].into()
            })
        );
        let unauthorized =
            br#"{"error": {"message": "Authentication credentials were not provided.",
            "type": "UnauthorizedException"}}"#;
        assert!(matches!(
            creation_from_answer(StatusCode::UNAUTHORIZED, unauthorized),
            Err(ApiError::Unauthorized { message }) if message.contains("credentials")
        ));
    }

    #[test]
    fn a_201_that_is_not_an_id_leaves_the_outcome_unknown() {
        for body in [
            &b"<html>portal</html>"[..],
            b"{}",
            br#"{"id": "../x"}"#,
            b"",
        ] {
            let error = creation_from_answer(StatusCode::CREATED, body).unwrap_err();
            assert!(
                matches!(error, ApiError::UnverifiedAnswer { status: 201, .. }),
                "{body:?}: {error:?}"
            );
            assert!(!error.is_refusal());
        }
    }

    #[test]
    fn a_403_with_a_body_is_a_refusal_not_a_decision() {
        let body =
            br#"{"error": {"message": "You do not have permission.", "type": "PermissionDenied"}}"#;
        assert!(matches!(
            creation_from_answer(StatusCode::FORBIDDEN, body),
            Err(ApiError::Refused { status: 403, .. })
        ));
        assert!(matches!(
            creation_from_answer(StatusCode::FORBIDDEN, b"<html>WAF</html>"),
            Err(ApiError::Refused { status: 403, .. })
        ));
        assert!(matches!(
            creation_from_answer(StatusCode::OK, br#"{"id": "ch"}"#),
            Err(ApiError::UnexpectedBody { status: 200, .. })
        ));
        assert!(matches!(
            creation_from_answer(StatusCode::BAD_GATEWAY, b""),
            Err(ApiError::ServerError { status: 502, .. })
        ));
    }
}
