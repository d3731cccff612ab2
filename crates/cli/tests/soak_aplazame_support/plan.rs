//! The plan of an Aplazame soak, drawn from the seed alone: one sale per planned checkout, each
//! with the buyer's fate (what they do on their phone and how the cashier answers a confirmation),
//! its cart and customer, and the fault its create meets (none, a lost answer, a garbled one, a
//! `5xx`) with who settles it (a supervisor with `caja aplazame resolve`, or the IPN the buyer's
//! next move sends through Central). A sale's expected end at the simulator follows from its fate
//! and fault.

use crate::soak_support::rng::SplitMix64;

use super::AplazameSoakConfig;

/// What the buyer (and the cashier) do with a checkout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fate {
    /// `start`, `complete`; the cashier confirms: `ok`.
    Confirmed,
    /// `start`, `challenge`, `pass_challenge`; the cashier confirms: `ok`.
    ChallengedConfirmed,
    /// `start`, `complete`; the cashier rejects: `ko`/`confirmation_rejected_by_merchant`.
    Rejected,
    /// `start`, `challenge`, `fail_challenge`: `ko`/`failed_challenge`.
    FailedChallenge,
    /// Never opened, left to expire: `ko`/`expired`.
    Expired,
    /// `start`, Aplazame denies: `ko`/`ko_generic`.
    Denied,
    /// The simulator's rule: a `ko…` email or above 3.000,00 €: `403`, nothing created.
    NotFinanced,
}

impl Fate {
    pub const ALL: [Fate; 7] = [
        Fate::Confirmed,
        Fate::ChallengedConfirmed,
        Fate::Rejected,
        Fate::FailedChallenge,
        Fate::Expired,
        Fate::Denied,
        Fate::NotFinanced,
    ];

    /// The buyer's actions at the simulator, in order.
    pub fn actions(self) -> &'static [&'static str] {
        match self {
            Fate::Confirmed | Fate::Rejected => &["start", "complete"],
            Fate::ChallengedConfirmed => &["start", "challenge", "pass_challenge"],
            Fate::FailedChallenge => &["start", "challenge", "fail_challenge"],
            Fate::Expired => &["expire"],
            Fate::Denied => &["start", "deny"],
            Fate::NotFinanced => &[],
        }
    }

    /// The cashier's answer once Aplazame asks the store: `Some(true)` confirm, `Some(false)`
    /// reject.
    pub fn decision(self) -> Option<bool> {
        match self {
            Fate::Confirmed | Fate::ChallengedConfirmed => Some(true),
            Fate::Rejected => Some(false),
            _ => None,
        }
    }
}

/// The fault a sale's create meets at the simulator, and who settles an unknown create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lost {
    /// Answered: no fault.
    No,
    /// Created, the connection closed without an answer; settled by a supervisor or by an IPN.
    Dropped { by_ipn: bool },
    /// Created, answered `201` with a portal's HTML page; settled by a supervisor or by an IPN.
    Garbled { by_ipn: bool },
    /// `503` before anything was created: a supervisor says it was never sent.
    Failed,
}

/// One sale as planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedSale {
    pub index: usize,
    pub fate: Fate,
    pub lost: Lost,
    /// `caja aplazame checkout --item` values.
    pub items: Vec<String>,
    /// The cart's total with IVA, in cents, as the till computes it.
    pub cents: i64,
    pub email: String,
}

impl PlannedSale {
    /// Where the sale ends at the simulator: its stage label, or `None` when nothing is there.
    pub fn expected_stage(&self) -> Option<&'static str> {
        if self.fate == Fate::NotFinanced || self.lost == Lost::Failed {
            return None;
        }
        Some(match self.fate {
            Fate::Confirmed | Fate::ChallengedConfirmed => "ok",
            Fate::Rejected => "ko/confirmation_rejected_by_merchant",
            Fate::FailedChallenge => "ko/failed_challenge",
            Fate::Expired => "ko/expired",
            Fate::Denied => "ko/ko_generic",
            Fate::NotFinanced => unreachable!(),
        })
    }

    /// Where it ends at the till: its create state, or `status[/reason]` once created.
    pub fn expected_till(&self) -> &'static str {
        match (self.fate, self.lost) {
            (Fate::NotFinanced, _) => "not_financed",
            (_, Lost::Failed) => "abandoned",
            _ => self.expected_stage().unwrap_or("-"),
        }
    }
}

/// The sales of a run: every fate and every lost create at least once, then drawn at random.
pub fn sales(config: &AplazameSoakConfig) -> Vec<PlannedSale> {
    let mut rng = SplitMix64::new(config.seed);
    let mut fates: Vec<Fate> = Fate::ALL.to_vec();
    let drawn = [
        Fate::Confirmed,
        Fate::Confirmed,
        Fate::ChallengedConfirmed,
        Fate::Rejected,
        Fate::FailedChallenge,
        Fate::Expired,
        Fate::Denied,
        Fate::NotFinanced,
    ];
    while fates.len() < config.sales {
        fates.push(drawn[rng.below(drawn.len() as u64) as usize]);
    }
    let order = rng.choose_distinct(&(0..fates.len()).collect::<Vec<_>>(), fates.len());
    let fates: Vec<Fate> = order.into_iter().map(|at| fates[at]).collect();
    // The lost creates: each kind at least once, on sales Aplazame finances (never the first, so
    // the run starts with a create that works).
    let financed: Vec<usize> = (1..fates.len())
        .filter(|&at| fates[at] != Fate::NotFinanced)
        .collect();
    let kinds = [
        Lost::Dropped { by_ipn: false },
        Lost::Dropped { by_ipn: true },
        Lost::Garbled { by_ipn: false },
        Lost::Garbled { by_ipn: true },
        Lost::Failed,
    ];
    let mut losts = vec![Lost::No; fates.len()];
    let wanted = config.lost_creates.max(kinds.len()).min(financed.len());
    for (n, at) in rng
        .choose_distinct(&financed, wanted)
        .into_iter()
        .enumerate()
    {
        losts[at] = kinds.get(n).copied().unwrap_or_else(|| {
            let by_ipn = rng.below(2) == 0;
            if rng.below(2) == 0 {
                Lost::Dropped { by_ipn }
            } else {
                Lost::Garbled { by_ipn }
            }
        });
    }
    fates
        .into_iter()
        .zip(losts)
        .enumerate()
        .map(|(index, (fate, lost))| sale(index, fate, lost, &mut rng))
        .collect()
}

fn sale(index: usize, fate: Fate, lost: Lost, rng: &mut SplitMix64) -> PlannedSale {
    let shoes = 1 + rng.below(3) as i64;
    let mut items = vec![format!("Zapatillas;{shoes};59,90;21")];
    let mut cents = shoes * 5_990;
    if rng.below(2) == 0 {
        items.push("Calcetines;1;20,00;10".to_owned());
        cents += 2_000;
    }
    let mut email = format!("soak.{index:02}@example.es");
    if fate == Fate::NotFinanced {
        // Half refused by the email, half by the amount.
        if rng.below(2) == 0 {
            email = format!("ko.soak.{index:02}@example.es");
        } else {
            items.push("Bicicleta;1;3200,00;21".to_owned());
            cents += 320_000;
        }
    }
    PlannedSale {
        index,
        fate,
        lost,
        items,
        cents,
        email,
    }
}

/// Caja's order id of the `n`th create of the run (from 0): the till numbers every create it
/// journals.
pub fn order_id(n: usize) -> String {
    format!("T01-C1-A{:06}", n + 1)
}
