//! Who works during a vouchers soak: the till's people set up once, the cashiers (each sale checked,
//! then its transfer registered), the followers (processes racing passes over the transfers and a
//! cashier trying to bill by transfer by hand) and the chaos (aPagos faults armed at random ticks).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use sandbox::{ApagosFaults, ApagosState};

use super::plan::{self, Chaos};
use super::{ACCOUNT, Floor, LUIS, ROSA, Sale, VoucherSoakConfig};
use crate::soak_support::issue::Exit;
use crate::soak_support::rng::SplitMix64;

/// Rosa (supervisor) and Luis (cashier) added, Luis' shift opened: pays need one.
pub fn staff_the_till(floor: &Floor) {
    let add = |who: &[(&str, &str)], name: &str, role: &str, pin: &str| {
        let mut env = who.to_vec();
        env.push(("CAJA_NEW_PIN", pin));
        let args = ["users", "add", "--name", name, "--role", role];
        let answer = floor.caja.run_with(&env, &args, None);
        assert_eq!(answer.exit, Exit::Code(0), "{name}: {}", answer.stderr);
    };
    add(&[], "Rosa Quispe", "supervisor", "2468");
    add(&ROSA, "Luis Mamani", "cashier", "1357");
    let shift = ["shift", "open", "--count", "100=2,10=5"];
    let answer = floor.caja.run_with(&LUIS, &shift, None);
    assert_eq!(answer.exit, Exit::Code(0), "shift open: {}", answer.stderr);
}

/// `caja voucher register` paying `sale`'s down payment.
pub fn register(floor: &Floor, sale: &Sale) -> serde_json::Value {
    let amount = plan::soles(sale.centimos);
    let args = [
        "voucher",
        "register",
        "--amount",
        &amount,
        "--operation",
        &sale.planned.operation,
        "--account",
        ACCOUNT,
        "--dni",
        &sale.dni,
        "--name",
        "Cliente Soak",
        "--receipt",
        &floor.receipt,
        "--customer",
        &sale.dni,
        "--code",
        &sale.code,
    ];
    let answer = floor.run(&LUIS, "register", &args);
    floor.registered.fetch_add(1, Ordering::SeqCst);
    answer
}

/// Every sale checked then registered, `concurrency` at a time.
pub fn cashiers(floor: &Floor, concurrency: usize) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..concurrency.max(1) {
            scope.spawn(|| {
                while let Some(sale) = floor.sales.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let check = ["check", "--dni", &sale.dni, "--funding-code", &sale.code];
                    floor.run(&LUIS, "check", &check);
                    register(floor, sale);
                }
            });
        }
    });
}

/// Until the run stops: a pass over the transfers after another, each a process of its own — `caja
/// sync`, `caja voucher list`, `caja voucher status` of a voucher that exists, or the cashier's `caja
/// pay --tender transferencia` of a sale. Returns how many processes it ran.
pub fn follow(floor: &Floor, seed: u64) -> usize {
    let mut rng = SplitMix64::new(seed);
    let mut passes = 0;
    while !floor.stop.load(Ordering::SeqCst) {
        let registered = floor.registered.load(Ordering::SeqCst);
        match rng.below(10) {
            0..=3 => {
                floor.run(&LUIS, "sync", &["sync", "--timeout", "1"]);
            }
            4..=6 => {
                floor.run(&LUIS, "list", &["voucher", "list"]);
            }
            7 | 8 if registered > 0 => {
                let id = format!("T01-C1-V{:06}", 1 + rng.below(registered as u64));
                floor.run(&LUIS, "status", &["voucher", "status", &id]);
            }
            _ => {
                let sale = &floor.sales[rng.below(floor.sales.len() as u64) as usize];
                let pay = [
                    "pay",
                    "--dni",
                    &sale.dni,
                    "--funding-code",
                    &sale.code,
                    "--tender",
                    "transferencia",
                ];
                floor.run(&LUIS, "pay", &pay);
            }
        }
        passes += 1;
    }
    passes
}

/// While `on`: every tick, more aPagos faults armed (added to those still unused); `armed` sums what
/// was added. When it stops, the faults still unused are cleared and returned.
pub fn chaos(
    config: &VoucherSoakConfig,
    apagos: &ApagosState,
    armed: &Mutex<ApagosFaults>,
    on: &AtomicBool,
) -> ApagosFaults {
    let mut chaos = Chaos::new(config);
    while on.load(Ordering::SeqCst) {
        let more = chaos.tick();
        {
            let mut total = armed.lock().unwrap();
            *total = plan::add(*total, more);
        }
        // Read and replaced back to back: a fault used up in between is armed once more (counted
        // as left unused when it is not used either).
        apagos.set_faults(plan::add(apagos.faults(), more));
        std::thread::sleep(config.chaos_tick);
    }
    let left = apagos.faults();
    apagos.set_faults(ApagosFaults::default());
    left
}
