//! The till's key for Caja Central at rest, kept as the provider token is: the system's secret store
//! under its own entry (`central-key-<folder digest>`), else the owner-only file `secrets/central-key`.
//! The key is read into a [`TillSigningKey`], whose `Debug` prints `***`; it never reaches SQLite, a
//! log line or a view.

use std::path::Path;

use providers::central::TillSigningKey;
use till::secret_file::{self, SecretStoreError};

use super::{TokenStore, entry, store_unavailable};

/// Keeps the key in the secret store, or in the owner-only file when there is none; says where. A
/// fallback file left from an earlier save is removed once the store has the key.
pub fn save_central_key(
    data_dir: &Path,
    key: &TillSigningKey,
) -> Result<TokenStore, SecretStoreError> {
    let file = secret_file::central_key_path(data_dir);
    let text = key.to_base64();
    match entry::central_key_entry(data_dir).and_then(|entry| entry.set_password(&text)) {
        Ok(()) => {
            secret_file::remove(&file)?;
            Ok(TokenStore::SecretService)
        }
        Err(error) if store_unavailable(&error) => {
            tracing::info!(%error, "no secret store: the Central key goes to an owner-only file");
            secret_file::write(&file, &text)?;
            Ok(TokenStore::OwnerOnlyFile(file))
        }
        Err(error) => Err(SecretStoreError::Store(error.to_string())),
    }
}

/// The key saved for this data folder, if any: the secret store's, else the fallback file's.
pub fn load_central_key(data_dir: &Path) -> Result<Option<TillSigningKey>, SecretStoreError> {
    match entry::central_key_entry(data_dir).and_then(|entry| entry.get_password()) {
        Ok(text) => return Ok(TillSigningKey::from_base64(&text)),
        Err(keyring::Error::NoEntry) => {}
        Err(error) => tracing::debug!(%error, "secret store unavailable, trying the fallback file"),
    }
    let text = secret_file::read(&secret_file::central_key_path(data_dir))?;
    Ok(text.and_then(|text| TillSigningKey::from_base64(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_store_the_key_goes_to_an_owner_only_file_and_comes_back() {
        // Unit tests run without a namespace: there is no secret store, as on a kiosk.
        let dir = tempfile::tempdir().unwrap();
        let key = TillSigningKey::generate();
        let kept = save_central_key(dir.path(), &key).unwrap();
        assert_eq!(kept.kind(), "owner_only_file");
        let back = load_central_key(dir.path()).unwrap().unwrap();
        assert_eq!(back.public_key(), key.public_key());
    }
}
