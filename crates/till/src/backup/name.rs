//! A generation's name and the folder's listing: `caja-<label>-<YYYYMMDDTHHMMSS.mmmZ>-<16 hex>.sqlite3`,
//! the label being the store's and till's codes (`T01-C1`), the time the backup was written (UTC, to
//! the millisecond, so two backups in one second still list in the order they were written) and
//! the first 16 hex digits of the file's SHA-256. Anything else in the folder, a temporary file of a
//! backup being written or killed among them, is not a generation.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use serde::Serialize;

use super::{BackupError, io};

const PREFIX: &str = "caja-";
const SUFFIX: &str = ".sqlite3";
const TIME_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";
const CHECKSUM_DIGITS: usize = 16;

/// One generation in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Generation {
    pub path: PathBuf,
    pub file_name: String,
    /// Whose till: `T01-C1`.
    pub label: String,
    /// When it was written (UTC, from its name).
    pub written_at: Timestamp,
    pub size_bytes: u64,
    /// The first 16 hex digits of the file's SHA-256 when it was written.
    pub checksum: String,
}

/// The name for a generation of `label` written at `at` with this checksum.
pub(crate) fn file_name(label: &str, at: Timestamp, sha256_hex: &str) -> String {
    let time = at.strftime(TIME_FORMAT);
    let checksum = &sha256_hex[..CHECKSUM_DIGITS.min(sha256_hex.len())];
    format!("{PREFIX}{}-{time}-{checksum}{SUFFIX}", clean_label(label))
}

/// The label as it may appear in a file name: letters, digits and dashes.
pub fn clean_label(label: &str) -> String {
    let cleaned: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let cleaned = cleaned.trim_matches('-').to_owned();
    if cleaned.is_empty() {
        "till".to_owned()
    } else {
        cleaned
    }
}

/// `(label, written at, checksum)` of a generation's file name; `None` for any other file.
pub(crate) fn parse(file_name: &str) -> Option<(String, Timestamp, String)> {
    let stem = file_name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (rest, checksum) = stem.rsplit_once('-')?;
    if checksum.len() != CHECKSUM_DIGITS || !checksum.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let (label, time) = rest.rsplit_once('-')?;
    let time = time.strip_suffix('Z')?;
    let civil = DateTime::strptime("%Y%m%dT%H%M%S%.f", time)
        .or_else(|_| DateTime::strptime("%Y%m%dT%H%M%S", time))
        .ok()?;
    let written_at = civil.to_zoned(TimeZone::UTC).ok()?.timestamp();
    (!label.is_empty()).then(|| (label.to_owned(), written_at, checksum.to_ascii_lowercase()))
}

/// The generation a path names, if its name is one's and the file exists.
pub fn generation(path: &Path) -> Option<Generation> {
    let file_name = path.file_name()?.to_str()?.to_owned();
    let (label, written_at, checksum) = parse(&file_name)?;
    let metadata = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    Some(Generation {
        path: path.to_owned(),
        file_name,
        label,
        written_at,
        size_bytes: metadata.len(),
        checksum,
    })
}

/// The generations in `folder`, oldest first; temporary files and anything else are left out.
pub fn list(folder: &Path) -> Result<Vec<Generation>, BackupError> {
    if !folder.is_dir() {
        return Err(BackupError::FolderMissing(folder.to_owned()));
    }
    let mut found: Vec<Generation> = std::fs::read_dir(folder)
        .map_err(io(folder))?
        .filter_map(Result::ok)
        .filter_map(|entry| generation(&entry.path()))
        .collect();
    found.sort_by(|a, b| (a.written_at, &a.file_name).cmp(&(b.written_at, &b.file_name)));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_reads_back_and_nothing_else_is_a_generation() {
        let at: Timestamp = "2026-12-01T11:22:33.456Z".parse().unwrap();
        let name = file_name("T01 C1", at, "0123456789abcdef0123");
        assert_eq!(
            name,
            "caja-T01-C1-20261201T112233.456Z-0123456789abcdef.sqlite3"
        );
        let (label, when, checksum) = parse(&name).unwrap();
        assert_eq!(
            (label.as_str(), when, checksum.as_str()),
            ("T01-C1", at, "0123456789abcdef")
        );
        assert!(parse(".caja-backup-1234.partial").is_none());
        assert!(parse("caja-T01-C1-20261201T112233Z.sqlite3").is_none());
        assert!(parse("caja.sqlite3").is_none());
    }
}
