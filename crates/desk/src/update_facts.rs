//! What signed updates know, as plain facts: a supervisor's postponement (saved inside `settings.json`
//! under `updates`), why an update waits, why one was refused, and where the last check left the till.
//! The rule that uses them is [`crate::updates`]; their words are `wording::updates`.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A supervisor's "not now" for one version, kept in `settings.json` under `updates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Postponement {
    pub version: String,
    pub until: Timestamp,
    pub by: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UpdateSettings {
    pub postponed: Option<Postponement>,
}

/// Why a verified update is not installed now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    ShiftOpen { shift: i64 },
    OperationsUnsettled { count: usize },
    Postponed(Postponement),
}

/// Why an update was not offered, downloaded or installed: facts the desktop's updater reported,
/// worded by [`crate::wording::updates`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateProblem {
    /// Central could not be asked (not enrolled, unreachable, refused): its own words.
    Central(String),
    /// The bundle's signature does not hold against the key built into the app.
    Signature,
    /// The signature holds but was made for another version than the manifest announces.
    SignedVersion {
        signed: String,
        announced: String,
    },
    /// The signature carries no version.
    UnsignedVersion,
    /// Central's answer is not a manifest, or has nothing for this target.
    Manifest(String),
    Download(String),
    Install(String),
    /// This build trusts no chain's key (a release build without `CAJA_UPDATE_PUBKEY`).
    NoKey,
}

/// Where the last check left the till: what the view words and the desktop keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum UpdateOutcome {
    #[default]
    Unchecked,
    /// Central offers nothing newer.
    UpToDate { checked_at: Timestamp },
    /// Downloaded, and its signature held: ready to install.
    Verified {
        version: String,
        notes: Option<String>,
    },
    /// Offered, and refused: the bundle or the manifest did not hold.
    Refused {
        version: String,
        problem: UpdateProblem,
    },
    /// The check or the download did not complete.
    Failed(UpdateProblem),
}
