//! The till's client of Caja Central: enrollment (unsigned: the one-time code is the credential), then
//! every other call signed with the till's key over the exact path, query and body bytes it sends
//! ([`super::signing`]). It shares the providers' transport rules ([`crate::http`]: bounded timeouts and
//! body, redirects that never leave https or loopback, `localhost` pinned) and the URL rule
//! ([`crate::target`]: plain http only to loopback unless the caller allows it).
//!
//! A 2xx whose body is not the JSON the contract names is [`CentralError::BadAnswer`], never a success:
//! something other than Central (a captive portal, a proxy) may have answered, and a cursor advanced on
//! such an answer would skip entries Central never stored.

use std::time::Duration;

use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use super::signing::{SignedHeaders, TillRef, TillSigningKey};
use super::wire::{
    API_PREFIX, ApiError, AuditBatch, EnrollAnswer, EnrollRequest, PushAnswer, ReceiptAnswer,
    RelayBatch, TillStatus, UploadLinkAnswer, UploadLinkRequest, UploadLinkStatus, ZAnswer,
    till_path,
};
use crate::http::{self, HttpSettings, build_http_client, read_body_bounded, snippet};
use crate::target::{PlainHttp, ProviderRoot};

/// The `code` of a [`CentralError::Refused`] whose body was not Central's JSON error.
pub const NOT_AN_API_ERROR: &str = "not_an_api_error";

/// The longest wait Central grants a long poll (`wait` above it is cut to it).
pub const MAX_WAIT_SECONDS: u64 = 30;

/// Everything a call to Central can end in other than its answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CentralError {
    /// Nothing usable came back: no connection, no answer in time, or the connection broke.
    #[error("Caja Central cannot be reached at {url}: {detail}")]
    Unreachable { url: String, detail: String },
    /// Central answered and turned the request down with one of its codes ([`ApiError`]); a non-JSON
    /// error body keeps its status, with [`NOT_AN_API_ERROR`] as its code.
    #[error("Caja Central refused ({status} {code}): {message}")]
    Refused {
        status: u16,
        code: String,
        message: String,
    },
    /// A success status whose body is not the answer the contract names.
    #[error("a {status} answer that is not Central's ({detail})")]
    BadAnswer { status: u16, detail: String },
    /// The base URL breaks the URL rule or cannot take the API's paths; nothing was sent.
    #[error("the Caja Central URL is not usable: {detail}")]
    InvalidUrl { detail: String },
}

impl CentralError {
    /// The [`ApiError`] code when Central refused, for the till's words.
    pub fn api_code(&self) -> Option<&str> {
        match self {
            CentralError::Refused { code, .. } => Some(code),
            _ => None,
        }
    }
}

/// Parses Central's base URL under the URL rule: `https://` anywhere, plain `http://` to loopback, or
/// anywhere when `plain_http` allows it (a test network, said explicitly at enrollment).
pub fn parse_base_url(text: &str, plain_http: PlainHttp) -> Result<ProviderRoot, CentralError> {
    ProviderRoot::parse(text.trim(), plain_http).map_err(|problem| CentralError::InvalidUrl {
        detail: format!("{problem:?}"),
    })
}

/// `POST /api/v1/enroll`: unsigned, the one-time code is the credential.
pub async fn enroll(
    base_url: &ProviderRoot,
    request: &EnrollRequest,
    settings: HttpSettings,
) -> Result<EnrollAnswer, CentralError> {
    let http = build_http_client(&settings).map_err(invalid_url)?;
    let url = join(base_url, &format!("{API_PREFIX}/enroll"))?;
    let body = json_bytes(request);
    let request = http
        .post(url.clone())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body);
    exchange(request, &url, settings, settings.total_timeout).await
}

/// A client for one enrolled till: its base URL, its codes and its key.
pub struct CentralClient {
    http: reqwest::Client,
    root: ProviderRoot,
    till: TillRef,
    key: TillSigningKey,
    settings: HttpSettings,
}

impl std::fmt::Debug for CentralClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CentralClient")
            .field("root", &self.root.to_string())
            .field("till", &self.till.to_string())
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

/// What one signed request carries besides its method and path.
struct Body<'a> {
    bytes: Vec<u8>,
    content_type: Option<&'a str>,
}

impl Body<'_> {
    fn empty() -> Self {
        Body {
            bytes: Vec::new(),
            content_type: None,
        }
    }
}

impl CentralClient {
    pub fn new(
        root: ProviderRoot,
        till: TillRef,
        key: TillSigningKey,
        settings: HttpSettings,
    ) -> Result<Self, CentralError> {
        Ok(CentralClient {
            http: build_http_client(&settings).map_err(invalid_url)?,
            root,
            till,
            key,
            settings,
        })
    }

    pub fn till(&self) -> &TillRef {
        &self.till
    }

    /// `POST …/audit`: a batch of the chain's entries; Central says up to where it holds the chain.
    pub async fn push_audit(&self, batch: &AuditBatch) -> Result<PushAnswer, CentralError> {
        let body = Body {
            bytes: json_bytes(batch),
            content_type: Some("application/json"),
        };
        self.signed(Method::POST, "audit", body, None).await
    }

    /// `PUT …/z/{mode}/{number}` with the Z report's snapshot, byte for byte as the till stored it.
    pub async fn put_z(
        &self,
        mode: &str,
        number: i64,
        snapshot: &str,
    ) -> Result<ZAnswer, CentralError> {
        let body = Body {
            bytes: snapshot.as_bytes().to_vec(),
            content_type: Some("application/json"),
        };
        let rest = format!("z/{mode}/{number}");
        self.signed(Method::PUT, &rest, body, None).await
    }

    /// `POST …/receipts` with a receipt's bytes; Central reads the type from them.
    pub async fn upload_receipt(&self, bytes: Vec<u8>) -> Result<ReceiptAnswer, CentralError> {
        let body = Body {
            bytes,
            content_type: Some("application/octet-stream"),
        };
        self.signed(Method::POST, "receipts", body, None).await
    }

    /// `GET …/events?after=N&wait=S`: a long poll; the request may take `wait` seconds on top of the
    /// usual bound before it counts as unanswered.
    pub async fn events(&self, after: i64, wait_seconds: u64) -> Result<RelayBatch, CentralError> {
        let wait = wait_seconds.min(MAX_WAIT_SECONDS);
        let rest = format!("events?after={after}&wait={wait}");
        let limit = self.settings.total_timeout + Duration::from_secs(wait);
        self.signed(Method::GET, &rest, Body::empty(), Some(limit))
            .await
    }

    /// `POST …/upload-links`: a one-time page for the customer's phone; see [`UploadLinkRequest`].
    pub async fn create_upload_link(
        &self,
        receipt_token_sha256: &str,
    ) -> Result<UploadLinkAnswer, CentralError> {
        let request = UploadLinkRequest {
            receipt_token_sha256: receipt_token_sha256.to_owned(),
        };
        let body = Body {
            bytes: json_bytes(&request),
            content_type: Some("application/json"),
        };
        self.signed(Method::POST, "upload-links", body, None).await
    }

    /// `GET …/upload-links/{id}`: whether the phone sent the receipt.
    pub async fn upload_link_status(&self, id: i64) -> Result<UploadLinkStatus, CentralError> {
        let rest = format!("upload-links/{id}");
        self.signed(Method::GET, &rest, Body::empty(), None).await
    }

    /// `GET …/status`: what Central holds of this till.
    pub async fn status(&self) -> Result<TillStatus, CentralError> {
        self.signed(Method::GET, "status", Body::empty(), None)
            .await
    }

    /// A signed `GET` of this till's resource `rest`, for a caller that sends it with its own HTTP
    /// client (the desktop's updater fetches its manifest so): the URL and the headers, valid once.
    pub fn signed_get(&self, rest: &str) -> Result<(Url, SignedHeaders), CentralError> {
        self.sign_request("GET", rest, &[])
    }

    /// The URL of this till's resource `rest` and the headers signing `method` on it with `body`.
    fn sign_request(
        &self,
        method: &str,
        rest: &str,
        body: &[u8],
    ) -> Result<(Url, SignedHeaders), CentralError> {
        let url = join(
            &self.root,
            &till_path(&self.till.store, &self.till.till, rest),
        )?;
        let path_and_query = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        let headers = self.key.sign(&self.till, method, &path_and_query, body);
        Ok((url, headers))
    }

    /// [`Self::signed`] with a JSON body, or none.
    pub(super) async fn signed_json<T: DeserializeOwned, B: serde::Serialize>(
        &self,
        method: Method,
        rest: &str,
        body: Option<&B>,
    ) -> Result<T, CentralError> {
        let body = match body {
            Some(body) => Body {
                bytes: json_bytes(body),
                content_type: Some("application/json"),
            },
            None => Body::empty(),
        };
        self.signed(method, rest, body, None).await
    }

    /// Signs and sends one request to this till's resource `rest` (which may carry a query).
    async fn signed<T: DeserializeOwned>(
        &self,
        method: Method,
        rest: &str,
        body: Body<'_>,
        timeout: Option<Duration>,
    ) -> Result<T, CentralError> {
        let (url, headers) = self.sign_request(method.as_str(), rest, &body.bytes)?;
        let mut request = self
            .http
            .request(method, url.clone())
            .header(reqwest::header::ACCEPT, "application/json");
        for (name, value) in headers.pairs() {
            request = request.header(name, value);
        }
        if let Some(content_type) = body.content_type {
            request = request
                .header(reqwest::header::CONTENT_TYPE, content_type)
                .body(body.bytes);
        }
        let limit = timeout.unwrap_or(self.settings.total_timeout);
        if let Some(limit) = timeout {
            request = request.timeout(limit);
        }
        exchange(request, &url, self.settings, limit).await
    }
}

/// Sends a request and reads its answer: the JSON `T` of a 2xx, or the typed error of anything else.
async fn exchange<T: DeserializeOwned>(
    request: reqwest::RequestBuilder,
    url: &Url,
    settings: HttpSettings,
    timeout: Duration,
) -> Result<T, CentralError> {
    let unreachable = |error: http::ApiError| CentralError::Unreachable {
        url: url.to_string(),
        detail: error.to_string(),
    };
    let response = request
        .send()
        .await
        .map_err(|error| unreachable(http::ApiError::from_transport(error, timeout)))?;
    let status = response.status();
    let body = match read_body_bounded(response, settings.max_body_bytes, timeout).await {
        Ok(body) => body,
        Err(http::ApiError::BodyTooLarge { limit }) => {
            return Err(CentralError::BadAnswer {
                status: status.as_u16(),
                detail: format!("the body is larger than {limit} bytes"),
            });
        }
        Err(error) => return Err(unreachable(error)),
    };
    tracing::debug!(
        path = url.path(),
        status = status.as_u16(),
        bytes = body.len(),
        "Central answered"
    );
    if status.is_success() {
        serde_json::from_slice(&body).map_err(|error| CentralError::BadAnswer {
            status: status.as_u16(),
            detail: format!("{error}; body starts: {}", snippet(&body)),
        })
    } else {
        Err(refusal(status.as_u16(), &body))
    }
}

/// A non-2xx answer: Central's [`ApiError`], or its status with what the body was.
fn refusal(status: u16, body: &[u8]) -> CentralError {
    match serde_json::from_slice::<ApiError>(body) {
        Ok(error) => CentralError::Refused {
            status,
            code: error.code,
            message: error.message,
        },
        Err(_) => CentralError::Refused {
            status,
            code: NOT_AN_API_ERROR.to_owned(),
            message: format!(
                "the error body is not Central's JSON error: {}",
                snippet(body)
            ),
        },
    }
}

/// The root with an API path appended (`https://host/prefix` + `/api/v1/…`), a query included.
fn join(root: &ProviderRoot, path_and_query: &str) -> Result<Url, CentralError> {
    let (path, query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path_and_query, None),
    };
    let mut url = root.with_path_appended(path);
    url.set_query(query);
    if url.cannot_be_a_base() {
        return Err(CentralError::InvalidUrl {
            detail: "the base URL cannot take a path".to_owned(),
        });
    }
    Ok(url)
}

fn json_bytes<T: serde::Serialize>(value: &T) -> Vec<u8> {
    // The contract's types are plain structs of strings and numbers: they always serialise.
    serde_json::to_vec(value).unwrap_or_default()
}

fn invalid_url(error: http::ApiError) -> CentralError {
    CentralError::InvalidUrl {
        detail: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_onto_a_prefixed_root_with_their_query() {
        let root =
            parse_base_url("https://central.example/caja/", PlainHttp::LoopbackOnly).unwrap();
        let url = join(&root, &till_path("T01", "C1", "events?after=3&wait=25")).unwrap();
        assert_eq!(
            url.as_str(),
            "https://central.example/caja/api/v1/stores/T01/tills/C1/events?after=3&wait=25"
        );
        assert!(parse_base_url("http://central.example", PlainHttp::LoopbackOnly).is_err());
        assert!(parse_base_url("http://192.0.2.1:8080", PlainHttp::Anywhere).is_ok());
    }

    #[test]
    fn a_non_json_error_keeps_its_status() {
        let error = refusal(502, b"<html>Bad gateway</html>");
        assert!(matches!(
            error,
            CentralError::Refused { status: 502, ref code, .. } if code == NOT_AN_API_ERROR
        ));
        let error = refusal(
            409,
            br#"{"code": "enrollment_code_used", "message": "used"}"#,
        );
        assert_eq!(error.api_code(), Some("enrollment_code_used"));
    }
}
