//! A QR code on the roll: the symbol a [`TicketLine::Qr`](super::TicketLine::Qr) prints, encoded once
//! (error correction M, model 2) so the printer's commands and the PDF draw the same code at the same
//! size.
//!
//! Its module (one square) is as large as fits the 576 printable dots of an 80 mm roll, at most
//! 8 dots (1 mm, which a phone reads from arm's length) and no less than 3, with the standard quiet
//! zone of 4 light modules on every side. A thermal printer encodes the data again itself (`GS ( k`)
//! and may pick a symbol one version larger than ours; the size is chosen so that one still fits.

use qrcode::{Color, EcLevel, QrCode};

/// The printable width of an 80 mm roll, in dots at 8 dots per mm.
pub(crate) const ROLL_DOTS: usize = 576;
/// Light modules around the symbol, on each side: what ISO/IEC 18004 asks of a model 2 code.
pub(crate) const QUIET_ZONE: usize = 4;
/// The largest module printed, in dots: 1 mm.
const MAX_MODULE_DOTS: usize = 8;
/// The smallest: the 177 modules of a version 40 symbol, with its quiet zone, fit 576 dots at 3.
const MIN_MODULE_DOTS: usize = 3;
/// How many modules wider the printer's own symbol may be than ours (one version more).
const PRINTER_ALLOWANCE: usize = 4;

/// The data does not fit in a QR code at error correction M (more than 2,331 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("QR code data of {bytes} bytes is more than a QR code holds at error correction M")]
pub(crate) struct TooLong {
    pub bytes: usize,
}

/// One QR code, its modules and how large each is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Symbol {
    /// What the code holds, exactly as given (its UTF-8 bytes are the code's bytes).
    pub data: String,
    /// Modules on a side, without the quiet zone.
    pub modules: usize,
    /// Dots on a side of one module.
    pub module_dots: usize,
    /// Row by row, `true` for a dark module.
    dark: Vec<bool>,
}

impl Symbol {
    pub(crate) fn new(data: &str) -> Result<Symbol, TooLong> {
        let too_long = TooLong { bytes: data.len() };
        let code = QrCode::with_error_correction_level(data, EcLevel::M).map_err(|_| too_long)?;
        let modules = code.width();
        let side = modules + PRINTER_ALLOWANCE + 2 * QUIET_ZONE;
        let module_dots = (ROLL_DOTS / side).min(MAX_MODULE_DOTS);
        if module_dots < MIN_MODULE_DOTS {
            return Err(too_long);
        }
        Ok(Symbol {
            data: data.to_owned(),
            modules,
            module_dots,
            dark: code
                .into_colors()
                .into_iter()
                .map(|color| color == Color::Dark)
                .collect(),
        })
    }

    /// Whether the module in column `x`, row `y` (from the top left, quiet zone excluded) is dark.
    pub(crate) fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.modules && y < self.modules && self.dark[y * self.modules + x]
    }

    /// Dots on a side of the symbol with its quiet zone.
    pub(crate) fn dots(&self) -> usize {
        (self.modules + 2 * QUIET_ZONE) * self.module_dots
    }

    /// The dark runs of row `y`: where each starts and how many modules it takes.
    pub(crate) fn dark_runs(&self, y: usize) -> Vec<(usize, usize)> {
        let mut runs = Vec::new();
        let mut x = 0;
        while x < self.modules {
            if self.is_dark(x, y) {
                let start = x;
                while x < self.modules && self.is_dark(x, y) {
                    x += 1;
                }
                runs.push((start, x - start));
            } else {
                x += 1;
            }
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str =
        "https://apurata.com/pos?client=caja-demo&acuotaz_order=65a1f0c2e4b0a1b2c3d4e5f6";

    #[test]
    fn an_order_url_prints_with_one_millimetre_modules_inside_the_roll() {
        let symbol = Symbol::new(URL).unwrap();
        assert_eq!(symbol.module_dots, 8);
        assert!(symbol.dots() <= ROLL_DOTS, "{}", symbol.dots());
        // The finder pattern's corner: dark, and the quiet zone is not part of the matrix.
        assert!(symbol.is_dark(0, 0) && symbol.is_dark(6, 6) && !symbol.is_dark(7, 7));
        assert!(!symbol.is_dark(symbol.modules, 0));
    }

    #[test]
    fn longer_data_gets_smaller_modules_and_still_fits() {
        for length in [400, 800, 1500, 2331] {
            let symbol = Symbol::new(&"a".repeat(length)).unwrap();
            assert!((3..8).contains(&symbol.module_dots), "{length}");
            assert!(symbol.dots() <= ROLL_DOTS, "{length}: {}", symbol.dots());
        }
        assert_eq!(Symbol::new(&"a".repeat(3000)), Err(TooLong { bytes: 3000 }));
    }

    #[test]
    fn dark_runs_cover_exactly_the_dark_modules() {
        let symbol = Symbol::new(URL).unwrap();
        for y in 0..symbol.modules {
            let mut row = vec![false; symbol.modules];
            for (start, length) in symbol.dark_runs(y) {
                row[start..start + length].fill(true);
            }
            let expected: Vec<bool> = (0..symbol.modules).map(|x| symbol.is_dark(x, y)).collect();
            assert_eq!(row, expected, "row {y}");
        }
    }
}
