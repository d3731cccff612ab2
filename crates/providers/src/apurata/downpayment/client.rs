//! The async client of the in-store down payment API v2.
//!
//! Each call sends one request with the bearer token and bounded timeouts, reads a bounded body, and
//! turns the answer into the documented type or a typed [`ApiError`]. It takes the customer and the code
//! as checked values ([`CustomerId`], [`FundingCode`]), so it cannot be handed a malformed one to send.
//!
//! The documented API never redirects; a redirect is followed only to `https://` or loopback and for a
//! few hops (see [`crate::http::redirect_policy`]), so a misconfigured proxy cannot send the token, the
//! customer's document or a POST over plain HTTP to another host.

use reqwest::{Method, StatusCode, Url};
use serde::Serialize;

use super::answer::{error_from_answer, parse_body};
use super::ids::FundingCode;
use super::wire::{
    CustomerId, DaySummaryDetail, DaySummaryQuery, DayTotals, FundingInfo, InfoQuery,
    OperationRequest,
};
use super::{API_PREFIX, endpoints};
use crate::http::{
    ApiError, ApiToken, HttpSettings, build_http_client, confirmation_from_answer,
    read_body_bounded,
};
use crate::target::ProviderRoot;

/// Which set of endpoints to call: the provider's production `v2/` or its own test `mock/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    V2,
    Mock,
}

impl Flavor {
    fn path_segment(self) -> &'static str {
        match self {
            Flavor::V2 => "v2/",
            Flavor::Mock => "mock/",
        }
    }
}

/// A client bound to one provider root, flavor and token.
#[derive(Debug, Clone)]
pub struct DownpaymentApi {
    http: reqwest::Client,
    /// The judged root with the API's path appended: every request goes to this scheme, host and port.
    base: Url,
    token: ApiToken,
    settings: HttpSettings,
}

impl DownpaymentApi {
    /// `root` is the provider's origin (`https://apurata.com`, or the sandbox's URL), already judged by
    /// the URL rule; the documented paths are appended to it.
    pub fn new(
        root: &ProviderRoot,
        flavor: Flavor,
        token: ApiToken,
        settings: HttpSettings,
    ) -> Result<Self, ApiError> {
        let http = build_http_client(&settings)?;
        let base = root.with_path_appended(&format!("{API_PREFIX}{}", flavor.path_segment()));
        Ok(DownpaymentApi {
            http,
            base,
            token,
            settings,
        })
    }

    /// The URL every endpoint is appended to, e.g. `https://apurata.com/pos/client/inhouse-downpayment/v2/`.
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// `GET info`: the state of a financing and the down payment to collect.
    pub async fn info(
        &self,
        customer: &CustomerId,
        funding_code: &FundingCode,
    ) -> Result<FundingInfo, ApiError> {
        let query = InfoQuery::new(customer, funding_code);
        let answer = self
            .send(Method::GET, endpoints::INFO, Some(&query), None::<&()>)
            .await?;
        parse_body(StatusCode::OK, &answer.body)
    }

    /// `POST paid-and-billed`. Only a `200` that is the provider's own answer (see
    /// [`confirmation_from_answer`]) means the store may invoice and hand over the product; a `200` with
    /// a body that is not the provider's is [`ApiError::UnverifiedAnswer`].
    pub async fn paid_and_billed(
        &self,
        customer: &CustomerId,
        funding_code: &FundingCode,
    ) -> Result<(), ApiError> {
        let request = OperationRequest::new(customer, funding_code);
        self.send(
            Method::POST,
            endpoints::PAID_AND_BILLED,
            None::<&()>,
            Some(&request),
        )
        .await
        .and_then(|answer| answer.confirmation())
    }

    /// `POST undo-billing`: the code becomes billable again; the down payment stays paid. A `200` is
    /// believed on the same terms as `paid-and-billed`'s.
    pub async fn undo_billing(
        &self,
        customer: &CustomerId,
        funding_code: &FundingCode,
    ) -> Result<(), ApiError> {
        let request = OperationRequest::new(customer, funding_code);
        self.send(
            Method::POST,
            endpoints::UNDO_BILLING,
            None::<&()>,
            Some(&request),
        )
        .await
        .and_then(|answer| answer.confirmation())
    }

    /// `GET day-summary?day=..`: the three totals of a day.
    pub async fn day_totals(&self, day: jiff::civil::Date) -> Result<DayTotals, ApiError> {
        let query = DaySummaryQuery {
            day: day.to_string(),
            detail: None,
        };
        let answer = self
            .send(
                Method::GET,
                endpoints::DAY_SUMMARY,
                Some(&query),
                None::<&()>,
            )
            .await?;
        parse_body(StatusCode::OK, &answer.body)
    }

    /// `GET day-summary?day=..&detail=true`: the totals and every order of the day.
    pub async fn day_summary_detail(
        &self,
        day: jiff::civil::Date,
    ) -> Result<DaySummaryDetail, ApiError> {
        let query = DaySummaryQuery {
            day: day.to_string(),
            detail: Some("true".to_owned()),
        };
        let answer = self
            .send(
                Method::GET,
                endpoints::DAY_SUMMARY,
                Some(&query),
                None::<&()>,
            )
            .await?;
        parse_body(StatusCode::OK, &answer.body)
    }

    /// Sends one request and returns the `200` answer, or the typed error of anything else.
    async fn send<Q: Serialize, B: Serialize>(
        &self,
        method: Method,
        endpoint: &str,
        query: Option<&Q>,
        body: Option<&B>,
    ) -> Result<SuccessAnswer, ApiError> {
        // The endpoints are relative path constants: joining them keeps the judged host.
        let url = self
            .base
            .join(endpoint)
            .map_err(|error| ApiError::InvalidUrl {
                detail: error.to_string(),
            })?;
        let mut request = self
            .http
            .request(method, url)
            .bearer_auth(self.token.expose())
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(query) = query {
            request = request.query(query);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let timeout = self.settings.total_timeout;
        let response = request
            .send()
            .await
            .map_err(|error| ApiError::from_transport(error, timeout))?;
        let status = response.status();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
        let body = read_body_bounded(response, self.settings.max_body_bytes, timeout).await?;
        tracing::debug!(
            endpoint,
            status = status.as_u16(),
            bytes = body.len(),
            "provider answered"
        );
        if status == StatusCode::OK {
            Ok(SuccessAnswer { content_type, body })
        } else {
            Err(error_from_answer(status, &body))
        }
    }
}

/// A `200` as it arrived: its body, and the content type it claimed.
struct SuccessAnswer {
    content_type: Option<String>,
    body: Vec<u8>,
}

impl SuccessAnswer {
    fn confirmation(self) -> Result<(), ApiError> {
        confirmation_from_answer(StatusCode::OK, self.content_type.as_deref(), &self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::PlainHttp;

    #[test]
    fn appends_the_documented_path_to_the_judged_root() {
        let root = ProviderRoot::parse("https://apurata.com/", PlainHttp::LoopbackOnly).unwrap();
        let api = DownpaymentApi::new(
            &root,
            Flavor::Mock,
            ApiToken::new("t"),
            HttpSettings::default(),
        )
        .unwrap();
        assert_eq!(
            api.base_url().as_str(),
            "https://apurata.com/pos/client/inhouse-downpayment/mock/"
        );
        assert_eq!(
            api.base_url().join(endpoints::INFO).unwrap().as_str(),
            "https://apurata.com/pos/client/inhouse-downpayment/mock/info"
        );
    }
}
