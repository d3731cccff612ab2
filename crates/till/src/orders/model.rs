//! What the till keeps of a credit sale (aCuotaz order) and of each call made on it, as read back from
//! its tables: [`CreditOrder`] and [`OrderOperation`].

use jiff::Timestamp;
use jiff::civil::Date;
use providers::Soles;
use providers::apurata::orders::{OrderId, OrderStatus};
use serde::Serialize;

use crate::error::OrderAction;
use crate::mode::Mode;
use crate::operation::OperationState;

/// One credit sale started at this till.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreditOrder {
    /// The row's id in this till's database.
    pub row: i64,
    pub order_id: OrderId,
    pub mode: Mode,
    pub amount: Soles,
    pub description: String,
    pub dni: String,
    pub customer_name: String,
    pub phone: String,
    pub send_sms: bool,
    pub expires_at: Timestamp,
    /// The link the customer opens (the QR), once the provider gave it.
    pub redirect_to: Option<String>,
    /// The last status the provider gave (`initial` until it says otherwise).
    pub status: OrderStatus,
    pub confirmed: bool,
    pub status_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub lima_day: Date,
    pub operator: Option<String>,
    pub shift_id: Option<i64>,
    /// Every call made on the order, oldest first; the first is its creation.
    pub operations: Vec<OrderOperation>,
}

impl CreditOrder {
    /// The creation, as journaled.
    pub fn creation(&self) -> Option<&OrderOperation> {
        self.operations
            .iter()
            .find(|operation| operation.action == OrderAction::Create)
    }

    /// The provider holds the order: its creation was confirmed.
    pub fn is_created(&self) -> bool {
        self.creation()
            .is_some_and(|operation| operation.state == OperationState::Confirmed)
    }

    /// The call still in flight or with an unknown outcome, if any (one at a time per order).
    pub fn open_operation(&self) -> Option<&OrderOperation> {
        self.operations.iter().find(|operation| operation.is_open())
    }

    /// Still followed: created (or being created) and not in a final status.
    pub fn is_open(&self) -> bool {
        let creation_open = self.creation().is_some_and(OrderOperation::is_open);
        creation_open || (self.is_created() && !self.status.is_final())
    }

    /// The product may be handed over: the provider says the order is funded.
    pub fn handover_allowed(&self) -> bool {
        self.is_created() && self.status.allows_handover()
    }

    /// Refunds confirmed so far.
    pub fn refunded(&self) -> Soles {
        self.sum_refunds(|state| state == OperationState::Confirmed)
    }

    /// What can still be refunded: the amount less every refund confirmed or still open (an open one
    /// may have been paid).
    pub fn refundable(&self) -> Soles {
        let taken = self.sum_refunds(|state| state != OperationState::Rejected);
        self.amount
            .checked_sub(taken)
            .unwrap_or(Soles::ZERO)
            .max(Soles::ZERO)
    }

    fn sum_refunds(&self, counts: impl Fn(OperationState) -> bool) -> Soles {
        Soles::sum(
            self.operations
                .iter()
                .filter(|operation| operation.action.is_refund() && counts(operation.state))
                .filter_map(|operation| operation.amount),
        )
        .unwrap_or(Soles::ZERO)
    }
}

/// One call on an order, journaled before it left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderOperation {
    pub id: i64,
    /// The request's idempotency key; for a refund, the `X-Unique-Token` sent on every attempt.
    pub idempotency_key: String,
    pub action: OrderAction,
    pub state: OperationState,
    /// The provider's words for a refusal, or what went wrong for an unknown outcome.
    pub reason: Option<String>,
    pub http_status: Option<u16>,
    /// A refund's amount (for a total refund, what was left when it was asked).
    pub amount: Option<Soles>,
    pub refund_reason: Option<String>,
    pub refund_method: Option<String>,
    pub tracking_id: Option<String>,
    /// The provider's `status` in a refund's answer (`success`, `already_refunded`, `decreased_debt`).
    pub answer_status: Option<String>,
    pub operator: Option<String>,
    pub approver: Option<String>,
    pub approval_reason: Option<String>,
    pub attempts: u32,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
}

impl OrderOperation {
    pub fn is_open(&self) -> bool {
        matches!(
            self.state,
            OperationState::Pending | OperationState::Unknown
        )
    }
}

/// The funding limits, with when they were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Limits {
    pub min_amount: Soles,
    pub max_amount: Soles,
    pub min_steps: u32,
    pub max_steps: u32,
    pub fetched_at: Timestamp,
    /// The provider could not be asked: this is the copy read at `fetched_at`.
    pub from_cache: bool,
}

/// What the cashier typed to start a credit sale, already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCreditOrder {
    pub amount: Soles,
    pub description: String,
    pub dni: providers::apurata::downpayment::Dni,
    pub name: providers::apurata::orders::CustomerName,
    pub phone: providers::apurata::orders::MobilePhone,
    pub send_sms: bool,
}

/// A refund asked by the cashier: `amount` none for a total refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundAsk {
    pub amount: Option<Soles>,
    pub reason: String,
}
