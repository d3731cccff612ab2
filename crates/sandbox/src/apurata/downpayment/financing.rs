//! The records the sandbox keeps: a financing as the provider holds it (with how its down payment was
//! paid), and the events of the billing log. The state changes them by its rules, the demo seed makes
//! them and the state file stores them; this module knows none of those, so each of them can use it.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use providers::apurata::downpayment::{
    DownpaymentChannel, DownpaymentStatus, FundingInfo, PaymentOrigin,
};
use providers::money::Soles;
use serde::{Deserialize, Serialize};

use crate::apurata::downpayment::validate::Document;

/// One aCuotaz financing as the provider holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Financing {
    pub funding_code: String,
    /// The store's order id, as the day summary lists it.
    pub order_id: String,
    /// The applicant's DNI: the DNI inside a person's RUC, a company's representative's.
    pub dni: String,
    pub ruc: Option<String>,
    pub purchase_total: Soles,
    pub downpayment_amount: Soles,
    pub channel: DownpaymentChannel,
    /// `None` while the down payment is pending.
    pub payment: Option<Payment>,
    /// `billed_by_ecommerce`.
    pub billed: bool,
}

/// How and when a down payment was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub origin: PaymentOrigin,
    /// Lima civil time; its date is the day whose summary lists the order.
    pub paid_at: DateTime,
}

impl Financing {
    pub fn status(&self) -> DownpaymentStatus {
        match self.payment {
            Some(_) => DownpaymentStatus::Fulfilled,
            None => DownpaymentStatus::Pending,
        }
    }

    pub fn paid_on(&self) -> Option<Date> {
        self.payment.map(|payment| payment.paid_at.date())
    }

    /// The `200` body of `info`.
    pub fn info(&self) -> FundingInfo {
        FundingInfo {
            funding_code: self.funding_code.clone(),
            purchase_total: self.purchase_total,
            billed_by_ecommerce: self.billed,
            downpayment_amount: self.downpayment_amount,
            downpayment_status: self.status(),
            downpayment_channel: self.channel,
        }
    }

    pub(crate) fn belongs_to(&self, customer: &Document) -> bool {
        match customer {
            Document::Dni(dni) => *dni == self.dni,
            Document::Ruc(ruc) => self.ruc.as_deref() == Some(ruc.as_str()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BillingKind {
    Billed,
    Unbilled,
}

/// One effective change of a code's billed flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingEvent {
    pub funding_code: String,
    pub kind: BillingKind,
    /// The real instant of the change (not the pinned day), for ordering.
    pub at: Timestamp,
}
