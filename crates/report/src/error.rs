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

/// What [`ReportError::code`] answers, each once: the desktop's `ErrorCode` type is rendered from it.
pub const ERROR_CODES: &[&str] = &["report_pdf", "report_io", "print_failed"];

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

#[cfg(test)]
mod tests {
    use super::{ERROR_CODES, ReportError};

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
        ];
        // No `_` arm: a new variant stops this compiling until it is named here and given a sample.
        let given: Vec<&str> = errors
            .iter()
            .map(|error| match error {
                ReportError::Pdf(_) | ReportError::Io { .. } | ReportError::Print { .. } => {
                    error.code()
                }
            })
            .collect();
        assert_eq!(given, ERROR_CODES);
    }
}
