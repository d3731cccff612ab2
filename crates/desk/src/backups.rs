//! The backups the desk makes ([`till::backup`] writes, checks and restores them) with the settings of
//! [`crate::backup_settings`]: on demand, after a shift's Z is filed, and once a day (the first chance
//! after the newest generation turned 24 hours old: a shift's opening). An automatic backup that fails
//! is logged and its words returned to be shown; it never blocks the closing it follows. And the check
//! and save of those settings.

use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};

use crate::backup_settings::{BackupSettings, GENERATIONS};
use crate::settings::Settings;
use crate::wording::Lang;
use till::backup::{self, BackupError, write::Written};
use till::error::{InputProblem, TillError};
use till::people::Approval;
use till::staff::{SettingsChange, Staff};

/// A generation older than this makes the daily backup due.
const DAILY: SignedDuration = SignedDuration::from_hours(24);

/// `caja settings set --backup-folder/--backup-generations` as typed: `None` keeps the saved value, an
/// empty folder turns backups off.
#[derive(Debug, Clone, Default)]
pub struct BackupSettingsInput {
    pub folder: Option<String>,
    pub generations: Option<String>,
    pub approval: Option<Approval>,
}

impl BackupSettingsInput {
    pub fn is_empty(&self) -> bool {
        self.folder.is_none() && self.generations.is_none()
    }
}

/// Checks and saves the backup settings; returns them as saved.
pub fn save_backup_settings(
    staff: &Staff,
    data_dir: &Path,
    input: BackupSettingsInput,
) -> Result<BackupSettings, TillError> {
    let mut saved = Settings::load(data_dir)?;
    let before = saved.backup.clone();
    let mut wanted: BackupSettings = before.clone();
    if let Some(text) = input.folder {
        let text = text.trim();
        wanted.folder = if text.is_empty() {
            None
        } else {
            let path = Path::new(text);
            let inside_data = std::path::absolute(path)
                .ok()
                .zip(std::path::absolute(data_dir).ok())
                .is_some_and(|(folder, data)| folder.starts_with(data));
            if !path.is_absolute() || inside_data {
                return Err(TillError::invalid(
                    "backup_folder",
                    text,
                    InputProblem::BackupFolder,
                ));
            }
            Some(text.to_owned())
        };
    }
    if let Some(text) = input.generations {
        wanted.generations = text
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| GENERATIONS.contains(n))
            .ok_or_else(|| {
                TillError::invalid("backup_generations", &text, InputProblem::BackupGenerations)
            })?;
    }
    let shown = |folder: &Option<String>| folder.clone().unwrap_or_else(|| "-".to_owned());
    let changes: Vec<(String, String, String)> = [
        (
            "backup_folder",
            shown(&before.folder),
            shown(&wanted.folder),
        ),
        (
            "backup_generations",
            before.generations.to_string(),
            wanted.generations.to_string(),
        ),
    ]
    .into_iter()
    .filter(|(_, before, after)| before != after)
    .map(|(name, before, after)| (name.to_owned(), before, after))
    .collect();
    staff.require_operator(saved.mode)?;
    let approved = if changes.is_empty() {
        None
    } else {
        staff.approval_for(saved.mode, input.approval.as_ref(), "settings")?
    };
    saved.backup = wanted.clone();
    saved.save(data_dir)?;
    if let Some(approved) = approved {
        staff.record_settings_change(&SettingsChange {
            changes,
            requested_by: staff.operator().map(|person| person.name),
            approved_by: approved.supervisor.name,
            reason: approved.reason,
        })?;
    }
    Ok(wanted)
}

/// This till's label in generation names: the store's and till's codes of the order ids (`T01-C1`).
pub fn label(settings: &Settings) -> String {
    backup::name::clean_label(&format!(
        "{}-{}",
        settings.orders.store_code, settings.orders.till_code
    ))
}

/// The configured folder, or [`BackupError::NoFolder`].
pub fn folder(settings: &Settings) -> Result<PathBuf, BackupError> {
    settings
        .backup
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|folder| !folder.is_empty())
        .map(PathBuf::from)
        .ok_or(BackupError::NoFolder)
}

/// What the doctor is told about this till's backups: the folder set, and when the newest of this
/// till's generations there was written (none when the folder cannot be listed: the doctor then
/// checks the folder itself).
pub fn facts(settings: &Settings) -> crate::doctor::BackupFacts {
    let folder = folder(settings).ok();
    let label = label(settings);
    let newest = folder
        .as_deref()
        .and_then(|folder| backup::list(folder).ok())
        .and_then(|found| {
            found
                .into_iter()
                .filter(|generation| generation.label == label)
                .map(|generation| generation.written_at)
                .max()
        });
    crate::doctor::BackupFacts { folder, newest }
}

/// Writes a generation now, with the saved settings.
pub fn backup_now(data_dir: &Path) -> Result<Written, BackupError> {
    let settings = Settings::load(data_dir)?;
    let folder = folder(&settings)?;
    let keep = usize::try_from(settings.backup.generations).unwrap_or(1);
    backup::write_generation(data_dir, &folder, &label(&settings), keep)
}

/// Why an automatic backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occasion {
    /// A shift's Z was filed.
    Closing,
    /// The newest generation is more than a day old (checked at start and at a shift's opening).
    Daily,
}

/// An automatic backup: after a closing always, daily only when due; nothing when no folder is set.
/// A failure is logged and returned in words (to show, never to block); a success returns `None`.
pub fn automatic(data_dir: &Path, occasion: Occasion, lang: Lang) -> Option<String> {
    let settings = Settings::load(data_dir).ok()?;
    let folder = folder(&settings).ok()?;
    if occasion == Occasion::Daily {
        let newest = backup::list(&folder).ok().and_then(|all| {
            all.into_iter()
                .filter(|generation| generation.label == label(&settings))
                .map(|generation| generation.written_at)
                .max()
        });
        let due = newest.is_none_or(|at| Timestamp::now().duration_since(at) > DAILY);
        if !due {
            return None;
        }
    }
    match backup_now(data_dir) {
        Ok(written) => {
            tracing::info!(file = %written.verification.generation.file_name, ?occasion, "backup written");
            None
        }
        Err(error) => {
            tracing::warn!(%error, ?occasion, "the automatic backup failed");
            Some(crate::wording::cli::backup::automatic_failed(lang, &error))
        }
    }
}

/// [`automatic`] on a blocking thread, for async callers (the closing, a shift's opening).
pub async fn automatic_in_background(
    data_dir: PathBuf,
    occasion: Occasion,
    lang: Lang,
) -> Option<String> {
    till::blocking::run(move || automatic(&data_dir, occasion, lang)).await
}
