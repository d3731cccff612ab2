//! The soak harness, shared by the CI test (`tests/soak.rs`, a modest size) and the bench
//! (`benches/soak.rs`, large; `cargo bench -p cli --bench soak`).
//!
//! A run: start the sandbox in this process with `M` extra financings and a fault plan that breaks a
//! share `F` of the requests to `info`, `paid-and-billed` and `undo-billing`; issue `N` operations
//! (pay, undo, check on random codes) as real `caja` processes, a few at a time, all on one data
//! folder, killing `K` of them with SIGKILL at a random moment; drain the outbox with `caja sync`
//! (faults still on); then compare the journal with the sandbox (see `verdict`) and report (see
//! `report`). Everything random is drawn from `seed`, so a run is reproducible up to the timing of
//! concurrent processes.
//!
//! A finding (a lost operation, a double billing, a journal that disagrees) is a bug of the till's
//! journal or outbox, not of the harness: the report prints the rows and events that show it.

// Each of the two targets that include this module uses a different part of it.
#![allow(dead_code)]

pub mod issue;
pub mod plan;
pub mod report;
pub mod rng;
pub mod verdict;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use sandbox::SandboxConfig;

pub use report::SoakReport;

/// The size and shape of a run.
#[derive(Debug, Clone)]
pub struct SoakConfig {
    /// N: operations issued.
    pub operations: usize,
    /// M: soak financings (funding codes) they are spread over.
    pub funding_codes: u32,
    /// F: the share of requests to the soaked endpoints that meet a breaking fault.
    pub fault_rate: f64,
    /// K: pays and undos whose process is killed (if still running at its moment).
    pub kills: usize,
    /// Processes running at once.
    pub concurrency: usize,
    pub seed: u64,
    /// `--http-timeout` of every process.
    pub http_timeout_secs: u64,
    /// How long a `hang` fault holds a request: past the timeout.
    pub hang_millis: u64,
    /// A short latency on this share of the requests no breaking fault hit.
    pub latency_millis: u64,
    pub latency_rate: f64,
    /// A killed process dies at a moment drawn uniformly from `0..window` after its spawn. `Some(ms)`:
    /// a fixed window. `None` (the default): 1.5 times the median time of the pays and undos finished
    /// so far (before the first, twice the preparing run's), so that most kills land while the
    /// process works, however fast the build and the machine are.
    pub kill_window_ms: Option<u64>,
    /// `caja sync --timeout` of each drain round.
    pub sync_timeout_secs: u64,
    /// The drain gives up after this long.
    pub drain_bound: Duration,
    /// Opens the data folder once (`caja history`) before the concurrent phase, so the schema exists
    /// when the rush starts. Without it, the first processes race to create the schema and some fail
    /// (`table journal already exists`, exit 1): a known bug of the till's first-start migration,
    /// outside what the soak measures. Since pays and undos need an open shift, `caja shift open`
    /// runs alone before the rush either way and creates the schema when this did not: `false` no
    /// longer reproduces the race.
    pub prepare_data_dir: bool,
}

impl Default for SoakConfig {
    /// The issue's goal size: N=1000, M=200, F=20 %, with 50 kills.
    fn default() -> Self {
        SoakConfig {
            operations: 1000,
            funding_codes: 200,
            fault_rate: 0.2,
            kills: 50,
            concurrency: 8,
            seed: 0x50A4_C0DE,
            http_timeout_secs: 2,
            hang_millis: 3_000,
            latency_millis: 150,
            latency_rate: 0.05,
            kill_window_ms: None,
            sync_timeout_secs: 30,
            drain_bound: Duration::from_secs(600),
            prepare_data_dir: true,
        }
    }
}

impl SoakConfig {
    /// The defaults, with `SOAK_N`, `SOAK_M`, `SOAK_F`, `SOAK_KILLS`, `SOAK_CONCURRENCY`,
    /// `SOAK_SEED`, `SOAK_PREPARE` (`true`/`false`) and `SOAK_KILL_WINDOW_MS` (0: the adaptive window)
    /// from the environment when set. A value that does not parse is an error.
    pub fn from_env() -> Result<SoakConfig, String> {
        fn var<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
            match std::env::var(name) {
                Ok(text) if !text.trim().is_empty() => text
                    .trim()
                    .parse()
                    .map_err(|_| format!("{name}={text:?} is not a valid value")),
                _ => Ok(default),
            }
        }
        let defaults = SoakConfig::default();
        let config = SoakConfig {
            operations: var("SOAK_N", defaults.operations)?,
            funding_codes: var("SOAK_M", defaults.funding_codes)?,
            fault_rate: var("SOAK_F", defaults.fault_rate)?,
            kills: var("SOAK_KILLS", defaults.kills)?,
            concurrency: var("SOAK_CONCURRENCY", defaults.concurrency)?,
            seed: var("SOAK_SEED", defaults.seed)?,
            prepare_data_dir: var("SOAK_PREPARE", defaults.prepare_data_dir)?,
            kill_window_ms: match var("SOAK_KILL_WINDOW_MS", 0_u64)? {
                0 => None,
                fixed => Some(fixed),
            },
            ..defaults
        };
        if !(0.0..=1.0).contains(&config.fault_rate) {
            return Err(format!("SOAK_F={} is not from 0 to 1", config.fault_rate));
        }
        if config.funding_codes == 0 || config.funding_codes > sandbox::demo::MAX_SOAK_FINANCINGS {
            return Err(format!(
                "SOAK_M={} is not from 1 to {}",
                config.funding_codes,
                sandbox::demo::MAX_SOAK_FINANCINGS
            ));
        }
        Ok(config)
    }
}

/// Seeds the sandbox's fault generator apart from the harness's own.
const FAULT_SEED_SALT: u64 = 0xFA17_5EED;

/// Runs one soak and measures it. Panics only when the harness itself cannot work (no sandbox, no
/// `caja` binary, an unreadable journal); findings are in the report.
pub fn run(config: &SoakConfig) -> SoakReport {
    let started = Instant::now();
    let dir = tempfile::Builder::new()
        .prefix("caja-soak-")
        .tempdir()
        .expect("a temporary data folder");
    let data_dir = dir.path().to_owned();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime for the sandbox");
    let running = runtime
        .block_on(sandbox::start(SandboxConfig {
            faults: plan::fault_plan(config),
            fault_seed: config.seed ^ FAULT_SEED_SALT,
            extra_financings: config.funding_codes,
            ..SandboxConfig::default()
        }))
        .expect("the sandbox starts");
    let state = running.state();
    let codes: Vec<String> = (0..config.funding_codes).map(issue::soak_code).collect();
    let financing = |code: &String| {
        state
            .financing(code)
            .unwrap_or_else(|| panic!("soak financing {code} seeded"))
    };
    let dnis: Vec<String> = codes.iter().map(|code| financing(code).dni).collect();
    let seed_billed: BTreeMap<String, bool> = codes
        .iter()
        .map(|code| (code.clone(), financing(code).billed))
        .collect();

    let caja = issue::Caja {
        data_dir: data_dir.clone(),
        api_url: running.url().to_owned(),
        http_timeout_secs: config.http_timeout_secs,
    };
    let prepare_started = Instant::now();
    if config.prepare_data_dir {
        let prepared = caja.run(&["history"], None);
        assert_eq!(
            prepared.exit,
            issue::Exit::Code(0),
            "caja history on the empty data folder: {}",
            prepared.stderr
        );
    }
    let first_window = 2 * prepare_started.elapsed().as_millis() as u64;
    // Pays and undos need an open shift. Opening it is one process before the rush, so without the
    // preparing run above it is this one that creates the schema.
    let opened = issue::open_shift(&caja);
    assert_eq!(
        opened.exit,
        issue::Exit::Code(0),
        "caja shift open: {}",
        opened.stderr
    );
    let ops = plan::operations(config);
    let issue_started = Instant::now();
    let kills = issue::KillWindow::new(config.kill_window_ms, first_window);
    let results = issue::issue_all(&caja, &ops, &dnis, config.concurrency, &kills);
    let issue_millis = issue_started.elapsed().as_millis() as u64;
    let faults_issuing = state.fault_counts();

    let before = verdict::read_journal(&data_dir);
    let open_rows = before.iter().filter(|row| row.moves_money());
    let open_before_drain =
        open_rows.fold((0, 0), |(pending, unknown), row| match row.state.as_str() {
            "pending" => (pending + 1, unknown),
            "unknown" => (pending, unknown + 1),
            _ => (pending, unknown),
        });

    let drain = issue::drain(&caja, config.sync_timeout_secs, config.drain_bound);

    let faults_total = state.fault_counts();
    let events = state.billing_events();
    let billed: BTreeMap<String, bool> = codes
        .iter()
        .map(|code| (code.clone(), financing(code).billed))
        .collect();
    runtime.block_on(running.shutdown());

    let journal = verdict::read_journal(&data_dir);
    let verdict = verdict::judge(&journal, &results, &billed, &seed_billed, &events);
    let kept_dir = std::env::var_os("SOAK_KEEP_DIR").map(|_| dir.keep());
    SoakReport {
        config: config.clone(),
        results,
        faults_issuing,
        faults_total,
        open_before_drain,
        drain,
        verdict,
        issue_millis,
        total_millis: started.elapsed().as_millis() as u64,
        kept_dir,
    }
}
