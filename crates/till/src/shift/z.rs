//! The Z report: a closed shift as it was filed, kept whole in SQLite as a snapshot so that a reprint
//! any day later shows exactly what the original did (the same bytes are what Caja Central verifies
//! against the digest the audit chain sealed at closing). Its number is the mode's next, given in the
//! same transaction that closes the shift (see `store::close`).

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::financing::Financing;
use super::reconcile::Reconciliation;
use super::store::{Event, failed, seal};
use super::transfers::Transfers;
use super::{CashMovement, ClosingCount, Shift};
use crate::audit;
use crate::error::TillError;
use crate::mode::Mode;
use crate::operations::Till;

/// Who approved the differences, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalRecord {
    pub supervisor: String,
    pub reason: String,
}

/// A filed Z report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZReport {
    pub number: i64,
    pub mode: Mode,
    pub shift: Shift,
    pub movements: Vec<CashMovement>,
    /// How many journal rows the shift holds.
    pub operations: usize,
    /// The blind count the closing used (the last one).
    pub count: ClosingCount,
    /// How many times the drawer was counted again before closing.
    pub recounts: usize,
    pub reconciliation: Reconciliation,
    /// The shift's bank-transfer vouchers by status, the unsettled ones listed. Left out of the snapshot
    /// when the shift had none, so a till without aPagos files what it filed before vouchers existed
    /// (and those snapshots read back empty).
    #[serde(default, skip_serializing_if = "Transfers::is_empty")]
    pub transfers: Transfers,
    /// The shift's Aplazame checkouts by where they stand, the unsettled ones listed. Left out when the
    /// shift had none, as the transfers are.
    #[serde(default, skip_serializing_if = "Financing::is_empty")]
    pub financing: Financing,
    pub approval: Option<ApprovalRecord>,
}

impl Till {
    /// A filed Z report, as it was at closing.
    pub async fn z_report(&self, number: i64) -> Result<ZReport, TillError> {
        let mode = self.mode();
        let snapshot = self
            .in_db(move |db| z_snapshot(db, mode, number))
            .await?
            .ok_or(TillError::NoSuchZReport { number })?;
        serde_json::from_str(&snapshot).map_err(|_| TillError::NoSuchZReport { number })
    }

    /// The mode's Z reports, newest first: number and closing time.
    pub async fn z_reports(&self) -> Result<Vec<(i64, Timestamp)>, TillError> {
        let mode = self.mode();
        let numbers = self.in_db(move |db| z_numbers(db, mode)).await?;
        Ok(numbers
            .into_iter()
            .map(|(number, at)| (number, at.parse().unwrap_or(Timestamp::UNIX_EPOCH)))
            .collect())
    }
}

/// Closes the shift and files its Z report under the next number of the mode, in one transaction:
/// either both happen or neither, so a crash can neither lose a Z nor number one twice.
pub(crate) fn close(
    connection: &mut Connection,
    mode: Mode,
    shift_id: i64,
    closed_by: Option<&str>,
    closed_at: Timestamp,
    snapshot: impl Fn(i64) -> String,
) -> Result<i64, TillError> {
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(failed("close the shift"))?;
    let still_open: bool = transaction
        .query_row(
            "SELECT state = 'open' FROM shift WHERE id = ?1",
            [shift_id],
            |row| row.get(0),
        )
        .map_err(failed("close the shift"))?;
    if !still_open {
        return Err(TillError::NoShiftOpen);
    }
    let number: i64 = transaction
        .query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM z_report WHERE mode = ?1",
            [mode.as_str()],
            |row| row.get(0),
        )
        .map_err(failed("number the Z report"))?;
    let snapshot = snapshot(number);
    transaction
        .execute(
            "INSERT INTO z_report (mode, number, shift_id, closed_at, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![mode.as_str(), number, shift_id, closed_at.to_string(), snapshot],
        )
        .map_err(failed("file the Z report"))?;
    transaction
        .execute(
            "UPDATE shift SET state = 'closed', closed_at = ?1, closed_by = ?2, z_number = ?3 WHERE id = ?4",
            rusqlite::params![closed_at.to_string(), closed_by, number, shift_id],
        )
        .map_err(failed("close the shift"))?;
    seal(
        &transaction,
        shift_id,
        &Event {
            event: "closed",
            detail: serde_json::json!({
                "z_number": number,
                "by": closed_by,
                "z_sha256": audit::digest(&snapshot),
            }),
        },
    )?;
    audit::commit(transaction).map_err(failed("close the shift"))?;
    Ok(number)
}

/// A filed Z report's snapshot.
fn z_snapshot(
    connection: &Connection,
    mode: Mode,
    number: i64,
) -> Result<Option<String>, TillError> {
    connection
        .query_row(
            "SELECT snapshot FROM z_report WHERE mode = ?1 AND number = ?2",
            rusqlite::params![mode.as_str(), number],
            |row| row.get(0),
        )
        .optional()
        .map_err(failed("read the Z report"))
}

/// The numbers of the mode's Z reports, newest first, with when each was closed.
fn z_numbers(connection: &Connection, mode: Mode) -> Result<Vec<(i64, String)>, TillError> {
    let mut statement = connection
        .prepare("SELECT number, closed_at FROM z_report WHERE mode = ?1 ORDER BY number DESC")
        .map_err(failed("read the Z reports"))?;
    let rows = statement
        .query_map([mode.as_str()], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(failed("read the Z reports"))?;
    rows.collect::<Result<_, _>>()
        .map_err(failed("read the Z reports"))
}
