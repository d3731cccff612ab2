//! The till's log files, what IT reads after the fact: `<data folder>/logs/caja.log`, moved aside to
//! `caja.log.1` (and the older ones one number up, the oldest dropped) when it passes its size, and
//! files older than the age limit removed whenever a file is opened or moved. So the folder never
//! holds more than `max_files` files of about `max_bytes` each, nor any older than `max_age`. Every
//! line is masked on its way to the file ([`crate::redact::Secrets::mask`]): the token known to the
//! process and anything written as a bearer credential never reach the disk. Both fronts log here at
//! `info` (the operations with their ids) and to stderr at `warn` unless `CAJA_LOG` says otherwise.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use crate::redact::Secrets;

/// The folder, inside the data folder.
pub const LOG_FOLDER: &str = "logs";
/// The file being written; the older ones are `caja.log.1`, `caja.log.2`, …
pub const LOG_FILE: &str = "caja.log";

/// How far the log files may grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub max_bytes: u64,
    /// The current file included.
    pub max_files: usize,
    pub max_age: Duration,
}

impl Default for Bounds {
    /// 5 files of 5 MB, 30 days: a month of a busy till's operations, 25 MB at most.
    fn default() -> Self {
        Bounds {
            max_bytes: 5 * 1024 * 1024,
            max_files: 5,
            max_age: Duration::from_secs(30 * 24 * 3600),
        }
    }
}

/// The log folder of a data folder.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join(LOG_FOLDER)
}

/// The log files present, newest first.
pub fn files(data_dir: &Path) -> Vec<PathBuf> {
    let folder = folder(data_dir);
    let mut found: Vec<(usize, PathBuf)> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            generation(&name).map(|number| (number, entry.path()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, path)| path).collect()
}

/// 0 for `caja.log`, n for `caja.log.n`, None for anything else.
fn generation(name: &str) -> Option<usize> {
    if name == LOG_FILE {
        return Some(0);
    }
    name.strip_prefix(LOG_FILE)?.strip_prefix('.')?.parse().ok()
}

struct Open {
    folder: PathBuf,
    file: File,
    written: u64,
}

/// A size- and age-bounded log file that masks every line; a [`MakeWriter`] for `tracing`.
#[derive(Clone)]
pub struct RotatingFile {
    open: Arc<Mutex<Open>>,
    bounds: Bounds,
    secrets: Arc<Secrets>,
}

impl RotatingFile {
    pub fn open(
        data_dir: &Path,
        bounds: Bounds,
        secrets: Secrets,
    ) -> std::io::Result<RotatingFile> {
        let folder = folder(data_dir);
        std::fs::create_dir_all(&folder)?;
        forget_old(&folder, bounds);
        let file = append_to(&folder.join(LOG_FILE))?;
        let written = file.metadata()?.len();
        Ok(RotatingFile {
            open: Arc::new(Mutex::new(Open {
                folder,
                file,
                written,
            })),
            bounds,
            secrets: Arc::new(secrets),
        })
    }

    /// Appends one record (masked), moving the files aside first when it would pass the size.
    pub fn write_record(&self, record: &[u8]) -> std::io::Result<()> {
        let text = self.secrets.mask(&String::from_utf8_lossy(record));
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if open.written > 0 && open.written + text.len() as u64 > self.bounds.max_bytes {
            self.rotate(&mut open)?;
        }
        open.file.write_all(text.as_bytes())?;
        open.written += text.len() as u64;
        Ok(())
    }

    fn rotate(&self, open: &mut Open) -> std::io::Result<()> {
        let name = |number: usize| open.folder.join(format!("{LOG_FILE}.{number}"));
        let last = self.bounds.max_files.saturating_sub(1);
        if last == 0 {
            open.file.set_len(0)?;
            open.written = 0;
            return Ok(());
        }
        let _ = std::fs::remove_file(name(last));
        for number in (1..last).rev() {
            let _ = std::fs::rename(name(number), name(number + 1));
        }
        std::fs::rename(open.folder.join(LOG_FILE), name(1))?;
        open.file = append_to(&open.folder.join(LOG_FILE))?;
        open.written = 0;
        forget_old(&open.folder, self.bounds);
        Ok(())
    }
}

fn append_to(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().create(true).append(true).open(path)
}

/// Removes the moved-aside files older than the age limit, and any numbered past the count.
fn forget_old(folder: &Path, bounds: Bounds) {
    let now = SystemTime::now();
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(number) = generation(&name).filter(|number| *number > 0) else {
            continue;
        };
        let age = entry
            .metadata()
            .and_then(|meta| meta.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .unwrap_or_default();
        if age > bounds.max_age || number >= bounds.max_files {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// One event's bytes, kept until the event is complete so that a line is masked whole.
pub struct Record<'a> {
    file: &'a RotatingFile,
    bytes: Vec<u8>,
}

impl Write for Record<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Record<'_> {
    fn drop(&mut self) {
        if !self.bytes.is_empty() {
            // A log that cannot be written must not stop the till.
            let _ = self.file.write_record(&self.bytes);
        }
    }
}

impl<'a> MakeWriter<'a> for RotatingFile {
    type Writer = Record<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        Record {
            file: self,
            bytes: Vec::new(),
        }
    }
}

/// Starts logging for a front: to stderr (`CAJA_LOG`, else `warn`) and, when the data folder can
/// hold it, to the log files at `info` (or `CAJA_LOG` when it asks for `debug` or `trace`). `secrets` are the
/// values the process knows it must never write (the token of `CAJA_TOKEN`).
pub fn init(data_dir: Option<&Path>, secrets: Secrets) {
    let stderr_filter =
        EnvFilter::try_from_env("CAJA_LOG").unwrap_or_else(|_| EnvFilter::new("warn"));
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_filter(stderr_filter);
    let file = data_dir
        .and_then(|dir| RotatingFile::open(dir, Bounds::default(), secrets).ok())
        .map(|file| {
            // More than `info` when CAJA_LOG asks for it; never less.
            let asked = std::env::var("CAJA_LOG").unwrap_or_default();
            let filter = match asked.contains("debug") || asked.contains("trace") {
                true => EnvFilter::new(asked),
                false => EnvFilter::new("info"),
            };
            tracing_subscriber::fmt::layer()
                .with_writer(file)
                .with_ansi(false)
                .with_filter(filter)
        });
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_stay_within_their_count_and_size_and_lines_are_masked() {
        let dir = tempfile::tempdir().unwrap();
        let bounds = Bounds {
            max_bytes: 2_000,
            max_files: 3,
            max_age: Duration::from_secs(3600),
        };
        let secrets = Secrets::new(["tok-secret-42".to_owned()]);
        let file = RotatingFile::open(dir.path(), bounds, secrets).unwrap();
        for line in 0..1_000 {
            let record = format!("line {line} with tok-secret-42 and Bearer tok-secret-42\n");
            file.write_record(record.as_bytes()).unwrap();
        }
        let found = files(dir.path());
        assert_eq!(found.len(), 3, "{found:?}");
        for path in &found {
            let text = std::fs::read_to_string(path).unwrap();
            assert!(text.len() as u64 <= bounds.max_bytes, "{path:?}");
            assert!(!text.contains("tok-secret"), "{path:?}");
        }
        let newest = std::fs::read_to_string(&found[0]).unwrap();
        assert!(newest.contains("line 999"));
    }
}
