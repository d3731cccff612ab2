//! The support bundle (`caja doctor --bundle FILE`): one `.tar.gz` IT can send to support, with the
//! doctor's report, the settings, the log files, the app's version and the system it runs on. Every
//! file passes through [`Secrets::mask_personal`] on its way in: the secrets this till knows (the
//! provider token, Aplazame's key), anything written as a bearer credential, customers' DNIs, RUCs,
//! NIEs and e-mail addresses never enter it. The database does not go in (it is the customers').

use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::redact::Secrets;

/// What the bundle is made of, besides the data folder's own files.
pub struct BundleInput<'a> {
    pub data_dir: &'a Path,
    /// The doctor's report as `--json` prints it, and as text.
    pub report_json: String,
    pub report_text: String,
    /// `caja 0.1.0`, or the desktop's.
    pub version: String,
    pub secrets: Secrets,
}

/// The secrets this till holds, to mask: `CAJA_TOKEN`'s, the stored provider token of each mode and
/// Aplazame's key. Read on the caller's thread (it may wait on D-Bus).
pub fn known_secrets(data_dir: &Path, from_environment: Option<&str>) -> Secrets {
    let mut values: Vec<String> = from_environment.map(str::to_owned).into_iter().collect();
    values.extend(crate::secrets::texts_to_mask(data_dir));
    Secrets::new(values)
}

/// Writes the bundle to `path`; returns the names of the files in it.
pub fn write(path: &Path, input: &BundleInput<'_>) -> std::io::Result<Vec<String>> {
    let mut files: Vec<(String, String)> = vec![
        ("report.json".to_owned(), input.report_json.clone()),
        ("report.txt".to_owned(), input.report_text.clone()),
        ("version.txt".to_owned(), system_text(&input.version)),
    ];
    let settings = input.data_dir.join(till::settings_seal::SETTINGS_FILE);
    if let Ok(text) = std::fs::read_to_string(&settings) {
        files.push(("settings.json".to_owned(), text));
    }
    for log in crate::logs::files(input.data_dir) {
        if let Ok(bytes) = std::fs::read(&log) {
            let name = file_name(&log);
            files.push((
                format!("logs/{name}"),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    }
    let file = std::fs::File::create(path)?;
    let mut archive = tar::Builder::new(GzEncoder::new(file, Compression::default()));
    let now = jiff::Timestamp::now().as_second().max(0).unsigned_abs();
    let mut names = Vec::new();
    for (name, text) in files {
        let masked = input.secrets.mask_personal(&text);
        let mut header = tar::Header::new_gnu();
        header.set_size(masked.len() as u64);
        header.set_mode(0o600);
        header.set_mtime(now);
        header.set_cksum();
        archive.append_data(&mut header, &name, masked.as_bytes())?;
        names.push(name);
    }
    archive.into_inner()?.finish()?;
    Ok(names)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The version and the system: what support asks first.
fn system_text(version: &str) -> String {
    let os_release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    let pretty = os_release
        .lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map(|name| name.trim_matches('"').to_owned())
        .unwrap_or_else(|| std::env::consts::OS.to_owned());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "version: {version}\nsystem: {pretty}\nkernel: {}\narch: {}\nmade: {}\n",
        kernel.trim(),
        std::env::consts::ARCH,
        jiff::Timestamp::now()
    )
}

/// Where a bundle goes when asked without a path: the data folder, named by the time.
pub fn default_path(data_dir: &Path) -> PathBuf {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S");
    data_dir.join(format!("caja-soporte-{stamp}.tar.gz"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_secret_or_personal_enters_the_bundle() {
        let dir = tempfile::tempdir().unwrap();
        let logs = crate::logs::folder(dir.path());
        std::fs::create_dir_all(&logs).unwrap();
        std::fs::write(logs.join("caja.log"), "paid 45678912 with tok-abcdef-99\n").unwrap();
        std::fs::write(logs.join("caja.log.1"), "Bearer xyz 20123456789\n").unwrap();
        let input = BundleInput {
            data_dir: dir.path(),
            report_json: "[]".into(),
            report_text: "ok".into(),
            version: "caja test".into(),
            secrets: Secrets::new(["tok-abcdef-99".to_owned()]),
        };
        let path = dir.path().join("bundle.tar.gz");
        let names = write(&path, &input).unwrap();
        assert!(names.contains(&"logs/caja.log.1".to_owned()));
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(
            std::fs::File::open(&path).unwrap(),
        ));
        let mut seen = 0;
        for entry in archive.entries().unwrap() {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut entry.unwrap(), &mut text).unwrap();
            for secret in ["tok-abcdef-99", "45678912", "20123456789", "xyz"] {
                assert!(!text.contains(secret), "{secret} in {text}");
            }
            seen += 1;
        }
        assert_eq!(seen, names.len());
    }
}
