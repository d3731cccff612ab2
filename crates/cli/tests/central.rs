//! `caja central` from the built binary: a till not enrolled says so (exit 2), and enrollment against a
//! real Caja Central (on a PostgreSQL cluster of the test's own) saves the link, after which
//! `status --json` shows it and never the key, `push` sends the record Central then holds, and a used
//! code is refused with Central's code.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const CAJA: &str = env!("CARGO_BIN_EXE_caja");

fn caja(data_dir: &Path, args: &[&str]) -> (i32, Value, String) {
    caja_with(data_dir, &[], args)
}

fn caja_with(data_dir: &Path, env: &[(&str, &str)], args: &[&str]) -> (i32, Value, String) {
    let output = Command::new(CAJA)
        .args(["--json", "--mode", "sandbox", "--lang", "es"])
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", data_dir)
        .env("CAJA_DATA_DIR", data_dir)
        .envs(env.iter().copied())
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
    let cluster = central::pg_cluster::Cluster::temporary().unwrap();
    let database = cluster.create_database("cli_enroll").await.unwrap();
    let stores = vec![central::StoreConfig::new("T01", "Tienda Miraflores")];
    let config = central::Config::for_database(&database, stores);
    let central = central::Server::on_loopback(config).await.unwrap();
    let issued = central::auth::enroll::issue_code(&central.state.pool, "T01", "C1", "test")
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_owned();
    let (url, one_time) = (central.base_url(), issued.clone());
    let (code, value, _) = tokio::task::spawn_blocking(move || {
        caja(&path, &["central", "enroll", "--url", &url, &one_time])
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
    // Something in the record to push: the first supervisor.
    let path = dir.path().to_owned();
    let (code, value, _) = tokio::task::spawn_blocking(move || {
        let add = ["users", "add", "--name", "Rosa", "--role", "supervisor"];
        caja_with(&path, &[("CAJA_NEW_PIN", "2468")], &add)
    })
    .await
    .unwrap();
    assert_eq!(code, 0, "{value}");
    let path = dir.path().to_owned();
    let (code, value, _) = tokio::task::spawn_blocking(move || caja(&path, &["central", "push"]))
        .await
        .unwrap();
    assert_eq!(code, 0, "{value}");
    let pg = central.state.pool.get().await.unwrap();
    let row = pg
        .query_one(
            "SELECT count(*), (SELECT high_water FROM till WHERE till_code = 'C1') FROM audit_entry",
            &[],
        )
        .await
        .unwrap();
    let (held, high_water): (i64, i64) = (row.get(0), row.get(1));
    assert!(
        held > 0 && held == high_water,
        "{held} {high_water} {value}"
    );
    let database = std::fs::read(dir.path().join("caja.sqlite3")).unwrap();
    let key = key.trim().as_bytes();
    assert!(!database.windows(key.len()).any(|window| window == key));
    // A used code is refused with Central's code, exit 3.
    let path = dir.path().to_owned();
    let url = central.base_url();
    let used = issued.clone();
    let (code, value, _) = tokio::task::spawn_blocking(move || {
        caja(&path, &["central", "enroll", "--url", &url, &used])
    })
    .await
    .unwrap();
    assert_eq!(code, 3, "{value}");
    assert_eq!(value["error"]["code"], "central_refused");
}
