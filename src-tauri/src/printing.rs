//! "Imprimir resumen": the day summary from the till, rendered by `report`, kept in the reports folder,
//! sent to the printer, or opened in the system viewer when there is no printer.

use jiff::Timestamp;
use serde::Serialize;
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;
use till::views::{ErrorView, reports_dir};
use till::{Workstation, clock};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrintView {
    pub path: String,
    pub printer: Option<String>,
    /// With no printer: whether the system viewer opened the PDF.
    pub opened: bool,
}

pub async fn print_day_summary(
    app: &AppHandle,
    ws: &Workstation,
    day: &str,
) -> Result<PrintView, ErrorView> {
    let lang = ws.settings.lang;
    let worded = |error: till::TillError| ErrorView::new(&error, lang);
    let day = clock::parse_day(day).map_err(worded)?;
    let summary = ws.till.day_summary(day).await.map_err(worded)?;
    let operations = ws.till.history(Some(day)).map_err(worded)?;
    let now = Timestamp::now();
    let report_error = |error: report::ReportError| ErrorView {
        code: error.code().to_owned(),
        message: error.to_string(),
        field: None,
    };
    let pdf = report::render_day_summary(&report::DayReport {
        store_name: &ws.settings.store_name,
        summary: &summary,
        operations: &operations,
        generated_at: now,
    })
    .map_err(report_error)?;
    let file_name = format!(
        "resumen-{day}-{}-{}.pdf",
        ws.settings.mode,
        clock::in_lima(now).strftime("%H%M%S")
    );
    let printer = ws.settings.printer.as_deref();
    let delivery =
        report::delivery::keep_and_print(&pdf, &reports_dir(&ws.data_dir), &file_name, printer)
            .map_err(report_error)?;
    // No printer: show the PDF so the manager can print or file it by hand.
    let opened = delivery.printer.is_none()
        && app
            .opener()
            .open_path(delivery.path.display().to_string(), None::<&str>)
            .inspect_err(|error| tracing::warn!(%error, "could not open the report in the viewer"))
            .is_ok();
    Ok(PrintView {
        path: delivery.path.display().to_string(),
        printer: delivery.printer,
        opened,
    })
}
