//! Aplazame's POS checkout (`aplazame-pos-checkout-api.txt`): financing in Spain, amounts in integer
//! euro cents. So far only the read Central needs: a checkout's `status`, which an IPN (the same object,
//! pushed to `merchant.ipn_url`, with no documented authentication) is checked against before anything
//! is recorded. Creating a checkout and confirming it come with the till's Aplazame sales.

pub mod cart;
pub mod client;
pub mod wire;

pub use cart::{Cart, CartError, ShelfLine, VatRate};
pub use client::AplazameApi;
pub use wire::{CheckoutId, CheckoutState, CheckoutStatus, Currency};

/// The media type every request accepts (the live API, version 3).
pub const MEDIA_TYPE: &str = "application/vnd.aplazame.v3+json";

/// The documented paths, relative to Aplazame's API root (`https://api.aplazame.com/`).
pub mod endpoints {
    /// `checkout/{id}/status`.
    pub const CHECKOUT: &str = "checkout";
    pub const STATUS: &str = "status";
}
