//! People and the audit record as the screens show them: who may sign in, who is signed in, and what
//! the tamper-evident record says, worded.

use serde::Serialize;
use ts_rs::TS;

use crate::export::ExportCsv;
use crate::wording::Lang;
use till::audit::Finding;
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
            .map(|finding| finding_text(finding, lang))
            .collect(),
    })
}

/// A finding in the supervisor's language.
pub fn finding_text(finding: &Finding, lang: Lang) -> String {
    let es = match finding {
        Finding::EntryEdited { seq } => {
            format!("El evento n.° {seq} del registro de auditoría fue modificado.")
        }
        Finding::ChainBroken { seq, previous_seq } => format!(
            "La cadena se rompe en el evento n.° {seq} (después del n.° {previous_seq}): se borraron o \
             reordenaron eventos."
        ),
        Finding::RowEdited { id, fields } => format!(
            "La operación n.° {id} del registro fue modificada fuera de Caja ({}).",
            fields.join(", ")
        ),
        Finding::RowDeleted { id } => {
            format!("La operación n.° {id} fue borrada del registro.")
        }
        Finding::RowUnsealed { id } => {
            format!("La operación n.° {id} fue agregada al registro fuera de Caja.")
        }
        Finding::PersonEdited { id, fields } => format!(
            "La persona n.° {id} fue modificada fuera de Caja ({}).",
            fields.join(", ")
        ),
        Finding::PersonDeleted { id } => format!("La persona n.° {id} fue borrada fuera de Caja."),
        Finding::PersonUnsealed { id } => {
            format!("La persona n.° {id} fue agregada fuera de Caja.")
        }
        Finding::HeadMissing {
            anchored_seq,
            found_seq,
        } => format!(
            "El registro termina en el evento n.° {found_seq}, pero Caja había llegado al n.° \
             {anchored_seq}: se borraron las últimas operaciones o se reemplazó el archivo."
        ),
        Finding::AnchorForged => "La marca del último evento (audit-head) fue alterada o \
                                  pertenece a otra caja."
            .to_owned(),
        Finding::AnchorMissing { found_seq } => format!(
            "Falta la marca del último evento (audit-head) con {found_seq} eventos registrados: \
             fue borrada."
        ),
        Finding::SettingsEdited => "Los ajustes (settings.json) se cambiaron fuera de Caja: un \
                                    supervisor debe revisarlos y guardarlos en Ajustes."
            .to_owned(),
    };
    let en = match finding {
        Finding::EntryEdited { seq } => format!("Audit entry #{seq} was modified."),
        Finding::ChainBroken { seq, previous_seq } => format!(
            "The chain breaks at entry #{seq} (after #{previous_seq}): entries were deleted or reordered."
        ),
        Finding::RowEdited { id, fields } => format!(
            "Journal operation #{id} was modified outside Caja ({}).",
            fields.join(", ")
        ),
        Finding::RowDeleted { id } => format!("Journal operation #{id} was deleted."),
        Finding::RowUnsealed { id } => format!("Journal operation #{id} was added outside Caja."),
        Finding::PersonEdited { id, fields } => format!(
            "Person #{id} was modified outside Caja ({}).",
            fields.join(", ")
        ),
        Finding::PersonDeleted { id } => format!("Person #{id} was deleted outside Caja."),
        Finding::PersonUnsealed { id } => format!("Person #{id} was added outside Caja."),
        Finding::HeadMissing {
            anchored_seq,
            found_seq,
        } => format!(
            "The record ends at entry #{found_seq}, but Caja had reached #{anchored_seq}: the newest \
             operations were deleted or the file was replaced."
        ),
        Finding::AnchorForged => {
            "The mark of the newest entry (audit-head) was altered or belongs to another till."
                .to_owned()
        }
        Finding::AnchorMissing { found_seq } => format!(
            "The mark of the newest entry (audit-head) is gone with {found_seq} entries recorded: it \
             was deleted."
        ),
        Finding::SettingsEdited => "The settings (settings.json) were changed outside Caja: a \
                                    supervisor must review and save them in Ajustes."
            .to_owned(),
    };
    match lang {
        Lang::Es => es,
        Lang::En => en,
    }
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
