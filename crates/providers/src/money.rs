//! Amounts of Peruvian soles (PEN), held as integer céntimos.
//!
//! The provider sends amounts as JSON floats in soles. They are read once, through their shortest decimal
//! text (never through float arithmetic), rounded to the céntimo, and from then on every sum, difference
//! and comparison is integer arithmetic. Display is the store's format: `S/ 1,234.50`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount in soles, exact to the céntimo. Negative amounts exist only as differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Soles {
    centimos: i64,
}

/// Why a text or a wire number is not an amount of soles.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error(
        "«{0}» no es un monto válido: escriba solo números, con punto decimal (por ejemplo 1234.50)"
    )]
    NotANumber(String),
    #[error("el monto {0} está fuera del rango que Caja maneja")]
    OutOfRange(String),
}

impl Soles {
    pub const ZERO: Soles = Soles { centimos: 0 };

    pub const fn from_centimos(centimos: i64) -> Self {
        Soles { centimos }
    }

    pub const fn centimos(self) -> i64 {
        self.centimos
    }

    /// Exact decimal value in soles (two decimal places).
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.centimos, 2)
    }

    /// Rounds a decimal amount of soles to the céntimo (half away from zero, as a cashier rounds).
    pub fn from_decimal(amount: Decimal) -> Result<Self, MoneyError> {
        let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        // Checked: a decimal near its maximum (a garbage wire number such as 1e28) overflows when
        // scaled to céntimos, and `*` would panic.
        rounded
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|centimos| centimos.to_i64())
            .filter(|c| c.unsigned_abs() < 1_000_000_000_000_000)
            .map(Soles::from_centimos)
            .ok_or_else(|| MoneyError::OutOfRange(amount.to_string()))
    }

    pub fn checked_add(self, other: Soles) -> Option<Soles> {
        self.centimos
            .checked_add(other.centimos)
            .map(Soles::from_centimos)
    }

    pub fn checked_sub(self, other: Soles) -> Option<Soles> {
        self.centimos
            .checked_sub(other.centimos)
            .map(Soles::from_centimos)
    }

    /// Sum of many amounts; `None` only on an overflow no real till reaches.
    pub fn sum<I: IntoIterator<Item = Soles>>(amounts: I) -> Option<Soles> {
        amounts
            .into_iter()
            .try_fold(Soles::ZERO, Soles::checked_add)
    }

    /// The amount as a JSON-friendly float, for the wire only (the provider's format).
    fn to_wire_float(self) -> f64 {
        self.to_decimal().to_f64().unwrap_or(0.0)
    }
}

impl fmt::Display for Soles {
    /// `S/ 1,234.50`; negative amounts as `-S/ 12.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.centimos < 0 { "-" } else { "" };
        let abs = self.centimos.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "{sign}S/ {grouped}.{:02}", abs % 100)
    }
}

impl FromStr for Soles {
    type Err = MoneyError;

    /// Accepts what a person types: `1234.5`, `1,234.50`, `S/ 1,234.50`, and whatever `Display`
    /// writes, negative amounts included (`-S/ 12.00`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        let (sign, unsigned) = match trimmed.strip_prefix("-S/") {
            Some(rest) => ("-", rest),
            None => ("", trimmed.trim_start_matches("S/")),
        };
        let cleaned: String = sign
            .chars()
            .chain(unsigned.chars().filter(|c| *c != ',' && !c.is_whitespace()))
            .collect();
        let valid = !cleaned.is_empty()
            && cleaned
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.');
        if !valid {
            return Err(MoneyError::NotANumber(text.to_owned()));
        }
        let decimal =
            Decimal::from_str(&cleaned).map_err(|_| MoneyError::NotANumber(text.to_owned()))?;
        Soles::from_decimal(decimal)
    }
}

impl Serialize for Soles {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.to_wire_float())
    }
}

impl<'de> Deserialize<'de> for Soles {
    /// Reads a JSON number (the provider's format). The float's shortest round-trip text is parsed as a
    /// decimal, so `1234.5` becomes exactly 123450 céntimos.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let float = f64::deserialize(deserializer)?;
        if !float.is_finite() {
            return Err(serde::de::Error::custom("amount is not a finite number"));
        }
        let decimal = Decimal::from_str(&float.to_string())
            .or_else(|_| Decimal::from_scientific(&format!("{float:e}")))
            .map_err(|_| serde::de::Error::custom(format!("amount {float} is not a decimal")))?;
        Soles::from_decimal(decimal).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_in_store_format() {
        assert_eq!(Soles::from_centimos(123450).to_string(), "S/ 1,234.50");
        assert_eq!(Soles::from_centimos(5).to_string(), "S/ 0.05");
        assert_eq!(
            Soles::from_centimos(100_000_000).to_string(),
            "S/ 1,000,000.00"
        );
        assert_eq!(Soles::from_centimos(99_900).to_string(), "S/ 999.00");
        assert_eq!(Soles::from_centimos(-1200).to_string(), "-S/ 12.00");
    }

    #[test]
    fn parses_what_a_person_types() {
        assert_eq!("1234.5".parse(), Ok(Soles::from_centimos(123450)));
        assert_eq!("S/ 1,234.50".parse(), Ok(Soles::from_centimos(123450)));
        assert!(matches!(
            "12a".parse::<Soles>(),
            Err(MoneyError::NotANumber(_))
        ));
        assert!(matches!(
            "".parse::<Soles>(),
            Err(MoneyError::NotANumber(_))
        ));
    }

    #[test]
    fn wire_floats_become_exact_centimos() {
        let read = |json: &str| serde_json::from_str::<Soles>(json).unwrap().centimos();
        assert_eq!(read("1234.5"), 123450);
        assert_eq!(read("0.1"), 10);
        assert_eq!(read("0.30000000000000004"), 30);
        assert_eq!(read("2899.9"), 289990);
        assert_eq!(read("7"), 700);
        assert!(serde_json::from_str::<Soles>("\"7\"").is_err());
        assert!(serde_json::from_str::<Soles>("1e300").is_err());
    }

    /// Found by tests/properties.rs: scaling a decimal near its maximum to céntimos overflowed and
    /// panicked, so a garbage amount from the wire (or a long typed number) crashed the till.
    #[test]
    fn huge_amounts_are_out_of_range_not_a_panic() {
        assert!(matches!(
            "1000000000000000000000000000".parse::<Soles>(),
            Err(MoneyError::OutOfRange(_))
        ));
        assert!(serde_json::from_str::<Soles>("1e28").is_err());
        assert!(serde_json::from_str::<Soles>("-7.9e28").is_err());
        assert!(serde_json::from_slice::<[Soles; 3]>(br#"[8e27, 0, 0]"#).is_err());
    }

    /// Found by tests/properties.rs: `Display` writes `-S/ 0.01`, which did not parse back.
    #[test]
    fn negative_amounts_read_back() {
        for centimos in [-1, -1200, -123_456_789] {
            let text = Soles::from_centimos(centimos).to_string();
            assert_eq!(text.parse(), Ok(Soles::from_centimos(centimos)), "{text}");
        }
        assert_eq!("-12".parse(), Ok(Soles::from_centimos(-1200)));
        assert!("-S/ -12".parse::<Soles>().is_err());
    }

    #[test]
    fn sums_are_integer_arithmetic() {
        let tenths = std::iter::repeat_n(Soles::from_centimos(10), 3);
        assert_eq!(Soles::sum(tenths), Some(Soles::from_centimos(30)));
        assert_eq!(
            serde_json::to_string(&Soles::from_centimos(30)).unwrap(),
            "0.3"
        );
    }
}
