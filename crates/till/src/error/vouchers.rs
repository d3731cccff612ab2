//! What can go wrong with a bank-transfer voucher (aPagos) apart from the till's other errors: facts
//! only, worded for the cashier by `desk::wording`. aPagos' own words (its `400` answers are plain text)
//! travel in the [`ApiError`] they came in.

use providers::http::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum VoucherError {
    /// Transfers are not set up on this till ([`crate::Till::with_vouchers`]).
    #[error("bank-transfer vouchers are not configured")]
    NotConfigured,
    #[error("no voucher {voucher_id} at this till")]
    NoSuchVoucher { voucher_id: String },
    /// The account is not one of the store's accounts in the settings; nothing was sent.
    #[error("bank account {account} is not one of the store's accounts")]
    UnknownBankAccount { account: String, known: Vec<String> },
    /// A typed field aPagos would not take (named), caught before anything was sent.
    #[error("invalid voucher field {field}")]
    InvalidField { field: &'static str, value: String },
    /// aPagos answered and refused (a `400` in plain text, a refused token...): nothing was registered.
    #[error("aPagos refused the {call}: {cause}")]
    Refused {
        call: &'static str,
        #[source]
        cause: ApiError,
    },
    /// aPagos could not be reached or its answer was lost or unreadable. For a register, the voucher
    /// may exist: it is never sent again by itself (a supervisor resolves it).
    #[error("the outcome of the {call} is unknown: {cause}")]
    OutcomeUnknown {
        call: &'static str,
        #[source]
        cause: ApiError,
    },
    /// The voucher has no aPagos `request_id` (refused, unknown or abandoned): nothing to read or cancel.
    #[error("voucher {voucher_id} is not registered at aPagos ({state})")]
    NotRegistered { voucher_id: String, state: String },
    /// Only a voucher whose register outcome is unknown is resolved by a supervisor.
    #[error("voucher {voucher_id} is {state}, not unknown")]
    NotUnknown { voucher_id: String, state: String },
    /// The `request_id` given belongs to another payment at aPagos (its `order_id` is not this voucher).
    #[error("request {request_id} is aPagos' voucher {order_id}, not {voucher_id}")]
    NotOurs {
        voucher_id: String,
        request_id: String,
        order_id: String,
    },
    /// The cancel named a status the voucher is no longer in; `actual` is aPagos' real one, now saved
    /// as the last seen, so a retry sends it.
    #[error("voucher {voucher_id} is {actual}, not {expected}")]
    StatusChanged {
        voucher_id: String,
        expected: String,
        actual: String,
        detail: String,
    },
    /// A payment by transfer needs this code's transfer VALIDATED by aPagos (and decided, and not
    /// used already) before `paid-and-billed` may be sent.
    #[error("no transfer validated by aPagos can pay this down payment ({why:?})")]
    TransferNotUsable {
        voucher_id: Option<String>,
        why: TransferBlock,
    },
    #[error("voucher {voucher_id} needs no decision on its amount")]
    NoDecisionPending { voucher_id: String },
}

/// Why a transfer cannot pay a down payment yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferBlock {
    /// No voucher was registered for this code.
    NoVoucher,
    /// aPagos has not said VALIDATED (its status, or Caja's state of the register, as text).
    NotValidated(String),
    /// aPagos validated another amount: a supervisor decides first.
    NeedsDecision,
    /// A supervisor decided not to bill with it.
    Rejected,
    /// Its billing is on its way.
    InProgress,
    /// It paid this down payment already.
    AlreadyBilled,
}

/// Every code [`VoucherError::code`] gives, in order.
pub const VOUCHER_ERROR_CODES: &[&str] = &[
    "vouchers_not_configured",
    "no_such_voucher",
    "unknown_bank_account",
    "invalid_voucher_field",
    "voucher_refused",
    "voucher_outcome_unknown",
    "voucher_not_registered",
    "voucher_not_unknown",
    "voucher_not_ours",
    "voucher_status_changed",
    "transfer_not_usable",
    "voucher_no_decision_pending",
];

impl VoucherError {
    pub fn code(&self) -> &'static str {
        match self {
            VoucherError::NotConfigured => "vouchers_not_configured",
            VoucherError::NoSuchVoucher { .. } => "no_such_voucher",
            VoucherError::UnknownBankAccount { .. } => "unknown_bank_account",
            VoucherError::InvalidField { .. } => "invalid_voucher_field",
            VoucherError::Refused { .. } => "voucher_refused",
            VoucherError::OutcomeUnknown { .. } => "voucher_outcome_unknown",
            VoucherError::NotRegistered { .. } => "voucher_not_registered",
            VoucherError::NotUnknown { .. } => "voucher_not_unknown",
            VoucherError::NotOurs { .. } => "voucher_not_ours",
            VoucherError::StatusChanged { .. } => "voucher_status_changed",
            VoucherError::TransferNotUsable { .. } => "transfer_not_usable",
            VoucherError::NoDecisionPending { .. } => "voucher_no_decision_pending",
        }
    }

    /// The field a cashier fixes, when the error is about one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            VoucherError::UnknownBankAccount { .. } => Some("bank_account_id"),
            VoucherError::InvalidField { field, .. } => Some(field),
            VoucherError::NotOurs { .. } => Some("request_id"),
            _ => None,
        }
    }

    /// Refused here before anything was sent: the person can fix it and try again.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            VoucherError::NotConfigured
                | VoucherError::NoSuchVoucher { .. }
                | VoucherError::UnknownBankAccount { .. }
                | VoucherError::InvalidField { .. }
                | VoucherError::NotRegistered { .. }
                | VoucherError::NotUnknown { .. }
                | VoucherError::TransferNotUsable { .. }
                | VoucherError::NoDecisionPending { .. }
        )
    }

    /// One of each variant, for the tests that keep the code lists complete.
    pub fn samples() -> Vec<VoucherError> {
        let cause = || ApiError::Timeout { seconds: 1 };
        let id = || "T01-C1-V000001".to_owned();
        vec![
            VoucherError::NotConfigured,
            VoucherError::NoSuchVoucher { voucher_id: id() },
            VoucherError::UnknownBankAccount {
                account: "X".to_owned(),
                known: Vec::new(),
            },
            VoucherError::InvalidField {
                field: "operation_number",
                value: "x".to_owned(),
            },
            VoucherError::Refused {
                call: "register",
                cause: cause(),
            },
            VoucherError::OutcomeUnknown {
                call: "register",
                cause: cause(),
            },
            VoucherError::NotRegistered {
                voucher_id: id(),
                state: "unknown".to_owned(),
            },
            VoucherError::NotUnknown {
                voucher_id: id(),
                state: "pending".to_owned(),
            },
            VoucherError::NotOurs {
                voucher_id: id(),
                request_id: "r".to_owned(),
                order_id: "o".to_owned(),
            },
            VoucherError::StatusChanged {
                voucher_id: id(),
                expected: "PENDING".to_owned(),
                actual: "VALIDATED".to_owned(),
                detail: String::new(),
            },
            VoucherError::TransferNotUsable {
                voucher_id: Some(id()),
                why: TransferBlock::NotValidated("IN_REVIEW".to_owned()),
            },
            VoucherError::NoDecisionPending { voucher_id: id() },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_in_order() {
        let codes: Vec<&str> = VoucherError::samples()
            .iter()
            .map(VoucherError::code)
            .collect();
        assert_eq!(codes, VOUCHER_ERROR_CODES);
    }
}
