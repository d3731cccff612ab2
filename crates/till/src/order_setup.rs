//! What a till needs to start credit sales besides its provider root and token: the store's client id
//! (`pos_client_id`), the store's web pages the provider sends the customer back to, the codes that make
//! order ids readable and unique (store + till + sequence), and how long an order stays open; and the
//! orders client built from them ([`OrdersLink`]), which the till holds. A leaf beside `orders`, so the
//! till can hold it without `operations` and `orders` importing each other.

use jiff::SignedDuration;
use providers::apurata::orders::{OrderId, OrdersApi, PosClientId};
use url::Url;

use crate::error::{InputProblem, TillError};

/// How long an order stays open when the settings do not say: two hours.
pub const DEFAULT_EXPIRY_MINUTES: u32 = 120;
const EXPIRY_RANGE: std::ops::RangeInclusive<u32> = 10..=720;

/// The store's pages, each an `https://` address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreUrls {
    pub on_canceled: String,
    pub on_rejected: String,
    pub on_success: String,
    pub on_downpayment: String,
    pub on_order_detail: Option<String>,
}

/// The orders client and the store's settings, when credit sales are set up.
#[derive(Debug, Clone)]
pub(crate) struct OrdersLink {
    pub api: OrdersApi,
    pub setup: OrdersSetup,
}

/// The typed settings of credit sales.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrdersSetup {
    pub pos_client_id: PosClientId,
    pub store_code: String,
    pub till_code: String,
    pub urls: StoreUrls,
    pub expiry: SignedDuration,
}

/// The settings as typed, before they are checked.
#[derive(Debug, Clone, Default)]
pub struct OrdersSettings<'a> {
    pub pos_client_id: &'a str,
    pub store_code: &'a str,
    pub till_code: &'a str,
    pub url_canceled: &'a str,
    pub url_rejected: &'a str,
    pub url_success: &'a str,
    pub url_downpayment: &'a str,
    pub url_order_detail: Option<&'a str>,
    pub expiry_minutes: u32,
}

impl OrdersSetup {
    /// Checks every setting, naming the first that is wrong.
    pub fn parse(settings: &OrdersSettings<'_>) -> Result<OrdersSetup, TillError> {
        let pos_client_id = PosClientId::parse(settings.pos_client_id).map_err(|_| {
            TillError::invalid(
                "pos_client_id",
                settings.pos_client_id,
                InputProblem::OrderId,
            )
        })?;
        let urls = StoreUrls {
            on_canceled: https("url_canceled", settings.url_canceled)?,
            on_rejected: https("url_rejected", settings.url_rejected)?,
            on_success: https("url_success", settings.url_success)?,
            on_downpayment: https("url_downpayment", settings.url_downpayment)?,
            on_order_detail: match settings.url_order_detail.map(str::trim) {
                None | Some("") => None,
                Some(text) => Some(https("url_order_detail", text)?),
            },
        };
        if !EXPIRY_RANGE.contains(&settings.expiry_minutes) {
            return Err(TillError::invalid(
                "order_expiry_minutes",
                &settings.expiry_minutes.to_string(),
                InputProblem::ExpiryMinutes,
            ));
        }
        Ok(OrdersSetup {
            pos_client_id,
            store_code: code("store_code", settings.store_code)?,
            till_code: code("till_code", settings.till_code)?,
            urls,
            expiry: SignedDuration::from_mins(i64::from(settings.expiry_minutes)),
        })
    }

    /// The order id of the till's `sequence`-th order: `T01-C1-000042`.
    pub fn order_id(&self, sequence: i64) -> OrderId {
        let text = format!("{}-{}-{sequence:06}", self.store_code, self.till_code);
        // Codes are letters and digits and the sequence is a number: always a valid id.
        OrderId::parse(&text).unwrap_or_else(|_| unreachable!("order id {text}"))
    }
}

fn https(field: &'static str, text: &str) -> Result<String, TillError> {
    let text = text.trim();
    match Url::parse(text) {
        Ok(url) if url.scheme() == "https" && url.host_str().is_some_and(|h| !h.is_empty()) => {
            Ok(url.to_string())
        }
        _ => Err(TillError::invalid(field, text, InputProblem::HttpsUrl)),
    }
}

fn code(field: &'static str, text: &str) -> Result<String, TillError> {
    let text = text.trim();
    if text.is_empty() || text.len() > 8 || !text.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(TillError::invalid(field, text, InputProblem::StoreCode));
    }
    Ok(text.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> OrdersSettings<'static> {
        OrdersSettings {
            pos_client_id: "caja-demo",
            store_code: "t01",
            till_code: "C1",
            url_canceled: "https://tienda.example/cancelado",
            url_rejected: "https://tienda.example/rechazado",
            url_success: "https://tienda.example/gracias",
            url_downpayment: "https://tienda.example/inicial",
            url_order_detail: None,
            expiry_minutes: DEFAULT_EXPIRY_MINUTES,
        }
    }

    #[test]
    fn order_ids_read_store_till_and_sequence() {
        let setup = OrdersSetup::parse(&settings()).unwrap();
        assert_eq!(setup.order_id(42).as_str(), "T01-C1-000042");
        assert_eq!(setup.expiry, SignedDuration::from_hours(2));
    }

    #[test]
    fn each_wrong_setting_is_named() {
        let field = |settings: OrdersSettings<'static>| match OrdersSetup::parse(&settings) {
            Err(TillError::InvalidInput { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        let mut plain = settings();
        plain.url_success = "http://tienda.example/gracias";
        assert_eq!(field(plain), "url_success");
        let mut empty = settings();
        empty.url_downpayment = "";
        assert_eq!(field(empty), "url_downpayment");
        let mut long = settings();
        long.expiry_minutes = 5;
        assert_eq!(field(long), "order_expiry_minutes");
        let mut store = settings();
        store.store_code = "T 01";
        assert_eq!(field(store), "store_code");
    }
}
