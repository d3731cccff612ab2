//! Running `caja` as the cashier's scripts would: real processes of the built binary, all on one data
//! folder (one SQLite file shared by several processes at once), pointed at the harness's sandbox.

use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use providers::apurata::downpayment::MOCK_TOKEN;
use serde_json::Value;

use super::plan::{OpKind, PlannedOp};

const CAJA: &str = env!("CARGO_BIN_EXE_caja");

/// How every `caja` process of a run is started.
#[derive(Debug, Clone)]
pub struct Caja {
    pub data_dir: PathBuf,
    pub api_url: String,
    pub http_timeout_secs: u64,
}

/// How a process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    /// SIGKILL, from the harness.
    Killed,
    /// Any other signal (a crash): never expected.
    Signal(i32),
}

/// One issued operation and what its process said.
#[derive(Debug, Clone)]
pub struct OpResult {
    pub op: PlannedOp,
    pub funding_code: String,
    pub exit: Exit,
    /// `error.code` of the JSON answer (`operation_open`, `outcome_unknown`, ...).
    pub error_code: Option<String>,
    /// `error.message` of the JSON answer.
    pub error_message: Option<String>,
    /// `journal_id` of a successful answer.
    pub journal_id: Option<i64>,
    /// When the harness meant to kill the process, counted from its spawn.
    pub kill_after_ms: Option<u64>,
    pub millis: u64,
    /// The end of stderr, kept for the evidence of an unexpected failure.
    pub stderr_tail: String,
}

/// What one `caja --json` run printed.
pub struct Answer {
    pub exit: Exit,
    pub json: Option<Value>,
    pub stderr: String,
}

impl Caja {
    fn command(&self, env: &[(&str, &str)], args: &[&str]) -> Command {
        let mut command = Command::new(CAJA);
        command
            .arg("--json")
            .arg("--http-timeout")
            .arg(self.http_timeout_secs.to_string())
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &self.data_dir)
            .env("CAJA_DATA_DIR", &self.data_dir)
            .env("CAJA_MODE", "sandbox")
            .env("CAJA_API_URL", &self.api_url)
            // From the environment, so no process touches the system secret store.
            .env("CAJA_TOKEN", MOCK_TOKEN)
            .env("CAJA_LANG", "en")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command.envs(env.iter().copied());
        command
    }

    /// Runs one command to its end, killing it `kill_after` after the spawn if it is still running.
    pub fn run(&self, args: &[&str], kill_after: Option<Duration>) -> Answer {
        self.run_with(&[], args, kill_after)
    }

    /// [`Caja::run`] with more environment (who is signed in: `CAJA_USER`, `CAJA_PIN`).
    pub fn run_with(
        &self,
        env: &[(&str, &str)],
        args: &[&str],
        kill_after: Option<Duration>,
    ) -> Answer {
        let mut child = self.command(env, args).spawn().expect("caja starts");
        if let Some(delay) = kill_after {
            std::thread::sleep(delay);
            // SIGKILL; a process that already exited is not touched (its status tells).
            let _ = child.kill();
        }
        let output = child.wait_with_output().expect("caja is waited for");
        let exit = match (output.status.code(), output.status.signal()) {
            (Some(code), _) => Exit::Code(code),
            (None, Some(9)) => Exit::Killed,
            (None, signal) => Exit::Signal(signal.unwrap_or(-1)),
        };
        let stdout = String::from_utf8_lossy(&output.stdout);
        Answer {
            exit,
            json: serde_json::from_str(stdout.trim()).ok(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// The window a kill moment is drawn from (see `SoakConfig::kill_window_ms`).
pub struct KillWindow {
    fixed: Option<u64>,
    first: u64,
    /// Durations of the pays and undos that ended on their own so far.
    seen: Mutex<Vec<u64>>,
}

impl KillWindow {
    pub fn new(fixed: Option<u64>, first: u64) -> Self {
        KillWindow {
            fixed,
            first: first.max(50),
            seen: Mutex::new(Vec::new()),
        }
    }

    fn current_ms(&self) -> u64 {
        if let Some(fixed) = self.fixed {
            return fixed;
        }
        let mut seen = self.seen.lock().unwrap().clone();
        if seen.is_empty() {
            return self.first;
        }
        seen.sort_unstable();
        (seen[seen.len() / 2] * 3 / 2).max(20)
    }

    fn record(&self, result: &OpResult) {
        if moves_money(result.op.kind) && result.exit != Exit::Killed {
            self.seen.lock().unwrap().push(result.millis);
        }
    }
}

/// Runs every planned operation, `concurrency` processes at a time, in plan order.
pub fn issue_all(
    caja: &Caja,
    ops: &[PlannedOp],
    dnis: &[String],
    concurrency: usize,
    kills: &KillWindow,
) -> Vec<OpResult> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(ops.len()));
    std::thread::scope(|scope| {
        for _ in 0..concurrency.max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(op) = ops.get(index) else { break };
                    let kill_after_ms = op
                        .kill_at
                        .map(|fraction| (fraction * kills.current_ms() as f64) as u64);
                    let result = issue(caja, op, &dnis[op.code_index as usize], kill_after_ms);
                    kills.record(&result);
                    results.lock().unwrap().push(result);
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|result| result.op.index);
    results
}

fn issue(caja: &Caja, op: &PlannedOp, dni: &str, kill_after_ms: Option<u64>) -> OpResult {
    let funding_code = soak_code(op.code_index);
    let mut args = vec![
        op.kind.command(),
        "--dni",
        dni,
        "--funding-code",
        &funding_code,
    ];
    if op.kind == OpKind::Pay {
        args.extend_from_slice(&["--tender", tender(op.index)]);
    }
    let started = Instant::now();
    let answer = caja.run(&args, kill_after_ms.map(Duration::from_millis));
    let millis = started.elapsed().as_millis() as u64;
    let json = answer.json.unwrap_or(Value::Null);
    let stderr = answer.stderr.trim_end();
    let tail_start = stderr
        .char_indices()
        .rev()
        .nth(400)
        .map_or(0, |(position, _)| position);
    OpResult {
        op: op.clone(),
        funding_code,
        exit: answer.exit,
        error_code: json["error"]["code"].as_str().map(str::to_owned),
        error_message: json["error"]["message"].as_str().map(str::to_owned),
        journal_id: json["journal_id"].as_i64(),
        kill_after_ms,
        millis,
        stderr_tail: stderr[tail_start..].to_owned(),
    }
}

/// The tender of the `index`th operation when it is a pay: those paid at the counter in turn, so each
/// is journaled and resolved under faults. A transfer pays only once aPagos validated its receipt: its
/// own soak is `soak_vouchers.rs`.
pub fn tender(index: usize) -> &'static str {
    ["efectivo", "tarjeta", "yape"][index % 3]
}

/// Opens the shift every pay and undo of the run belongs to (with a float of S/ 250.00).
pub fn open_shift(caja: &Caja) -> Answer {
    caja.run(&["shift", "open", "--count", "100=2,10=5"], None)
}

/// The funding code of soak financing `index`.
pub fn soak_code(index: u32) -> String {
    (sandbox::demo::SOAK_CODE_BASE + index).to_string()
}

/// How the outbox drained.
#[derive(Debug, Clone, Default)]
pub struct Drain {
    pub sync_runs: u32,
    pub millis: u64,
    /// Operations `caja history --pending` still listed when the drain stopped (0 when it drained).
    pub still_open: usize,
    pub sync_exit_codes: Vec<Exit>,
}

/// Runs `caja sync --timeout S` until `caja history --pending` lists nothing, or `bound` has passed.
pub fn drain(caja: &Caja, sync_timeout_secs: u64, bound: Duration) -> Drain {
    let started = Instant::now();
    let mut drain = Drain::default();
    let timeout = sync_timeout_secs.to_string();
    loop {
        let sync = caja.run(&["sync", "--timeout", &timeout], None);
        drain.sync_runs += 1;
        drain.sync_exit_codes.push(sync.exit);
        let pending = caja.run(&["history", "--pending"], None);
        drain.still_open = pending
            .json
            .as_ref()
            .and_then(|json| json["entries"].as_array())
            .map_or(usize::MAX, Vec::len);
        if drain.still_open == 0 || started.elapsed() >= bound {
            drain.millis = started.elapsed().as_millis() as u64;
            return drain;
        }
    }
}

/// Whether a kind moves money (is journaled and resolved by the outbox).
pub fn moves_money(kind: OpKind) -> bool {
    kind != OpKind::Check
}
