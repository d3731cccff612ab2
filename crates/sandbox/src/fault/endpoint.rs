//! Which endpoint a request addresses, as fault rules name it: the down payment API's four (either
//! flavor) and the orders API's nine, each with its name in the text form and in JSON.

use std::fmt;

use providers::apurata::downpayment::{API_PREFIX, endpoints};
use serde::{Deserialize, Serialize};

use crate::wire::FLAVORS;

/// One of the documented endpoints: the down payment API's four, whichever flavor (`v2/` or `mock/`)
/// they are called under, and the orders API's nine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Endpoint {
    Info,
    PaidAndBilled,
    UndoBilling,
    DaySummary,
    /// `GET /pos/client/landing_config`.
    LandingConfig,
    /// `POST /pos/order/create`.
    OrderCreate,
    /// `GET /pos/order/{order_id}`.
    OrderInfo,
    /// `POST /pos/order/{order_id}/confirm`.
    OrderConfirm,
    /// `POST /pos/order/{order_id}/cancel`.
    OrderCancel,
    /// `POST /pos/order/{order_id}/total-refund`.
    TotalRefund,
    /// `POST /pos/order/{order_id}/partial-refund`.
    PartialRefund,
    /// `GET /pos/pay-with-apurata-add-on/{amount}`.
    AddOn,
    /// `GET /pos/{client_id}/info-steps`.
    InfoSteps,
}

impl Endpoint {
    pub const ALL: [Endpoint; 13] = [
        Endpoint::Info,
        Endpoint::PaidAndBilled,
        Endpoint::UndoBilling,
        Endpoint::DaySummary,
        Endpoint::LandingConfig,
        Endpoint::OrderCreate,
        Endpoint::OrderInfo,
        Endpoint::OrderConfirm,
        Endpoint::OrderCancel,
        Endpoint::TotalRefund,
        Endpoint::PartialRefund,
        Endpoint::AddOn,
        Endpoint::InfoSteps,
    ];

    /// The name in the text form and in JSON: the down payment API's documented path segment (`info`,
    /// `paid-and-billed`, `undo-billing`, `day-summary`), and for the orders API `landing-config`,
    /// `order-create`, `order-info`, `order-confirm`, `order-cancel`, `total-refund`,
    /// `partial-refund`, `add-on`, `info-steps`.
    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::Info => endpoints::INFO,
            Endpoint::PaidAndBilled => endpoints::PAID_AND_BILLED,
            Endpoint::UndoBilling => endpoints::UNDO_BILLING,
            Endpoint::DaySummary => endpoints::DAY_SUMMARY,
            Endpoint::LandingConfig => "landing-config",
            Endpoint::OrderCreate => "order-create",
            Endpoint::OrderInfo => "order-info",
            Endpoint::OrderConfirm => "order-confirm",
            Endpoint::OrderCancel => "order-cancel",
            Endpoint::TotalRefund => "total-refund",
            Endpoint::PartialRefund => "partial-refund",
            Endpoint::AddOn => "add-on",
            Endpoint::InfoSteps => "info-steps",
        }
    }

    /// The endpoint named by [`Endpoint::as_str`].
    pub fn from_name(name: &str) -> Option<Endpoint> {
        Endpoint::ALL
            .into_iter()
            .find(|endpoint| endpoint.as_str() == name)
    }

    /// The endpoint a request path addresses: `{API_PREFIX}{v2|mock}/{endpoint}` exactly (either
    /// flavor), or one of the orders API's paths; `None` for every other path, which no fault ever
    /// touches.
    pub(crate) fn of_path(path: &str) -> Option<Endpoint> {
        if let Some(rest) = path.strip_prefix(API_PREFIX) {
            let (flavor, name) = rest.split_once('/')?;
            return if FLAVORS.contains(&flavor) {
                Endpoint::from_name(name).filter(|endpoint| endpoint.is_downpayment())
            } else {
                None
            };
        }
        let segments: Vec<&str> = path.strip_prefix("/pos/")?.split('/').collect();
        let endpoint = match segments[..] {
            ["client", "landing_config"] => Endpoint::LandingConfig,
            ["order", "create"] => Endpoint::OrderCreate,
            ["order", id] if !id.is_empty() => Endpoint::OrderInfo,
            ["order", id, action] if !id.is_empty() => match action {
                "confirm" => Endpoint::OrderConfirm,
                "cancel" => Endpoint::OrderCancel,
                "total-refund" => Endpoint::TotalRefund,
                "partial-refund" => Endpoint::PartialRefund,
                _ => return None,
            },
            ["pay-with-apurata-add-on", amount] if !amount.is_empty() => Endpoint::AddOn,
            [client, "info-steps"] if !client.is_empty() => Endpoint::InfoSteps,
            _ => return None,
        };
        Some(endpoint)
    }

    /// One of the down payment API's four.
    fn is_downpayment(self) -> bool {
        matches!(
            self,
            Endpoint::Info | Endpoint::PaidAndBilled | Endpoint::UndoBilling | Endpoint::DaySummary
        )
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_path_has_its_endpoint_and_nothing_else_has_one() {
        let paths = [
            (
                "/pos/client/inhouse-downpayment/v2/info",
                Some(Endpoint::Info),
            ),
            (
                "/pos/client/inhouse-downpayment/mock/day-summary",
                Some(Endpoint::DaySummary),
            ),
            ("/pos/client/inhouse-downpayment/v3/info", None),
            ("/pos/client/inhouse-downpayment/v2/landing-config", None),
            ("/pos/client/landing_config", Some(Endpoint::LandingConfig)),
            ("/pos/order/create", Some(Endpoint::OrderCreate)),
            ("/pos/order/T1-42", Some(Endpoint::OrderInfo)),
            ("/pos/order/T1-42/confirm", Some(Endpoint::OrderConfirm)),
            ("/pos/order/T1-42/cancel", Some(Endpoint::OrderCancel)),
            ("/pos/order/T1-42/total-refund", Some(Endpoint::TotalRefund)),
            (
                "/pos/order/T1-42/partial-refund",
                Some(Endpoint::PartialRefund),
            ),
            ("/pos/order/T1-42/refund", None),
            ("/pos/order/", None),
            ("/pos/pay-with-apurata-add-on/147.60", Some(Endpoint::AddOn)),
            ("/pos/caja-demo/info-steps", Some(Endpoint::InfoSteps)),
            ("/__sandbox/orders", None),
            ("/pos", None),
        ];
        for (path, expected) in paths {
            assert_eq!(Endpoint::of_path(path), expected, "{path}");
        }
        for endpoint in Endpoint::ALL {
            assert_eq!(Endpoint::from_name(endpoint.as_str()), Some(endpoint));
        }
    }
}
