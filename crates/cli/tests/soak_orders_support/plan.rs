//! What an orders soak does, decided from the configuration and the seed: the sandbox's faults on the
//! orders endpoints, the sales to start (each with its own customer, so a second order for one sale
//! shows as a second order for one DNI), which of them the customer takes to funded, and the refunds
//! and cancels each order then gets.

use sandbox::{Endpoint, FaultPlan, FaultRule};

use super::OrdersSoakConfig;
use crate::soak_support::plan::breaking_faults;
use crate::soak_support::rng::SplitMix64;

/// The orders API's endpoints a till calls to create, follow, cancel and refund.
pub const SOAKED_ENDPOINTS: [Endpoint; 7] = [
    Endpoint::LandingConfig,
    Endpoint::OrderCreate,
    Endpoint::OrderInfo,
    Endpoint::OrderConfirm,
    Endpoint::OrderCancel,
    Endpoint::TotalRefund,
    Endpoint::PartialRefund,
];

/// On each soaked endpoint the eleven breaking faults (5xx, drops before and after the effect, cut
/// bodies, hangs past the timeout, the HTML portal, 200s that are not the provider's), so that a
/// request meets one with probability `F`, F/11 each (rule `k` drawn with `(F/11) / (1 - k·F/11)`,
/// as the sandbox tries rules in order).
pub fn fault_plan(config: &OrdersSoakConfig) -> FaultPlan {
    let faults = breaking_faults(config.hang_millis);
    let share = config.fault_rate.clamp(0.0, 1.0) / faults.len() as f64;
    let mut rules = Vec::new();
    for endpoint in SOAKED_ENDPOINTS {
        for (position, fault) in faults.iter().enumerate() {
            let left = 1.0 - share * position as f64;
            let probability = if left > 0.0 {
                (share / left).min(1.0)
            } else {
                1.0
            };
            rules.push(FaultRule::new(Some(endpoint), *fault, probability).expect("0..=1"));
        }
    }
    FaultPlan::new(rules)
}

/// One sale to start: `caja order create` for its own customer.
#[derive(Debug, Clone)]
pub struct PlannedCreate {
    pub index: usize,
    pub dni: String,
    pub centimos: i64,
    /// Whether the customer takes it to funded (else it stays waiting, and the store cancels it).
    pub funded: bool,
    /// SIGKILL this far into the kill window after the spawn, if still running.
    pub kill_at: Option<f64>,
}

/// The sales: amounts from S/ 100 to S/ 5,000 in whole tens of céntimos, a share funded, and
/// `kills / 2` of them killed.
pub fn creates(config: &OrdersSoakConfig) -> Vec<PlannedCreate> {
    let mut rng = SplitMix64::new(config.seed);
    let mut sales: Vec<PlannedCreate> = (0..config.orders)
        .map(|index| PlannedCreate {
            index,
            dni: (30_000_000 + index).to_string(),
            centimos: 10_000 + 10 * rng.below(49_000) as i64,
            funded: rng.next_unit() < config.funded_share,
            kill_at: None,
        })
        .collect();
    let all: Vec<usize> = (0..sales.len()).collect();
    for index in rng.choose_distinct(&all, config.kills / 2) {
        sales[index].kill_at = Some(rng.next_unit());
    }
    sales
}

/// What the store does with an order after the customer's turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `caja order refund ID --amount X`.
    Partial { centimos: i64 },
    /// `caja order refund ID`: what is left.
    Total,
    /// `caja order cancel ID`.
    Cancel,
}

/// One `caja` process of the second phase.
#[derive(Debug, Clone)]
pub struct PlannedStep {
    pub order_id: String,
    pub step: Step,
    pub kill_at: Option<f64>,
}

/// Each order's steps, run one after the other (orders run side by side). A funded order gets one of:
/// a total refund; a partial then the total; two partials then the total; a partial above its amount
/// (refused here, nothing sent) then the total. An order left waiting is canceled, sometimes twice (the
/// second is "already canceled": done). The other `kills - kills / 2` steps are killed.
pub fn steps(config: &OrdersSoakConfig, orders: &[(String, i64, bool)]) -> Vec<Vec<PlannedStep>> {
    let mut rng = SplitMix64::new(config.seed.wrapping_add(1));
    let mut lanes: Vec<Vec<PlannedStep>> = orders
        .iter()
        .map(|(order_id, centimos, funded)| {
            let partial = |rng: &mut SplitMix64| Step::Partial {
                centimos: 100 + rng.below((*centimos / 3).max(1) as u64) as i64,
            };
            let steps = match (*funded, rng.below(4)) {
                (false, 0) => vec![Step::Cancel, Step::Cancel],
                (false, _) => vec![Step::Cancel],
                (true, 0) => vec![Step::Total],
                (true, 1) => vec![partial(&mut rng), Step::Total],
                (true, 2) => vec![partial(&mut rng), partial(&mut rng), Step::Total],
                (true, _) => vec![
                    Step::Partial {
                        centimos: centimos + 100,
                    },
                    Step::Total,
                ],
            };
            steps
                .into_iter()
                .map(|step| PlannedStep {
                    order_id: order_id.clone(),
                    step,
                    kill_at: None,
                })
                .collect()
        })
        .collect();
    let all: Vec<(usize, usize)> = lanes
        .iter()
        .enumerate()
        .flat_map(|(lane, steps)| (0..steps.len()).map(move |step| (lane, step)))
        .collect();
    for (lane, step) in rng.choose_distinct(&all, config.kills - config.kills / 2) {
        lanes[lane][step].kill_at = Some(rng.next_unit());
    }
    lanes
}

/// Soles as typed: `579.90`.
pub fn soles(centimos: i64) -> String {
    format!("{}.{:02}", centimos / 100, centimos % 100)
}
