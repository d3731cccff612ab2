//! The chain's head, kept outside the database and keyed with the till's secret, so that deleting the
//! newest operations together with their newest audit entries (which leaves a shorter chain that is
//! perfectly linked) is still caught.
//!
//! After every commit that appends to the chain, [`record`] writes `audit-head` in the data folder: the
//! newest entry's number and hash, and an HMAC-SHA256 of both under the till's key
//! ([`crate::secrets::TillKey`]). [`check`] then demands that the chain still holds that entry with that
//! hash. The anchor is written after the commit, so a crash between the two leaves it one step behind,
//! never ahead: a chain longer than its anchor is normal, a shorter one or another hash at the anchored
//! number is not. Writing it is best effort (the operation is already committed); a failure is logged
//! and the next commit writes it again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{Finding, hash_of, head};
use crate::error::TillError;
use crate::secrets::{TillKey, load_or_create_till_key};

/// The anchor's file, in the data folder.
pub const ANCHOR_FILE: &str = "audit-head";

#[derive(Debug, Serialize, Deserialize)]
struct Anchor {
    seq: i64,
    hash: String,
    mac: String,
}

fn mac_of(key: &TillKey, seq: i64, hash: &str) -> String {
    key.mac(&[
        b"caja-audit-head",
        seq.to_string().as_bytes(),
        hash.as_bytes(),
    ])
}

/// The data folder of a connection's database file; `None` for an in-memory database.
pub(crate) fn data_dir_of(connection: &Connection) -> Option<PathBuf> {
    let path = connection.path().filter(|path| !path.is_empty())?;
    Path::new(path).parent().map(Path::to_owned)
}

/// The till's key for a data folder, read once per process: every commit anchors, and the key file
/// does not change under a running till.
fn key_for(data_dir: &Path) -> Result<Arc<TillKey>, TillError> {
    static KEYS: OnceLock<Mutex<HashMap<PathBuf, Arc<TillKey>>>> = OnceLock::new();
    let keys = KEYS.get_or_init(Mutex::default);
    let mut keys = keys.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(key) = keys.get(data_dir) {
        return Ok(Arc::clone(key));
    }
    let key = Arc::new(load_or_create_till_key(data_dir)?);
    keys.insert(data_dir.to_owned(), Arc::clone(&key));
    Ok(key)
}

/// Anchors the chain's current head. Call after a commit that appended to the chain.
pub(crate) fn record(connection: &Connection) {
    let Some(data_dir) = data_dir_of(connection) else {
        return;
    };
    if let Err(error) = write(connection, &data_dir) {
        tracing::warn!(%error, "the audit head could not be anchored; the next commit tries again");
    }
}

fn write(connection: &Connection, data_dir: &Path) -> Result<(), TillError> {
    let key = key_for(data_dir)?;
    let (seq, hash) = head(connection)?;
    let anchor = Anchor {
        mac: mac_of(&key, seq, &hash),
        seq,
        hash,
    };
    let path = data_dir.join(ANCHOR_FILE);
    let temporary = data_dir.join(format!(
        ".{ANCHOR_FILE}.{}.tmp",
        uuid::Uuid::new_v4().simple()
    ));
    let io = |path: PathBuf| move |source| TillError::Io { path, source };
    let text = serde_json::to_string(&anchor).unwrap_or_default();
    std::fs::write(&temporary, text).map_err(io(temporary.clone()))?;
    std::fs::rename(&temporary, &path).map_err(io(path.clone()))
}

/// What the anchor says of the chain: nothing when they agree, else the finding. A chain with entries
/// but no anchor is a finding too (the file was deleted), except right after the upgrade that starts
/// anchoring, which [`record`]s the first anchor itself.
pub(crate) fn check(connection: &Connection) -> Result<Option<Finding>, TillError> {
    let Some(data_dir) = data_dir_of(connection) else {
        return Ok(None);
    };
    let (found_seq, _) = head(connection)?;
    let path = data_dir.join(ANCHOR_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok((found_seq > 0).then_some(Finding::AnchorMissing { found_seq }));
        }
        Err(source) => return Err(TillError::Io { path, source }),
    };
    let Ok(anchor) = serde_json::from_str::<Anchor>(&text) else {
        return Ok(Some(Finding::AnchorForged));
    };
    let key = key_for(&data_dir)?;
    if mac_of(&key, anchor.seq, &anchor.hash) != anchor.mac {
        return Ok(Some(Finding::AnchorForged));
    }
    if anchor.seq == 0 {
        return Ok(None);
    }
    match hash_of(connection, anchor.seq)? {
        Some(hash) if hash == anchor.hash => Ok(None),
        _ => Ok(Some(Finding::HeadMissing {
            anchored_seq: anchor.seq,
            found_seq,
        })),
    }
}
