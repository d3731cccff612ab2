//! `caja backup now|list|verify|restore`: the till's backups ([`till::backup`]) with the folder and the
//! number kept from the saved settings ([`desk::backups`]). A restore shows what it will lose
//! and does nothing more without `--yes`; with it, it needs a supervisor's approval whenever the till
//! has people (checked against the people of the backup itself when the current database is too damaged
//! to be read).

use std::path::Path;

use desk::Settings;
use desk::backups;
use desk::wording::cli::backup as words;
use serde_json::json;
use till::backup::{self, BackupError};
use till::{Staff, TillError};

use crate::args::backup::BackupAction;
use crate::args::{ApprovalArgs, Cli};
use crate::output::{CliError, Printer};
use crate::{setup, staff};

fn failed(printer: &Printer, error: BackupError) -> CliError {
    match error {
        BackupError::Till(error) => CliError::Till(error),
        other => CliError::other(other.code(), words::failure(printer.lang, &other)),
    }
}

pub fn run(
    cli: &Cli,
    printer: &Printer,
    action: &BackupAction,
    approval: &ApprovalArgs,
) -> Result<(), CliError> {
    let data_dir = setup::data_dir(cli);
    let fail = |error| failed(printer, error);
    match action {
        BackupAction::Now => {
            let written = backups::backup_now(&data_dir).map_err(fail)?;
            let text = words::written(printer.lang, &written);
            printer.success("backup", json!({ "written": written }), &text);
        }
        BackupAction::List => {
            let settings = Settings::load(&data_dir)?;
            let folder = backups::folder(&settings).map_err(fail)?;
            let rows: Vec<_> = backup::list(&folder)
                .map_err(fail)?
                .into_iter()
                .map(|generation| {
                    let checked = backup::verify_file(&generation.path)
                        .map(drop)
                        .map_err(|error| words::failure(printer.lang, &error));
                    (generation, checked)
                })
                .collect();
            let listed: Vec<_> = rows
                .iter()
                .map(|(generation, checked)| {
                    json!({ "generation": generation, "verified": checked.is_ok(),
                            "problem": checked.as_ref().err() })
                })
                .collect();
            let text = words::generations(printer.lang, &rows);
            printer.success(
                "backup",
                json!({ "folder": folder, "generations": listed }),
                &text,
            );
        }
        BackupAction::Verify { file } => {
            let verification = backup::verify_file(file).map_err(fail)?;
            let text = words::verified(printer.lang, &verification);
            printer.success("backup", json!({ "verified": verification }), &text);
        }
        BackupAction::Restore { file, yes } => {
            let plan = backup::plan_restore(&data_dir, file).map_err(fail)?;
            let shown = words::restore_plan(printer.lang, &plan);
            if !yes {
                let text = format!("{shown}\n{}", words::restore_needs_yes(printer.lang));
                printer.success("backup", json!({ "plan": plan, "restored": false }), &text);
                return Ok(());
            }
            let approved = if plan.current_damaged {
                approve_from_backup(printer, file, approval)?
            } else {
                let staff = staff::open_staff(cli, printer)?;
                approve(printer, &staff, approval)?
            };
            let (approved_by, reason) = match &approved {
                Some(approved) => (
                    Some(approved.supervisor.name.as_str()),
                    approved.reason.as_str(),
                ),
                None => (None, "no people to approve"),
            };
            let outcome = backup::restore(&data_dir, file, approved_by, reason).map_err(fail)?;
            let text = format!("{shown}\n{}", words::restored(printer.lang, &outcome));
            printer.success(
                "backup",
                json!({ "restored": true, "outcome": outcome }),
                &text,
            );
        }
    }
    Ok(())
}

/// A supervisor's approval whenever the till has people; `None` on a till with nobody yet.
fn approve(
    printer: &Printer,
    staff: &Staff,
    args: &ApprovalArgs,
) -> Result<Option<till::Approved>, CliError> {
    if !staff.has_people()? {
        return Ok(None);
    }
    match staff::approval(printer, staff, args)? {
        Some(approval) => Ok(Some(staff.approve(&approval)?)),
        None => Err(CliError::Till(TillError::ApprovalRequired {
            what: "backup_restore",
            no_people: false,
        })),
    }
}

/// The approval checked against the people of the backup (the current database cannot be read): the
/// backup is opened from a copy in a temporary folder, never in place.
fn approve_from_backup(
    printer: &Printer,
    file: &Path,
    args: &ApprovalArgs,
) -> Result<Option<till::Approved>, CliError> {
    let io = |error: std::io::Error| CliError::other("io", error.to_string());
    let scratch =
        std::env::temp_dir().join(format!("caja-restore-approval-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(io)?;
    let approved = std::fs::copy(file, scratch.join(till::DATABASE_FILE))
        .map_err(io)
        .and_then(|_| Ok(Staff::open(&scratch)?))
        .and_then(|staff| approve(printer, &staff, args));
    let _ = std::fs::remove_dir_all(&scratch);
    approved
}
