//! `caja doctor` through the built binary: all green on a healthy sandbox till (aPagos' check among
//! them), the provider check failing by name on a dead port, the clock check failing against a server
//! whose `Date` is ten minutes off, `--json` an array, and `--bundle` holding neither the token nor a customer's DNI
//! after a till has sold to that DNI with that token (the logs written by the same commands hold no
//! token either). That the bundle masks what a log line did carry is `desk/tests/support_bundle.rs`.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use sandbox::SandboxConfig;

const CAJA: &str = env!("CARGO_BIN_EXE_caja");
const SECRET: &str = "tok-5e1f-doctor-secret-never-bundle";
const DNI: &str = "14159265";

fn caja(data: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(CAJA);
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", data.parent().unwrap())
        .env("CAJA_DATA_DIR", data)
        .env("CAJA_TEST_SECRET_NAMESPACE", "caja-doctor-tests")
        .stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn checks(output: &Output) -> Vec<serde_json::Value> {
    let text = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{error}: {text}"))
}

fn status_of<'a>(checks: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    checks
        .iter()
        .find(|check| check["check"] == name)
        .unwrap_or_else(|| panic!("no {name} in {checks:?}"))
}

#[test]
fn a_healthy_sandbox_till_is_all_green_and_json_is_an_array() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output = caja(&data, &[], &["doctor", "--json"]);
    let checks = checks(&output);
    assert_eq!(checks.len(), 11, "{checks:?}");
    assert_eq!(
        status_of(&checks, "transfers")["title"],
        "Transferencias (aPagos)"
    );
    for check in &checks {
        assert_eq!(check["status"], "ok", "{check}");
        for field in ["check", "status", "detail", "fix"] {
            assert!(check.get(field).is_some(), "{field} missing in {check}");
        }
    }
    assert_eq!(output.status.code(), Some(0));
    let text = caja(&data, &[], &["doctor"]);
    let printed = String::from_utf8_lossy(&text.stdout);
    assert!(printed.contains("✔ Proveedor"), "{printed}");
    assert_eq!(text.status.code(), Some(0));
}

#[test]
fn a_dead_provider_port_fails_the_provider_check_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Port 1: nothing listens there, and no test server can take it (they bind free high ports).
    let port = 1;
    let url = format!("http://127.0.0.1:{port}");
    let env = [("CAJA_API_URL", url.as_str())];
    let output = caja(&data, &env, &["doctor", "--json"]);
    assert_eq!(output.status.code(), Some(2));
    let checks = checks(&output);
    let provider = status_of(&checks, "provider");
    assert_eq!(provider["status"], "fail", "{provider}");
    assert!(
        provider["fix"].as_str().unwrap().contains("--set-api-url"),
        "{provider}"
    );
    let text = caja(&data, &env, &["doctor", "--lang", "en"]);
    let printed = String::from_utf8_lossy(&text.stdout);
    assert!(printed.contains("✘ Provider: aCuotaz"), "{printed}");
    assert_eq!(text.status.code(), Some(2));
}

#[test]
fn a_server_ten_minutes_off_fails_the_clock_with_the_fix() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let off = || {
        let then = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(10);
        then.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string()
    };
    let app = axum::Router::new()
        .fallback(move || async move { ([(axum::http::header::DATE, off())], "not the provider") });
    runtime.spawn(async move { axum::serve(listener, app).await.unwrap() });
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output = caja(
        &data,
        &[("CAJA_API_URL", url.as_str())],
        &["doctor", "--json"],
    );
    let checks = checks(&output);
    let clock = status_of(&checks, "clock");
    assert_eq!(clock["status"], "fail", "{clock}");
    assert!(
        clock["detail"].as_str().unwrap().contains("10 min"),
        "{clock}"
    );
    assert!(
        clock["fix"]
            .as_str()
            .unwrap()
            .contains("timedatectl set-ntp true"),
        "{clock}"
    );
    assert_eq!(status_of(&checks, "provider")["status"], "fail");
    assert_eq!(output.status.code(), Some(2));
}

fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[test]
fn the_bundle_holds_no_token_and_no_dni() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let provider = runtime
        .block_on(sandbox::start(SandboxConfig {
            token: SECRET.to_owned(),
            ..SandboxConfig::default()
        }))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let env = [
        ("CAJA_API_URL", provider.url()),
        ("CAJA_TOKEN", SECRET),
        ("CAJA_LOG", "trace"),
        ("CAJA_USER", "Rosa Quispe"),
        ("CAJA_PIN", "2468"),
        ("CAJA_NEW_PIN", "2468"),
    ];
    let steps: [&[&str]; 4] = [
        &[
            "users",
            "add",
            "--name",
            "Rosa Quispe",
            "--role",
            "supervisor",
        ],
        &["shift", "open", "--count", "100=2,10=5"],
        &["check", "--dni", DNI, "--funding-code", "1234567"],
        &[
            "pay",
            "--dni",
            DNI,
            "--funding-code",
            "1234567",
            "--tender",
            "efectivo",
            "--received",
            "600",
        ],
    ];
    for args in steps {
        let output = caja(&data, &env, args);
        assert!(output.status.success(), "caja {args:?}: {output:?}");
    }
    let logs: Vec<_> = std::fs::read_dir(data.join("logs"))
        .unwrap()
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
        .collect();
    assert!(!logs.is_empty(), "the commands logged nothing");
    assert!(
        !logs.iter().any(|log| holds(log, SECRET)),
        "the token reached a log file"
    );

    let bundle = dir.path().join("soporte.tar.gz");
    let output = caja(
        &data,
        &env,
        &["doctor", "--bundle", bundle.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(&bundle).unwrap(),
    ));
    let mut names = Vec::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().display().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        assert!(!holds(&bytes, SECRET), "the token is in {name}");
        assert!(!holds(&bytes, DNI), "the DNI is in {name}");
        names.push(name);
    }
    for expected in ["report.json", "report.txt", "version.txt", "logs/caja.log"] {
        assert!(
            names.iter().any(|name| name == expected),
            "{expected} not in {names:?}"
        );
    }
    runtime.block_on(provider.shutdown());
}
