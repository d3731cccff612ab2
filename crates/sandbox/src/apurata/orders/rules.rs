//! What the store's calls do to one order, as the document and `NOTES.md` say, and where they are
//! silent, as the sandbox decides (each rule is written where it applies):
//!
//! - Expiry: at the earlier of `expiration_ts` and [`CUT_OFF`] after creation, an order that is not
//!   funded, rejected or canceled becomes `canceled` (expiry arrives as a cancellation). It is worked
//!   out lazily, whenever the orders are read or changed (`state::settle`).
//! - `confirm`: `approved` or `validated` orders become confirmed (again: still one modified order);
//!   `funded` is "Cannot confirm a funded order"; every other status is "Cannot confirm an order
//!   before it is approved".
//! - `cancel`: an order already canceled answers "It is already canceled"; a confirmed or funded one is
//!   "Cannot cancel a confirmed order"; any other becomes `canceled`.
//! - Refunds: the `X-Unique-Token` is the idempotency key. A token seen before on this order replays
//!   the first answer and refunds nothing more; the same token with another request is a validation
//!   error. Only answered successes are kept under their token, so a refused request may be retried
//!   with its token once the refusal no longer applies. A partial amount of zero or less is "Amount
//!   must be greater than 0"; a canceled order is "Already canceled"; an order not funded cannot be
//!   disbursed; a partial amount above what is left (the amount less the refunds so far) is "Amount
//!   must be less than the approved amount". A total refund refunds what is left (`success`), or
//!   nothing once all is refunded (`already_refunded`); a partial one answers `decreased_debt`, or
//!   `success` when it refunds all that was left. Money is integer céntimos throughout.

use jiff::{SignedDuration, Timestamp};
use providers::apurata::orders::messages;
use providers::money::Soles;

use crate::apurata::orders::order::{Order, OrderStatus, Refund, RefundKind};
use crate::apurata::orders::validate::{RefundRequest, UNIQUE_TOKEN};

/// The provider's own cut-off: an order lives at most this long after its creation.
pub(crate) const CUT_OFF: SignedDuration = SignedDuration::from_hours(13);

/// When an order created at `created` expires.
pub(crate) fn expires_at(created: Timestamp, expiration_ts: Option<Timestamp>) -> Timestamp {
    let cut_off = created.checked_add(CUT_OFF).unwrap_or(Timestamp::MAX);
    expiration_ts.map_or(cut_off, |asked| asked.min(cut_off))
}

pub(crate) fn has_expired(order: &Order, now: Timestamp) -> bool {
    !order.status.is_final() && now >= order.expires_at
}

pub(crate) fn confirm(order: &mut Order) -> Result<(), &'static str> {
    match order.status {
        OrderStatus::Approved | OrderStatus::Validated => {
            order.confirmed = true;
            Ok(())
        }
        OrderStatus::Funded => Err(messages::CONFIRM_FUNDED),
        OrderStatus::Initial
        | OrderStatus::Created
        | OrderStatus::Onhold
        | OrderStatus::Rejected
        | OrderStatus::Canceled => Err(messages::CONFIRM_BEFORE_APPROVED),
    }
}

/// What a `cancel` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cancel {
    Canceled,
    AlreadyCanceled,
}

pub(crate) fn cancel(order: &mut Order) -> Result<Cancel, &'static str> {
    if order.status == OrderStatus::Canceled {
        return Ok(Cancel::AlreadyCanceled);
    }
    if order.confirmed || order.status == OrderStatus::Funded {
        return Err(messages::CANNOT_CANCEL_CONFIRMED);
    }
    order.status = OrderStatus::Canceled;
    Ok(Cancel::Canceled)
}

/// A refund under `token`: the answer to give (replayed for a token seen before), or the refusal's
/// message.
pub(crate) fn refund(
    order: &mut Order,
    token: &str,
    request: RefundRequest,
    now: Timestamp,
) -> Result<Refund, String> {
    if let Some(done) = order.refunds.get(token) {
        if done.kind == request.kind && done.request == request.request {
            return Ok(done.clone());
        }
        return Err(format!(
            "Validation error, field {UNIQUE_TOKEN} already used for another refund"
        ));
    }
    if request.amount.is_some_and(|amount| amount <= Soles::ZERO) {
        return Err(messages::AMOUNT_NOT_POSITIVE.to_owned());
    }
    if order.status == OrderStatus::Canceled {
        return Err(messages::ALREADY_CANCELED_REFUND.to_owned());
    }
    if order.status != OrderStatus::Funded {
        let message = match request.kind {
            RefundKind::Total => messages::DISBURSEMENT_FAILED,
            RefundKind::Partial => messages::PARTIAL_DISBURSEMENT_FAILED,
        };
        return Err(message.to_owned());
    }
    let left = order.refundable();
    let (refunded, status) = match request.amount {
        None if left == Soles::ZERO => (Soles::ZERO, "already_refunded"),
        None => (left, "success"),
        Some(amount) if amount > left => {
            return Err(messages::AMOUNT_ABOVE_APPROVED.to_owned());
        }
        Some(amount) if amount == left => (amount, "success"),
        Some(amount) => (amount, "decreased_debt"),
    };
    order.refunded = order
        .refunded
        .checked_add(refunded)
        .ok_or_else(|| messages::DISBURSEMENT_FAILED.to_owned())?;
    let done = Refund {
        kind: request.kind,
        request: request.request,
        refunded,
        refund_method: if order.paid_online {
            "card"
        } else {
            "transfer"
        }
        .to_owned(),
        tracking_id: tracking_id(order),
        status: status.to_owned(),
        at: now,
    };
    order.refunds.insert(token.to_owned(), done.clone());
    Ok(done)
}

/// `RF-` and the order's ObjectId tail, then the refund's number on it: unique, and auditable.
fn tracking_id(order: &Order) -> String {
    let tail = order
        .acuotaz_order
        .get(order.acuotaz_order.len().saturating_sub(8)..)
        .unwrap_or_default();
    format!("RF-{tail}-{:03}", order.refunds.len() + 1)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::{Value, json};

    use super::*;

    fn order(status: OrderStatus) -> Order {
        let created: Timestamp = "2026-03-10T15:00:00Z".parse().unwrap();
        Order {
            order_id: "001".into(),
            acuotaz_order: "65ee0a3c0123456789abcdef".into(),
            pos_client_id: "caja-demo".into(),
            amount: Soles::from_centimos(100_000),
            request: Value::Null,
            created_at: created,
            expires_at: expires_at(created, None),
            status,
            confirmed: false,
            applicant_dni: None,
            funding_code: None,
            paid_online: true,
            refunded: Soles::ZERO,
            refunds: BTreeMap::new(),
        }
    }

    fn partial(centimos: i64) -> RefundRequest {
        RefundRequest {
            kind: RefundKind::Partial,
            amount: Some(Soles::from_centimos(centimos)),
            request: json!({"amount": centimos, "author": "a", "reason": "r"}),
        }
    }

    #[test]
    fn expiry_is_the_earlier_of_the_request_and_the_cut_off() {
        let created: Timestamp = "2026-03-10T15:00:00Z".parse().unwrap();
        let soon: Timestamp = "2026-03-10T16:00:00Z".parse().unwrap();
        let late: Timestamp = "2026-03-12T16:00:00Z".parse().unwrap();
        assert_eq!(expires_at(created, Some(soon)), soon);
        assert_eq!(expires_at(created, Some(late)), created + CUT_OFF);
        let mut order = order(OrderStatus::Approved);
        assert!(!has_expired(
            &order,
            created + SignedDuration::from_hours(12)
        ));
        assert!(has_expired(&order, created + CUT_OFF));
        order.status = OrderStatus::Funded;
        assert!(!has_expired(&order, created + CUT_OFF));
    }

    #[test]
    fn partial_refunds_add_up_and_stop_at_the_amount() {
        let mut order = order(OrderStatus::Funded);
        let now = order.created_at;
        let first = refund(&mut order, "token-0001", partial(40_000), now).unwrap();
        assert_eq!(first.status, "decreased_debt");
        assert_eq!(
            refund(&mut order, "token-0002", partial(60_001), now).unwrap_err(),
            messages::AMOUNT_ABOVE_APPROVED
        );
        let last = refund(&mut order, "token-0003", partial(60_000), now).unwrap();
        assert_eq!(last.status, "success");
        assert_eq!(order.refunded, order.amount);
        assert_eq!(
            refund(&mut order, "token-0001", partial(40_000), now).unwrap(),
            first
        );
        assert_eq!(order.refunded, order.amount, "a replay refunds nothing");
    }

    #[test]
    fn confirm_and_cancel_follow_the_status() {
        assert_eq!(
            confirm(&mut order(OrderStatus::Created)),
            Err(messages::CONFIRM_BEFORE_APPROVED)
        );
        assert_eq!(
            confirm(&mut order(OrderStatus::Funded)),
            Err(messages::CONFIRM_FUNDED)
        );
        let mut approved = order(OrderStatus::Approved);
        confirm(&mut approved).unwrap();
        assert_eq!(
            cancel(&mut approved),
            Err(messages::CANNOT_CANCEL_CONFIRMED)
        );
        let mut rejected = order(OrderStatus::Rejected);
        assert_eq!(cancel(&mut rejected), Ok(Cancel::Canceled));
        assert_eq!(cancel(&mut rejected), Ok(Cancel::AlreadyCanceled));
    }
}
