//! The country a store sells in, and what follows from it: the currency its amounts are counted in
//! (integer minor units either way), the time zone its days are cut in (from the time zone database, so
//! Madrid's daylight saving moves with it), the locale its screens and papers speak, the identity
//! documents a customer may show, and the providers the till offers. A till is configured for one
//! country: Peru (aCuotaz and aPagos, soles) or Spain (Aplazame, euros).
//!
//! Which country and which providers it offers are [`crate::offers`]' (a leaf the error type names
//! too), re-exported here. This module knows names and rules, never a provider client or a word shown
//! to a person.

use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

pub use crate::offers::{Country, Provider};

/// A kind of identity document a customer may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Peru's DNI: 8 digits.
    DniPe,
    /// Peru's RUC: 11 digits with a check digit.
    Ruc,
    /// Spain's DNI: 8 digits and a control letter.
    DniEs,
    /// Spain's NIE: X, Y or Z, 7 digits and a control letter.
    Nie,
    /// Spain's CIF/NIF of a company: a letter, 7 digits and a control character.
    Cif,
}

impl Country {
    /// ISO 4217.
    pub fn currency(self) -> &'static str {
        match self {
            Country::Peru => "PEN",
            Country::Spain => "EUR",
        }
    }

    /// An amount in the country's minor units as the store writes it: `S/ 1,234.50`, `1.234,50 €`.
    pub fn money_text(self, minor: i64) -> String {
        match self {
            Country::Peru => providers::Soles::from_centimos(minor).to_string(),
            Country::Spain => providers::euros::Euros::from_cents(minor).to_string(),
        }
    }

    /// What a person typed as an amount of the country's money, in minor units: Peru's `1,234.50`
    /// or Spain's `1.234,50` (each country's own reading, with its own refusals of ambiguous texts).
    pub fn parse_money(self, typed: &str) -> Option<i64> {
        match self {
            Country::Peru => typed.parse::<providers::Soles>().ok().map(|s| s.centimos()),
            Country::Spain => providers::euros::typed::parse(typed).ok(),
        }
    }

    /// The IANA zone the store's days are cut in.
    pub fn time_zone_name(self) -> &'static str {
        match self {
            Country::Peru => crate::clock::LIMA,
            Country::Spain => "Europe/Madrid",
        }
    }

    /// The zone from the database bundled into the binary; that lookup cannot fail at run time, so
    /// the fallback (UTC, loudly wrong rather than a panic) is never expected to be used.
    pub fn time_zone(self) -> TimeZone {
        match self {
            Country::Peru => crate::clock::lima(),
            Country::Spain => TimeZone::get(self.time_zone_name()).unwrap_or(TimeZone::UTC),
        }
    }

    /// The calendar day an instant falls on in the store.
    pub fn day_of(self, instant: Timestamp) -> Date {
        instant.to_zoned(self.time_zone()).date()
    }

    /// The locale of the store's screens and papers in Spanish (`es-PE`, `es-ES`).
    pub fn locale(self) -> &'static str {
        match self {
            Country::Peru => "es-PE",
            Country::Spain => "es-ES",
        }
    }

    /// The documents a customer may identify with, persons first.
    pub fn documents(self) -> &'static [DocumentKind] {
        match self {
            Country::Peru => &[DocumentKind::DniPe, DocumentKind::Ruc],
            Country::Spain => &[DocumentKind::DniEs, DocumentKind::Nie, DocumentKind::Cif],
        }
    }
}

impl FromStr for Country {
    type Err = crate::error::TillError;

    /// `PE` or `ES` (any case), or the country's name in Spanish or English.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_lowercase().as_str() {
            "pe" | "per" | "peru" | "perú" => Ok(Country::Peru),
            "es" | "esp" | "spain" | "españa" | "espana" => Ok(Country::Spain),
            _ => Err(crate::error::TillError::invalid(
                "country",
                text,
                crate::error::InputProblem::UnknownCountry,
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a timestamp")
    }

    #[test]
    fn each_country_has_its_currency_zone_documents_and_providers() {
        assert_eq!(Country::default(), Country::Peru);
        assert_eq!(Country::Peru.currency(), "PEN");
        assert_eq!(Country::Spain.currency(), "EUR");
        assert_eq!(Country::Spain.time_zone_name(), "Europe/Madrid");
        assert!(Country::Spain.offers(Provider::Aplazame));
        assert!(!Country::Spain.offers(Provider::Acuotaz));
        assert!(Country::Peru.offers(Provider::Apagos));
        assert!(!Country::Peru.offers(Provider::Aplazame));
        assert_eq!(
            Country::Spain.documents(),
            &[DocumentKind::DniEs, DocumentKind::Nie, DocumentKind::Cif]
        );
    }

    #[test]
    fn madrid_days_follow_daylight_saving_from_the_database() {
        // 29 March 2026: clocks go from 02:00 CET (UTC+1) to 03:00 CEST (UTC+2).
        assert_eq!(
            Country::Spain.day_of(at("2026-03-28T22:59:59Z")),
            jiff::civil::date(2026, 3, 28)
        );
        assert_eq!(
            Country::Spain.day_of(at("2026-03-28T23:00:00Z")),
            jiff::civil::date(2026, 3, 29)
        );
        // In summer the day starts at 22:00 UTC the evening before.
        assert_eq!(
            Country::Spain.day_of(at("2026-07-14T21:59:59Z")),
            jiff::civil::date(2026, 7, 14)
        );
        assert_eq!(
            Country::Spain.day_of(at("2026-07-14T22:00:00Z")),
            jiff::civil::date(2026, 7, 15)
        );
        // Lima stays UTC-5 all year.
        assert_eq!(
            Country::Peru.day_of(at("2026-07-15T04:59:59Z")),
            jiff::civil::date(2026, 7, 14)
        );
    }

    #[test]
    fn read_from_a_code_or_a_name_and_saved_as_the_code() {
        assert_eq!("es".parse::<Country>().unwrap(), Country::Spain);
        assert_eq!(" España ".parse::<Country>().unwrap(), Country::Spain);
        assert_eq!("PE".parse::<Country>().unwrap(), Country::Peru);
        assert!("FR".parse::<Country>().is_err());
        assert_eq!(serde_json::to_string(&Country::Spain).unwrap(), "\"ES\"");
        assert_eq!(
            serde_json::from_str::<Country>("\"PE\"").unwrap(),
            Country::Peru
        );
    }
}
