//! The provider token at rest: kept in the operating system's secret store (Secret Service on Linux,
//! the Keychain on macOS, the Credential Manager on Windows), one entry per data folder and mode
//! ([`entry`]), never in SQLite or a settings file. `CAJA_TOKEN` overrides it for deployments and
//! scripts. Every call here may wait on D-Bus: async callers run it on a blocking thread.
//!
//! A till without a secret store (no D-Bus session, no keyring daemon: a kiosk session, a service
//! account) keeps the token instead in a file only its user can read, `secrets/provider-token-<mode>`
//! in the data folder ([`till::secret_file`]), and says so: the fronts show [`TokenStore::OwnerOnlyFile`] as
//! a warning. The store is always tried first, for saving and for reading.

mod aplazame_key;
mod central_key;
mod entry;

use std::path::{Path, PathBuf};

use providers::ApiToken;

use till::Mode;

pub use aplazame_key::{delete_aplazame_key, load_aplazame_key, save_aplazame_key};
pub use central_key::{load_central_key, save_central_key};
pub use entry::TEST_NAMESPACE_VARIABLE;
use till::secret_file as token_file;
pub use till::secret_file::SecretStoreError;

/// Where a token is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenStore {
    SecretService,
    /// The fallback file, mode 0600 in a 0700 folder.
    OwnerOnlyFile(PathBuf),
}

impl TokenStore {
    /// Stable name for machines (`--json`, the desktop bridge).
    pub fn kind(&self) -> &'static str {
        match self {
            TokenStore::SecretService => "secret_service",
            TokenStore::OwnerOnlyFile(_) => "owner_only_file",
        }
    }
}

/// The token in the store for this till and mode. A token found only under the machine-wide entry of
/// older versions is moved to this till's own entry (written there, then removed from the old one), so
/// it is found once: a second till on the machine then asks for its own.
fn stored_token(data_dir: &Path, mode: Mode) -> keyring::Result<Option<String>> {
    let entries = entry::token_entries(data_dir, mode)?;
    match entries.own.get_password() {
        Ok(token) => return Ok(Some(token)),
        Err(keyring::Error::NoEntry) => {}
        Err(error) => return Err(error),
    }
    let token = match entries.machine_wide.get_password() {
        Ok(token) => token,
        Err(keyring::Error::NoEntry) => return Ok(None),
        Err(error) => return Err(error),
    };
    entries.own.set_password(&token)?;
    if let Err(error) = entries.machine_wide.delete_credential() {
        tracing::warn!(%error, "the token was copied to this till's entry; the old entry stays");
    }
    tracing::info!(%mode, "the token moved from the machine-wide entry to this data folder's own");
    Ok(Some(token))
}

/// No store to talk to (no session bus, no daemon, a locked or absent collection), as opposed to a
/// store that answered with a refusal.
pub(crate) fn store_unavailable(error: &keyring::Error) -> bool {
    matches!(
        error,
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_)
    )
}

/// The token saved for `mode`, if any: the secret store's, else the fallback file's. A fallback file
/// with permissions wider than 0600 is an error, not "no token".
pub fn load_token(data_dir: &Path, mode: Mode) -> Result<Option<ApiToken>, SecretStoreError> {
    match stored_token(data_dir, mode) {
        Ok(Some(token)) if !token.trim().is_empty() => return Ok(Some(ApiToken::new(token))),
        Ok(_) => {}
        Err(error) => tracing::debug!(%error, "secret store unavailable, trying the fallback file"),
    }
    Ok(token_file::read(&token_file::token_path(data_dir, mode))?.map(ApiToken::new))
}

/// The texts of the secrets kept for this data folder (each mode's token, Aplazame's key), for one
/// use only: finding them to mask them ([`crate::redact`]). Unreadable ones are left out.
pub(crate) fn texts_to_mask(data_dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for mode in [Mode::Sandbox, Mode::Mock, Mode::Live] {
        if let Ok(Some(token)) = stored_token(data_dir, mode) {
            found.push(token);
        }
        let files = [
            token_file::token_path(data_dir, mode),
            token_file::aplazame_key_path(data_dir, mode),
        ];
        found.extend(
            files
                .iter()
                .filter_map(|path| token_file::read(path).ok().flatten()),
        );
        if let Ok(Some(key)) = aplazame_key::key_text(data_dir, mode) {
            found.push(key);
        }
    }
    found
}

/// Keeps the token for `mode` in the secret store, or in the fallback file when there is no store, and
/// says where. A fallback file left from an earlier save is removed once the store has the token, so
/// there is never a second copy.
pub fn save_token(
    data_dir: &Path,
    mode: Mode,
    token: &str,
) -> Result<TokenStore, SecretStoreError> {
    let stored = entry::token_entries(data_dir, mode)
        .and_then(|entries| entries.own.set_password(token.trim()));
    settle_save(stored, data_dir, mode, token)
}

fn settle_save(
    stored: keyring::Result<()>,
    data_dir: &Path,
    mode: Mode,
    token: &str,
) -> Result<TokenStore, SecretStoreError> {
    let file = token_file::token_path(data_dir, mode);
    match stored {
        Ok(()) => {
            token_file::remove(&file)?;
            Ok(TokenStore::SecretService)
        }
        Err(error) if store_unavailable(&error) => {
            tracing::info!(%error, "no secret store: the token goes to an owner-only file");
            token_file::write(&file, token.trim())?;
            Ok(TokenStore::OwnerOnlyFile(file))
        }
        Err(error) => Err(SecretStoreError::Store(error.to_string())),
    }
}

/// Removes the token for `mode` from the secret store (when there is one) and the fallback file. A
/// machine-wide entry of an older version goes too: otherwise the cleared token would come back from it.
pub fn delete_token(data_dir: &Path, mode: Mode) -> Result<(), SecretStoreError> {
    let removed = entry::token_entries(data_dir, mode).and_then(|entries| {
        for entry in [entries.own, entries.machine_wide] {
            match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => {}
                Err(error) => return Err(error),
            }
        }
        Ok(())
    });
    match removed {
        Ok(()) => {}
        Err(error) if store_unavailable(&error) => {}
        Err(error) => return Err(SecretStoreError::Store(error.to_string())),
    }
    token_file::remove(&token_file::token_path(data_dir, mode))
}

/// Where the token for `mode` is kept, if anywhere; reads no secret into the caller's hands.
pub fn where_kept(data_dir: &Path, mode: Mode) -> Option<TokenStore> {
    let in_store = stored_token(data_dir, mode)
        .is_ok_and(|token| token.is_some_and(|token| !token.trim().is_empty()));
    let file = token_file::token_path(data_dir, mode);
    if in_store {
        Some(TokenStore::SecretService)
    } else if file.exists() {
        Some(TokenStore::OwnerOnlyFile(file))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn platform_failure() -> keyring::Error {
        keyring::Error::PlatformFailure("no session bus".into())
    }

    #[test]
    fn without_a_store_the_token_goes_to_the_owner_only_file() {
        let dir = tempfile::tempdir().unwrap();
        let kept =
            settle_save(Err(platform_failure()), dir.path(), Mode::Live, " tok-1 \n").unwrap();
        let file = dir.path().join("secrets").join("provider-token-live");
        assert_eq!(kept, TokenStore::OwnerOnlyFile(file.clone()));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "tok-1");
        let locked = keyring::Error::NoStorageAccess("locked".into());
        assert!(settle_save(Err(locked), dir.path(), Mode::Mock, "tok-2").is_ok());
    }

    #[test]
    fn a_store_that_refuses_is_an_error_not_a_fallback() {
        let dir = tempfile::tempdir().unwrap();
        let refused = keyring::Error::TooLong("password".into(), 8);
        let error = settle_save(Err(refused), dir.path(), Mode::Live, "tok").unwrap_err();
        assert_eq!(error.code(), "secret_store");
        assert!(!dir.path().join("secrets").exists());
    }

    #[test]
    fn saving_in_the_store_removes_an_earlier_fallback_copy() {
        let dir = tempfile::tempdir().unwrap();
        settle_save(Err(platform_failure()), dir.path(), Mode::Live, "old").unwrap();
        let kept = settle_save(Ok(()), dir.path(), Mode::Live, "new").unwrap();
        assert_eq!(kept, TokenStore::SecretService);
        assert!(!token_file::token_path(dir.path(), Mode::Live).exists());
    }
}
