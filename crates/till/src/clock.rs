//! Time as the till sees it: instants are stored in UTC and shown in Lima time; a till "day" is a Lima
//! calendar day (Peru is UTC-5 all year, but the rule comes from the time zone database, not a constant).
//! [`Clock`] is "now" for rules that run on minutes (the idle lock): the system's, or one a test moves
//! by hand so it need not wait.

use std::sync::{Arc, Mutex};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, Zoned};

use crate::error::{InputProblem, TillError};

pub const LIMA: &str = "America/Lima";

pub fn lima() -> TimeZone {
    // The database is bundled into the binary, so this lookup cannot fail at run time; the fixed offset
    // is the same rule, kept as a fallback rather than a panic.
    TimeZone::get(LIMA).unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(-5)))
}

pub fn in_lima(instant: Timestamp) -> Zoned {
    instant.to_zoned(lima())
}

/// The Lima calendar day an instant falls on.
pub fn lima_day(instant: Timestamp) -> Date {
    in_lima(instant).date()
}

pub fn lima_today() -> Date {
    lima_day(Timestamp::now())
}

/// Where "now" comes from. Clones share one time, so a test can hand a clock to the till and move it.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// `None`: the system clock.
    set_by_hand: Option<Arc<Mutex<Timestamp>>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that stands at `start` until [`Clock::advance`] moves it.
    pub fn by_hand(start: Timestamp) -> Clock {
        Clock {
            set_by_hand: Some(Arc::new(Mutex::new(start))),
        }
    }

    pub fn now(&self) -> Timestamp {
        match &self.set_by_hand {
            Some(time) => *time.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
            None => Timestamp::now(),
        }
    }

    /// Moves a hand-set clock forward; the system clock cannot be moved, so this does nothing to it.
    pub fn advance(&self, by: SignedDuration) {
        if let Some(time) = &self.set_by_hand {
            let mut time = time.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            *time = time.saturating_add(by).unwrap_or(*time);
        }
    }
}

/// Reads a day typed as `YYYY-MM-DD`.
pub fn parse_day(typed: &str) -> Result<Date, TillError> {
    let text = typed.trim();
    let well_formed = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    well_formed
        .then(|| text.parse::<Date>().ok())
        .flatten()
        .ok_or_else(|| TillError::invalid("day", typed, InputProblem::Day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lima_day_is_utc_minus_five() {
        let late_evening_in_lima: Timestamp = "2026-11-23T04:30:00Z".parse().unwrap();
        assert_eq!(lima_day(late_evening_in_lima).to_string(), "2026-11-22");
        let morning: Timestamp = "2026-11-23T05:00:00Z".parse().unwrap();
        assert_eq!(lima_day(morning).to_string(), "2026-11-23");
    }

    #[test]
    fn a_clock_set_by_hand_moves_only_when_told_and_its_clones_follow() {
        let start: Timestamp = "2026-11-23T15:00:00Z".parse().unwrap();
        let clock = Clock::by_hand(start);
        let shared = clock.clone();
        assert_eq!(clock.now(), start);
        shared.advance(SignedDuration::from_mins(6));
        assert_eq!(clock.now(), start + SignedDuration::from_mins(6));
        let system = Clock::system();
        assert!(system.now() >= Timestamp::now() - SignedDuration::from_secs(5));
    }

    #[test]
    fn days_are_strict_iso_dates() {
        assert_eq!(parse_day(" 2026-11-22 ").unwrap().to_string(), "2026-11-22");
        for bad in [
            "2026-02-30",
            "22/11/2026",
            "2026-1-2",
            "",
            "2026-11-22T00:00",
        ] {
            let error = parse_day(bad).unwrap_err();
            assert_eq!(error.field(), Some("day"), "{bad}");
        }
    }
}
