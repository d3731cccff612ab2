//! The customer's phone, played through the admin route `POST /__sandbox/orders/{order_id}/customer`:
//! each [`Action`] is one step the customer (or the provider's review) takes, allowed only from the
//! statuses where it makes sense.
//!
//! | action         | from                          | to                                     |
//! |----------------|-------------------------------|----------------------------------------|
//! | `open`         | `initial`                     | `created`                              |
//! | `apply`        | `created`                     | by the DNI (below)                     |
//! | `approve`      | `created`, `onhold`           | `approved`                             |
//! | `reject`       | `created`, `onhold`, `approved` | `rejected`                           |
//! | `hold`         | `created`                     | `onhold`                               |
//! | `pay-online`   | `approved`                    | `funded` (through `validated`)         |
//! | `pay-in-store` | `approved`                    | `validated`, with a funding code       |
//! | `expire`       | any but funded/rejected/canceled | `canceled`                          |
//!
//! `apply` follows the provider's test DNIs (`NOTES.md`): 14159265 is always approved, 71828182 always
//! denied, 61803398 never finishes (stays `onhold`); any other DNI is approved. The provider allows one
//! open application per customer: a DNI that already has an order `onhold`, `approved` or `validated`
//! is rejected. `apply` needs a DNI: the control's `dni`, else the order's `customer_data.dni`.
//! `approve`, `reject` and `hold` force the review's outcome whatever the DNI.

use std::fmt;

use crate::apurata::orders::order::{Order, OrderStatus};

/// The actions' names, as the admin route (and `caja sandbox customer`) take them.
pub const CUSTOMER_ACTIONS: [&str; 8] = [
    "open",
    "apply",
    "approve",
    "reject",
    "hold",
    "pay-online",
    "pay-in-store",
    "expire",
];

pub(crate) const ALWAYS_APPROVED: &str = "14159265";
pub(crate) const ALWAYS_DENIED: &str = "71828182";
pub(crate) const NEVER_FINISHES: &str = "61803398";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Open,
    Apply,
    Approve,
    Reject,
    Hold,
    PayOnline,
    PayInStore,
    Expire,
}

impl Action {
    pub(crate) const ALL: [Action; 8] = [
        Action::Open,
        Action::Apply,
        Action::Approve,
        Action::Reject,
        Action::Hold,
        Action::PayOnline,
        Action::PayInStore,
        Action::Expire,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Action::Open => "open",
            Action::Apply => "apply",
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Hold => "hold",
            Action::PayOnline => "pay-online",
            Action::PayInStore => "pay-in-store",
            Action::Expire => "expire",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Action> {
        Action::ALL
            .into_iter()
            .find(|action| action.as_str() == name.trim())
    }

    /// `open, apply, ...`, for the error that names the known actions.
    pub(crate) fn names() -> String {
        Action::ALL.map(Action::as_str).join(", ")
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where `action` takes `order`, or why it cannot. `dni` is the applicant's (for `apply`), and
/// `dni_has_open_application` says whether another order of that DNI is under way.
pub(crate) fn step(
    order: &Order,
    action: Action,
    dni: Option<&str>,
    dni_has_open_application: bool,
) -> Result<OrderStatus, String> {
    use OrderStatus as S;
    let status = order.status;
    let next = match (action, status) {
        (Action::Open, S::Initial) => S::Created,
        // A customer who applies has opened the link: from `initial` too, as on a real phone.
        (Action::Apply, S::Initial | S::Created) => {
            let Some(dni) = dni else {
                return Err(
                    "cannot apply without a DNI: send \"dni\" or create the order with customer_data.dni"
                        .to_owned(),
                );
            };
            match dni {
                _ if dni_has_open_application => S::Rejected,
                ALWAYS_APPROVED => S::Approved,
                ALWAYS_DENIED => S::Rejected,
                NEVER_FINISHES => S::Onhold,
                _ => S::Approved,
            }
        }
        (Action::Approve, S::Initial | S::Created | S::Onhold) => S::Approved,
        (Action::Reject, S::Initial | S::Created | S::Onhold | S::Approved) => S::Rejected,
        (Action::Hold, S::Initial | S::Created) => S::Onhold,
        (Action::PayOnline, S::Approved) => S::Funded,
        (Action::PayInStore, S::Approved) => S::Validated,
        (Action::Expire, status) if !status.is_final() => S::Canceled,
        _ => return Err(format!("cannot {action} an order that is {status}")),
    };
    Ok(next)
}

/// A down payment of a fifth of `amount`, in céntimos rounded half up (integer arithmetic only).
pub(crate) fn in_store_downpayment(amount_centimos: i64) -> i64 {
    (amount_centimos * 20 + 50) / 100
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(status: OrderStatus) -> Order {
        let json = serde_json::json!({
            "order_id": "1", "acuotaz_order": "65ee0a3c0123456789abcdef", "pos_client_id": "c",
            "amount": 100.0, "request": null, "created_at": "2026-03-10T15:00:00Z",
            "expires_at": "2026-03-11T04:00:00Z", "status": status, "confirmed": false,
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn apply_follows_the_test_dnis() {
        let created = at(OrderStatus::Created);
        let apply = |dni, open| step(&created, Action::Apply, Some(dni), open);
        assert_eq!(apply(ALWAYS_APPROVED, false), Ok(OrderStatus::Approved));
        assert_eq!(apply(ALWAYS_DENIED, false), Ok(OrderStatus::Rejected));
        assert_eq!(apply(NEVER_FINISHES, false), Ok(OrderStatus::Onhold));
        assert_eq!(apply("44444444", false), Ok(OrderStatus::Approved));
        assert_eq!(apply(ALWAYS_APPROVED, true), Ok(OrderStatus::Rejected));
        assert!(step(&created, Action::Apply, None, false).is_err());
    }

    #[test]
    fn a_step_from_the_wrong_status_names_both() {
        let funded = at(OrderStatus::Funded);
        assert_eq!(
            step(&funded, Action::Expire, None, false),
            Err("cannot expire an order that is funded".to_owned())
        );
        assert_eq!(Action::from_name("pay-in-store"), Some(Action::PayInStore));
        assert_eq!(Action::from_name("pay"), None);
        assert_eq!(Action::ALL.map(Action::as_str), CUSTOMER_ACTIONS);
    }

    #[test]
    fn the_down_payment_is_a_fifth_rounded_to_the_centimo() {
        assert_eq!(in_store_downpayment(12_330), 2_466);
        assert_eq!(in_store_downpayment(103), 21);
        assert_eq!(in_store_downpayment(102), 20);
    }
}
