//! The Venta a cuotas screen's views (aCuotaz orders): the funding limits, the form to start a credit
//! sale, each order with its status in the cashier's words, what may be done with it now, its QR, and
//! its refunds. Every function parses what was typed before the till is called.

use providers::apurata::orders::{CustomerName, MobilePhone, OrderId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Money, lima_text};
use crate::wording::orders::{self as words, Tone};
use crate::wording::{Label, Lang};
use crate::workstation::Workstation;
use till::error::{InputProblem, OrderAction, TillError};
use till::identity::mask_document;
use till::operation::OperationState;
use till::orders::{CreditOrder, Limits, NewCreditOrder, OrderOperation, RefundAsk};
use till::people::Approval;
use till::{Dni, Soles};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderLimitsView {
    pub min: Money,
    pub max: Money,
    pub min_steps: u32,
    pub max_steps: u32,
    pub fetched_at_lima: String,
    /// aCuotaz could not be asked: these are the limits read at `fetchedAtLima`.
    pub from_cache: bool,
}

/// A credit sale as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderInput {
    pub amount: String,
    pub description: String,
    pub dni: String,
    pub name: String,
    pub phone: String,
    #[serde(default)]
    pub send_sms: bool,
}

/// A refund as typed: an empty `amount` refunds what is left (a total refund).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefundInput {
    #[serde(default)]
    pub amount: Option<String>,
    pub reason: String,
    #[serde(default)]
    pub approval: Option<Approval>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderCallView {
    pub id: i64,
    pub action: OrderAction,
    pub action_label: &'static str,
    pub state: OperationState,
    pub state_label: &'static str,
    pub amount: Option<Money>,
    pub reason: Option<String>,
    pub refund_method: Option<String>,
    pub tracking_id: Option<String>,
    /// The provider's `status` in a refund's answer (`success`, `already_refunded`, `decreased_debt`).
    pub answer_status: Option<String>,
    pub refund_reason: Option<String>,
    pub operator: Option<String>,
    pub approver: Option<String>,
    pub at_lima: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreditOrderView {
    pub order_id: String,
    pub amount: Money,
    pub description: String,
    /// The DNI masked (`14****65`): the screen never needs it whole.
    pub dni: String,
    pub customer_name: String,
    pub phone: String,
    pub send_sms: bool,
    /// The provider's status as it wrote it (`initial` … `funded`), or `sending`, `unknown`,
    /// `not_created` while the creation has no answer or was refused.
    pub status: String,
    pub status_label: String,
    /// What the cashier does now.
    pub advice: String,
    pub tone: Tone,
    /// Only true on `funded`: the product may be handed over.
    pub handover_allowed: bool,
    pub confirmed: bool,
    /// Still followed (created and not final, or a call without an answer).
    pub open: bool,
    pub can_confirm: bool,
    pub can_cancel: bool,
    pub can_refund: bool,
    /// The link the customer opens, and its QR as an SVG drawn here (nothing remote is loaded).
    pub redirect_to: Option<String>,
    pub qr_svg: Option<String>,
    pub expires_at_lima: String,
    pub created_at_lima: String,
    pub status_at_lima: Option<String>,
    pub operator: Option<String>,
    pub refunded: Money,
    pub refundable: Money,
    /// A call without an answer yet: Caja retries it by itself.
    pub pending_call: Option<String>,
    pub calls: Vec<OrderCallView>,
}

fn limits_view(limits: Limits) -> OrderLimitsView {
    OrderLimitsView {
        min: limits.min_amount.into(),
        max: limits.max_amount.into(),
        min_steps: limits.min_steps,
        max_steps: limits.max_steps,
        fetched_at_lima: lima_text(limits.fetched_at, "%d/%m/%Y %H:%M"),
        from_cache: limits.from_cache,
    }
}

/// The amounts aCuotaz finances (`refresh`: ask now, not the copy read today).
pub async fn order_limits(ws: &Workstation, refresh: bool) -> Result<OrderLimitsView, TillError> {
    ready(ws)?;
    ws.till.order_limits(refresh).await.map(limits_view)
}

/// aCuotaz's add-on for an amount, as plain words ("Paga tu compra en partes, desde S/18.45 con");
/// none when the amount is not typed yet or the provider does not answer (it is decoration).
pub async fn order_add_on(ws: &Workstation, amount: &str) -> Result<Option<String>, TillError> {
    ready(ws)?;
    let Ok(amount) = parse_amount("amount", amount) else {
        return Ok(None);
    };
    match ws.till.order_add_on(amount).await {
        Ok(html) => Ok(Some(crate::untrusted_html::to_text(&html)).filter(|t| !t.is_empty())),
        Err(error) => {
            tracing::info!(%error, "aCuotaz add-on not shown");
            Ok(None)
        }
    }
}

pub async fn create_order(
    ws: &Workstation,
    input: OrderInput,
) -> Result<CreditOrderView, TillError> {
    ready(ws)?;
    let new = NewCreditOrder {
        amount: parse_amount("amount", &input.amount)?,
        description: input.description,
        dni: parse_dni(&input.dni)?,
        name: CustomerName::parse(&input.name)
            .map_err(|_| TillError::invalid("name", &input.name, InputProblem::CustomerName))?,
        phone: MobilePhone::parse(&input.phone)
            .map_err(|_| TillError::invalid("phone", &input.phone, InputProblem::Phone))?,
        send_sms: input.send_sms,
    };
    let order = ws.till.create_order(new).await?;
    Ok(order_view(&order, ws.settings.lang))
}

/// One order; with `refresh`, its open call tried again and its status read from aCuotaz first.
pub async fn order(
    ws: &Workstation,
    order_id: &str,
    refresh: bool,
) -> Result<CreditOrderView, TillError> {
    let id = parse_order_id(order_id)?;
    let order = if refresh {
        ready(ws)?;
        ws.till.refresh_order(&id).await?
    } else {
        ws.till.credit_order(&id).await?
    };
    Ok(order_view(&order, ws.settings.lang))
}

/// One round of following (due retries and status reads), then today's orders and every open one.
pub async fn follow_orders(ws: &Workstation) -> Result<Vec<CreditOrderView>, TillError> {
    let lang = ws.settings.lang;
    let orders = if ws.till.has_orders() {
        ws.till.follow_orders().await?
    } else {
        ws.till
            .credit_orders(Some(till::clock::lima_today()))
            .await?
    };
    Ok(orders.iter().map(|order| order_view(order, lang)).collect())
}

/// The orders made on a day (`dd/mm/aaaa`), or every order when empty: what Historial lists.
pub async fn credit_orders(ws: &Workstation, day: &str) -> Result<Vec<CreditOrderView>, TillError> {
    let lang = ws.settings.lang;
    let orders = match day.trim() {
        "" => ws.till.credit_orders(None).await?,
        typed => {
            ws.till
                .credit_orders_of(till::clock::parse_day(typed)?)
                .await?
        }
    };
    Ok(orders.iter().map(|order| order_view(order, lang)).collect())
}

pub async fn confirm_order(ws: &Workstation, order_id: &str) -> Result<CreditOrderView, TillError> {
    ready(ws)?;
    let order = ws.till.confirm_order(&parse_order_id(order_id)?).await?;
    Ok(order_view(&order, ws.settings.lang))
}

pub async fn cancel_order(ws: &Workstation, order_id: &str) -> Result<CreditOrderView, TillError> {
    ready(ws)?;
    let order = ws.till.cancel_order(&parse_order_id(order_id)?).await?;
    Ok(order_view(&order, ws.settings.lang))
}

pub async fn refund_order(
    ws: &Workstation,
    order_id: &str,
    input: RefundInput,
) -> Result<CreditOrderView, TillError> {
    ready(ws)?;
    let amount = match input.amount.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(typed) => Some(parse_amount("refund_amount", typed)?),
    };
    let ask = RefundAsk {
        amount,
        reason: input.reason,
    };
    let order = ws
        .till
        .refund_order(&parse_order_id(order_id)?, ask, input.approval.as_ref())
        .await?;
    Ok(order_view(&order, ws.settings.lang))
}

/// Credit sales need their settings: when the till runs without them, the first that is missing.
fn ready(ws: &Workstation) -> Result<(), TillError> {
    if ws.till.has_orders() {
        return Ok(());
    }
    ws.settings.orders.setup(ws.settings.mode).map(drop)
}

pub(crate) fn parse_order_id(typed: &str) -> Result<OrderId, TillError> {
    OrderId::parse(typed).map_err(|_| TillError::invalid("order_id", typed, InputProblem::OrderId))
}

fn parse_amount(field: &'static str, typed: &str) -> Result<Soles, TillError> {
    typed
        .parse::<Soles>()
        .ok()
        .filter(|amount| amount.centimos() > 0)
        .ok_or_else(|| TillError::invalid(field, typed, InputProblem::Amount))
}

/// Checks a DNI typed alone (8 digits), as Cobro's `--dni` does.
pub fn parse_dni(typed: &str) -> Result<Dni, TillError> {
    match till::identity::parse_dni(typed)? {
        till::CustomerId::Dni(dni) => Ok(dni),
        till::CustomerId::Ruc(_) => Err(TillError::invalid("dni", typed, InputProblem::DniLength)),
    }
}

pub fn order_view(order: &CreditOrder, lang: Lang) -> CreditOrderView {
    let creation = order.creation();
    let (status, (label, advice, tone)) = match creation.map(|c| c.state) {
        Some(OperationState::Confirmed) => {
            (order.status.to_string(), words::status(lang, &order.status))
        }
        Some(OperationState::Rejected) => {
            ("not_created".to_owned(), words::not_created(lang, creation))
        }
        Some(OperationState::Pending) => ("sending".to_owned(), words::sending(lang)),
        _ => ("unknown".to_owned(), words::creation_unknown(lang)),
    };
    let created = order.is_created();
    let open_call = order.open_operation();
    let settled = created && open_call.is_none();
    let status_is = |text: &str| order.status.as_str() == text;
    CreditOrderView {
        order_id: order.order_id.to_string(),
        amount: order.amount.into(),
        description: order.description.clone(),
        dni: mask_document(&order.dni),
        customer_name: order.customer_name.clone(),
        phone: mask_document(&order.phone),
        send_sms: order.send_sms,
        status,
        status_label: label,
        advice,
        tone,
        handover_allowed: order.handover_allowed(),
        confirmed: order.confirmed,
        open: order.is_open(),
        can_confirm: settled
            && !order.confirmed
            && (status_is("approved") || status_is("validated")),
        can_cancel: settled && !order.confirmed && !order.status.is_final(),
        can_refund: settled && status_is("funded") && order.refundable() > Soles::ZERO,
        redirect_to: order.redirect_to.clone(),
        qr_svg: order
            .redirect_to
            .as_deref()
            .and_then(|link| crate::qr::qr_svg(link).ok()),
        expires_at_lima: lima_text(order.expires_at, "%d/%m/%Y %H:%M"),
        created_at_lima: lima_text(order.created_at, "%d/%m/%Y %H:%M"),
        status_at_lima: order.status_at.map(|at| lima_text(at, "%d/%m/%Y %H:%M:%S")),
        operator: order.operator.clone(),
        refunded: order.refunded().into(),
        refundable: order.refundable().into(),
        pending_call: open_call.map(|call| words::action(lang, call.action).to_owned()),
        calls: order
            .operations
            .iter()
            .map(|call| call_view(call, lang))
            .collect(),
    }
}

fn call_view(call: &OrderOperation, lang: Lang) -> OrderCallView {
    OrderCallView {
        id: call.id,
        action: call.action,
        action_label: words::action(lang, call.action),
        state: call.state,
        state_label: call.state.label(lang),
        amount: call.amount.map(Money::from),
        reason: call.reason.clone(),
        refund_method: call.refund_method.clone(),
        tracking_id: call.tracking_id.clone(),
        answer_status: call.answer_status.clone(),
        refund_reason: call.refund_reason.clone(),
        operator: call.operator.clone(),
        approver: call.approver.clone(),
        at_lima: lima_text(
            call.finished_at.unwrap_or(call.created_at),
            "%d/%m/%Y %H:%M",
        ),
    }
}
