//! Which entry of the system secret store holds a till's token. The service is `pe.caja.till`; the
//! account names the mode and a digest of the data folder's canonical path
//! (`provider-token-live-3f9a…`), so two tills on one machine (two data folders) never read, overwrite
//! or delete each other's token. Caja before this named only the mode (`provider-token-live`): that
//! machine-wide entry is still looked up, and moved to the first till that finds it.
//!
//! Test builds never touch the real service. With the `test-support` feature (which the workspace's
//! own tests switch on, and release builds never have) the service is `pe.caja.till.test.<namespace>`
//! from `CAJA_TEST_SECRET_NAMESPACE`, and without that variable there is no secret store at all (the
//! owner-only file is used): no test can read, overwrite or delete a person's real token.

use std::path::Path;

use sha2::{Digest, Sha256};

use till::mode::Mode;

/// The service of every entry of Caja's, in a build for tills.
const SERVICE: &str = "pe.caja.till";

/// Test builds only: the throw-away namespace a test's entries live under.
pub const TEST_NAMESPACE_VARIABLE: &str = "CAJA_TEST_SECRET_NAMESPACE";

/// Hex digits of the folder digest in the account name: 64 bits, so two folders of one machine do
/// not collide, and the name stays short enough to read in a keyring manager.
const DIGEST_HEX_DIGITS: usize = 16;

/// This till's own entry for `mode`, and the machine-wide one older versions used.
pub(super) struct TokenEntries {
    pub own: keyring::Entry,
    pub machine_wide: keyring::Entry,
}

/// The entries of `data_dir`'s token for `mode`. An error says the store cannot be used (a test build
/// given no namespace is told so here, as if the machine had no store).
pub(super) fn token_entries(data_dir: &Path, mode: Mode) -> keyring::Result<TokenEntries> {
    let service = service()?;
    Ok(TokenEntries {
        own: keyring::Entry::new(&service, &account(data_dir, mode))?,
        machine_wide: keyring::Entry::new(&service, &format!("provider-token-{mode}"))?,
    })
}

/// The entry of `data_dir`'s key for Caja Central (`central-key-<digest of the folder>`): one per data
/// folder, as the till's link to Central is.
pub(super) fn central_key_entry(data_dir: &Path) -> keyring::Result<keyring::Entry> {
    let account = format!("central-key-{}", folder_digest(data_dir));
    keyring::Entry::new(&service()?, &account)
}

/// The entry of `data_dir`'s Aplazame private key for `mode` (`aplazame-key-<mode>-<digest>`).
pub(super) fn aplazame_key_entry(data_dir: &Path, mode: Mode) -> keyring::Result<keyring::Entry> {
    let account = format!("aplazame-key-{mode}-{}", folder_digest(data_dir));
    keyring::Entry::new(&service()?, &account)
}

/// `provider-token-<mode>-<digest of the folder>`.
pub(super) fn account(data_dir: &Path, mode: Mode) -> String {
    format!("provider-token-{mode}-{}", folder_digest(data_dir))
}

/// The same folder reached by another path (relative, through a symbolic link) gives the same digest.
fn folder_digest(data_dir: &Path) -> String {
    let folder = std::fs::canonicalize(data_dir)
        .or_else(|_| std::path::absolute(data_dir))
        .unwrap_or_else(|_| data_dir.to_owned());
    hex::encode(Sha256::digest(folder.as_os_str().as_encoded_bytes()))[..DIGEST_HEX_DIGITS]
        .to_owned()
}

#[cfg(not(any(test, feature = "test-support")))]
fn service() -> keyring::Result<String> {
    Ok(SERVICE.to_owned())
}

#[cfg(any(test, feature = "test-support"))]
fn service() -> keyring::Result<String> {
    let namespace = std::env::var(TEST_NAMESPACE_VARIABLE).unwrap_or_default();
    let usable = !namespace.is_empty()
        && namespace
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if usable {
        Ok(format!("{SERVICE}.test.{namespace}"))
    } else {
        Err(keyring::Error::NoStorageAccess(
            format!("a test build uses the secret store only under {TEST_NAMESPACE_VARIABLE}")
                .into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_folders_have_two_accounts_and_one_folder_one_whatever_the_path() {
        let root = tempfile::tempdir().unwrap();
        let (first, second) = (root.path().join("caja-1"), root.path().join("caja-2"));
        std::fs::create_dir_all(&first).unwrap();
        std::fs::create_dir_all(&second).unwrap();
        assert_ne!(account(&first, Mode::Live), account(&second, Mode::Live));
        assert_ne!(account(&first, Mode::Live), account(&first, Mode::Mock));
        let linked = root.path().join("link");
        std::os::unix::fs::symlink(&first, &linked).unwrap();
        let dotted = root.path().join("caja-2").join("..").join("caja-1");
        assert_eq!(account(&linked, Mode::Live), account(&first, Mode::Live));
        assert_eq!(account(&dotted, Mode::Live), account(&first, Mode::Live));
        let name = account(&first, Mode::Live);
        assert!(name.starts_with("provider-token-live-"), "{name}");
        assert_eq!(name.len(), "provider-token-live-".len() + DIGEST_HEX_DIGITS);
    }

    #[test]
    fn a_test_build_never_names_the_real_service() {
        // Unit tests cannot set the variable (the process is shared), so they get no store at all.
        match service() {
            Ok(service) => assert!(service.starts_with("pe.caja.till.test."), "{service}"),
            Err(error) => assert!(matches!(error, keyring::Error::NoStorageAccess(_))),
        }
    }
}
