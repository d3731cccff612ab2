//! The orders soak's harness: credit sales created, canceled and refunded through real `caja`
//! processes while the sandbox breaks a share of the orders API's answers and the harness SIGKILLs
//! some processes mid-call; then `caja sync` until no call is open, and the till's tables compared with
//! the sandbox's own record of its orders and refunds (see `verdict`).
//!
//! A run: (1) start the sandbox in this process with the faults on, open the data folder and read the
//! limits once; (2) create `N` orders, a few processes at a time, some killed; drain; (3) play the
//! customer's phone (the admin route, never faulted): a share of the orders is applied for and paid
//! online (funded), the rest stays waiting; (4) refund the funded orders (partials that add up, one
//! above the amount, the total) and cancel the others, some processes killed; drain; (5) judge. The
//! processes share the down payment soak's runner (`soak_support::issue`); every random choice is drawn
//! from `seed`.

pub mod plan;
pub mod report;
pub mod verdict;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::SandboxConfig;
use serde_json::json;

use crate::soak_support::issue::{Caja, Exit};
use plan::{PlannedCreate, PlannedStep, Step, soles};
pub use report::OrdersSoakReport;

/// The size and shape of a run.
#[derive(Debug, Clone)]
pub struct OrdersSoakConfig {
    /// Orders created.
    pub orders: usize,
    /// The share of requests to the orders endpoints that meet a breaking fault.
    pub fault_rate: f64,
    /// Processes killed: half among the creations, half among the refunds and cancels.
    pub kills: usize,
    /// The share of orders the customer takes to funded.
    pub funded_share: f64,
    pub concurrency: usize,
    pub seed: u64,
    pub http_timeout_secs: u64,
    /// How long a `hang` holds a request: past the timeout.
    pub hang_millis: u64,
    pub sync_timeout_secs: u64,
    pub drain_bound: Duration,
}

impl Default for OrdersSoakConfig {
    fn default() -> Self {
        OrdersSoakConfig {
            orders: 36,
            fault_rate: 0.2,
            kills: 12,
            funded_share: 0.7,
            concurrency: 4,
            seed: 0x0DE2_5EED,
            http_timeout_secs: 2,
            hang_millis: 2_500,
            sync_timeout_secs: 20,
            drain_bound: Duration::from_secs(60),
        }
    }
}

/// One `caja` process and how it ended.
#[derive(Debug, Clone)]
pub struct Ran {
    /// `create DNI`, `refund ID 123.40`, `total ID`, `cancel ID`.
    pub what: String,
    pub exit: Exit,
    pub error_code: Option<String>,
    /// A successful answer's order id (`order.orderId`).
    pub order_id: Option<String>,
    /// A successful refund's journal id (`refund.id`).
    pub call_id: Option<i64>,
    pub killed_after_ms: Option<u64>,
    pub millis: u64,
}

/// The window a kill moment is drawn from: 1.5 times the median of the processes finished so far (at
/// first, twice the preparing run's), so kills land while processes work whatever the machine's speed.
struct KillWindow {
    first: u64,
    seen: Mutex<Vec<u64>>,
}

impl KillWindow {
    fn delay(&self, fraction: Option<f64>) -> Option<u64> {
        let mut seen = self.seen.lock().unwrap().clone();
        seen.sort_unstable();
        let window = seen
            .get(seen.len() / 2)
            .map_or(self.first, |median| median * 3 / 2);
        fraction.map(|fraction| (fraction * window.max(20) as f64) as u64)
    }
}

/// Runs one soak; panics only when the harness cannot work. Findings are in the report.
pub fn run(config: &OrdersSoakConfig) -> OrdersSoakReport {
    let started = Instant::now();
    let dir = tempfile::Builder::new()
        .prefix("caja-orders-soak-")
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
            ..SandboxConfig::default()
        }))
        .expect("the sandbox starts");
    let state = running.state();
    let caja = Caja {
        data_dir: dir.path().to_owned(),
        api_url: running.url().to_owned(),
        http_timeout_secs: config.http_timeout_secs,
    };
    let prepared = Instant::now();
    assert_eq!(caja.run(&["history"], None).exit, Exit::Code(0));
    // The limits are read once before the rush (a till reads them daily); a fault may need a retry.
    let limits_read = (0..20).any(|_| caja.run(&["order", "limits"], None).exit == Exit::Code(0));
    assert!(limits_read, "caja order limits never answered");
    let kills = KillWindow {
        first: 2 * prepared.elapsed().as_millis() as u64,
        seen: Mutex::new(Vec::new()),
    };

    let sales = plan::creates(config);
    let issuing = Instant::now();
    let created = run_all(config.concurrency, &sales, |sale| {
        create(&caja, &kills, sale)
    });
    let open_after_creates = verdict::open_calls(dir.path());
    let first_drain = drain(&caja, config);

    // The customer's turn, on every order the sandbox holds.
    let funded_dnis: Vec<&str> = sales
        .iter()
        .filter(|sale| sale.funded)
        .map(|sale| sale.dni.as_str())
        .collect();
    let mut orders = Vec::new();
    for order in state.orders() {
        let funded = order
            .requested_dni()
            .is_some_and(|dni| funded_dnis.contains(&dni));
        if funded {
            for action in ["open", "apply", "pay-online"] {
                runtime.block_on(customer(running.url(), &order.order_id, action));
            }
        }
        orders.push((order.order_id.clone(), order.amount.centimos(), funded));
    }

    let lanes = plan::steps(config, &orders);
    let stepped: Vec<Vec<Ran>> = run_all(config.concurrency, &lanes, |lane| {
        lane.iter()
            .map(|step| store_step(&caja, &kills, step))
            .collect()
    });
    let issue_millis = issuing.elapsed().as_millis() as u64;
    let open_after_steps = verdict::open_calls(dir.path());
    let second_drain = drain(&caja, config);

    let faults = state.fault_counts();
    let held = state.orders();
    runtime.block_on(running.shutdown());
    let till = verdict::read_till(dir.path());
    let mut processes = created;
    processes.extend(stepped.into_iter().flatten());
    let verdict = verdict::judge(&till, &held, &processes);
    OrdersSoakReport {
        config: config.clone(),
        processes,
        faults,
        open_before_drains: (open_after_creates, open_after_steps),
        drains: (first_drain, second_drain),
        verdict,
        issue_millis,
        total_millis: started.elapsed().as_millis() as u64,
    }
}

/// How one drain went: `caja sync` run until it exits 0 (no call open) or the bound has passed.
#[derive(Debug, Clone, Default)]
pub struct Drain {
    pub sync_runs: u32,
    pub millis: u64,
    /// Calls still pending or unknown when the drain stopped (0 when it drained).
    pub still_open: usize,
}

fn drain(caja: &Caja, config: &OrdersSoakConfig) -> Drain {
    let started = Instant::now();
    let timeout = config.sync_timeout_secs.to_string();
    let mut drain = Drain::default();
    loop {
        let sync = caja.run(&["sync", "--timeout", &timeout], None);
        drain.sync_runs += 1;
        if sync.exit == Exit::Code(0) || started.elapsed() >= config.drain_bound {
            drain.millis = started.elapsed().as_millis() as u64;
            drain.still_open = verdict::open_calls(&caja.data_dir);
            return drain;
        }
    }
}

/// Runs `work` on every item, `concurrency` at a time, and returns the results in the items' order.
fn run_all<T: Sync, R: Send>(
    concurrency: usize,
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..concurrency.max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(index) else { break };
                    let result = work(item);
                    results.lock().unwrap().push((index, result));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

fn create(caja: &Caja, kills: &KillWindow, sale: &PlannedCreate) -> Ran {
    let amount = soles(sale.centimos);
    let description = format!("Venta soak {}", sale.index);
    let args = [
        "order",
        "create",
        "--amount",
        &amount,
        "--description",
        &description,
        "--dni",
        &sale.dni,
        "--name",
        "Cliente Soak",
        "--phone",
        "987654321",
    ];
    launch(
        caja,
        kills,
        format!("create {}", sale.dni),
        &args,
        sale.kill_at,
    )
}

fn store_step(caja: &Caja, kills: &KillWindow, planned: &PlannedStep) -> Ran {
    let id = planned.order_id.as_str();
    let reason = "Devolución soak";
    let (what, args) = match planned.step {
        Step::Partial { centimos } => {
            let amount = soles(centimos);
            let args = vec![
                "order", "refund", id, "--amount", &amount, "--reason", reason,
            ];
            let args: Vec<String> = args.into_iter().map(str::to_owned).collect();
            (format!("refund {id} {amount}"), args)
        }
        Step::Total => (
            format!("total {id}"),
            ["order", "refund", id, "--reason", reason]
                .map(str::to_owned)
                .to_vec(),
        ),
        Step::Cancel => (
            format!("cancel {id}"),
            ["order", "cancel", id].map(str::to_owned).to_vec(),
        ),
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    launch(caja, kills, what, &args, planned.kill_at)
}

fn launch(
    caja: &Caja,
    kills: &KillWindow,
    what: String,
    args: &[&str],
    kill_at: Option<f64>,
) -> Ran {
    let killed_after_ms = kills.delay(kill_at);
    let started = Instant::now();
    let answer = caja.run(args, killed_after_ms.map(Duration::from_millis));
    let millis = started.elapsed().as_millis() as u64;
    if answer.exit != Exit::Killed {
        kills.seen.lock().unwrap().push(millis);
    }
    let json = answer.json.unwrap_or_default();
    Ran {
        what,
        exit: answer.exit,
        error_code: json["error"]["code"].as_str().map(str::to_owned),
        order_id: json["order"]["orderId"].as_str().map(str::to_owned),
        call_id: json["refund"]["id"].as_i64(),
        killed_after_ms,
        millis,
    }
}

/// The customer's phone takes one step on the sandbox's admin route (never faulted).
async fn customer(root: &str, order_id: &str, action: &str) {
    let url = format!("{root}/__sandbox/orders/{order_id}/customer");
    let answer = reqwest::Client::new()
        .post(&url)
        .bearer_auth(MOCK_TOKEN)
        .json(&json!({ "action": action }))
        .send()
        .await
        .expect("the sandbox answers its admin route");
    let status = answer.status();
    let body = answer.text().await.unwrap_or_default();
    assert!(
        status.is_success(),
        "{action} on {order_id}: {status} {body}"
    );
}
