//! The vouchers soak's harness: down payments paid by bank transfers through real `caja` processes on
//! one data folder, while the sandbox's aPagos loses register answers, fails registers and `info` with
//! 5xx pages and drops `info` answers, aCuotaz breaks a share of `paid-and-billed`, and other processes
//! race passes over the transfers (`caja sync`, `caja voucher list` and `status`, a cashier's `caja pay
//! --tender transferencia`); then a supervisor settles what is left (see `settle`) and the till's
//! tables are compared with the simulator's vouchers and aCuotaz's billings (see `verdict`).
//!
//! A run: (1) start the sandbox in this process (one soak financing per sale, aPagos deciding after a
//! delay), add a supervisor and a cashier, open the shift; (2) the cashiers check each sale and register
//! its transfer, a few at a time, while the chaos arms aPagos faults and the followers race; (3) the
//! faults stop and the supervisor settles (lost registers resolved from aPagos' record, corrected
//! amounts accepted, the reviewed ones validated by aPagos' staff), the followers still racing; (4)
//! judge. The processes run on the down payment soak's runner (`soak_support::issue`); every random
//! choice is drawn from `seed`.

pub mod actors;
pub mod plan;
pub mod report;
pub mod settle;
pub mod verdict;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sandbox::{ApagosFaults, ApagosTiming, SandboxConfig};

use crate::soak_support::issue::{Caja, Exit};
use plan::{Fate, PlannedSale};
pub use report::VoucherSoakReport;

pub const LUIS: [(&str, &str); 2] = [("CAJA_USER", "Luis Mamani"), ("CAJA_PIN", "1357")];
pub const ROSA: [(&str, &str); 2] = [("CAJA_USER", "Rosa Quispe"), ("CAJA_PIN", "2468")];
pub const ACCOUNT: &str = "BCP-SOLES-001";

/// The size and shape of a run.
#[derive(Debug, Clone)]
pub struct VoucherSoakConfig {
    /// Sales paid by transfer, each on its own soak financing.
    pub sales: usize,
    /// Cashiers' processes at once (check, then register).
    pub concurrency: usize,
    /// Processes racing passes over the transfers, each one after the other.
    pub followers: usize,
    pub seed: u64,
    /// aPagos decides this long after a register.
    pub validation_delay_ms: u64,
    /// At each chaos tick, the chance of arming a failing `info` (and a share of it for the others).
    pub apagos_fault_rate: f64,
    pub chaos_tick: Duration,
    /// The share of `paid-and-billed` requests aCuotaz breaks.
    pub billing_fault_rate: f64,
    pub http_timeout_secs: u64,
    /// The supervisor gives up settling after this long.
    pub settle_bound: Duration,
}

impl Default for VoucherSoakConfig {
    fn default() -> Self {
        VoucherSoakConfig {
            sales: 24,
            concurrency: 3,
            followers: 2,
            seed: 0x0A9A_6055,
            validation_delay_ms: 1_500,
            apagos_fault_rate: 0.35,
            chaos_tick: Duration::from_millis(150),
            billing_fault_rate: 0.2,
            http_timeout_secs: 2,
            settle_bound: Duration::from_secs(40),
        }
    }
}

/// One sale as the cashier types it.
#[derive(Debug, Clone)]
pub struct Sale {
    pub planned: PlannedSale,
    pub code: String,
    pub dni: String,
    pub centimos: i64,
}

/// One `caja` process and how it ended.
#[derive(Debug, Clone)]
pub struct Ran {
    /// `check`, `register`, `sync`, `list`, `status`, `pay`, `resolve`, `decide`.
    pub what: &'static str,
    pub exit: Exit,
    pub error_code: Option<String>,
    pub millis: u64,
}

/// What the actors share while a run goes.
pub struct Floor {
    pub caja: Caja,
    pub receipt: String,
    pub sales: Vec<Sale>,
    /// Registers finished so far: vouchers `T01-C1-V000001` to this one exist at the till.
    pub registered: AtomicUsize,
    pub stop: AtomicBool,
    pub ran: Mutex<Vec<Ran>>,
}

impl Floor {
    /// Runs `caja --json ARGS` as `who` and keeps how it ended; returns its JSON answer.
    pub fn run(
        &self,
        who: &[(&str, &str)],
        what: &'static str,
        args: &[&str],
    ) -> serde_json::Value {
        let started = Instant::now();
        let answer = self.caja.run_with(who, args, None);
        let json = answer.json.unwrap_or_default();
        self.ran.lock().unwrap().push(Ran {
            what,
            exit: answer.exit,
            error_code: json["error"]["code"].as_str().map(str::to_owned),
            millis: started.elapsed().as_millis() as u64,
        });
        json
    }

    pub fn sale_of(&self, code: &str) -> Option<&Sale> {
        self.sales.iter().find(|sale| sale.code == code)
    }
}

/// Runs one soak; panics only when the harness cannot work. Findings are in the report.
pub fn run(config: &VoucherSoakConfig) -> VoucherSoakReport {
    let started = Instant::now();
    let dir = tempfile::Builder::new()
        .prefix("caja-vouchers-soak-")
        .tempdir()
        .unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let running = runtime
        .block_on(sandbox::start(SandboxConfig {
            faults: plan::fault_plan(config),
            fault_seed: config.seed ^ 0xFA17,
            extra_financings: config.sales as u32,
            ..SandboxConfig::default()
        }))
        .expect("the sandbox starts");
    let (state, apagos) = (running.state(), running.apagos());
    apagos.set_timing(ApagosTiming {
        validation_delay_ms: config.validation_delay_ms,
        ..ApagosTiming::default()
    });
    let sales = plan::sales(config)
        .into_iter()
        .map(|planned| {
            let code = crate::soak_support::issue::soak_code(planned.index);
            let financing = state.financing(&code).expect("a soak financing per sale");
            Sale {
                planned,
                code,
                dni: financing.dni,
                centimos: financing.downpayment_amount.centimos(),
            }
        })
        .collect();
    let receipt = dir.path().join("captura.png");
    std::fs::write(
        &receipt,
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01",
    )
    .unwrap();
    let floor = Floor {
        caja: Caja {
            data_dir: dir.path().to_owned(),
            api_url: running.url().to_owned(),
            http_timeout_secs: config.http_timeout_secs,
        },
        receipt: receipt.to_string_lossy().into_owned(),
        sales,
        registered: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        ran: Mutex::new(Vec::new()),
    };
    actors::staff_the_till(&floor);

    let issuing = Instant::now();
    let armed = Mutex::new(ApagosFaults {
        fail_status: 0,
        ..ApagosFaults::default()
    });
    let chaos_on = AtomicBool::new(true);
    let floor = &floor;
    let (follower_passes, issue_millis, left_unused, settled) = std::thread::scope(|scope| {
        let followers: Vec<_> = (0..config.followers)
            .map(|lane| {
                let seed = config.seed.wrapping_add(100 + lane as u64);
                scope.spawn(move || actors::follow(floor, seed))
            })
            .collect();
        let chaos = scope.spawn(|| actors::chaos(config, &apagos, &armed, &chaos_on));
        actors::cashiers(floor, config.concurrency);
        chaos_on.store(false, Ordering::SeqCst);
        let issue_millis = issuing.elapsed().as_millis() as u64;
        let left_unused = chaos.join().unwrap();
        let settled = settle::settle(floor, &apagos, &runtime, config);
        floor.stop.store(true, Ordering::SeqCst);
        let passes = followers.into_iter().map(|f| f.join().unwrap()).sum();
        (passes, issue_millis, left_unused, settled)
    });
    // The followers stopped: one last drain, alone.
    floor.run(&LUIS, "sync", &["sync", "--timeout", "10"]);

    let faults = state.fault_counts();
    let held = apagos.vouchers();
    let events = state.billing_events();
    let financings: Vec<(String, bool)> = floor
        .sales
        .iter()
        .map(|sale| {
            let billed = state.financing(&sale.code).is_some_and(|f| f.billed);
            (sale.code.clone(), billed)
        })
        .collect();
    runtime.block_on(running.shutdown());
    let till = verdict::read_till(dir.path());
    let verdict = verdict::judge(
        &verdict::Evidence {
            till: &till,
            held: &held,
            events: &events,
            financings: &financings,
            sales: &floor.sales,
            reviewed: &settled.reviewed,
        },
        config.validation_delay_ms,
    );
    let armed = armed.into_inner().unwrap();
    VoucherSoakReport {
        config: config.clone(),
        fates: floor.sales.iter().map(|sale| sale.planned.fate).collect(),
        processes: floor.ran.lock().unwrap().clone(),
        follower_passes,
        armed,
        left_unused,
        billing_faults: faults.values().sum(),
        settled,
        verdict,
        issue_millis,
        total_millis: started.elapsed().as_millis() as u64,
    }
}

/// Whether the sale's fate is a transfer aPagos reviews and then validates.
pub fn reviewed(fate: Fate) -> bool {
    fate == Fate::InReview { reviewed: true }
}
