//! The harness's own seeded generator (splitmix64), so that a run's operations, codes, kills and kill
//! delays depend on the seed alone. The sandbox draws its faults from its own generator, seeded apart.

/// Steele, Lea and Flood's splitmix64.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..1`.
    pub fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..bound` (`bound` > 0); the modulo bias is negligible for the small bounds used.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }

    /// `wanted` distinct elements of `pool`, in random order (a partial Fisher-Yates shuffle).
    pub fn choose_distinct<T: Copy>(&mut self, pool: &[T], wanted: usize) -> Vec<T> {
        let mut pool = pool.to_vec();
        let wanted = wanted.min(pool.len());
        for index in 0..wanted {
            let remaining = (pool.len() - index) as u64;
            let pick = index + self.below(remaining) as usize;
            pool.swap(index, pick);
        }
        pool.truncate(wanted);
        pool
    }
}
