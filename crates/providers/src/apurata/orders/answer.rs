//! What the orders client makes of an answer once its body is read: the documented type of a `200`, or
//! the typed [`ApiError`] of anything else. Pure functions of status and bytes.
//!
//! A `200` is believed only when its body is the provider's: a cancel or a confirm that modified no order,
//! a refund whose `successful` is not `true`, or a body of another shape is
//! [`ApiError::UnverifiedAnswer`], for the till to settle through the read endpoint (or by sending the
//! same refund again with the same token).

use reqwest::StatusCode;

use super::wire::{CancelAnswer, ConfirmAnswer, OrdersError, RefundDone, messages};
use crate::apurata::downpayment::answer::parse_body;
use crate::http::{ApiError, snippet};

/// How a cancel ended well: canceled by this request, or already canceled before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Canceled {
    Now,
    Already,
}

fn unverified(status: StatusCode, why: &str, body: &[u8]) -> ApiError {
    ApiError::UnverifiedAnswer {
        status: status.as_u16(),
        detail: format!("{why} (body starts: {})", snippet(body)),
    }
}

/// Reads a cancel's `200`: `{"modified_orders": 1}` or `{"result": "It is already canceled"}`.
pub fn read_cancel(body: &[u8]) -> Result<Canceled, ApiError> {
    let status = StatusCode::OK;
    match parse_body::<CancelAnswer>(status, body) {
        Ok(CancelAnswer::Modified { modified_orders }) if modified_orders >= 1 => Ok(Canceled::Now),
        Ok(CancelAnswer::Result { result }) if result.trim() == messages::ALREADY_CANCELED => {
            Ok(Canceled::Already)
        }
        Ok(_) => Err(unverified(status, "the cancel changed no order", body)),
        Err(_) => Err(unverified(status, "not the documented cancel answer", body)),
    }
}

/// Reads a confirm's `200`: `{"modified_orders": 1}`.
pub fn read_confirm(body: &[u8]) -> Result<(), ApiError> {
    let status = StatusCode::OK;
    match parse_body::<ConfirmAnswer>(status, body) {
        Ok(answer) if answer.modified_orders >= 1 => Ok(()),
        Ok(_) => Err(unverified(status, "the confirm changed no order", body)),
        Err(_) => Err(unverified(
            status,
            "not the documented confirm answer",
            body,
        )),
    }
}

/// Reads a refund's `200`; only `successful: true` with a tracking id is a refund.
pub fn read_refund(body: &[u8]) -> Result<RefundDone, ApiError> {
    let status = StatusCode::OK;
    match parse_body::<RefundDone>(status, body) {
        Ok(done) if done.successful && !done.tracking_id.trim().is_empty() => Ok(done),
        Ok(_) => Err(unverified(
            status,
            "the refund answer is not successful or has no tracking id",
            body,
        )),
        Err(_) => Err(unverified(status, "not the documented refund answer", body)),
    }
}

/// Maps a non-200 answer: 5xx a server error (outcome unknown), 401 the token, 404 an order the provider
/// does not know, other 4xx a refusal with the provider's `error` text, anything else undocumented.
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
    let message = serde_json::from_slice::<OrdersError>(body)
        .ok()
        .map(|answer| answer.error);
    match status {
        StatusCode::UNAUTHORIZED => ApiError::Unauthorized {
            message: message.unwrap_or_else(|| messages::UNAUTHORIZED.to_owned()),
        },
        StatusCode::NOT_FOUND => ApiError::NotFound {
            message: message.unwrap_or_else(|| messages::ORDER_NOT_FOUND.to_owned()),
        },
        _ => ApiError::Refused {
            status: code,
            message: message.unwrap_or_else(|| snippet(body)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_documented_successes_are_believed() {
        assert_eq!(read_cancel(br#"{"modified_orders": 1}"#), Ok(Canceled::Now));
        assert_eq!(
            read_cancel(br#"{"result": "It is already canceled"}"#),
            Ok(Canceled::Already)
        );
        assert!(matches!(
            read_cancel(br#"{"modified_orders": 0}"#),
            Err(ApiError::UnverifiedAnswer { .. })
        ));
        assert!(matches!(
            read_cancel(b"<html>Wi-Fi</html>"),
            Err(ApiError::UnverifiedAnswer { .. })
        ));
        assert_eq!(read_confirm(br#"{"modified_orders": 1}"#), Ok(()));
        assert!(read_confirm(b"{}").is_err());
        let refund = br#"{"refund_method": "card", "tracking_id": "T-1", "status": "success", "successful": true}"#;
        assert_eq!(read_refund(refund).unwrap().tracking_id, "T-1");
        let failed = br#"{"refund_method": "card", "tracking_id": "T-1", "status": "success", "successful": false}"#;
        assert!(matches!(
            read_refund(failed),
            Err(ApiError::UnverifiedAnswer { .. })
        ));
    }

    #[test]
    fn refusals_keep_the_providers_words() {
        let refused = error_from_answer(
            StatusCode::BAD_REQUEST,
            br#"{"error": "Cannot cancel a confirmed order"}"#,
        );
        assert_eq!(
            refused.provider_message().as_deref(),
            Some(messages::CANNOT_CANCEL_CONFIRMED)
        );
        assert!(refused.is_refusal());
        let missing = error_from_answer(StatusCode::NOT_FOUND, b"");
        assert!(
            matches!(missing, ApiError::NotFound { message } if message == messages::ORDER_NOT_FOUND)
        );
        assert!(!error_from_answer(StatusCode::BAD_GATEWAY, b"").is_refusal());
    }
}
