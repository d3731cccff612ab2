//! Counting the drawer: the store's coins and notes (Peru's S/ 0.10 to S/ 200, Spain's 1 cent to
//! 500 €) and a count of each, as a cashier does it at opening and at closing. A count is pieces per
//! denomination in minor units; its total is computed, never typed, so a count cannot disagree with
//! itself. A leaf: the shift stores counts (checked against its country's denominations), the closing
//! compares them.

use std::collections::BTreeMap;

use providers::Soles;
use serde::{Deserialize, Serialize};

use crate::country::Country;
use crate::error::{InputProblem, TillError};

/// The PEN denominations in céntimos, smallest first: coins 0.10 to 5, notes 10 to 200.
pub const DENOMINATIONS: [i64; 11] = [
    10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000,
];

/// Below this, a denomination is a coin (Peru).
pub const FIRST_NOTE: i64 = 1_000;

/// The EUR denominations in cents, smallest first: coins 1 cent to 2 €, notes 5 € to 500 €.
pub const EURO_DENOMINATIONS: [i64; 15] = [
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000,
];

/// The coins and notes of the country's currency, in minor units, smallest first.
pub fn denominations(country: Country) -> &'static [i64] {
    match country {
        Country::Peru => &DENOMINATIONS,
        Country::Spain => &EURO_DENOMINATIONS,
    }
}

/// Below this, a denomination of the country's currency is a coin.
pub fn first_note(country: Country) -> i64 {
    match country {
        Country::Peru => FIRST_NOTE,
        Country::Spain => 500,
    }
}

/// More pieces of one denomination than any drawer holds: a typing mistake.
const MAX_PIECES: u32 = 100_000;

/// How many pieces of each denomination were counted. Denominations not listed count zero.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct CashCount {
    /// Céntimos of the denomination → pieces.
    #[cfg_attr(feature = "typescript", ts(type = "Record<string, number>"))]
    pub pieces: BTreeMap<i64, u32>,
}

impl CashCount {
    /// A Peruvian count from `(denomination in céntimos, pieces)` pairs: see [`CashCount::new_in`].
    pub fn new(pairs: impl IntoIterator<Item = (i64, u32)>) -> Result<CashCount, TillError> {
        CashCount::new_in(Country::Peru, pairs)
    }

    /// A count from `(denomination in minor units, pieces)` pairs, checked: only the country's
    /// denominations, and pieces a drawer can hold. Zero pieces are dropped.
    pub fn new_in(
        country: Country,
        pairs: impl IntoIterator<Item = (i64, u32)>,
    ) -> Result<CashCount, TillError> {
        let mut pieces = BTreeMap::new();
        for (denomination, count) in pairs {
            if !denominations(country).contains(&denomination) {
                return Err(TillError::invalid(
                    "count",
                    &country.money_text(denomination),
                    InputProblem::Denomination,
                ));
            }
            if count > MAX_PIECES {
                return Err(TillError::invalid(
                    "count",
                    &count.to_string(),
                    InputProblem::PieceCount,
                ));
            }
            if count > 0 {
                *pieces.entry(denomination).or_insert(0) += count;
            }
        }
        Ok(CashCount { pieces })
    }

    /// Whether every denomination counted is one of the country's: what a shift checks a count it is
    /// given against, whoever built it.
    pub fn check(&self, country: Country) -> Result<(), TillError> {
        CashCount::new_in(country, self.pieces.iter().map(|(d, p)| (*d, *p))).map(drop)
    }

    /// A Peruvian count as text: see [`CashCount::parse_in`].
    pub fn parse(text: &str) -> Result<CashCount, TillError> {
        CashCount::parse_in(Country::Peru, text)
    }

    /// Reads `200=3,100=1,0.50=4` (denomination with a decimal point `=` pieces, separated by commas,
    /// spaces or new lines), the form the CLI takes from flags and files, in either country: the comma
    /// separates pairs, so a denomination's decimals always follow a point (`0.50`, Spain's too). A
    /// JSON object `{"200": 3}` also works.
    pub fn parse_in(country: Country, text: &str) -> Result<CashCount, TillError> {
        let trimmed = text.trim();
        if trimmed.starts_with('{') {
            let map: BTreeMap<String, u32> = serde_json::from_str(trimmed)
                .map_err(|_| TillError::invalid("count", trimmed, InputProblem::CountFormat))?;
            return CashCount::new_in(
                country,
                map.iter()
                    .map(|(denomination, count)| Ok((denomination_centimos(denomination)?, *count)))
                    .collect::<Result<Vec<_>, TillError>>()?,
            );
        }
        let mut pairs = Vec::new();
        for part in trimmed
            .split([',', '\n', ' ', ';'])
            .filter(|p| !p.trim().is_empty())
        {
            let (denomination, count) = part
                .split_once('=')
                .ok_or_else(|| TillError::invalid("count", part, InputProblem::CountFormat))?;
            let count: u32 = count
                .trim()
                .parse()
                .map_err(|_| TillError::invalid("count", part, InputProblem::PieceCount))?;
            pairs.push((denomination_centimos(denomination)?, count));
        }
        CashCount::new_in(country, pairs)
    }

    /// The count's total.
    pub fn total(&self) -> Soles {
        Soles::from_centimos(
            self.pieces
                .iter()
                .map(|(denomination, count)| denomination * i64::from(*count))
                .sum(),
        )
    }

    /// Every denomination of the country, largest first, with its pieces and its amount (zeros
    /// included), in minor units.
    pub fn lines(&self, country: Country) -> Vec<(i64, u32, i64)> {
        denominations(country)
            .iter()
            .rev()
            .map(|denomination| {
                let count = self.pieces.get(denomination).copied().unwrap_or(0);
                (*denomination, count, denomination * i64::from(count))
            })
            .collect()
    }
}

/// A denomination as written (`200`, `0.50`), in minor units; whether the country has it is
/// [`CashCount::new_in`]'s to say.
fn denomination_centimos(text: &str) -> Result<i64, TillError> {
    let amount: Soles = text
        .trim()
        .parse()
        .map_err(|_| TillError::invalid("count", text, InputProblem::Denomination))?;
    Ok(amount.centimos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_totals_its_pieces_exactly() {
        let count = CashCount::parse("200=1, 100=2 50=1\n0.10=3,0.20=1").unwrap();
        assert_eq!(count.total(), Soles::from_centimos(45_050));
        let lines = count.lines(Country::Peru);
        assert_eq!(lines.len(), DENOMINATIONS.len());
        assert_eq!(lines[0], (20_000, 1, 20_000));
    }

    #[test]
    fn a_spanish_drawer_counts_euro_coins_and_notes() {
        let count = CashCount::parse_in(Country::Spain, "500=1,50=2,0.05=3,0.01=4").unwrap();
        assert_eq!(count.total().centimos(), 50_000 + 10_000 + 15 + 4);
        let lines = count.lines(Country::Spain);
        assert_eq!(lines.len(), EURO_DENOMINATIONS.len());
        assert_eq!(lines[0], (50_000, 1, 50_000));
        assert_eq!(lines.last(), Some(&(1, 4, 4)));
        // A Peruvian drawer has no 5-cent coin and no 500 note.
        assert!(count.check(Country::Peru).is_err());
        assert!(count.check(Country::Spain).is_ok());
        assert!(CashCount::parse_in(Country::Spain, "3=1").is_err());
    }

    #[test]
    fn json_and_text_forms_agree() {
        let text = CashCount::parse("5=2,0.5=3").unwrap();
        let json = CashCount::parse(r#"{"5": 2, "0.50": 3}"#).unwrap();
        assert_eq!(text, json);
    }

    #[test]
    fn what_is_not_a_pen_denomination_is_named() {
        for (text, problem) in [
            ("3=1", InputProblem::Denomination),
            ("0.05=1", InputProblem::Denomination),
            ("10=-1", InputProblem::PieceCount),
            ("10=1000000", InputProblem::PieceCount),
            ("10:2", InputProblem::CountFormat),
        ] {
            match CashCount::parse(text) {
                Err(TillError::InvalidInput { problem: found, .. }) => {
                    assert_eq!(found, problem, "{text}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}
