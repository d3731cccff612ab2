//! The journal as the outbox's queue: which rows still wait for an outcome, and the claim a process
//! takes on one before resolving it (so two processes never resolve the same row at once).

use jiff::Timestamp;

use super::{COLUMNS, JournalEntry, read_row};
use crate::audit;
use crate::error::TillError;
use crate::mode::Mode;

/// Which open operation to take.
pub(crate) struct Claim<'a> {
    /// Only this code's open operation (the cashier is looking at it), or any.
    pub funding_code: Option<&'a str>,
    /// Try now even if its back-off is not over (a person asked), but never under a live lease.
    pub ignore_backoff: bool,
    pub lease_ms: i64,
}

/// Takes the oldest open state-changing operation that is due (no live lease, its back-off over) and
/// leases it to the caller, counting the attempt. Two processes can never take the same row: the lease
/// is taken inside a write transaction.
pub(crate) fn claim(
    connection: &mut rusqlite::Connection,
    mode: Mode,
    claim: &Claim<'_>,
) -> Result<Option<JournalEntry>, TillError> {
    use rusqlite::OptionalExtension;
    let failed = || TillError::storage("take an open operation");
    let now = Timestamp::now().as_millisecond();
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(failed())?;
    let sql = format!(
        "SELECT {COLUMNS} FROM journal WHERE mode = ?1 AND kind != 'check' \
         AND state IN ('pending', 'unknown') \
         AND (?3 IS NULL OR funding_code = ?3) \
         AND (lease_until_ms IS NULL OR lease_until_ms < ?2) \
         AND (?4 OR next_attempt_ms IS NULL OR next_attempt_ms <= ?2) ORDER BY id LIMIT 1"
    );
    let due = transaction
        .query_row(
            &sql,
            rusqlite::params![mode.as_str(), now, claim.funding_code, claim.ignore_backoff],
            read_row,
        )
        .optional()
        .map_err(failed())?;
    if let Some(entry) = &due {
        transaction
            .execute(
                "UPDATE journal SET lease_until_ms = ?1, attempts = attempts + 1 WHERE id = ?2",
                rusqlite::params![now + claim.lease_ms, entry.id],
            )
            .map_err(failed())?;
    }
    transaction.commit().map_err(failed())?;
    Ok(due.map(|mut entry| {
        entry.attempts += 1;
        entry
    }))
}

/// Every open state-changing operation in a mode, oldest first.
pub(crate) fn open_operations(
    connection: &rusqlite::Connection,
    mode: Mode,
) -> Result<Vec<JournalEntry>, TillError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM journal WHERE mode = ?1 AND kind != 'check' \
         AND state IN ('pending', 'unknown') ORDER BY id"
    );
    let mut statement = connection
        .prepare_cached(&sql)
        .map_err(TillError::storage("read the journal"))?;
    let rows = statement
        .query_map(rusqlite::params![mode.as_str()], read_row)
        .map_err(TillError::storage("read the journal"))?;
    rows.collect::<Result<Vec<_>, _>>()
        .map_err(TillError::storage("read the journal"))
}

/// A check left `pending` by a crash only read; it ends `unknown` and needs no resolving.
pub(crate) fn close_abandoned_checks(
    connection: &rusqlite::Connection,
    mode: Mode,
) -> Result<(), TillError> {
    let failed = || TillError::storage("write to the journal");
    let transaction = connection.unchecked_transaction().map_err(failed())?;
    let ids: Vec<i64> = transaction
        .prepare_cached(
            "UPDATE journal SET state = 'unknown', lease_until_ms = NULL, \
             reason = 'interrupted before the answer arrived' \
             WHERE mode = ?1 AND kind = 'check' AND state = 'pending' AND lease_until_ms < ?2 \
             RETURNING id",
        )
        .and_then(|mut statement| {
            statement
                .query_map(
                    rusqlite::params![mode.as_str(), Timestamp::now().as_millisecond()],
                    |row| row.get(0),
                )?
                .collect::<Result<_, _>>()
        })
        .map_err(failed())?;
    if ids.is_empty() {
        // Nothing was abandoned: the usual case, every few seconds; nothing to commit or anchor.
        return Ok(());
    }
    for id in ids {
        audit::seal_journal_row(&transaction, id)?;
    }
    audit::commit(transaction).map_err(failed())
}
