//! An amount as the screens show it ([`Money`]), in the store's currency, and an instant on the
//! store's clock: soles and Lima in Peru, euros and Madrid in Spain (see `till::country`).

use jiff::Timestamp;
use serde::Serialize;
use till::{Country, Soles};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
/// An amount as the screen shows it: integer céntimos to compare, and the store's text to display (the UI
/// never does arithmetic on amounts).
pub struct Money {
    /// Integer céntimos. A JavaScript `number` holds it exactly: the bridge speaks JSON, whose numbers
    /// JavaScript reads as doubles, exact up to 2^53 céntimos (about 90 trillion soles).
    pub centimos: i64,
    pub text: String,
}

impl From<Soles> for Money {
    fn from(amount: Soles) -> Self {
        Money {
            centimos: amount.centimos(),
            text: amount.to_string(),
        }
    }
}

impl Money {
    /// `minor` units of the country's currency: `S/ 1,234.50` in Peru, `1.234,50 €` in Spain.
    pub fn of(country: Country, minor: i64) -> Money {
        Money {
            centimos: minor,
            text: country.money_text(minor),
        }
    }

    /// An amount the till keeps as [`Soles`] (the shift's, whatever its country), shown in the
    /// country's currency.
    pub fn in_country(country: Country, amount: Soles) -> Money {
        Money::of(country, amount.centimos())
    }
}

/// An instant as the store's clock reads it (`format` as `strftime`'s).
pub fn store_time_text(country: Country, instant: Timestamp, format: &str) -> String {
    instant
        .to_zoned(country.time_zone())
        .strftime(format)
        .to_string()
}
