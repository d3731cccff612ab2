//! The identifiers a request carries, as types whose only constructors check them: the customer's
//! Peruvian document (a [`Dni`] or a [`Ruc`]) and aCuotaz's [`FundingCode`]. A value of one of these
//! types is well formed by construction, so the client cannot be handed an unchecked string and "checked
//! before it is sent" is the compiler's to enforce, not each caller's to remember.
//!
//! The rules: a DNI is 8 ASCII digits. A RUC is 11 ASCII digits with a known prefix (10 for a person,
//! 15/16/17 for special cases, 20 for a company) and a modulo-11 check digit over the first ten digits
//! with the weights 5,4,3,2,7,6,5,4,3,2. A funding code is 1 to 16 ASCII digits. The parsers take the
//! exact text only: dropping the spaces, dots and dashes people type between digit groups is the job of
//! whoever reads the typing (`till::identity`), so a value here is always the very text the provider gets.
//!
//! Each type serialises as its plain string and deserialises through the same check, so a value read
//! back from JSON is as trustworthy as one parsed from what a cashier typed.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Longest funding code accepted; the provider's codes are 7 digits today.
const FUNDING_CODE_MAX_DIGITS: usize = 16;
/// The RUC prefixes SUNAT hands out: 10 a person, 15/16/17 special cases, 20 a company.
const RUC_PREFIXES: [&str; 5] = ["10", "15", "16", "17", "20"];
const RUC_WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const DNI_DIGITS: usize = 8;
pub(super) const RUC_DIGITS: usize = 11;

/// What is wrong with the text offered as a DNI, a RUC, a customer document or a funding code. The till
/// turns each into its own input problem, so the words a cashier reads stay the till's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum FormatProblem {
    #[error("empty")]
    Missing,
    #[error("not only ASCII digits")]
    NotDigits,
    #[error("a DNI has exactly 8 digits")]
    DniLength,
    #[error("a RUC has exactly 11 digits")]
    RucLength,
    #[error("a RUC starts with 10, 15, 16, 17 or 20")]
    RucPrefix,
    #[error("the RUC's check digit does not match its first ten digits")]
    RucCheckDigit,
    #[error("{digits} digits, at most {max}")]
    TooLong { digits: usize, max: usize },
    /// A customer document that is neither 8 (DNI) nor 11 (RUC) digits long.
    #[error("{digits} digits: a DNI has 8 and a RUC 11")]
    DocumentLength { digits: usize },
}

/// A Peruvian national identity document number: exactly 8 ASCII digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Dni(String);

/// A Peruvian taxpayer number: 11 ASCII digits, a known prefix and a correct check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ruc(String);

/// The code of one aCuotaz financing, as the customer's phone shows it: 1 to 16 ASCII digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FundingCode(String);

/// Empty, then not digits: the first two questions every one of these rules asks, in that order.
fn digits_only(text: &str) -> Result<(), FormatProblem> {
    if text.is_empty() {
        Err(FormatProblem::Missing)
    } else if !text.bytes().all(|byte| byte.is_ascii_digit()) {
        Err(FormatProblem::NotDigits)
    } else {
        Ok(())
    }
}

fn check_dni(text: &str) -> Result<(), FormatProblem> {
    digits_only(text)?;
    if text.len() != DNI_DIGITS {
        return Err(FormatProblem::DniLength);
    }
    Ok(())
}

fn check_ruc(text: &str) -> Result<(), FormatProblem> {
    digits_only(text)?;
    if text.len() != RUC_DIGITS {
        return Err(FormatProblem::RucLength);
    }
    if !RUC_PREFIXES.contains(&&text[..2]) {
        return Err(FormatProblem::RucPrefix);
    }
    let given = u32::from(text.as_bytes()[10] - b'0');
    if ruc_check_digit(&text[..10]) != Some(given) {
        return Err(FormatProblem::RucCheckDigit);
    }
    Ok(())
}

fn check_funding_code(text: &str) -> Result<(), FormatProblem> {
    digits_only(text)?;
    if text.len() > FUNDING_CODE_MAX_DIGITS {
        return Err(FormatProblem::TooLong {
            digits: text.len(),
            max: FUNDING_CODE_MAX_DIGITS,
        });
    }
    Ok(())
}

/// The modulo-11 check digit of the first ten digits of a RUC; `None` unless `first_ten` is exactly ten
/// ASCII digits (it is public, so it must not trust its input).
pub fn ruc_check_digit(first_ten: &str) -> Option<u32> {
    if first_ten.len() != 10 || !first_ten.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first_ten
        .bytes()
        .zip(RUC_WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    Some(match 11 - sum % 11 {
        10 => 0,
        11 => 1,
        check => check,
    })
}

/// The same constructors, accessors and serde for each type: only `$check` differs, and it runs on
/// every way in (`parse`, `FromStr`, `TryFrom`, `Deserialize`), which is what makes the type worth having.
macro_rules! checked_text {
    ($name:ident, $check:ident, $what:literal) => {
        impl $name {
            /// Checks `text` as it is (no separators dropped) and keeps it.
            pub fn parse(text: &str) -> Result<Self, FormatProblem> {
                $check(text)?;
                Ok($name(text.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        /// The text itself; `pad` so that widths and alignment (`{:<10}` in a table) work as on a `str`.
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = FormatProblem;

            fn from_str(text: &str) -> Result<Self, FormatProblem> {
                $name::parse(text)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = FormatProblem;

            fn try_from(text: &str) -> Result<Self, FormatProblem> {
                $name::parse(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = FormatProblem;

            fn try_from(text: String) -> Result<Self, FormatProblem> {
                $check(&text)?;
                Ok($name(text))
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::try_from(text).map_err(|problem| {
                    serde::de::Error::custom(format!("not a {}: {problem}", $what))
                })
            }
        }
    };
}

checked_text!(Dni, check_dni, "DNI");
checked_text!(Ruc, check_ruc, "RUC");
checked_text!(FundingCode, check_funding_code, "funding code");

impl Ruc {
    /// A person's RUC (prefix 10), the only kind `undo-billing` accepts.
    pub fn is_person(&self) -> bool {
        self.0.starts_with("10")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apurata::downpayment::CustomerId;

    fn weighted_sum(first_ten: &str) -> u32 {
        first_ten
            .bytes()
            .zip(RUC_WEIGHTS)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum()
    }

    #[test]
    fn each_rule_names_its_problem() {
        assert_eq!(ruc_check_digit("1014142135"), Some(8));
        assert_eq!(ruc_check_digit("2060123456"), Some(5));
        assert_eq!(Dni::parse("14159265").unwrap().as_str(), "14159265");
        assert_eq!(Dni::parse(""), Err(FormatProblem::Missing));
        assert_eq!(Dni::parse("1415926a"), Err(FormatProblem::NotDigits));
        assert_eq!(Dni::parse(" 14159265"), Err(FormatProblem::NotDigits));
        assert_eq!(Dni::parse("141592651"), Err(FormatProblem::DniLength));
        assert_eq!(Ruc::parse("1014142135"), Err(FormatProblem::RucLength));
        assert_eq!(Ruc::parse("30141421358"), Err(FormatProblem::RucPrefix));
        assert_eq!(Ruc::parse("10141421357"), Err(FormatProblem::RucCheckDigit));
        assert!(Ruc::parse("10141421358").unwrap().is_person());
        assert!(!Ruc::parse("20601234565").unwrap().is_person());
        let code = FundingCode::parse("1234567").unwrap();
        assert_eq!(code.to_string(), "1234567");
        assert_eq!(format!("[{code:<9}][{code:>9}]"), "[1234567  ][  1234567]");
        assert_eq!(
            FundingCode::parse(&"9".repeat(17)),
            Err(FormatProblem::TooLong {
                digits: 17,
                max: 16
            })
        );
        assert_eq!(
            "1415926".parse::<CustomerId>(),
            Err(FormatProblem::DocumentLength { digits: 7 })
        );
        assert_eq!(
            "10141421357".parse::<CustomerId>(),
            Err(FormatProblem::RucCheckDigit)
        );
    }

    #[test]
    fn serde_is_the_plain_string_and_checks_on_the_way_in() {
        let customer: CustomerId = "10141421358".parse().unwrap();
        let json = serde_json::to_string(&customer).unwrap();
        assert_eq!(json, r#"{"ruc":"10141421358"}"#);
        assert_eq!(serde_json::from_str::<CustomerId>(&json).unwrap(), customer);
        assert!(serde_json::from_str::<CustomerId>(r#"{"ruc":"10141421357"}"#).is_err());
        assert!(serde_json::from_str::<Dni>(r#""1415926""#).is_err());
        assert!(serde_json::from_str::<FundingCode>(r#""""#).is_err());
        assert!(serde_json::from_str::<FundingCode>("1234567").is_err());
    }

    #[test]
    fn check_digit_wraps_ten_and_eleven() {
        // Sums whose remainder is 1 give 10 -> 0; remainder 0 gives 11 -> 1.
        let mut seen = [false; 2];
        for n in 1_000_000_000u64..1_000_000_200 {
            let first_ten = format!("{n:010}");
            match weighted_sum(&first_ten) % 11 {
                1 => {
                    assert_eq!(ruc_check_digit(&first_ten), Some(0));
                    seen[0] = true;
                }
                0 => {
                    assert_eq!(ruc_check_digit(&first_ten), Some(1));
                    seen[1] = true;
                }
                _ => {}
            }
        }
        assert_eq!(seen, [true, true]);
    }

    /// Found by the property tests: `"\0"` made the digit arithmetic underflow (a panic in debug
    /// builds, a wrong digit in release).
    #[test]
    fn check_digit_of_anything_but_ten_digits_is_none() {
        for text in [
            "\0",
            "",
            " ",
            "101414213",
            "10141421355",
            "101414213a",
            "１０１４１４２１３５",
        ] {
            assert_eq!(ruc_check_digit(text), None, "{text:?}");
        }
    }

    /// The modulo-11 scheme's blind spot: remainders 0 and 10 both give check digit 1, so a one-digit
    /// change that moves the remainder between them keeps the RUC valid. Changing the tenth digit
    /// (weight 2) by 5 adds 10 to the sum.
    #[test]
    fn remainders_zero_and_ten_share_check_digit_one() {
        let first_ten = (1_000_000_000u64..)
            .map(|n| format!("{n:010}"))
            .find(|digits| weighted_sum(digits).is_multiple_of(11) && digits.as_bytes()[9] <= b'4')
            .unwrap();
        let mut changed = first_ten.clone().into_bytes();
        changed[9] += 5;
        let changed = String::from_utf8(changed).unwrap();
        assert_eq!(ruc_check_digit(&first_ten), Some(1));
        assert_eq!(ruc_check_digit(&changed), Some(1));
    }
}
