//! The checkout the sandbox keeps: what the store sent, where the buyer is ([`Stage`]), and every IPN
//! attempt. A stage is one row of the document's status table (plus [`Stage::Created`], before the
//! buyer opens the checkout, which the table does not name): its `status` and `status_reason` are what
//! the status endpoint and the IPN show.

use jiff::Timestamp;
use providers::aplazame::{CheckoutState, CheckoutStatus, Currency};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// Where a checkout is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Created by the store; the buyer has not opened it yet: `pending` with no reason.
    Created,
    /// `pending`/`in_process`.
    InProcess,
    /// `pending`/`challenge_required`.
    ChallengeRequired,
    /// `pending`/`confirmation_required`: the store's answer to the IPN decides.
    ConfirmationRequired,
    /// `ok`: financed and confirmed by the store.
    Ok,
    /// `ko` and why.
    Ko(KoReason),
}

/// The reasons of `ko` the document lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KoReason {
    Expired,
    ExpiredChallenge,
    KoGeneric,
    FailedChallenge,
    ConfirmationRejectedByMerchant,
    MerchantFailedToConfirm,
}

impl KoReason {
    pub fn as_str(self) -> &'static str {
        match self {
            KoReason::Expired => "expired",
            KoReason::ExpiredChallenge => "expired_challenge",
            KoReason::KoGeneric => "ko_generic",
            KoReason::FailedChallenge => "failed_challenge",
            KoReason::ConfirmationRejectedByMerchant => "confirmation_rejected_by_merchant",
            KoReason::MerchantFailedToConfirm => "merchant_failed_to_confirm",
        }
    }
}

impl Stage {
    /// `status` and `status_reason`.
    pub fn wire(self) -> (CheckoutState, Option<&'static str>) {
        match self {
            Stage::Created => (CheckoutState::Pending, None),
            Stage::InProcess => (CheckoutState::Pending, Some("in_process")),
            Stage::ChallengeRequired => (CheckoutState::Pending, Some("challenge_required")),
            Stage::ConfirmationRequired => (CheckoutState::Pending, Some("confirmation_required")),
            Stage::Ok => (CheckoutState::Ok, None),
            Stage::Ko(reason) => (CheckoutState::Ko, Some(reason.as_str())),
        }
    }

    /// `pending/in_process`, `ok`: how the admin routes name a stage.
    pub fn label(self) -> String {
        match self.wire() {
            (status, Some(reason)) => format!("{status}/{reason}"),
            (status, None) => status.to_string(),
        }
    }
}

impl Serialize for Stage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.label())
    }
}

/// One POST of the status object to `merchant.ipn_url`: when, which status it announced, what came
/// back (`http_status`) or why nothing did (`error`), and for a confirmation the store's `decision`
/// (`ok` or `ko`) when its answer carried one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpnAttempt {
    pub at: Timestamp,
    pub status: Stage,
    pub http_status: Option<u16>,
    pub error: Option<String>,
    pub decision: Option<String>,
}

/// A checkout the store created.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checkout {
    pub id: String,
    /// The store's `order.id`.
    pub mid: String,
    /// `order.total_amount`, cents.
    pub total_amount: i64,
    /// Created with the sandbox media type.
    pub sandbox: bool,
    pub stage: Stage,
    /// Where the IPNs go; `None` when the store gave no `merchant.ipn_url`.
    pub ipn_url: Option<String>,
    /// The body as the store sent it.
    pub request: Value,
    pub created_at: Timestamp,
    pub ipns: Vec<IpnAttempt>,
    /// Bumped at every change, so a confirmation still being asked knows when the checkout moved on.
    #[serde(skip)]
    pub(crate) version: u64,
}

impl Checkout {
    /// The document's status object, as `GET checkout/{id}/status` answers it and the IPN sends it.
    pub fn status(&self) -> CheckoutStatus {
        let (status, reason) = self.stage.wire();
        CheckoutStatus {
            id: self.id.clone(),
            mid: self.mid.clone(),
            total_amount: self.total_amount,
            currency: Currency {
                code: "EUR".to_owned(),
                name: Some("Euro".to_owned()),
                numeric: Some("978".to_owned()),
            },
            status,
            status_reason: reason.map(str::to_owned),
            sandbox: self.sandbox,
        }
    }
}
