//! What can go wrong with a credit sale (aCuotaz orders) apart from the till's other errors: facts only,
//! worded for the cashier by `desk::wording`. The provider's documented refusals are told apart
//! ([`OrderRefusal`]) because each needs its own next step.

use providers::Soles;
use providers::apurata::orders::messages;
use providers::http::ApiError;
use serde::Serialize;

/// The order calls that change something at the provider; also the kinds of the orders' journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OrderAction {
    Create,
    Confirm,
    Cancel,
    TotalRefund,
    PartialRefund,
}

impl OrderAction {
    pub const ALL: [OrderAction; 5] = [
        OrderAction::Create,
        OrderAction::Confirm,
        OrderAction::Cancel,
        OrderAction::TotalRefund,
        OrderAction::PartialRefund,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderAction::Create => "create",
            OrderAction::Confirm => "confirm",
            OrderAction::Cancel => "cancel",
            OrderAction::TotalRefund => "total_refund",
            OrderAction::PartialRefund => "partial_refund",
        }
    }

    pub fn parse(text: &str) -> Option<OrderAction> {
        OrderAction::ALL
            .into_iter()
            .find(|action| action.as_str() == text)
    }

    pub fn is_refund(self) -> bool {
        matches!(self, OrderAction::TotalRefund | OrderAction::PartialRefund)
    }
}

/// Which documented refusal the provider gave, read from its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OrderRefusal {
    CannotCancelConfirmed,
    ConfirmBeforeApproved,
    ConfirmFunded,
    CannotModify,
    ClientNotRegistered,
    RefundOfCanceled,
    DisbursementFailed,
    AmountNotPositive,
    AmountAboveApproved,
    NotFound,
    Token,
    Validation,
    Other,
}

impl OrderRefusal {
    pub fn of(error: &ApiError) -> OrderRefusal {
        match error {
            ApiError::Unauthorized { .. } => return OrderRefusal::Token,
            ApiError::NotFound { .. } => return OrderRefusal::NotFound,
            _ => {}
        }
        let message = error.provider_message().unwrap_or_default();
        let message = message.trim();
        match message {
            messages::CANNOT_CANCEL_CONFIRMED => OrderRefusal::CannotCancelConfirmed,
            messages::CONFIRM_BEFORE_APPROVED => OrderRefusal::ConfirmBeforeApproved,
            messages::CONFIRM_FUNDED => OrderRefusal::ConfirmFunded,
            messages::CANNOT_MODIFY => OrderRefusal::CannotModify,
            messages::CLIENT_NOT_REGISTERED => OrderRefusal::ClientNotRegistered,
            messages::ALREADY_CANCELED_REFUND => OrderRefusal::RefundOfCanceled,
            messages::DISBURSEMENT_FAILED | messages::PARTIAL_DISBURSEMENT_FAILED => {
                OrderRefusal::DisbursementFailed
            }
            messages::AMOUNT_NOT_POSITIVE => OrderRefusal::AmountNotPositive,
            messages::AMOUNT_ABOVE_APPROVED => OrderRefusal::AmountAboveApproved,
            text if text.starts_with(messages::VALIDATION_PREFIX) => OrderRefusal::Validation,
            _ => OrderRefusal::Other,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    /// A setting credit sales need is not set (the store's client id, a redirect URL).
    #[error("credit sales are not configured: {missing} is missing")]
    NotConfigured { missing: &'static str },
    /// The amount is outside what the provider finances (`landing_config`).
    #[error("{amount} is outside {min}..{max}")]
    OutsideLimits {
        amount: Soles,
        min: Soles,
        max: Soles,
    },
    /// The limits could not be read and none are cached.
    #[error("the funding limits are unavailable: {cause}")]
    LimitsUnavailable {
        #[source]
        cause: ApiError,
    },
    #[error("no order {order_id} at this till")]
    NoSuchOrder { order_id: String },
    /// The order's creation was refused, or is still unknown: nothing else can be done with it yet.
    #[error("order {order_id} was not created")]
    NotCreated { order_id: String },
    /// Another call on this order is in flight or has an unknown outcome: one at a time per order.
    #[error("a {action:?} on order {order_id} is still open")]
    OperationOpen {
        order_id: String,
        action: OrderAction,
    },
    #[error("the provider refused the {action:?}: {cause}")]
    Refused {
        action: OrderAction,
        refusal: OrderRefusal,
        #[source]
        cause: ApiError,
    },
    #[error("the outcome of the {action:?} is unknown: {cause}")]
    OutcomeUnknown {
        action: OrderAction,
        #[source]
        cause: ApiError,
    },
    /// Only a funded order is refunded.
    #[error("order in status {status} cannot be refunded")]
    NotRefundable { status: String },
    /// A partial refund above what is left of the order (refunds already made or still open count).
    #[error("refund of {asked} above the {left} left")]
    RefundAboveLeft { asked: Soles, left: Soles },
    /// The provider already holds another order under the id this till generated.
    #[error("the order id {order_id} is taken by another order")]
    IdTaken { order_id: String },
}

/// Every code [`OrderError::code`] gives, in order.
pub const ORDER_ERROR_CODES: &[&str] = &[
    "orders_not_configured",
    "amount_outside_limits",
    "limits_unavailable",
    "no_such_order",
    "order_not_created",
    "order_operation_open",
    "order_refused",
    "order_outcome_unknown",
    "order_not_refundable",
    "refund_above_left",
    "order_id_taken",
];

impl OrderError {
    pub fn code(&self) -> &'static str {
        match self {
            OrderError::NotConfigured { .. } => "orders_not_configured",
            OrderError::OutsideLimits { .. } => "amount_outside_limits",
            OrderError::LimitsUnavailable { .. } => "limits_unavailable",
            OrderError::NoSuchOrder { .. } => "no_such_order",
            OrderError::NotCreated { .. } => "order_not_created",
            OrderError::OperationOpen { .. } => "order_operation_open",
            OrderError::Refused { .. } => "order_refused",
            OrderError::OutcomeUnknown { .. } => "order_outcome_unknown",
            OrderError::NotRefundable { .. } => "order_not_refundable",
            OrderError::RefundAboveLeft { .. } => "refund_above_left",
            OrderError::IdTaken { .. } => "order_id_taken",
        }
    }

    /// The field a cashier fixes, when the error is about one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            OrderError::OutsideLimits { .. } => Some("amount"),
            OrderError::RefundAboveLeft { .. } => Some("refund_amount"),
            _ => None,
        }
    }

    /// One of each variant, for the tests that keep the code lists complete.
    pub fn samples() -> Vec<OrderError> {
        let cause = || ApiError::Timeout { seconds: 1 };
        let id = || "T01-C1-000001".to_owned();
        let amount = Soles::from_centimos(100);
        vec![
            OrderError::NotConfigured { missing: "x" },
            OrderError::OutsideLimits {
                amount,
                min: amount,
                max: amount,
            },
            OrderError::LimitsUnavailable { cause: cause() },
            OrderError::NoSuchOrder { order_id: id() },
            OrderError::NotCreated { order_id: id() },
            OrderError::OperationOpen {
                order_id: id(),
                action: OrderAction::Cancel,
            },
            OrderError::Refused {
                action: OrderAction::Cancel,
                refusal: OrderRefusal::Other,
                cause: cause(),
            },
            OrderError::OutcomeUnknown {
                action: OrderAction::Create,
                cause: cause(),
            },
            OrderError::NotRefundable {
                status: "approved".to_owned(),
            },
            OrderError::RefundAboveLeft {
                asked: amount,
                left: amount,
            },
            OrderError::IdTaken { order_id: id() },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_in_order() {
        let codes: Vec<&str> = OrderError::samples().iter().map(OrderError::code).collect();
        assert_eq!(codes, ORDER_ERROR_CODES);
    }

    #[test]
    fn documented_refusals_are_told_apart() {
        let refused = |message: &str| {
            OrderRefusal::of(&ApiError::Refused {
                status: 400,
                message: message.to_owned(),
            })
        };
        assert_eq!(
            refused("Cannot cancel a confirmed order"),
            OrderRefusal::CannotCancelConfirmed
        );
        assert_eq!(
            refused("Cannot confirm an order before it is approved"),
            OrderRefusal::ConfirmBeforeApproved
        );
        assert_eq!(
            refused("Cannot confirm a funded order"),
            OrderRefusal::ConfirmFunded
        );
        assert_eq!(
            refused("Validation error, field amount required"),
            OrderRefusal::Validation
        );
        assert_eq!(refused("something new"), OrderRefusal::Other);
    }
}
