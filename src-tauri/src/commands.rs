//! The commands the UI calls. Each forwards to `till` (`desk`) in one line;
//! errors cross the bridge as `{code, message, field}`.

use desk::closing::{self, ZListItem, ZView};
use desk::receipt::{self, ReceiptView};
use desk::views::{
    self, AppInfo, AuditView, CheckView, CountInput, DenominationView, DoctorCheckView, EntryView,
    ErrorView, ExportView, MovementInput, OperationView, PaymentInput, PersonView,
    ReconciliationView, ShiftView, SummaryView,
};
use desk::{Approval, Country, Role};
use tauri::{AppHandle, State};

use desk::Desk;
use desk::central_task::CentralTask;
use desk::printing::{self, PrintView};
use tauri_plugin_opener::OpenerExt;

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
    payment: PaymentInput,
) -> Answer<OperationView> {
    desk.with(async |ws| views::pay(ws, &customer, &funding_code, payment).await)
        .await
}

#[tauri::command]
pub async fn denominations(desk: State<'_, Desk>) -> Answer<Vec<DenominationView>> {
    desk.with(async |ws| Ok::<_, ErrorView>(views::denominations(ws.settings.country)))
        .await
}

#[tauri::command]
pub async fn shift(desk: State<'_, Desk>) -> Answer<Option<ShiftView>> {
    desk.with(async |ws| views::shift(ws).await).await
}

#[tauri::command]
pub async fn open_shift(desk: State<'_, Desk>, float: CountInput) -> Answer<ShiftView> {
    desk.with(async |ws| views::open_shift(ws, float).await)
        .await
}

#[tauri::command]
pub async fn move_cash(desk: State<'_, Desk>, movement: MovementInput) -> Answer<ShiftView> {
    desk.with(async |ws| views::move_cash(ws, movement).await)
        .await
}

#[tauri::command]
pub async fn x_report(desk: State<'_, Desk>) -> Answer<ReconciliationView> {
    desk.with(async |ws| views::x_report(ws).await).await
}

#[tauri::command]
pub async fn count_closing(
    desk: State<'_, Desk>,
    count: CountInput,
    card_batch: String,
) -> Answer<ReconciliationView> {
    desk.with(async |ws| views::count_closing(ws, count, &card_batch).await)
        .await
}

#[tauri::command]
pub async fn close_shift(desk: State<'_, Desk>, approval: Option<Approval>) -> Answer<ZView> {
    closing::close_shift(&desk, approval).await
}

#[tauri::command]
pub async fn z_report(desk: State<'_, Desk>, number: i64, reprint: bool) -> Answer<ZView> {
    closing::z_report(&desk, number, reprint).await
}

#[tauri::command]
pub async fn z_reports(desk: State<'_, Desk>) -> Answer<Vec<ZListItem>> {
    closing::z_reports(&desk).await
}

#[tauri::command]
pub async fn print_receipt(desk: State<'_, Desk>, journal_id: Option<i64>) -> Answer<ReceiptView> {
    receipt::print_receipt(&desk, journal_id).await
}

#[tauri::command]
pub async fn undo_billing(
    desk: State<'_, Desk>,
    customer: String,
    funding_code: String,
    approval: Approval,
) -> Answer<OperationView> {
    desk.with(async |ws| views::undo(ws, &customer, &funding_code, Some(&approval)).await)
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
    let show = move |pdf: &std::path::Path| {
        app.opener()
            .open_path(pdf.display().to_string(), None::<&str>)
            .inspect_err(|error| tracing::warn!(%error, "could not open the report in the viewer"))
            .is_ok()
    };
    printing::print_day_summary(&desk, &day, show).await
}

#[tauri::command]
pub async fn history(
    desk: State<'_, Desk>,
    day: Option<String>,
    state: Option<String>,
) -> Answer<Vec<EntryView>> {
    desk.with(async |ws| views::history(ws, day.as_deref(), state.as_deref()).await)
        .await
}

#[tauri::command]
pub async fn pending_operations(desk: State<'_, Desk>) -> Answer<Vec<EntryView>> {
    desk.with(async |ws| views::resolve_pending(ws).await).await
}

/// Reopens the till: the Caja Central task is held off meanwhile, so the reopening waits for no poll.
#[tauri::command]
pub async fn save_settings(
    desk: State<'_, Desk>,
    task: State<'_, CentralTask>,
    settings: views::SettingsInput,
) -> Answer<AppInfo> {
    let _held = task.hold();
    desk.save_settings(settings).await
}

/// Reopens the till too, held off from the Caja Central task the same way.
#[tauri::command]
pub async fn save_token(
    desk: State<'_, Desk>,
    task: State<'_, CentralTask>,
    token: String,
    approval: Option<Approval>,
) -> Answer<AppInfo> {
    let _held = task.hold();
    desk.save_token(token, approval).await
}

#[tauri::command]
pub async fn create_first_supervisor(
    desk: State<'_, Desk>,
    name: String,
    pin: String,
    country: Option<Country>,
) -> Answer<AppInfo> {
    desk.first_run(name, pin, country).await
}

#[tauri::command]
pub async fn sign_in(desk: State<'_, Desk>, name: String, pin: String) -> Answer<AppInfo> {
    desk.with_staff(move |staff| views::sign_in(staff, &name, &pin))
        .await?;
    desk.info().await
}

#[tauri::command]
pub async fn sign_out(desk: State<'_, Desk>) -> Answer<AppInfo> {
    desk.with_staff(|staff| {
        staff.sign_out();
        Ok(())
    })
    .await?;
    desk.info().await
}

/// Someone is typing or clicking: keeps a live session open (the idle lock is the backend's).
#[tauri::command]
pub async fn note_activity(desk: State<'_, Desk>) -> Answer<()> {
    desk.with_staff(views::note_activity).await
}

#[tauri::command]
pub async fn people(desk: State<'_, Desk>) -> Answer<Vec<PersonView>> {
    desk.with_staff(views::people).await
}

#[tauri::command]
pub async fn add_person(
    desk: State<'_, Desk>,
    name: String,
    role: Role,
    pin: String,
) -> Answer<Vec<PersonView>> {
    desk.with_staff(move |staff| views::add_person(staff, &name, role, &pin))
        .await
}

#[tauri::command]
pub async fn set_person_active(
    desk: State<'_, Desk>,
    name: String,
    active: bool,
) -> Answer<Vec<PersonView>> {
    desk.with_staff(move |staff| views::set_person_active(staff, &name, active))
        .await
}

#[tauri::command]
pub async fn audit_verify(desk: State<'_, Desk>) -> Answer<AuditView> {
    desk.with_staff_and_settings(|staff, settings, _| views::audit_verify(staff, settings.lang))
        .await
}

/// Supervisión's «Revisar de nuevo»: the doctor's checks on the open till (reads only).
#[tauri::command]
pub async fn doctor(desk: State<'_, Desk>) -> Answer<Vec<DoctorCheckView>> {
    desk.with(async |ws| Ok::<_, ErrorView>(views::doctor(ws).await))
        .await
}

#[tauri::command]
pub async fn audit_export(desk: State<'_, Desk>, day: String) -> Answer<ExportView> {
    desk.with_staff_and_settings(move |staff, settings, data_dir| {
        views::audit_export(staff, settings.mode, data_dir, &day)
    })
    .await
}
