//! The orders' clock: the real instant plus a skew that only moves forward, so tests (and the admin
//! route `/__sandbox/clock`) can let hours pass and see orders expire, without waiting. Order times
//! are instants (UTC), as the document's `expiration_ts` is; the Lima day of the down payment API
//! (`lima::Clock`, which may be pinned) is a separate matter.

use std::sync::atomic::{AtomicI64, Ordering};

use jiff::{SignedDuration, Timestamp};

#[derive(Debug, Default)]
pub(crate) struct OrderClock {
    /// Milliseconds added to the real time.
    skew_millis: AtomicI64,
}

impl OrderClock {
    pub(crate) fn now(&self) -> Timestamp {
        let skew = SignedDuration::from_millis(self.skew_millis.load(Ordering::SeqCst));
        Timestamp::now().checked_add(skew).unwrap_or(Timestamp::MAX)
    }

    /// Moves the clock forward by `by` (a negative or zero duration changes nothing).
    pub(crate) fn advance(&self, by: SignedDuration) {
        let millis = i64::try_from(by.as_millis()).unwrap_or(i64::MAX).max(0);
        self.skew_millis.fetch_add(millis, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_moves_forward_only() {
        let clock = OrderClock::default();
        let before = Timestamp::now();
        clock.advance(SignedDuration::from_hours(13));
        clock.advance(SignedDuration::from_hours(-5));
        let now = clock.now();
        assert!(now >= before + SignedDuration::from_hours(13), "{now}");
        assert!(now < before + SignedDuration::from_hours(14), "{now}");
    }
}
