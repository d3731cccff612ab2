//! Writing one generation: the online copy to a temporary name, its own record (`caja_backup`), fsync,
//! the checks, the rename, and only then the oldest generations of the same till pruned.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::Connection;
use serde::Serialize;

use super::check::{Verification, sha256_of, verify_copy};
use super::name::{self, Generation};
use super::{BackupError, META_TABLE, TEMPORARY_PREFIX, io, storage};
use crate::db::DATABASE_FILE;
use crate::settings_seal::SETTINGS_FILE;

const LOCK_FILE: &str = ".caja-backup.lock";

/// A generation written and verified, and the old ones pruned to make room.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    pub verification: Verification,
    pub pruned: Vec<PathBuf>,
    /// Leftovers of an interrupted backup that were removed first.
    pub leftovers_removed: Vec<PathBuf>,
}

/// Writes a generation of the database in `data_dir` to `folder`, keeping `keep` generations of
/// `label` (at least one: the new one).
pub fn write_generation(
    data_dir: &Path,
    folder: &Path,
    label: &str,
    keep: usize,
) -> Result<Written, BackupError> {
    if !folder.is_dir() {
        return Err(BackupError::FolderMissing(folder.to_owned()));
    }
    let database = data_dir.join(DATABASE_FILE);
    if !database.is_file() {
        return Err(BackupError::NoDatabase(data_dir.to_owned()));
    }
    let lock_path = folder.join(LOCK_FILE);
    let lock = File::create(&lock_path).map_err(io(&lock_path))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Err(BackupError::Busy(folder.to_owned())),
        Err(TryLockError::Error(error)) => return Err(io(&lock_path)(error)),
    }
    let leftovers_removed = remove_leftovers(folder);
    let temporary = folder.join(format!(
        "{TEMPORARY_PREFIX}{}.partial",
        uuid::Uuid::new_v4().simple()
    ));
    let result = write_checked(data_dir, &database, &temporary, label);
    let (verification, at) = match result {
        Ok(done) => done,
        Err(error) => {
            remove_temporary(&temporary);
            return Err(error);
        }
    };
    let checksum = sha256_of(&temporary)?;
    let final_path = folder.join(name::file_name(label, at, &checksum));
    std::fs::rename(&temporary, &final_path).map_err(io(&final_path))?;
    if let Ok(directory) = File::open(folder) {
        // Makes the rename durable where the platform allows it (Linux); elsewhere best effort.
        let _ = directory.sync_all();
    }
    let generation = name::generation(&final_path)
        .ok_or_else(|| io(&final_path)(std::io::ErrorKind::NotFound.into()))?;
    let verification = Verification {
        generation,
        ..verification
    };
    let pruned = prune(folder, &verification.generation.label, keep.max(1))?;
    drop(lock);
    Ok(Written {
        verification,
        pruned,
        leftovers_removed,
    })
}

fn write_checked(
    data_dir: &Path,
    database: &Path,
    temporary: &Path,
    label: &str,
) -> Result<(Verification, Timestamp), BackupError> {
    let source = Connection::open(database).map_err(storage("open the database"))?;
    source
        .busy_timeout(std::time::Duration::from_secs(5))
        .map_err(storage("set the busy timeout"))?;
    source
        .backup(
            rusqlite::MAIN_DB,
            temporary,
            None::<fn(rusqlite::backup::Progress)>,
        )
        .map_err(storage("copy the database"))?;
    drop(source);
    let at = Timestamp::now();
    let settings = match std::fs::read_to_string(data_dir.join(SETTINGS_FILE)) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(io(&data_dir.join(SETTINGS_FILE))(source)),
    };
    {
        let copy = Connection::open(temporary).map_err(storage("open the copy"))?;
        copy.pragma_update_and_check(None, "journal_mode", "DELETE", |row| {
            row.get::<_, String>(0)
        })
        .map_err(storage("make the copy self-contained"))?;
        let (head_seq, head_hash) = crate::audit::head(&copy)?;
        copy.execute_batch(&format!(
            "DROP TABLE IF EXISTS {META_TABLE}; \
             CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
        ))
        .map_err(storage("write the backup record"))?;
        let rows = [
            ("written_at", Some(at.to_string())),
            ("label", Some(label.to_owned())),
            ("head_seq", Some(head_seq.to_string())),
            ("head_hash", Some(head_hash)),
            ("settings", settings),
        ];
        for (key, value) in rows {
            if let Some(value) = value {
                copy.execute(
                    &format!("INSERT INTO {META_TABLE} (key, value) VALUES (?1, ?2)"),
                    [key, value.as_str()],
                )
                .map_err(storage("write the backup record"))?;
            }
        }
    }
    // People's PIN hashes are in it: readable by this user only where the folder's file system allows
    // (a network share may not; that is logged, not fatal).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let owner_only = std::fs::Permissions::from_mode(0o600);
        if let Err(error) = std::fs::set_permissions(temporary, owner_only) {
            tracing::warn!(%error, "the backup could not be made readable by this user only");
        }
    }
    File::open(temporary)
        .and_then(|file| file.sync_all())
        .map_err(io(temporary))?;
    let placeholder = Generation {
        path: temporary.to_owned(),
        file_name: String::new(),
        label: name::clean_label(label),
        written_at: at,
        size_bytes: std::fs::metadata(temporary).map(|m| m.len()).unwrap_or(0),
        checksum: String::new(),
    };
    let verification = verify_copy(temporary, placeholder)?;
    Ok((verification, at))
}

/// Removes what interrupted backups left (`.caja-backup-*`); the lock is held, so none is being
/// written now.
fn remove_leftovers(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(TEMPORARY_PREFIX) && name != LOCK_FILE)
        })
        .filter(|path| match std::fs::remove_file(path) {
            Ok(()) => true,
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "a backup's leftover could not be removed");
                false
            }
        })
        .collect()
}

fn remove_temporary(temporary: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = temporary.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Deletes the oldest generations of `label` beyond `keep`.
fn prune(folder: &Path, label: &str, keep: usize) -> Result<Vec<PathBuf>, BackupError> {
    let mine: Vec<Generation> = name::list(folder)?
        .into_iter()
        .filter(|generation| generation.label == label)
        .collect();
    let excess = mine.len().saturating_sub(keep);
    let mut pruned = Vec::new();
    for old in mine.into_iter().take(excess) {
        match std::fs::remove_file(&old.path) {
            Ok(()) => pruned.push(old.path),
            Err(error) => {
                tracing::warn!(%error, path = %old.path.display(), "an old backup could not be removed");
            }
        }
    }
    Ok(pruned)
}
