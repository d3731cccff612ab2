//! Reading the credit sales back: one order or a day's with their calls, the exact body of a creation,
//! and what is due (calls whose outcome is open, orders whose next poll has come).

use providers::Soles;
use providers::apurata::orders::{OrderId, OrderStatus};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::{CreditOrder, OrderOperation};
use crate::db::read::parsed;
use crate::error::{OrderAction, TillError};
use crate::mode::Mode;

const ORDER_COLUMNS: &str = "id, order_id, mode, amount_centimos, description, customer_dni, \
    customer_name, customer_phone, send_sms, expires_at, redirect_to, status, confirmed, status_at, \
    created_at, lima_day, operator_name, shift_id";
const OPERATION_COLUMNS: &str = "id, idempotency_key, kind, state, reason, http_status, \
    amount_centimos, refund_reason, refund_method, tracking_id, answer_status, operator_name, \
    approver_name, approval_reason, attempts, created_at, finished_at";

fn read_failed() -> impl FnOnce(rusqlite::Error) -> TillError {
    TillError::storage("read the credit sales")
}

/// How many polls in a row learned nothing (the back-off grows with it).
pub(crate) fn polls(connection: &Connection, order_row: i64) -> Result<u32, TillError> {
    connection
        .query_row(
            "SELECT polls FROM credit_order WHERE id = ?1",
            [order_row],
            |r| r.get(0),
        )
        .map_err(read_failed())
}

/// The exact body journaled for an order's creation.
pub(crate) fn request_body(connection: &Connection, order_row: i64) -> Result<String, TillError> {
    connection
        .query_row(
            "SELECT request_body FROM credit_order WHERE id = ?1",
            [order_row],
            |r| r.get(0),
        )
        .map_err(read_failed())
}

/// One order by its id, with its calls.
pub(crate) fn order(
    connection: &Connection,
    mode: Mode,
    order_id: &str,
) -> Result<Option<CreditOrder>, TillError> {
    let sql = format!("SELECT {ORDER_COLUMNS} FROM credit_order WHERE mode = ?1 AND order_id = ?2");
    let order = connection
        .query_row(&sql, params![mode.as_str(), order_id], order_of)
        .optional()
        .map_err(read_failed())?;
    order.map(|order| with_calls(connection, order)).transpose()
}

/// The orders of one Lima day (all days when `None`) and every order still open, newest first.
pub(crate) fn orders(
    connection: &Connection,
    mode: Mode,
    day: Option<jiff::civil::Date>,
) -> Result<Vec<CreditOrder>, TillError> {
    let sql = format!(
        "SELECT {ORDER_COLUMNS} FROM credit_order o WHERE mode = ?1 AND (?2 IS NULL OR lima_day = ?2 \
         OR status NOT IN ('funded', 'rejected', 'canceled', 'expired') \
         OR EXISTS (SELECT 1 FROM order_operation c WHERE c.order_row = o.id \
                    AND c.state IN ('pending', 'unknown'))) ORDER BY id DESC"
    );
    let mut statement = connection.prepare(&sql).map_err(read_failed())?;
    let rows: Vec<CreditOrder> = statement
        .query_map(params![mode.as_str(), day.map(|d| d.to_string())], order_of)
        .map_err(read_failed())?
        .collect::<Result<_, _>>()
        .map_err(read_failed())?;
    rows.into_iter()
        .map(|order| with_calls(connection, order))
        .collect()
}

/// Calls whose outcome is open and due: pending past their lease, or unknown past their back-off.
pub(crate) fn due_calls(
    connection: &Connection,
    mode: Mode,
    now_ms: i64,
) -> Result<Vec<(i64, String)>, TillError> {
    let mut statement = connection
        .prepare(
            "SELECT c.id, o.order_id FROM order_operation c JOIN credit_order o ON o.id = c.order_row \
             WHERE c.mode = ?1 AND ((c.state = 'pending' AND COALESCE(c.lease_until_ms, 0) <= ?2) \
             OR (c.state = 'unknown' AND COALESCE(c.next_attempt_ms, 0) <= ?2)) ORDER BY c.id",
        )
        .map_err(read_failed())?;
    statement
        .query_map(params![mode.as_str(), now_ms], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .map_err(read_failed())?
        .collect::<Result<_, _>>()
        .map_err(read_failed())
}

/// Orders created and not final whose next poll is due.
pub(crate) fn due_polls(
    connection: &Connection,
    mode: Mode,
    now_ms: i64,
) -> Result<Vec<String>, TillError> {
    let mut statement = connection
        .prepare(
            "SELECT o.order_id FROM credit_order o WHERE o.mode = ?1 \
             AND o.status NOT IN ('funded', 'rejected', 'canceled', 'expired') \
             AND COALESCE(o.next_poll_ms, 0) <= ?2 AND EXISTS (SELECT 1 FROM order_operation c \
             WHERE c.order_row = o.id AND c.kind = 'create' AND c.state = 'confirmed') ORDER BY o.id",
        )
        .map_err(read_failed())?;
    statement
        .query_map(params![mode.as_str(), now_ms], |r| r.get(0))
        .map_err(read_failed())?
        .collect::<Result<_, _>>()
        .map_err(read_failed())
}

fn with_calls(connection: &Connection, mut order: CreditOrder) -> Result<CreditOrder, TillError> {
    let sql =
        format!("SELECT {OPERATION_COLUMNS} FROM order_operation WHERE order_row = ?1 ORDER BY id");
    let mut statement = connection.prepare_cached(&sql).map_err(read_failed())?;
    order.operations = statement
        .query_map([order.row], operation_of)
        .map_err(read_failed())?
        .collect::<Result<_, _>>()
        .map_err(read_failed())?;
    Ok(order)
}

fn order_of(row: &Row<'_>) -> rusqlite::Result<CreditOrder> {
    let order_id: String = row.get(1)?;
    let mode: String = row.get(2)?;
    let status: String = row.get(11)?;
    let status_at: Option<String> = row.get(13)?;
    Ok(CreditOrder {
        row: row.get(0)?,
        order_id: OrderId::parse(&order_id).map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Text,
                "order id".into(),
            )
        })?,
        mode: parsed(2, &mode)?,
        amount: Soles::from_centimos(row.get(3)?),
        description: row.get(4)?,
        dni: row.get(5)?,
        customer_name: row.get(6)?,
        phone: row.get(7)?,
        send_sms: row.get(8)?,
        expires_at: parsed(9, &row.get::<_, String>(9)?)?,
        redirect_to: row.get(10)?,
        status: OrderStatus::from_text(&status),
        confirmed: row.get(12)?,
        status_at: status_at.map(|text| parsed(13, &text)).transpose()?,
        created_at: parsed(14, &row.get::<_, String>(14)?)?,
        lima_day: parsed(15, &row.get::<_, String>(15)?)?,
        operator: row.get(16)?,
        shift_id: row.get(17)?,
        operations: Vec::new(),
    })
}

fn operation_of(row: &Row<'_>) -> rusqlite::Result<OrderOperation> {
    let kind: String = row.get(2)?;
    let state: String = row.get(3)?;
    let finished: Option<String> = row.get(16)?;
    Ok(OrderOperation {
        id: row.get(0)?,
        idempotency_key: row.get(1)?,
        action: OrderAction::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, "kind".into())
        })?,
        state: parsed(3, &state)?,
        reason: row.get(4)?,
        http_status: row.get(5)?,
        amount: row.get::<_, Option<i64>>(6)?.map(Soles::from_centimos),
        refund_reason: row.get(7)?,
        refund_method: row.get(8)?,
        tracking_id: row.get(9)?,
        answer_status: row.get(10)?,
        operator: row.get(11)?,
        approver: row.get(12)?,
        approval_reason: row.get(13)?,
        attempts: row.get(14)?,
        created_at: parsed(15, &row.get::<_, String>(15)?)?,
        finished_at: finished.map(|text| parsed(16, &text)).transpose()?,
    })
}
