//! Amounts of euros (EUR), held as integer cents: what a store in Spain sells in and what Aplazame's API
//! carries (`12050` is 120,50 €). Every sum, difference and comparison is integer arithmetic; nothing
//! here ever goes through a float.
//!
//! Display is the Spanish store's format, `1.234,50 €`: a dot between thousands, a comma before the
//! cents, and the sign after the amount separated by a **plain space** (U+0020). A non-breaking space
//! would keep `€` on the line in running text, but the same string goes to the terminal, the CSV, the
//! 80 mm printer's code page and the cashier's clipboard, where an invisible U+00A0 makes two equal
//! texts differ; keeping the amount on one line is the screen's job (`white-space: nowrap`). Reading
//! accepts either space. What a cashier types is read by [`typed`] (see [`Euros::from_str`]).

pub mod typed;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use typed::EurosError;

/// The largest amount, in cents, Caja handles (ten trillion euros): far past any till, and far enough
/// from `i64::MAX` that a line's price times its quantity is checked, never wrapped.
pub const MAX_CENTS: i64 = 999_999_999_999_999;

/// An amount in euros, exact to the cent. Negative amounts exist only as differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Euros {
    cents: i64,
}

impl Euros {
    pub const ZERO: Euros = Euros { cents: 0 };

    pub const fn from_cents(cents: i64) -> Self {
        Euros { cents }
    }

    pub const fn cents(self) -> i64 {
        self.cents
    }

    pub const fn is_negative(self) -> bool {
        self.cents < 0
    }

    /// `None` past [`MAX_CENTS`] either way.
    pub fn checked_add(self, other: Euros) -> Option<Euros> {
        self.cents.checked_add(other.cents).and_then(Euros::bounded)
    }

    pub fn checked_sub(self, other: Euros) -> Option<Euros> {
        self.cents.checked_sub(other.cents).and_then(Euros::bounded)
    }

    /// The amount `times` times (a unit price times a quantity).
    pub fn checked_mul(self, times: u32) -> Option<Euros> {
        self.cents
            .checked_mul(i64::from(times))
            .and_then(Euros::bounded)
    }

    /// Sum of many amounts; `None` only past [`MAX_CENTS`].
    pub fn sum<I: IntoIterator<Item = Euros>>(amounts: I) -> Option<Euros> {
        amounts
            .into_iter()
            .try_fold(Euros::ZERO, Euros::checked_add)
    }

    fn bounded(cents: i64) -> Option<Euros> {
        (cents.unsigned_abs() <= MAX_CENTS.unsigned_abs()).then_some(Euros { cents })
    }
}

impl fmt::Display for Euros {
    /// `1.234,50 €`; negative amounts as `-3,00 €`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(digit);
        }
        write!(f, "{sign}{grouped},{:02} €", abs % 100)
    }
}

impl FromStr for Euros {
    type Err = EurosError;

    /// What a cashier in Spain types (`1234,5`, `1.234,50`, `1234`, `1.234,50 €`, `-3,00`) and what
    /// `Display` writes; refuses the English format and anything ambiguous, saying why
    /// ([`typed::parse`]).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        typed::parse(text).map(Euros::from_cents)
    }
}

impl Serialize for Euros {
    /// Integer cents, as Aplazame's API writes amounts.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.cents)
    }
}

impl<'de> Deserialize<'de> for Euros {
    /// A JSON integer of cents; a number with a fraction is refused, never rounded.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let cents = i64::deserialize(deserializer)?;
        Euros::bounded(cents).ok_or_else(|| serde::de::Error::custom("amount out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_in_the_spanish_store_format() {
        let show = |cents| Euros::from_cents(cents).to_string();
        assert_eq!(show(123_450), "1.234,50 €");
        assert_eq!(show(5), "0,05 €");
        assert_eq!(show(99_900), "999,00 €");
        assert_eq!(show(100_000), "1.000,00 €");
        assert_eq!(show(100_000_000), "1.000.000,00 €");
        assert_eq!(show(-300), "-3,00 €");
        assert_eq!(show(0), "0,00 €");
        assert!(show(1).contains(" €") && !show(1).contains('\u{a0}'));
    }

    #[test]
    fn arithmetic_is_checked_integer_arithmetic() {
        let cents = Euros::from_cents;
        assert_eq!(cents(1999).checked_mul(3), Some(cents(5997)));
        assert_eq!(cents(10).checked_sub(cents(30)), Some(cents(-20)));
        assert_eq!(
            Euros::sum([cents(10), cents(20), cents(30)]),
            Some(cents(60))
        );
        assert_eq!(cents(MAX_CENTS).checked_add(cents(1)), None);
        assert_eq!(cents(MAX_CENTS).checked_mul(2), None);
        assert_eq!(cents(-MAX_CENTS).checked_sub(cents(1)), None);
    }

    #[test]
    fn the_wire_is_integer_cents() {
        assert_eq!(
            serde_json::to_string(&Euros::from_cents(12_050)).unwrap(),
            "12050"
        );
        let read = |json: &str| serde_json::from_str::<Euros>(json);
        assert_eq!(read("12050").unwrap(), Euros::from_cents(12_050));
        for refused in ["120.50", "\"12050\"", "1e3", "1000000000000000", "null"] {
            assert!(read(refused).is_err(), "{refused}");
        }
    }
}
