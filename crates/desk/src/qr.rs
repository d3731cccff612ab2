//! QR codes for the screen: the link a customer scans with their phone (an aCuotaz order's
//! `redirect_to`) as a standalone SVG the UI shows as it is. Dark modules on white, error correction
//! M, the standard quiet zone of 4 modules, a `viewBox` in modules and no width or height, so the
//! page's CSS decides how large it is; `shape-rendering="crispEdges"` keeps the edges between modules
//! sharp at any size. The SVG holds nothing but two paths: no text, links or scripts.
//!
//! The receipt's QR code is drawn by `report::ticket` from the same kind of symbol (level M), so the
//! screen and the paper hold the same link.

use std::fmt::Write as _;

use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the symbol on each side, as ISO/IEC 18004 asks of a model 2 code.
pub const QUIET_ZONE: usize = 4;

/// Why a QR code could not be made. `Display` is a log line; the cashier's words come from `wording`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// More bytes than a QR code holds at error correction M (2,331).
    #[error("{bytes} bytes are more than a QR code holds at error correction M")]
    TooLong { bytes: usize },
}

/// What [`QrError::code`] answers, each once.
pub const ERROR_CODES: &[&str] = &["qr_too_long"];

impl QrError {
    /// Stable identifier of the error kind, for machines.
    pub fn code(&self) -> &'static str {
        match self {
            QrError::TooLong { .. } => "qr_too_long",
        }
    }
}

/// `data` as a QR code in a standalone SVG document: its `viewBox` is the symbol's side in modules
/// with the quiet zone, each unit one module. Fails only when `data` does not fit in a QR code.
pub fn qr_svg(data: &str) -> Result<String, QrError> {
    let code = QrCode::with_error_correction_level(data, EcLevel::M)
        .map_err(|_| QrError::TooLong { bytes: data.len() })?;
    let modules = code.width();
    let colors = code.into_colors();
    let side = modules + 2 * QUIET_ZONE;
    let mut dark = String::new();
    for (y, row) in colors.chunks(modules).enumerate() {
        let mut x = 0;
        while x < modules {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            // One rectangle per run of dark modules: fewer shapes, and no seam inside a run.
            let start = x;
            while x < modules && row[x] == Color::Dark {
                x += 1;
            }
            let run = x - start;
            let _ = write!(
                dark,
                "M{} {}h{run}v1h-{run}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            );
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\">\
         <path fill=\"#ffffff\" d=\"M0 0h{side}v{side}h-{side}z\"/>\
         <path fill=\"#000000\" d=\"{dark}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed() {
        let errors = [QrError::TooLong { bytes: 1 }];
        let given: Vec<&str> = errors
            .iter()
            .map(|error| match error {
                QrError::TooLong { .. } => error.code(),
            })
            .collect();
        assert_eq!(given, ERROR_CODES);
    }

    #[test]
    fn data_no_qr_code_holds_is_refused() {
        assert_eq!(
            qr_svg(&"a".repeat(2332)),
            Err(QrError::TooLong { bytes: 2332 })
        );
        assert!(qr_svg(&"a".repeat(2331)).is_ok());
    }
}
