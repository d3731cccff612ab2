//! Caja's printed documents. For now the day summary (cuadre de caja): a paginated A4 PDF with the
//! provider's totals, the detail of every order, this till's own operations and the signature lines.
//!
//! The crate only lays out what it is given: it knows nothing of HTTP or SQLite. Money is printed with
//! `Soles`' own format and documents are masked with the till's rule, so a report and the screen can
//! never disagree on a figure or reveal more of a customer than the till does.

mod calendar;
mod canvas;
mod day_summary;
pub mod delivery;
mod error;
mod fonts;
mod layout;
mod table;

pub use error::{ERROR_CODES, ReportError};

/// Everything a day summary report shows.
#[derive(Debug, Clone, Copy)]
pub struct DayReport<'a> {
    /// The store's name as the manager knows it (printed in the header of every page).
    pub store_name: &'a str,
    /// The provider's figures for the day, live or from the cache (the report says which).
    pub summary: &'a till::DaySummary,
    /// This till's own journal rows of that day, in any order (they are printed oldest first). They
    /// must be of the summary's mode.
    pub operations: &'a [till::JournalEntry],
    /// When the report is produced; printed on Lima's clock.
    pub generated_at: jiff::Timestamp,
}

/// Renders the day summary as the bytes of a PDF file.
///
/// Fails with [`ReportError::ModeMismatch`] when an operation is not of the summary's mode, and with
/// [`ReportError::Pdf`] if the PDF writer reports content a viewer would drop.
pub fn render_day_summary(report: &DayReport<'_>) -> Result<Vec<u8>, ReportError> {
    day_summary::render(report)
}
