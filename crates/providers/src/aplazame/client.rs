//! The async client of Aplazame's POS API: create a checkout (`POST checkout/offline`) and read its
//! status. The transport rules are the other clients' ([`crate::http`]); every request carries the
//! private key as a bearer and accepts the media type of the client's [`Environment`]: the live API
//! ([`MEDIA_TYPE`]) or Aplazame's test mode ([`SANDBOX_MEDIA_TYPE`]), which the same key and URL reach.
//! A `200` status is believed only when its body is the documented status object of the checkout asked
//! for; how a create's answer is read is [`super::answer`].

use reqwest::{StatusCode, Url};

use super::answer::{Creation, creation_from_answer};
use super::checkout::NewCheckout;
use super::wire::{CheckoutId, CheckoutStatus};
use super::{MEDIA_TYPE, SANDBOX_MEDIA_TYPE, endpoints};
use crate::apurata::downpayment::answer::parse_body;
use crate::exchange::{about_what_was_asked, send_bounded};
use crate::http::{ApiError, ApiToken, HttpSettings, build_http_client};
use crate::plain_errors::plain_error;
use crate::target::ProviderRoot;

/// Which of Aplazame's environments a request is for, chosen by the `Accept` media type. A checkout
/// made in the sandbox is never a sale (its status says `sandbox: true`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Environment {
    #[default]
    Live,
    Sandbox,
}

impl Environment {
    pub fn media_type(self) -> &'static str {
        match self {
            Environment::Live => MEDIA_TYPE,
            Environment::Sandbox => SANDBOX_MEDIA_TYPE,
        }
    }
}

/// A client bound to Aplazame's API root, one store's private key and an environment (live unless
/// [`AplazameApi::in_environment`] says otherwise).
#[derive(Debug, Clone)]
pub struct AplazameApi {
    http: reqwest::Client,
    root: Url,
    key: ApiToken,
    settings: HttpSettings,
    environment: Environment,
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
            environment: Environment::Live,
        }
    }

    /// The same client for `environment`'s requests.
    pub fn in_environment(self, environment: Environment) -> Self {
        AplazameApi {
            environment,
            ..self
        }
    }

    pub fn environment(&self) -> Environment {
        self.environment
    }

    /// `POST checkout/offline` with the checked body. `201 {"id"}` is the checkout; `403` with an empty
    /// body is [`Creation::NotFinanced`]; a `201` with another body is
    /// [`ApiError::UnverifiedAnswer`]: the checkout may exist, and the order id must not be sent again
    /// blindly (Aplazame refuses a repeated one).
    pub async fn create(&self, checkout: &NewCheckout) -> Result<Creation, ApiError> {
        let url = self.endpoint(&[endpoints::CHECKOUT, endpoints::OFFLINE])?;
        let request = self
            .http
            .post(url)
            .bearer_auth(self.key.expose())
            .header(reqwest::header::ACCEPT, self.environment.media_type())
            .json(checkout.body());
        let (status, body) = send_bounded(request, &self.settings, "Aplazame create").await?;
        creation_from_answer(status, &body)
    }

    /// `GET checkout/{id}/status`.
    pub async fn status(&self, id: &CheckoutId) -> Result<CheckoutStatus, ApiError> {
        let url = self.status_url(id)?;
        let request = self
            .http
            .get(url)
            .bearer_auth(self.key.expose())
            .header(reqwest::header::ACCEPT, self.environment.media_type());
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
        self.endpoint(&[endpoints::CHECKOUT, id.as_str(), endpoints::STATUS])
    }

    fn endpoint(&self, segments: &[&str]) -> Result<Url, ApiError> {
        let mut url = self.root.clone();
        url.path_segments_mut()
            .map_err(|()| ApiError::InvalidUrl {
                detail: "the Aplazame root cannot take a path".to_owned(),
            })?
            .pop_if_empty()
            .extend(segments);
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
        assert_eq!(
            api.endpoint(&[endpoints::CHECKOUT, endpoints::OFFLINE])
                .unwrap()
                .as_str(),
            "https://api.aplazame.com/checkout/offline"
        );
        assert!(CheckoutId::parse("a/../b").is_none());
        assert!(CheckoutId::parse("").is_none());
    }
}
