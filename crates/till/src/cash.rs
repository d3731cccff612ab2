//! Counting the drawer: Peru's coins and notes (S/ 0.10 to S/ 200) and a count of each, as a cashier
//! does it at opening and at closing. A count is pieces per denomination; its total is computed, never
//! typed, so a count cannot disagree with itself. A leaf: the shift stores counts, the closing compares
//! them.

use std::collections::BTreeMap;

use providers::Soles;
use serde::{Deserialize, Serialize};

use crate::error::{InputProblem, TillError};

/// The PEN denominations in céntimos, smallest first: coins 0.10 to 5, notes 10 to 200.
pub const DENOMINATIONS: [i64; 11] = [
    10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000,
];

/// Below this, a denomination is a coin.
pub const FIRST_NOTE: i64 = 1_000;

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
    /// A count from `(denomination in céntimos, pieces)` pairs, checked: only PEN denominations, and
    /// pieces a drawer can hold. Zero pieces are dropped.
    pub fn new(pairs: impl IntoIterator<Item = (i64, u32)>) -> Result<CashCount, TillError> {
        let mut pieces = BTreeMap::new();
        for (denomination, count) in pairs {
            if !DENOMINATIONS.contains(&denomination) {
                return Err(TillError::invalid(
                    "count",
                    &Soles::from_centimos(denomination).to_string(),
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

    /// Reads `200=3,100=1,0.50=4` (denomination in soles `=` pieces, separated by commas, spaces or
    /// new lines), the form the CLI takes from flags and files. A JSON object `{"200": 3}` also works.
    pub fn parse(text: &str) -> Result<CashCount, TillError> {
        let trimmed = text.trim();
        if trimmed.starts_with('{') {
            let map: BTreeMap<String, u32> = serde_json::from_str(trimmed)
                .map_err(|_| TillError::invalid("count", trimmed, InputProblem::CountFormat))?;
            return CashCount::new(
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
        CashCount::new(pairs)
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

    /// Every denomination, largest first, with its pieces and its amount (zeros included).
    pub fn lines(&self) -> Vec<(Soles, u32, Soles)> {
        DENOMINATIONS
            .iter()
            .rev()
            .map(|denomination| {
                let count = self.pieces.get(denomination).copied().unwrap_or(0);
                (
                    Soles::from_centimos(*denomination),
                    count,
                    Soles::from_centimos(denomination * i64::from(count)),
                )
            })
            .collect()
    }
}

fn denomination_centimos(text: &str) -> Result<i64, TillError> {
    let soles: Soles = text
        .trim()
        .parse()
        .map_err(|_| TillError::invalid("count", text, InputProblem::Denomination))?;
    if DENOMINATIONS.contains(&soles.centimos()) {
        Ok(soles.centimos())
    } else {
        Err(TillError::invalid(
            "count",
            text,
            InputProblem::Denomination,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_totals_its_pieces_exactly() {
        let count = CashCount::parse("200=1, 100=2 50=1\n0.10=3,0.20=1").unwrap();
        assert_eq!(count.total(), Soles::from_centimos(45_050));
        let lines = count.lines();
        assert_eq!(lines.len(), DENOMINATIONS.len());
        assert_eq!(
            lines[0],
            (
                Soles::from_centimos(20_000),
                1,
                Soles::from_centimos(20_000)
            )
        );
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
