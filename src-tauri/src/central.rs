//! The commands of Ajustes' Caja Central section: the link's status, enrolling the till (a signed-in
//! supervisor only, checked in `desk`) and pushing now. Each forwards to `desk` in one line; what runs on
//! its own (the relay's long poll, the push when due) is `desk::central_task`.

use desk::Desk;
use desk::views::{self, CentralStatusView, ErrorView};
use tauri::State;

use desk::central_task::CentralTask;

type Answer<T> = Result<T, ErrorView>;

#[tauri::command]
pub async fn central_status(desk: State<'_, Desk>) -> Answer<CentralStatusView> {
    desk.with(async |ws| views::central_status(ws).await).await
}

/// Enrolls with the one-time code and reopens the till on Central's link (Aplazame's IPN URL is
/// Central's from then on); the background task is told at once, so the relay opens now.
#[tauri::command]
pub async fn enroll_central(
    desk: State<'_, Desk>,
    task: State<'_, CentralTask>,
    url: String,
    code: String,
    allow_http: bool,
) -> Answer<CentralStatusView> {
    let enrolled = desk
        .with(async |ws| views::enroll_central(ws, url, code, allow_http).await)
        .await;
    if enrolled.is_ok() {
        // Aplazame's IPNs go to Central from now on: the till is reopened on its link.
        desk.reopen().await;
    }
    task.wake();
    enrolled
}

#[tauri::command]
pub async fn push_central(desk: State<'_, Desk>) -> Answer<CentralStatusView> {
    desk.with(async |ws| CentralStatusView::push_now(ws).await)
        .await
}
