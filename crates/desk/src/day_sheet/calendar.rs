//! Dates and times as a store in Peru reads them on paper: Lima's clock, day before month, in both
//! languages (the words of a long date are in `wording::report`).
//!
//! Timestamps are stored in UTC; every time printed on a report is Lima time, and the sheet says so.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use till::clock;

/// `22/11/2026`.
pub(crate) fn short_date(date: Date) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// `22/11/2026 14:05`, on Lima's clock.
pub(crate) fn date_time(at: Timestamp) -> String {
    let local = clock::in_lima(at).datetime();
    format!("{} {}", short_date(local.date()), hour_minute(local))
}

/// `14:05`, on Lima's clock.
pub(crate) fn time(at: Timestamp) -> String {
    hour_minute(clock::in_lima(at).datetime())
}

fn hour_minute(local: DateTime) -> String {
    format!("{:02}:{:02}", local.hour(), local.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn short_dates_put_the_day_first() {
        assert_eq!(short_date(date(2026, 1, 5)), "05/01/2026");
    }

    #[test]
    fn times_are_on_limas_clock() {
        // 19:05 UTC is 14:05 in Lima; 03:30 UTC is still the previous evening there.
        let afternoon: Timestamp = "2026-11-22T19:05:00Z".parse().unwrap();
        assert_eq!(date_time(afternoon), "22/11/2026 14:05");
        let night: Timestamp = "2026-11-23T03:30:00Z".parse().unwrap();
        assert_eq!(date_time(night), "22/11/2026 22:30");
        assert_eq!(time(night), "22:30");
    }
}
