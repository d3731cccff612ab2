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
}

impl ReportError {
    /// Stable identifier of the error kind, for machines.
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::Pdf(_) => "report_pdf",
            ReportError::Io { .. } => "report_io",
            ReportError::Print { .. } => "print_failed",
        }
    }
}
