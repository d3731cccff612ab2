//! Time as the till sees it: instants are stored in UTC and shown in Lima time; a till "day" is a Lima
//! calendar day (Peru is UTC-5 all year, but the rule comes from the time zone database, not a constant).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

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
