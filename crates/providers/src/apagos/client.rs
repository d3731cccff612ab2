//! The async client of aPagos, `info` only for now. It shares the other clients' transport rules
//! ([`crate::http`]: bounded timeouts and body, redirects that never leave https or loopback, typed
//! errors) and believes a `200` only when its body is the documented voucher, for the voucher asked.

use reqwest::{StatusCode, Url};

use super::endpoints;
use super::wire::{RequestId, VoucherInfo};
use crate::apurata::downpayment::answer::parse_body;
use crate::exchange::{about_what_was_asked, send_bounded};
use crate::http::{ApiError, ApiToken, HttpSettings, build_http_client};
use crate::plain_errors::plain_error;
use crate::target::ProviderRoot;

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

    fn info_url(&self, request_id: &RequestId) -> Result<Url, ApiError> {
        let mut url = self.root.clone();
        url.path_segments_mut()
            .map_err(|()| ApiError::InvalidUrl {
                detail: "the aPagos root cannot take a path".to_owned(),
            })?
            .pop_if_empty()
            .extend(endpoints::INFO.split('/'))
            .push(request_id.as_str());
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
