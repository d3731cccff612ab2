//! `caja pay` when something other than aCuotaz answers `200` (issue 8, point 1): a captive portal's
//! page or a proxy's plain-text `OK` is never a payment (exit 4, no hand-over, the operation kept open), and a mangled answer after
//! a real billing is confirmed through `info` (exit 0). The sandbox runs in this process over loopback;
//! the `caja` binary is the real one.

use std::path::Path;
use std::process::{Command, Stdio};

use sandbox::{BillingKind, Endpoint, Fault, FaultPlan, FaultRule, RunningSandbox, SandboxConfig};
use serde_json::Value;

const CAJA: &str = env!("CARGO_BIN_EXE_caja");
const DOCS_PAIR: [&str; 4] = ["--dni", "14159265", "--funding-code", "1234567"];
/// `caja pay`'s flags for the documented pair, paid in cash.
const PAY: [&str; 7] = [
    "pay",
    "--dni",
    "14159265",
    "--funding-code",
    "1234567",
    "--tender",
    "efectivo",
];

/// Payments need an open shift: opens one with a float of S/ 250.00.
fn open_shift(data_dir: &Path, provider: &RunningSandbox) {
    let (code, opened) = caja_json(
        data_dir,
        provider,
        &["shift", "open", "--count", "100=2,10=5"],
    );
    assert_eq!(code, 0, "{opened}");
}

fn caja_json(data_dir: &Path, provider: &RunningSandbox, args: &[&str]) -> (i32, Value) {
    let output = Command::new(CAJA)
        .arg("--json")
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", data_dir)
        .env("CAJA_DATA_DIR", data_dir)
        .env("CAJA_MODE", "sandbox")
        .env("CAJA_API_URL", provider.url())
        .env("CAJA_HTTP_TIMEOUT", "5")
        .stdin(Stdio::null())
        .output()
        .expect("caja runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|error| panic!("one JSON object expected ({error}): {stdout}"));
    (output.status.code().unwrap(), value)
}

fn sandbox_with(runtime: &tokio::runtime::Runtime, fault: Fault) -> RunningSandbox {
    let plan = FaultPlan::new(vec![FaultRule::always(
        Some(Endpoint::PaidAndBilled),
        fault,
    )]);
    runtime
        .block_on(sandbox::start(SandboxConfig {
            faults: plan,
            ..SandboxConfig::default()
        }))
        .unwrap()
}

fn billings(provider: &RunningSandbox) -> usize {
    provider
        .state()
        .billing_events()
        .iter()
        .filter(|event| event.kind == BillingKind::Billed)
        .count()
}

#[test]
fn a_portal_page_is_exit_4_and_never_a_hand_over() {
    not_the_providers_answer_is_exit_4(Fault::PortalPage);
}

#[test]
fn a_plain_text_ok_is_exit_4_and_never_a_hand_over() {
    not_the_providers_answer_is_exit_4(Fault::PlainTextOk);
}

fn not_the_providers_answer_is_exit_4(fault: Fault) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let provider = sandbox_with(&runtime, fault);
    let dir = tempfile::tempdir().unwrap();
    open_shift(dir.path(), &provider);

    let (code, pay) = caja_json(dir.path(), &provider, &PAY);
    assert_eq!(code, 4, "{pay}");
    assert_eq!(pay["ok"], false);
    assert_eq!(pay["error"]["code"], "outcome_unknown");
    let message = pay["error"]["message"].as_str().unwrap();
    assert!(message.contains("NO entregue"), "{message}");
    assert_eq!(billings(&provider), 0);

    let (code, check) = caja_json(
        dir.path(),
        &provider,
        &[&["check"][..], &DOCS_PAIR].concat(),
    );
    assert_eq!(code, 0, "{check}");
    assert_eq!(check["handover_allowed"], false);

    let (_, pending) = caja_json(dir.path(), &provider, &["history", "--pending"]);
    assert!(
        pending.to_string().contains("1234567"),
        "the payment waits in the outbox: {pending}"
    );
}

#[test]
fn a_mangled_answer_after_a_real_billing_is_confirmed_through_info() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let provider = sandbox_with(&runtime, Fault::TruncatedJson);
    let dir = tempfile::tempdir().unwrap();
    open_shift(dir.path(), &provider);

    let (code, pay) = caja_json(dir.path(), &provider, &PAY);
    assert_eq!(code, 0, "{pay}");
    assert_eq!(pay["state"], "confirmed");
    assert_eq!(pay["handover_allowed"], true);
    assert_eq!(billings(&provider), 1, "the sandbox really billed, once");
}
