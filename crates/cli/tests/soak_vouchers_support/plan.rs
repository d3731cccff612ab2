//! What a vouchers soak does, decided from the configuration and the seed: each sale's transfer (its
//! operation number, which makes the simulator answer VALIDATED, INVALID, IN_REVIEW or a corrected
//! amount), which IN_REVIEW ones aPagos' staff later validate, the aCuotaz faults on `paid-and-billed`,
//! and the aPagos faults armed while the cashiers work.

use sandbox::{ApagosFaults, Endpoint, Fault, FaultPlan, FaultRule};

use super::VoucherSoakConfig;
use crate::soak_support::rng::SplitMix64;

/// What aPagos will say of a sale's transfer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fate {
    /// VALIDATED as typed: Caja bills it by itself.
    Validated,
    /// Operation number ending in 77: VALIDATED for S/ 10.00 more; a supervisor accepts it, then billed.
    Corrected,
    /// Starting with 9: INVALID, never billed.
    Invalid,
    /// Starting with 8: IN_REVIEW; `reviewed`: aPagos' staff validate it later (then billed), else it
    /// stays in review and is never billed.
    InReview { reviewed: bool },
}

impl Fate {
    pub fn label(self) -> &'static str {
        match self {
            Fate::Validated => "validated",
            Fate::Corrected => "corrected",
            Fate::Invalid => "invalid",
            Fate::InReview { reviewed: true } => "in review, then validated",
            Fate::InReview { reviewed: false } => "in review",
        }
    }

    /// aPagos ends up saying VALIDATED: the down payment must be billed, once.
    pub fn pays(self) -> bool {
        matches!(
            self,
            Fate::Validated | Fate::Corrected | Fate::InReview { reviewed: true }
        )
    }
}

/// One sale: the soak financing it pays (`index`: its funding code is the sandbox's soak code) and
/// the transfer's operation number.
#[derive(Debug, Clone)]
pub struct PlannedSale {
    pub index: u32,
    pub operation: String,
    pub fate: Fate,
}

/// The sales: about half validated as typed, a sixth corrected, a sixth INVALID, a sixth IN_REVIEW (half
/// of those validated later). Operation numbers are 7 digits and distinct (the index is in them).
pub fn sales(config: &VoucherSoakConfig) -> Vec<PlannedSale> {
    let mut rng = SplitMix64::new(config.seed);
    (0..config.sales as u32)
        .map(|index| {
            let fate = match rng.below(12) {
                0..=5 => Fate::Validated,
                6 | 7 => Fate::Corrected,
                8 | 9 => Fate::Invalid,
                _ => Fate::InReview {
                    reviewed: rng.below(2) == 0,
                },
            };
            let first = match fate {
                Fate::Invalid => 9,
                Fate::InReview { .. } => 8,
                _ => 1 + rng.below(7),
            };
            // Never 66 (another account) nor 77 (corrected) unless corrected.
            let end = match fate {
                Fate::Corrected => 77,
                _ => 10 + rng.below(50),
            };
            PlannedSale {
                index,
                operation: format!("{first}{:04}{end:02}", index % 10_000),
                fate,
            }
        })
        .collect()
}

/// aCuotaz's `paid-and-billed` breaks a share of the time: a 503, an answer dropped before the effect
/// and one dropped after it (the till's outbox sends it again: only the first takes effect).
pub fn fault_plan(config: &VoucherSoakConfig) -> FaultPlan {
    let faults = [
        Fault::Unavailable,
        Fault::DropBeforeEffect,
        Fault::DropAfterEffect,
    ];
    let share = config.billing_fault_rate.clamp(0.0, 1.0) / faults.len() as f64;
    let rules = faults
        .iter()
        .enumerate()
        .map(|(position, fault)| {
            let left = 1.0 - share * position as f64;
            let probability = (share / left.max(share)).min(1.0);
            FaultRule::new(Some(Endpoint::PaidAndBilled), *fault, probability).expect("0..=1")
        })
        .collect();
    FaultPlan::new(rules)
}

/// The aPagos faults armed at each tick while the cashiers work: each counter gets one more with its
/// own chance (a lost register answer, a register failing with a 5xx, a failing `info`, a lost `info`
/// answer), the 5xx status drawn too. The first tick arms one of each, so that every run meets them
/// however fast the machine.
pub struct Chaos {
    rng: SplitMix64,
    rate: f64,
    ticks: u32,
}

impl Chaos {
    pub fn new(config: &VoucherSoakConfig) -> Chaos {
        Chaos {
            rng: SplitMix64::new(config.seed ^ 0xC4A0_5EED),
            rate: config.apagos_fault_rate.clamp(0.0, 1.0),
            ticks: 0,
        }
    }

    /// The faults to add at this tick.
    pub fn tick(&mut self) -> ApagosFaults {
        self.ticks += 1;
        let first = self.ticks == 1;
        let mut draw = |share: f64| u32::from(first || self.rng.next_unit() < self.rate * share);
        let faults = ApagosFaults {
            drop_register_answer: draw(0.25),
            fail_register: draw(0.15),
            fail_info: draw(1.0),
            drop_info_answer: draw(0.5),
            ..ApagosFaults::default()
        };
        ApagosFaults {
            fail_status: [500, 502, 503, 504][self.rng.below(4) as usize],
            ..faults
        }
    }
}

/// Adds `more` to `faults` (the status of the newest 5xx wins).
pub fn add(faults: ApagosFaults, more: ApagosFaults) -> ApagosFaults {
    ApagosFaults {
        drop_register_answer: faults.drop_register_answer + more.drop_register_answer,
        fail_register: faults.fail_register + more.fail_register,
        drop_cancel_answer: faults.drop_cancel_answer + more.drop_cancel_answer,
        fail_cancel: faults.fail_cancel + more.fail_cancel,
        drop_info_answer: faults.drop_info_answer + more.drop_info_answer,
        fail_info: faults.fail_info + more.fail_info,
        fail_status: more.fail_status,
    }
}

/// Soles as typed: `579.90`.
pub fn soles(centimos: i64) -> String {
    format!("{}.{:02}", centimos / 100, centimos % 100)
}
