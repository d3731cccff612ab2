//! The tamper-evident record: every change to the journal, to the people who use the till and to the
//! settings that move money is appended to `audit_log`, in the same transaction as the change, as the
//! row's content after it and a SHA-256 hash over that content and the previous entry's hash.
//!
//! [`verify`] walks the chain (an edited entry no longer matches its hash; a deleted or reordered one
//! breaks the link to its neighbour) and then compares every journal row and every person with the last
//! content the chain holds for it (a row edited, deleted, or added behind Caja's back: an operation, a
//! cashier promoted to supervisor, a PIN hash swapped). Each finding names the row ([`rows`]).
//!
//! The chain alone proves the file was not changed by hand with an SQLite tool; it is not a signature,
//! so someone who deletes the newest entries, or rewrites the whole chain with the same algorithm, is
//! caught only by the anchor: the chain's head, keyed with the till's secret, kept outside the database
//! ([`anchor`]).

pub mod anchor;
mod checkout_rows;
mod rows;

use std::collections::BTreeMap;

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::TillError;
pub(crate) use checkout_rows::seal_checkout;
use rows::{CREDIT_ORDERS, JOURNAL, ORDER_OPERATIONS, PEOPLE, SealedTable, VOUCHERS};

/// The `prev_hash` of the first entry.
const GENESIS: &str = providers::central::wire::GENESIS_HASH;

/// What an audit entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Journal,
    Person,
    Settings,
    /// A shift's life: opened with its float, cash in and out, the closing count, closed with its Z.
    Shift,
    /// A credit sale (aCuotaz order) as stored after a change.
    CreditOrder,
    /// A row of the orders' journal as stored after a change.
    OrderOperation,
    /// A bank-transfer voucher (aPagos) as stored after a change.
    Voucher,
    /// An Aplazame POS checkout as stored after a change.
    AplazameCheckout,
}

impl Subject {
    fn as_str(self) -> &'static str {
        match self {
            Subject::Journal => "journal",
            Subject::Person => "person",
            Subject::Settings => "settings",
            Subject::Shift => "shift",
            Subject::CreditOrder => "credit_order",
            Subject::OrderOperation => "order_operation",
            Subject::Voucher => "voucher",
            Subject::AplazameCheckout => "aplazame_checkout",
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
    let (last_seq, prev_hash) = head(connection)?;
    let seq = last_seq + 1;
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

/// Commits a transaction that appended to the chain (or may have), then anchors the head it left
/// outside the database ([`anchor`]). Every writer of the chain commits through here.
pub(crate) fn commit(transaction: rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let anchor = anchor::pending(&transaction);
    transaction.commit()?;
    if let Some(anchor) = anchor {
        anchor.write();
    }
    Ok(())
}

/// Seals a journal row as it is stored now (read back, so the seal is exactly what the table holds).
pub(crate) fn seal_journal_row(connection: &Connection, id: i64) -> Result<(), TillError> {
    let content = JOURNAL.content(connection, id)?.ok_or_else(|| {
        TillError::storage("seal a journal row")(rusqlite::Error::QueryReturnedNoRows)
    })?;
    append(connection, Subject::Journal, id, &content.to_string())
}

/// Seals a credit sale as stored now.
pub(crate) fn seal_credit_order(connection: &Connection, id: i64) -> Result<(), TillError> {
    seal_row(connection, &CREDIT_ORDERS, Subject::CreditOrder, id)
}

/// Seals a row of the orders' journal as stored now.
pub(crate) fn seal_order_operation(connection: &Connection, id: i64) -> Result<(), TillError> {
    seal_row(connection, &ORDER_OPERATIONS, Subject::OrderOperation, id)
}

/// Seals a bank-transfer voucher as stored now.
pub(crate) fn seal_voucher(connection: &Connection, id: i64) -> Result<(), TillError> {
    seal_row(connection, &VOUCHERS, Subject::Voucher, id)
}

fn seal_row(
    connection: &Connection,
    table: &SealedTable,
    subject: Subject,
    id: i64,
) -> Result<(), TillError> {
    let content = table
        .content(connection, id)?
        .ok_or_else(|| TillError::storage("seal a row")(rusqlite::Error::QueryReturnedNoRows))?;
    append(connection, subject, id, &content.to_string())
}

/// Seals a person as stored now, with the event that changed them (`{"event": .., "row": ..}`).
pub(crate) fn seal_person(
    connection: &Connection,
    id: i64,
    event: &impl Serialize,
) -> Result<(), TillError> {
    let row = PEOPLE
        .content(connection, id)?
        .ok_or_else(|| TillError::storage("seal a person")(rusqlite::Error::QueryReturnedNoRows))?;
    let event = serde_json::to_value(event).unwrap_or_default();
    let content = serde_json::json!({ "event": event, "row": row });
    append(connection, Subject::Person, id, &content.to_string())
}

/// The SHA-256 of a text, in hex: how the chain seals a document it does not hold whole.
pub(crate) fn digest(text: &str) -> String {
    rows::sha256_hex(text.as_bytes())
}

/// Serialises any value the way the chain stores it (keys in declaration order, no spaces).
pub(crate) fn canonical(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The chain's hash is part of Central's wire contract: one definition for the till that writes it and
/// Central that checks it.
fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    subject: &str,
    subject_id: i64,
    content: &str,
) -> String {
    providers::central::wire::entry_hash(prev_hash, seq, at, subject, subject_id, content)
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
    /// A person differs from what the chain sealed (role, active, PIN hash, lockout...).
    PersonEdited { id: i64, fields: Vec<String> },
    /// A person the chain knows is gone.
    PersonDeleted { id: i64 },
    /// A person the chain never saw: added behind Caja's back.
    PersonUnsealed { id: i64 },
    /// A credit sale, a row of the orders' journal or a voucher (`table`) differs from what the chain
    /// sealed.
    OrderEdited {
        table: String,
        id: i64,
        fields: Vec<String>,
    },
    /// A credit sale or orders' journal row the chain knows is gone.
    OrderDeleted { table: String, id: i64 },
    /// A credit sale or orders' journal row the chain never saw.
    OrderUnsealed { table: String, id: i64 },
    /// The record ends before the head Caja anchored outside the database: the newest entries (and the
    /// operations they sealed) were deleted, or the record was replaced.
    HeadMissing { anchored_seq: i64, found_seq: i64 },
    /// The anchor kept outside the database was changed, or written with another till's key.
    AnchorForged,
    /// The chain has entries but its anchor is gone: it was deleted, with whatever it would have shown.
    AnchorMissing { found_seq: i64 },
    /// `settings.json` was changed outside Caja since Caja last saved or a supervisor confirmed it.
    SettingsEdited,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    pub entries_checked: usize,
    pub rows_checked: usize,
    pub people_checked: usize,
    pub findings: Vec<Finding>,
}

impl AuditReport {
    pub fn is_intact(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Checks the chain and the journal against it, then the chain's head against its anchor outside the
/// database and `settings.json` against its seal.
pub fn verify(connection: &Connection) -> Result<AuditReport, TillError> {
    let mut report = verify_records(connection)?;
    report.findings.extend(anchor::check(connection)?);
    if let Some(data_dir) = anchor::data_dir_of(connection)
        && crate::settings_seal::state(&data_dir)?
            == crate::settings_seal::SettingsSeal::EditedOutsideCaja
    {
        report.findings.push(Finding::SettingsEdited);
    }
    Ok(report)
}

/// Checks the chain and every sealed row against it, and nothing outside the database: what a copy
/// of the database (a backup) can prove on its own.
pub fn verify_records(connection: &Connection) -> Result<AuditReport, TillError> {
    let mut report = AuditReport::default();
    let mut sealed_journal: BTreeMap<i64, serde_json::Value> = BTreeMap::new();
    let mut sealed_people: BTreeMap<i64, serde_json::Value> = BTreeMap::new();
    let tables = checkout_rows::sealed_tables();
    let mut sealed_rows: [BTreeMap<i64, serde_json::Value>; 4] = Default::default();
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
        let parsed = serde_json::from_str::<serde_json::Value>(&content).unwrap_or_default();
        if subject == Subject::Journal.as_str() {
            sealed_journal.insert(subject_id, parsed);
        } else if let Some(at) = tables.iter().position(|(s, _)| s.as_str() == subject) {
            sealed_rows[at].insert(subject_id, parsed);
        } else if subject == Subject::Person.as_str()
            && let Some(row) = parsed.get("row")
        {
            sealed_people.insert(subject_id, row.clone());
        }
        previous = Some((seq, hash));
    }
    let journal = JOURNAL.compare(connection, &sealed_journal)?;
    report.rows_checked += journal.rows_checked;
    report.findings.extend(journal.findings(
        |id, fields| Finding::RowEdited { id, fields },
        |id| Finding::RowDeleted { id },
        |id| Finding::RowUnsealed { id },
    ));
    let people = PEOPLE.compare(connection, &sealed_people)?;
    report.people_checked = people.rows_checked;
    report.findings.extend(people.findings(
        |id, fields| Finding::PersonEdited { id, fields },
        |id| Finding::PersonDeleted { id },
        |id| Finding::PersonUnsealed { id },
    ));
    for ((_, table), sealed) in tables.iter().zip(&sealed_rows) {
        let comparison = table.compare(connection, sealed)?;
        report.rows_checked += comparison.rows_checked;
        let name = table.name;
        report.findings.extend(comparison.findings(
            |id, fields| Finding::OrderEdited {
                table: name.to_owned(),
                id,
                fields,
            },
            |id| Finding::OrderDeleted {
                table: name.to_owned(),
                id,
            },
            |id| Finding::OrderUnsealed {
                table: name.to_owned(),
                id,
            },
        ));
    }
    Ok(report)
}

/// The newest entry of the chain: its number and hash; `(0, GENESIS)` for an empty chain.
pub(crate) fn head(connection: &Connection) -> Result<(i64, String), TillError> {
    let last = connection
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(TillError::storage("read the audit record"))?;
    Ok(last.unwrap_or_else(|| (0, GENESIS.to_owned())))
}

/// The hash of entry `seq`, if the chain has it.
pub(crate) fn hash_of(connection: &Connection, seq: i64) -> Result<Option<String>, TillError> {
    connection
        .query_row("SELECT hash FROM audit_log WHERE seq = ?1", [seq], |row| {
            row.get(0)
        })
        .optional()
        .map_err(TillError::storage("read the audit record"))
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

/// Seals every person as stored, for tills whose people were recorded before persons were sealed
/// whole (the migration that starts sealing them calls this).
pub(crate) fn seal_existing_people(connection: &Connection) -> rusqlite_migration::HookResult {
    let ids: Vec<i64> = connection
        .prepare("SELECT id FROM person ORDER BY id")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        seal_person(connection, id, &"sealed_by_upgrade").map_err(|error| match error {
            TillError::Storage { source, .. } => {
                rusqlite_migration::HookError::RusqliteError(source)
            }
            other => rusqlite_migration::HookError::Hook(other.to_string()),
        })?;
    }
    Ok(())
}
