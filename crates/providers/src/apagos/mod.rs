//! aPagos vouchers (`apagos-vouchers-api.txt`): a customer pays by bank transfer, the store registers the
//! transfer's receipt, and aPagos matches it against the bank and answers `VALIDATED` or `INVALID`. So far
//! only the read Central needs is here: `info`, which a callback (undocumented, unauthenticated: a hint)
//! is checked against before anything is recorded. Register and cancel come with the till's vouchers.

pub mod client;
pub mod wire;

pub use client::ApagosApi;
pub use wire::{RequestId, VoucherInfo, VoucherStatus};

/// The documented paths, relative to aPagos' root (`https://apurata.com/apagos/`).
pub mod endpoints {
    /// `unchecked_payment/info/{request_id}`.
    pub const INFO: &str = "unchecked_payment/info";
}
