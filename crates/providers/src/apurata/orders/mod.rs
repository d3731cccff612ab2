//! aCuotaz orders API: the store starts a credit sale itself (`create`), follows it (`order`), confirms
//! or cancels it, refunds it (total or partial), and reads its funding limits (`landing_config`) and the
//! marketing add-on. Paths sit under the provider's root (`https://apurata.com/pos/...`).
//!
//! The document is "aCuotaz orders API" (`acuotaz-orders-api.txt`); its lost field names come from the
//! provider's public documentation (see `NOTES.md`).

pub mod answer;
mod client;
mod ids;
pub mod wire;

pub use answer::Canceled;
pub use client::OrdersApi;
pub use ids::{
    CustomerName, ExpirationTs, MobilePhone, OrderId, OrderProblem, PosClientId, UniqueToken,
};
pub use wire::*;

/// The documented paths, relative to the provider's root.
pub mod endpoints {
    pub const LANDING_CONFIG: &str = "pos/client/landing_config";
    pub const CREATE: &str = "pos/order/create";
    /// `pos/order/{order_id}` and its actions below it.
    pub const ORDER: &str = "pos/order";
    pub const TOTAL_REFUND: &str = "total-refund";
    pub const PARTIAL_REFUND: &str = "partial-refund";
    pub const CANCEL: &str = "cancel";
    pub const CONFIRM: &str = "confirm";
    pub const ADD_ON: &str = "pos/pay-with-apurata-add-on";
    /// `pos/{client_id}/info-steps`.
    pub const INFO_STEPS: &str = "info-steps";
}

/// The header that carries a refund's idempotency key.
pub const UNIQUE_TOKEN_HEADER: &str = "X-Unique-Token";
/// The header the add-on and info-steps identify the store with (no bearer token there).
pub const CLIENT_ID_HEADER: &str = "Client_id";
