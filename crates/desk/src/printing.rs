//! "Imprimir resumen": the day summary from the till, rendered in the till's language, kept in the
//! reports folder, sent to the printer, or shown in the system viewer when there is no printer (the
//! front says how it opens a file: the desktop through its opener plugin).
//!
//! Rendering, writing the PDF and `lp` run on a blocking thread, after the workstation is let go: a
//! printer that takes its time (a queue, a sleeping USB printer) never keeps the window's other
//! commands waiting, nor Ajustes from reopening the till.

use std::path::Path;

use jiff::Timestamp;
use serde::Serialize;
use till::{blocking, clock};
use ts_rs::TS;

use crate::Desk;
use crate::day_sheet::DaySheetError;
use crate::views::{self, ErrorView, reports_dir};

/// What `print_day_summary` answers.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintView {
    /// The PDF kept in the reports folder.
    pub path: String,
    /// The CUPS printer it was sent to; null when none exists.
    pub printer: Option<String>,
    /// With no printer: whether the system viewer opened the PDF.
    pub opened: bool,
}

/// Renders, keeps and prints the day summary of `day`; with no printer, `show` is asked to open the PDF
/// and says whether it could.
pub async fn print_day_summary(
    desk: &Desk,
    day: &str,
    show: impl FnOnce(&Path) -> bool + Send + 'static,
) -> Result<PrintView, ErrorView> {
    let (summary, operations, credit_sales, settings, data_dir) = desk
        .with(async |ws| {
            let (summary, operations, credit_sales) = views::day_report(ws, day).await?;
            Ok::<_, till::TillError>((
                summary,
                operations,
                credit_sales,
                ws.settings.clone(),
                ws.data_dir.clone(),
            ))
        })
        .await?;
    blocking::run(move || {
        let now = Timestamp::now();
        let pdf = crate::day_sheet::render(
            &summary,
            &operations,
            &credit_sales,
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
        let opened = delivery.printer.is_none() && show(&delivery.path);
        Ok(PrintView {
            path: delivery.path.display().to_string(),
            printer: delivery.printer,
            opened,
        })
    })
    .await
    .map_err(|error: DaySheetError| ErrorView {
        code: error.code().to_owned(),
        message: error.to_string(),
        field: None,
    })
}
