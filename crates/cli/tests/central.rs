//! `caja central` from the built binary: a till not enrolled says so (exit 2), and enrollment against
//! the stand-in written from the wire contract (`sandbox::central`) saves the link, after which
//! `status --json` shows it and never the key, and `push` sends the record.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const CAJA: &str = env!("CARGO_BIN_EXE_caja");

fn caja(data_dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let output = Command::new(CAJA)
        .args(["--json", "--mode", "sandbox", "--lang", "es"])
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", data_dir)
        .env("CAJA_DATA_DIR", data_dir)
        .output()
        .expect("caja runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|error| panic!("one JSON object expected ({error}): {stdout} {stderr}"));
    (output.status.code().unwrap(), value, stdout)
}

#[test]
fn status_of_a_till_not_enrolled_says_how_to_enroll() {
    let dir = tempfile::tempdir().unwrap();
    let (code, value, _) = caja(dir.path(), &["central", "status"]);
    assert_eq!(code, 2, "{value}");
    assert_eq!(value["error"]["code"], "central_not_enrolled");
    let message = value["error"]["message"].as_str().unwrap();
    assert!(message.contains("no está enrolada"), "{message}");
    assert!(message.contains("caja central enroll"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enroll_then_status_and_push_never_show_the_key() {
    let central = sandbox::central::CentralStandIn::start().await.unwrap();
    central.add_code("K7-2Q", "T01", "C1");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_owned();
    let url = central.url().to_owned();
    let (code, value, _) = tokio::task::spawn_blocking(move || {
        caja(&path, &["central", "enroll", "--url", &url, "K7-2Q"])
    })
    .await
    .unwrap();
    assert_eq!(code, 0, "{value}");
    assert_eq!(value["central"]["store"], "T01");
    let key = std::fs::read_to_string(dir.path().join("secrets").join("central-key")).unwrap();
    let path = dir.path().to_owned();
    let (code, value, stdout) =
        tokio::task::spawn_blocking(move || caja(&path, &["central", "status"]))
            .await
            .unwrap();
    assert_eq!(code, 0, "{value}");
    assert!(
        value["central"]["line"]
            .as_str()
            .unwrap()
            .contains("T01/C1")
    );
    assert!(!stdout.contains(key.trim()), "the key is printed");
    let path = dir.path().to_owned();
    let (code, value, _) = tokio::task::spawn_blocking(move || caja(&path, &["central", "push"]))
        .await
        .unwrap();
    assert_eq!(code, 0, "{value}");
    let database = std::fs::read(dir.path().join("caja.sqlite3")).unwrap();
    let key = key.trim().as_bytes();
    assert!(!database.windows(key.len()).any(|window| window == key));
    // A used code is refused with Central's code, exit 3.
    let path = dir.path().to_owned();
    let url = central.url().to_owned();
    let (code, value, _) = tokio::task::spawn_blocking(move || {
        caja(&path, &["central", "enroll", "--url", &url, "K7-2Q"])
    })
    .await
    .unwrap();
    assert_eq!(code, 3, "{value}");
    assert_eq!(value["error"]["code"], "central_refused");
}
