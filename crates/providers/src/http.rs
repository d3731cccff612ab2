//! What every provider client shares: the secret token (re-exported from [`crate::token`]), the transport bounds (timeouts, body size), the
//! redirect policy, the typed error for everything that can go wrong between sending a request and
//! holding a parsed answer, and the bounded reading of a response body.

use std::time::Duration;

use reqwest::Url;
use reqwest::redirect::{Attempt, Policy};

use crate::target::{PlainHttp, check_target};
pub use crate::token::ApiToken;

/// `{"dni": "Error on dni format", ...}`: the body of a 400 about fields, one key per bad field (a
/// provider's shape, kept here because [`ApiError::InvalidFields`] carries it).
pub type FieldErrors = std::collections::BTreeMap<String, String>;

/// Bounds on one exchange with a provider. A till must never wait forever, nor swallow a response the
/// size of a film because a proxy misbehaved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpSettings {
    pub connect_timeout: Duration,
    /// From sending the request to holding the whole body.
    pub total_timeout: Duration,
    pub max_body_bytes: usize,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            connect_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(20),
            // A day summary with detail of 10,000 orders is about 1 MB.
            max_body_bytes: 8 * 1024 * 1024,
        }
    }
}

/// Everything a provider call can end in other than success.
///
/// The first group is the provider's own documented refusal: the request arrived and was turned down, so
/// nothing changed. The second group means Caja cannot know what happened at the provider.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("the provider refused the token (401): {message}")]
    Unauthorized { message: String },
    #[error("the provider does not know this funding code (404): {message}")]
    NotFound { message: String },
    #[error("the provider rejected fields (400): {}", describe_fields(fields))]
    InvalidFields { fields: FieldErrors },
    #[error("the funding code is not billed yet (400): {message}")]
    NotBilledYet { message: String },
    #[error("the provider refused the request ({status}): {message}")]
    Refused { status: u16, message: String },
    /// A redirect to a target the URL rule refuses ([`crate::target::check_target`]): neither `https://`
    /// nor plain `http://` on loopback, or with credentials in it; `to` is the target's origin only (its
    /// path and query may carry customer identifiers).
    #[error(
        "the provider redirected ({status}) to {to}, which is neither https nor loopback: not followed"
    )]
    InsecureRedirect { status: u16, to: String },
    #[error("the provider redirected more than {limit} times: not followed")]
    TooManyRedirects { limit: usize },

    #[error("the provider failed ({status}): {snippet}")]
    ServerError { status: u16, snippet: String },
    #[error("the provider did not answer within {seconds} s")]
    Timeout { seconds: u64 },
    #[error("the provider cannot be reached: {detail}")]
    Unreachable { detail: String },
    #[error("the connection broke before the answer was complete: {detail}")]
    Transport { detail: String },
    #[error("the provider's answer is larger than {limit} bytes")]
    BodyTooLarge { limit: usize },
    #[error("the provider's answer ({status}) is not what its documentation says: {detail}")]
    UnexpectedBody { status: u16, detail: String },
    /// A success status whose body is not the provider's (a captive portal's page, a proxy's text, JSON
    /// cut short): something else may have answered, so the status proves nothing. The outcome is
    /// unknown until the provider's read endpoint says what happened.
    #[error(
        "a {status} answer that is not the provider's ({detail}): the outcome must be verified"
    )]
    UnverifiedAnswer { status: u16, detail: String },
    #[error("the provider URL is not usable: {detail}")]
    InvalidUrl { detail: String },
}

impl ApiError {
    /// True when the provider answered and turned the request down: nothing took effect, and the
    /// provider's reason is known. A redirect Caja will not follow counts as one: it is an answer given
    /// instead of processing the request, and the documented API never redirects. False when the outcome
    /// is not known (or nothing was sent at all, for `InvalidUrl`).
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            ApiError::Unauthorized { .. }
                | ApiError::NotFound { .. }
                | ApiError::InvalidFields { .. }
                | ApiError::NotBilledYet { .. }
                | ApiError::Refused { .. }
                | ApiError::InsecureRedirect { .. }
                | ApiError::TooManyRedirects { .. }
        )
    }

    /// The provider's own words, when it refused with a message (`Not billed yet`, field errors).
    pub fn provider_message(&self) -> Option<String> {
        match self {
            ApiError::Unauthorized { message }
            | ApiError::NotFound { message }
            | ApiError::NotBilledYet { message }
            | ApiError::Refused { message, .. } => Some(message.clone()),
            ApiError::InvalidFields { fields } => Some(describe_fields(fields)),
            _ => None,
        }
    }

    /// The HTTP status the provider answered with, when it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Unauthorized { .. } => Some(401),
            ApiError::NotFound { .. } => Some(404),
            ApiError::InvalidFields { .. } | ApiError::NotBilledYet { .. } => Some(400),
            ApiError::Refused { status, .. }
            | ApiError::InsecureRedirect { status, .. }
            | ApiError::ServerError { status, .. }
            | ApiError::UnexpectedBody { status, .. }
            | ApiError::UnverifiedAnswer { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub(crate) fn from_transport(error: reqwest::Error, timeout: Duration) -> Self {
        if let Some(refused) = redirect_refusal(&error) {
            refused
        } else if error.is_timeout() {
            ApiError::Timeout {
                seconds: timeout.as_secs().max(1),
            }
        } else if error.is_connect() {
            ApiError::Unreachable {
                detail: root_cause(&error),
            }
        } else if error.is_builder() {
            ApiError::InvalidUrl {
                detail: root_cause(&error),
            }
        } else {
            ApiError::Transport {
                detail: root_cause(&error),
            }
        }
    }
}

/// How many redirects one request may follow. The documented API never redirects; a few hops allow for
/// a proxy in front of it, and the bound stops a loop.
pub const MAX_REDIRECTS: usize = 3;

/// The redirect policy of every provider client: follow at most [`MAX_REDIRECTS`] hops, and only to a
/// target that obeys the rule the configured URL obeys in live mode ([`check_target`] with
/// [`PlainHttp::LoopbackOnly`]). The refusal happens before any connection to the target, so the request
/// never leaves for it.
pub(crate) fn redirect_policy() -> Policy {
    Policy::custom(|attempt: Attempt<'_>| {
        let target = attempt.url();
        if check_target(target, PlainHttp::LoopbackOnly).is_err() {
            let refused = ApiError::InsecureRedirect {
                status: attempt.status().as_u16(),
                to: origin_of(target),
            };
            return attempt.error(refused);
        }
        // `previous` holds every URL already requested, the first one included.
        if attempt.previous().len() > MAX_REDIRECTS {
            return attempt.error(ApiError::TooManyRedirects {
                limit: MAX_REDIRECTS,
            });
        }
        attempt.follow()
    })
}

/// `scheme://host[:port]` of a URL: enough to name where a redirect pointed, without the path and query
/// that may carry customer identifiers.
fn origin_of(url: &Url) -> String {
    let host = url.host_str().unwrap_or("");
    match url.port() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    }
}

/// The error the redirect policy raised, if that is what ended the request.
fn redirect_refusal(error: &reqwest::Error) -> Option<ApiError> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if let Some(refused) = current.downcast_ref::<ApiError>() {
            return Some(refused.clone());
        }
        source = current.source();
    }
    None
}

fn describe_fields(fields: &FieldErrors) -> String {
    fields
        .iter()
        .map(|(field, message)| format!("{field}: {message}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The innermost cause, which is the readable part ("connection refused"), without the URL: URLs may
/// carry customer identifiers in their query.
fn root_cause(error: &reqwest::Error) -> String {
    let mut source: &dyn std::error::Error = error;
    while let Some(next) = source.source() {
        source = next;
    }
    let text = source.to_string();
    if text.is_empty() {
        "no detail".to_owned()
    } else {
        text
    }
}

/// Whether the `200` of an operation without a documented body (aCuotaz's `paid-and-billed` and
/// `undo-billing`; any later provider's operation confirmed by its status) is the provider's
/// confirmation. The documents answer such a success with the status alone; a body that is
/// empty or JSON fits that, an HTML page (a captive portal's sign-in, a proxy's) or any other text does
/// not: the status may come from whatever stands between the till and the provider, and a till that
/// believed it would hand over a product nobody billed. So anything else is
/// [`ApiError::UnverifiedAnswer`], for the caller to settle through `info`.
pub fn confirmation_from_answer(
    status: reqwest::StatusCode,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<(), ApiError> {
    let unverified = |why: &str| ApiError::UnverifiedAnswer {
        status: status.as_u16(),
        detail: format!("{why} (body starts: {})", snippet(body)),
    };
    if content_type.is_some_and(is_html) {
        return Err(unverified("the answer is an HTML page"));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
        Ok(_) => Ok(()),
        Err(_) => Err(unverified("the body is neither empty nor JSON")),
    }
}

/// `text/html` or `application/xhtml+xml`, whatever the parameters and case.
fn is_html(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "text/html" || essence == "application/xhtml+xml"
}

/// The one way a provider client gets its `reqwest::Client`: bounded timeouts, the redirect policy, and
/// `localhost` pinned to loopback. The URL rule lets plain http go to `localhost` because it is this
/// machine: make sure it is, rather than trust whatever the resolver (or the network's DNS, for
/// `localhost.`) answers.
pub(crate) fn build_http_client(settings: &HttpSettings) -> Result<reqwest::Client, ApiError> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.total_timeout)
        .redirect(redirect_policy())
        .user_agent(concat!("caja/", env!("CARGO_PKG_VERSION")));
    for (name, addresses) in crate::target::pinned_loopback_names() {
        builder = builder.resolve_to_addrs(name, &addresses);
    }
    builder.build().map_err(|error| ApiError::InvalidUrl {
        detail: error.to_string(),
    })
}

/// Reads a response body, refusing to hold more than `limit` bytes.
pub(crate) async fn read_body_bounded(
    mut response: reqwest::Response,
    limit: usize,
    timeout: Duration,
) -> Result<Vec<u8>, ApiError> {
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(ApiError::BodyTooLarge { limit });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| ApiError::from_transport(error, timeout))?
    {
        if body.len() + chunk.len() > limit {
            return Err(ApiError::BodyTooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The start of a body, printable, for error messages about bodies that are not what was expected.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(160)]);
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.trim().is_empty() {
        "(empty body)".to_owned()
    } else {
        flat.trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::StatusCode;

    #[test]
    fn a_token_matches_itself_only() {
        let token = ApiToken::new("acuotaz-webhook-T01");
        assert!(token.matches("acuotaz-webhook-T01"));
        assert!(token.matches(" acuotaz-webhook-T01 "));
        for other in [
            "",
            "acuotaz-webhook-T0",
            "acuotaz-webhook-T011",
            "ACUOTAZ-WEBHOOK-T01",
        ] {
            assert!(!token.matches(other), "{other:?}");
        }
        assert!(!ApiToken::new("").matches(""));
    }

    #[test]
    fn only_an_empty_or_json_body_that_is_not_html_confirms() {
        let ok = StatusCode::OK;
        let confirms = |content_type, body: &[u8]| confirmation_from_answer(ok, content_type, body);
        assert!(confirms(None, b"").is_ok());
        assert!(confirms(Some("text/plain"), b"  \r\n").is_ok());
        assert!(confirms(Some("application/json"), b"{}").is_ok());
        assert!(confirms(Some("application/json"), br#"{"status": "ok"}"#).is_ok());
        assert!(confirms(None, b"null").is_ok());
        for (content_type, body) in [
            (
                Some("text/html; charset=utf-8"),
                &b"<html><body>Wi-Fi</body></html>"[..],
            ),
            (Some("TEXT/HTML"), b""),
            (Some("text/html"), b"{}"),
            (Some("application/xhtml+xml"), b"<html/>"),
            (None, b"<html><body>Login</body></html>"),
            (Some("application/json"), br#"{"status": "ok", "da"#),
            (Some("text/plain"), b"OK"),
            (None, b"\xff\xfe"),
        ] {
            let error = confirms(content_type, body).unwrap_err();
            assert!(
                matches!(error, ApiError::UnverifiedAnswer { status: 200, .. }),
                "{content_type:?} {body:?}: {error:?}"
            );
            assert!(
                !error.is_refusal(),
                "an unverified answer is an unknown outcome"
            );
        }
    }
}
