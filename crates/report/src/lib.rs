//! Caja's printed documents. For now the day summary (cuadre de caja): a paginated A4 PDF with the
//! provider's totals, the detail of every order, this till's own operations and the signature lines.
//!
//! The crate only lays out what it is given, a [`DaySheet`] of plain texts: pages, tables, fonts and
//! cutting to fit. It knows nothing of the till, HTTP or SQLite, nor of a language: the caller (the
//! `desk` crate) formats every figure as the screen does and says every word in the till's language,
//! so a report and the screen can never disagree on a figure or reveal more of a customer than the
//! till does.

mod blocks;
mod canvas;
mod day_summary;
pub mod delivery;
mod document;
mod error;
mod fonts;
mod layout;
mod sheet;
mod table;

pub use error::{ERROR_CODES, ReportError};
pub use sheet::{DaySheet, OperationRow, SheetWords, TestData, Totals};

/// Renders the day summary as the bytes of a PDF file.
///
/// Fails with [`ReportError::Pdf`] if the PDF writer reports content a viewer would drop.
pub fn render_day_summary(sheet: &DaySheet) -> Result<Vec<u8>, ReportError> {
    day_summary::render(sheet)
}
