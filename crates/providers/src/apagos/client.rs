//! The async client of aPagos: register a voucher, read it (`info`), cancel it. It shares the other
//! clients' transport rules ([`crate::http`]: bounded timeouts and body, redirects that never leave https
//! or loopback, typed errors) and believes a `200` only when its body is the documented answer: a register
//! answered with anything else is an [`ApiError::UnverifiedAnswer`] (the voucher may exist, and aPagos
//! has no look-up by `order_id`, so the caller must never register it again blindly), an `info` must be
//! about the voucher asked, and a cancel is `canceled: true` or nothing.

use reqwest::{StatusCode, Url};

use super::endpoints;
use super::wire::{
    CancelRefusal, CancelRequest, Canceled, NewVoucher, Registered, RequestId, VoucherInfo,
    VoucherStatus,
};
use crate::apurata::downpayment::answer::parse_body;
use crate::exchange::{about_what_was_asked, send_bounded};
use crate::http::{ApiError, ApiToken, HttpSettings, build_http_client};
use crate::plain_errors::plain_error;
use crate::target::ProviderRoot;

/// What a cancel came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelOutcome {
    Canceled,
    /// The voucher is not in the status sent: aPagos' `extra_data.status` and its human text.
    NotIn {
        actual: VoucherStatus,
        detail: String,
    },
}

/// A client bound to aPagos' root and one store's token.
#[derive(Debug, Clone)]
pub struct ApagosApi {
    http: reqwest::Client,
    root: Url,
    token: ApiToken,
    settings: HttpSettings,
}

impl ApagosApi {
    pub fn new(
        root: &ProviderRoot,
        token: ApiToken,
        settings: HttpSettings,
    ) -> Result<Self, ApiError> {
        Ok(Self::with_http(
            build_http_client(&settings)?,
            root,
            token,
            settings,
        ))
    }

    /// The same on a client the caller already holds (a server re-reading for many stores keeps one).
    /// That client must follow no redirect the URL rule refuses; Central's follows none.
    pub fn with_http(
        http: reqwest::Client,
        root: &ProviderRoot,
        token: ApiToken,
        settings: HttpSettings,
    ) -> Self {
        ApagosApi {
            http,
            root: root.with_path_appended("/"),
            token,
            settings,
        }
    }

    /// `GET unchecked_payment/info/{request_id}`: the voucher as aPagos matched it. A `200` about another
    /// voucher, or whose body is not the documented JSON, is an error, never a voucher.
    pub async fn info(&self, request_id: &RequestId) -> Result<VoucherInfo, ApiError> {
        let url = self.info_url(request_id)?;
        let request = self
            .http
            .get(url)
            .bearer_auth(self.token.expose())
            .header(reqwest::header::ACCEPT, "application/json")
            .header(reqwest::header::CONTENT_TYPE, "application/json");
        let (status, body) = send_bounded(request, &self.settings, "aPagos info").await?;
        if status != StatusCode::OK {
            return Err(plain_error(
                status,
                &body,
                "aPagos has no voucher with this request_id",
            ));
        }
        let info: VoucherInfo = parse_body(status, &body)?;
        about_what_was_asked("voucher", request_id.as_str(), &info.request_id)?;
        Ok(info)
    }

    /// `POST unchecked_payment/register`: the voucher's id at aPagos. A `400` is a plain-text refusal
    /// (shown as aPagos wrote it); a `200` whose body is not `{"request_id": <ObjectId>}` leaves the
    /// outcome unknown.
    pub async fn register(&self, voucher: &NewVoucher) -> Result<RequestId, ApiError> {
        let url = self.endpoint(endpoints::REGISTER, None)?;
        let request = self.post(url).json(voucher);
        let (status, body) = send_bounded(request, &self.settings, "aPagos register").await?;
        if status != StatusCode::OK {
            return Err(plain_error(
                status,
                &body,
                "aPagos has no register endpoint here",
            ));
        }
        let unverified = |detail: String| ApiError::UnverifiedAnswer {
            status: 200,
            detail,
        };
        let registered: Registered = serde_json::from_slice(&body)
            .map_err(|error| unverified(format!("not a register answer: {error}")))?;
        RequestId::parse(&registered.request_id).ok_or_else(|| {
            unverified(format!(
                "`{}` is not an aPagos request_id",
                registered.request_id
            ))
        })
    }

    /// `POST unchecked_payment/cancel/{request_id}` with the status Caja last saw. A voucher in another
    /// status is [`CancelOutcome::NotIn`] with the real one, for the caller to show and ask about.
    pub async fn cancel(
        &self,
        request_id: &RequestId,
        expected: &VoucherStatus,
    ) -> Result<CancelOutcome, ApiError> {
        let url = self.endpoint(endpoints::CANCEL, Some(request_id))?;
        let request = self.post(url).json(&CancelRequest {
            expected_status: expected.as_str(),
        });
        let (status, body) = send_bounded(request, &self.settings, "aPagos cancel").await?;
        if status == StatusCode::BAD_REQUEST
            && let Ok(refusal) = serde_json::from_slice::<CancelRefusal>(&body)
            && refusal.error_code == "invalid_status"
        {
            return Ok(CancelOutcome::NotIn {
                actual: refusal.extra_data.status,
                detail: refusal.error_detail.unwrap_or_default(),
            });
        }
        if status != StatusCode::OK {
            return Err(plain_error(
                status,
                &body,
                "aPagos has no voucher with this request_id",
            ));
        }
        match parse_body::<Canceled>(status, &body) {
            Ok(Canceled { canceled: true }) => Ok(CancelOutcome::Canceled),
            Ok(Canceled { canceled: false }) => Err(ApiError::UnexpectedBody {
                status: 200,
                detail: "200 with canceled: false".to_owned(),
            }),
            Err(_) => Err(ApiError::UnverifiedAnswer {
                status: 200,
                detail: "not a cancel answer".to_owned(),
            }),
        }
    }

    fn post(&self, url: Url) -> reqwest::RequestBuilder {
        self.http
            .post(url)
            .bearer_auth(self.token.expose())
            .header(reqwest::header::ACCEPT, "application/json")
    }

    fn info_url(&self, request_id: &RequestId) -> Result<Url, ApiError> {
        self.endpoint(endpoints::INFO, Some(request_id))
    }

    fn endpoint(&self, path: &str, request_id: Option<&RequestId>) -> Result<Url, ApiError> {
        let mut url = self.root.clone();
        {
            let mut segments = url.path_segments_mut().map_err(|()| ApiError::InvalidUrl {
                detail: "the aPagos root cannot take a path".to_owned(),
            })?;
            segments.pop_if_empty().extend(path.split('/'));
            if let Some(id) = request_id {
                segments.push(id.as_str());
            }
        }
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::PlainHttp;

    #[test]
    fn the_info_path_is_the_documented_one_under_any_root() {
        let id = RequestId::parse("5fd166272826d9992620d028").unwrap();
        for (root, expected) in [
            (
                "https://apurata.com/apagos/",
                "https://apurata.com/apagos/unchecked_payment/info/5fd166272826d9992620d028",
            ),
            (
                "https://apurata.com/apagos",
                "https://apurata.com/apagos/unchecked_payment/info/5fd166272826d9992620d028",
            ),
            (
                "http://127.0.0.1:9",
                "http://127.0.0.1:9/unchecked_payment/info/5fd166272826d9992620d028",
            ),
        ] {
            let root = ProviderRoot::parse(root, PlainHttp::LoopbackOnly).unwrap();
            let api = ApagosApi::new(&root, ApiToken::new("t"), HttpSettings::default()).unwrap();
            assert_eq!(api.info_url(&id).unwrap().as_str(), expected);
        }
        assert!(RequestId::parse("../../pos/order").is_none());
        assert!(RequestId::parse("5fd166272826d9992620d02").is_none());
    }
}
