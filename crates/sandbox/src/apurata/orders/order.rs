//! The records the sandbox keeps for the orders API: an order as the provider holds it, its status,
//! and the refunds made on it, each under the `X-Unique-Token` that asked for it. The rules change
//! them (`rules`, `customer`), the state keeps them (`state`) and the state file stores them; this
//! module knows none of those.
//!
//! The create request is kept as it was received (`request`): a second create with the same id is
//! compared with it, and `GET pos/order/{id}` answers its URLs, description and customer data from it.

use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;
use providers::money::Soles;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The statuses of the document's "Order statuses", as `GET pos/order/{id}` writes them. The sandbox
/// keeps its own closed list (the provider's client reads any text; the simulator only ever writes
/// these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrderStatus {
    /// Created by the store; the customer has not opened the link yet.
    Initial,
    /// The customer opened the link: the application started.
    Created,
    /// The application waits for the provider's review.
    Onhold,
    /// The credit is approved; the down payment is still to be paid.
    Approved,
    /// The down payment is settled or chosen to be paid in the store.
    Validated,
    /// The loan is disbursed: the product may be handed over.
    Funded,
    Rejected,
    /// Canceled by the store, or expired (expiry arrives as a cancellation).
    Canceled,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Initial => "initial",
            OrderStatus::Created => "created",
            OrderStatus::Onhold => "onhold",
            OrderStatus::Approved => "approved",
            OrderStatus::Validated => "validated",
            OrderStatus::Funded => "funded",
            OrderStatus::Rejected => "rejected",
            OrderStatus::Canceled => "canceled",
        }
    }

    /// Nothing more happens to the order by itself: funded, rejected or canceled.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::Funded | OrderStatus::Rejected | OrderStatus::Canceled
        )
    }

    /// An application under way for its customer: the provider allows one per customer at a time.
    pub fn is_open_application(self) -> bool {
        matches!(
            self,
            OrderStatus::Onhold | OrderStatus::Approved | OrderStatus::Validated
        )
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One aCuotaz order as the provider holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// The store's id, unique per store.
    pub order_id: String,
    /// The provider's own id (a 24-hex ObjectId), in `redirect_to` and the magic link.
    pub acuotaz_order: String,
    pub pos_client_id: String,
    pub amount: Soles,
    /// The create request's JSON as received.
    pub request: Value,
    pub created_at: Timestamp,
    /// The earlier of `expiration_ts` and the provider's cut-off after creation.
    pub expires_at: Timestamp,
    pub status: OrderStatus,
    pub confirmed: bool,
    /// The DNI the customer applied with (the control's `dni`, else `customer_data.dni`).
    #[serde(default)]
    pub applicant_dni: Option<String>,
    /// The financing of a down payment chosen to be paid in the store.
    #[serde(default)]
    pub funding_code: Option<String>,
    /// Whether the down payment was paid online (refunds go back to the card then).
    #[serde(default)]
    pub paid_online: bool,
    /// The sum of every refund made so far.
    #[serde(default)]
    pub refunded: Soles,
    /// Every refund made, by its `X-Unique-Token`.
    #[serde(default)]
    pub refunds: BTreeMap<String, Refund>,
}

impl Order {
    /// What is left to refund: the amount less what was refunded.
    pub fn refundable(&self) -> Soles {
        self.amount
            .checked_sub(self.refunded)
            .unwrap_or(Soles::ZERO)
    }

    /// `customer_data.dni` of the create request, when it sent one.
    pub fn requested_dni(&self) -> Option<&str> {
        self.request
            .get("customer_data")?
            .get("dni")?
            .as_str()
            .map(str::trim)
            .filter(|dni| !dni.is_empty())
    }

    /// The customer's DNI: the one applied with, else the store's.
    pub fn dni(&self) -> Option<&str> {
        self.applicant_dni
            .as_deref()
            .or_else(|| self.requested_dni())
    }

    /// A text field of the create request, if it was sent as text.
    pub(crate) fn requested_text(&self, field: &str) -> Option<&str> {
        self.request.get(field)?.as_str()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefundKind {
    Total,
    Partial,
}

/// One refund request that was answered with success, kept so the same token gets the same answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub kind: RefundKind,
    /// `author`, `reason` (and `amount`) as received: the same token with another body is refused.
    pub request: Value,
    /// What this request refunded (zero for an `already_refunded`).
    pub refunded: Soles,
    /// The answer's fields, as sent.
    pub refund_method: String,
    pub tracking_id: String,
    pub status: String,
    pub at: Timestamp,
}
