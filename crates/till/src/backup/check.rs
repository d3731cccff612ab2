//! Checking one generation: its bytes against the checksum in its name, SQLite's integrity check, and
//! the audit chain with every sealed row against it ([`crate::audit::verify_records`]: what a copy can
//! prove on its own; the anchor belongs to the machine, see [`super::restore`]). The first check that
//! fails is named, with what it found.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::name::{Generation, generation};
use super::{BackupError, FailedCheck, META_TABLE, io, storage};
use crate::audit::verify_records;

/// What a generation that passed every check holds.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub generation: Generation,
    /// The chain's newest entry in the copy: its number and hash.
    pub head_seq: i64,
    pub head_hash: String,
    pub entries_checked: usize,
    pub rows_checked: usize,
    pub people_checked: usize,
    /// The schema version of the copy.
    pub schema_version: i64,
    /// `settings.json` as it was when the backup was written, if there was one.
    #[serde(skip)]
    pub settings: Option<String>,
}

/// The SHA-256 of a file, in hex.
pub fn sha256_of(path: &Path) -> Result<String, BackupError> {
    let mut file = std::fs::File::open(path).map_err(io(path))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let read = file.read(&mut buffer).map_err(io(path))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hex::encode(hasher.finalize()))
}

fn failed(path: &Path, check: FailedCheck, detail: impl Into<String>) -> BackupError {
    BackupError::Failed {
        file: path.to_owned(),
        check,
        detail: detail.into(),
        findings: Vec::new(),
    }
}

/// Checks a generation: its checksum, then [`verify_copy`].
pub fn verify_file(path: &Path) -> Result<Verification, BackupError> {
    let Some(generation) = generation(path) else {
        if !path.is_file() {
            return Err(io(path)(std::io::ErrorKind::NotFound.into()));
        }
        return Err(failed(
            path,
            FailedCheck::Name,
            "not a generation's name (caja-<label>-<time>-<checksum>.sqlite3)",
        ));
    };
    let actual = sha256_of(path)?;
    if !actual.starts_with(&generation.checksum) {
        return Err(failed(
            path,
            FailedCheck::Checksum,
            format!(
                "the file's SHA-256 starts {}, its name says {}",
                &actual[..16],
                generation.checksum
            ),
        ));
    }
    verify_copy(path, generation)
}

/// SQLite's integrity check and the audit chain of a copy (a generation, or one being written).
pub(crate) fn verify_copy(
    path: &Path,
    generation: Generation,
) -> Result<Verification, BackupError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let integrity = |detail: String| failed(path, FailedCheck::Integrity, detail);
    let connection =
        Connection::open_with_flags(path, flags).map_err(|error| integrity(error.to_string()))?;
    let problems: Vec<String> = connection
        .prepare("PRAGMA integrity_check")
        .and_then(|mut statement| {
            statement
                .query_map([], |row| row.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|error| integrity(error.to_string()))?;
    if problems != ["ok"] {
        return Err(integrity(problems.join("; ")));
    }
    let meta = |key: &str| -> Result<Option<String>, BackupError> {
        connection
            .query_row(
                &format!("SELECT value FROM {META_TABLE} WHERE key = ?1"),
                [key],
                |row| row.get(0),
            )
            .optional()
            .map_err(|error| integrity(format!("no backup record: {error}")))
    };
    let settings = meta("settings")?;
    let schema_version = connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(storage("read the schema version"))?;
    let report = verify_records(&connection).map_err(|error| {
        failed(
            path,
            FailedCheck::Chain,
            format!("the chain cannot be read: {error}"),
        )
    })?;
    if !report.is_intact() {
        return Err(BackupError::Failed {
            file: path.to_owned(),
            check: FailedCheck::Chain,
            detail: format!("{} findings", report.findings.len()),
            findings: report.findings,
        });
    }
    let (head_seq, head_hash) = crate::audit::head(&connection)?;
    Ok(Verification {
        generation,
        head_seq,
        head_hash,
        entries_checked: report.entries_checked,
        rows_checked: report.rows_checked,
        people_checked: report.people_checked,
        schema_version,
        settings,
    })
}
