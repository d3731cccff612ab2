//! The chain's head, kept outside the database and keyed with the till's secret, so that deleting the
//! newest operations together with their newest audit entries (which leaves a shorter chain that is
//! perfectly linked) is still caught.
//!
//! Every commit that appends to the chain goes through [`super::commit`], which writes `audit-head` in
//! the data folder: the newest entry's number and hash, and an HMAC-SHA256 of both under the till's key
//! ([`crate::till_key::TillKey`]). [`check`] then demands that the chain still holds that entry with that
//! hash. The anchor is written after the commit, so a crash between the two leaves it one step behind,
//! never ahead: a chain longer than its anchor is normal, a shorter one or another hash at the anchored
//! number is not. Writing it is best effort (the operation is already committed); a failure is logged
//! and the next commit writes it again.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{Finding, hash_of, head};
use crate::error::TillError;
use crate::till_key::{TillKey, till_key};

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

/// The head a transaction leaves, read inside it, to anchor once it is committed (see
/// [`super::commit`]). Reading it before the commit, not after, keeps the head this transaction wrote:
/// a newer one from another process only makes the anchor one step behind, which [`check`] allows.
pub(crate) struct PendingAnchor {
    data_dir: PathBuf,
    seq: i64,
    hash: String,
}

/// The anchor for the chain's head as `connection` sees it now; `None` for an in-memory database or
/// when the head cannot be read (logged: the next commit tries again).
pub(crate) fn pending(connection: &Connection) -> Option<PendingAnchor> {
    let data_dir = data_dir_of(connection)?;
    match head(connection) {
        Ok((seq, hash)) => Some(PendingAnchor {
            data_dir,
            seq,
            hash,
        }),
        Err(error) => {
            tracing::warn!(%error, "the audit head could not be read to anchor it");
            None
        }
    }
}

/// Anchors the chain's current head (a till just created or upgraded; every commit that appends goes
/// through [`super::commit`]).
pub(crate) fn record(connection: &Connection) {
    if let Some(anchor) = pending(connection) {
        anchor.write();
    }
}

impl PendingAnchor {
    /// Writes the anchor, atomically. Best effort: the operation is already committed, so a failure is
    /// logged and the next commit writes it again.
    pub(crate) fn write(self) {
        if let Err(error) = self.try_write() {
            tracing::warn!(%error, "the audit head could not be anchored; the next commit tries again");
        }
    }

    fn try_write(self) -> Result<(), TillError> {
        let key = till_key(&self.data_dir)?;
        let anchor = Anchor {
            mac: mac_of(&key, self.seq, &self.hash),
            seq: self.seq,
            hash: self.hash,
        };
        let path = self.data_dir.join(ANCHOR_FILE);
        let temporary = self.data_dir.join(format!(
            ".{ANCHOR_FILE}.{}.tmp",
            uuid::Uuid::new_v4().simple()
        ));
        let io = |path: PathBuf| move |source| TillError::Io { path, source };
        let text = serde_json::to_string(&anchor).unwrap_or_default();
        std::fs::write(&temporary, text).map_err(io(temporary.clone()))?;
        std::fs::rename(&temporary, &path).map_err(io(path.clone()))
    }
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
    let key = till_key(&data_dir)?;
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
