//! The settings of credit sales (aCuotaz orders), saved inside `settings.json` under `orders`: the
//! store's client id, the codes in order ids, the store's pages the provider sends the customer back to,
//! and how long an order stays open. In sandbox mode the simulator's client id and example pages stand
//! in for the ones not set, so a new user can try a credit sale at once; live mode needs them all.

use serde::{Deserialize, Serialize};

use till::error::{OrderError, TillError};
use till::mode::Mode;
use till::orders::{DEFAULT_EXPIRY_MINUTES, OrdersSettings, OrdersSetup};

/// The client id the sandbox accepts unless told otherwise.
pub const SANDBOX_POS_CLIENT_ID: &str = sandbox::DEFAULT_POS_CLIENT_ID;
const SANDBOX_PAGE: &str = "https://tienda.example/caja";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OrderSettings {
    pub pos_client_id: Option<String>,
    /// The store's code in order ids (`T01` in `T01-C1-000042`).
    pub store_code: String,
    /// This till's code in order ids (`C1`).
    pub till_code: String,
    pub url_canceled: Option<String>,
    pub url_rejected: Option<String>,
    pub url_success: Option<String>,
    pub url_downpayment: Option<String>,
    pub url_order_detail: Option<String>,
    pub expiry_minutes: u32,
}

impl Default for OrderSettings {
    fn default() -> Self {
        OrderSettings {
            pos_client_id: None,
            store_code: "T01".to_owned(),
            till_code: "C1".to_owned(),
            url_canceled: None,
            url_rejected: None,
            url_success: None,
            url_downpayment: None,
            url_order_detail: None,
            expiry_minutes: DEFAULT_EXPIRY_MINUTES,
        }
    }
}

impl OrderSettings {
    /// The checked setup for `mode`, or the first setting that is missing or wrong.
    pub fn setup(&self, mode: Mode) -> Result<OrdersSetup, TillError> {
        let sandbox = mode == Mode::Sandbox;
        let pick = |field: &'static str, value: &Option<String>, example: String| match value
            .as_deref()
            .map(str::trim)
        {
            Some(text) if !text.is_empty() => Ok(text.to_owned()),
            _ if sandbox => Ok(example),
            _ => Err(TillError::from(OrderError::NotConfigured {
                missing: field,
            })),
        };
        let client = pick(
            "pos_client_id",
            &self.pos_client_id,
            SANDBOX_POS_CLIENT_ID.to_owned(),
        )?;
        let canceled = pick(
            "url_canceled",
            &self.url_canceled,
            format!("{SANDBOX_PAGE}/cancelado"),
        )?;
        let rejected = pick(
            "url_rejected",
            &self.url_rejected,
            format!("{SANDBOX_PAGE}/rechazado"),
        )?;
        let success = pick(
            "url_success",
            &self.url_success,
            format!("{SANDBOX_PAGE}/gracias"),
        )?;
        let downpayment = pick(
            "url_downpayment",
            &self.url_downpayment,
            format!("{SANDBOX_PAGE}/inicial"),
        )?;
        OrdersSetup::parse(&OrdersSettings {
            pos_client_id: &client,
            store_code: &self.store_code,
            till_code: &self.till_code,
            url_canceled: &canceled,
            url_rejected: &rejected,
            url_success: &success,
            url_downpayment: &downpayment,
            url_order_detail: self.url_order_detail.as_deref(),
            expiry_minutes: self.expiry_minutes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_works_out_of_the_box_and_live_names_what_is_missing() {
        let settings = OrderSettings::default();
        let setup = settings.setup(Mode::Sandbox).unwrap();
        assert_eq!(setup.pos_client_id.as_str(), SANDBOX_POS_CLIENT_ID);
        assert_eq!(setup.order_id(7).as_str(), "T01-C1-000007");
        match settings.setup(Mode::Live) {
            Err(TillError::Order(OrderError::NotConfigured { missing })) => {
                assert_eq!(missing, "pos_client_id");
            }
            other => panic!("{other:?}"),
        }
    }
}
