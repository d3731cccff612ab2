//! The voucher table's rows for what follows a register: claiming a validated transfer for its
//! `paid-and-billed` (one claim at a time, so two passes never bill it twice), how that billing ended
//! (read back from the down payment's journal when its answer was not known), a supervisor's decision
//! on a corrected amount, and the status reads' back-off. Billing and decisions are sealed into the
//! audit chain; the polling bookkeeping is not.

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};

use super::model::{AmountDecision, Billing};
use crate::audit;
use crate::error::TillError;
use crate::journal::OperationState;
use crate::mode::Mode;

fn failed() -> impl FnOnce(rusqlite::Error) -> TillError {
    TillError::storage("write the vouchers")
}

fn read_failed() -> impl FnOnce(rusqlite::Error) -> TillError {
    TillError::storage("read the vouchers")
}

/// Claims a voucher not being billed for its `paid-and-billed`, noting the journal's last row so the
/// billing's own row is found afterwards. False when another pass holds it or it is billed.
pub(crate) fn claim_billing(connection: &mut Connection, row: i64) -> Result<bool, TillError> {
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(failed())?;
    let claimed = transaction
        .execute(
            "UPDATE voucher SET billing = 'sending', billing_claimed_ms = ?2, billing_problem = NULL, \
             billing_after_entry = (SELECT COALESCE(MAX(id), 0) FROM journal) \
             WHERE id = ?1 AND billing IS NULL",
            params![row, Timestamp::now().as_millisecond()],
        )
        .map_err(failed())?;
    if claimed > 0 {
        audit::seal_voucher(&transaction, row)?;
    }
    audit::commit(transaction).map_err(failed())?;
    Ok(claimed > 0)
}

/// How a billing ended: `billing` `None` gives the voucher back to be billed again (nothing reached
/// aCuotaz), with `problem` saying why it did not go.
pub(crate) fn finish_billing(
    connection: &mut Connection,
    row: i64,
    billing: Option<Billing>,
    entry: Option<i64>,
    problem: Option<&str>,
) -> Result<(), TillError> {
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(failed())?;
    transaction
        .execute(
            "UPDATE voucher SET billing = ?2, billed_entry = COALESCE(?3, billed_entry), \
             billing_problem = ?4, billing_claimed_ms = ?5 WHERE id = ?1",
            params![
                row,
                billing.map(Billing::as_str),
                entry,
                problem,
                Timestamp::now().as_millisecond(),
            ],
        )
        .map_err(failed())?;
    audit::seal_voucher(&transaction, row)?;
    audit::commit(transaction).map_err(failed())
}

/// The down payment journal's `paid-and-billed` row written for `code` after `after_entry` (the
/// billing a claim started), with its state.
pub(crate) fn billing_entry(
    connection: &Connection,
    mode: Mode,
    code: &str,
    after_entry: i64,
) -> Result<Option<(i64, OperationState)>, TillError> {
    let found: Option<(i64, String)> = connection
        .query_row(
            "SELECT id, state FROM journal WHERE mode = ?1 AND funding_code = ?2 \
             AND kind = 'paid_and_billed' AND id > ?3 ORDER BY id DESC LIMIT 1",
            params![mode.as_str(), code, after_entry],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(read_failed())?;
    Ok(found.and_then(|(id, state)| state.parse().ok().map(|state| (id, state))))
}

/// Where a claimed billing started (`billing_after_entry`) and when it was claimed.
pub(crate) fn billing_claim(connection: &Connection, row: i64) -> Result<(i64, i64), TillError> {
    connection
        .query_row(
            "SELECT COALESCE(billing_after_entry, 0), COALESCE(billing_claimed_ms, 0) \
             FROM voucher WHERE id = ?1",
            [row],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(read_failed())
}

/// A supervisor's decision on a corrected amount.
pub(crate) fn record_decision(
    connection: &mut Connection,
    row: i64,
    decision: AmountDecision,
    who: &str,
    why: &str,
) -> Result<(), TillError> {
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(failed())?;
    transaction
        .execute(
            "UPDATE voucher SET amount_decision = ?2, decided_by = ?3, decision_reason = ?4 \
             WHERE id = ?1 AND amount_decision IS NULL",
            params![row, decision.as_str(), who, why],
        )
        .map_err(failed())?;
    audit::seal_voucher(&transaction, row)?;
    audit::commit(transaction).map_err(failed())
}

/// Vouchers registered whose status may still change and whose next read is due.
pub(crate) fn due_polls(
    connection: &Connection,
    mode: Mode,
    now_ms: i64,
) -> Result<Vec<(String, u32)>, TillError> {
    let mut statement = connection
        .prepare(
            "SELECT voucher_id, polls FROM voucher WHERE mode = ?1 AND state = 'pending' \
             AND COALESCE(status, 'PENDING') NOT IN ('VALIDATED', 'INVALID', 'CANCELED') \
             AND COALESCE(next_poll_ms, 0) <= ?2 ORDER BY id",
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

/// Notes a status read and when the next is due.
pub(crate) fn record_poll(
    connection: &Connection,
    mode: Mode,
    voucher_id: &str,
    next_ms: i64,
) -> Result<(), TillError> {
    connection
        .execute(
            "UPDATE voucher SET polls = polls + 1, next_poll_ms = ?3 \
             WHERE mode = ?1 AND voucher_id = ?2",
            params![mode.as_str(), voucher_id, next_ms],
        )
        .map(drop)
        .map_err(failed())
}

/// Validated transfers for a down payment whose billing is not settled: to bill, or to read back.
pub(crate) fn unsettled_billings(
    connection: &Connection,
    mode: Mode,
) -> Result<Vec<String>, TillError> {
    let mut statement = connection
        .prepare(
            "SELECT voucher_id FROM voucher WHERE mode = ?1 AND state = 'pending' \
             AND status = 'VALIDATED' AND sale_funding_code IS NOT NULL \
             AND (billing IS NULL OR billing = 'sending') ORDER BY id",
        )
        .map_err(read_failed())?;
    statement
        .query_map([mode.as_str()], |r| r.get(0))
        .map_err(read_failed())?
        .collect::<Result<_, _>>()
        .map_err(read_failed())
}

/// The newest voucher that pays `code`, whatever its state.
pub(crate) fn newest_for_code(
    connection: &Connection,
    mode: Mode,
    code: &str,
) -> Result<Option<String>, TillError> {
    connection
        .query_row(
            "SELECT voucher_id FROM voucher WHERE mode = ?1 AND sale_funding_code = ?2 \
             AND state NOT IN ('refused', 'abandoned') \
             ORDER BY (status = 'VALIDATED' AND COALESCE(billing, '') <> 'billed') DESC, id DESC LIMIT 1",
            params![mode.as_str(), code],
            |r| r.get(0),
        )
        .optional()
        .map_err(read_failed())
}
