//! One attempt at a journaled call on an order, first or retried: the request it sends (the creation's
//! journaled bytes, a refund's one token), how the answer finishes the row, and what it changes in the
//! order. The first attempt returns the cashier's error; a retry by the outbox only records.

use jiff::Timestamp;
use providers::apurata::orders::{
    CreateBody, CreateStatus, OrderStatus, PartialRefund, RefundDone, TotalRefund, UniqueToken,
};
use providers::http::ApiError;

use super::model::{CreditOrder, OrderOperation};
use super::store::{self, CallOutcome};
use super::{OrdersLink, rows};
use crate::error::{OrderAction, OrderError, OrderRefusal, TillError};
use crate::operation::OperationState;
use crate::operations::Till;

/// What a call achieved at the provider.
enum Achieved {
    Created { redirect_to: String },
    Confirmed,
    Canceled,
    Refunded(RefundDone),
}

/// Why a call did not succeed: the provider's answer, or an id that belongs to another order.
enum Failure {
    Api(ApiError),
    IdTaken,
}

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Self {
        Failure::Api(error)
    }
}

impl Till {
    /// Sends `operation` (journaled, leased) once and records its outcome. With `first`, a failure is
    /// returned as the cashier's error; otherwise the order is returned as it now stands.
    pub(super) async fn attempt(
        &self,
        order: &CreditOrder,
        operation: OrderOperation,
        first: bool,
    ) -> Result<CreditOrder, TillError> {
        let link = self.orders_link()?.clone();
        let body = match operation.action {
            OrderAction::Create => {
                let row = order.row;
                let text = self.in_db(move |db| rows::request_body(db, row)).await?;
                Some(CreateBody::from_journal(text))
            }
            _ => None,
        };
        let result = self
            .send_call(&link, order, &operation, body.as_ref(), first)
            .await;
        let (outcome, learned, error) = match result {
            Ok(achieved) => {
                let (outcome, learned) = success(order, achieved);
                (outcome, learned, None)
            }
            Err(Failure::IdTaken) => {
                let outcome = CallOutcome {
                    state: Some(OperationState::Rejected),
                    reason: Some("order id taken by another order".to_owned()),
                    ..CallOutcome::default()
                };
                let error = OrderError::IdTaken {
                    order_id: order.order_id.to_string(),
                };
                (outcome, None, Some(error))
            }
            Err(Failure::Api(error)) => {
                // Rejected with the provider's words, or unknown with the outbox's back-off: the same
                // rule as the down payment's journal.
                let failed = self.outcome_of(&error, operation.attempts);
                let outcome = CallOutcome {
                    state: Some(failed.state),
                    reason: failed.reason,
                    http_status: failed.http_status,
                    next_attempt_ms: failed.next_attempt_ms,
                    ..CallOutcome::default()
                };
                let action = operation.action;
                let error = if error.is_refusal() {
                    OrderError::Refused {
                        action,
                        refusal: OrderRefusal::of(&error),
                        cause: error,
                    }
                } else {
                    OrderError::OutcomeUnknown {
                        action,
                        cause: error,
                    }
                };
                (outcome, None, Some(error))
            }
        };
        let (row, call_id) = (order.row, operation.id);
        self.in_db(move |db| {
            store::finish_call(db, call_id, &outcome)?;
            if let Some((status, confirmed, redirect_to)) = learned {
                let next_poll = Some(Timestamp::now().as_millisecond());
                store::record_status(
                    db,
                    row,
                    Some((&status, confirmed, redirect_to.as_deref())),
                    next_poll,
                )?;
            }
            Ok::<_, TillError>(())
        })
        .await?;
        tracing::info!(
            order_id = order.order_id.as_str(),
            action = operation.action.as_str(),
            ok = error.is_none(),
            "order call finished"
        );
        match error {
            Some(error) if first => Err(error.into()),
            _ => self.credit_order(&order.order_id).await,
        }
    }

    async fn send_call(
        &self,
        link: &OrdersLink,
        order: &CreditOrder,
        operation: &OrderOperation,
        body: Option<&CreateBody>,
        first: bool,
    ) -> Result<Achieved, Failure> {
        let api = &link.api;
        let id = &order.order_id;
        match operation.action {
            OrderAction::Create => {
                let Some(body) = body else {
                    return Err(Failure::Api(ApiError::InvalidUrl {
                        detail: "a creation without its journaled body".to_owned(),
                    }));
                };
                let created = api.create(body).await?;
                if created.status == CreateStatus::AlreadyCreated {
                    // Ours if a lost answer made us send it twice; another order's if the id was used
                    // before (a reinstalled till): the order the provider holds must be this one.
                    let held = api.order(id).await?;
                    if held.amount != order.amount {
                        return Err(Failure::IdTaken);
                    }
                }
                Ok(Achieved::Created {
                    redirect_to: created.redirect_to,
                })
            }
            OrderAction::Confirm => {
                // A retry reads first: a confirm that took effect is not sent again.
                if !first && api.order(id).await?.confirmed {
                    return Ok(Achieved::Confirmed);
                }
                api.confirm(id).await?;
                Ok(Achieved::Confirmed)
            }
            OrderAction::Cancel => {
                api.cancel(id).await?;
                Ok(Achieved::Canceled)
            }
            OrderAction::TotalRefund | OrderAction::PartialRefund => {
                let token = UniqueToken::parse(&operation.idempotency_key).map_err(|_| {
                    ApiError::InvalidUrl {
                        detail: "the refund's token is not usable".to_owned(),
                    }
                })?;
                let author = operation.operator.clone().unwrap_or_else(|| {
                    format!("Caja {}-{}", link.setup.store_code, link.setup.till_code)
                });
                let reason = operation.refund_reason.clone().unwrap_or_default();
                let done = if operation.action == OrderAction::TotalRefund {
                    let refund = TotalRefund { author, reason };
                    api.total_refund(id, &refund, &token).await?
                } else {
                    let refund = PartialRefund {
                        amount: operation.amount.unwrap_or_default(),
                        author,
                        reason,
                    };
                    api.partial_refund(id, &refund, &token).await?
                };
                Ok(Achieved::Refunded(done))
            }
        }
    }
}

/// The outcome of a successful call, and what it tells of the order (status, confirmed, link).
fn success(
    order: &CreditOrder,
    achieved: Achieved,
) -> (CallOutcome, Option<(OrderStatus, bool, Option<String>)>) {
    let confirmed = CallOutcome {
        state: Some(OperationState::Confirmed),
        http_status: Some(200),
        ..CallOutcome::default()
    };
    match achieved {
        Achieved::Created { redirect_to } => (
            confirmed,
            Some((order.status.clone(), order.confirmed, Some(redirect_to))),
        ),
        Achieved::Confirmed => (confirmed, Some((order.status.clone(), true, None))),
        Achieved::Canceled => (
            confirmed,
            Some((OrderStatus::Canceled, order.confirmed, None)),
        ),
        Achieved::Refunded(done) => (
            CallOutcome {
                refund_method: Some(done.refund_method),
                tracking_id: Some(done.tracking_id),
                answer_status: Some(done.status),
                ..confirmed
            },
            None,
        ),
    }
}
