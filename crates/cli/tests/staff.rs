//! People, approvals and the audit record from the terminal, as IT scripts them: PINs only from the
//! environment (`CAJA_PIN`, `CAJA_APPROVER_PIN`, `CAJA_NEW_PIN`), bad PINs and missing approvals exit 2
//! with nothing sent, and `caja audit verify` exits 1 naming a row edited behind Caja's back.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

const CAJA: &str = env!("CARGO_BIN_EXE_caja");

/// Runs `caja --json ARGS` as `user` (with `pin`), plus extra environment; returns exit code and JSON.
fn caja(
    dir: &Path,
    who: Option<(&str, &str)>,
    env: &[(&str, &str)],
    args: &[&str],
) -> (i32, Value) {
    let mut command = Command::new(CAJA);
    command
        .arg("--json")
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("CAJA_DATA_DIR", dir)
        .stdin(Stdio::null());
    if let Some((user, pin)) = who {
        command.env("CAJA_USER", user).env("CAJA_PIN", pin);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let value = serde_json::from_str(stdout.trim()).unwrap_or_else(|error| {
        panic!(
            "one JSON object ({error}): {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().unwrap(), value)
}

const ROSA: Option<(&str, &str)> = Some(("Rosa Quispe", "2468"));
const LUIS: Option<(&str, &str)> = Some(("Luis Mamani", "1357"));
const PAIR: [&str; 4] = ["--dni", "14159265", "--funding-code", "1234567"];

fn with<'a>(command: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![command];
    args.extend_from_slice(&PAIR);
    if command == "pay" {
        args.extend_from_slice(&["--tender", "efectivo"]);
    }
    args.extend_from_slice(extra);
    args
}

/// Payments need an open shift: `who` opens one with a float of S/ 250.00.
fn open_shift(dir: &Path, who: Option<(&str, &str)>) {
    let (code, answer) = caja(dir, who, &[], &["shift", "open", "--count", "100=2,10=5"]);
    assert_eq!(code, 0, "{answer}");
}

/// A till with Rosa (supervisor) and Luis (cashier).
fn staffed_till() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (code, answer) = caja(
        dir.path(),
        None,
        &[("CAJA_NEW_PIN", "2468")],
        &["users", "add", "--name", "Ana", "--role", "cashier"],
    );
    assert_eq!(code, 2, "the first person must be a supervisor: {answer}");
    let (code, answer) = caja(
        dir.path(),
        None,
        &[("CAJA_NEW_PIN", "2468")],
        &[
            "users",
            "add",
            "--name",
            "Rosa Quispe",
            "--role",
            "supervisor",
        ],
    );
    assert_eq!(code, 0, "{answer}");
    let (code, answer) = caja(
        dir.path(),
        LUIS,
        &[("CAJA_NEW_PIN", "1357")],
        &["users", "add", "--name", "Otro", "--role", "cashier"],
    );
    assert_eq!(code, 2, "only a signed-in supervisor adds people: {answer}");
    let (code, answer) = caja(
        dir.path(),
        ROSA,
        &[("CAJA_NEW_PIN", "1357")],
        &["users", "add", "--name", "Luis Mamani", "--role", "cashier"],
    );
    assert_eq!(code, 0, "{answer}");
    dir
}

#[test]
fn a_cashier_pays_and_undoes_only_with_a_supervisors_approval() {
    let dir = staffed_till();
    let (code, answer) = caja(dir.path(), None, &[], &with("pay", &[]));
    assert_eq!(code, 2, "nobody signed in: {answer}");
    assert_eq!(answer["error"]["code"], "sign_in_required");

    open_shift(dir.path(), LUIS);
    let (code, answer) = caja(dir.path(), LUIS, &[], &with("pay", &[]));
    assert_eq!(code, 0, "{answer}");
    let (code, answer) = caja(dir.path(), LUIS, &[], &with("undo", &[]));
    assert_eq!(code, 2, "{answer}");
    assert_eq!(answer["error"]["code"], "approval_required");
    let (code, answer) = caja(
        dir.path(),
        LUIS,
        &[
            ("CAJA_APPROVER", "Rosa Quispe"),
            ("CAJA_APPROVER_PIN", "0000"),
        ],
        &with("undo", &["--reason", "Cambio de color"]),
    );
    assert_eq!(code, 2, "{answer}");
    assert_eq!(answer["error"]["code"], "wrong_pin");
    let (code, answer) = caja(
        dir.path(),
        LUIS,
        &[
            ("CAJA_APPROVER", "Rosa Quispe"),
            ("CAJA_APPROVER_PIN", "2468"),
        ],
        &with("undo", &["--reason", "Cambio de color"]),
    );
    assert_eq!(code, 0, "{answer}");

    let (_, history) = caja(dir.path(), LUIS, &[], &["history"]);
    let undo = &history["entries"][0];
    assert_eq!(undo["kind"], "undo_billing");
    assert_eq!(undo["operator"], "Luis Mamani");
    assert_eq!(undo["approver"], "Rosa Quispe");
    assert_eq!(undo["approval_reason"], "Cambio de color");
    assert_eq!(history["entries"][1]["operator"], "Luis Mamani");
}

#[test]
fn five_wrong_pins_lock_the_person_out() {
    let dir = staffed_till();
    for _ in 0..4 {
        let (code, answer) = caja(dir.path(), Some(("Luis Mamani", "9999")), &[], &["history"]);
        assert_eq!(
            (code, answer["error"]["code"].as_str()),
            (2, Some("wrong_pin"))
        );
    }
    let (_, answer) = caja(dir.path(), Some(("Luis Mamani", "9999")), &[], &["history"]);
    assert_eq!(answer["error"]["code"], "person_locked");
    let (_, answer) = caja(dir.path(), LUIS, &[], &["history"]);
    assert_eq!(
        answer["error"]["code"], "person_locked",
        "even the right PIN waits"
    );
    let (_, people) = caja(dir.path(), ROSA, &[], &["users", "list"]);
    let luis = people["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|person| person["name"] == "Luis Mamani")
        .unwrap();
    assert!(!luis["locked_until"].is_null(), "{people}");
    let listed = people.to_string();
    assert!(
        !listed.contains("1357") && !listed.contains("argon2"),
        "{listed}"
    );
}

#[test]
fn changing_the_mode_needs_a_supervisor_and_is_audited() {
    let dir = staffed_till();
    let (code, answer) = caja(
        dir.path(),
        LUIS,
        &[],
        &["settings", "set", "--set-mode", "mock"],
    );
    assert_eq!(code, 2, "{answer}");
    assert_eq!(answer["error"]["code"], "approval_required");
    let (code, answer) = caja(
        dir.path(),
        ROSA,
        &[],
        &[
            "settings",
            "set",
            "--set-mode",
            "mock",
            "--reason",
            "Pruebas del proveedor",
        ],
    );
    assert_eq!(code, 0, "{answer}");
    assert_eq!(answer["settings"]["mode"], "mock");
    let connection = rusqlite::Connection::open(dir.path().join("caja.sqlite3")).unwrap();
    let sealed: String = connection
        .query_row(
            "SELECT content FROM audit_log WHERE subject = 'settings'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(
        sealed.contains("sandbox")
            && sealed.contains("mock")
            && sealed.contains("Pruebas del proveedor"),
        "{sealed}"
    );
}

#[test]
fn the_stores_country_changes_with_a_supervisor_and_is_shown() {
    let dir = staffed_till();
    let (code, answer) = caja(
        dir.path(),
        LUIS,
        &[],
        &["settings", "set", "--country", "FR"],
    );
    assert_eq!(code, 2, "{answer}");
    assert_eq!(answer["error"]["field"], "country");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("PE (Perú) o ES (España)"),
        "{answer}"
    );
    let (code, answer) = caja(
        dir.path(),
        LUIS,
        &[],
        &["settings", "set", "--country", "ES"],
    );
    assert_eq!(code, 2, "{answer}");
    assert_eq!(answer["error"]["code"], "approval_required");
    let (code, answer) = caja(
        dir.path(),
        ROSA,
        &[],
        &[
            "settings",
            "set",
            "--country",
            "es",
            "--reason",
            "Tienda de Madrid",
        ],
    );
    assert_eq!(code, 0, "{answer}");
    assert_eq!(answer["settings"]["country"], "ES");
    let output = Command::new(CAJA)
        .args(["settings", "show"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", dir.path())
        .env("CAJA_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        shown.contains("País: España (EUR, Europe/Madrid)"),
        "{shown}"
    );
}

#[test]
fn audit_verify_names_an_edited_row_and_export_writes_the_day() {
    let dir = staffed_till();
    caja(dir.path(), LUIS, &[], &with("check", &[]));
    open_shift(dir.path(), LUIS);
    let (code, answer) = caja(dir.path(), LUIS, &[], &with("pay", &[]));
    assert_eq!(code, 0, "{answer}");
    let (code, answer) = caja(dir.path(), None, &[], &["audit", "verify"]);
    assert_eq!(code, 0, "{answer}");
    assert_eq!(answer["audit"]["intact"], true);

    let csv = dir.path().join("dia.csv");
    let today = till::clock::lima_today().to_string();
    let (code, answer) = caja(
        dir.path(),
        None,
        &[],
        &[
            "audit",
            "export",
            "--day",
            &today,
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{answer}");
    assert_eq!(answer["rows"], 2);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("Luis Mamani") && text.contains("579.98"),
        "{text}"
    );

    let connection = rusqlite::Connection::open(dir.path().join("caja.sqlite3")).unwrap();
    connection
        .execute(
            "UPDATE journal SET downpayment_centimos = 100 WHERE id = 2",
            [],
        )
        .unwrap();
    drop(connection);
    let (code, answer) = caja(dir.path(), None, &[], &["audit", "verify"]);
    assert_eq!(code, 1, "{answer}");
    assert_eq!(answer["error"]["code"], "audit_tampered");
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("n.° 2") && message.contains("downpayment_centimos"),
        "{message}"
    );
}
