//! The credit sales' tables: writing an order with its creation in one transaction, journaling each
//! later call before it leaves, finishing it, recording what polling learns, and reading it all back.
//! Every change is sealed into the audit chain in the transaction that makes it.

use jiff::Timestamp;
use providers::Soles;
use providers::apurata::orders::{OrderId, OrderStatus};

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::model::CreditOrder;
use crate::audit;
use crate::clock;
use crate::error::{OrderAction, OrderError, TillError};
use crate::mode::Mode;
use crate::operation::OperationState;

fn failed() -> impl FnOnce(rusqlite::Error) -> TillError {
    TillError::storage("write the credit sales")
}

/// A new order, as written before its creation is sent.
pub(crate) struct NewOrderRow<'a> {
    pub mode: Mode,
    pub amount: Soles,
    pub description: &'a str,
    pub dni: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
    pub send_sms: bool,
    pub expires_at: Timestamp,
    pub operator: Option<&'a str>,
}

/// What a later call records when it is journaled.
#[derive(Default)]
pub(crate) struct NewCall {
    pub amount: Option<Soles>,
    pub refund_reason: Option<String>,
    pub operator: Option<String>,
    pub approver: Option<String>,
    pub approval_reason: Option<String>,
}

/// How a call ended (or one attempt at it).
#[derive(Default)]
pub(crate) struct CallOutcome {
    pub state: Option<OperationState>,
    pub reason: Option<String>,
    pub http_status: Option<u16>,
    pub refund_method: Option<String>,
    pub tracking_id: Option<String>,
    pub answer_status: Option<String>,
    pub next_attempt_ms: Option<i64>,
}

fn immediate(connection: &mut Connection) -> Result<Transaction<'_>, TillError> {
    connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(failed())
}

/// Takes the next sequence number, writes the order with the body `body_of(order_id)` gives and its
/// `create` call as pending (leased), and seals both, in one transaction.
pub(crate) fn insert_order(
    connection: &mut Connection,
    row: &NewOrderRow<'_>,
    order_id_of: impl FnOnce(i64) -> OrderId,
    body_of: impl FnOnce(&OrderId) -> String,
    lease_ms: i64,
) -> Result<(i64, OrderId), TillError> {
    let now = Timestamp::now();
    let transaction = immediate(connection)?;
    let sequence: i64 = transaction
        .query_row(
            "INSERT INTO order_sequence (mode, last) VALUES (?1, 1) \
             ON CONFLICT (mode) DO UPDATE SET last = last + 1 RETURNING last",
            [row.mode.as_str()],
            |r| r.get(0),
        )
        .map_err(failed())?;
    let order_id = order_id_of(sequence);
    let body = body_of(&order_id);
    let shift_id = crate::journal::open_shift_id(&transaction, row.mode)?;
    transaction
        .execute(
            "INSERT INTO credit_order (mode, order_id, amount_centimos, description, customer_dni, \
             customer_name, customer_phone, send_sms, expires_at, request_body, status, created_at, \
             lima_day, operator_name, shift_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'initial', ?11, ?12, ?13, ?14)",
            params![
                row.mode.as_str(),
                order_id.as_str(),
                row.amount.centimos(),
                row.description,
                row.dni,
                row.name,
                row.phone,
                row.send_sms,
                row.expires_at.to_string(),
                body,
                now.to_string(),
                clock::lima_day(now).to_string(),
                row.operator,
                shift_id,
            ],
        )
        .map_err(failed())?;
    let order_row = transaction.last_insert_rowid();
    audit::seal_credit_order(&transaction, order_row)?;
    let call = NewCall {
        operator: row.operator.map(str::to_owned),
        ..NewCall::default()
    };
    let key = uuid::Uuid::new_v4().to_string();
    insert_call(
        &transaction,
        row.mode,
        order_row,
        OrderAction::Create,
        &call,
        lease_ms,
        &key,
    )?;
    audit::commit(transaction).map_err(failed())?;
    Ok((order_row, order_id))
}

/// Journals a later call as pending with a fresh idempotency key (a refund's `X-Unique-Token`),
/// refusing while another call on the order is open. Returns the call's id and key.
pub(crate) fn begin_call(
    connection: &mut Connection,
    mode: Mode,
    order: &CreditOrder,
    action: OrderAction,
    call: &NewCall,
    lease_ms: i64,
) -> Result<(i64, String), TillError> {
    let transaction = immediate(connection)?;
    let open: Option<String> = transaction
        .query_row(
            "SELECT kind FROM order_operation WHERE order_row = ?1 \
             AND state IN ('pending', 'unknown') ORDER BY id LIMIT 1",
            [order.row],
            |r| r.get(0),
        )
        .optional()
        .map_err(failed())?;
    if let Some(kind) = open {
        return Err(OrderError::OperationOpen {
            order_id: order.order_id.to_string(),
            action: OrderAction::parse(&kind).unwrap_or(action),
        }
        .into());
    }
    let key = uuid::Uuid::new_v4().to_string();
    let id = insert_call(&transaction, mode, order.row, action, call, lease_ms, &key)?;
    audit::commit(transaction).map_err(failed())?;
    Ok((id, key))
}

fn insert_call(
    transaction: &Transaction<'_>,
    mode: Mode,
    order_row: i64,
    action: OrderAction,
    call: &NewCall,
    lease_ms: i64,
    key: &str,
) -> Result<i64, TillError> {
    let now = Timestamp::now();
    transaction
        .execute(
            "INSERT INTO order_operation (idempotency_key, mode, order_row, kind, state, \
             amount_centimos, refund_reason, operator_name, approver_name, approval_reason, \
             lease_until_ms, created_at, lima_day) \
             VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                key,
                mode.as_str(),
                order_row,
                action.as_str(),
                call.amount.map(Soles::centimos),
                call.refund_reason,
                call.operator,
                call.approver,
                call.approval_reason,
                now.as_millisecond() + lease_ms,
                now.to_string(),
                clock::lima_day(now).to_string(),
            ],
        )
        .map_err(failed())?;
    let id = transaction.last_insert_rowid();
    audit::seal_order_operation(transaction, id)?;
    Ok(id)
}

/// Finishes a call (or one attempt at it): `confirmed`, `rejected` or `unknown` with its next attempt.
pub(crate) fn finish_call(
    connection: &mut Connection,
    id: i64,
    outcome: &CallOutcome,
) -> Result<(), TillError> {
    let state = outcome.state.unwrap_or(OperationState::Unknown);
    let finished = (state != OperationState::Unknown).then(|| Timestamp::now().to_string());
    let transaction = immediate(connection)?;
    transaction
        .execute(
            "UPDATE order_operation SET state = ?2, reason = ?3, http_status = ?4, \
             refund_method = COALESCE(?5, refund_method), tracking_id = COALESCE(?6, tracking_id), \
             answer_status = COALESCE(?7, answer_status), next_attempt_ms = ?8, \
             lease_until_ms = NULL, finished_at = ?9, attempts = attempts + 1 WHERE id = ?1",
            params![
                id,
                state.as_str(),
                outcome.reason,
                outcome.http_status,
                outcome.refund_method,
                outcome.tracking_id,
                outcome.answer_status,
                outcome.next_attempt_ms,
                finished,
            ],
        )
        .map_err(failed())?;
    audit::seal_order_operation(&transaction, id)?;
    audit::commit(transaction).map_err(failed())
}

/// Records what the provider says of an order. Sealed only when something the chain holds changed;
/// the polling bookkeeping (`polls`, `next_poll_ms`) is not sealed.
pub(crate) fn record_status(
    connection: &mut Connection,
    order_row: i64,
    learned: Option<(&OrderStatus, bool, Option<&str>)>,
    next_poll_ms: Option<i64>,
) -> Result<(), TillError> {
    let transaction = immediate(connection)?;
    let changed = match learned {
        Some((status, confirmed, redirect_to)) => transaction
            .execute(
                "UPDATE credit_order SET status = ?2, confirmed = ?3, status_at = ?4, polls = 0, \
                 redirect_to = COALESCE(?5, redirect_to) WHERE id = ?1 \
                 AND (status != ?2 OR confirmed != ?3 OR (?5 IS NOT NULL AND redirect_to IS NOT ?5))",
                params![
                    order_row,
                    status.as_str(),
                    confirmed,
                    Timestamp::now().to_string(),
                    redirect_to
                ],
            )
            .map_err(failed())?,
        None => 0,
    };
    if changed > 0 {
        audit::seal_credit_order(&transaction, order_row)?;
    } else {
        transaction
            .execute(
                "UPDATE credit_order SET polls = polls + 1 WHERE id = ?1",
                [order_row],
            )
            .map_err(failed())?;
    }
    transaction
        .execute(
            "UPDATE credit_order SET next_poll_ms = ?2 WHERE id = ?1",
            params![order_row, next_poll_ms],
        )
        .map_err(failed())?;
    audit::commit(transaction).map_err(failed())
}

/// Leases an open call for this process; false when another holds it or it is no longer open.
pub(crate) fn lease(
    connection: &Connection,
    id: i64,
    now_ms: i64,
    lease_ms: i64,
) -> Result<bool, TillError> {
    let changed = connection
        .execute(
            "UPDATE order_operation SET lease_until_ms = ?3 WHERE id = ?1 \
             AND state IN ('pending', 'unknown') AND COALESCE(lease_until_ms, 0) <= ?2",
            params![id, now_ms, now_ms + lease_ms],
        )
        .map_err(failed())?;
    Ok(changed == 1)
}
