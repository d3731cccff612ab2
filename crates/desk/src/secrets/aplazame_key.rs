//! The store's Aplazame private key at rest, kept as the provider token is: the system's secret store
//! under its own entry (`aplazame-key-<mode>-<folder digest>`), else the owner-only file
//! `secrets/aplazame-key-<mode>`. It is read into an [`ApiToken`], whose `Debug` prints `***`; it never
//! reaches SQLite, a log line or a view. The simulator needs none: sandbox mode uses the simulator's.

use std::path::Path;

use providers::ApiToken;
use till::mode::Mode;
use till::secret_file::{self, SecretStoreError};

use super::{TokenStore, entry, store_unavailable};

/// Keeps the key for `mode` in the secret store, or in the owner-only file when there is none; says
/// where. A fallback file left from an earlier save is removed once the store has the key.
pub fn save_aplazame_key(
    data_dir: &Path,
    mode: Mode,
    key: &str,
) -> Result<TokenStore, SecretStoreError> {
    let file = secret_file::aplazame_key_path(data_dir, mode);
    let key = key.trim();
    match entry::aplazame_key_entry(data_dir, mode).and_then(|entry| entry.set_password(key)) {
        Ok(()) => {
            secret_file::remove(&file)?;
            Ok(TokenStore::SecretService)
        }
        Err(error) if store_unavailable(&error) => {
            tracing::info!(%error, "no secret store: the Aplazame key goes to an owner-only file");
            secret_file::write(&file, key)?;
            Ok(TokenStore::OwnerOnlyFile(file))
        }
        Err(error) => Err(SecretStoreError::Store(error.to_string())),
    }
}

/// The key saved for `mode`, if any: the secret store's, else the fallback file's.
pub fn load_aplazame_key(
    data_dir: &Path,
    mode: Mode,
) -> Result<Option<ApiToken>, SecretStoreError> {
    match entry::aplazame_key_entry(data_dir, mode).and_then(|entry| entry.get_password()) {
        Ok(key) if !key.trim().is_empty() => return Ok(Some(ApiToken::new(key))),
        Ok(_) | Err(keyring::Error::NoEntry) => {}
        Err(error) => tracing::debug!(%error, "secret store unavailable, trying the fallback file"),
    }
    let key = secret_file::read(&secret_file::aplazame_key_path(data_dir, mode))?;
    Ok(key.filter(|key| !key.trim().is_empty()).map(ApiToken::new))
}

/// The key's text in the secret store, for masking only ([`super::texts_to_mask`]).
pub(super) fn key_text(data_dir: &Path, mode: Mode) -> keyring::Result<Option<String>> {
    match entry::aplazame_key_entry(data_dir, mode).and_then(|entry| entry.get_password()) {
        Ok(key) => Ok(Some(key)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(error) => Err(error),
    }
}

/// Removes the key for `mode` from the secret store (when there is one) and the fallback file.
pub fn delete_aplazame_key(data_dir: &Path, mode: Mode) -> Result<(), SecretStoreError> {
    match entry::aplazame_key_entry(data_dir, mode).and_then(|entry| entry.delete_credential()) {
        Ok(()) | Err(keyring::Error::NoEntry) => {}
        Err(error) if store_unavailable(&error) => {}
        Err(error) => return Err(SecretStoreError::Store(error.to_string())),
    }
    secret_file::remove(&secret_file::aplazame_key_path(data_dir, mode))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_store_the_key_goes_to_an_owner_only_file_per_mode() {
        // Unit tests run without a namespace: there is no secret store, as on a kiosk.
        let dir = tempfile::tempdir().unwrap();
        assert!(load_aplazame_key(dir.path(), Mode::Live).unwrap().is_none());
        let kept = save_aplazame_key(dir.path(), Mode::Live, " sk_live_123 ").unwrap();
        assert_eq!(kept.kind(), "owner_only_file");
        let key = load_aplazame_key(dir.path(), Mode::Live).unwrap().unwrap();
        assert!(key.matches("sk_live_123"));
        assert!(load_aplazame_key(dir.path(), Mode::Mock).unwrap().is_none());
        delete_aplazame_key(dir.path(), Mode::Live).unwrap();
        assert!(load_aplazame_key(dir.path(), Mode::Live).unwrap().is_none());
    }
}
