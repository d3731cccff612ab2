//! Identity documents and funding codes as the cashier types them, validated before anything is sent.
//!
//! A DNI is 8 digits. A RUC is 11 digits with a known prefix (10 for a person, 15/16/17 for special
//! cases, 20 for a company) and a modulo-11 check digit over the first ten digits with the weights
//! 5,4,3,2,7,6,5,4,3,2. undo-billing accepts only a RUC 10. A funding code is digits only.

use providers::apurata::downpayment::CustomerId;

use crate::error::{InputProblem, TillError};

/// Longest funding code accepted; the provider's codes are 7 digits today.
const FUNDING_CODE_MAX_DIGITS: usize = 16;
const RUC_PREFIXES: [&str; 5] = ["10", "15", "16", "17", "20"];
const RUC_WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// Reads "DNI o RUC" as typed: 8 digits is a DNI, 11 digits a RUC. Spaces, dots and dashes that people
/// type between digit groups are ignored.
pub fn parse_customer(typed: &str) -> Result<CustomerId, TillError> {
    let digits = strip_separators(typed);
    let invalid = |problem| TillError::invalid("customer", typed, problem);
    if digits.is_empty() {
        return Err(invalid(InputProblem::Missing));
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid(InputProblem::NotDigits));
    }
    match digits.len() {
        8 => Ok(CustomerId::Dni(digits)),
        11 => parse_ruc(&digits).map(CustomerId::Ruc),
        digits => Err(invalid(InputProblem::DocumentLength { digits })),
    }
}

/// A DNI given explicitly (the CLI's `--dni`): exactly 8 digits.
pub fn parse_dni(typed: &str) -> Result<CustomerId, TillError> {
    let digits = strip_separators(typed);
    if digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(CustomerId::Dni(digits))
    } else {
        Err(TillError::invalid("dni", typed, InputProblem::DniLength))
    }
}

/// A RUC given explicitly (the CLI's `--ruc`): 11 digits, known prefix, correct check digit.
pub fn parse_ruc_customer(typed: &str) -> Result<CustomerId, TillError> {
    let digits = strip_separators(typed);
    if digits.len() != 11 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(TillError::invalid("ruc", typed, InputProblem::RucLength));
    }
    parse_ruc(&digits).map(CustomerId::Ruc)
}

fn parse_ruc(digits: &str) -> Result<String, TillError> {
    if !RUC_PREFIXES.contains(&&digits[..2]) {
        return Err(TillError::invalid("ruc", digits, InputProblem::RucPrefix));
    }
    let given = u32::from(digits.as_bytes()[10] - b'0');
    if ruc_check_digit(&digits[..10]) != Some(given) {
        return Err(TillError::invalid(
            "ruc",
            digits,
            InputProblem::RucCheckDigit,
        ));
    }
    Ok(digits.to_owned())
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

/// The funding code the customer's phone shows: digits only.
pub fn parse_funding_code(typed: &str) -> Result<String, TillError> {
    let code = strip_separators(typed);
    let invalid = |problem| TillError::invalid("funding_code", typed, problem);
    if code.is_empty() {
        return Err(invalid(InputProblem::Missing));
    }
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid(InputProblem::NotDigits));
    }
    if code.len() > FUNDING_CODE_MAX_DIGITS {
        return Err(invalid(InputProblem::TooLong {
            digits: code.len(),
            max: FUNDING_CODE_MAX_DIGITS,
        }));
    }
    Ok(code)
}

/// undo-billing is supported only with a DNI or a RUC 10 (a person's RUC).
pub fn ensure_undo_supported(customer: &CustomerId) -> Result<(), TillError> {
    match customer {
        CustomerId::Ruc(ruc) if !ruc.starts_with("10") => Err(TillError::invalid(
            "ruc",
            ruc,
            InputProblem::UndoNeedsPersonRuc,
        )),
        _ => Ok(()),
    }
}

/// Hides the middle of a document number for printed reports: `14159265` → `14****65`.
pub fn mask_document(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() <= 4 {
        return "*".repeat(chars.len());
    }
    let last = chars.len() - 2;
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < 2 || i >= last { *c } else { '*' })
        .collect()
}

fn strip_separators(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<impl std::fmt::Debug, TillError>) -> String {
        match result {
            Err(error) => error.field().unwrap_or("").to_owned(),
            Ok(value) => panic!("expected an error, got {value:?}"),
        }
    }

    #[test]
    fn dni_is_eight_digits() {
        assert_eq!(
            parse_customer("14159265").unwrap(),
            CustomerId::Dni("14159265".into())
        );
        assert_eq!(
            parse_customer(" 14 159 265 ").unwrap(),
            CustomerId::Dni("14159265".into())
        );
        assert_eq!(field_of(parse_customer("1415926")), "customer");
        assert_eq!(field_of(parse_customer("1415926a")), "customer");
        assert_eq!(field_of(parse_customer("")), "customer");
        assert_eq!(field_of(parse_dni("123456789")), "dni");
        assert!(parse_dni("14159265").is_ok());
    }

    #[test]
    fn ruc_needs_prefix_and_check_digit() {
        assert_eq!(ruc_check_digit("1014142135"), Some(8));
        assert_eq!(ruc_check_digit("2060123456"), Some(5));
        assert!(parse_customer("10141421358").is_ok());
        assert!(parse_customer("20601234565").is_ok());
        assert_eq!(field_of(parse_customer("10141421357")), "ruc");
        assert_eq!(field_of(parse_customer("30141421358")), "ruc");
        assert_eq!(field_of(parse_ruc_customer("1014142135")), "ruc");
        assert!(matches!(
            parse_customer("10141421357"),
            Err(TillError::InvalidInput {
                problem: crate::error::InputProblem::RucCheckDigit,
                ..
            })
        ));
    }

    #[test]
    fn check_digit_wraps_ten_and_eleven() {
        // Sums whose remainder is 1 give 10 -> 0; remainder 0 gives 11 -> 1.
        let mut seen = [false; 2];
        for n in 1_000_000_000u64..1_000_000_200 {
            let first_ten = format!("{n:010}");
            let sum: u32 = first_ten
                .bytes()
                .zip(RUC_WEIGHTS)
                .map(|(d, w)| u32::from(d - b'0') * w)
                .sum();
            match sum % 11 {
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

    /// Found by tests/properties.rs: `"\0"` made the digit arithmetic underflow (a panic in debug
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
            .find(|digits| {
                let sum: u32 = digits
                    .bytes()
                    .zip(RUC_WEIGHTS)
                    .map(|(d, w)| u32::from(d - b'0') * w)
                    .sum();
                sum.is_multiple_of(11) && digits.as_bytes()[9] <= b'4'
            })
            .unwrap();
        let mut changed = first_ten.clone().into_bytes();
        changed[9] += 5;
        let changed = String::from_utf8(changed).unwrap();
        assert_eq!(ruc_check_digit(&first_ten), Some(1));
        assert_eq!(ruc_check_digit(&changed), Some(1));
    }

    #[test]
    fn funding_code_is_digits() {
        assert_eq!(parse_funding_code(" 1234567 ").unwrap(), "1234567");
        assert_eq!(field_of(parse_funding_code("12a4567")), "funding_code");
        assert_eq!(field_of(parse_funding_code("")), "funding_code");
        assert_eq!(
            field_of(parse_funding_code(&"9".repeat(17))),
            "funding_code"
        );
    }

    #[test]
    fn undo_only_with_dni_or_ruc_10() {
        assert!(ensure_undo_supported(&CustomerId::Dni("14159265".into())).is_ok());
        assert!(ensure_undo_supported(&CustomerId::Ruc("10141421358".into())).is_ok());
        assert_eq!(
            field_of(ensure_undo_supported(&CustomerId::Ruc(
                "20601234565".into()
            ))),
            "ruc"
        );
    }

    #[test]
    fn masks_the_middle_digits() {
        assert_eq!(mask_document("14159265"), "14****65");
        assert_eq!(mask_document("10141421358"), "10*******58");
        assert_eq!(mask_document("123"), "***");
    }
}
