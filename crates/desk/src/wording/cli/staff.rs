//! Words of `caja users`, `caja settings` and `caja audit`, and the prompts for PINs (which never
//! repeat a PIN).

use std::path::Path;

use jiff::civil::Date;
use till::people::{Person, Role};
use till::{Mode, Soles};

use crate::wording::{Lang, default_api_url, say};

/// The prompt for `name`'s PIN, to sign in or to approve.
pub fn pin_prompt(lang: Lang, name: &str) -> String {
    say(lang, format!("PIN de {name}"), format!("PIN for {name}"))
}

/// The prompt for the signed-in supervisor's PIN once more, to approve what they asked for.
pub fn pin_again(lang: Lang) -> String {
    say(lang, "Su PIN otra vez", "Your PIN again")
}

/// The prompt for the PIN of a person being added.
pub fn new_pin_prompt(lang: Lang, name: &str) -> String {
    say(
        lang,
        format!("PIN nuevo para {name}"),
        format!("New PIN for {name}"),
    )
}

/// A `--reason` came without anyone to approve it.
pub fn approver_missing(lang: Lang) -> String {
    say(
        lang,
        "Falta el supervisor que autoriza: use --approver NOMBRE (y CAJA_APPROVER_PIN).",
        "The approving supervisor is missing: use --approver NAME (and CAJA_APPROVER_PIN).",
    )
}

/// The first person of a till was asked to be a cashier.
pub fn first_person_not_supervisor(lang: Lang) -> String {
    say(
        lang,
        "La primera persona de la caja debe ser supervisor: use --role supervisor.",
        "The till's first person must be a supervisor: use --role supervisor.",
    )
}

/// The role as the CLI's sentences and table say it, in lower case.
fn role(lang: Lang, role: Role) -> String {
    match role {
        Role::Cashier => say(lang, "cajero", "cashier"),
        Role::Supervisor => say(lang, "supervisor", "supervisor"),
    }
}

pub fn person_added(lang: Lang, person: &Person) -> String {
    say(
        lang,
        format!("{} agregado como {}.", person.name, role(lang, person.role)),
        format!("{} added as {}.", person.name, role(lang, person.role)),
    )
}

/// `caja users list`: one line per person with their role and whether they may sign in now; with
/// nobody yet, how to create the first supervisor.
pub fn people(lang: Lang, people: &[Person]) -> String {
    if people.is_empty() {
        return say(
            lang,
            "Sin personas. Cree el primer supervisor: caja users add --name NOMBRE --role supervisor",
            "No people. Create the first supervisor: caja users add --name NAME --role supervisor",
        );
    }
    let mut text = String::new();
    for person in people {
        let state = match (person.active, &person.locked_until) {
            (false, _) => say(lang, "desactivado", "disabled"),
            (true, Some(_)) => say(lang, "bloqueado", "locked"),
            (true, None) => say(lang, "activo", "active"),
        };
        text.push_str(&format!(
            "{:<24} {:<12} {state}\n",
            person.name,
            role(lang, person.role)
        ));
    }
    text
}

pub fn person_enabled(lang: Lang, name: &str) -> String {
    say(
        lang,
        format!("{name} activado."),
        format!("{name} enabled."),
    )
}

pub fn person_disabled(lang: Lang, name: &str) -> String {
    say(
        lang,
        format!("{name} desactivado: ya no puede ingresar."),
        format!("{name} disabled: they can no longer sign in."),
    )
}

/// `caja settings show`: the saved settings; no URL saved means the mode's own.
pub fn settings_shown(
    lang: Lang,
    store_name: &str,
    country: till::Country,
    mode: Mode,
    api_url: Option<&str>,
    idle_lock_minutes: u32,
) -> String {
    let country_name = crate::wording::country::country_name(lang, country);
    format!(
        "{}: {}\n{}: {} ({}, {})\n{}: {}\nURL: {}\n{}: {} min",
        say(lang, "Tienda", "Store"),
        store_name,
        say(lang, "País", "Country"),
        country_name,
        country.currency(),
        country.time_zone_name(),
        say(lang, "Modo", "Mode"),
        mode,
        api_url.unwrap_or(default_api_url(lang)),
        say(lang, "Bloqueo por inactividad", "Idle lock"),
        idle_lock_minutes,
    )
}

/// `caja settings show`, after [`settings_shown`]: the till's name and the money rules of shifts.
pub fn shift_settings_shown(
    lang: Lang,
    till_name: &str,
    closing_tolerance: Soles,
    movement_approval: Soles,
    thermal_printer: Option<&str>,
) -> String {
    let none = say(lang, "(ninguna)", "(none)");
    say(
        lang,
        format!(
            "Caja: {till_name}\nTolerancia de cierre: {closing_tolerance}\nIngresos y retiros con supervisor por encima de: {movement_approval}\nImpresora térmica: {}",
            thermal_printer.unwrap_or(&none)
        ),
        format!(
            "Till: {till_name}\nClosing tolerance: {closing_tolerance}\nCash in and out need a supervisor above: {movement_approval}\nThermal printer: {}",
            thermal_printer.unwrap_or(&none)
        ),
    )
}

pub fn settings_saved(lang: Lang) -> String {
    say(lang, "Ajustes guardados.", "Settings saved.")
}

/// `caja audit verify` found nothing wrong.
pub fn audit_intact(lang: Lang, entries: usize, rows: usize) -> String {
    say(
        lang,
        format!("Registro íntegro: {entries} eventos y {rows} operaciones verificados."),
        format!("Record intact: {entries} entries and {rows} operations verified."),
    )
}

/// `caja audit verify` found the record altered: a heading, then each finding as worded by
/// [`crate::wording::audit_finding`].
pub fn audit_altered(lang: Lang, findings: &[String]) -> String {
    let heading = say(
        lang,
        "El registro fue alterado fuera de Caja:",
        "The record was altered outside Caja:",
    );
    format!("{heading}\n  - {}", findings.join("\n  - "))
}

/// `caja audit export --out FILE` wrote `rows` operations of `day`.
pub fn audit_exported(lang: Lang, rows: usize, day: Date, path: &Path) -> String {
    say(
        lang,
        format!(
            "{rows} operaciones del {day} exportadas a {}.",
            path.display()
        ),
        format!("{rows} operations of {day} exported to {}.", path.display()),
    )
}
