//! The QR code commands of Epson's reference, `GS ( k pL pH cn fn …` with cn = 49 (QR Code):
//! function 165 selects the model, 167 the module size, 169 the error correction level, 180 stores
//! the data in the symbol storage area and 181 prints what is stored. `pL + pH × 256` counts the bytes
//! after `pH`. Anything else of `GS ( k` (other functions, other symbologies, a wrong count or
//! parameter) is an error, as everywhere in this reader.

/// One `GS ( k` function for a QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrCommand {
    /// Function 165: 49 model 1, 50 model 2, 51 micro QR.
    Model(u8),
    /// Function 167: the module's side in dots, 1–16.
    ModuleSize(u8),
    /// Function 169: 48 L, 49 M, 50 Q, 51 H.
    ErrorCorrection(u8),
    /// Function 180: the data, as bytes.
    Store(Vec<u8>),
    /// Function 181.
    Print,
}

/// A QR code the printer prints: what it holds and how it was asked to print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub data: String,
    pub model: u8,
    pub module_size: u8,
    /// 'L', 'M', 'Q' or 'H'.
    pub error_correction: char,
}

/// The printer's QR settings and storage area; after `ESC @`, Epson's defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrState {
    model: u8,
    module_size: u8,
    error_correction: u8,
    stored: Option<Vec<u8>>,
}

impl Default for QrState {
    fn default() -> Self {
        QrState {
            model: 50,
            module_size: 3,
            error_correction: 48,
            stored: None,
        }
    }
}

impl QrState {
    /// Carries out `command`; the symbol printed, for function 181.
    pub fn apply(&mut self, command: &QrCommand) -> Result<Option<Symbol>, String> {
        match command {
            QrCommand::Model(n) => self.model = *n,
            QrCommand::ModuleSize(n) => self.module_size = *n,
            QrCommand::ErrorCorrection(n) => self.error_correction = *n,
            QrCommand::Store(data) => self.stored = Some(data.clone()),
            QrCommand::Print => {
                let Some(data) = &self.stored else {
                    return Err("QR print with no data stored".into());
                };
                let data = String::from_utf8(data.clone())
                    .map_err(|_| "QR data that is not UTF-8".to_owned())?;
                return Ok(Some(Symbol {
                    data,
                    model: self.model - 48,
                    module_size: self.module_size,
                    error_correction: ['L', 'M', 'Q', 'H'][usize::from(self.error_correction - 48)],
                }));
            }
        }
        Ok(None)
    }
}

/// Reads the `GS ( k` command at the start of `bytes` and carries it out on `printer`: how many bytes
/// it takes.
pub(super) fn read(printer: &mut super::Printer, bytes: &[u8]) -> Result<usize, String> {
    let (command, length) = parse(bytes)?;
    printer.flush_text();
    let printed = printer.qr.apply(&command)?;
    printer.decoded.commands.push(super::Command::Qr(command));
    if let Some(symbol) = printed {
        // Printed from the start of a line, and the next line starts under it.
        if !printer.at_line_start() {
            return Err("a QR code in the middle of a line".into());
        }
        let align = printer.align;
        printer.decoded.lines.push(super::Line {
            align,
            runs: Vec::new(),
            symbol: Some(symbol),
        });
    }
    Ok(length)
}

/// Reads the `GS ( k` command at the start of `bytes` (which begin with `GS (`): the command and how
/// many bytes it takes.
pub fn parse(bytes: &[u8]) -> Result<(QrCommand, usize), String> {
    let [0x1D, b'(', b'k', low, high, rest @ ..] = bytes else {
        return Err("GS ( without k and its byte count".into());
    };
    let count = usize::from(*low) + 256 * usize::from(*high);
    let Some(body) = rest.get(..count) else {
        return Err(format!("GS ( k of {count} bytes past the end"));
    };
    let [49, function, parameters @ ..] = body else {
        return Err(format!("GS ( k for a symbol other than QR: {body:?}"));
    };
    let command = match (function, parameters) {
        (65, [n @ 49..=51, 0]) => QrCommand::Model(*n),
        (67, [n @ 1..=16]) => QrCommand::ModuleSize(*n),
        (69, [n @ 48..=51]) => QrCommand::ErrorCorrection(*n),
        (80, [48, data @ ..]) if !data.is_empty() => QrCommand::Store(data.to_vec()),
        (81, [48]) => QrCommand::Print,
        _ => return Err(format!("GS ( k QR function {function} with {parameters:?}")),
    };
    Ok((command, 5 + count))
}
