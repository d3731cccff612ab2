//! A keyed digest of `settings.json`, so that a file edited by hand (the provider URL pointed elsewhere,
//! live mode switched on) is noticed when Caja starts.
//!
//! Every save through Caja writes `settings.seal` beside the file: an HMAC-SHA256 of the file's bytes
//! under the till's key ([`crate::till_key::TillKey`]), which an editor of the file does not have. A file
//! whose seal is missing or does not match was changed outside Caja: in live mode the till then does
//! nothing until a supervisor confirms the settings as they are (PIN and reason, sealed in the audit
//! record). A till that never saved settings has nothing to confirm. A crash between writing the file
//! and its seal asks for a confirmation; it never lets an edit through.

use std::path::{Path, PathBuf};

use crate::error::TillError;
use crate::till_key::till_key;

/// The settings file the desk writes in the data folder; sealed here because only the till holds the key.
pub const SETTINGS_FILE: &str = "settings.json";

pub const SEAL_FILE: &str = "settings.seal";

/// What the seal says of `settings.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsSeal {
    /// Saved or confirmed through Caja, unchanged since.
    Intact,
    /// Never saved: the defaults are in force.
    NeverSaved,
    /// Changed (or written) outside Caja since Caja last saved or confirmed it.
    EditedOutsideCaja,
}

fn io(path: PathBuf) -> impl FnOnce(std::io::Error) -> TillError {
    move |source| TillError::Io { path, source }
}

fn digest(data_dir: &Path, bytes: &[u8]) -> Result<String, TillError> {
    let key = till_key(data_dir)?;
    Ok(key.mac(&[b"caja-settings", bytes]))
}

/// Seals the settings file as it is now.
pub fn seal(data_dir: &Path) -> Result<(), TillError> {
    let file = data_dir.join(SETTINGS_FILE);
    let bytes = std::fs::read(&file).map_err(io(file))?;
    let path = data_dir.join(SEAL_FILE);
    let temporary = data_dir.join(format!("{SEAL_FILE}.tmp"));
    std::fs::write(&temporary, digest(data_dir, &bytes)?).map_err(io(temporary.clone()))?;
    std::fs::rename(&temporary, &path).map_err(io(path))
}

/// Whether `settings.json` is as Caja last saved or confirmed it.
pub fn state(data_dir: &Path) -> Result<SettingsSeal, TillError> {
    let file = data_dir.join(SETTINGS_FILE);
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(SettingsSeal::NeverSaved);
        }
        Err(source) => return Err(TillError::Io { path: file, source }),
    };
    let path = data_dir.join(SEAL_FILE);
    let sealed = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(SettingsSeal::EditedOutsideCaja);
        }
        Err(source) => return Err(TillError::Io { path, source }),
    };
    Ok(if sealed.trim() == digest(data_dir, &bytes)? {
        SettingsSeal::Intact
    } else {
        SettingsSeal::EditedOutsideCaja
    })
}
