//! Getting a rendered report to paper: a copy is always kept in the reports folder, then it goes to the
//! configured CUPS printer, else to the system's default one. When there is no printer at all the caller
//! opens the kept copy in the system viewer (that part belongs to the desktop shell).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::ReportError;

/// Where a report ended up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The copy kept in the reports folder.
    pub path: PathBuf,
    /// The printer it was sent to; `None` when no printer exists.
    pub printer: Option<String>,
}

/// Writes `pdf` to `dir/file_name` (atomically) and prints it on `printer`, or on the system default
/// printer when none is configured.
pub fn keep_and_print(
    pdf: &[u8],
    dir: &Path,
    file_name: &str,
    printer: Option<&str>,
) -> Result<Delivery, ReportError> {
    let path = keep(pdf, dir, file_name)?;
    let printer = printer.map(str::to_owned).or_else(default_printer);
    if let Some(name) = &printer {
        let output = Command::new("lp")
            .arg("-d")
            .arg(name)
            .arg(&path)
            .output()
            .map_err(|error| ReportError::Print {
                printer: name.clone(),
                detail: error.to_string(),
            })?;
        if !output.status.success() {
            return Err(ReportError::Print {
                printer: name.clone(),
                detail: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
            });
        }
    }
    Ok(Delivery { path, printer })
}

/// Writes the PDF next to its final name, then renames it, so a half-written report never exists.
pub fn keep(pdf: &[u8], dir: &Path, file_name: &str) -> Result<PathBuf, ReportError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| ReportError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let path = dir.join(file_name);
    let partial = dir.join(format!(".{file_name}.partial"));
    std::fs::write(&partial, pdf).map_err(io(&partial))?;
    std::fs::rename(&partial, &path).map_err(io(&path))?;
    Ok(path)
}

/// The CUPS default destination (`lpstat -d`), if CUPS is installed and has one.
fn default_printer() -> Option<String> {
    let output = Command::new("lpstat").arg("-d").output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines()
        .find_map(|line| line.split_once("system default destination:"))
        .map(|(_, name)| name.trim().to_owned())
        .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_copy_without_leaving_partial_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = keep(b"%PDF-1.7 test", dir.path(), "resumen.pdf").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7 test");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["resumen.pdf"]);
    }

    #[test]
    fn a_missing_printer_is_an_error_not_silence() {
        let dir = tempfile::tempdir().unwrap();
        let result = keep_and_print(b"%PDF", dir.path(), "r.pdf", Some("no-such-printer-here"));
        assert!(
            matches!(result, Err(ReportError::Print { .. })),
            "{result:?}"
        );
        assert!(
            dir.path().join("r.pdf").exists(),
            "the copy is kept even when printing fails"
        );
    }
}
