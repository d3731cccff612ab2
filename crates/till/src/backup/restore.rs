//! Restoring a generation: refused while a shift is open or an operation has no final outcome, and
//! refused for a file that fails any check; otherwise it first says what the current database holds
//! that the generation does not (operations, shifts, Z reports, audit entries: counts and the newest),
//! then keeps the current database aside in the data folder (`caja.sqlite3.before-restore-<time>`, a
//! complete copy made with the online backup API, or the file itself moved there when it is too
//! damaged to be read; never deleted), copies the generation in with the
//! same API (other processes with the file open see the change at their next read), brings its schema
//! up to date and re-verifies.
//!
//! **The anchor.** The chain's head anchored outside the database (`audit-head`) names the newest entry
//! of the database being replaced, which an older generation does not hold: the restored chain would
//! read as "newest entries deleted". So the restore says what the anchor found ([`RestoreOutcome`]'s
//! `anchor_before`) and then seals the restore itself in the chain (who approved it, why, which file,
//! the head it replaced and what was lost), which anchors the new head deliberately. `settings.json` is
//! left as it is (it says where data goes and which providers answer); on a machine with none, the one
//! the generation carries is written and sealed.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::Connection;
use serde::Serialize;

use super::check::{Verification, verify_file};
use super::{BackupError, META_TABLE, io, storage};
use crate::audit::{self, AuditReport, Finding, Subject};
use crate::db::DATABASE_FILE;
use crate::settings_seal::SETTINGS_FILE;

/// How many of the newest lost rows are named.
const NEWEST: usize = 5;

/// What the current database holds that the generation does not.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Lost {
    pub operations: i64,
    pub order_operations: i64,
    pub vouchers: i64,
    pub aplazame_checkouts: i64,
    pub shifts: i64,
    pub z_reports: i64,
    pub audit_entries: i64,
    /// The newest lost operations: `(id, created at, kind, state, funding code)`.
    pub newest_operations: Vec<(i64, String, String, String, String)>,
    /// The newest lost Z reports: `(mode, number, closed at)`.
    pub newest_z_reports: Vec<(String, i64, String)>,
}

impl Lost {
    pub fn is_nothing(&self) -> bool {
        self.operations == 0
            && self.order_operations == 0
            && self.vouchers == 0
            && self.aplazame_checkouts == 0
            && self.shifts == 0
            && self.z_reports == 0
            && self.audit_entries == 0
    }
}

/// What a restore of one generation would do.
#[derive(Debug, Clone, Serialize)]
pub struct RestorePlan {
    pub verification: Verification,
    /// The current chain's head; 0 with no database.
    pub current_head_seq: i64,
    /// The generation's chain is the start of the current one (the same till, earlier); `false` for
    /// another till's backup or a chain that went another way.
    pub same_chain: bool,
    /// The current database cannot be read (damaged): what would be lost is not known, and it is
    /// moved aside whole rather than copied.
    pub current_damaged: bool,
    pub lost: Lost,
}

/// A restore done.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreOutcome {
    pub plan: RestorePlan,
    /// Where the database that was replaced is kept; `None` when there was none.
    pub kept_aside: Option<PathBuf>,
    /// What the anchor said of the restored chain before the restore was sealed and re-anchored.
    pub anchor_before: Option<Finding>,
    /// The full check after the restore (chain, rows, anchor, settings' seal).
    pub report: AuditReport,
    /// `settings.json` was written from the generation (there was none).
    pub settings_written: bool,
}

/// Checks the generation and the current till, and says what a restore would lose.
pub fn plan_restore(data_dir: &Path, file: &Path) -> Result<RestorePlan, BackupError> {
    let verification = verify_file(file)?;
    let database = data_dir.join(DATABASE_FILE);
    if !database.is_file() {
        return Ok(RestorePlan {
            verification,
            current_head_seq: 0,
            same_chain: true,
            current_damaged: false,
            lost: Lost::default(),
        });
    }
    let readable = Connection::open(&database).and_then(|current| {
        current.busy_timeout(std::time::Duration::from_secs(5))?;
        current.query_row("SELECT COUNT(*) FROM audit_log", [], |row| {
            row.get::<_, i64>(0)
        })?;
        Ok(current)
    });
    let Ok(current) = readable else {
        return Ok(RestorePlan {
            verification,
            current_head_seq: 0,
            same_chain: false,
            current_damaged: true,
            lost: Lost::default(),
        });
    };
    refuse_when_busy(&current)?;
    let (current_head_seq, _) = audit::head(&current)?;
    let same_chain = verification.head_seq == 0
        || audit::hash_of(&current, verification.head_seq)?.as_deref()
            == Some(verification.head_hash.as_str());
    current
        .execute("ATTACH DATABASE ?1 AS backup", [file.to_string_lossy()])
        .map_err(storage("read the backup"))?;
    let lost = lost(&current);
    let _ = current.execute("DETACH DATABASE backup", []);
    Ok(RestorePlan {
        verification,
        current_head_seq,
        same_chain,
        current_damaged: false,
        lost,
    })
}

fn refuse_when_busy(current: &Connection) -> Result<(), BackupError> {
    // What a restore would make Caja forget it sent, or a drawer it would forget is open.
    let busy = crate::in_flight::in_flight(current).map_err(storage("read the journal"))?;
    if !busy.operations.is_empty() {
        return Err(BackupError::OperationsOpen {
            ids: busy.operations,
        });
    }
    if let Some(id) = busy.open_shift {
        return Err(BackupError::ShiftOpen { id });
    }
    Ok(())
}

/// Rows of `main.table` whose `key` the backup lacks (all of them when the backup lacks the table).
fn lost_count(connection: &Connection, table: &str, key: &str) -> i64 {
    let count = |sql: &str| connection.query_row(sql, [], |row| row.get::<_, i64>(0));
    count(&format!(
        "SELECT COUNT(*) FROM (SELECT {key} FROM main.{table} EXCEPT SELECT {key} FROM backup.{table})"
    ))
    .or_else(|_| count(&format!("SELECT COUNT(*) FROM main.{table}")))
    .unwrap_or(0)
}

fn lost(connection: &Connection) -> Lost {
    let newest_operations = connection
        .prepare(&format!(
            "SELECT id, created_at, kind, state, funding_code FROM main.journal \
             WHERE id NOT IN (SELECT id FROM backup.journal) ORDER BY id DESC LIMIT {NEWEST}"
        ))
        .and_then(|mut statement| {
            statement
                .query_map([], |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap_or_default();
    let newest_z_reports = connection
        .prepare(&format!(
            "SELECT mode, number, closed_at FROM main.z_report \
             WHERE shift_id NOT IN (SELECT shift_id FROM backup.z_report) \
             ORDER BY closed_at DESC LIMIT {NEWEST}"
        ))
        .and_then(|mut statement| {
            statement
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap_or_default();
    Lost {
        operations: lost_count(connection, "journal", "id"),
        order_operations: lost_count(connection, "order_operation", "id"),
        vouchers: lost_count(connection, "voucher", "id"),
        aplazame_checkouts: lost_count(connection, "aplazame_checkout", "id"),
        shifts: lost_count(connection, "shift", "id"),
        z_reports: lost_count(connection, "z_report", "mode, number"),
        audit_entries: lost_count(connection, "audit_log", "seq, hash"),
        newest_operations,
        newest_z_reports,
    }
}

/// Restores `file` into the till in `data_dir`. The caller has shown the plan and checked the
/// supervisor's approval (`approved_by`, `reason`; `None` only on a till with nobody to approve).
pub fn restore(
    data_dir: &Path,
    file: &Path,
    approved_by: Option<&str>,
    reason: &str,
) -> Result<RestoreOutcome, BackupError> {
    let plan = plan_restore(data_dir, file)?;
    std::fs::create_dir_all(data_dir).map_err(io(data_dir))?;
    let database = data_dir.join(DATABASE_FILE);
    let mut kept_aside = None;
    let mut previous_head = (0, String::new());
    if database.is_file() {
        let time = Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
        let aside = data_dir.join(format!("{DATABASE_FILE}.before-restore-{time}"));
        if plan.current_damaged {
            // A damaged file cannot be copied page by page: it is moved aside whole, with its WAL.
            for suffix in ["", "-wal", "-shm"] {
                let from = data_dir.join(format!("{DATABASE_FILE}{suffix}"));
                if from.exists() {
                    let to =
                        data_dir.join(format!("{DATABASE_FILE}.before-restore-{time}{suffix}"));
                    std::fs::rename(&from, &to).map_err(io(&from))?;
                }
            }
        } else {
            let current = Connection::open(&database).map_err(storage("open the database"))?;
            previous_head = audit::head(&current)?;
            current
                .backup(
                    rusqlite::MAIN_DB,
                    &aside,
                    None::<fn(rusqlite::backup::Progress)>,
                )
                .map_err(storage("keep the current database aside"))?;
        }
        kept_aside = Some(aside);
    }
    let mut live = Connection::open(&database).map_err(storage("open the database"))?;
    live.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(storage("set the busy timeout"))?;
    live.restore(
        rusqlite::MAIN_DB,
        file,
        None::<fn(rusqlite::backup::Progress)>,
    )
    .map_err(storage("restore the backup"))?;
    live.execute_batch(&format!("DROP TABLE IF EXISTS {META_TABLE};"))
        .map_err(storage("restore the backup"))?;
    crate::db::migrate(&mut live)?;
    let settings_path = data_dir.join(SETTINGS_FILE);
    let settings_written = match &plan.verification.settings {
        Some(text) if !settings_path.exists() => {
            std::fs::write(&settings_path, text).map_err(io(&settings_path))?;
            crate::settings_seal::seal(data_dir)?;
            true
        }
        _ => false,
    };
    let anchor_before = audit::anchor::check(&live)?;
    let sealed = serde_json::json!({
        "event": "restored_from_backup",
        "file": plan.verification.generation.file_name,
        "backup_head_seq": plan.verification.head_seq,
        "replaced_head_seq": previous_head.0,
        "replaced_head_hash": previous_head.1,
        "same_chain": plan.same_chain,
        "lost": {
            "operations": plan.lost.operations,
            "shifts": plan.lost.shifts,
            "z_reports": plan.lost.z_reports,
            "audit_entries": plan.lost.audit_entries,
        },
        "anchor_before": anchor_before,
        "kept_aside": kept_aside.as_ref().and_then(|p| p.file_name()).map(|n| n.to_string_lossy()),
        "approved_by": approved_by,
        "reason": reason,
    });
    let transaction = live
        .unchecked_transaction()
        .map_err(storage("write the audit record"))?;
    audit::append(&transaction, Subject::Settings, 0, &sealed.to_string())?;
    audit::commit(transaction).map_err(storage("write the audit record"))?;
    let report = audit::verify(&live)?;
    Ok(RestoreOutcome {
        plan,
        kept_aside,
        anchor_before,
        report,
        settings_written,
    })
}
