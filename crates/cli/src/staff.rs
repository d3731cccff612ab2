//! Who is at the terminal, and the commands for people and the audit record (`caja settings` is
//! [`crate::settings`]).
//!
//! PINs are never flags (they would end up in shell histories and process lists): the signed-in user's
//! comes from `CAJA_PIN`, an approving supervisor's from `CAJA_APPROVER_PIN`, a new person's from
//! `CAJA_NEW_PIN`; at a terminal Caja asks for them without echo.

use desk::export::ExportCsv;
use std::io::{BufRead, IsTerminal};

use desk::wording::cli as words;
use serde_json::json;
use till::{Approval, Role, Staff};

use crate::args::{ApprovalArgs, AuditAction, Cli, UsersAction};
use crate::output::{CliError, Printer};
use crate::setup;

/// Reads a PIN from `variable`, else asks for it (without echo at a terminal, a line from a pipe).
pub fn read_pin(variable: &str, prompt: &str) -> Result<String, CliError> {
    if let Ok(pin) = std::env::var(variable)
        && !pin.trim().is_empty()
    {
        return Ok(pin.trim().to_owned());
    }
    let io = |error: std::io::Error| CliError::other("io", error.to_string());
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(format!("{prompt}: ")).map_err(io);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(io)?;
    Ok(line.trim().to_owned())
}

/// Signs in `--user` (or `CAJA_USER`) when given and the till has people (on the first run there is
/// nobody to be yet: `caja users add` creates the first supervisor).
pub fn sign_in(cli: &Cli, printer: &Printer, staff: &Staff) -> Result<(), CliError> {
    if let Some(name) = cli.user.as_deref().filter(|name| !name.trim().is_empty())
        && staff.has_people()?
    {
        let pin = read_pin("CAJA_PIN", &words::pin_prompt(printer.lang, name))?;
        staff.sign_in(name, &pin)?;
    }
    Ok(())
}

/// The approval typed for this command: `--approver` (else the signed-in supervisor, whose PIN was
/// just checked) and `--reason`. `None` when neither was given: the till says whether one is needed.
pub fn approval(
    printer: &Printer,
    staff: &Staff,
    args: &ApprovalArgs,
) -> Result<Option<Approval>, CliError> {
    let signed_in = staff.operator();
    let supervisor = match (&args.approver, &signed_in) {
        (Some(name), _) => name.clone(),
        (None, Some(person)) if person.is_supervisor() => person.name.clone(),
        (None, _) if args.reason.is_none() => return Ok(None),
        (None, _) => {
            return Err(CliError::other(
                "invalid_input",
                words::approver_missing(printer.lang),
            ));
        }
    };
    let reason = args.reason.clone().unwrap_or_default();
    let pin = match (&args.approver, &signed_in) {
        (None, Some(_)) => read_pin("CAJA_PIN", &words::pin_again(printer.lang))?,
        _ => read_pin(
            "CAJA_APPROVER_PIN",
            &words::pin_prompt(printer.lang, &supervisor),
        )?,
    };
    Ok(Some(Approval {
        supervisor,
        pin,
        reason,
    }))
}

pub fn open_staff(cli: &Cli, printer: &Printer) -> Result<Staff, CliError> {
    let staff = desk::settings::open_staff(&setup::data_dir(cli))?;
    sign_in(cli, printer, &staff)?;
    Ok(staff)
}

pub fn users(cli: &Cli, printer: &Printer, action: &UsersAction) -> Result<(), CliError> {
    let staff = open_staff(cli, printer)?;
    match action {
        UsersAction::Add { name, role } => {
            let role: Role = role
                .parse()
                .map_err(|error: String| CliError::other("invalid_input", error))?;
            let prompt = words::new_pin_prompt(printer.lang, name);
            let pin = read_pin("CAJA_NEW_PIN", &prompt)?;
            let person = if staff.has_people()? {
                staff.add_person(name, role, &pin)?
            } else if role == Role::Supervisor {
                staff.create_first_supervisor(name, &pin)?
            } else {
                return Err(CliError::other(
                    "invalid_input",
                    words::first_person_not_supervisor(printer.lang),
                ));
            };
            let text = words::person_added(printer.lang, &person);
            printer.success("users", json!({ "added": person }), &text);
        }
        UsersAction::List => {
            let people = staff.people()?;
            let text = words::people(printer.lang, &people);
            printer.success("users", json!({ "people": people }), &text);
        }
        UsersAction::Disable { name } | UsersAction::Enable { name } => {
            let active = matches!(action, UsersAction::Enable { .. });
            let person = staff.set_person_active(name, active)?;
            let text = match active {
                true => words::person_enabled(printer.lang, &person.name),
                false => words::person_disabled(printer.lang, &person.name),
            };
            printer.success("users", json!({ "person": person }), &text);
        }
    }
    Ok(())
}

pub fn audit(cli: &Cli, printer: &Printer, action: &AuditAction) -> Result<(), CliError> {
    let staff = desk::settings::open_staff(&setup::data_dir(cli))?;
    match action {
        AuditAction::Verify => {
            let view = desk::views::audit_verify(&staff, printer.lang)?;
            if view.intact {
                let text =
                    words::audit_intact(printer.lang, view.entries_checked, view.rows_checked);
                printer.success("audit", json!({ "audit": view }), &text);
                Ok(())
            } else {
                Err(CliError::other(
                    "audit_tampered",
                    words::audit_altered(printer.lang, &view.findings),
                ))
            }
        }
        AuditAction::Export { day, out } => {
            let day = till::clock::parse_day(day)?;
            let mode = setup::effective_mode(cli)?;
            match out {
                Some(path) => {
                    let file = std::fs::File::create(path).map_err(|error| {
                        CliError::other("io", format!("{}: {error}", path.display()))
                    })?;
                    let rows = staff.export_day(mode, day, file)?;
                    let text = words::audit_exported(printer.lang, rows, day, path);
                    printer.success("audit", json!({ "rows": rows, "file": path }), &text);
                }
                None => {
                    staff.export_day(mode, day, std::io::stdout().lock())?;
                }
            }
            Ok(())
        }
    }
}
