//! What the till keeps about Caja Central: the link (where it is enrolled, as which store and till), the
//! cursor (the seq Central last acknowledged holding without a hole, the last relayed event handled,
//! the last push and its error), and which Z reports Central holds. It reads what goes out exactly as
//! stored: audit entries in seq order and Z snapshots byte for byte, so Central can check the chain's
//! hashes and the Z digests the chain sealed. The till's key for Central is a secret: it is kept by the
//! desk's secret store, never here.

use jiff::Timestamp;
use providers::central::wire::AuditEntry;
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::TillError;
use crate::operations::Till;

/// Where this till is enrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentralLink {
    pub base_url: String,
    /// Plain http allowed beyond loopback (said explicitly at enrollment).
    pub plain_http_anywhere: bool,
    pub store: String,
    pub till: String,
    pub store_name: String,
    pub enrolled_at: Timestamp,
}

/// How far Central has acknowledged this till.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CentralCursor {
    /// Central's `high_water` last acknowledged: everything up to it is held there without a hole.
    pub pushed_seq: i64,
    /// The last relayed event handled.
    pub relay_after: i64,
    pub last_push_at: Option<Timestamp>,
    pub last_error: Option<String>,
}

/// A Z report Central does not hold yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsentZ {
    pub mode: String,
    pub number: i64,
    /// The snapshot as stored in `z_report.snapshot`.
    pub snapshot: String,
}

pub fn link(db: &Connection) -> Result<Option<CentralLink>, TillError> {
    db.query_row(
        "SELECT base_url, plain_http_anywhere, store, till, store_name, enrolled_at FROM central_link",
        [],
        |row| {
            Ok(CentralLink {
                base_url: row.get(0)?,
                plain_http_anywhere: row.get(1)?,
                store: row.get(2)?,
                till: row.get(3)?,
                store_name: row.get(4)?,
                enrolled_at: row
                    .get::<_, String>(5)?
                    .parse()
                    .unwrap_or(Timestamp::UNIX_EPOCH),
            })
        },
    )
    .optional()
    .map_err(TillError::storage("read the Central link"))
}

/// Saves the link. Enrolling at another Central, or as another till, starts its cursor afresh: that
/// Central holds nothing of this till yet.
pub fn save_link(db: &mut Connection, link: &CentralLink) -> Result<(), TillError> {
    let transaction = db
        .transaction()
        .map_err(TillError::storage("save the Central link"))?;
    let before = self::link(&transaction)?;
    let same_place = before.as_ref().is_some_and(|before| {
        (&before.base_url, &before.store, &before.till) == (&link.base_url, &link.store, &link.till)
    });
    transaction
        .execute(
            "INSERT OR REPLACE INTO central_link (id, base_url, plain_http_anywhere, store, till, \
             store_name, enrolled_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                link.base_url,
                link.plain_http_anywhere,
                link.store,
                link.till,
                link.store_name,
                link.enrolled_at.to_string()
            ],
        )
        .map_err(TillError::storage("save the Central link"))?;
    if !same_place {
        transaction
            .execute_batch("DELETE FROM central_cursor; DELETE FROM central_z_sent;")
            .map_err(TillError::storage("reset the Central cursor"))?;
    }
    transaction
        .commit()
        .map_err(TillError::storage("save the Central link"))
}

pub fn cursor(db: &Connection) -> Result<CentralCursor, TillError> {
    let cursor = db
        .query_row(
            "SELECT pushed_seq, relay_after, last_push_at, last_error FROM central_cursor",
            [],
            |row| {
                Ok(CentralCursor {
                    pushed_seq: row.get(0)?,
                    relay_after: row.get(1)?,
                    last_push_at: row
                        .get::<_, Option<String>>(2)?
                        .and_then(|text| text.parse().ok()),
                    last_error: row.get(3)?,
                })
            },
        )
        .optional()
        .map_err(TillError::storage("read the Central cursor"))?;
    Ok(cursor.unwrap_or_default())
}

/// The audit entries after `seq`, in seq order, at most `limit`, exactly as stored.
pub fn entries_after(
    db: &Connection,
    seq: i64,
    limit: usize,
) -> Result<Vec<AuditEntry>, TillError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut statement = db
        .prepare(
            "SELECT seq, at, subject, subject_id, content, prev_hash, hash FROM audit_log \
             WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )
        .map_err(TillError::storage("read the audit log"))?;
    let rows = statement
        .query_map(params![seq, limit], |row| {
            Ok(AuditEntry {
                seq: row.get(0)?,
                at: row.get(1)?,
                subject: row.get(2)?,
                subject_id: row.get(3)?,
                content: row.get(4)?,
                prev_hash: row.get(5)?,
                hash: row.get(6)?,
            })
        })
        .map_err(TillError::storage("read the audit log"))?;
    rows.collect::<Result<_, _>>()
        .map_err(TillError::storage("read the audit log"))
}

/// How many audit entries come after `seq`.
pub fn count_after(db: &Connection, seq: i64) -> Result<i64, TillError> {
    db.query_row(
        "SELECT count(*) FROM audit_log WHERE seq > ?1",
        [seq],
        |row| row.get(0),
    )
    .map_err(TillError::storage("count the audit log"))
}

/// The Z reports of every mode that Central does not hold yet, oldest first.
pub fn unsent_zs(db: &Connection) -> Result<Vec<UnsentZ>, TillError> {
    let mut statement = db
        .prepare(
            "SELECT z.mode, z.number, z.snapshot FROM z_report AS z WHERE NOT EXISTS \
             (SELECT 1 FROM central_z_sent AS s WHERE s.mode = z.mode AND s.number = z.number) \
             ORDER BY z.closed_at, z.mode, z.number",
        )
        .map_err(TillError::storage("read the Z reports"))?;
    let rows = statement
        .query_map([], |row| {
            Ok(UnsentZ {
                mode: row.get(0)?,
                number: row.get(1)?,
                snapshot: row.get(2)?,
            })
        })
        .map_err(TillError::storage("read the Z reports"))?;
    rows.collect::<Result<_, _>>()
        .map_err(TillError::storage("read the Z reports"))
}

fn ensure_cursor(db: &Connection) -> Result<(), TillError> {
    db.execute("INSERT OR IGNORE INTO central_cursor (id) VALUES (1)", [])
        .map(drop)
        .map_err(TillError::storage("write the Central cursor"))
}

/// Central acknowledged holding the chain up to `high_water`. The cursor follows Central's word, even
/// backwards: a Central restored from a backup asks for entries again, and gets them.
pub fn record_push(db: &Connection, high_water: i64, at: Timestamp) -> Result<(), TillError> {
    ensure_cursor(db)?;
    db.execute(
        "UPDATE central_cursor SET pushed_seq = ?1, last_push_at = ?2, last_error = NULL",
        params![high_water, at.to_string()],
    )
    .map(drop)
    .map_err(TillError::storage("write the Central cursor"))
}

/// The last push failed: why, for the status line (the cursor stays where it was).
pub fn record_error(db: &Connection, error: Option<&str>) -> Result<(), TillError> {
    ensure_cursor(db)?;
    db.execute("UPDATE central_cursor SET last_error = ?1", [error])
        .map(drop)
        .map_err(TillError::storage("write the Central cursor"))
}

/// Every relayed event up to `after` has been handled.
pub fn record_relay(db: &Connection, after: i64) -> Result<(), TillError> {
    ensure_cursor(db)?;
    db.execute(
        "UPDATE central_cursor SET relay_after = max(relay_after, ?1)",
        [after],
    )
    .map(drop)
    .map_err(TillError::storage("write the Central cursor"))
}

/// Central holds this Z report (`verified`: its digest matched the chain's).
pub fn record_z(db: &Connection, mode: &str, number: i64, verified: bool) -> Result<(), TillError> {
    db.execute(
        "INSERT OR REPLACE INTO central_z_sent (mode, number, verified, sent_at) VALUES (?1, ?2, ?3, ?4)",
        params![mode, number, verified, Timestamp::now().to_string()],
    )
    .map(drop)
    .map_err(TillError::storage("record a Z sent to Central"))
}

/// How many Z reports Central holds, and how many of them it verified.
pub fn zs_sent(db: &Connection) -> Result<(i64, i64), TillError> {
    db.query_row(
        "SELECT count(*), coalesce(sum(verified), 0) FROM central_z_sent",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .map_err(TillError::storage("count the Z reports sent"))
}

impl Till {
    /// Runs `work` on the till's database on a blocking thread (the Central link, cursor and reads).
    pub async fn with_central_db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, TillError> + Send + 'static,
    ) -> Result<T, TillError> {
        self.in_db(work).await
    }
}

#[cfg(test)]
mod tests;
