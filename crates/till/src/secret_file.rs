//! Files only their owner may read, in the data directory's `secrets/` folder: the till's own key, and
//! the provider token's fallback for a till without a secret store (the desk names that one). The folder
//! is the folder 0700 and the file 0600 from the moment they exist (never
//! created wider, then narrowed), written whole to a temporary file and renamed over the old one so a
//! crash leaves the old token or the new, never half of one. A file someone made readable by others is
//! not read: the token in it may have been copied, and the till says how to fix it.

use std::fs::{DirBuilder, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::mode::Mode;

/// Why a secret could not be saved, read or removed.
#[derive(Debug, thiserror::Error)]
pub enum SecretStoreError {
    /// The secret store is there but refused (it was not merely unavailable).
    #[error("the system secret store failed: {0}")]
    Store(String),
    /// The fallback file may be read or changed by others, so it is not read.
    #[error(
        "{} has permissions {mode:04o}, wider than 0600: run `chmod 600 {}`",
        path.display(),
        path.display()
    )]
    FileTooOpen { path: PathBuf, mode: u32 },
    #[error("cannot use {}: {source}", path.display())]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl SecretStoreError {
    pub fn code(&self) -> &'static str {
        match self {
            SecretStoreError::Store(_) => "secret_store",
            SecretStoreError::FileTooOpen { .. } => "token_file_too_open",
            SecretStoreError::File { .. } => "io",
        }
    }
}

const FOLDER: &str = "secrets";
const FOLDER_MODE: u32 = 0o700;
const FILE_MODE: u32 = 0o600;

/// The provider token's fallback file for `mode`.
pub fn token_path(data_dir: &Path, mode: Mode) -> PathBuf {
    data_dir.join(FOLDER).join(format!("provider-token-{mode}"))
}

/// The fallback file of the store's Aplazame private key for `mode`.
pub fn aplazame_key_path(data_dir: &Path, mode: Mode) -> PathBuf {
    data_dir.join(FOLDER).join(format!("aplazame-key-{mode}"))
}

/// The fallback file of the till's key for Caja Central (one per data folder, as its link is).
pub fn central_key_path(data_dir: &Path) -> PathBuf {
    data_dir.join(FOLDER).join("central-key")
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> SecretStoreError + '_ {
    move |source| SecretStoreError::File {
        path: path.to_owned(),
        source,
    }
}

/// Replaces the file's content with `token`, atomically.
pub fn write(path: &Path, token: &str) -> Result<(), SecretStoreError> {
    let folder = path.parent().expect("the token file lives in a folder");
    ensure_private_folder(folder)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("token");
    let temporary = folder.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(FILE_MODE)
            .open(&temporary)?;
        file.write_all(token.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        // The rename is durable only once the folder is.
        std::fs::File::open(folder)?.sync_all()
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(io_error(path))
}

/// Creates the folder 0700, or narrows an existing one to 0700: the folder is Caja's own.
fn ensure_private_folder(folder: &Path) -> Result<(), SecretStoreError> {
    if let Some(data_dir) = folder.parent() {
        std::fs::create_dir_all(data_dir).map_err(io_error(data_dir))?;
    }
    match DirBuilder::new().mode(FOLDER_MODE).create(folder) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == ErrorKind::AlreadyExists => {
            let permissions = std::fs::Permissions::from_mode(FOLDER_MODE);
            std::fs::set_permissions(folder, permissions).map_err(io_error(folder))
        }
        Err(error) => Err(io_error(folder)(error)),
    }
}

/// The token in the file, `None` when there is no file or it is empty. Refuses a file whose permissions
/// are wider than 0600; they are read from the open file, so they are the permissions of what is read.
pub fn read(path: &Path) -> Result<Option<String>, SecretStoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io_error(path)(error)),
    };
    let mode = file
        .metadata()
        .map_err(io_error(path))?
        .permissions()
        .mode()
        & 0o7777;
    if mode & !FILE_MODE != 0 {
        return Err(SecretStoreError::FileTooOpen {
            path: path.to_owned(),
            mode,
        });
    }
    let mut token = String::new();
    file.read_to_string(&mut token).map_err(io_error(path))?;
    let token = token.trim();
    Ok((!token.is_empty()).then(|| token.to_owned()))
}

/// Removes the file; no file is not an error.
pub fn remove(path: &Path) -> Result<(), SecretStoreError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(()),
        Err(error) => Err(io_error(path)(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode_of(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn the_file_is_0600_in_a_0700_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = token_path(dir.path(), Mode::Live);
        write(&file, "tok-live").unwrap();
        assert_eq!(mode_of(&file), 0o600);
        assert_eq!(mode_of(file.parent().unwrap()), 0o700);
        assert_eq!(read(&file).unwrap().as_deref(), Some("tok-live"));
    }

    #[test]
    fn an_existing_open_folder_is_narrowed() {
        let dir = tempfile::tempdir().unwrap();
        let file = token_path(dir.path(), Mode::Mock);
        std::fs::create_dir(file.parent().unwrap()).unwrap();
        std::fs::set_permissions(file.parent().unwrap(), PermissionsExt::from_mode(0o755)).unwrap();
        write(&file, "tok").unwrap();
        assert_eq!(mode_of(file.parent().unwrap()), 0o700);
    }

    #[test]
    fn a_file_readable_by_others_is_refused_with_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let file = token_path(dir.path(), Mode::Live);
        write(&file, "tok").unwrap();
        for wider in [0o644, 0o640, 0o604, 0o700, 0o666] {
            std::fs::set_permissions(&file, PermissionsExt::from_mode(wider)).unwrap();
            let error = read(&file).unwrap_err();
            assert_eq!(error.code(), "token_file_too_open");
            let text = error.to_string();
            assert!(
                text.contains(&format!("chmod 600 {}", file.display())),
                "{text}"
            );
        }
        std::fs::set_permissions(&file, PermissionsExt::from_mode(0o400)).unwrap();
        assert_eq!(read(&file).unwrap().as_deref(), Some("tok"));
    }

    #[test]
    fn overwriting_is_atomic_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = token_path(dir.path(), Mode::Live);
        write(&file, "first").unwrap();
        write(&file, "second").unwrap();
        assert_eq!(read(&file).unwrap().as_deref(), Some("second"));
        let names: Vec<String> = std::fs::read_dir(file.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["provider-token-live"]);
        assert_eq!(mode_of(&file), 0o600);
    }

    #[test]
    fn remove_deletes_and_missing_is_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = token_path(dir.path(), Mode::Sandbox);
        assert_eq!(read(&file).unwrap(), None);
        remove(&file).unwrap();
        write(&file, "tok").unwrap();
        remove(&file).unwrap();
        assert!(!file.exists());
        assert_eq!(read(&file).unwrap(), None);
    }

    #[test]
    fn modes_do_not_share_a_file() {
        let dir = tempfile::tempdir().unwrap();
        write(&token_path(dir.path(), Mode::Live), "live").unwrap();
        write(&token_path(dir.path(), Mode::Mock), "mock").unwrap();
        assert_eq!(
            read(&token_path(dir.path(), Mode::Live))
                .unwrap()
                .as_deref(),
            Some("live")
        );
        assert_eq!(
            read(&token_path(dir.path(), Mode::Mock))
                .unwrap()
                .as_deref(),
            Some("mock")
        );
    }
}
