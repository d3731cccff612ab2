//! The backups the desk makes ([`till::backup`] writes, checks and restores them) with the settings of
//! [`crate::backup_settings`]: on demand, after a shift's Z is filed, and once a day (the first chance
//! after the newest generation turned 24 hours old: a shift's opening). An automatic backup that fails
//! is logged and its words returned to be shown; it never blocks the closing it follows. And the check
//! and save of those settings.

use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};

use crate::backup_settings::{BackupSettings, GENERATIONS};
use crate::settings::Settings;
use crate::settings_change::{approve_and_save, differing};
use till::backup::{self, BackupError, write::Written};
use till::error::{InputProblem, TillError};
use till::people::Approval;
use till::staff::Staff;

/// The codes of [`BackupError`] that reach the UI (a restore's are the CLI's only).
pub const ERROR_CODES: &[&str] = &[
    "backup_folder_not_set",
    "backup_folder_missing",
    "backup_busy",
    "backup_no_database",
    "backup_failed_check",
];

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
            if before.folder.as_deref() != Some(text) {
                check_writable(path)
                    .map_err(|problem| TillError::invalid("backup_folder", text, problem))?;
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
    let changes = differing([
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
    ]);
    let mode = saved.mode;
    saved.backup = wanted.clone();
    approve_and_save(
        staff,
        mode,
        data_dir,
        changes,
        input.approval.as_ref(),
        || saved.save(data_dir),
    )?;
    Ok(wanted)
}

/// A new backup folder must be there and take a file: a probe written and removed. (A folder already
/// saved is not probed again: a drive unplugged for a moment must not block changing the count.)
fn check_writable(folder: &Path) -> Result<(), InputProblem> {
    if !folder.is_dir() {
        return Err(InputProblem::BackupFolderMissing);
    }
    let probe = folder.join(".caja-settings-probe");
    std::fs::write(&probe, b"")
        .and_then(|()| std::fs::remove_file(&probe))
        .map_err(|_| InputProblem::BackupFolderNotWritable)
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

/// When the newest of this till's generations in `folder` was written; none when there is none or the
/// folder cannot be listed.
fn newest_in(folder: &Path, settings: &Settings) -> Option<Timestamp> {
    let label = label(settings);
    backup::list(folder).ok().and_then(|found| {
        found
            .into_iter()
            .filter(|generation| generation.label == label)
            .map(|generation| generation.written_at)
            .max()
    })
}

/// What the doctor is told about this till's backups: the folder set, and when the newest of this
/// till's generations there was written (none when the folder cannot be listed: the doctor then
/// checks the folder itself).
pub fn facts(settings: &Settings) -> crate::doctor::BackupFacts {
    let folder = folder(settings).ok();
    let newest = folder
        .as_deref()
        .and_then(|folder| newest_in(folder, settings));
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
/// A failure is logged and returned (to be worded by the front and shown, never to block); a success
/// or nothing to do returns `None`.
pub fn automatic(data_dir: &Path, occasion: Occasion) -> Option<BackupError> {
    let settings = Settings::load(data_dir).ok()?;
    let folder = folder(&settings).ok()?;
    if occasion == Occasion::Daily && !daily_due(newest_in(&folder, &settings), Timestamp::now()) {
        return None;
    }
    match backup_now(data_dir) {
        Ok(written) => {
            tracing::info!(file = %written.verification.generation.file_name, ?occasion, "backup written");
            None
        }
        Err(error) => {
            tracing::warn!(%error, ?occasion, "the automatic backup failed");
            Some(error)
        }
    }
}

/// [`automatic`] on a blocking thread, for async callers (the closing, a shift's opening).
pub async fn automatic_in_background(data_dir: PathBuf, occasion: Occasion) -> Option<BackupError> {
    till::blocking::run(move || automatic(&data_dir, occasion)).await
}

/// The daily rule: no generation yet, or the newest more than a day old.
pub fn daily_due(newest: Option<Timestamp>, now: Timestamp) -> bool {
    newest.is_none_or(|at| now.duration_since(at) > DAILY)
}

/// What the desktop does about backups when it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtStart {
    /// No backup folder is set: nothing to do (the doctor says so).
    NotConfigured,
    /// The newest generation is less than a day old.
    Recent,
    /// A backup is due: made in the background, never holding the cashier.
    BackUp,
}

/// The policy at the desktop's start, from the saved settings and the folder's generations.
pub fn at_start(data_dir: &Path) -> AtStart {
    let Ok(settings) = Settings::load(data_dir) else {
        return AtStart::NotConfigured;
    };
    let Ok(folder) = folder(&settings) else {
        return AtStart::NotConfigured;
    };
    if daily_due(newest_in(&folder, &settings), Timestamp::now()) {
        AtStart::BackUp
    } else {
        AtStart::Recent
    }
}

/// The last automatic backup's failure in this run of the desktop, for the supervisor to see (in
/// Ajustes and Supervisión) until a backup is written.
#[derive(Debug, Default)]
pub struct Notice(std::sync::Mutex<Option<String>>);

impl Notice {
    /// What failed, in the till's language; `None` once a backup was written since.
    pub fn get(&self) -> Option<String> {
        self.0.lock().map(|held| held.clone()).unwrap_or(None)
    }

    /// Keeps a failure (`Some`) or clears it after a backup was written (`None`).
    pub fn set(&self, problem: Option<String>) {
        if let Ok(mut held) = self.0.lock() {
            *held = problem;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_daily_backup_is_due_past_a_day_or_with_none() {
        let now: Timestamp = "2026-12-01T12:00:00Z".parse().unwrap();
        let hours_ago = |hours: i64| Some(now - SignedDuration::from_hours(hours));
        assert!(daily_due(None, now));
        assert!(daily_due(hours_ago(25), now));
        assert!(!daily_due(hours_ago(23), now));
    }

    #[test]
    fn the_start_backs_up_only_with_a_folder_and_no_recent_generation() {
        let data = tempfile::tempdir().unwrap();
        assert_eq!(at_start(data.path()), AtStart::NotConfigured);
        let folder = tempfile::tempdir().unwrap();
        let mut settings = Settings::default();
        settings.backup.folder = Some(folder.path().display().to_string());
        settings.save(data.path()).unwrap();
        assert_eq!(at_start(data.path()), AtStart::BackUp);
        let notice = Notice::default();
        notice.set(Some("falló".to_owned()));
        assert_eq!(notice.get().as_deref(), Some("falló"));
        notice.set(None);
        assert_eq!(notice.get(), None);
    }

    #[test]
    fn a_new_folder_must_exist_and_take_a_file() {
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(check_writable(folder.path()), Ok(()));
        let missing = folder.path().join("no-such-usb");
        assert_eq!(
            check_writable(&missing),
            Err(InputProblem::BackupFolderMissing)
        );
    }
}
