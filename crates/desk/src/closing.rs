//! Closing a shift and its papers: the Z report filed by the till, kept as a PDF in the reports folder
//! (written again from its snapshot when missing, and marked REIMPRESIÓN when asked again any day
//! later), and sent to the thermal printer when one is set; and the customer's receipt of a payment.
//!
//! Rendering and writing run on a blocking thread after the workstation is let go, as the day summary's
//! printing does.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::Serialize;
use till::blocking;
use till::error::TillError;
use till::people::Approval;
use till::shift::z::ZReport;
use ts_rs::TS;

use crate::Desk;
use crate::receipt::paper_error;
use crate::settings::Settings;
use crate::views::{self, ErrorView, ReconciliationView, reports_dir};
use crate::z_transfers::TransfersView;

/// A Z report as the screen shows it after closing or reprinting.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ZView {
    pub number: i64,
    /// `000012`.
    pub number_text: String,
    pub closed_at_lima: String,
    pub closed_by: Option<String>,
    pub reprint: bool,
    /// The PDF kept in the reports folder.
    pub pdf_path: String,
    /// The thermal printer it went to; null when none is set.
    pub printed_on: Option<String>,
    pub reconciliation: ReconciliationView,
    /// The shift's bank-transfer vouchers with aPagos by status; null when it had none.
    pub transfers: Option<TransfersView>,
    pub approved_by: Option<String>,
    pub approval_reason: Option<String>,
    /// Why the backup made after this closing failed (the closing itself is filed); null when it was
    /// made, or when no backup folder is set.
    pub backup_problem: Option<String>,
}

/// One filed Z report in the list.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ZListItem {
    pub number: i64,
    pub number_text: String,
    pub closed_at_lima: String,
}

/// Closes the open shift (see `till::Till::close_shift`), files its Z and prints it.
pub async fn close_shift(desk: &Desk, approval: Option<Approval>) -> Result<ZView, ErrorView> {
    let (report, settings, data_dir) = desk
        .with(async |ws| {
            let report = ws.till.close_shift(approval.as_ref()).await?;
            Ok::<_, TillError>((report, ws.settings.clone(), ws.data_dir.clone()))
        })
        .await?;
    // The Z is filed: the backup follows it and never undoes or blocks it.
    let occasion = crate::backups::Occasion::Closing;
    let backup_problem = crate::backups::automatic_in_background(data_dir.clone(), occasion)
        .await
        .map(|error| crate::wording::backups::automatic_failed(settings.lang, &error));
    desk.backup_notice.set(backup_problem.clone());
    let mut view = deliver(report, settings, data_dir, false).await?;
    view.backup_problem = backup_problem;
    Ok(view)
}

/// A filed Z again: `reprint` marks it REIMPRESIÓN (a copy asked for later); without it, the original
/// PDF is written again only if it is missing (after a crash between filing and writing).
pub async fn z_report(desk: &Desk, number: i64, reprint: bool) -> Result<ZView, ErrorView> {
    let (report, settings, data_dir) = desk
        .with(async |ws| {
            let report = ws.till.z_report(number).await?;
            Ok::<_, TillError>((report, ws.settings.clone(), ws.data_dir.clone()))
        })
        .await?;
    deliver(report, settings, data_dir, reprint).await
}

/// The filed Z reports, newest first.
pub async fn z_reports(desk: &Desk) -> Result<Vec<ZListItem>, ErrorView> {
    desk.with(async |ws| {
        Ok::<_, TillError>(
            ws.till
                .z_reports()
                .await?
                .into_iter()
                .map(|(number, at)| ZListItem {
                    number,
                    number_text: format!("{number:06}"),
                    closed_at_lima: views::store_time_text(
                        ws.settings.country,
                        at,
                        "%d/%m/%Y %H:%M",
                    ),
                })
                .collect(),
        )
    })
    .await
}

/// Where a Z's PDF is kept: one file per mode and number; a reprint is its own file.
pub fn z_pdf_path(data_dir: &Path, report: &ZReport, reprint: Option<Timestamp>) -> PathBuf {
    let name = match reprint {
        None => format!("z-{}-{:06}.pdf", report.mode, report.number),
        Some(at) => format!(
            "z-{}-{:06}-reimpresion-{}.pdf",
            report.mode,
            report.number,
            views::store_time_text(report.shift.country, at, "%Y%m%d-%H%M%S")
        ),
    };
    reports_dir(data_dir).join(name)
}

/// The papers of a filed Z: its PDF kept (written again from the snapshot when missing; a new, marked
/// file for a reprint), and the ticket on the thermal printer when one is set. The CLI calls it after
/// `Till::close_shift` / `Till::z_report`, the desktop through [`close_shift`] and [`z_report`].
pub async fn deliver(
    report: ZReport,
    settings: Settings,
    data_dir: PathBuf,
    reprint: bool,
) -> Result<ZView, ErrorView> {
    let lang = settings.lang;
    blocking::run(move || {
        let now = Timestamp::now();
        let reprint_at = reprint.then_some(now);
        let path = z_pdf_path(&data_dir, &report, reprint_at);
        if reprint || !path.exists() {
            crate::z_sheet::write_pdf(&report, &settings, reprint_at, &path)?;
        }
        let printed_on = crate::receipt::print_z_ticket(&report, &settings, reprint_at)?;
        let reconciliation = {
            let country = report.shift.country;
            let mut view = views::reconciliation_parts(&report.reconciliation, true, country, lang);
            view.shift.id = report.shift.id;
            view.financing = views::financing_view(&report.financing, country, lang);
            view
        };
        Ok(ZView {
            number: report.number,
            number_text: format!("{:06}", report.number),
            closed_at_lima: report
                .shift
                .closed_at
                .map(|at| views::store_time_text(report.shift.country, at, "%d/%m/%Y %H:%M"))
                .unwrap_or_default(),
            closed_by: report.shift.closed_by.clone(),
            reprint,
            pdf_path: path.display().to_string(),
            printed_on,
            reconciliation,
            transfers: crate::z_transfers::view(&report.transfers, lang),
            approved_by: report.approval.as_ref().map(|a| a.supervisor.clone()),
            approval_reason: report.approval.as_ref().map(|a| a.reason.clone()),
            backup_problem: None,
        })
    })
    .await
    .map_err(|error: report::ReportError| paper_error(&error))
}
