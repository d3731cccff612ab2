//! `caja token` where there is no secret store (no D-Bus session, as on a kiosk or a CI machine): the
//! token goes to an owner-only file and stderr says so, `status` says where it is kept, a file others
//! may read is refused with the fix, and `clear` removes it. Nothing prints the token. Live mode needs a
//! supervisor's approval to set or clear it: the till's first supervisor gives it.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const CAJA: &str = env!("CARGO_BIN_EXE_caja");
const SECRET: &str = "tok-7d1c-never-print-me";

/// `caja --json --mode live ARGS` with no session bus in the environment, `stdin` fed to it, signed in
/// as the till's supervisor.
fn caja(data_dir: &Path, args: &[&str], stdin: &str) -> (i32, Value, String) {
    let mut child = Command::new(CAJA)
        .args(["--json", "--mode", "live"])
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", data_dir)
        .env("CAJA_DATA_DIR", data_dir)
        .env("CAJA_USER", "Rosa Quispe")
        .env("CAJA_PIN", "2468")
        .env("CAJA_NEW_PIN", "2468")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("caja runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(stdout).unwrap();
    let stderr = String::from_utf8(stderr).unwrap();
    assert!(
        !stdout.contains(SECRET) && !stderr.contains(SECRET),
        "token printed: {stdout}{stderr}"
    );
    let value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|error| panic!("one JSON object expected ({error}): {stdout}"));
    (status.code().unwrap(), value, stderr)
}

fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn without_a_secret_store_the_token_is_kept_in_an_owner_only_file() {
    let dir = tempfile::tempdir().unwrap();
    let supervisor = [
        "users",
        "add",
        "--name",
        "Rosa Quispe",
        "--role",
        "supervisor",
    ];
    let (code, added, _) = caja(dir.path(), &supervisor, "");
    assert_eq!(code, 0, "{added}");
    let refused = caja(dir.path(), &["token", "set"], &format!("{SECRET}\n"));
    assert_eq!(
        refused.0, 2,
        "a supervisor's approval needs a reason: {}",
        refused.1
    );
    assert_eq!(refused.1["error"]["field"], "reason", "{}", refused.1);
    let (code, saved, stderr) = caja(
        dir.path(),
        &["token", "set", "--reason", "Token de producción"],
        &format!("{SECRET}\n"),
    );
    assert_eq!(code, 0, "{saved} {stderr}");
    // Without a test namespace a test build never uses the secret store, whatever this machine has.
    assert_eq!(saved["kept_in"], "owner_only_file", "{saved}");
    assert!(
        stderr.contains("archivo legible solo por este usuario"),
        "{stderr}"
    );
    let file = dir.path().join("secrets").join("provider-token-live");
    assert_eq!(saved["file"], file.display().to_string());
    assert_eq!(mode_of(&file), 0o600);
    assert_eq!(mode_of(file.parent().unwrap()), 0o700);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), SECRET);

    let (code, status, _) = caja(dir.path(), &["token", "status"], "");
    assert_eq!(code, 0);
    assert_eq!(status["stored"], true);
    assert_eq!(status["kept_in"], "owner_only_file");

    // Opened to others, the file is not used: opening the till says how to fix it, before any request.
    std::fs::set_permissions(&file, PermissionsExt::from_mode(0o644)).unwrap();
    let (code, refused, _) = caja(
        dir.path(),
        &["check", "--dni", "14159265", "--funding-code", "1234567"],
        "",
    );
    assert_eq!(code, 1, "{refused}");
    assert_eq!(refused["error"]["code"], "token_file_too_open");
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("chmod 600 {}", file.display())),
        "{message}"
    );

    let (code, cleared, _) = caja(
        dir.path(),
        &["token", "clear", "--reason", "Token revocado"],
        "",
    );
    assert_eq!(code, 0, "{cleared}");
    assert!(!file.exists());
    let (_, status, _) = caja(dir.path(), &["token", "status"], "");
    assert_eq!(status["stored"], false);
}
