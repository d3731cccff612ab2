//! Rows turned into ESC/POS commands with the `escpos` crate's printer, writing into memory instead of
//! a device: where the bytes go is `thermal`'s business.
//!
//! Styles are sent only when a row's differs from the one before. Two commands are sent as raw bytes
//! because the crate has no right call for them: `FS .` (leave Kanji mode, which many printers sold
//! with Chinese firmware start in and which would print every accented letter as a Chinese glyph),
//! and the cut: the crate's `partial_cut` sends `GS V 65 1`, which Epson defines as a *full* cut.
//!
//! A QR code is the crate's `qrcode_option`, which sends Epson's `GS ( k` functions 165 (select the
//! model: 2), 167 (module size in dots), 169 (error correction: M), 180 (store the data) and 181
//! (print the symbol), centred by `ESC a 1` like text. The printer adds no quiet zone, so an empty line
//! is fed before and after the symbol.

use std::sync::{Arc, Mutex};

use escpos::driver::Driver;
use escpos::errors::{PrinterError, Result};
use escpos::printer::Printer;
use escpos::utils::{
    CharacterSet, JustifyMode, Protocol, QRCodeCorrectionLevel, QRCodeModel, QRCodeOption,
};

use super::code_page::CodePage;
use super::rows::{Align, Look, Row};

/// `FS .`: cancel Kanji character mode.
const CANCEL_KANJI: &[u8] = &[0x1C, b'.'];
/// `GS V 66 0`: feed to the cutter and cut leaving one point uncut (Epson's function B partial cut,
/// the one form every TM model and the common clones accept).
const FEED_AND_PARTIAL_CUT: &[u8] = &[0x1D, b'V', 66, 0];
/// Lines fed after the last row, so it is not right at the cut edge.
const TRAILING_FEED: u8 = 2;

/// The printer's bytes, kept in memory.
#[derive(Clone, Default)]
struct Memory(Arc<Mutex<Vec<u8>>>);

impl Driver for Memory {
    fn name(&self) -> String {
        "memory".to_owned()
    }

    fn write(&self, data: &[u8]) -> Result<()> {
        self.0
            .lock()
            .map_err(|error| PrinterError::Io(error.to_string()))?
            .extend_from_slice(data);
        Ok(())
    }

    fn read(&self, _buf: &mut [u8]) -> Result<usize> {
        Ok(0)
    }

    fn flush(&self) -> Result<()> {
        Ok(())
    }
}

pub(super) fn bytes(rows: &[Row], code_page: CodePage) -> Result<Vec<u8>> {
    let memory = Memory::default();
    let mut printer = Printer::new(memory.clone(), Protocol::default(), None);
    printer
        .init()?
        .custom(CANCEL_KANJI)?
        .character_set(CharacterSet::USA)?
        .page_code(code_page.page_code())?;
    let mut align = Align::Left;
    let mut look = Look::default();
    for row in rows {
        if row.align != align {
            align = row.align;
            printer.justify(match align {
                Align::Left => JustifyMode::LEFT,
                Align::Center => JustifyMode::CENTER,
            })?;
        }
        set_look(&mut printer, look, row.look)?;
        look = row.look;
        if let Some(symbol) = &row.symbol {
            let module = u8::try_from(symbol.module_dots)
                .map_err(|error| PrinterError::Input(error.to_string()))?;
            let option = QRCodeOption::new(QRCodeModel::Model2, module, QRCodeCorrectionLevel::M);
            printer
                .feed()?
                .qrcode_option(&symbol.data, option)?
                .feed()?;
            continue;
        }
        if !row.text.is_empty() {
            printer.custom(&code_page.encode_text(&row.text))?;
        }
        printer.feed()?;
    }
    set_look(&mut printer, look, Look::default())?;
    if align != Align::Left {
        printer.justify(JustifyMode::LEFT)?;
    }
    printer
        .feeds(TRAILING_FEED)?
        .custom(FEED_AND_PARTIAL_CUT)?
        .print()?;
    drop(printer);
    let bytes = memory
        .0
        .lock()
        .map_err(|error| PrinterError::Io(error.to_string()))?
        .clone();
    Ok(bytes)
}

/// Sends what changes from `from` to `to`.
fn set_look<D: Driver>(printer: &mut Printer<D>, from: Look, to: Look) -> Result<()> {
    if from.bold != to.bold {
        printer.bold(to.bold)?;
    }
    if from.double != to.double {
        if to.double {
            printer.size(2, 2)?;
        } else {
            printer.reset_size()?;
        }
    }
    if from.inverted != to.inverted {
        printer.reverse(to.inverted)?;
    }
    Ok(())
}
