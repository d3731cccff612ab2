//! One request of a read endpoint, sent and answered within the settings' bounds: the status and at most
//! `max_body_bytes` of body, or the transport's failure; and the check that a read answered about what
//! was asked. Shared by the providers whose clients only read (aPagos' `info`, Aplazame's `status`).

use reqwest::{RequestBuilder, StatusCode};

use crate::http::{ApiError, HttpSettings, read_body_bounded};

/// Sends `request` with the settings' total timeout and reads its body, bounded.
pub(crate) async fn send_bounded(
    request: RequestBuilder,
    settings: &HttpSettings,
    what: &'static str,
) -> Result<(StatusCode, Vec<u8>), ApiError> {
    let timeout = settings.total_timeout;
    let response = request
        .timeout(timeout)
        .send()
        .await
        .map_err(|error| ApiError::from_transport(error, timeout))?;
    let status = response.status();
    let body = read_body_bounded(response, settings.max_body_bytes, timeout).await?;
    tracing::debug!(
        what,
        status = status.as_u16(),
        bytes = body.len(),
        "provider answered"
    );
    Ok((status, body))
}

/// A `200` about another `thing` than the one asked for is an error, never that thing.
pub(crate) fn about_what_was_asked(
    thing: &str,
    asked: &str,
    answered: &str,
) -> Result<(), ApiError> {
    if asked == answered {
        return Ok(());
    }
    Err(ApiError::UnexpectedBody {
        status: 200,
        detail: format!("asked for {thing} {asked}, the answer is about {answered}"),
    })
}
