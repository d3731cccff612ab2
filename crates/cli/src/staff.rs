//! Who is at the terminal, and the commands for people, settings and the audit record.
//!
//! PINs are never flags (they would end up in shell histories and process lists): the signed-in user's
//! comes from `CAJA_PIN`, an approving supervisor's from `CAJA_APPROVER_PIN`, a new person's from
//! `CAJA_NEW_PIN`; at a terminal Caja asks for them without echo.

use desk::export::ExportCsv;
use std::io::{BufRead, IsTerminal};

use desk::Settings;
use desk::views::SettingsInput;
use serde_json::json;
use till::{Approval, Role, Staff};

use crate::args::{ApprovalArgs, AuditAction, Cli, SettingsAction, UsersAction};
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
        let pin = read_pin(
            "CAJA_PIN",
            &printer.say(format!("PIN de {name}"), format!("PIN for {name}")),
        )?;
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
                printer.say(
                    "Falta el supervisor que autoriza: use --approver NOMBRE (y CAJA_APPROVER_PIN).",
                    "The approving supervisor is missing: use --approver NAME (and CAJA_APPROVER_PIN).",
                ),
            ));
        }
    };
    let reason = args.reason.clone().unwrap_or_default();
    let pin = match (&args.approver, &signed_in) {
        (None, Some(_)) => read_pin(
            "CAJA_PIN",
            &printer.say("Su PIN otra vez", "Your PIN again"),
        )?,
        _ => read_pin(
            "CAJA_APPROVER_PIN",
            &printer.say(
                format!("PIN de {supervisor}"),
                format!("PIN for {supervisor}"),
            ),
        )?,
    };
    Ok(Some(Approval {
        supervisor,
        pin,
        reason,
    }))
}

fn open_staff(cli: &Cli, printer: &Printer) -> Result<Staff, CliError> {
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
            let prompt = printer.say(
                format!("PIN nuevo para {name}"),
                format!("New PIN for {name}"),
            );
            let pin = read_pin("CAJA_NEW_PIN", &prompt)?;
            let person = if staff.has_people()? {
                staff.add_person(name, role, &pin)?
            } else if role == Role::Supervisor {
                staff.create_first_supervisor(name, &pin)?
            } else {
                return Err(CliError::other(
                    "invalid_input",
                    printer.say(
                        "La primera persona de la caja debe ser supervisor: use --role supervisor.",
                        "The till's first person must be a supervisor: use --role supervisor.",
                    ),
                ));
            };
            let text = printer.say(
                format!(
                    "{} agregado como {}.",
                    person.name,
                    role_label(person.role, printer)
                ),
                format!(
                    "{} added as {}.",
                    person.name,
                    role_label(person.role, printer)
                ),
            );
            printer.success("users", json!({ "added": person }), &text);
        }
        UsersAction::List => {
            let people = staff.people()?;
            let mut text = String::new();
            for person in &people {
                let state = match (person.active, &person.locked_until) {
                    (false, _) => printer.say("desactivado", "disabled"),
                    (true, Some(_)) => printer.say("bloqueado", "locked"),
                    (true, None) => printer.say("activo", "active"),
                };
                text.push_str(&format!(
                    "{:<24} {:<12} {state}\n",
                    person.name,
                    role_label(person.role, printer)
                ));
            }
            if people.is_empty() {
                text = printer.say(
                    "Sin personas. Cree el primer supervisor: caja users add --name NOMBRE --role supervisor",
                    "No people. Create the first supervisor: caja users add --name NAME --role supervisor",
                );
            }
            printer.success("users", json!({ "people": people }), &text);
        }
        UsersAction::Disable { name } | UsersAction::Enable { name } => {
            let active = matches!(action, UsersAction::Enable { .. });
            let person = staff.set_person_active(name, active)?;
            let text = match active {
                true => printer.say(
                    format!("{} activado.", person.name),
                    format!("{} enabled.", person.name),
                ),
                false => printer.say(
                    format!("{} desactivado: ya no puede ingresar.", person.name),
                    format!("{} disabled: they can no longer sign in.", person.name),
                ),
            };
            printer.success("users", json!({ "person": person }), &text);
        }
    }
    Ok(())
}

fn role_label(role: Role, printer: &Printer) -> String {
    match role {
        Role::Cashier => printer.say("cajero", "cashier"),
        Role::Supervisor => printer.say("supervisor", "supervisor"),
    }
}

pub fn settings(cli: &Cli, printer: &Printer, action: &SettingsAction) -> Result<(), CliError> {
    let data_dir = setup::data_dir(cli);
    match action {
        SettingsAction::Show => {
            let saved = Settings::load(&data_dir)?;
            let text = format!(
                "{}: {}\n{}: {}\nURL: {}\n{}: {} min",
                printer.say("Tienda", "Store"),
                saved.store_name,
                printer.say("Modo", "Mode"),
                saved.mode,
                saved
                    .api_url
                    .clone()
                    .unwrap_or_else(|| printer.say("(predeterminada)", "(default)")),
                printer.say("Bloqueo por inactividad", "Idle lock"),
                saved.idle_lock_minutes,
            );
            printer.success("settings", json!({ "settings": saved }), &text);
        }
        SettingsAction::Set {
            set_mode,
            set_api_url,
            set_store_name,
            idle_lock_minutes,
            approval: args,
        } => {
            let staff = open_staff(cli, printer)?;
            let saved = Settings::load(&data_dir)?;
            let input = SettingsInput {
                store_name: set_store_name.clone().unwrap_or(saved.store_name.clone()),
                mode: set_mode.map(setup::mode).unwrap_or(saved.mode),
                api_url: set_api_url.clone().or(saved.api_url.clone()),
                lang: saved.lang,
                printer: saved.printer.clone(),
                idle_lock_minutes: Some(idle_lock_minutes.unwrap_or(saved.idle_lock_minutes)),
                approval: approval(printer, &staff, args)?,
            };
            desk::views::save_settings(&staff, &data_dir, input)?;
            let now = Settings::load(&data_dir)?;
            let text = printer.say("Ajustes guardados.", "Settings saved.");
            printer.success("settings", json!({ "settings": now }), text.as_str());
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
                let text = printer.say(
                    format!(
                        "Registro íntegro: {} eventos y {} operaciones verificados.",
                        view.entries_checked, view.rows_checked
                    ),
                    format!(
                        "Record intact: {} entries and {} operations verified.",
                        view.entries_checked, view.rows_checked
                    ),
                );
                printer.success("audit", json!({ "audit": view }), &text);
                Ok(())
            } else {
                let heading = printer.say(
                    "El registro fue alterado fuera de Caja:",
                    "The record was altered outside Caja:",
                );
                Err(CliError::other(
                    "audit_tampered",
                    format!("{heading}\n  - {}", view.findings.join("\n  - ")),
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
                    let text = printer.say(
                        format!(
                            "{rows} operaciones del {day} exportadas a {}.",
                            path.display()
                        ),
                        format!("{rows} operations of {day} exported to {}.", path.display()),
                    );
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
