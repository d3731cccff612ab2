//! The one road of a change to `settings.json`, whichever part of it (the till's settings, the credit
//! sales', the backups', an update's postponement): the fields that differ, named and written as the
//! audit record keeps them; a file edited outside Caja confirmed by the save on the same terms as a
//! change; the person at the till required and, when anything changes, a supervisor's approval where
//! the rules apply; then the save, and the change sealed in the audit record.

use std::path::Path;

use till::error::TillError;
use till::mode::Mode;
use till::people::Approval;
use till::settings_seal::{self, SettingsSeal};
use till::staff::{SettingsChange, Staff};

/// One field that changed: its name, then its value before and after, as the record writes them.
pub type FieldChange = (String, String, String);

/// The fields among `fields` whose value differs.
pub fn differing<'a>(
    fields: impl IntoIterator<Item = (&'a str, String, String)>,
) -> Vec<FieldChange> {
    fields
        .into_iter()
        .filter(|(_, before, after)| before != after)
        .map(|(name, before, after)| (name.to_owned(), before, after))
        .collect()
}

/// Checks who may make `changes` under the rules of `mode`, runs `save`, and seals the change (with a
/// file edited outside Caja confirmed). With nothing changed, `save` runs with no approval asked.
pub fn approve_and_save<T>(
    staff: &Staff,
    mode: Mode,
    data_dir: &Path,
    mut changes: Vec<FieldChange>,
    approval: Option<&Approval>,
    save: impl FnOnce() -> Result<T, TillError>,
) -> Result<T, TillError> {
    if settings_seal::state(data_dir)? == SettingsSeal::EditedOutsideCaja {
        changes.push((
            "settings_file".to_owned(),
            "edited_outside_caja".to_owned(),
            "confirmed".to_owned(),
        ));
    }
    staff.require_operator(mode)?;
    let approved = if changes.is_empty() {
        None
    } else {
        staff.approval_for(mode, approval, "settings")?
    };
    let saved = save()?;
    if let Some(approved) = approved {
        staff.record_settings_change(&SettingsChange {
            changes,
            requested_by: staff.operator().map(|person| person.name),
            approved_by: approved.supervisor.name,
            reason: approved.reason,
        })?;
    }
    Ok(saved)
}
