//! What can go wrong with an Aplazame POS checkout apart from the till's other errors: facts only,
//! worded for the cashier by `desk::wording`. Aplazame's own answers travel in the [`ApiError`] they
//! came in; a cart's problem is the cart's own typed error.

use providers::aplazame::CartError;
use providers::http::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum AplazameError {
    /// Aplazame is not set up on this till ([`crate::Till::with_aplazame`]).
    #[error("Aplazame checkouts are not configured")]
    NotConfigured,
    #[error("no Aplazame checkout {order_id} at this till")]
    NoSuchCheckout { order_id: String },
    /// The cart cannot be financed as typed (its lines numbered from 1); nothing was sent.
    #[error("the cart: {0}")]
    Cart(#[from] CartError),
    /// A cart line's field as typed cannot be read (line numbered from 1, field named); nothing was sent.
    #[error("line {line}: invalid {field}")]
    InvalidLine {
        line: usize,
        field: &'static str,
        value: String,
    },
    /// A customer field Aplazame would not take (named), caught before anything was sent.
    #[error("invalid checkout field {field}")]
    InvalidField { field: &'static str, value: String },
    /// Aplazame answered `403` with no body: it does not finance this order. Nothing was created; the
    /// cashier offers another tender.
    #[error("Aplazame does not finance checkout {order_id}")]
    NotFinanced { order_id: String },
    /// Aplazame answered and refused (a `4xx` with its error): nothing was created.
    #[error("Aplazame refused the {call}: {cause}")]
    Refused {
        call: &'static str,
        #[source]
        cause: ApiError,
    },
    /// Aplazame could not be reached or its answer was lost or unreadable. For a create, the checkout
    /// may exist: it is never sent again (an IPN naming our order id or a supervisor settles it).
    #[error("the outcome of the {call} is unknown: {cause}")]
    OutcomeUnknown {
        call: &'static str,
        #[source]
        cause: ApiError,
    },
    /// The checkout has no Aplazame id (not financed, refused, unknown, abandoned).
    #[error("checkout {order_id} was not created at Aplazame ({state})")]
    NotCreated { order_id: String, state: String },
    /// Only a create whose outcome is unknown is resolved by a supervisor.
    #[error("checkout {order_id} is {state}, not unknown")]
    NotUnknown { order_id: String, state: String },
    /// The checkout id given (or an IPN's) is another order at Aplazame (its `mid`).
    #[error("checkout {checkout_id} is Aplazame's order {mid}, not {order_id}")]
    NotOurs {
        order_id: String,
        checkout_id: String,
        mid: String,
    },
    /// Aplazame's answer says something else than what the till sent (the fields named: `sandbox`,
    /// `total_amount`, `currency`, `mid`): an alert, never a sale.
    #[error("checkout {order_id}: Aplazame's answer differs on {fields:?}")]
    Mismatch {
        order_id: String,
        fields: Vec<String>,
    },
    /// The store decides only on a checkout `pending`/`confirmation_required`.
    #[error("checkout {order_id} awaits no decision ({status}/{reason})")]
    NoDecisionPending {
        order_id: String,
        status: String,
        reason: String,
    },
    /// The store already decided (`ok` or `ko`).
    #[error("checkout {order_id} was already decided: {decision}")]
    AlreadyDecided { order_id: String, decision: String },
}

/// Every code [`AplazameError::code`] gives, in order.
pub const APLAZAME_ERROR_CODES: &[&str] = &[
    "aplazame_not_configured",
    "no_such_checkout",
    "invalid_cart",
    "invalid_checkout_line",
    "invalid_checkout_field",
    "checkout_not_financed",
    "checkout_refused",
    "checkout_outcome_unknown",
    "checkout_not_created",
    "checkout_not_unknown",
    "checkout_not_ours",
    "checkout_mismatch",
    "checkout_no_decision_pending",
    "checkout_already_decided",
];

impl AplazameError {
    pub fn code(&self) -> &'static str {
        match self {
            AplazameError::NotConfigured => "aplazame_not_configured",
            AplazameError::NoSuchCheckout { .. } => "no_such_checkout",
            AplazameError::Cart(_) => "invalid_cart",
            AplazameError::InvalidLine { .. } => "invalid_checkout_line",
            AplazameError::InvalidField { .. } => "invalid_checkout_field",
            AplazameError::NotFinanced { .. } => "checkout_not_financed",
            AplazameError::Refused { .. } => "checkout_refused",
            AplazameError::OutcomeUnknown { .. } => "checkout_outcome_unknown",
            AplazameError::NotCreated { .. } => "checkout_not_created",
            AplazameError::NotUnknown { .. } => "checkout_not_unknown",
            AplazameError::NotOurs { .. } => "checkout_not_ours",
            AplazameError::Mismatch { .. } => "checkout_mismatch",
            AplazameError::NoDecisionPending { .. } => "checkout_no_decision_pending",
            AplazameError::AlreadyDecided { .. } => "checkout_already_decided",
        }
    }

    /// The field a cashier fixes, when the error is about one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AplazameError::InvalidField { field, .. } => Some(field),
            AplazameError::Cart(_) => Some("items"),
            AplazameError::InvalidLine { field, .. } => Some(field),
            AplazameError::NotOurs { .. } => Some("checkout_id"),
            _ => None,
        }
    }

    /// Refused here before anything was sent: the person can fix it and try again.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            AplazameError::NotConfigured
                | AplazameError::NoSuchCheckout { .. }
                | AplazameError::Cart(_)
                | AplazameError::InvalidLine { .. }
                | AplazameError::InvalidField { .. }
                | AplazameError::NotCreated { .. }
                | AplazameError::NotUnknown { .. }
                | AplazameError::NoDecisionPending { .. }
                | AplazameError::AlreadyDecided { .. }
        )
    }

    /// One of each variant, for the tests that keep the code lists complete.
    pub fn samples() -> Vec<AplazameError> {
        let cause = || ApiError::Timeout { seconds: 1 };
        let id = || "T01-C1-A000001".to_owned();
        vec![
            AplazameError::NotConfigured,
            AplazameError::NoSuchCheckout { order_id: id() },
            AplazameError::Cart(CartError::Empty),
            AplazameError::InvalidLine {
                line: 1,
                field: "quantity",
                value: "x".to_owned(),
            },
            AplazameError::InvalidField {
                field: "email",
                value: "x".to_owned(),
            },
            AplazameError::NotFinanced { order_id: id() },
            AplazameError::Refused {
                call: "create",
                cause: cause(),
            },
            AplazameError::OutcomeUnknown {
                call: "create",
                cause: cause(),
            },
            AplazameError::NotCreated {
                order_id: id(),
                state: "unknown".to_owned(),
            },
            AplazameError::NotUnknown {
                order_id: id(),
                state: "created".to_owned(),
            },
            AplazameError::NotOurs {
                order_id: id(),
                checkout_id: "ch".to_owned(),
                mid: "other".to_owned(),
            },
            AplazameError::Mismatch {
                order_id: id(),
                fields: vec!["sandbox".to_owned()],
            },
            AplazameError::NoDecisionPending {
                order_id: id(),
                status: "pending".to_owned(),
                reason: "in_process".to_owned(),
            },
            AplazameError::AlreadyDecided {
                order_id: id(),
                decision: "ok".to_owned(),
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_in_order() {
        let codes: Vec<&str> = AplazameError::samples()
            .iter()
            .map(AplazameError::code)
            .collect();
        assert_eq!(codes, APLAZAME_ERROR_CODES);
    }
}
