//! The support bundle against what really reaches the log files: log lines carrying the till's
//! stored token (unknown to the log writer, so it reaches the file) and customers' DNIs, written
//! through `desk::logs` as the fronts write them; then the bundle is made,
//! unpacked, and every file searched for the token and the DNIs.

use std::io::Read;

use desk::doctor::bundle;
use desk::redact::Secrets;
use till::Mode;

const SECRET: &str = "tok-91c3-bundle-secret-never-ship";
const DNIS: [&str; 2] = ["45678912", "14159265"];

#[test]
fn the_bundle_masks_the_stored_token_and_the_dnis_the_logs_hold() {
    // Test builds use no secret store without CAJA_TEST_SECRET_NAMESPACE: the owner-only file keeps it.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    desk::secrets::save_token(data, Mode::Live, SECRET).unwrap();
    desk::logs::init(Some(data), Secrets::default());
    for (line, dni) in DNIS.iter().cycle().take(40).enumerate() {
        tracing::info!(
            line,
            dni,
            token = SECRET,
            "Authorization: Bearer {SECRET} for {dni}"
        );
    }
    let logs: Vec<String> = desk::logs::files(data)
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    assert!(
        logs.iter().any(|log| log.contains(DNIS[0])),
        "the DNI was logged"
    );
    assert!(
        logs.iter().any(|log| log.contains(SECRET)),
        "the token reached the file"
    );

    let path = data.join("soporte.tar.gz");
    let input = bundle::BundleInput {
        data_dir: data,
        report_json: format!("[{{\"detail\": \"{}\"}}]", DNIS[1]),
        report_text: format!("customer {}", DNIS[0]),
        version: "caja test".into(),
        secrets: bundle::known_secrets(data, None),
    };
    let names = bundle::write(&path, &input).unwrap();
    assert!(
        names.iter().any(|name| name.starts_with("logs/")),
        "{names:?}"
    );
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(&path).unwrap(),
    ));
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().display().to_string();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        assert!(!text.contains(SECRET), "the token is in {name}");
        for dni in DNIS {
            assert!(!text.contains(dni), "{dni} is in {name}");
        }
    }
}
