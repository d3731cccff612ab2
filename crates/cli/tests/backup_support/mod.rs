//! What the backup tests share: the folder set with `caja settings set`, a backup written, the
//! listing, and reading files and the journal straight from disk.

// Each test target that includes this module uses a different part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::shift_support::{ROSA, TillUnderTest};

/// Points the till's backups at `folder`, keeping `keep` (as Rosa, a supervisor, when `staffed`).
pub fn configure(till: &TillUnderTest, folder: &Path, keep: u32, staffed: bool) {
    let keep = keep.to_string();
    let mut args = vec![
        "settings",
        "set",
        "--backup-folder",
        folder.to_str().unwrap(),
        "--backup-generations",
        &keep,
    ];
    if staffed {
        args.extend(["--reason", "Copias en la memoria USB"]);
    }
    till.ok(if staffed { ROSA } else { None }, &args);
}

pub fn backup_now(till: &TillUnderTest) -> PathBuf {
    let written = till.ok(None, &["backup", "now"]);
    PathBuf::from(
        written["written"]["verification"]["generation"]["path"]
            .as_str()
            .unwrap(),
    )
}

pub fn listed(till: &TillUnderTest) -> Vec<Value> {
    let list = till.ok(None, &["backup", "list"]);
    list["generations"].as_array().unwrap().clone()
}

pub fn files_in(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect()
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// A copy of `from` under a generation's name with the checksum of its (changed) bytes.
pub fn renamed_with_checksum(from: &Path, folder: &Path) -> PathBuf {
    let sha = till::backup::check::sha256_of(from).unwrap();
    let to = folder.join(format!("caja-X-Y-20200101T000000Z-{}.sqlite3", &sha[..16]));
    std::fs::rename(from, &to).unwrap();
    to
}

/// The funding codes in the till's journal, oldest first.
pub fn journal_codes(data_dir: &Path) -> Vec<String> {
    let connection = rusqlite::Connection::open(data_dir.join("caja.sqlite3")).unwrap();
    let mut statement = connection
        .prepare("SELECT DISTINCT funding_code FROM journal ORDER BY id")
        .unwrap();
    statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}
