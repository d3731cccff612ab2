//! aCuotaz in-store down payment API, version 2: check a funding code (`info`), mark its down payment
//! paid and billed, undo the billing, and the day summary for the till balancing.
//!
//! Base: `{root}/pos/client/inhouse-downpayment/` followed by `v2/` (live) or `mock/` (the provider's own
//! test mode). The sandbox serves both prefixes.

pub mod answer;
mod client;
mod ids;
pub mod wire;

pub use client::{DownpaymentApi, Flavor};
pub use ids::{Dni, FormatProblem, FundingCode, Ruc, ruc_check_digit};
pub use wire::*;

/// Path under the provider's root shared by every endpoint of this API.
pub const API_PREFIX: &str = "/pos/client/inhouse-downpayment/";

/// The four endpoints, relative to `{API_PREFIX}{v2|mock}/`.
pub mod endpoints {
    pub const INFO: &str = "info";
    pub const PAID_AND_BILLED: &str = "paid-and-billed";
    pub const UNDO_BILLING: &str = "undo-billing";
    pub const DAY_SUMMARY: &str = "day-summary";
}

/// The token the provider documents for its `mock/` endpoints (public, printed in the API document).
pub const MOCK_TOKEN: &str = "69a06d50c17e4267a18e84f8530d6asd";
