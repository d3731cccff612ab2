//! The checks on this machine: the database's integrity and its audit chain, the free disk under the
//! data folder, the backup folder and the newest backup's age, the secret store (read, never shown),
//! and the operations still open.

use std::path::Path;

use jiff::Timestamp;

use super::{BackupFacts, CheckName, CheckStatus, Finding, Outcome};
use crate::workstation::Workstation;
use till::blocking;
use till::error::TillError;
use till::mode::Mode;

/// Below this the disk is worth a warning; below [`DISK_FAIL`] SQLite may fail to write a payment.
pub const DISK_WARN: u64 = 1024 * 1024 * 1024;
pub const DISK_FAIL: u64 = 200 * 1024 * 1024;
/// A backup older than this is worth a warning.
pub const BACKUP_WARN_HOURS: i64 = 26;

/// SQLite's own integrity check, then the audit chain and the journal against it.
pub(super) async fn database(ws: &Workstation) -> Vec<Outcome> {
    let integrity = ws
        .till
        .with_central_db(|db| {
            db.query_row("PRAGMA quick_check", [], |row| row.get::<_, String>(0))
                .map_err(TillError::storage("check the database's integrity"))
        })
        .await;
    let database = match integrity {
        Ok(answer) if answer == "ok" => Outcome::new(
            CheckName::Database,
            CheckStatus::Ok,
            Finding::DatabaseIntact,
        ),
        Ok(detail) => Outcome::new(
            CheckName::Database,
            CheckStatus::Fail,
            Finding::DatabaseDamaged { detail },
        ),
        Err(error) => Outcome::new(
            CheckName::Database,
            CheckStatus::Fail,
            Finding::DatabaseDamaged {
                detail: error.to_string(),
            },
        ),
    };
    let staff = ws.till.staff().clone();
    let audit = match blocking::run(move || staff.verify_audit()).await {
        Ok(report) if report.is_intact() => Outcome::new(
            CheckName::Audit,
            CheckStatus::Ok,
            Finding::AuditIntact {
                entries: report.entries_checked,
            },
        ),
        Ok(report) => Outcome::new(
            CheckName::Audit,
            CheckStatus::Fail,
            Finding::AuditBroken {
                findings: report.findings.len(),
                first: report.findings[0].clone(),
            },
        ),
        Err(error) => Outcome::new(
            CheckName::Audit,
            CheckStatus::Fail,
            Finding::AuditUnread { error },
        ),
    };
    vec![database, audit]
}

/// Free space of the file system holding the data folder.
pub(super) fn disk(data_dir: &Path) -> Outcome {
    let probe = if data_dir.exists() {
        data_dir
    } else {
        data_dir.parent().unwrap_or(data_dir)
    };
    match nix::sys::statvfs::statvfs(probe) {
        Ok(stats) => {
            let free_bytes = stats.blocks_available() * stats.fragment_size();
            disk_verdict(free_bytes)
        }
        Err(error) => Outcome::new(
            CheckName::Disk,
            CheckStatus::Warn,
            Finding::DiskUnknown {
                detail: error.to_string(),
            },
        ),
    }
}

pub(crate) fn disk_verdict(free_bytes: u64) -> Outcome {
    let (status, finding) = if free_bytes < DISK_FAIL {
        (CheckStatus::Fail, Finding::DiskLow { free_bytes })
    } else if free_bytes < DISK_WARN {
        (CheckStatus::Warn, Finding::DiskLow { free_bytes })
    } else {
        (CheckStatus::Ok, Finding::DiskFree { free_bytes })
    };
    Outcome::new(CheckName::Disk, status, finding)
}

/// The backup folder (writable: a probe file made and removed) and the newest backup's age. Until
/// backups are configured there is nothing to judge; a till in sandbox mode holds nothing to lose.
pub(super) fn backup(
    mode: Mode,
    folder: Option<&Path>,
    newest: Option<Timestamp>,
    now: Timestamp,
) -> Outcome {
    let outcome = |status, finding| Outcome::new(CheckName::Backup, status, finding);
    let Some(folder) = folder else {
        let status = match mode {
            Mode::Sandbox => CheckStatus::Ok,
            _ => CheckStatus::Warn,
        };
        return outcome(status, Finding::BackupNotConfigured);
    };
    let probe = folder.join(".caja-doctor-probe");
    if let Err(error) = std::fs::write(&probe, b"").and_then(|()| std::fs::remove_file(&probe)) {
        return outcome(
            CheckStatus::Fail,
            Finding::BackupNotWritable {
                folder: folder.to_owned(),
                detail: error.to_string(),
            },
        );
    }
    match newest {
        None => outcome(
            CheckStatus::Warn,
            Finding::BackupNever {
                folder: folder.to_owned(),
            },
        ),
        Some(at) => {
            let hours = (now.as_second() - at.as_second()) / 3600;
            if hours > BACKUP_WARN_HOURS {
                outcome(CheckStatus::Warn, Finding::BackupOld { hours })
            } else {
                outcome(CheckStatus::Ok, Finding::BackupRecent { hours })
            }
        }
    }
}

/// [`backup`] with what the doctor was told.
pub(super) fn backup_of(mode: Mode, facts: &BackupFacts) -> Outcome {
    backup(
        mode,
        facts.folder.as_deref(),
        facts.newest,
        Timestamp::now(),
    )
}

/// Where the provider token is read from, read without showing it.
pub(super) async fn secret_store(ws: &Workstation, from_environment: Option<&str>) -> Outcome {
    let outcome = |status, finding| Outcome::new(CheckName::SecretStore, status, finding);
    if from_environment.is_some_and(|token| !token.trim().is_empty()) {
        return outcome(CheckStatus::Ok, Finding::SecretFromEnvironment);
    }
    let (folder, mode) = (ws.data_dir.clone(), ws.settings.mode);
    let read = blocking::run(move || {
        let token = crate::secrets::load_token(&folder, mode)?;
        Ok::<_, TillError>(token.map(|_| crate::secrets::where_kept(&folder, mode)))
    })
    .await;
    match read {
        Ok(Some(Some(store))) => outcome(CheckStatus::Ok, Finding::SecretKept { store }),
        Ok(_) if mode != Mode::Live => outcome(CheckStatus::Ok, Finding::SecretTestToken),
        Ok(_) => outcome(CheckStatus::Fail, Finding::SecretMissing),
        Err(error) => outcome(
            CheckStatus::Fail,
            Finding::SecretUnreadable {
                detail: error.to_string(),
            },
        ),
    }
}

/// The operations whose outcome is not known yet: the journal's, the credit sales', the transfers'
/// and Aplazame's.
pub(super) async fn pending(ws: &Workstation) -> Outcome {
    let mode = ws.settings.mode;
    let counts = ws
        .till
        .with_central_db(move |db| {
            let count = |sql: &str| {
                db.query_row(sql, [mode.as_str()], |row| row.get::<_, i64>(0))
                    .map_err(TillError::storage("count the open operations"))
            };
            Ok([
                count(
                    "SELECT count(*) FROM journal WHERE mode = ?1 AND kind != 'check' \
                     AND state IN ('pending', 'unknown')",
                )?,
                count(
                    "SELECT count(*) FROM order_operation WHERE mode = ?1 \
                     AND state IN ('pending', 'unknown')",
                )?,
                count(
                    "SELECT count(*) FROM voucher WHERE mode = ?1 \
                     AND state IN ('sending', 'unknown')",
                )?,
                count(
                    "SELECT count(*) FROM aplazame_checkout WHERE mode = ?1 \
                     AND state IN ('sending', 'unknown')",
                )?,
            ])
        })
        .await;
    match counts {
        Ok([0, 0, 0, 0]) => Outcome::new(CheckName::Pending, CheckStatus::Ok, Finding::PendingNone),
        Ok([operations, orders, vouchers, checkouts]) => Outcome::new(
            CheckName::Pending,
            CheckStatus::Warn,
            Finding::PendingSome {
                operations,
                orders,
                vouchers,
                checkouts,
            },
        ),
        Err(error) => Outcome::new(
            CheckName::Pending,
            CheckStatus::Warn,
            Finding::PendingUnread { error },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backup_is_judged_by_its_folder_and_age() {
        let now: Timestamp = "2026-12-01T12:00:00Z".parse().unwrap();
        let status = |mode, folder: Option<&Path>, newest| backup(mode, folder, newest, now).status;
        assert_eq!(status(Mode::Sandbox, None, None), CheckStatus::Ok);
        assert_eq!(status(Mode::Live, None, None), CheckStatus::Warn);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            status(Mode::Live, Some(dir.path()), None),
            CheckStatus::Warn
        );
        let hour_ago = Some(now - jiff::SignedDuration::from_hours(1));
        assert_eq!(
            status(Mode::Live, Some(dir.path()), hour_ago),
            CheckStatus::Ok
        );
        let days_ago = Some(now - jiff::SignedDuration::from_hours(72));
        assert_eq!(
            status(Mode::Live, Some(dir.path()), days_ago),
            CheckStatus::Warn
        );
        let missing = dir.path().join("absent");
        assert_eq!(
            status(Mode::Live, Some(&missing), hour_ago),
            CheckStatus::Fail
        );
        assert_eq!(disk_verdict(10).status, CheckStatus::Fail);
        assert_eq!(disk_verdict(u64::MAX).status, CheckStatus::Ok);
    }
}
