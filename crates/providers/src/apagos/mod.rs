//! aPagos vouchers (`apagos-vouchers-api.txt`): a customer pays by bank transfer, the store registers the
//! transfer's receipt, and aPagos matches it against the bank and answers `VALIDATED` or `INVALID`. The
//! client registers, reads (`info`, which a callback — undocumented, unauthenticated: a hint — is checked
//! against before anything is recorded) and cancels.

pub mod client;
pub mod receipt_type;
pub mod wire;

pub use client::{ApagosApi, CancelOutcome};
pub use wire::{NewVoucher, RequestId, VoucherInfo, VoucherStatus};

/// The documented paths, relative to aPagos' root (`https://apurata.com/apagos/`).
pub mod endpoints {
    /// `unchecked_payment/register`.
    pub const REGISTER: &str = "unchecked_payment/register";
    /// `unchecked_payment/info/{request_id}`.
    pub const INFO: &str = "unchecked_payment/info";
    /// `unchecked_payment/cancel/{request_id}`.
    pub const CANCEL: &str = "unchecked_payment/cancel";
}
