//! The checkout table: writing a checkout with its exact create body before it leaves, finishing the
//! create with its outcome, recording a status (and what in it differed from what was sent), the
//! store's decision and its forwarding, the status reads' back-off, and reading it all back. Every
//! change but the bookkeeping is sealed into the audit chain in the transaction that makes it.

use jiff::Timestamp;
use providers::aplazame::{CheckoutId, CheckoutStatus};
use providers::euros::Euros;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};

use super::model::{Checkout, CreateState, Decision, PendingDecision};
use crate::audit;
use crate::db::read::{optional, parsed, unreadable};
use crate::error::TillError;
use crate::mode::Mode;

fn failed() -> impl FnOnce(rusqlite::Error) -> TillError {
    TillError::storage("write the Aplazame checkouts")
}

fn read_failed() -> impl FnOnce(rusqlite::Error) -> TillError {
    TillError::storage("read the Aplazame checkouts")
}

/// A new checkout, as written before its create is sent.
pub(crate) struct NewCheckoutRow {
    pub mode: Mode,
    pub total: Euros,
    pub currency: String,
    pub customer_name: Option<String>,
    pub customer_email: String,
    pub customer_phone: Option<String>,
    pub customer_document: Option<String>,
    pub expect_sandbox: bool,
    pub operator: Option<String>,
}

fn immediate(connection: &mut Connection) -> Result<Transaction<'_>, TillError> {
    connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(failed())
}

fn sealed(transaction: Transaction<'_>, row: i64) -> Result<(), TillError> {
    audit::seal_checkout(&transaction, row)?;
    audit::commit(transaction).map_err(failed())
}

/// Takes the next sequence number, writes the checkout `sending` with the body `body_of(order_id)`
/// gives, and seals it, in one durable transaction. Returns Caja's order id.
pub(crate) fn insert(
    connection: &mut Connection,
    row: &NewCheckoutRow,
    order_id_of: impl FnOnce(i64) -> String,
    body_of: impl FnOnce(&str) -> Result<String, TillError>,
) -> Result<String, TillError> {
    let transaction = immediate(connection)?;
    let sequence: i64 = transaction
        .query_row(
            "INSERT INTO aplazame_sequence (mode, last) VALUES (?1, 1) \
             ON CONFLICT (mode) DO UPDATE SET last = last + 1 RETURNING last",
            [row.mode.as_str()],
            |r| r.get(0),
        )
        .map_err(failed())?;
    let order_id = order_id_of(sequence);
    let body = body_of(&order_id)?;
    // Read in the same transaction as the insert, as a payment's is: every sale belongs to a shift,
    // whose Z reports it.
    let shift_id =
        crate::journal::open_shift_id(&transaction, row.mode)?.ok_or(TillError::NoShiftOpen)?;
    transaction
        .execute(
            "INSERT INTO aplazame_checkout (mode, order_id, total_cents, currency, customer_name, \
             customer_email, customer_phone, customer_document, request_body, expect_sandbox, state, \
             created_at, operator_name, shift_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'sending', ?11, ?12, ?13)",
            params![
                row.mode.as_str(),
                order_id,
                row.total.cents(),
                row.currency,
                row.customer_name,
                row.customer_email,
                row.customer_phone,
                row.customer_document,
                body,
                row.expect_sandbox,
                Timestamp::now().to_string(),
                row.operator,
                shift_id,
            ],
        )
        .map_err(failed())?;
    let id = transaction.last_insert_rowid();
    sealed(transaction, id)?;
    Ok(order_id)
}

/// How a create ended.
pub(crate) struct CreateOutcome {
    pub state: CreateState,
    pub checkout_id: Option<CheckoutId>,
    pub refusal: Option<String>,
    pub http_status: Option<u16>,
}

/// Finishes the create of a checkout still in `from` (`sending`; `unknown` or a stalled `sending` for
/// an IPN or a supervisor's resolution). False when it was no longer in `from`.
pub(crate) fn finish_create(
    connection: &mut Connection,
    row: i64,
    from: CreateState,
    outcome: &CreateOutcome,
    resolution: Option<(&str, &str)>,
) -> Result<bool, TillError> {
    let transaction = immediate(connection)?;
    let changed = transaction
        .execute(
            "UPDATE aplazame_checkout SET state = ?3, checkout_id = ?4, \
             refusal = COALESCE(?5, refusal), http_status = COALESCE(?6, http_status), \
             finished_at = ?7, resolved_by = COALESCE(?8, resolved_by), \
             resolution_reason = COALESCE(?9, resolution_reason), next_poll_ms = 0 \
             WHERE id = ?1 AND state = ?2",
            params![
                row,
                from.as_str(),
                outcome.state.as_str(),
                outcome.checkout_id.as_ref().map(CheckoutId::as_str),
                outcome.refusal,
                outcome.http_status,
                Timestamp::now().to_string(),
                resolution.map(|(who, _)| who),
                resolution.map(|(_, why)| why),
            ],
        )
        .map_err(failed())?;
    sealed(transaction, row)?;
    Ok(changed > 0)
}

/// Records a status read (or an IPN read back): status and reason as written; the fields that
/// differed from what was sent are added to the alert, with what the answer said. Sealed only when
/// something changed.
pub(crate) fn record_status(
    connection: &mut Connection,
    row: i64,
    status: &CheckoutStatus,
    mismatch: &[&str],
) -> Result<(), TillError> {
    let transaction = immediate(connection)?;
    let before: Option<String> = transaction
        .query_row(
            "SELECT mismatch FROM aplazame_checkout WHERE id = ?1",
            [row],
            |r| r.get(0),
        )
        .map_err(failed())?;
    let mut fields: Vec<String> = before
        .iter()
        .flat_map(|text| text.split(',').map(str::to_owned))
        .collect();
    for field in mismatch {
        if !fields.iter().any(|known| known == field) {
            fields.push((*field).to_owned());
        }
    }
    let alert = (!fields.is_empty()).then(|| fields.join(","));
    let seen = !mismatch.is_empty();
    let changed = transaction
        .execute(
            "UPDATE aplazame_checkout SET status = ?2, status_reason = ?3, status_at = ?4, \
             mismatch = ?5, seen_mid = CASE WHEN ?6 THEN ?7 ELSE seen_mid END, \
             seen_total_cents = CASE WHEN ?6 THEN ?8 ELSE seen_total_cents END, \
             seen_currency = CASE WHEN ?6 THEN ?9 ELSE seen_currency END, \
             seen_sandbox = CASE WHEN ?6 THEN ?10 ELSE seen_sandbox END \
             WHERE id = ?1 AND (status IS NOT ?2 OR status_reason IS NOT ?3 OR mismatch IS NOT ?5)",
            params![
                row,
                status.status.as_str(),
                status.status_reason,
                Timestamp::now().to_string(),
                alert,
                seen,
                status.mid,
                status.total_amount,
                status.currency.code,
                status.sandbox,
            ],
        )
        .map_err(failed())?;
    if changed > 0 {
        audit::seal_checkout(&transaction, row)?;
    }
    audit::commit(transaction).map_err(failed())
}

/// Records the store's decision, once: false when one was already recorded.
pub(crate) fn record_decision(
    connection: &mut Connection,
    row: i64,
    decision: Decision,
    who: Option<&str>,
    reason: Option<&str>,
) -> Result<bool, TillError> {
    let transaction = immediate(connection)?;
    let changed = transaction
        .execute(
            "UPDATE aplazame_checkout SET decision = ?2, decided_by = ?3, decision_reason = ?4, \
             decided_at = ?5 WHERE id = ?1 AND decision IS NULL",
            params![
                row,
                decision.as_str(),
                who,
                reason,
                Timestamp::now().to_string()
            ],
        )
        .map_err(failed())?;
    sealed(transaction, row)?;
    Ok(changed > 0)
}

/// The decisions not yet forwarded to Central, oldest first.
pub(crate) fn pending_decisions(
    connection: &Connection,
    mode: Mode,
) -> Result<Vec<PendingDecision>, TillError> {
    let mut statement = connection
        .prepare(
            "SELECT order_id, checkout_id, decision, decided_by, decided_at, decision_reason FROM \
             aplazame_checkout WHERE mode = ?1 AND decision IS NOT NULL AND decision_forwarded_at IS NULL \
             AND checkout_id IS NOT NULL ORDER BY decided_at, id",
        )
        .map_err(read_failed())?;
    let rows = statement
        .query_map([mode.as_str()], |row| {
            let (decision, at): (String, String) = (row.get(2)?, row.get(4)?);
            Ok(PendingDecision {
                order_id: row.get(0)?,
                checkout_id: row.get(1)?,
                decision: Decision::parse(&decision).ok_or_else(|| unreadable(2, &decision))?,
                decided_by: row.get(3)?,
                reason: row.get(5)?,
                decided_at: parsed(4, &at)?,
            })
        })
        .map_err(read_failed())?;
    rows.collect::<Result<_, _>>().map_err(read_failed())
}

/// Marks a decision forwarded; false when there was none to forward.
pub(crate) fn decision_forwarded(
    connection: &Connection,
    mode: Mode,
    order_id: &str,
) -> Result<bool, TillError> {
    connection
        .execute(
            "UPDATE aplazame_checkout SET decision_forwarded_at = ?3 WHERE mode = ?1 \
             AND order_id = ?2 AND decision IS NOT NULL AND decision_forwarded_at IS NULL",
            params![mode.as_str(), order_id, Timestamp::now().to_string()],
        )
        .map(|changed| changed > 0)
        .map_err(failed())
}

/// The checkouts whose status is due a read: created, not final, no alert, `next_poll_ms` past.
pub(crate) fn due_polls(
    connection: &Connection,
    mode: Mode,
    now_ms: i64,
) -> Result<Vec<(String, u32)>, TillError> {
    let mut statement = connection
        .prepare(
            "SELECT order_id, polls FROM aplazame_checkout WHERE mode = ?1 AND state = 'created' \
             AND mismatch IS NULL AND (status IS NULL OR status NOT IN ('ok', 'ko')) \
             AND COALESCE(next_poll_ms, 0) <= ?2 ORDER BY id",
        )
        .map_err(read_failed())?;
    let rows = statement
        .query_map(params![mode.as_str(), now_ms], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .map_err(read_failed())?;
    rows.collect::<Result<_, _>>().map_err(read_failed())
}

/// Counts a status read and says when the next is due (bookkeeping: not sealed).
pub(crate) fn record_poll(
    connection: &Connection,
    mode: Mode,
    order_id: &str,
    next_ms: i64,
) -> Result<(), TillError> {
    connection
        .execute(
            "UPDATE aplazame_checkout SET polls = polls + 1, next_poll_ms = ?3 \
             WHERE mode = ?1 AND order_id = ?2",
            params![mode.as_str(), order_id, next_ms],
        )
        .map(drop)
        .map_err(failed())
}

const COLUMNS: &str = "id, order_id, mode, total_cents, currency, customer_name, customer_email, \
    customer_phone, customer_document, request_body, expect_sandbox, state, checkout_id, status, \
    status_reason, status_at, mismatch, seen_mid, seen_total_cents, seen_currency, seen_sandbox, \
    refusal, http_status, decision, decided_by, decision_reason, decided_at, decision_forwarded_at, \
    created_at, finished_at, operator_name, resolved_by, resolution_reason, shift_id";

/// One checkout by Caja's order id.
pub(crate) fn checkout(
    connection: &Connection,
    mode: Mode,
    order_id: &str,
) -> Result<Option<Checkout>, TillError> {
    let sql = format!("SELECT {COLUMNS} FROM aplazame_checkout WHERE mode = ?1 AND order_id = ?2");
    connection
        .query_row(&sql, params![mode.as_str(), order_id], checkout_of)
        .optional()
        .map_err(read_failed())
}

/// Every checkout of the mode, newest first.
pub(crate) fn checkouts(connection: &Connection, mode: Mode) -> Result<Vec<Checkout>, TillError> {
    let sql = format!("SELECT {COLUMNS} FROM aplazame_checkout WHERE mode = ?1 ORDER BY id DESC");
    let mut statement = connection.prepare(&sql).map_err(read_failed())?;
    statement
        .query_map([mode.as_str()], checkout_of)
        .map_err(read_failed())?
        .collect::<Result<_, _>>()
        .map_err(read_failed())
}

fn checkout_of(row: &Row<'_>) -> rusqlite::Result<Checkout> {
    let state: String = row.get(11)?;
    let checkout_id: Option<String> = row.get(12)?;
    let mismatch: Option<String> = row.get(16)?;
    let decision: Option<String> = row.get(23)?;
    Ok(Checkout {
        row: row.get(0)?,
        order_id: row.get(1)?,
        mode: parsed(2, &row.get::<_, String>(2)?)?,
        total: Euros::from_cents(row.get(3)?),
        currency: row.get(4)?,
        customer_name: row.get(5)?,
        customer_email: row.get(6)?,
        customer_phone: row.get(7)?,
        customer_document: row.get(8)?,
        request_body: row.get(9)?,
        expect_sandbox: row.get(10)?,
        state: CreateState::parse(&state).ok_or_else(|| unreadable(11, &state))?,
        checkout_id: match checkout_id {
            Some(text) => Some(CheckoutId::parse(&text).ok_or_else(|| unreadable(12, &text))?),
            None => None,
        },
        status: row.get(13)?,
        status_reason: row.get(14)?,
        status_at: optional(15, row.get(15)?)?,
        mismatch: mismatch
            .map(|text| text.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
        seen_mid: row.get(17)?,
        seen_total: row.get::<_, Option<i64>>(18)?.map(Euros::from_cents),
        seen_currency: row.get(19)?,
        seen_sandbox: row.get(20)?,
        refusal: row.get(21)?,
        http_status: row.get(22)?,
        decision: match decision {
            Some(text) => Some(Decision::parse(&text).ok_or_else(|| unreadable(23, &text))?),
            None => None,
        },
        decided_by: row.get(24)?,
        decision_reason: row.get(25)?,
        decided_at: optional(26, row.get(26)?)?,
        decision_forwarded_at: optional(27, row.get(27)?)?,
        created_at: parsed(28, &row.get::<_, String>(28)?)?,
        finished_at: optional(29, row.get(29)?)?,
        operator: row.get(30)?,
        resolved_by: row.get(31)?,
        resolution_reason: row.get(32)?,
        shift_id: row.get(33)?,
    })
}
