//! Aplazame's POS checkout (`aplazame-pos-checkout-api.txt`): financing in Spain, amounts in integer
//! euro cents. The store creates a checkout for a cart (`POST checkout/offline`), the buyer goes on on
//! their phone, and the checkout's changes come as IPNs (the status object, pushed to
//! `merchant.ipn_url`, with no documented authentication), which are checked against its `status`
//! before anything is recorded; the store confirms or rejects one in `pending`/`confirmation_required`
//! in its answer to that IPN.
//!
//! Modules: `wire` (the status object; `wire::request`, the create body), `cart` (shelf lines with IVA
//! to net articles and the total, the one rounding rule), `checkout` (the checked body, [`NewCheckout`]),
//! `answer` (how answers map to results) and `client`.

pub mod answer;
pub mod cart;
pub mod checkout;
pub mod client;
pub mod wire;

pub use answer::Creation;
pub use cart::{Cart, CartError, ShelfLine, VatRate};
pub use checkout::{CheckoutError, NewCheckout, OrderId};
pub use client::{AplazameApi, Environment};
pub use wire::{CheckoutId, CheckoutState, CheckoutStatus, Currency};

/// The media type every request accepts (the live API, version 3).
pub const MEDIA_TYPE: &str = "application/vnd.aplazame.v3+json";

/// The same in Aplazame's test mode (`Environment::Sandbox`).
pub const SANDBOX_MEDIA_TYPE: &str = "application/vnd.aplazame.sandbox.v3+json";

/// The documented paths, relative to Aplazame's API root (`https://api.aplazame.com/`).
pub mod endpoints {
    /// `checkout/{id}/status` and `checkout/offline`.
    pub const CHECKOUT: &str = "checkout";
    pub const STATUS: &str = "status";
    pub const OFFLINE: &str = "offline";
}
