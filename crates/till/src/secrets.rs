//! The provider token at rest: kept in the operating system's secret store (Secret Service on Linux,
//! the Keychain on macOS, the Credential Manager on Windows), one entry per mode, never in SQLite or a
//! settings file. `CAJA_TOKEN` overrides it for deployments and scripts.

use providers::ApiToken;

use crate::mode::Mode;

const SERVICE: &str = "pe.caja.till";

/// Why the secret store could not be used.
#[derive(Debug, thiserror::Error)]
#[error("the system secret store is not available: {0}")]
pub struct SecretStoreError(String);

fn entry(mode: Mode) -> Result<keyring::Entry, SecretStoreError> {
    keyring::Entry::new(SERVICE, &format!("provider-token-{mode}"))
        .map_err(|error| SecretStoreError(error.to_string()))
}

/// The token saved for `mode`, if any. A store that cannot be reached counts as "none saved": the
/// caller then asks for `CAJA_TOKEN`.
pub fn load_token(mode: Mode) -> Option<ApiToken> {
    let password = entry(mode).ok()?.get_password();
    match password {
        Ok(token) if !token.trim().is_empty() => Some(ApiToken::new(token)),
        Ok(_) => None,
        Err(keyring::Error::NoEntry) => None,
        Err(error) => {
            tracing::debug!(%error, "secret store unavailable");
            None
        }
    }
}

pub fn save_token(mode: Mode, token: &str) -> Result<(), SecretStoreError> {
    entry(mode)?
        .set_password(token.trim())
        .map_err(|error| SecretStoreError(error.to_string()))
}

pub fn delete_token(mode: Mode) -> Result<(), SecretStoreError> {
    match entry(mode)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(error) => Err(SecretStoreError(error.to_string())),
    }
}
