//! Credit sales with the aCuotaz orders API, as the till runs them: check the amount against the funding
//! limits, create the order (its exact body journaled before it leaves, sent byte for byte on every
//! retry), follow its status, confirm or cancel it, and refund it with one `X-Unique-Token` per refund
//! that every retry reuses, after a crash too.
//!
//! Orders have a journal of their own (`order_operation`) beside the down payment's, sealed into the same
//! audit chain; the outbox resolves their unknown outcomes ([`follow`]) the way each call allows: a
//! creation or a refund is sent again unchanged (the provider answers `already_created` /
//! `already_refunded`, or replays the token), a cancel is idempotent, a confirm is read back first.

mod calls;
mod follow;
mod limits;
mod model;
mod rows;
mod store;

pub(crate) use crate::order_setup::OrdersLink;
pub use crate::order_setup::{DEFAULT_EXPIRY_MINUTES, OrdersSettings, OrdersSetup, StoreUrls};
pub use model::{CreditOrder, Limits, NewCreditOrder, OrderOperation, RefundAsk};

use jiff::Timestamp;
use jiff::civil::Date;
use providers::apurata::orders::{
    CreateBody, CreateOrder, CustomerData, ExpirationTs, OrderId, OrderStatus,
};

use crate::error::{InputProblem, OrderAction, OrderError, TillError};
use crate::operations::Till;
use crate::people::{self, Approval};
use store::{NewCall, NewOrderRow};

const DESCRIPTION_CHARS: std::ops::RangeInclusive<usize> = 3..=200;

impl Till {
    /// Credit sales are set up on this till ([`Till::with_orders`]).
    pub fn has_orders(&self) -> bool {
        self.orders.is_some()
    }

    pub(crate) fn orders_link(&self) -> Result<&OrdersLink, TillError> {
        // Every call to the provider asks for its link: refused first where the country does not offer it.
        self.ensure_offered(crate::offers::Provider::Acuotaz)?;
        self.orders.as_ref().ok_or_else(|| {
            OrderError::NotConfigured {
                missing: "pos_client_id",
            }
            .into()
        })
    }

    /// Starts a credit sale: the amount checked against the limits, the order and its exact body
    /// journaled, then sent. Returns the order as it stands (with its `redirect_to` once created).
    pub async fn create_order(&self, new: NewCreditOrder) -> Result<CreditOrder, TillError> {
        self.ensure_settings_confirmed()?;
        let link = self.orders_link()?.clone();
        let operator = self.require_operator().await?;
        let description = new
            .description
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !DESCRIPTION_CHARS.contains(&description.chars().count()) {
            return Err(TillError::invalid(
                "description",
                &description,
                InputProblem::OrderDescription,
            ));
        }
        self.check_order_amount(new.amount).await?;
        let expires_at = Timestamp::now()
            .checked_add(link.setup.expiry)
            .unwrap_or_else(|_| Timestamp::now());
        let (mode, lease_ms) = (self.mode(), self.lease_ms());
        let setup = link.setup.clone();
        let operator_name = operator.map(|person| person.name);
        let (_, order_id) = self
            .in_db(move |db| {
                let row = NewOrderRow {
                    mode,
                    amount: new.amount,
                    description: &description,
                    dni: new.dni.as_str(),
                    name: new.name.as_str(),
                    phone: new.phone.as_str(),
                    send_sms: new.send_sms,
                    expires_at,
                    operator: operator_name.as_deref(),
                };
                let body_of = |order_id: &OrderId| {
                    let request = CreateOrder {
                        amount: new.amount,
                        acuotaz_send_sms: new.send_sms,
                        order_id: order_id.clone(),
                        expiration_ts: Some(ExpirationTs::at(expires_at)),
                        pos_client_id: setup.pos_client_id.clone(),
                        description: Some(description.clone()),
                        url_redir_on_canceled: setup.urls.on_canceled.clone(),
                        url_redir_on_rejected: setup.urls.on_rejected.clone(),
                        url_redir_on_success: setup.urls.on_success.clone(),
                        url_redir_on_downpayment: setup.urls.on_downpayment.clone(),
                        url_redir_on_order_detail: setup.urls.on_order_detail.clone(),
                        customer_data: Some(CustomerData {
                            dni: new.dni.clone(),
                            name: new.name.clone(),
                            phone: new.phone.clone(),
                            email: None,
                            address: None,
                            billing_city: None,
                        }),
                    };
                    CreateBody::of(&request).as_str().to_owned()
                };
                store::insert_order(
                    db,
                    &row,
                    |sequence| setup.order_id(sequence),
                    body_of,
                    lease_ms,
                )
            })
            .await?;
        tracing::info!(
            order_id = order_id.as_str(),
            "credit sale journaled, creating"
        );
        let order = self.credit_order(&order_id).await?;
        self.attempt(&order, order.operations[0].clone(), true)
            .await
    }

    /// The order as this till last knew it.
    pub async fn credit_order(&self, order_id: &OrderId) -> Result<CreditOrder, TillError> {
        let (mode, id) = (self.mode(), order_id.to_string());
        self.in_db(move |db| rows::order(db, mode, &id))
            .await?
            .ok_or_else(|| {
                OrderError::NoSuchOrder {
                    order_id: order_id.to_string(),
                }
                .into()
            })
    }

    /// The orders of one Lima day (every day with `None`) and all orders still open, newest first.
    pub async fn credit_orders(&self, day: Option<Date>) -> Result<Vec<CreditOrder>, TillError> {
        let mode = self.mode();
        self.in_db(move |db| rows::orders(db, mode, day)).await
    }

    /// `confirm`: the store takes the approved order.
    pub async fn confirm_order(&self, order_id: &OrderId) -> Result<CreditOrder, TillError> {
        let order = self.order_now(order_id).await?;
        self.order_call(order, OrderAction::Confirm, NewCall::default())
            .await
    }

    /// `cancel`: the customer will not take it. "It is already canceled" is a success.
    pub async fn cancel_order(&self, order_id: &OrderId) -> Result<CreditOrder, TillError> {
        let order = self.order_now(order_id).await?;
        self.order_call(order, OrderAction::Cancel, NewCall::default())
            .await
    }

    /// The order as aCuotaz has it now, before a call on it: settings confirmed, credit sales set up.
    async fn order_now(&self, order_id: &OrderId) -> Result<CreditOrder, TillError> {
        self.ensure_settings_confirmed()?;
        self.orders_link()?;
        self.refresh_order(order_id).await
    }

    /// A total (`amount` none) or partial refund of a funded order, approved by a supervisor. Refused
    /// here above what is left (refunds confirmed or still open count).
    pub async fn refund_order(
        &self,
        order_id: &OrderId,
        ask: RefundAsk,
        approval: Option<&Approval>,
    ) -> Result<CreditOrder, TillError> {
        self.ensure_settings_confirmed()?;
        self.orders_link()?;
        let reason = people::check_reason(&ask.reason)?;
        if let Some(amount) = ask.amount
            && amount.centimos() <= 0
        {
            return Err(TillError::invalid(
                "refund_amount",
                &amount.to_string(),
                InputProblem::Amount,
            ));
        }
        let (mode, approval) = (self.mode(), approval.cloned());
        let approved = self
            .on_staff(move |staff| staff.approval_for(mode, approval.as_ref(), "order_refund"))
            .await?;
        let (order, unread) = self.refreshed(order_id).await?;
        if order.status != OrderStatus::Funded
            && let Some(cause) = unread
        {
            // Whether it is funded now is not known: say aCuotaz could not be asked, not "not funded".
            return Err(if cause.is_refusal() {
                TillError::Refused {
                    operation: None,
                    cause,
                }
            } else {
                TillError::OutcomeUnknown {
                    operation: None,
                    cause,
                }
            });
        }
        if order.status != OrderStatus::Funded {
            return Err(OrderError::NotRefundable {
                status: order.status.to_string(),
            }
            .into());
        }
        let left = order.refundable();
        let (action, amount) = match ask.amount {
            None => (OrderAction::TotalRefund, left),
            Some(asked) => (OrderAction::PartialRefund, asked),
        };
        if amount > left || left.centimos() == 0 {
            return Err(OrderError::RefundAboveLeft {
                asked: amount,
                left,
            }
            .into());
        }
        let call = NewCall {
            amount: Some(amount),
            refund_reason: Some(reason),
            approver: approved.as_ref().map(|a| a.supervisor.name.clone()),
            approval_reason: approved.map(|a| a.reason),
            ..NewCall::default()
        };
        self.order_call(order, action, call).await
    }

    /// Journals a call on a created order (one open call per order), sends it and records the outcome.
    /// `order` was just refreshed by the caller; nothing is read from aCuotaz again here.
    async fn order_call(
        &self,
        order: CreditOrder,
        action: OrderAction,
        mut call: NewCall,
    ) -> Result<CreditOrder, TillError> {
        call.operator = self.require_operator().await?.map(|person| person.name);
        let order_id = &order.order_id.clone();
        if !order.is_created() {
            return Err(OrderError::NotCreated {
                order_id: order_id.to_string(),
            }
            .into());
        }
        let (mode, lease_ms) = (self.mode(), self.lease_ms());
        let (call_id, _) = self
            .in_db(move |db| store::begin_call(db, mode, &order, action, &call, lease_ms))
            .await?;
        let order = self.credit_order(order_id).await?;
        let operation = order
            .operations
            .iter()
            .find(|operation| operation.id == call_id)
            .cloned()
            .ok_or_else(|| OrderError::NoSuchOrder {
                order_id: order_id.to_string(),
            })?;
        self.attempt(&order, operation, true).await
    }
}
