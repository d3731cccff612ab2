//! Where the till's backups go and how many are kept, saved inside `settings.json` under `backup`.
//! The folder decides where the store's data goes, so changing it (or the number kept) needs a
//! supervisor where the rules apply, and is sealed in the audit record like the other settings
//! ([`crate::backups::save_backup_settings`]); the backups made with them are [`crate::backups`].

use serde::{Deserialize, Serialize};

/// How many generations are kept when the settings say nothing else.
pub const DEFAULT_GENERATIONS: u32 = 7;

/// The range a supervisor may choose.
pub const GENERATIONS: std::ops::RangeInclusive<u32> = 1..=100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BackupSettings {
    /// The folder generations are written to (a USB drive, a network share); `None`: no backups.
    pub folder: Option<String>,
    /// How many generations of this till are kept.
    pub generations: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings {
            folder: None,
            generations: DEFAULT_GENERATIONS,
        }
    }
}
