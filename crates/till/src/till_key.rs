//! The till's own secret: 32 random bytes that key what Caja keeps outside its database to prove the
//! database was not edited behind its back (the audit chain's anchored head, the digest of
//! `settings.json`). Created on first use, kept in `secrets/till-key` beside the token's fallback file,
//! 0600 in a 0700 folder, and refused once readable by others.
//!
//! It lives in the owner-only file rather than the desktop's secret store on purpose: the CLI over SSH,
//! a service account and the desktop session must all find the same key, and a secret store that one
//! session has and another lacks would make each write an anchor the other cannot check.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::secret_file::{self, SecretStoreError};

const KEY_FILE: &str = "till-key";
const KEY_BYTES: usize = 32;

/// The till's key; never printed.
#[derive(Clone)]
pub struct TillKey(Vec<u8>);

impl std::fmt::Debug for TillKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TillKey(***)")
    }
}

impl TillKey {
    /// HMAC-SHA256 of `parts` (each followed by a unit separator), as hex.
    pub fn mac(&self, parts: &[&[u8]]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        for part in parts {
            mac.update(part);
            mac.update(&[0x1f]);
        }
        hex::encode(mac.finalize().into_bytes())
    }
}

pub fn till_key_path(data_dir: &Path) -> PathBuf {
    data_dir.join("secrets").join(KEY_FILE)
}

/// The till's key, created the first time it is asked for, and read once per process: every commit
/// anchors with it, and the key file does not change under a running till.
pub fn till_key(data_dir: &Path) -> Result<Arc<TillKey>, SecretStoreError> {
    static KEYS: OnceLock<Mutex<HashMap<PathBuf, Arc<TillKey>>>> = OnceLock::new();
    let mut keys = KEYS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(key) = keys.get(data_dir) {
        return Ok(Arc::clone(key));
    }
    let key = Arc::new(load_or_create(data_dir)?);
    keys.insert(data_dir.to_owned(), Arc::clone(&key));
    Ok(key)
}

fn load_or_create(data_dir: &Path) -> Result<TillKey, SecretStoreError> {
    let path = till_key_path(data_dir);
    if let Some(text) = secret_file::read(&path)? {
        if let Some(key) = hex::decode(text.trim())
            .ok()
            .filter(|key| key.len() == KEY_BYTES)
        {
            return Ok(TillKey(key));
        }
        return Err(SecretStoreError::File {
            path,
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the till key is not 64 hexadecimal digits",
            ),
        });
    }
    let mut key = vec![0; KEY_BYTES];
    OsRng.fill_bytes(&mut key);
    secret_file::write(&path, &hex::encode(&key))?;
    Ok(TillKey(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_created_once_private_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let first = till_key(dir.path()).unwrap();
        let again = load_or_create(dir.path()).unwrap();
        assert_eq!(first.mac(&[b"x"]), again.mac(&[b"x"]));
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(till_key_path(dir.path()))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let other = tempfile::tempdir().unwrap();
        let elsewhere = till_key(other.path()).unwrap();
        assert_ne!(first.mac(&[b"x"]), elsewhere.mac(&[b"x"]));
        assert!(!format!("{first:?}").contains(&first.mac(&[])[..8]));
    }
}
