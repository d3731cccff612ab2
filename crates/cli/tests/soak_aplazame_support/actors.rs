//! Who works during an Aplazame soak: the cashier (each planned checkout created in turn with `caja
//! aplazame checkout`, its create fault armed just before; a lost create resolved at once by the
//! supervisor when the plan says so), the buyers (each sale's fate played at the simulator's buyer
//! route, then the cashier's `confirm` or `reject` once the till shows Aplazame asking), the relay
//! (`caja central listen --once` again and again), a follower (`caja aplazame list` and `status`),
//! the chaos (status faults armed at random ticks) and, at the end, the supervisor settling.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::AplazameFaults;
use serde_json::{Value, json};

use super::plan::{self, Fate, Lost};
use super::{Created, Floor, LUIS, ROSA};
use crate::soak_support::issue::Exit;
use crate::soak_support::rng::SplitMix64;

fn one(fault: impl FnOnce(&mut AplazameFaults)) -> AplazameFaults {
    let mut faults = AplazameFaults {
        failure_code: 503,
        ..AplazameFaults::default()
    };
    fault(&mut faults);
    faults
}

/// Creates every planned checkout in turn.
pub fn cashier(floor: &Floor) {
    for (n, sale) in floor.sales.iter().enumerate() {
        let order_id = plan::order_id(n);
        match sale.lost {
            Lost::No => {}
            Lost::Dropped { .. } => floor.arm(one(|f| f.drop_create_answer = 1)),
            Lost::Garbled { .. } => floor.arm(one(|f| f.garble_create_answer = 1)),
            Lost::Failed => floor.arm(one(|f| f.fail_create = 1)),
        }
        let mut args = vec![
            "aplazame",
            "checkout",
            "--email",
            &sale.email,
            "--name",
            "Lucía Martín",
        ];
        for item in &sale.items {
            args.extend(["--item", item.as_str()]);
        }
        let (exit, answer) = floor.run(&LUIS, "checkout", &args);
        floor.creates.lock().unwrap().push(Created {
            sale: sale.index,
            order_id: order_id.clone(),
            exit,
            error_code: answer["error"]["code"].as_str().map(str::to_owned),
        });
        match sale.lost {
            Lost::Dropped { by_ipn: false } | Lost::Garbled { by_ipn: false } => {
                resolve(floor, &order_id);
            }
            Lost::Failed => {
                resolve(floor, &order_id);
            }
            _ => {}
        }
        if sale.fate != Fate::NotFinanced && sale.lost != Lost::Failed {
            floor
                .queue
                .lock()
                .unwrap()
                .push_back((sale.index, order_id));
        }
    }
}

/// The supervisor settles an unknown create from what Aplazame holds under its `mid`: with that
/// checkout's id, or as never sent when it holds nothing. Tried again while the till's read-back
/// of that checkout is lost to a fault (exit 4), a few times. True when `caja` said yes.
pub fn resolve(floor: &Floor, order_id: &str) -> bool {
    for _ in 0..5 {
        match resolve_once(floor, order_id) {
            Some(done) => return done,
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    false
}

/// One `caja aplazame resolve`; `None` when it may be tried again.
fn resolve_once(floor: &Floor, order_id: &str) -> Option<bool> {
    let held = floor.at_aplazame(order_id).map(|checkout| checkout.id);
    let mut args = vec!["aplazame", "resolve", order_id];
    match &held {
        Some(id) => args.extend(["--checkout-id", id.as_str()]),
        None => args.push("--not-sent"),
    }
    args.extend(["--reason", "visto en el panel de Aplazame"]);
    let (exit, _) = floor.run(&ROSA, "resolve", &args);
    match exit {
        Exit::Code(0) => {
            let with_id = held.is_some();
            floor
                .resolved
                .lock()
                .unwrap()
                .push((order_id.to_owned(), with_id));
            Some(true)
        }
        Exit::Code(4) => None,
        _ => Some(false),
    }
}

/// Plays the buyer of each created sale, then the cashier's decision when the fate has one.
pub fn buyer(floor: &Floor) {
    loop {
        let next = floor.queue.lock().unwrap().pop_front();
        let Some((index, order_id)) = next else {
            if floor.cashier_done.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
            continue;
        };
        let sale = &floor.sales[index];
        // The buyer's phone shows the checkout whatever became of the create's answer.
        let Some(checkout) = floor.at_aplazame(&order_id) else {
            continue;
        };
        for action in sale.fate.actions() {
            std::thread::sleep(floor.config.buyer_pause);
            act(floor, &checkout.id, action);
        }
        if let Some(confirm) = sale.fate.decision() {
            decide(floor, &order_id, confirm);
        }
    }
}

fn act(floor: &Floor, checkout_id: &str, action: &str) {
    let url = format!(
        "{}/__sandbox/aplazame/checkouts/{checkout_id}/buyer",
        floor.simulator_url
    );
    let status = floor.runtime.block_on(async {
        reqwest::Client::new()
            .post(url)
            .bearer_auth(MOCK_TOKEN)
            .json(&json!({"action": action}))
            .send()
            .await
            .map(|answer| answer.status().as_u16())
    });
    assert_eq!(status.ok(), Some(200), "the buyer's {action}");
}

/// The cashier reads the checkout until Aplazame asks the store, then confirms or rejects it.
fn decide(floor: &Floor, order_id: &str, confirm: bool) {
    let started = Instant::now();
    while started.elapsed() < floor.config.decide_bound {
        let (_, answer) = floor.run(&LUIS, "status", &["aplazame", "status", order_id]);
        let view = &answer["checkout"];
        if view["canDecide"] == true {
            if decide_now(floor, order_id, confirm) {
                return;
            }
        } else if matches!(view["status"].as_str(), Some("ok" | "ko")) {
            break;
        }
        std::thread::sleep(Duration::from_millis(150));
    }
    floor.undecided.lock().unwrap().insert(order_id.to_owned());
}

/// `caja aplazame confirm` or `reject`; true when it was taken.
pub fn decide_now(floor: &Floor, order_id: &str, confirm: bool) -> bool {
    let (exit, answer) = if confirm {
        floor.run(&LUIS, "confirm", &["aplazame", "confirm", order_id])
    } else {
        let reason = "el cliente prefiere pagar con tarjeta";
        let args = ["aplazame", "reject", order_id, "--reason", reason];
        floor.run(&LUIS, "reject", &args)
    };
    let taken = exit == Exit::Code(0) || answer["error"]["code"] == "checkout_already_decided";
    if taken {
        floor
            .decided
            .lock()
            .unwrap()
            .push((order_id.to_owned(), confirm));
    }
    taken
}

/// `caja central listen --once` until the run stops: every IPN Central relays read back by the
/// till.
pub fn relay(floor: &Floor) {
    while !floor.stop.load(Ordering::SeqCst) {
        let args = ["central", "listen", "--once", "--wait", "1"];
        let (_, answer) = floor.run(&LUIS, "listen", &args);
        let handled = answer["handled"].as_array().cloned().unwrap_or_default();
        let failed = handled
            .iter()
            .filter(|h| {
                h["outcome"]
                    .as_str()
                    .is_some_and(|o| o.starts_with("failed"))
            })
            .count();
        *floor.relay_failed.lock().unwrap() += failed;
        *floor.relayed.lock().unwrap() += handled.len();
        let handled = handled.len();
        if handled == 0 && answer.get("handled").is_none() {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// `caja aplazame list` (a pass over the checkouts) or the `status` of one created so far.
pub fn follow(floor: &Floor, seed: u64) {
    let mut rng = SplitMix64::new(seed);
    while !floor.stop.load(Ordering::SeqCst) {
        let known = floor.creates.lock().unwrap().len();
        if known > 0 && rng.below(2) == 0 {
            let order_id = plan::order_id(rng.below(known as u64) as usize);
            floor.run(&LUIS, "status", &["aplazame", "status", &order_id]);
        } else {
            floor.run(&LUIS, "list", &["aplazame", "list"]);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// While not calm: at each tick, maybe one more status fault (a lost answer, or a `5xx` page). When
/// calm, the faults still unused are cleared and returned.
pub fn chaos(floor: &Floor) -> AplazameFaults {
    let mut rng = SplitMix64::new(floor.config.seed ^ 0xC4A0);
    while !floor.calm.load(Ordering::SeqCst) {
        if rng.next_unit() < floor.config.status_fault_rate {
            let code = [500, 502, 503][rng.below(3) as usize];
            let fault = if rng.below(2) == 0 {
                one(|f| f.drop_status_answer = 1)
            } else {
                one(|f| {
                    f.fail_status = 1;
                    f.failure_code = code;
                })
            };
            floor.arm(fault);
        }
        std::thread::sleep(floor.config.chaos_tick);
    }
    let _guard = floor.armed.lock().unwrap();
    let left = floor.aplazame.faults();
    floor.aplazame.set_faults(AplazameFaults::default());
    left
}

/// How the supervisor's settling went.
#[derive(Debug, Clone, Default)]
pub struct Settled {
    pub rounds: usize,
    pub late_resolutions: usize,
    pub late_decisions: usize,
    pub done: bool,
    pub millis: u64,
    pub left: Vec<String>,
}

/// Faults off: until every checkout the till lists is final, or the bound: an unknown create
/// resolved, a checkout still moving read again, one Aplazame asks about decided as planned.
pub fn settle(floor: &Floor) -> Settled {
    let started = Instant::now();
    let mut settled = Settled::default();
    loop {
        settled.rounds += 1;
        let (_, listed) = floor.run(&ROSA, "list", &["aplazame", "list"]);
        let views = listed["checkouts"].as_array().cloned().unwrap_or_default();
        let mut left = Vec::new();
        for view in &views {
            let id = view["orderId"].as_str().unwrap_or_default();
            let state = view["state"].as_str().unwrap_or_default();
            let status = view["status"].as_str();
            if matches!(state, "unknown" | "sending") {
                left.push(format!("{id} {state}"));
                // One the plan leaves to an IPN gets a grace first: with the faults off, Aplazame's
                // next attempt gets through Central and the relay.
                let waiting = by_ipn(floor, id) && started.elapsed() < floor.config.ipn_grace;
                if !waiting && resolve(floor, id) {
                    settled.late_resolutions += 1;
                }
            } else if state == "created" && !matches!(status, Some("ok" | "ko")) {
                left.push(format!("{id} {}", still(view)));
                let planned = planned_decision(floor, id);
                if view["canDecide"] == true
                    && let Some(confirm) = planned
                {
                    settled.late_decisions += 1;
                    decide_now(floor, id, confirm);
                } else {
                    floor.run(&ROSA, "status", &["aplazame", "status", id]);
                }
            }
        }
        if views.len() < floor.sales.len() {
            left.push(format!("{} of {} listed", views.len(), floor.sales.len()));
        }
        settled.done = left.is_empty();
        if settled.done || started.elapsed() >= floor.config.settle_bound {
            settled.left = left;
            settled.millis = started.elapsed().as_millis() as u64;
            return settled;
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn still(view: &Value) -> String {
    format!(
        "{}/{}",
        view["status"].as_str().unwrap_or("-"),
        view["statusReason"].as_str().unwrap_or("-")
    )
}

/// The sale whose create took `order_id`.
fn sale_of<'a>(floor: &'a Floor, order_id: &str) -> Option<&'a plan::PlannedSale> {
    let creates = floor.creates.lock().unwrap();
    let created = creates.iter().find(|c| c.order_id == order_id)?;
    floor.sales.get(created.sale)
}

/// The planned decision of the sale whose create took `order_id`.
fn planned_decision(floor: &Floor, order_id: &str) -> Option<bool> {
    sale_of(floor, order_id)?.fate.decision()
}

/// Whether the plan leaves the lost create of `order_id` to an IPN.
fn by_ipn(floor: &Floor, order_id: &str) -> bool {
    sale_of(floor, order_id).is_some_and(|sale| {
        matches!(
            sale.lost,
            Lost::Dropped { by_ipn: true } | Lost::Garbled { by_ipn: true }
        )
    })
}
