//! The async client of Aplazame's POS API, the checkout's status only for now. The transport rules are
//! the other clients' ([`crate::http`]); every request carries the private key as a bearer and accepts
//! [`MEDIA_TYPE`]. A `200` is believed only when its body is the documented status object of the
//! checkout asked for.

use reqwest::{StatusCode, Url};

use super::wire::{CheckoutId, CheckoutStatus};
use super::{MEDIA_TYPE, endpoints};
use crate::apurata::downpayment::answer::parse_body;
use crate::exchange::{about_what_was_asked, send_bounded};
use crate::http::{ApiError, ApiToken, HttpSettings, build_http_client};
use crate::plain_errors::plain_error;
use crate::target::ProviderRoot;

/// A client bound to Aplazame's API root and one store's private key.
#[derive(Debug, Clone)]
pub struct AplazameApi {
    http: reqwest::Client,
    root: Url,
    key: ApiToken,
    settings: HttpSettings,
}

impl AplazameApi {
    pub fn new(
        root: &ProviderRoot,
        key: ApiToken,
        settings: HttpSettings,
    ) -> Result<Self, ApiError> {
        Ok(Self::with_http(
            build_http_client(&settings)?,
            root,
            key,
            settings,
        ))
    }

    /// The same on a client the caller already holds; it must follow no redirect the URL rule refuses.
    pub fn with_http(
        http: reqwest::Client,
        root: &ProviderRoot,
        key: ApiToken,
        settings: HttpSettings,
    ) -> Self {
        AplazameApi {
            http,
            root: root.with_path_appended("/"),
            key,
            settings,
        }
    }

    /// `GET checkout/{id}/status`.
    pub async fn status(&self, id: &CheckoutId) -> Result<CheckoutStatus, ApiError> {
        let url = self.status_url(id)?;
        let request = self
            .http
            .get(url)
            .bearer_auth(self.key.expose())
            .header(reqwest::header::ACCEPT, MEDIA_TYPE);
        let (status, body) = send_bounded(request, &self.settings, "Aplazame status").await?;
        if status != StatusCode::OK {
            return Err(plain_error(
                status,
                &body,
                "Aplazame has no checkout with this id",
            ));
        }
        let checkout: CheckoutStatus = parse_body(status, &body)?;
        about_what_was_asked("checkout", id.as_str(), &checkout.id)?;
        Ok(checkout)
    }

    fn status_url(&self, id: &CheckoutId) -> Result<Url, ApiError> {
        let mut url = self.root.clone();
        url.path_segments_mut()
            .map_err(|()| ApiError::InvalidUrl {
                detail: "the Aplazame root cannot take a path".to_owned(),
            })?
            .pop_if_empty()
            .push(endpoints::CHECKOUT)
            .push(id.as_str())
            .push(endpoints::STATUS);
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::PlainHttp;

    #[test]
    fn the_status_path_is_the_documented_one() {
        let root =
            ProviderRoot::parse("https://api.aplazame.com", PlainHttp::LoopbackOnly).unwrap();
        let api = AplazameApi::new(&root, ApiToken::new("k"), HttpSettings::default()).unwrap();
        let id = CheckoutId::parse("ch_7fJ2").unwrap();
        assert_eq!(
            api.status_url(&id).unwrap().as_str(),
            "https://api.aplazame.com/checkout/ch_7fJ2/status"
        );
        assert!(CheckoutId::parse("a/../b").is_none());
        assert!(CheckoutId::parse("").is_none());
    }
}
