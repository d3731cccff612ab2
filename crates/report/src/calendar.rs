//! Dates and times as a store in Peru reads them: Lima's clock, day before month, Spanish names.
//!
//! Timestamps are stored in UTC; every time printed on a report is Lima time and says so.

use jiff::civil::{Date, Weekday};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, civil::DateTime};

/// Lima's time zone, from the system's (or jiff's bundled) time zone database. Peru has kept UTC−5
/// without daylight saving since 1994, so if no database can be found a fixed −05:00 gives the same
/// clock for every date a till will print, and the report still prints.
pub(crate) fn lima() -> TimeZone {
    TimeZone::get("America/Lima").unwrap_or_else(|_| TimeZone::fixed(Offset::constant(-5)))
}

/// `domingo 22 de noviembre de 2026`.
pub(crate) fn long_date(date: Date) -> String {
    let weekday = match date.weekday() {
        Weekday::Monday => "lunes",
        Weekday::Tuesday => "martes",
        Weekday::Wednesday => "miércoles",
        Weekday::Thursday => "jueves",
        Weekday::Friday => "viernes",
        Weekday::Saturday => "sábado",
        Weekday::Sunday => "domingo",
    };
    const MONTHS: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let month = MONTHS[usize::try_from(date.month() - 1).unwrap_or(0)];
    format!("{weekday} {} de {month} de {}", date.day(), date.year())
}

/// `22/11/2026`.
pub(crate) fn short_date(date: Date) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// `22/11/2026 14:05`, on Lima's clock.
pub(crate) fn date_time(lima: &TimeZone, at: Timestamp) -> String {
    let local = lima.to_datetime(at);
    format!("{} {}", short_date(local.date()), hour_minute(local))
}

/// `14:05`, on Lima's clock.
pub(crate) fn time(lima: &TimeZone, at: Timestamp) -> String {
    hour_minute(lima.to_datetime(at))
}

fn hour_minute(local: DateTime) -> String {
    format!("{:02}:{:02}", local.hour(), local.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn spanish_long_and_short_dates() {
        assert_eq!(
            long_date(date(2026, 11, 22)),
            "domingo 22 de noviembre de 2026"
        );
        assert_eq!(
            long_date(date(2026, 9, 2)),
            "miércoles 2 de septiembre de 2026"
        );
        assert_eq!(short_date(date(2026, 1, 5)), "05/01/2026");
    }

    #[test]
    fn times_are_on_limas_clock() {
        let lima = lima();
        // 19:05 UTC is 14:05 in Lima; 03:30 UTC is still the previous evening there.
        let afternoon: Timestamp = "2026-11-22T19:05:00Z".parse().unwrap();
        assert_eq!(date_time(&lima, afternoon), "22/11/2026 14:05");
        let night: Timestamp = "2026-11-23T03:30:00Z".parse().unwrap();
        assert_eq!(date_time(&lima, night), "22/11/2026 22:30");
        assert_eq!(time(&lima, night), "22:30");
    }
}
