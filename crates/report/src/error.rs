//! The report crate's one error type. Each variant has a stable `code` for machines and a Spanish
//! message for people.

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// printpdf reported a mistake that would make a viewer drop part of the page.
    #[error("No se pudo generar el PDF: {0}")]
    Pdf(String),
    #[error("No se pudo guardar el reporte en {}: {source}", path.display())]
    Io {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "La impresora «{printer}» no aceptó el reporte: {detail}. Revise la impresora en Ajustes."
    )]
    Print { printer: String, detail: String },
    /// The `escpos` crate refused a command while a receipt's bytes were being put together (its
    /// message): a mistake in Caja, since every text is folded to the code page first.
    #[error("No se pudo preparar el ticket para la impresora: {0}")]
    Escpos(String),
    /// A receipt did not reach the thermal printer: `printer` is its text form (`tcp:…:9100`), `detail`
    /// what the device, the network or `lp` answered.
    #[error(
        "La impresora de tickets «{printer}» no recibió el ticket: {detail}. Revise que esté \
         encendida y conectada, o su dirección en Ajustes."
    )]
    ThermalPrinterFailed { printer: String, detail: String },
    /// A thermal printer's address (`file:…`, `tcp:…`, `cups:…`, `usb:…`) could not be understood.
    #[error("La dirección de impresora de tickets «{text}» no es válida: {problem}.")]
    ThermalPrinterInvalid {
        text: String,
        problem: ThermalPrinterProblem,
    },
}

/// Which part of a thermal printer's address is wrong, so the person typing it can fix that part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThermalPrinterProblem {
    #[error("está vacía")]
    Empty,
    /// The text before the first `:` is none of `file`, `tcp`, `cups`, `usb` (or there is no `:`).
    #[error("«{kind}» no es un tipo conocido; use file:, tcp:, cups: o usb:")]
    UnknownKind { kind: String },
    #[error("falta la ruta del archivo o dispositivo (file:/dev/usb/lp0)")]
    MissingPath,
    /// A relative path would depend on the folder the app was started from.
    #[error("la ruta «{path}» no es absoluta (empieza con /)")]
    RelativePath { path: String },
    #[error("falta el nombre o la IP de la impresora (tcp:192.168.1.50:9100)")]
    MissingHost,
    #[error("«{host}» no es un nombre ni una IP (una IPv6 va entre corchetes: tcp:[fe80::1]:9100)")]
    BadHost { host: String },
    #[error("el puerto «{port}» no es un número entre 1 y 65535")]
    BadPort { port: String },
    #[error("falta el nombre de la cola de CUPS (cups:TICKETERA)")]
    MissingQueue,
    /// CUPS refuses names with spaces, `/`, `\\`, `?`, quotes or `#`, and names over 127 characters.
    #[error("«{queue}» no es un nombre de cola de CUPS (sin espacios, /, \\, ?, comillas ni #)")]
    BadQueue { queue: String },
    /// `usb:` needs both ids, the vendor's and the product's.
    #[error("faltan el vendor id y el product id USB (usb:04b8:0e15)")]
    UsbIdsMissing,
    #[error("«{id}» no es un vendor id USB (4 cifras hexadecimales: usb:04b8:0e15)")]
    BadVendorId { id: String },
    #[error("«{id}» no es un product id USB (4 cifras hexadecimales: usb:04b8:0e15)")]
    BadProductId { id: String },
}

/// What [`ReportError::code`] answers, each once: the desktop's `ErrorCode` type is rendered from it.
pub const ERROR_CODES: &[&str] = &[
    "report_pdf",
    "report_io",
    "print_failed",
    "ticket_escpos",
    "thermal_printer_failed",
    "thermal_printer_invalid",
];

impl ReportError {
    /// Stable identifier of the error kind, for machines.
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::Pdf(_) => "report_pdf",
            ReportError::Io { .. } => "report_io",
            ReportError::Print { .. } => "print_failed",
            ReportError::Escpos(_) => "ticket_escpos",
            ReportError::ThermalPrinterFailed { .. } => "thermal_printer_failed",
            ReportError::ThermalPrinterInvalid { .. } => "thermal_printer_invalid",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ERROR_CODES, ReportError, ThermalPrinterProblem};

    /// One error of each variant gives each listed code once: `code()` and the list say the same.
    #[test]
    fn every_code_is_listed() {
        let errors = [
            ReportError::Pdf("x".to_owned()),
            ReportError::Io {
                path: "/x".into(),
                source: std::io::Error::other("x"),
            },
            ReportError::Print {
                printer: "x".to_owned(),
                detail: "x".to_owned(),
            },
            ReportError::Escpos("x".to_owned()),
            ReportError::ThermalPrinterFailed {
                printer: "x".to_owned(),
                detail: "x".to_owned(),
            },
            ReportError::ThermalPrinterInvalid {
                text: "x".to_owned(),
                problem: ThermalPrinterProblem::Empty,
            },
        ];
        // No `_` arm: a new variant stops this compiling until it is named here and given a sample.
        let given: Vec<&str> = errors
            .iter()
            .map(|error| match error {
                ReportError::Pdf(_)
                | ReportError::Io { .. }
                | ReportError::Print { .. }
                | ReportError::Escpos(_)
                | ReportError::ThermalPrinterFailed { .. }
                | ReportError::ThermalPrinterInvalid { .. } => error.code(),
            })
            .collect();
        assert_eq!(given, ERROR_CODES);
    }
}
