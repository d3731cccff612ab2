//! The commands of Ajustes' «Copias de respaldo»: the section (and Supervisión's notice alone), saving its settings (a supervisor's
//! approval, checked in `desk`), «Respaldar ahora» (a supervisor's action); and the backup at start,
//! spawned in the background when the window opens. Each forwards to `desk::backup_panel`.

use desk::Desk;
use desk::backup_panel::{self, BackupSettingsForm, BackupView, BackupWrittenView};
use desk::views::ErrorView;
use tauri::{AppHandle, Manager, State};

type Answer<T> = Result<T, ErrorView>;

#[tauri::command]
pub async fn backups(desk: State<'_, Desk>) -> Answer<BackupView> {
    backup_panel::backups(&desk).await
}

/// Supervisión's banner: an automatic backup's failure, or null (nothing is read from the folder).
#[tauri::command]
pub async fn backup_notice(desk: State<'_, Desk>) -> Answer<Option<String>> {
    backup_panel::notice(&desk).await
}

#[tauri::command]
pub async fn save_backup_settings(
    desk: State<'_, Desk>,
    form: BackupSettingsForm,
) -> Answer<BackupView> {
    backup_panel::save(&desk, form).await
}

#[tauri::command]
pub async fn backup_now(desk: State<'_, Desk>) -> Answer<BackupWrittenView> {
    backup_panel::backup_now(&desk).await
}

/// The daily backup at start when one is due, never holding the window (desk decides and words it).
pub fn spawn_at_start(handle: &AppHandle) {
    let handle = handle.clone();
    tauri::async_runtime::spawn(async move {
        backup_panel::at_start(&handle.state::<Desk>()).await;
    });
}
