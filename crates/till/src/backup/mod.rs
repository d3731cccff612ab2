//! Backups of the till's database: generations written to a folder the store chooses (a USB drive, a
//! network share), each checked before it counts, and a restore that says what it will lose first.
//!
//! **What a generation holds.** One SQLite file, `caja-<label>-<UTC time>-<checksum>.sqlite3`, copied
//! with SQLite's online backup API from the live database (never a file copy of a live WAL database):
//! the journal, the orders' journal, vouchers, Aplazame checkouts, shifts and Z reports, the people
//! (their PINs as argon2 hashes) and the audit chain. A table of its own, `caja_backup`, adds when it
//! was written, whose till it is, the chain's head at that moment and the text of `settings.json` (no
//! secret is ever in that file). The name's last part is the first 16 hex digits of the file's
//! SHA-256, so a byte changed anywhere after writing is caught even where SQLite's own check would not
//! look (free pages).
//!
//! **What a generation never holds**, on purpose: the data folder's `secrets/` (the till's key, the
//! token's fallback file) and whatever the OS secret store keeps (provider tokens, Aplazame's key, the
//! key Caja Central knows the till by); `audit-head` and `settings.seal`, which are keyed with the
//! till's key and so belong to the machine, not to the data (a restored chain is re-anchored
//! deliberately, see [`restore`]); `reports/` (the Z and day-summary PDFs, made again from the
//! database's snapshots) and the accountant's CSV exports; `sandbox-state.json`, the embedded
//! simulator's own play data. A backup folder on a shared drive must never hold a credential. The
//! copy is readable by its owner only where the drive allows (the PIN hashes are in it).
//!
//! **How one is written** ([`write::write_generation`]): under a lock file in the folder, leftovers of
//! an interrupted backup (`.caja-backup-*`) are removed; the copy goes to a temporary name, is switched
//! to a self-contained journal mode, fsynced, checked ([`check::verify_file`]: SQLite's integrity check
//! and the audit chain, rows against their seals), and only then renamed to its final name. A killed
//! backup leaves at most a temporary file, never listed and never restorable. The oldest generations
//! of the same till beyond the number to keep are deleted only after the new one verified.

pub mod check;
pub mod name;
pub mod restore;
pub mod write;

use std::path::PathBuf;

use serde::Serialize;

use crate::audit::Finding;
use crate::error::TillError;

pub use check::{Verification, verify_file};
pub use name::{Generation, list};
pub use restore::{RestoreOutcome, RestorePlan, plan_restore, restore};
pub use write::write_generation;

/// The prefix of a backup being written: never a generation.
pub const TEMPORARY_PREFIX: &str = ".caja-backup-";

/// The table a generation adds to its copy.
pub(crate) const META_TABLE: &str = "caja_backup";

/// Which check of a generation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailedCheck {
    /// The file's name is not a generation's (no checksum to compare with).
    Name,
    /// The file's bytes no longer match the checksum in its name.
    Checksum,
    /// SQLite's integrity check: the file is damaged or is not a database.
    Integrity,
    /// The audit chain, or a row against its seal.
    Chain,
}

/// Why a backup could not be made, listed or restored: facts, never words (the desk words them).
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// No backup folder is configured.
    #[error("no backup folder is configured")]
    NoFolder,
    /// The folder does not exist (a USB drive not plugged in, a share not mounted): it is not created,
    /// so a backup never lands on the local disk under an empty mount point.
    #[error("the backup folder {} does not exist", .0.display())]
    FolderMissing(PathBuf),
    /// Another backup is being written to the same folder.
    #[error("another backup is being written to {}", .0.display())]
    Busy(PathBuf),
    /// The till has no database yet.
    #[error("there is no database to back up in {}", .0.display())]
    NoDatabase(PathBuf),
    /// A file failed a check: which one, and what it found.
    #[error("{} failed the {check:?} check: {detail}", file.display())]
    Failed {
        file: PathBuf,
        check: FailedCheck,
        detail: String,
        findings: Vec<Finding>,
    },
    /// A restore was refused while a shift is open.
    #[error("shift #{id} is open")]
    ShiftOpen { id: i64 },
    /// A restore was refused while operations have no final outcome.
    #[error("{} operations are still open", ids.len())]
    OperationsOpen { ids: Vec<i64> },
    /// The till's own error (storage, approval, files).
    #[error(transparent)]
    Till(#[from] TillError),
}

impl BackupError {
    /// Stable identifier of the error kind, for machines.
    pub fn code(&self) -> &'static str {
        match self {
            BackupError::NoFolder => "backup_folder_not_set",
            BackupError::FolderMissing(_) => "backup_folder_missing",
            BackupError::Busy(_) => "backup_busy",
            BackupError::NoDatabase(_) => "backup_no_database",
            BackupError::Failed { .. } => "backup_failed_check",
            BackupError::ShiftOpen { .. } => "backup_shift_open",
            BackupError::OperationsOpen { .. } => "backup_operations_open",
            BackupError::Till(error) => error.code(),
        }
    }
}

pub(crate) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| {
        BackupError::Till(TillError::Io {
            path: path.to_owned(),
            source,
        })
    }
}

pub(crate) fn storage(context: &'static str) -> impl FnOnce(rusqlite::Error) -> BackupError {
    move |source| BackupError::Till(TillError::Storage { context, source })
}
