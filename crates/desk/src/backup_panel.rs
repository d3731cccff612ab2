//! Backups as the desktop shows and makes them: Ajustes' «Copias de respaldo» (the folder and the
//! number kept, saved with a supervisor's approval through [`crate::backups::save_backup_settings`];
//! the newest backup with its check; «Respaldar ahora», a supervisor's action), and the backup at the
//! desktop's start when the newest is more than a day old ([`crate::backups::at_start`]), made in the
//! background; its failure (or a closing's) is kept in the [`Desk`]'s notice for the supervisor.

use serde::{Deserialize, Serialize};
use till::backup::{self, BackupError};
use till::blocking;
use till::error::TillError;
use till::people::Approval;
use till::staff::Staff;
use ts_rs::TS;

use crate::Desk;
use crate::backups::{self, AtStart, BackupSettingsInput, Occasion};
use crate::settings::Settings;
use crate::views::{ErrorView, store_time_text};
use crate::wording::{Lang, backups as words};

/// Ajustes' backup section.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupView {
    /// Where backups go; null while none is set (no backups are made).
    pub folder: Option<String>,
    /// How many of this till's backups are kept.
    pub generations: u32,
    /// The newest backup of this till in the folder; null when there is none (or no folder).
    pub last: Option<LastBackupView>,
    /// Why the last automatic backup failed (at the desktop's start, after a Z); null when none failed
    /// since one was written.
    pub notice: Option<String>,
}

/// The newest backup, checked again now (checksum, SQLite's integrity, the audit chain).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LastBackupView {
    /// When it was written, on the store's clock: `01/12/2026 21:05`.
    pub written_at: String,
    pub file: String,
    pub verified: bool,
    /// Why it does not verify; null when it does.
    pub problem: Option<String>,
}

/// The backup settings as typed in Ajustes.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSettingsForm {
    /// A full path; empty turns backups off.
    pub folder: String,
    pub generations: String,
    #[serde(default)]
    pub approval: Option<Approval>,
}

/// «Respaldar ahora» done: what was written, and the section as it is now.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupWrittenView {
    pub message: String,
    /// The file written, its full path.
    pub path: String,
    pub backups: BackupView,
}

/// The section, read from the saved settings (slow only in checking the newest backup: call it on a
/// blocking thread).
fn view(settings: &Settings, notice: Option<String>) -> BackupView {
    let lang = settings.lang;
    let label = backups::label(settings);
    let newest = backups::folder(settings)
        .ok()
        .and_then(|folder| backup::list(&folder).ok())
        .and_then(|found| {
            found
                .into_iter()
                .filter(|generation| generation.label == label)
                .max_by_key(|generation| generation.written_at)
        });
    let last = newest.map(|generation| {
        let problem = backup::verify_file(&generation.path)
            .err()
            .map(|error| words::failure(lang, &error));
        LastBackupView {
            written_at: store_time_text(settings.country, generation.written_at, "%d/%m/%Y %H:%M"),
            file: generation.file_name,
            verified: problem.is_none(),
            problem,
        }
    });
    BackupView {
        folder: settings.backup.folder.clone(),
        generations: settings.backup.generations,
        last,
        notice,
    }
}

fn worded(error: &BackupError, lang: Lang) -> ErrorView {
    match error {
        BackupError::Till(error) => ErrorView::new(error, lang),
        other => ErrorView {
            code: other.code().to_owned(),
            message: words::failure(lang, other),
            field: matches!(other, BackupError::NoFolder | BackupError::FolderMissing(_))
                .then(|| "backup_folder".to_owned()),
        },
    }
}

/// The section, for whoever is signed in.
pub async fn backups(desk: &Desk) -> Result<BackupView, ErrorView> {
    let notice = desk.backup_notice.get();
    desk.with_staff_and_settings(move |staff, settings, _| {
        staff.require_operator(settings.mode)?;
        Ok(view(settings, notice))
    })
    .await
}

/// Only the notice (Supervisión's banner), for whoever is signed in: nothing is listed or checked.
pub async fn notice(desk: &Desk) -> Result<Option<String>, ErrorView> {
    let notice = desk.backup_notice.get();
    desk.with_staff_and_settings(move |staff, settings, _| {
        staff.require_operator(settings.mode)?;
        Ok(notice)
    })
    .await
}

/// Saves the folder and the number kept (a supervisor's approval when they change and the rules
/// apply; sealed in the audit record), and answers the section as saved.
pub async fn save(desk: &Desk, form: BackupSettingsForm) -> Result<BackupView, ErrorView> {
    let notice = desk.backup_notice.get();
    desk.with_staff_and_settings(move |staff, settings, data_dir| {
        let input = BackupSettingsInput {
            folder: Some(form.folder),
            generations: Some(form.generations),
            approval: form.approval,
        };
        backups::save_backup_settings(staff, data_dir, input)?;
        let mut saved = settings.clone();
        saved.backup = Settings::load(data_dir)?.backup;
        Ok(view(&saved, notice))
    })
    .await
}

/// Who may press «Respaldar ahora»: a supervisor, where the rules apply.
fn may_back_up(staff: &Staff, settings: &Settings) -> Result<(), TillError> {
    if staff.rules_apply(settings.mode)? {
        staff.require_supervisor()?;
    }
    Ok(())
}

/// «Respaldar ahora»: a backup written and verified now, with the saved settings.
pub async fn backup_now(desk: &Desk) -> Result<BackupWrittenView, ErrorView> {
    let (written, settings) = desk
        .with_staff_and_settings(move |staff, settings, data_dir| {
            may_back_up(staff, settings)?;
            Ok((backups::backup_now(data_dir), settings.clone()))
        })
        .await?;
    let lang = settings.lang;
    let written = written.map_err(|error| worded(&error, lang))?;
    desk.backup_notice.set(None);
    let message = words::written(lang, &written);
    let path = written.verification.generation.path.display().to_string();
    let backups = blocking::run(move || view(&settings, None)).await;
    Ok(BackupWrittenView {
        message,
        path,
        backups,
    })
}

/// At the desktop's start: a backup when one is due ([`backups::at_start`]), on a blocking thread so the
/// cashier is never held; its failure becomes the desk's notice. Returns what was decided.
pub async fn at_start(desk: &Desk) -> AtStart {
    let data_dir = desk.data_dir.clone();
    let (plan, lang) = blocking::run(move || {
        let lang = Settings::load(&data_dir).unwrap_or_default().lang;
        (backups::at_start(&data_dir), lang)
    })
    .await;
    if plan == AtStart::BackUp {
        let failed = backups::automatic_in_background(desk.data_dir.clone(), Occasion::Daily).await;
        desk.backup_notice
            .set(failed.map(|error| words::automatic_failed(lang, &error)));
    }
    plan
}
