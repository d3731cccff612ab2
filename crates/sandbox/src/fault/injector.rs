//! The plan in force, the seeded generator that draws for its probabilities, and the tally of faults
//! injected, behind one lock so that a plan, its draws and its counts always go together.
//!
//! The generator is splitmix64, seeded from the configuration (or the admin route), so a run that sends
//! the same requests in the same order meets the same faults. Concurrent requests draw in whatever
//! order they reach the lock, so only a sequential run is exactly reproducible.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::plan::{Endpoint, Fault, FaultKind, FaultPlan};

/// How many faults of each kind hit each endpoint since the sandbox started.
pub type FaultCounts = BTreeMap<(Endpoint, FaultKind), u64>;

pub(crate) struct FaultInjector {
    inner: Mutex<Inner>,
}

struct Inner {
    plan: FaultPlan,
    generator: SplitMix64,
    counts: FaultCounts,
}

impl FaultInjector {
    pub(crate) fn new(plan: FaultPlan, seed: u64) -> Self {
        FaultInjector {
            inner: Mutex::new(Inner {
                plan,
                generator: SplitMix64(seed),
                counts: FaultCounts::new(),
            }),
        }
    }

    /// Nothing here is left half-changed by a panic: keep injecting.
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn plan(&self) -> FaultPlan {
        self.lock().plan.clone()
    }

    /// Puts `plan` in force from the next request on; with `seed`, the generator restarts from it.
    /// The counts carry on.
    pub(crate) fn replace(&self, plan: FaultPlan, seed: Option<u64>) {
        let mut inner = self.lock();
        inner.plan = plan;
        if let Some(seed) = seed {
            inner.generator = SplitMix64(seed);
        }
    }

    pub(crate) fn reseed(&self, seed: u64) {
        self.lock().generator = SplitMix64(seed);
    }

    /// The fault for one request to `endpoint`, if the plan's draw gives one. Nothing is counted yet:
    /// see [`FaultInjector::count`].
    pub(crate) fn draw(&self, endpoint: Endpoint) -> Option<Fault> {
        let mut inner = self.lock();
        let Inner {
            plan, generator, ..
        } = &mut *inner;
        plan.choose(endpoint, || generator.next_unit())
    }

    /// Records one fault that changed what a client of `endpoint` sees.
    pub(crate) fn count(&self, endpoint: Endpoint, kind: FaultKind) {
        *self.lock().counts.entry((endpoint, kind)).or_insert(0) += 1;
    }

    pub(crate) fn counts(&self) -> FaultCounts {
        self.lock().counts.clone()
    }
}

/// Steele, Lea and Flood's splitmix64: tiny, fast, and good enough to spread faults over a run.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..1`: the top 53 bits as the fraction of an `f64`. Never 1, so a probability of 1
    /// always wins and one of 0 never does.
    fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_reproducible_and_spread() {
        let draws = |seed| {
            let mut generator = SplitMix64(seed);
            (0..1000).map(|_| generator.next_unit()).collect::<Vec<_>>()
        };
        let first = draws(42);
        assert_eq!(first, draws(42));
        assert_ne!(first, draws(43));
        assert!(first.iter().all(|draw| (0.0..1.0).contains(draw)));
        let below_a_fifth = first.iter().filter(|draw| **draw < 0.2).count();
        assert!((150..250).contains(&below_a_fifth), "{below_a_fifth}");
    }

    #[test]
    fn splitmix64_matches_its_reference_output() {
        // The first outputs for seed 1234567, from the reference implementation.
        let mut generator = SplitMix64(1_234_567);
        assert_eq!(generator.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(generator.next_u64(), 3_203_168_211_198_807_973);
    }
}
