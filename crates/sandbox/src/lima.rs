//! Lima's calendar: which day it is for the till, and the sandbox's clock.
//!
//! A "day" for the till is a calendar day in America/Lima (UTC-5 all year). The clock can be pinned to a
//! fixed day so that tests and screenshots are reproducible: then the day is the pinned one and only the
//! time of day moves, so a payment made "now" always lands on the sandbox's today.

use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::{self, TimeZone};

/// America/Lima from the system's time zone database, or UTC-5 where there is none (Peru has kept UTC-5
/// without daylight saving since 1994, so the fallback gives the same answers).
pub(crate) fn time_zone() -> TimeZone {
    static LIMA: OnceLock<TimeZone> = OnceLock::new();
    LIMA.get_or_init(|| {
        TimeZone::get("America/Lima").unwrap_or_else(|_| TimeZone::fixed(tz::offset(-5)))
    })
    .clone()
}

/// Today's date in Lima.
pub fn today_in_lima() -> Date {
    now_in_lima().date()
}

fn now_in_lima() -> DateTime {
    Timestamp::now().to_zoned(time_zone()).datetime()
}

/// The sandbox's notion of now: the real Lima time, or the real time of day on a pinned day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Clock {
    pinned: Option<Date>,
}

impl Clock {
    pub(crate) fn new(pinned: Option<Date>) -> Self {
        Clock { pinned }
    }

    pub(crate) fn now(&self) -> DateTime {
        let real = now_in_lima();
        match self.pinned {
            Some(day) => day.to_datetime(real.time()),
            None => real,
        }
    }

    pub(crate) fn today(&self) -> Date {
        self.now().date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_clock_stays_on_its_day() {
        let day = jiff::civil::date(2026, 3, 10);
        let clock = Clock::new(Some(day));
        assert_eq!(clock.today(), day);
        assert_eq!(clock.now().date(), day);
    }

    #[test]
    fn lima_is_five_hours_behind_utc() {
        let noon_utc: Timestamp = "2026-07-01T12:00:00Z".parse().unwrap();
        let lima = noon_utc.to_zoned(time_zone()).datetime();
        assert_eq!(lima, jiff::civil::date(2026, 7, 1).at(7, 0, 0, 0));
    }
}
