//! The token never rests anywhere: a full day at the till (first supervisor, check, pay, undo with an
//! approval, day summary PDF, history, audit verify and export, sync, token status) against a provider
//! that accepts only this token, with every log level on; then the data folder (database, WAL, reports,
//! CSV, every file), everything printed and the text of every PDF are searched for the token's bytes.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use sandbox::SandboxConfig;

const CAJA: &str = env!("CARGO_BIN_EXE_caja");
const SECRET: &str = "tok-7c41e2d9-live-secret-never-print";

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

fn holds_secret(bytes: &[u8]) -> bool {
    bytes
        .windows(SECRET.len())
        .any(|window| window == SECRET.as_bytes())
}

#[test]
fn a_full_day_leaves_the_token_nowhere() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let provider = runtime
        .block_on(sandbox::start(SandboxConfig {
            token: SECRET.to_owned(),
            ..SandboxConfig::default()
        }))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = |args: &[&str]| -> Output {
        Command::new(CAJA)
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", dir.path())
            .env("CAJA_DATA_DIR", &data)
            .env("CAJA_API_URL", provider.url())
            .env("CAJA_TOKEN", SECRET)
            .env("CAJA_LOG", "trace")
            .env("CAJA_USER", "Rosa Quispe")
            .env("CAJA_PIN", "2468")
            .env("CAJA_NEW_PIN", "2468")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let pdf = data.join("reports").join("resumen.pdf");
    let csv = data.join("reports").join("operaciones.csv");
    std::fs::create_dir_all(data.join("reports")).unwrap();
    let today = till::clock::lima_today().to_string();
    let steps: Vec<Vec<&str>> = vec![
        vec![
            "users",
            "add",
            "--name",
            "Rosa Quispe",
            "--role",
            "supervisor",
        ],
        vec!["shift", "open", "--count", "100=2,10=5"],
        vec!["check", "--dni", "14159265", "--funding-code", "1234567"],
        vec![
            "pay",
            "--dni",
            "14159265",
            "--funding-code",
            "1234567",
            "--tender",
            "efectivo",
            "--received",
            "600",
        ],
        vec![
            "undo",
            "--dni",
            "14159265",
            "--funding-code",
            "1234567",
            "--reason",
            "Cambio de color",
        ],
        vec![
            "pay",
            "--dni",
            "14159265",
            "--funding-code",
            "1234567",
            "--tender",
            "tarjeta",
            "--card-last4",
            "4242",
        ],
        vec!["summary", "--pdf", pdf.to_str().unwrap()],
        vec!["history"],
        vec!["audit", "verify"],
        vec![
            "audit",
            "export",
            "--day",
            &today,
            "--out",
            csv.to_str().unwrap(),
        ],
        vec!["sync", "--timeout", "1"],
        vec!["token", "status"],
    ];
    let mut printed = Vec::new();
    for args in &steps {
        let output = run(args);
        assert!(
            output.status.success(),
            "caja {args:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        printed.extend_from_slice(&output.stdout);
        printed.extend_from_slice(&output.stderr);
    }
    let logs = String::from_utf8_lossy(&printed);
    assert!(
        logs.contains("TRACE") || logs.contains("DEBUG"),
        "logs were on"
    );
    assert!(!holds_secret(&printed), "the token was printed or logged");

    assert!(
        provider.state().financing("1234567").unwrap().billed,
        "the flow really ran against the provider"
    );
    let files = files_under(&data);
    assert!(files.iter().any(|f| f.ends_with("caja.sqlite3")));
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        assert!(!holds_secret(&bytes), "the token is in {}", file.display());
    }
    let text = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Resumen del día"), "{text}");
    assert!(!text.contains(SECRET), "the token is printed in the PDF");
    runtime.block_on(provider.shutdown());
}
