//! What the till keeps of a bank-transfer voucher, as read back from its table ([`Voucher`]), what
//! the cashier typed to register one ([`NewTransferVoucher`]), the down payment it pays
//! ([`VoucherSale`]) and how far Caja got billing it ([`Billing`]).

use jiff::Timestamp;
use jiff::civil::Date;
use providers::Soles;
use providers::apagos::{RequestId, VoucherStatus};
use providers::apurata::downpayment::{CustomerId, Dni, FundingCode};
use serde::Serialize;
use url::Url;

use crate::mode::Mode;

/// What the cashier typed, the DNI already checked; the rest is checked by
/// [`crate::Till::register_voucher`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTransferVoucher {
    pub amount: Soles,
    /// The transfer's date in Lima, as the receipt shows it.
    pub date: Date,
    pub operation_number: String,
    /// One of the store's accounts ([`crate::vouchers::VoucherSetup::bank_accounts`]).
    pub bank_account_id: String,
    pub customer_dni: Dni,
    pub customer_fullname: String,
    pub detail: Option<String>,
    /// The public, expiring address of the receipt's image.
    pub receipt: Url,
    /// Where aPagos calls back: Caja Central's `/webhooks/apagos/{store}` (or, on the simulator with
    /// no Central, the simulator's own sink).
    pub webhook: Url,
    /// The down payment this transfer pays, billed by Caja once aPagos validates it. `None`: a
    /// transfer registered on its own (the CLI without `--code`), only checked.
    pub sale: Option<VoucherSale>,
}

/// The down payment a voucher pays: Caja sends its `paid-and-billed` once aPagos says VALIDATED.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoucherSale {
    pub customer: CustomerId,
    pub funding_code: FundingCode,
    /// What the check said to collect: a validated amount other than this needs a supervisor.
    pub collect: Soles,
}

/// A supervisor's decision on a transfer aPagos validated for another amount than the down payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountDecision {
    /// Bill the down payment with this transfer all the same (the difference is the shift's).
    Accepted,
    /// Do not bill with it: the cashier takes another tender.
    Rejected,
}

impl AmountDecision {
    pub fn as_str(self) -> &'static str {
        match self {
            AmountDecision::Accepted => "accepted",
            AmountDecision::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<AmountDecision> {
        [AmountDecision::Accepted, AmountDecision::Rejected]
            .into_iter()
            .find(|decision| decision.as_str() == text)
    }
}

/// How far the automatic `paid-and-billed` of a validated transfer got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Billing {
    /// Claimed and on its way (or its outcome is the journal's outbox's to resolve).
    Sending,
    /// aCuotaz says paid and billed: the product may be handed over.
    Billed,
    /// aCuotaz refused the billing: a person looks at it (`billing_problem` says why).
    Failed,
}

impl Billing {
    pub fn as_str(self) -> &'static str {
        match self {
            Billing::Sending => "sending",
            Billing::Billed => "billed",
            Billing::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Billing> {
        [Billing::Sending, Billing::Billed, Billing::Failed]
            .into_iter()
            .find(|billing| billing.as_str() == text)
    }
}

/// Caja's side of the register: how far it got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoucherState {
    /// Journaled, the register on its way (or the till stopped while it was).
    Sending,
    /// aPagos gave its `request_id`: the voucher exists there; `status` says where it stands.
    Pending,
    /// aPagos refused the register (its plain text in `refusal`): no voucher exists.
    Refused,
    /// The register's answer was lost: the voucher may exist. Never registered again by itself.
    Unknown,
    /// A supervisor decided an unknown register never reached aPagos.
    Abandoned,
}

impl VoucherState {
    pub fn as_str(self) -> &'static str {
        match self {
            VoucherState::Sending => "sending",
            VoucherState::Pending => "pending",
            VoucherState::Refused => "refused",
            VoucherState::Unknown => "unknown",
            VoucherState::Abandoned => "abandoned",
        }
    }

    pub fn parse(text: &str) -> Option<VoucherState> {
        [
            VoucherState::Sending,
            VoucherState::Pending,
            VoucherState::Refused,
            VoucherState::Unknown,
            VoucherState::Abandoned,
        ]
        .into_iter()
        .find(|state| state.as_str() == text)
    }
}

/// The values aPagos validated, kept beside the typed ones (never over them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Validated {
    pub amount: Soles,
    pub date: Date,
    pub operation_number: String,
    pub bank_account_id: String,
    pub bank_operation_number: Option<String>,
}

/// One voucher registered (or tried) at this till.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Voucher {
    pub row: i64,
    /// Caja's id, sent as aPagos' `order_id`: `T01-C1-V000042`.
    pub voucher_id: String,
    pub mode: Mode,
    pub amount: Soles,
    pub date: Date,
    pub operation_number: String,
    pub bank_account_id: String,
    pub customer_dni: String,
    pub customer_fullname: String,
    pub detail: Option<String>,
    pub receipt: String,
    pub webhook: String,
    /// The register's body exactly as journaled and sent.
    pub request_body: String,
    pub state: VoucherState,
    #[serde(serialize_with = "request_id_text")]
    pub request_id: Option<RequestId>,
    /// aPagos' status as last seen (`None` before the first `info`: it starts `PENDING`).
    #[serde(serialize_with = "status_text")]
    pub status: Option<VoucherStatus>,
    /// aPagos' own words for a refusal, or what went wrong for an unknown register.
    pub refusal: Option<String>,
    pub http_status: Option<u16>,
    pub validated: Option<Validated>,
    /// aPagos validated another amount than the one typed: a supervisor decides.
    pub amount_differs: bool,
    pub status_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    pub lima_day: Date,
    pub operator: Option<String>,
    pub resolved_by: Option<String>,
    pub resolution_reason: Option<String>,
    pub shift_id: Option<i64>,
    pub sale: Option<VoucherSale>,
    pub amount_decision: Option<AmountDecision>,
    pub decided_by: Option<String>,
    pub decision_reason: Option<String>,
    pub billing: Option<Billing>,
    /// The journal's `paid-and-billed` row this transfer paid.
    pub billed_entry: Option<i64>,
    /// Why the last billing did not go through (an error code), while it is retried or failed.
    pub billing_problem: Option<String>,
}

impl Voucher {
    /// The status a cancel names: the last one seen, `PENDING` before any.
    pub fn last_status(&self) -> VoucherStatus {
        self.status.clone().unwrap_or(VoucherStatus::Pending)
    }

    /// aPagos says the transfer is real (the later slices hand over and bill on this).
    pub fn is_validated(&self) -> bool {
        self.state == VoucherState::Pending && self.status == Some(VoucherStatus::Validated)
    }

    /// aPagos validated another amount than the down payment and no supervisor decided yet.
    pub fn needs_decision(&self) -> bool {
        self.is_validated()
            && self.amount_decision.is_none()
            && self
                .sale
                .as_ref()
                .is_some_and(|sale| sale.collect != self.counted_amount())
    }

    /// Validated, decided where needed, and not billed yet: Caja may send its `paid-and-billed`.
    pub fn is_billable(&self) -> bool {
        self.is_validated()
            && self.sale.is_some()
            && !self.needs_decision()
            && self.amount_decision != Some(AmountDecision::Rejected)
            && self.billing != Some(Billing::Billed)
    }

    /// aPagos will not change its answer any more: no need to read it again.
    pub fn status_is_final(&self) -> bool {
        matches!(
            self.status,
            Some(VoucherStatus::Validated | VoucherStatus::Invalid | VoucherStatus::Canceled)
        ) || self.state != VoucherState::Pending
    }

    /// Still someone's business: a register on its way or unanswered, a status aPagos may still
    /// change, a validated transfer for a down payment not billed (or refused billing), an amount
    /// awaiting a supervisor.
    pub fn is_open(&self) -> bool {
        match self.state {
            VoucherState::Sending | VoucherState::Unknown => true,
            VoucherState::Refused | VoucherState::Abandoned => false,
            VoucherState::Pending if !self.status_is_final() => true,
            VoucherState::Pending => {
                self.is_validated()
                    && self.sale.is_some()
                    && self.amount_decision != Some(AmountDecision::Rejected)
                    && self.billing != Some(Billing::Billed)
            }
        }
    }

    /// The amount the shift and the Z count: the validated one once aPagos gave it.
    pub fn counted_amount(&self) -> Soles {
        self.validated
            .as_ref()
            .map_or(self.amount, |validated| validated.amount)
    }
}

fn request_id_text<S: serde::Serializer>(
    id: &Option<RequestId>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_some(&id.as_ref().map(RequestId::as_str))
}

fn status_text<S: serde::Serializer>(
    status: &Option<VoucherStatus>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_some(&status.as_ref().map(VoucherStatus::as_str))
}
