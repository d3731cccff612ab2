//! What a soak run does, decided before it starts from the configuration and the seed: the sandbox's
//! fault plan, and the list of operations (kind, code, whether and when the process is killed).

use sandbox::{Endpoint, Fault, FaultPlan, FaultRule};

use super::SoakConfig;
use super::rng::SplitMix64;

/// The endpoints a till calls while paying, undoing and checking; the day summary is not soaked.
pub const SOAKED_ENDPOINTS: [Endpoint; 3] = [
    Endpoint::Info,
    Endpoint::PaidAndBilled,
    Endpoint::UndoBilling,
];

/// The faults that break an exchange, each injected with probability F/11: the network's and the
/// provider's (5xx, drops, cut bodies, hangs) and the `200`s that are not the provider's answer.
pub fn breaking_faults(hang_millis: u64) -> [Fault; 11] {
    [
        Fault::ServerError,
        Fault::BadGateway,
        Fault::Unavailable,
        Fault::DropBeforeEffect,
        Fault::DropAfterEffect,
        Fault::TruncatedBody,
        Fault::WrongShape,
        Fault::Hang {
            millis: hang_millis,
        },
        Fault::PortalPage,
        Fault::PlainTextOk,
        Fault::TruncatedJson,
    ]
}

/// On each soaked endpoint: the eleven breaking faults, so that a request meets one of them with
/// probability exactly `F` (F/11 each), then a short latency on a share of the requests left unbroken.
///
/// The sandbox tries rules in order and the first one whose draw wins applies, so rule `k` (from 0)
/// gets the conditional probability `(F/11) / (1 - k·F/11)`: the unconditional chance of each kind is
/// then F/11, and of any of them F.
pub fn fault_plan(config: &SoakConfig) -> FaultPlan {
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
        let latency = Fault::Latency {
            millis: config.latency_millis,
        };
        rules.push(
            FaultRule::new(Some(endpoint), latency, config.latency_rate.clamp(0.0, 1.0))
                .expect("0..=1"),
        );
    }
    FaultPlan::new(rules)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OpKind {
    Pay,
    Undo,
    Check,
}

impl OpKind {
    /// The `caja` subcommand.
    pub fn command(self) -> &'static str {
        match self {
            OpKind::Pay => "pay",
            OpKind::Undo => "undo",
            OpKind::Check => "check",
        }
    }
}

/// One `caja` process to run.
#[derive(Debug, Clone)]
pub struct PlannedOp {
    pub index: usize,
    pub kind: OpKind,
    /// Index of the soak financing (its code is `8000000 + code_index`).
    pub code_index: u32,
    /// `Some(fraction)` (in `0..1`): SIGKILL the process this far into the kill window after its
    /// spawn, if it is still running (see `SoakConfig::kill_window_ms`).
    pub kill_at: Option<f64>,
}

/// `N` operations: a code drawn uniformly among the `M`, a kind drawn 45 % pay, 30 % undo, 25 %
/// check; then `K` of the pays and undos (the operations that move money) picked to be killed, each
/// at a moment drawn uniformly from the kill window.
pub fn operations(config: &SoakConfig) -> Vec<PlannedOp> {
    let mut rng = SplitMix64::new(config.seed);
    let mut ops: Vec<PlannedOp> = (0..config.operations)
        .map(|index| {
            let code_index = rng.below(u64::from(config.funding_codes.max(1))) as u32;
            let kind = match rng.below(100) {
                0..45 => OpKind::Pay,
                45..75 => OpKind::Undo,
                _ => OpKind::Check,
            };
            PlannedOp {
                index,
                kind,
                code_index,
                kill_at: None,
            }
        })
        .collect();
    let movers: Vec<usize> = ops
        .iter()
        .filter(|op| op.kind != OpKind::Check)
        .map(|op| op.index)
        .collect();
    for index in rng.choose_distinct(&movers, config.kills) {
        ops[index].kill_at = Some(rng.next_unit());
    }
    ops
}
