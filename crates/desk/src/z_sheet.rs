//! The Z report's A4 PDF: a filed [`ZReport`] said in the till's language as the report crate's plain
//! texts. (Layout lands with the report crate's `ZSheet`.)

use std::path::Path;

use jiff::Timestamp;
use till::shift::z::ZReport;

use crate::settings::Settings;

/// Renders the Z and keeps it at `path`.
pub fn write_pdf(
    _report: &ZReport,
    _settings: &Settings,
    _reprint_at: Option<Timestamp>,
    _path: &Path,
) -> Result<(), report::ReportError> {
    Err(report::ReportError::Pdf("not yet".into()))
}
