//! The Aplazame soak's harness: checkouts asked for by real `caja` processes on one data folder,
//! the till enrolled in a real Caja Central (PostgreSQL), the sandbox's Aplazame simulator over
//! loopback losing create answers, garbling them, failing creates and status reads with `5xx` pages
//! and dropping status answers; buyers playing their fate at the simulator's buyer route; the
//! cashier confirming or rejecting from the command line; a supervisor resolving lost creates; then
//! the till's own list compared with the simulator's record (see `verdict`).
//!
//! Everything goes through the built binary. Aplazame's IPNs reach a till only through Central (the
//! command line has no server of its own: on the simulator without Central they go nowhere and a
//! confirmation is never given), so Central is real and `caja central listen --once` plays the
//! till's relay, reading each IPN back (`Till::aplazame_event`) and handing Central the store's
//! decisions.
//!
//! A run: (1) start the simulator, Central and the till (see `rig`); (2) the cashier creates each
//! planned checkout in turn while buyers play their fates, the cashier decides when Aplazame asks,
//! the relay and a follower run, and the chaos arms status faults; (3) the faults stop and the
//! supervisor settles what is left (see `actors::settle`); (4) judge. Every random choice is drawn
//! from `seed`.

pub mod actors;
pub mod plan;
pub mod rig;
pub mod verdict;

use std::collections::{BTreeSet, VecDeque};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use sandbox::{AplazameFaults, AplazameState};

use crate::soak_support::issue::{Caja, Exit};
use plan::PlannedSale;
pub use verdict::AplazameSoakReport;

pub const LUIS: [(&str, &str); 2] = [("CAJA_USER", "Luis Mamani"), ("CAJA_PIN", "1357")];
pub const ROSA: [(&str, &str); 2] = [("CAJA_USER", "Rosa Quispe"), ("CAJA_PIN", "2468")];

/// The size and shape of a run.
#[derive(Debug, Clone)]
pub struct AplazameSoakConfig {
    /// Checkouts planned, one per sale.
    pub sales: usize,
    /// Creates whose answer is lost, garbled or failed (at least one of each kind).
    pub lost_creates: usize,
    /// Buyers on their phones at once.
    pub buyers: usize,
    pub seed: u64,
    /// At each chaos tick, the chance of arming one more status fault.
    pub status_fault_rate: f64,
    pub chaos_tick: Duration,
    /// The pause between two of a buyer's actions.
    pub buyer_pause: Duration,
    /// How long the cashier waits for Aplazame to ask for a decision.
    pub decide_bound: Duration,
    /// Aplazame's IPNs: first retry and window (30 s, the simulator's default: a confirmation not
    /// given by then is `ko`/`merchant_failed_to_confirm`).
    pub ipn_first_retry_ms: u64,
    pub ipn_window_ms: u64,
    /// How long Central holds a confirmation IPN waiting for the till's decision.
    pub central_wait_ms: u64,
    pub http_timeout_secs: u64,
    /// The supervisor gives up settling after this long.
    pub settle_bound: Duration,
    /// How long the supervisor leaves a lost create the plan settles by IPN to its IPN.
    pub ipn_grace: Duration,
}

impl Default for AplazameSoakConfig {
    fn default() -> Self {
        AplazameSoakConfig {
            sales: 24,
            lost_creates: 6,
            buyers: 3,
            seed: 0x0A9_1A2A_3E14,
            status_fault_rate: 0.3,
            chaos_tick: Duration::from_millis(150),
            buyer_pause: Duration::from_millis(150),
            decide_bound: Duration::from_secs(25),
            ipn_first_retry_ms: 100,
            ipn_window_ms: 30_000,
            central_wait_ms: 400,
            http_timeout_secs: 3,
            settle_bound: Duration::from_secs(25),
            ipn_grace: Duration::from_secs(10),
        }
    }
}

/// One `caja` process and how it ended.
#[derive(Debug, Clone)]
pub struct Ran {
    /// `checkout`, `status`, `confirm`, `reject`, `resolve`, `list`, `listen`.
    pub what: &'static str,
    pub exit: Exit,
    pub error_code: Option<String>,
}

/// One create as the cashier saw it.
#[derive(Debug, Clone)]
pub struct Created {
    pub sale: usize,
    pub order_id: String,
    pub exit: Exit,
    pub error_code: Option<String>,
}

/// What the actors share while a run goes.
pub struct Floor {
    pub caja: Caja,
    pub config: AplazameSoakConfig,
    pub runtime: tokio::runtime::Handle,
    pub simulator_url: String,
    pub aplazame: AplazameState,
    pub sales: Vec<PlannedSale>,
    pub creates: Mutex<Vec<Created>>,
    /// Created sales waiting for their buyer: (sale, order id).
    pub queue: Mutex<VecDeque<(usize, String)>>,
    pub cashier_done: AtomicBool,
    /// Stops the chaos.
    pub calm: AtomicBool,
    /// Stops the relay and the follower.
    pub stop: AtomicBool,
    pub ran: Mutex<Vec<Ran>>,
    /// Every fault armed so far (summed), and the lock that makes arming one read-and-replace.
    pub armed: Mutex<AplazameFaults>,
    /// Order ids a supervisor resolved, and whether with Aplazame's checkout id.
    pub resolved: Mutex<Vec<(String, bool)>>,
    /// Decisions the cashier took: order id → confirmed.
    pub decided: Mutex<Vec<(String, bool)>>,
    /// Cashier decisions given up on (Aplazame never asked in time).
    pub undecided: Mutex<BTreeSet<String>>,
    /// IPNs the relay handled, and those whose handling failed (the till's read-back lost to a
    /// fault): the relay moves past them, so a lost create they named waits for another IPN or for
    /// the supervisor.
    pub relayed: Mutex<usize>,
    pub relay_failed: Mutex<usize>,
    /// Checkouts some `caja` answer allowed to hand over while the simulator did not hold them `ok`
    /// with our `mid` and total, at the moment the answer came (`ok` is final there, and the till
    /// can only learn it after: so the check is sound while the run goes, not only at the end).
    pub early_handovers: Mutex<Vec<String>>,
    /// Answers that allowed a handover, checked as above.
    pub handovers_seen: Mutex<usize>,
}

impl Floor {
    /// Runs `caja --json ARGS` as `who`, keeps how it ended, returns its JSON answer.
    pub fn run(
        &self,
        who: &[(&str, &str)],
        what: &'static str,
        args: &[&str],
    ) -> (Exit, serde_json::Value) {
        let answer = self.caja.run_with(who, args, None);
        let json = answer.json.unwrap_or_default();
        self.check_handovers(what, &json);
        self.ran.lock().unwrap().push(Ran {
            what,
            exit: answer.exit,
            error_code: json["error"]["code"].as_str().map(str::to_owned),
        });
        (answer.exit, json)
    }

    /// Every checkout view in `answer` that allows the handover, against the simulator now.
    fn check_handovers(&self, what: &str, answer: &serde_json::Value) {
        let views = match answer["checkouts"].as_array() {
            Some(list) => list.clone(),
            None => vec![answer["checkout"].clone()],
        };
        for view in views.iter().filter(|view| view["handoverAllowed"] == true) {
            *self.handovers_seen.lock().unwrap() += 1;
            let id = view["checkoutId"].as_str().unwrap_or_default();
            let theirs = self.aplazame.checkout(id);
            let fine = theirs.as_ref().is_some_and(|checkout| {
                checkout.stage.label() == "ok"
                    && checkout.mid == view["orderId"]
                    && Some(checkout.total_amount) == view["total"]["cents"].as_i64()
            });
            if !fine {
                self.early_handovers.lock().unwrap().push(format!(
                    "`{what}` allowed {} ({}) while Aplazame held {:?}",
                    view["orderId"],
                    view["total"]["text"],
                    theirs.map(|c| (c.stage.label(), c.mid, c.total_amount))
                ));
            }
        }
    }

    /// Adds `more` to the faults still to inject at the simulator (and to the sum armed).
    pub fn arm(&self, more: AplazameFaults) {
        let mut armed = self.armed.lock().unwrap();
        *armed = add(*armed, more);
        let mut now = add(self.aplazame.faults(), more);
        now.failure_code = more.failure_code;
        self.aplazame.set_faults(now);
    }

    /// The checkout the simulator holds under our `mid`, as a supervisor reads it in Aplazame's
    /// panel (and as the buyer's phone has it).
    pub fn at_aplazame(&self, order_id: &str) -> Option<sandbox::AplazameCheckout> {
        self.aplazame
            .checkouts()
            .into_iter()
            .find(|checkout| checkout.mid == order_id)
    }
}

pub fn add(a: AplazameFaults, b: AplazameFaults) -> AplazameFaults {
    AplazameFaults {
        drop_create_answer: a.drop_create_answer + b.drop_create_answer,
        garble_create_answer: a.garble_create_answer + b.garble_create_answer,
        fail_create: a.fail_create + b.fail_create,
        drop_status_answer: a.drop_status_answer + b.drop_status_answer,
        fail_status: a.fail_status + b.fail_status,
        failure_code: a.failure_code,
    }
}

/// Runs one soak; panics only when the harness cannot work. Findings are in the report.
pub fn run(config: &AplazameSoakConfig) -> AplazameSoakReport {
    let started = Instant::now();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let rig = rig::start(&runtime, config);
    let floor = Floor {
        caja: rig.caja.clone(),
        config: config.clone(),
        runtime: runtime.handle().clone(),
        simulator_url: rig.provider.url().to_owned(),
        aplazame: rig.provider.aplazame(),
        sales: plan::sales(config),
        creates: Mutex::new(Vec::new()),
        queue: Mutex::new(VecDeque::new()),
        cashier_done: AtomicBool::new(false),
        calm: AtomicBool::new(false),
        stop: AtomicBool::new(false),
        ran: Mutex::new(Vec::new()),
        armed: Mutex::new(AplazameFaults::default()),
        resolved: Mutex::new(Vec::new()),
        decided: Mutex::new(Vec::new()),
        undecided: Mutex::new(BTreeSet::new()),
        relayed: Mutex::new(0),
        relay_failed: Mutex::new(0),
        early_handovers: Mutex::new(Vec::new()),
        handovers_seen: Mutex::new(0),
    };
    let setup_millis = started.elapsed().as_millis() as u64;
    let (left, settled) = std::thread::scope(|scope| {
        let relay = scope.spawn(|| actors::relay(&floor));
        let follower = scope.spawn(|| actors::follow(&floor, config.seed ^ 0xF011));
        let chaos = scope.spawn(|| actors::chaos(&floor));
        let buyers: Vec<_> = (0..config.buyers.max(1))
            .map(|_| scope.spawn(|| actors::buyer(&floor)))
            .collect();
        actors::cashier(&floor);
        floor.cashier_done.store(true, Ordering::SeqCst);
        for buyer in buyers {
            buyer.join().unwrap();
        }
        floor.calm.store(true, Ordering::SeqCst);
        let left = chaos.join().unwrap();
        let settled = actors::settle(&floor);
        floor.stop.store(true, Ordering::SeqCst);
        relay.join().unwrap();
        follower.join().unwrap();
        (left, settled)
    });
    let (_, listed) = floor.run(&ROSA, "list", &["aplazame", "list"]);
    let held = floor.aplazame.checkouts();
    let mut report = verdict::judge(&floor, &listed, &held);
    report.faults_armed = *floor.armed.lock().unwrap();
    report.faults_left = left;
    report.settled = settled;
    report.setup_millis = setup_millis;
    report.millis = started.elapsed().as_millis() as u64;
    drop(rig);
    runtime.shutdown_timeout(Duration::from_secs(2));
    report
}
