//! The count form's views: the store's coins and notes in the order a cashier counts them
//! ([`denominations`]) and a count as typed ([`CountInput`]), read in the country's denominations.

use serde::{Deserialize, Serialize};
use till::Country;
use till::cash::{CashCount, denominations as coins_and_notes, first_note};
use till::error::TillError;
use ts_rs::TS;

/// One coin or note of the store's currency, for the count form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DenominationView {
    pub centimos: i64,
    pub text: String,
    pub coin: bool,
}

/// The country's denominations, largest first (notes, then coins): the order a cashier counts in.
pub fn denominations(country: Country) -> Vec<DenominationView> {
    coins_and_notes(country)
        .iter()
        .rev()
        .map(|minor| DenominationView {
            centimos: *minor,
            text: country.money_text(*minor),
            coin: *minor < first_note(country),
        })
        .collect()
}

/// A count as typed: pieces per denomination.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountInput {
    pub pieces: Vec<PiecesInput>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PiecesInput {
    pub centimos: i64,
    pub pieces: u32,
}

impl CountInput {
    pub fn parse(self, country: Country) -> Result<CashCount, TillError> {
        CashCount::new_in(
            country,
            self.pieces.into_iter().map(|p| (p.centimos, p.pieces)),
        )
    }
}
