//! The commands the UI calls. Each forwards to `till` (or, for printing, to `printing`) in one line;
//! errors cross the bridge as `{code, message, field}`.

use tauri::{AppHandle, State};
use till::views::{self, AppInfo, CheckView, EntryView, ErrorView, OperationView, SummaryView};

use crate::printing::{self, PrintView};
use crate::state::Desk;

type Answer<T> = Result<T, ErrorView>;

#[tauri::command]
pub async fn app_info(desk: State<'_, Desk>) -> Answer<AppInfo> {
    desk.info().await
}

#[tauri::command]
pub async fn check_financing(
    desk: State<'_, Desk>,
    customer: String,
    funding_code: String,
) -> Answer<CheckView> {
    desk.with(async |ws| views::check(ws, &customer, &funding_code).await)
        .await
}

#[tauri::command]
pub async fn pay(
    desk: State<'_, Desk>,
    customer: String,
    funding_code: String,
) -> Answer<OperationView> {
    desk.with(async |ws| views::pay(ws, &customer, &funding_code).await)
        .await
}

#[tauri::command]
pub async fn undo_billing(
    desk: State<'_, Desk>,
    customer: String,
    funding_code: String,
) -> Answer<OperationView> {
    desk.with(async |ws| views::undo(ws, &customer, &funding_code).await)
        .await
}

#[tauri::command]
pub async fn day_summary(desk: State<'_, Desk>, day: String) -> Answer<SummaryView> {
    desk.with(async |ws| views::day_summary(ws, &day).await)
        .await
}

#[tauri::command]
pub async fn print_day_summary(
    app: AppHandle,
    desk: State<'_, Desk>,
    day: String,
) -> Answer<PrintView> {
    desk.with(async |ws| printing::print_day_summary(&app, ws, &day).await)
        .await
}

#[tauri::command]
pub async fn history(
    desk: State<'_, Desk>,
    day: Option<String>,
    state: Option<String>,
) -> Answer<Vec<EntryView>> {
    desk.with(async |ws| views::history(ws, day.as_deref(), state.as_deref()))
        .await
}

#[tauri::command]
pub async fn pending_operations(desk: State<'_, Desk>) -> Answer<Vec<EntryView>> {
    desk.with(async |ws| views::resolve_pending(ws).await).await
}

#[tauri::command]
pub async fn save_settings(
    desk: State<'_, Desk>,
    settings: views::SettingsInput,
) -> Answer<AppInfo> {
    desk.save_settings(settings).await
}

#[tauri::command]
pub async fn save_token(desk: State<'_, Desk>, token: String) -> Answer<AppInfo> {
    desk.save_token(&token).await
}
