//! The tamper-evident record: every change to the journal, to the people who use the till and to the
//! settings that move money is appended to `audit_log`, in the same transaction as the change, as the
//! row's content after it and a SHA-256 hash over that content and the previous entry's hash.
//!
//! [`verify`] walks the chain (an edited entry no longer matches its hash; a deleted or reordered one
//! breaks the link to its neighbour) and then compares every journal row with the last content the chain
//! holds for it (a row edited, deleted, or added behind Caja's back). Each finding names the row.
//!
//! The chain proves the file was not changed by hand with an SQLite tool; it is not a signature, so
//! someone who rewrites the whole chain with the same algorithm is not caught. Outbox bookkeeping
//! (attempt counts, leases, back-off times) is left out of the sealed content: it changes on every
//! retry and says nothing about money.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::TillError;

/// The `prev_hash` of the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The journal's columns that the chain seals, in this order.
const SEALED_JOURNAL_COLUMNS: [&str; 16] = [
    "id",
    "idempotency_key",
    "mode",
    "kind",
    "customer_field",
    "customer_number",
    "funding_code",
    "state",
    "reason",
    "http_status",
    "downpayment_centimos",
    "created_at",
    "finished_at",
    "operator_name",
    "approver_name",
    "approval_reason",
];

/// What an audit entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Journal,
    Person,
    Settings,
}

impl Subject {
    fn as_str(self) -> &'static str {
        match self {
            Subject::Journal => "journal",
            Subject::Person => "person",
            Subject::Settings => "settings",
        }
    }
}

/// Appends one entry; `content` is already canonical JSON. Call inside the transaction of the change.
pub(crate) fn append(
    connection: &Connection,
    subject: Subject,
    subject_id: i64,
    content: &str,
) -> Result<(), TillError> {
    let failed = TillError::storage("write the audit record");
    let last: Option<(i64, String)> = connection
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(TillError::storage("read the audit record"))?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let at = Timestamp::now().to_string();
    let hash = entry_hash(&prev_hash, seq, &at, subject.as_str(), subject_id, content);
    connection
        .execute(
            "INSERT INTO audit_log (seq, at, subject, subject_id, content, prev_hash, hash) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                seq,
                at,
                subject.as_str(),
                subject_id,
                content,
                prev_hash,
                hash
            ],
        )
        .map(drop)
        .map_err(failed)
}

/// Seals a journal row as it is stored now (read back, so the seal is exactly what the table holds).
pub(crate) fn seal_journal_row(connection: &Connection, id: i64) -> Result<(), TillError> {
    let content = journal_content(connection, id)?.ok_or_else(|| {
        TillError::storage("seal a journal row")(rusqlite::Error::QueryReturnedNoRows)
    })?;
    append(connection, Subject::Journal, id, &content)
}

/// Serialises any value the way the chain stores it (keys in declaration order, no spaces).
pub(crate) fn canonical(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    subject: &str,
    subject_id: i64,
    content: &str,
) -> String {
    let mut hasher = Sha256::new();
    for part in [
        prev_hash,
        &seq.to_string(),
        at,
        subject,
        &subject_id.to_string(),
        content,
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The sealed content of one journal row, or `None` when there is no such row.
fn journal_content(connection: &Connection, id: i64) -> Result<Option<String>, TillError> {
    let sql = format!(
        "SELECT {} FROM journal WHERE id = ?1",
        SEALED_JOURNAL_COLUMNS.join(", ")
    );
    connection
        .query_row(&sql, [id], row_content)
        .optional()
        .map_err(TillError::storage("read the journal"))
}

fn row_content(row: &rusqlite::Row<'_>) -> rusqlite::Result<String> {
    let mut object = serde_json::Map::new();
    for (index, column) in SEALED_JOURNAL_COLUMNS.iter().enumerate() {
        let value = match row.get_ref(index)? {
            rusqlite::types::ValueRef::Null => serde_json::Value::Null,
            rusqlite::types::ValueRef::Integer(number) => number.into(),
            rusqlite::types::ValueRef::Text(text) => {
                String::from_utf8_lossy(text).into_owned().into()
            }
            other => format!("{other:?}").into(),
        };
        object.insert((*column).to_owned(), value);
    }
    Ok(serde_json::Value::Object(object).to_string())
}

/// One thing [`verify`] found wrong, naming the entry or row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// The entry's content or time no longer matches its hash.
    EntryEdited { seq: i64 },
    /// The entry does not follow the one before it: entries between were deleted, or moved.
    ChainBroken { seq: i64, previous_seq: i64 },
    /// A journal row differs from what the chain sealed; `fields` are the columns that differ.
    RowEdited { id: i64, fields: Vec<String> },
    /// A row the chain knows is gone from the journal.
    RowDeleted { id: i64 },
    /// A journal row the chain never saw: written behind Caja's back.
    RowUnsealed { id: i64 },
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    pub entries_checked: usize,
    pub rows_checked: usize,
    pub findings: Vec<Finding>,
}

impl AuditReport {
    pub fn is_intact(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Checks the chain and the journal against it.
pub fn verify(connection: &Connection) -> Result<AuditReport, TillError> {
    let mut report = AuditReport::default();
    let mut sealed: BTreeMap<i64, String> = BTreeMap::new();
    let mut statement = connection
        .prepare("SELECT seq, at, subject, subject_id, content, prev_hash, hash FROM audit_log ORDER BY seq")
        .map_err(TillError::storage("read the audit record"))?;
    let mut rows = statement
        .query([])
        .map_err(TillError::storage("read the audit record"))?;
    let mut previous: Option<(i64, String)> = None;
    while let Some(row) = rows
        .next()
        .map_err(TillError::storage("read the audit record"))?
    {
        let failed = TillError::storage("read the audit record");
        let read = || -> rusqlite::Result<(i64, String, String, i64, String, String, String)> {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
            ))
        };
        let (seq, at, subject, subject_id, content, prev_hash, hash) = read().map_err(failed)?;
        report.entries_checked += 1;
        if entry_hash(&prev_hash, seq, &at, &subject, subject_id, &content) != hash {
            report.findings.push(Finding::EntryEdited { seq });
        }
        let (expected_prev, previous_seq) = match &previous {
            Some((previous_seq, previous_hash)) => (previous_hash.as_str(), *previous_seq),
            None => (GENESIS, 0),
        };
        if prev_hash != expected_prev || seq != previous_seq + 1 {
            report
                .findings
                .push(Finding::ChainBroken { seq, previous_seq });
        }
        if subject == Subject::Journal.as_str() {
            sealed.insert(subject_id, content);
        }
        previous = Some((seq, hash));
    }
    compare_journal(connection, &sealed, &mut report)?;
    Ok(report)
}

fn compare_journal(
    connection: &Connection,
    sealed: &BTreeMap<i64, String>,
    report: &mut AuditReport,
) -> Result<(), TillError> {
    let sql = format!(
        "SELECT {} FROM journal ORDER BY id",
        SEALED_JOURNAL_COLUMNS.join(", ")
    );
    let mut statement = connection
        .prepare(&sql)
        .map_err(TillError::storage("read the journal"))?;
    let stored: Vec<(i64, String)> = statement
        .query_map([], |row| Ok((row.get::<_, i64>(0)?, row_content(row)?)))
        .map_err(TillError::storage("read the journal"))?
        .collect::<Result<_, _>>()
        .map_err(TillError::storage("read the journal"))?;
    let present: HashMap<i64, &String> =
        stored.iter().map(|(id, content)| (*id, content)).collect();
    for (id, content) in &stored {
        report.rows_checked += 1;
        match sealed.get(id) {
            None => report.findings.push(Finding::RowUnsealed { id: *id }),
            Some(seal) if seal != content => report.findings.push(Finding::RowEdited {
                id: *id,
                fields: differing_fields(seal, content),
            }),
            Some(_) => {}
        }
    }
    for id in sealed.keys() {
        if !present.contains_key(id) {
            report.findings.push(Finding::RowDeleted { id: *id });
        }
    }
    Ok(())
}

fn differing_fields(sealed: &str, stored: &str) -> Vec<String> {
    let parse =
        |text: &str| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text);
    match (parse(sealed), parse(stored)) {
        (Ok(sealed), Ok(stored)) => SEALED_JOURNAL_COLUMNS
            .iter()
            .filter(|column| sealed.get(**column) != stored.get(**column))
            .map(|column| (*column).to_owned())
            .collect(),
        _ => vec!["*".to_owned()],
    }
}

/// Seals every journal row written before the chain existed (the migration that adds it calls this).
pub(crate) fn seal_existing(connection: &Connection) -> rusqlite_migration::HookResult {
    let ids: Vec<i64> = connection
        .prepare("SELECT id FROM journal ORDER BY id")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        seal_journal_row(connection, id).map_err(|error| match error {
            TillError::Storage { source, .. } => {
                rusqlite_migration::HookError::RusqliteError(source)
            }
            other => rusqlite_migration::HookError::Hook(other.to_string()),
        })?;
    }
    Ok(())
}
