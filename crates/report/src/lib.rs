//! Caja's printed documents, paginated A4 PDFs: the day summary (cuadre de caja), with the provider's
//! totals, the detail of every order, this till's own operations and the signature lines; and the Z
//! report (the closing of a cashier's shift), with the shift's facts, the caller's titled tables
//! (cash count, reconciliations, differences, movements), a verdict and the signature lines.
//! Also the receipts the cashier hands over ([`ticket`]): ESC/POS bytes for an 80 mm thermal printer,
//! delivered by [`thermal`], or a PDF as wide as the roll when the till has no such printer.
//!
//! The crate only lays out what it is given, a [`DaySheet`] or a [`ZSheet`] of plain texts: pages,
//! tables, fonts and cutting to fit. It knows nothing of the till, HTTP or SQLite, nor of a language:
//! the caller (the `desk` crate) formats every figure as the screen does and says every word in the
//! till's language, so a report and the screen can never disagree on a figure or reveal more of a
//! customer than the till does.

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
mod z_report;
mod z_sheet;

pub use error::{ERROR_CODES, ReportError};
pub use sheet::{CreditSales, DaySheet, OperationRow, SheetWords, TestData, Totals};
pub use z_sheet::{Emphasis, ZRow, ZSection, ZSheet, ZVerdict};

// Receipts: laid out like the rest (plain texts in), but for a roll of paper.
pub mod thermal;
pub mod ticket;

/// Renders the day summary as the bytes of a PDF file.
///
/// Fails with [`ReportError::Pdf`] if the PDF writer reports content a viewer would drop.
pub fn render_day_summary(sheet: &DaySheet) -> Result<Vec<u8>, ReportError> {
    day_summary::render(sheet)
}

/// Renders the Z report (the closing of a cashier's shift) as the bytes of a PDF file.
///
/// Fails with [`ReportError::Pdf`] if the PDF writer reports content a viewer would drop.
pub fn render_z_report(sheet: &ZSheet) -> Result<Vec<u8>, ReportError> {
    z_report::render(sheet)
}
