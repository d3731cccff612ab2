//! People and the audit record as the screens show them: who may sign in, who is signed in, and what
//! the tamper-evident record says, worded by [`wording::audit_finding`].

use serde::Serialize;
use ts_rs::TS;

use crate::export::ExportCsv;
use crate::wording::{self, Lang};
use till::error::TillError;
use till::people::{Person, Role};
use till::staff::Staff;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonView {
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// Lima time (HH:MM) until which five wrong PINs keep this person out.
    pub locked_until: Option<String>,
}

impl From<&Person> for PersonView {
    fn from(person: &Person) -> Self {
        PersonView {
            name: person.name.clone(),
            role: person.role,
            active: person.active,
            locked_until: person
                .locked_until
                .map(|until| till::clock::in_lima(until).strftime("%H:%M").to_string()),
        }
    }
}

pub fn people(staff: &Staff) -> Result<Vec<PersonView>, TillError> {
    Ok(staff.people()?.iter().map(PersonView::from).collect())
}

/// Adds a person (a signed-in supervisor only) and answers the list as it is now.
pub fn add_person(
    staff: &Staff,
    name: &str,
    role: Role,
    pin: &str,
) -> Result<Vec<PersonView>, TillError> {
    staff.add_person(name, role, pin)?;
    people(staff)
}

/// Turns a person off or on (a signed-in supervisor only) and answers the list as it is now.
pub fn set_person_active(
    staff: &Staff,
    name: &str,
    active: bool,
) -> Result<Vec<PersonView>, TillError> {
    staff.set_person_active(name, active)?;
    people(staff)
}

/// Someone is at the screen (typing, clicking): keeps their live session open; refused once it is over.
pub fn note_activity(staff: &Staff) -> Result<(), TillError> {
    staff.note_activity()
}

pub fn sign_in(staff: &Staff, name: &str, pin: &str) -> Result<PersonView, TillError> {
    staff
        .sign_in(name, pin)
        .map(|person| PersonView::from(&person))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditView {
    pub intact: bool,
    pub entries_checked: usize,
    pub rows_checked: usize,
    /// One sentence per finding, naming the row or entry.
    pub findings: Vec<String>,
}

pub fn audit_verify(staff: &Staff, lang: Lang) -> Result<AuditView, TillError> {
    let report = staff.verify_audit()?;
    Ok(AuditView {
        intact: report.is_intact(),
        entries_checked: report.entries_checked,
        rows_checked: report.rows_checked,
        findings: report
            .findings
            .iter()
            .map(|finding| wording::audit_finding(lang, finding))
            .collect(),
    })
}

/// Where a day's CSV for the accountant was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportView {
    pub path: String,
    pub rows: usize,
}

/// Writes one Lima day of the journal as CSV into the reports folder; only a signed-in supervisor may.
pub fn audit_export(
    staff: &Staff,
    mode: till::Mode,
    data_dir: &std::path::Path,
    day: &str,
) -> Result<ExportView, TillError> {
    staff.require_supervisor()?;
    let day = till::clock::parse_day(day)?;
    let folder = super::reports_dir(data_dir);
    let io = |path: std::path::PathBuf| move |source| TillError::Io { path, source };
    std::fs::create_dir_all(&folder).map_err(io(folder.clone()))?;
    let path = folder.join(format!("operaciones-{day}-{mode}.csv"));
    let file = std::fs::File::create(&path).map_err(io(path.clone()))?;
    let rows = staff.export_day(mode, day, file)?;
    Ok(ExportView {
        path: path.display().to_string(),
        rows,
    })
}

/// The first run: the store's country saved and the first supervisor created, signed in. Refused, with
/// nothing saved, when the till already has people (then the country is Ajustes' business, with a
/// supervisor's approval); a name or PIN refused leaves the country as it was too.
pub fn first_run(
    staff: &Staff,
    data_dir: &std::path::Path,
    name: &str,
    pin: &str,
    country: till::country::Country,
) -> Result<Person, TillError> {
    if staff.has_people()? {
        return Err(TillError::FirstSupervisorExists);
    }
    let mut settings = crate::settings::Settings::load(data_dir)?;
    let person = staff.create_first_supervisor(name, pin)?;
    if settings.country != country {
        settings.country = country;
        settings.save(data_dir)?;
    }
    Ok(person)
}
