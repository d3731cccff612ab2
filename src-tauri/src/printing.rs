//! "Imprimir resumen": the day summary from the till, rendered by `desk` in the till's language, kept
//! in the reports folder, sent to the printer, or opened in the system viewer when there is no printer.
//!
//! Rendering, writing the PDF and `lp` run on a blocking thread, after the workstation is let go: a
//! printer that takes its time (a queue, a sleeping USB printer) never keeps the window's other
//! commands waiting, nor Ajustes from reopening the till.

use desk::views::{self, ErrorView, reports_dir};
use jiff::Timestamp;
use serde::Serialize;
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;
use till::{blocking, clock};

use desk::Desk;

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
    desk: &Desk,
    day: &str,
) -> Result<PrintView, ErrorView> {
    let (summary, operations, settings, data_dir) = desk
        .with(async |ws| {
            let (summary, operations) = views::day_report(ws, day).await?;
            Ok::<_, till::TillError>((
                summary,
                operations,
                ws.settings.clone(),
                ws.data_dir.clone(),
            ))
        })
        .await?;
    let app = app.clone();
    blocking::run(move || {
        let now = Timestamp::now();
        let pdf = desk::day_sheet::render(
            &summary,
            &operations,
            &settings.store_name,
            now,
            settings.lang,
        )?;
        let file_name = format!(
            "resumen-{}-{}-{}.pdf",
            summary.day,
            settings.mode,
            clock::in_lima(now).strftime("%H%M%S")
        );
        let printer = settings.printer.as_deref();
        let delivery =
            report::delivery::keep_and_print(&pdf, &reports_dir(&data_dir), &file_name, printer)?;
        // No printer: show the PDF so the manager can print or file it by hand.
        let opened = delivery.printer.is_none()
            && app
                .opener()
                .open_path(delivery.path.display().to_string(), None::<&str>)
                .inspect_err(
                    |error| tracing::warn!(%error, "could not open the report in the viewer"),
                )
                .is_ok();
        Ok(PrintView {
            path: delivery.path.display().to_string(),
            printer: delivery.printer,
            opened,
        })
    })
    .await
    .map_err(|error: desk::day_sheet::DaySheetError| ErrorView {
        code: error.code().to_owned(),
        message: error.to_string(),
        field: None,
    })
}
