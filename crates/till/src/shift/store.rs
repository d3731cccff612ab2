//! The shift's tables: a shift's row, its counts, its cash movements and its Z report. Every write
//! seals what it wrote into the audit chain in the same transaction (subject `shift`, the shift's id).

use jiff::Timestamp;
use jiff::civil::Date;
use providers::Soles;
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use super::{CashMovement, ClosingCount, Direction, Shift};
use crate::audit::{self, Subject};
use crate::cash::CashCount;
use crate::country::Country;
use crate::error::TillError;
use crate::mode::Mode;

pub(super) fn failed(context: &'static str) -> impl Fn(rusqlite::Error) -> TillError {
    move |source| TillError::Storage { context, source }
}

/// The open shift's id in `mode`, if one is open.
pub(crate) fn open_id(connection: &Connection, mode: Mode) -> Result<Option<i64>, TillError> {
    connection
        .query_row(
            "SELECT id FROM shift WHERE mode = ?1 AND state = 'open'",
            [mode.as_str()],
            |row| row.get(0),
        )
        .optional()
        .map_err(failed("read the shift"))
}

/// Seals one event of a shift.
pub(super) fn seal(
    transaction: &Transaction<'_>,
    shift_id: i64,
    event: &impl Serialize,
) -> Result<(), TillError> {
    audit::append(
        transaction,
        Subject::Shift,
        shift_id,
        &audit::canonical(event),
    )
}

#[derive(Serialize)]
pub(super) struct Event<'a, T: Serialize> {
    pub event: &'a str,
    #[serde(flatten)]
    pub detail: T,
}

/// Opens a shift with its float, counted now. Refused while one is open in the mode.
pub(crate) fn open(
    connection: &mut Connection,
    mode: Mode,
    country: Country,
    float: &CashCount,
    by: Option<&str>,
) -> Result<Shift, TillError> {
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(failed("open a shift"))?;
    if let Some(id) = open_id(&transaction, mode)? {
        let opened_by = transaction
            .query_row("SELECT opened_by FROM shift WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .map_err(failed("read the shift"))?;
        return Err(TillError::ShiftAlreadyOpen { id, opened_by });
    }
    let now = Timestamp::now();
    let day = country.day_of(now);
    transaction
        .execute(
            "INSERT INTO shift (mode, state, opened_at, opened_by, lima_day, country) VALUES (?1, 'open', ?2, ?3, ?4, ?5)",
            rusqlite::params![mode.as_str(), now.to_string(), by, day.to_string(), country.code()],
        )
        .map_err(failed("open a shift"))?;
    let id = transaction.last_insert_rowid();
    insert_count(&transaction, id, "opening", float, None, by, now)?;
    seal(
        &transaction,
        id,
        &Event {
            event: "opened",
            detail: serde_json::json!({ "mode": mode.as_str(), "country": country.code(), "by": by, "float": float.total().centimos(), "pieces": float.pieces }),
        },
    )?;
    audit::commit(transaction).map_err(failed("open a shift"))?;
    Ok(Shift {
        id,
        mode,
        country,
        opened_at: now,
        opened_by: by.map(str::to_owned),
        lima_day: day,
        opening: float.clone(),
        closed_at: None,
        closed_by: None,
        z_number: None,
    })
}

fn insert_count(
    transaction: &Transaction<'_>,
    shift_id: i64,
    purpose: &str,
    count: &CashCount,
    card_batch: Option<Soles>,
    by: Option<&str>,
    at: Timestamp,
) -> Result<(), TillError> {
    let pieces = serde_json::to_string(&count.pieces).unwrap_or_default();
    transaction
        .execute(
            "INSERT INTO cash_count (shift_id, purpose, pieces, cash_centimos, card_batch_centimos, counted_at, counted_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                shift_id,
                purpose,
                pieces,
                count.total().centimos(),
                card_batch.map(Soles::centimos),
                at.to_string(),
                by
            ],
        )
        .map(drop)
        .map_err(failed("save a count"))
}

/// The shift with `id`, or the open one of `mode` when `id` is none.
pub(crate) fn load(
    connection: &Connection,
    mode: Mode,
    id: Option<i64>,
) -> Result<Option<Shift>, TillError> {
    let row = connection
        .query_row(
            "SELECT id, opened_at, opened_by, lima_day, closed_at, closed_by, z_number, country FROM shift \
             WHERE mode = ?1 AND ((?2 IS NULL AND state = 'open') OR id = ?2)",
            rusqlite::params![mode.as_str(), id],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Option<String>>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, Option<String>>(4)?,
                    row.get::<_, Option<String>>(5)?,
                    row.get::<_, Option<i64>>(6)?,
                    row.get::<_, String>(7)?,
                ))
            },
        )
        .optional()
        .map_err(failed("read the shift"))?;
    let Some((id, opened_at, opened_by, lima_day, closed_at, closed_by, z_number, country)) = row
    else {
        return Ok(None);
    };
    let opening = counts(connection, id, "opening")?
        .pop()
        .map(|count| count.cash)
        .unwrap_or_default();
    let bad = |_| TillError::storage("read the shift")(rusqlite::Error::InvalidQuery);
    Ok(Some(Shift {
        id,
        mode,
        country: country
            .parse()
            .map_err(|_| TillError::storage("read the shift")(rusqlite::Error::InvalidQuery))?,
        opened_at: opened_at.parse().map_err(bad)?,
        opened_by,
        lima_day: lima_day.parse::<Date>().map_err(bad)?,
        opening,
        closed_at: closed_at.map(|at| at.parse()).transpose().map_err(bad)?,
        closed_by,
        z_number,
    }))
}

/// The counts of one purpose, oldest first.
pub(crate) fn counts(
    connection: &Connection,
    shift_id: i64,
    purpose: &str,
) -> Result<Vec<ClosingCount>, TillError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT pieces, card_batch_centimos, counted_at, counted_by FROM cash_count \
             WHERE shift_id = ?1 AND purpose = ?2 ORDER BY id",
        )
        .map_err(failed("read the counts"))?;
    let rows = statement
        .query_map(rusqlite::params![shift_id, purpose], |row| {
            let pieces: String = row.get(0)?;
            let at: String = row.get(2)?;
            Ok(ClosingCount {
                cash: CashCount {
                    pieces: serde_json::from_str(&pieces).unwrap_or_default(),
                },
                card_batch: Soles::from_centimos(row.get::<_, Option<i64>>(1)?.unwrap_or(0)),
                counted_at: at.parse().unwrap_or(Timestamp::UNIX_EPOCH),
                counted_by: row.get(3)?,
            })
        })
        .map_err(failed("read the counts"))?;
    rows.collect::<Result<_, _>>()
        .map_err(failed("read the counts"))
}

/// Records the blind count at closing (each recount is kept; the last one is the closing's).
pub(crate) fn record_closing_count(
    connection: &mut Connection,
    shift_id: i64,
    count: &ClosingCount,
) -> Result<(), TillError> {
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(failed("save a count"))?;
    insert_count(
        &transaction,
        shift_id,
        "closing",
        &count.cash,
        Some(count.card_batch),
        count.counted_by.as_deref(),
        count.counted_at,
    )?;
    seal(
        &transaction,
        shift_id,
        &Event {
            event: "counted",
            detail: serde_json::json!({
                "cash": count.cash.total().centimos(),
                "pieces": count.cash.pieces,
                "card_batch": count.card_batch.centimos(),
                "by": count.counted_by,
            }),
        },
    )?;
    audit::commit(transaction).map_err(failed("save a count"))
}

/// Records cash in or out of the drawer.
pub(crate) fn record_movement(
    connection: &mut Connection,
    movement: &CashMovement,
) -> Result<i64, TillError> {
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(failed("save a cash movement"))?;
    transaction
        .execute(
            "INSERT INTO cash_movement (shift_id, direction, amount_centimos, reason, at, operator_name, \
             approver_name, approval_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                movement.shift_id,
                movement.direction.as_str(),
                movement.amount.centimos(),
                movement.reason,
                movement.at.to_string(),
                movement.operator,
                movement.approver,
                movement.approval_reason
            ],
        )
        .map_err(failed("save a cash movement"))?;
    let id = transaction.last_insert_rowid();
    let mut sealed = movement.clone();
    sealed.id = id;
    seal(
        &transaction,
        movement.shift_id,
        &Event {
            event: "cash_movement",
            detail: &sealed,
        },
    )?;
    audit::commit(transaction).map_err(failed("save a cash movement"))?;
    Ok(id)
}

pub(crate) fn movements(
    connection: &Connection,
    shift_id: i64,
) -> Result<Vec<CashMovement>, TillError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT id, direction, amount_centimos, reason, at, operator_name, approver_name, approval_reason \
             FROM cash_movement WHERE shift_id = ?1 ORDER BY id",
        )
        .map_err(failed("read the cash movements"))?;
    let rows = statement
        .query_map([shift_id], |row| {
            let direction: String = row.get(1)?;
            let at: String = row.get(4)?;
            Ok(CashMovement {
                id: row.get(0)?,
                shift_id,
                direction: if direction == "in" {
                    Direction::In
                } else {
                    Direction::Out
                },
                amount: Soles::from_centimos(row.get(2)?),
                reason: row.get(3)?,
                at: at.parse().unwrap_or(Timestamp::UNIX_EPOCH),
                operator: row.get(5)?,
                approver: row.get(6)?,
                approval_reason: row.get(7)?,
            })
        })
        .map_err(failed("read the cash movements"))?;
    rows.collect::<Result<_, _>>()
        .map_err(failed("read the cash movements"))
}

/// The journal rows of a shift.
pub(crate) fn operations_of(
    connection: &Connection,
    shift_id: i64,
) -> Result<Vec<crate::journal::JournalEntry>, TillError> {
    crate::journal::of_shift(connection, shift_id)
}

/// This till's confirmed payments on `day` outside the shift `shift_id`.
pub(crate) fn payments_of_day_outside(
    connection: &Connection,
    mode: Mode,
    day: Date,
    shift_id: i64,
) -> Result<Vec<crate::journal::JournalEntry>, TillError> {
    Ok(crate::journal::list(connection, mode, Some(day))?
        .into_iter()
        .filter(|entry| entry.shift_id != Some(shift_id) && entry.collected().centimos() > 0)
        .collect())
}
