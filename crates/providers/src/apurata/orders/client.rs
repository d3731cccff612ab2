//! The async client of the aCuotaz orders API.
//!
//! It shares the down payment client's transport rules (bounded timeouts and body, redirects that never
//! leave https or loopback, see [`crate::http`]). What differs: `create` sends the exact bytes the till
//! journaled ([`CreateBody`]), refunds carry the `X-Unique-Token` the till made once for them, and the
//! add-on and info-steps identify the store by its client id and answer the provider's HTML as text
//! (never trusted as markup: the till sanitizes it).

use reqwest::{Method, StatusCode, Url};

use super::answer::{Canceled, error_from_answer, read_cancel, read_confirm, read_refund};
use super::ids::{OrderId, PosClientId, UniqueToken};
use super::wire::{
    CreateBody, Created, LandingConfig, OrderInfo, PartialRefund, RefundDone, TotalRefund,
};
use super::{CLIENT_ID_HEADER, UNIQUE_TOKEN_HEADER, endpoints};
use crate::apurata::downpayment::answer::parse_body;
use crate::http::{ApiError, ApiToken, HttpSettings, build_http_client, read_body_bounded};
use crate::money::Soles;
use crate::target::ProviderRoot;

/// A client bound to one provider root, store client id and token.
#[derive(Debug, Clone)]
pub struct OrdersApi {
    http: reqwest::Client,
    /// The judged root, ending in `/`: every path is appended to it.
    root: Url,
    client_id: PosClientId,
    token: ApiToken,
    settings: HttpSettings,
}

/// What one request carries besides its method and path.
#[derive(Default)]
struct Extras<'a> {
    json_body: Option<String>,
    unique_token: Option<&'a UniqueToken>,
    /// The add-on and info-steps: the client id instead of the bearer token.
    by_client_id: bool,
}

impl OrdersApi {
    pub fn new(
        root: &ProviderRoot,
        client_id: PosClientId,
        token: ApiToken,
        settings: HttpSettings,
    ) -> Result<Self, ApiError> {
        Ok(OrdersApi {
            http: build_http_client(&settings)?,
            root: root.with_path_appended("/"),
            client_id,
            token,
            settings,
        })
    }

    pub fn client_id(&self) -> &PosClientId {
        &self.client_id
    }

    /// `GET pos/client/landing_config`: the amounts and installments the provider finances.
    pub async fn landing_config(&self) -> Result<LandingConfig, ApiError> {
        let url = self.url(&[endpoints::LANDING_CONFIG])?;
        let body = self.send(Method::GET, url, Extras::default()).await?;
        parse_body(StatusCode::OK, &body)
    }

    /// `POST pos/order/create` with the journaled body, byte for byte.
    pub async fn create(&self, body: &CreateBody) -> Result<Created, ApiError> {
        let url = self.url(&[endpoints::CREATE])?;
        let extras = Extras {
            json_body: Some(body.as_str().to_owned()),
            ..Extras::default()
        };
        let answer = self.send(Method::POST, url, extras).await?;
        let created: Created = parse_body(StatusCode::OK, &answer)?;
        if created.redirect_to.trim().is_empty() {
            return Err(ApiError::UnverifiedAnswer {
                status: 200,
                detail: "the create answer has no redirect_to".to_owned(),
            });
        }
        Ok(created)
    }

    /// `GET pos/order/{order_id}`: the order's status and whether the store confirmed it.
    pub async fn order(&self, order_id: &OrderId) -> Result<OrderInfo, ApiError> {
        let url = self.order_url(order_id, None)?;
        let body = self.send(Method::GET, url, Extras::default()).await?;
        parse_body(StatusCode::OK, &body)
    }

    /// `POST pos/order/{order_id}/confirm`.
    pub async fn confirm(&self, order_id: &OrderId) -> Result<(), ApiError> {
        let url = self.order_url(order_id, Some(endpoints::CONFIRM))?;
        let body = self.send(Method::POST, url, Extras::default()).await?;
        read_confirm(&body)
    }

    /// `POST pos/order/{order_id}/cancel`; "It is already canceled" is a success.
    pub async fn cancel(&self, order_id: &OrderId) -> Result<Canceled, ApiError> {
        let url = self.order_url(order_id, Some(endpoints::CANCEL))?;
        let body = self.send(Method::POST, url, Extras::default()).await?;
        read_cancel(&body)
    }

    /// `POST pos/order/{order_id}/total-refund` with the refund's one token.
    pub async fn total_refund(
        &self,
        order_id: &OrderId,
        refund: &TotalRefund,
        token: &UniqueToken,
    ) -> Result<RefundDone, ApiError> {
        let url = self.order_url(order_id, Some(endpoints::TOTAL_REFUND))?;
        self.refund(url, json_text(refund)?, token).await
    }

    /// `POST pos/order/{order_id}/partial-refund` with the refund's one token.
    pub async fn partial_refund(
        &self,
        order_id: &OrderId,
        refund: &PartialRefund,
        token: &UniqueToken,
    ) -> Result<RefundDone, ApiError> {
        let url = self.order_url(order_id, Some(endpoints::PARTIAL_REFUND))?;
        self.refund(url, json_text(refund)?, token).await
    }

    /// `GET pos/pay-with-apurata-add-on/{amount}`: the provider's HTML, as untrusted text.
    pub async fn add_on(&self, amount: Soles) -> Result<String, ApiError> {
        let amount = amount.to_decimal().to_string();
        let url = self.url(&[endpoints::ADD_ON, &amount])?;
        self.html(url).await
    }

    /// `GET pos/{client_id}/info-steps`: the provider's HTML, as untrusted text.
    pub async fn info_steps(&self) -> Result<String, ApiError> {
        let url = self.url(&["pos", self.client_id.as_str(), endpoints::INFO_STEPS])?;
        self.html(url).await
    }

    async fn html(&self, url: Url) -> Result<String, ApiError> {
        let extras = Extras {
            by_client_id: true,
            ..Extras::default()
        };
        let body = self.send(Method::GET, url, extras).await?;
        Ok(String::from_utf8_lossy(&body).into_owned())
    }

    async fn refund(
        &self,
        url: Url,
        body: String,
        token: &UniqueToken,
    ) -> Result<RefundDone, ApiError> {
        let extras = Extras {
            json_body: Some(body),
            unique_token: Some(token),
            ..Extras::default()
        };
        let answer = self.send(Method::POST, url, extras).await?;
        read_refund(&answer)
    }

    /// The root with these path segments appended, each percent-encoded as one segment (a `/` inside one
    /// of them cannot add a step).
    fn url(&self, segments: &[&str]) -> Result<Url, ApiError> {
        let mut url = self.root.clone();
        {
            let mut path = url.path_segments_mut().map_err(|()| ApiError::InvalidUrl {
                detail: "the provider root cannot take a path".to_owned(),
            })?;
            path.pop_if_empty();
            for segment in segments {
                path.extend(segment.split('/').filter(|part| !part.is_empty()));
            }
        }
        Ok(url)
    }

    fn order_url(&self, order_id: &OrderId, action: Option<&str>) -> Result<Url, ApiError> {
        let mut url = self.url(&[endpoints::ORDER])?;
        if let Ok(mut path) = url.path_segments_mut() {
            path.push(order_id.as_str());
            if let Some(action) = action {
                path.push(action);
            }
        }
        Ok(url)
    }

    /// Sends one request and returns the body of a `200`, or the typed error of anything else.
    async fn send(
        &self,
        method: Method,
        url: Url,
        extras: Extras<'_>,
    ) -> Result<Vec<u8>, ApiError> {
        let endpoint = url.path().to_owned();
        let mut request = self.http.request(method, url);
        request = if extras.by_client_id {
            request.header(CLIENT_ID_HEADER, self.client_id.as_str())
        } else {
            request
                .bearer_auth(self.token.expose())
                .header(reqwest::header::ACCEPT, "application/json")
        };
        if let Some(token) = extras.unique_token {
            request = request.header(UNIQUE_TOKEN_HEADER, token.as_str());
        }
        if let Some(body) = extras.json_body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        let timeout = self.settings.total_timeout;
        let response = request
            .send()
            .await
            .map_err(|error| ApiError::from_transport(error, timeout))?;
        let status = response.status();
        let body = read_body_bounded(response, self.settings.max_body_bytes, timeout).await?;
        tracing::debug!(
            endpoint,
            status = status.as_u16(),
            bytes = body.len(),
            "provider answered"
        );
        if status == StatusCode::OK {
            Ok(body)
        } else {
            Err(error_from_answer(status, &body))
        }
    }
}

fn json_text<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|error| ApiError::InvalidUrl {
        detail: format!("the request cannot be written: {error}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::PlainHttp;

    #[test]
    fn paths_are_the_documented_ones_under_any_root() {
        for root in [
            "https://apurata.com",
            "https://apurata.com/",
            "http://127.0.0.1:9/base/",
        ] {
            let root = ProviderRoot::parse(root, PlainHttp::LoopbackOnly).unwrap();
            let api = OrdersApi::new(
                &root,
                PosClientId::parse("tecno-tiendaz").unwrap(),
                ApiToken::new("t"),
                HttpSettings::default(),
            )
            .unwrap();
            let id = OrderId::parse("T01-C1-000042").unwrap();
            let base = root.with_path_appended("/").to_string();
            let base = base.trim_end_matches('/');
            assert_eq!(
                api.order_url(&id, Some(endpoints::TOTAL_REFUND))
                    .unwrap()
                    .as_str(),
                format!("{base}/pos/order/T01-C1-000042/total-refund")
            );
            assert_eq!(
                api.url(&[endpoints::LANDING_CONFIG]).unwrap().as_str(),
                format!("{base}/pos/client/landing_config")
            );
            assert_eq!(
                api.url(&["pos", "tecno-tiendaz", endpoints::INFO_STEPS])
                    .unwrap()
                    .as_str(),
                format!("{base}/pos/tecno-tiendaz/info-steps")
            );
        }
    }
}
