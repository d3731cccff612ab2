//! What the shift tests share: a till (a data folder on a real SQLite file) run through the built
//! `caja` binary against a sandbox served in this process over loopback, with soak financings whose
//! down payments the tests read from the sandbox's state, and the counts that make an exact drawer.

// Each test target that includes this module uses a different part of it.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use sandbox::{FaultPlan, RunningSandbox, SandboxConfig};
use serde_json::Value;

pub const CAJA: &str = env!("CARGO_BIN_EXE_caja");
pub const ROSA: Who = Some(("Rosa Quispe", "2468"));
pub const LUIS: Who = Some(("Luis Mamani", "1357"));

/// Who is signed in (name and PIN), if anyone.
pub type Who = Option<(&'static str, &'static str)>;

/// Soak financings the sandbox seeds: codes `8000000 + i`, DNIs `80000000 + i`.
const FINANCINGS: u32 = 200;

/// A till and its provider.
pub struct TillUnderTest {
    pub dir: tempfile::TempDir,
    /// Dropped before the runtime it serves on (fields drop in order).
    pub provider: RunningSandbox,
    _runtime: tokio::runtime::Runtime,
}

/// One soak financing: its code, its customer and its down payment in céntimos.
#[derive(Debug, Clone)]
pub struct Financing {
    pub code: String,
    pub dni: String,
    pub downpayment: i64,
}

impl TillUnderTest {
    pub fn new() -> TillUnderTest {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let provider = runtime
            .block_on(sandbox::start(SandboxConfig {
                extra_financings: FINANCINGS,
                ..SandboxConfig::default()
            }))
            .unwrap();
        TillUnderTest {
            dir: tempfile::tempdir().unwrap(),
            provider,
            _runtime: runtime,
        }
    }

    /// A till with Rosa Quispe (supervisor) and Luis Mamani (cashier).
    pub fn staffed() -> TillUnderTest {
        let till = TillUnderTest::new();
        let new_pin = |pin| [("CAJA_NEW_PIN", pin)];
        let (code, answer) = till.run(
            None,
            &new_pin("2468"),
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
        let (code, answer) = till.run(
            ROSA,
            &new_pin("1357"),
            &["users", "add", "--name", "Luis Mamani", "--role", "cashier"],
        );
        assert_eq!(code, 0, "{answer}");
        till
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn command(&self, who: Who, env: &[(&str, &str)], args: &[&str]) -> Command {
        let mut command = Command::new(CAJA);
        command
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.path())
            .env("CAJA_DATA_DIR", self.path())
            .env("CAJA_MODE", "sandbox")
            .env("CAJA_API_URL", self.provider.url())
            .env("CAJA_HTTP_TIMEOUT", "5")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some((user, pin)) = who {
            command.env("CAJA_USER", user).env("CAJA_PIN", pin);
        }
        for (name, value) in env {
            command.env(name, value);
        }
        command
    }

    /// `caja --json ARGS`: the exit code and the one JSON object printed.
    pub fn run(&self, who: Who, env: &[(&str, &str)], args: &[&str]) -> (i32, Value) {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let output = self.command(who, env, &all).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let value = serde_json::from_str(stdout.trim()).unwrap_or_else(|error| {
            panic!(
                "one JSON object ({error}) from {args:?}: {stdout}{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
        (output.status.code().unwrap(), value)
    }

    /// `caja --json ARGS` that must succeed.
    pub fn ok(&self, who: Who, args: &[&str]) -> Value {
        let (code, answer) = self.run(who, &[], args);
        assert_eq!(code, 0, "caja {args:?}: {answer}");
        answer
    }

    /// `caja ARGS` as a person reads it: the exit status and everything printed.
    pub fn text(&self, who: Who, args: &[&str]) -> (Output, String) {
        let output = self.command(who, &[], args).output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output, text)
    }

    /// `caja --json ARGS` started and left running.
    pub fn spawn(&self, who: Who, args: &[&str]) -> Child {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        self.command(who, &[], &all).spawn().unwrap()
    }

    /// Soak financing `index`, as the sandbox holds it.
    pub fn financing(&self, index: u32) -> Financing {
        let code = (sandbox::demo::SOAK_CODE_BASE + index).to_string();
        let held = self.provider.state().financing(&code).unwrap();
        Financing {
            code,
            dni: held.dni,
            downpayment: held.downpayment_amount.centimos(),
        }
    }

    /// The soak financings (from `from` on) whose down payment coins can pay exactly (whole tens of
    /// céntimos): a drawer holding them can be counted exactly.
    pub fn countable(&self, from: u32, how_many: usize) -> Vec<Financing> {
        (from..FINANCINGS)
            .map(|index| self.financing(index))
            .filter(|financing| financing.downpayment % 10 == 0)
            .take(how_many)
            .collect()
    }

    /// Checks a financing (as the cashier does before collecting) and pays it with `tender` flags.
    pub fn check_and_pay(&self, who: Who, financing: &Financing, tender: &[&str]) -> Value {
        let pair = ["--dni", &financing.dni, "--funding-code", &financing.code];
        let check = self.ok(who, &[&["check"][..], &pair].concat());
        assert_eq!(check["downpayment_status"], "PENDING", "{check}");
        self.ok(who, &[&["pay"][..], &pair, tender].concat())
    }

    /// Replaces the provider's faults (an empty plan: none).
    pub fn set_faults(&self, plan: FaultPlan) {
        self.provider.state().set_fault_plan(plan);
    }

    /// Opens a shift with the float `count` (a `--count` text).
    pub fn open_shift(&self, who: Who, count: &str) -> Value {
        self.ok(who, &["shift", "open", "--count", count])
    }

    /// The Z numbers filed, oldest first.
    pub fn z_numbers(&self) -> Vec<i64> {
        let list = self.ok(None, &["shift", "z"]);
        let mut numbers: Vec<i64> = list["z_reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|z| z["number"].as_i64().unwrap())
            .collect();
        numbers.reverse();
        numbers
    }

    /// A filed Z report's snapshot, read straight from the database.
    pub fn z_snapshot(&self, number: i64) -> Value {
        let connection = rusqlite::Connection::open(self.path().join("caja.sqlite3")).unwrap();
        let snapshot: String = connection
            .query_row(
                "SELECT snapshot FROM z_report WHERE mode = 'sandbox' AND number = ?1",
                [number],
                |row| row.get(0),
            )
            .unwrap();
        serde_json::from_str(&snapshot).unwrap()
    }
}

/// A `--count` text holding exactly `centimos` (a whole number of tens), largest pieces first.
pub fn count_for(centimos: i64) -> String {
    assert!(
        centimos >= 0 && centimos % 10 == 0,
        "{centimos} is no drawer's"
    );
    let mut left = centimos;
    let mut parts = Vec::new();
    for denomination in [
        20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10,
    ] {
        let pieces = left / denomination;
        if pieces > 0 {
            left -= pieces * denomination;
            let soles = match denomination % 100 {
                0 => (denomination / 100).to_string(),
                cents => format!("0.{cents:02}"),
            };
            parts.push(format!("{soles}={pieces}"));
        }
    }
    if parts.is_empty() {
        parts.push("10=0".to_owned());
    }
    parts.join(",")
}

/// Soles typed as the cashier types them: `579.90`.
pub fn soles(centimos: i64) -> String {
    format!("{}.{:02}", centimos / 100, centimos % 100)
}

/// Céntimos of a `{centimos, text}` amount.
pub fn centimos(money: &Value) -> i64 {
    money["centimos"]
        .as_i64()
        .unwrap_or_else(|| panic!("an amount: {money}"))
}
