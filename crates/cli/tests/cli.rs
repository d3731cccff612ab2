//! The `caja` binary as IT and scripts use it: real processes, the embedded sandbox over loopback, a real
//! SQLite file in a temp dir, and the PDF read back with `pdftotext`.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const CAJA: &str = env!("CARGO_BIN_EXE_caja");

fn caja(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(CAJA)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", data_dir)
        .env("CAJA_DATA_DIR", data_dir)
        .stdin(Stdio::null())
        .output()
        .expect("caja runs")
}

fn json(data_dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let output = caja(data_dir, &all);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|error| panic!("one JSON object expected ({error}): {stdout}"));
    (output.status.code().unwrap(), value)
}

/// A loopback address where nothing listens and nothing can start to: port 1 is below the ports any
/// test server binds (they take free high ports), so a port freed by one test and taken by another
/// test's sandbox never answers a request meant to find no provider.
const NOBODY_LISTENS: &str = "http://127.0.0.1:1";

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

const DOCS_PAIR: [&str; 4] = ["--dni", "14159265", "--funding-code", "1234567"];
/// `caja pay`'s flags for the documented pair, paid in cash.
const PAY_CASH: [&str; 6] = [
    "--dni",
    "14159265",
    "--funding-code",
    "1234567",
    "--tender",
    "efectivo",
];

/// Payments need an open shift: opens one with a float of S/ 250.00, as the cashier does first.
fn open_shift(dir: &Path, extra: &[&str]) {
    let mut args = extra.to_vec();
    args.extend_from_slice(&["shift", "open", "--count", "100=2,10=5"]);
    let (code, opened) = json(dir, &args);
    assert_eq!(code, 0, "{opened}");
}

fn with(command: &str, args: &[&str]) -> Vec<String> {
    std::iter::once(command)
        .chain(args.iter().copied())
        .map(str::to_owned)
        .collect()
}

fn run_json(dir: &Path, command: &str, args: &[&str]) -> (i32, Value) {
    let all = with(command, args);
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    json(dir, &refs)
}

/// The package's version is the workspace's, and `--version` says where the changelog is installed.
#[test]
fn version_names_the_workspace_version_and_the_changelog() {
    let dir = tempfile::tempdir().unwrap();
    let out = caja(dir.path(), &["--version"]);
    let text = text(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.starts_with(&format!("caja {}\n", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(text.contains("/usr/share/doc/caja/changelog.gz"), "{text}");
}

#[test]
fn check_pay_undo_across_invocations() {
    let dir = tempfile::tempdir().unwrap();
    let (code, check) = run_json(dir.path(), "check", &DOCS_PAIR);
    assert_eq!(code, 0, "{check}");
    assert_eq!(check["ok"], true);
    assert_eq!(check["amount_to_collect"], "579.98");
    assert_eq!(check["downpayment_status"], "PENDING");
    assert_eq!(check["handover_allowed"], false);

    open_shift(dir.path(), &[]);
    let (code, pay) = run_json(dir.path(), "pay", &PAY_CASH);
    assert_eq!(code, 0, "{pay}");
    assert_eq!(pay["state"], "confirmed");
    assert_eq!(pay["handover_allowed"], true);

    let (_, after) = run_json(dir.path(), "check", &DOCS_PAIR);
    assert_eq!(
        after["handover_allowed"], true,
        "the sandbox keeps its state between runs"
    );
    assert_eq!(after["amount_to_collect"], "0.00");

    let (code, undo) = run_json(dir.path(), "undo", &DOCS_PAIR);
    assert_eq!(code, 0, "{undo}");
    let (code, again) = run_json(dir.path(), "undo", &DOCS_PAIR);
    assert_eq!(code, 3, "a refusal exits 3: {again}");
    assert_eq!(again["error"]["code"], "not_billed_yet");

    let (code, history) = run_json(dir.path(), "history", &[]);
    assert_eq!(code, 0);
    let states: Vec<&str> = history["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        [
            "rejected",
            "confirmed",
            "confirmed",
            "confirmed",
            "confirmed"
        ]
    );
}

#[test]
fn human_output_is_spanish_by_default_and_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["check"];
    args.extend_from_slice(&DOCS_PAIR);
    let spanish = caja(dir.path(), &args);
    assert!(spanish.status.success());
    let out = text(&spanish);
    assert!(out.contains("COBRAR AHORA:       S/ 579.98"), "{out}");
    assert!(
        out.contains("caja pay --dni 14159265 --funding-code 1234567"),
        "next step: {out}"
    );

    let mut english_args = vec!["--lang", "en"];
    english_args.extend_from_slice(&args);
    let english = text(&caja(dir.path(), &english_args));
    assert!(english.contains("COLLECT NOW:     S/ 579.98"), "{english}");
}

#[test]
fn bad_input_exits_2_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (code, bad_dni) = run_json(
        dir.path(),
        "check",
        &["--dni", "1415926", "--funding-code", "1234567"],
    );
    assert_eq!(code, 2);
    assert_eq!(bad_dni["error"]["field"], "dni");
    let (code, bad_code) = run_json(
        dir.path(),
        "pay",
        &[
            "--dni",
            "14159265",
            "--funding-code",
            "12-AB",
            "--tender",
            "efectivo",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(bad_code["error"]["field"], "funding_code");
    let (code, bad_ruc) = run_json(
        dir.path(),
        "check",
        &["--ruc", "10141421357", "--funding-code", "1414213"],
    );
    assert_eq!(code, 2);
    assert!(
        bad_ruc["error"]["message"]
            .as_str()
            .unwrap()
            .contains("dígito verificador")
    );
    let (code, company) = run_json(
        dir.path(),
        "undo",
        &["--ruc", "20601234565", "--funding-code", "5772156"],
    );
    assert_eq!(code, 2);
    assert_eq!(company["error"]["field"], "ruc");
    let (code, day) = run_json(dir.path(), "summary", &["--day", "2026-02-30"]);
    assert_eq!(code, 2);
    assert_eq!(day["error"]["field"], "day");
    let missing_flag = caja(dir.path(), &["check", "--funding-code", "1234567"]);
    assert_eq!(missing_flag.status.code(), Some(2));

    let (_, history) = run_json(dir.path(), "history", &[]);
    assert_eq!(
        history["entries"].as_array().unwrap().len(),
        0,
        "nothing was sent"
    );
}

#[test]
fn refusals_exit_3_and_unknown_outcomes_exit_4() {
    let dir = tempfile::tempdir().unwrap();
    let (code, unknown) = run_json(
        dir.path(),
        "check",
        &["--dni", "14159265", "--funding-code", "7654321"],
    );
    assert_eq!(code, 3);
    assert_eq!(unknown["error"]["code"], "funding_code_not_found");

    open_shift(dir.path(), &[]);
    let url = NOBODY_LISTENS.to_owned();
    let mut args = vec!["--api-url", &url, "pay"];
    args.extend_from_slice(&PAY_CASH);
    let (code, unreachable) = json(dir.path(), &args);
    assert_eq!(code, 4, "{unreachable}");
    assert_eq!(unreachable["error"]["code"], "provider_unreachable");
    let (_, history) = run_json(dir.path(), "history", &[]);
    assert_eq!(history["entries"][0]["state"], "unknown");
    assert_eq!(history["entries"][0]["kind"], "paid_and_billed");
}

#[test]
fn summary_prints_totals_writes_a_pdf_and_falls_back_to_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    open_shift(dir.path(), &[]);
    let (code, pay) = run_json(dir.path(), "pay", &PAY_CASH);
    assert_eq!(code, 0, "{pay}");
    let pdf = dir.path().join("resumen.pdf");
    let (code, summary) = run_json(dir.path(), "summary", &["--pdf", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{summary}");
    assert_eq!(summary["from_cache"], false);
    let orders = summary["order_detail"].as_array().unwrap();
    assert!(
        orders
            .iter()
            .any(|o| o["dni"] == "14159265" && o["payment_origin"] == "external")
    );

    let pdftotext = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    let pdf_text = String::from_utf8(pdftotext.stdout).unwrap();
    let paid_in_store = summary["total_paid_in_store"].as_str().unwrap();
    let formatted = format!("S/ {}", paid_in_store);
    assert!(pdf_text.contains("SANDBOX"), "{pdf_text}");
    assert!(pdf_text.contains("14****65"), "{pdf_text}");
    assert!(!pdf_text.contains("14159265"), "the DNI is masked in print");
    assert!(
        pdf_text.contains(&formatted) || pdf_text.contains(&formatted.replace("S/ 1", "S/ 1,")),
        "{formatted} in {pdf_text}"
    );

    let url = NOBODY_LISTENS.to_owned();
    let (code, cached) = json(dir.path(), &["--api-url", &url, "summary"]);
    assert_eq!(code, 0, "{cached}");
    assert_eq!(cached["from_cache"], true);
    assert_eq!(cached["total_purchases"], summary["total_purchases"]);
    let (code, nothing) = json(
        dir.path(),
        &["--api-url", &url, "summary", "--day", "2020-01-01"],
    );
    assert_eq!(code, 4, "{nothing}");
}

#[test]
fn live_mode_needs_https_and_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["--mode", "live", "check"];
    args.extend_from_slice(&DOCS_PAIR);
    let (code, missing) = json(dir.path(), &args);
    assert_eq!(code, 2);
    assert_eq!(missing["error"]["code"], "missing_token");
    let mut args = vec![
        "--mode",
        "live",
        "--api-url",
        "http://apurata.example",
        "check",
    ];
    args.extend_from_slice(&DOCS_PAIR);
    let (code, http) = json(dir.path(), &args);
    assert_eq!(code, 2);
    assert_eq!(http["error"]["field"], "api_url");
}

#[test]
fn the_token_never_reaches_output_or_disk() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "tok-3b9f1e0c-never-print-me";
    let sandbox = serve_sandbox(dir.path());
    let run = |args: &[&str]| {
        Command::new(CAJA)
            .args(args)
            .env("CAJA_DATA_DIR", dir.path())
            .env("CAJA_API_URL", &sandbox.url)
            .env("CAJA_TOKEN", secret)
            .env("CAJA_LOG", "trace")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let mut seen = String::new();
    for args in [
        &["shift", "open", "--count", "100=2"][..],
        &["check", "--dni", "14159265", "--funding-code", "1234567"],
        &[
            "pay",
            "--dni",
            "14159265",
            "--funding-code",
            "1234567",
            "--tender",
            "efectivo",
        ],
        &["history"],
        &["token", "status"],
    ] {
        seen += &text(&run(args));
    }
    assert!(
        seen.contains("token_refused") || seen.contains("401"),
        "the sandbox refuses a foreign token: {seen}"
    );
    assert!(!seen.contains(secret), "token printed: {seen}");
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap_or_default();
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "token found on disk"
        );
    }
}

struct Served {
    url: String,
    child: std::process::Child,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `caja sandbox --port 0` in the foreground, as IT would run it; its first line of JSON names the URL.
fn serve_sandbox(dir: &Path) -> Served {
    use std::io::BufRead;
    let mut child = Command::new(CAJA)
        .args(["--json", "sandbox", "--port", "0"])
        .env("CAJA_DATA_DIR", dir)
        .stdout(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let announced: Value = serde_json::from_str(&line).unwrap();
    Served {
        url: announced["url"].as_str().unwrap().to_owned(),
        child,
    }
}

#[test]
fn the_foreground_sandbox_serves_the_documented_api() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = serve_sandbox(dir.path());
    let mut args = vec!["--api-url", &sandbox.url, "check"];
    args.extend_from_slice(&DOCS_PAIR);
    let (code, check) = json(dir.path(), &args);
    assert_eq!(code, 0, "{check}");
    assert_eq!(check["downpayment_amount"], "579.98");
}
