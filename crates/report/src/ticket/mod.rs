//! Receipts for 80 mm thermal printers: a [`Ticket`] of plain texts becomes the ESC/POS bytes a
//! receipt printer prints ([`escpos_bytes`]), or a PDF as narrow as the roll for a till without one
//! ([`render_ticket_pdf`]).
//!
//! As with the day summary, the caller says every word and formats every amount; this module only
//! decides where each character goes. Both outputs are printed from the same rows (`rows`), so the
//! paper and the PDF break lines in the same places.
//!
//! A receipt may carry a QR code ([`TicketLine::Qr`]): a link the customer opens with their phone.
//! The printer draws it from its own QR commands; the PDF draws the same symbol's modules (`qr`).

mod code_page;
mod esc_pos;
mod pdf;
mod qr;
mod rows;

pub use code_page::CodePage;

use crate::ReportError;

/// A receipt, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ticket {
    pub lines: Vec<TicketLine>,
}

/// One element of a receipt. Every text is printed as given, wrapped to the roll's width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TicketLine {
    /// Centred, bold, double width and height: the document's name.
    Title(String),
    /// Centred: the store, the till, the date.
    Centered(String),
    /// Left-aligned and wrapped at spaces; a `\n` starts a new line.
    Text(String),
    /// A label at the left and its value ending at the right edge of the same line; a long label
    /// wraps before the value.
    Pair { left: String, right: String },
    /// A label and, under it, its value in double size, both centred: the change to hand back.
    Big { label: String, value: String },
    /// Centred, bold, white on black: what must not be missed ("NO ES COMPROBANTE DE PAGO").
    Notice(String),
    /// A line of `-` across the roll.
    Rule,
    /// An empty line.
    Blank,
    /// A QR code of `data` (a URL the customer opens), centred, error correction M, its modules as
    /// large as the roll allows up to 1 mm, with a light margin above and below; then `caption`,
    /// centred and wrapped, if any. `data` is encoded as given, never folded to the code page.
    Qr {
        data: String,
        caption: Option<String>,
    },
}

/// The roll a receipt is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketFormat {
    /// Characters per line in the printer's normal font: 48 for font A on 80 mm paper (72 mm
    /// printable), 42 on printers whose font A is wider. Fewer than 16 is taken as 16.
    pub columns: usize,
    /// The character table selected before any text.
    pub code_page: CodePage,
}

impl TicketFormat {
    /// Characters per line of font A (12 × 24 dots) on the 576 dots of an 80 mm printer.
    pub const COLUMNS_80MM: usize = 48;
}

impl Default for TicketFormat {
    /// 80 mm paper, 48 columns, PC858.
    fn default() -> Self {
        TicketFormat {
            columns: TicketFormat::COLUMNS_80MM,
            code_page: CodePage::default(),
        }
    }
}

/// The ESC/POS bytes that print `ticket`: initialise the printer, select the code page (and the USA
/// character set, so `#`, `$`, `@` print as themselves whatever the printer was set to), the text,
/// a short feed and a partial cut.
///
/// Characters the code page lacks are printed as a look-alike (`“` as `"`, `—` as `-`) or `?`.
/// A QR code is sent as the printer's own QR commands (`GS ( k`, model 2).
/// Fails with [`ReportError::Escpos`] if the `escpos` crate refuses a command, or if a QR code's data
/// is longer than a QR code holds.
pub fn escpos_bytes(ticket: &Ticket, format: &TicketFormat) -> Result<Vec<u8>, ReportError> {
    let rows = rows::rows(ticket, format.columns, |c| format.code_page.prints(c))
        .map_err(|too_long| ReportError::Escpos(too_long.to_string()))?;
    esc_pos::bytes(&rows, format.code_page).map_err(|error| ReportError::Escpos(error.to_string()))
}

/// The receipt as a PDF page 80 mm wide (72 mm printable, 48 columns of Courier) and as tall as its
/// content: what the till offers when no thermal printer is configured.
///
/// Fails with [`ReportError::Pdf`] if the PDF writer reports content a viewer would drop, or if a QR
/// code's data is longer than a QR code holds.
pub fn render_ticket_pdf(ticket: &Ticket) -> Result<Vec<u8>, ReportError> {
    let rows = rows::rows(ticket, pdf::COLUMNS, pdf::prints)
        .map_err(|too_long| ReportError::Pdf(too_long.to_string()))?;
    pdf::render(&rows)
}
