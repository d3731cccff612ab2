//! Reading a rendered PDF back as a person's viewer does: its text page by page with poppler's
//! `pdftotext -layout`, and its page count with `pdfinfo` (poppler-utils must be installed); and
//! checking the order texts were read in.

use std::path::{Path, PathBuf};
use std::process::Command;

fn write(pdf: &[u8], dir: &Path) -> PathBuf {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let path = dir.join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    path
}

/// The text of each page, as `pdftotext -layout` lays it out.
pub fn pages(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = write(pdf, dir.path());
    let output = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext must be installed (poppler-utils)");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The page count `pdfinfo` reads from the file.
pub fn page_count(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = write(pdf, dir.path());
    let output = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo must be installed (poppler-utils)");
    assert!(output.status.success());
    let info = String::from_utf8(output.stdout).unwrap();
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|count| count.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

/// Asserts that each of `expected` is in `text`, each after the one before.
pub fn in_order(text: &str, expected: &[&str]) {
    let mut from = 0;
    for item in expected {
        match text[from..].find(item) {
            Some(at) => from += at + item.len(),
            None => panic!("«{item}» missing, or out of order, after byte {from} of:\n{text}"),
        }
    }
}
