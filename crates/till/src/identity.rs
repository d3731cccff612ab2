//! Identity documents and funding codes as the cashier types them, validated before anything is sent.
//!
//! The rules themselves (a DNI is 8 digits; a RUC 11, with a known prefix and a modulo-11 check digit; a
//! funding code 1 to 16 digits) belong to the checked types of [`providers::apurata::downpayment`]
//! ([`Dni`], [`Ruc`], [`FundingCode`]), whose only constructors apply them. What is the till's is the
//! typing: the separators people put between digit groups are dropped here, and each problem is
//! reported on the field the cashier filled in, in the till's words. undo-billing accepts only a RUC 10.

use providers::apurata::downpayment::{CustomerId, Dni, FormatProblem, FundingCode, Ruc};

use crate::error::{InputProblem, TillError};

/// Reads "DNI o RUC" as typed: 8 digits is a DNI, 11 digits a RUC. Spaces, dots and dashes that people
/// type between digit groups are ignored. A RUC's prefix and check digit are reported on `ruc`, with
/// the digits read; anything else on `customer`, with the text typed.
pub fn parse_customer(typed: &str) -> Result<CustomerId, TillError> {
    let digits = strip_separators(typed);
    digits.parse().map_err(|problem| match problem {
        FormatProblem::RucPrefix | FormatProblem::RucCheckDigit => {
            TillError::invalid("ruc", &digits, input_problem(problem))
        }
        _ => TillError::invalid("customer", typed, input_problem(problem)),
    })
}

/// A DNI given explicitly (the CLI's `--dni`): exactly 8 digits.
pub fn parse_dni(typed: &str) -> Result<CustomerId, TillError> {
    Dni::parse(&strip_separators(typed))
        .map(CustomerId::Dni)
        .map_err(|_| TillError::invalid("dni", typed, InputProblem::DniLength))
}

/// A RUC given explicitly (the CLI's `--ruc`): 11 digits, known prefix, correct check digit.
pub fn parse_ruc_customer(typed: &str) -> Result<CustomerId, TillError> {
    let digits = strip_separators(typed);
    Ruc::parse(&digits)
        .map(CustomerId::Ruc)
        .map_err(|problem| match problem {
            FormatProblem::RucPrefix | FormatProblem::RucCheckDigit => {
                TillError::invalid("ruc", &digits, input_problem(problem))
            }
            _ => TillError::invalid("ruc", typed, InputProblem::RucLength),
        })
}

/// The funding code the customer's phone shows: digits only.
pub fn parse_funding_code(typed: &str) -> Result<FundingCode, TillError> {
    FundingCode::parse(&strip_separators(typed))
        .map_err(|problem| TillError::invalid("funding_code", typed, input_problem(problem)))
}

/// The provider's word for what is wrong, as the till's: the same facts, so the same code and message.
fn input_problem(problem: FormatProblem) -> InputProblem {
    match problem {
        FormatProblem::Missing => InputProblem::Missing,
        FormatProblem::NotDigits => InputProblem::NotDigits,
        FormatProblem::DniLength => InputProblem::DniLength,
        FormatProblem::RucLength => InputProblem::RucLength,
        FormatProblem::RucPrefix => InputProblem::RucPrefix,
        FormatProblem::RucCheckDigit => InputProblem::RucCheckDigit,
        FormatProblem::TooLong { digits, max } => InputProblem::TooLong { digits, max },
        FormatProblem::DocumentLength { digits } => InputProblem::DocumentLength { digits },
    }
}

/// undo-billing is supported only with a DNI or a RUC 10 (a person's RUC).
pub fn ensure_undo_supported(customer: &CustomerId) -> Result<(), TillError> {
    match customer {
        CustomerId::Ruc(ruc) if !ruc.is_person() => Err(TillError::invalid(
            "ruc",
            ruc.as_str(),
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

    fn problem_of(result: Result<impl std::fmt::Debug, TillError>) -> (String, InputProblem) {
        match result {
            Err(TillError::InvalidInput { value, problem, .. }) => (value, problem),
            other => panic!("expected invalid input, got {other:?}"),
        }
    }

    fn dni(number: &str) -> CustomerId {
        CustomerId::Dni(number.parse().unwrap())
    }

    fn ruc(number: &str) -> CustomerId {
        CustomerId::Ruc(number.parse().unwrap())
    }

    #[test]
    fn dni_is_eight_digits() {
        assert_eq!(parse_customer("14159265").unwrap(), dni("14159265"));
        assert_eq!(parse_customer(" 14 159 265 ").unwrap(), dni("14159265"));
        assert_eq!(field_of(parse_customer("1415926")), "customer");
        assert_eq!(field_of(parse_customer("1415926a")), "customer");
        assert_eq!(field_of(parse_customer("")), "customer");
        assert_eq!(field_of(parse_dni("123456789")), "dni");
        assert!(parse_dni("14159265").is_ok());
    }

    #[test]
    fn ruc_needs_prefix_and_check_digit() {
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

    /// Each problem keeps the value it always named: the text typed (trimmed), except for a RUC's prefix
    /// and check digit, which name the digits read (what the cashier compares with the document).
    #[test]
    fn problems_name_the_value_they_always_named() {
        use InputProblem::*;
        let cases: [(Result<CustomerId, TillError>, &str, InputProblem); 9] = [
            (parse_customer(" - "), "-", Missing),
            (parse_customer("1415 926a"), "1415 926a", NotDigits),
            (
                parse_customer("1415-926"),
                "1415-926",
                DocumentLength { digits: 7 },
            ),
            (
                parse_customer("101.414.213.57"),
                "10141421357",
                RucCheckDigit,
            ),
            (parse_customer("30 141421358"), "30141421358", RucPrefix),
            (parse_dni("1415 926a"), "1415 926a", DniLength),
            (parse_ruc_customer(""), "", RucLength),
            (parse_ruc_customer("1014142135a"), "1014142135a", RucLength),
            (parse_ruc_customer("30-141421358"), "30141421358", RucPrefix),
        ];
        for (result, value, problem) in cases {
            assert_eq!(problem_of(result), (value.to_owned(), problem));
        }
        assert_eq!(
            problem_of(parse_funding_code(&"9".repeat(17))),
            (
                "9".repeat(17),
                TooLong {
                    digits: 17,
                    max: 16
                }
            )
        );
        assert_eq!(
            problem_of(parse_funding_code(" 12a ")),
            ("12a".to_owned(), NotDigits)
        );
    }

    #[test]
    fn funding_code_is_digits() {
        assert_eq!(parse_funding_code(" 1234567 ").unwrap().as_str(), "1234567");
        assert_eq!(field_of(parse_funding_code("12a4567")), "funding_code");
        assert_eq!(field_of(parse_funding_code("")), "funding_code");
        assert_eq!(
            field_of(parse_funding_code(&"9".repeat(17))),
            "funding_code"
        );
    }

    #[test]
    fn undo_only_with_dni_or_ruc_10() {
        assert!(ensure_undo_supported(&dni("14159265")).is_ok());
        assert!(ensure_undo_supported(&ruc("10141421358")).is_ok());
        assert_eq!(field_of(ensure_undo_supported(&ruc("20601234565"))), "ruc");
    }

    #[test]
    fn masks_the_middle_digits() {
        assert_eq!(mask_document("14159265"), "14****65");
        assert_eq!(mask_document("10141421358"), "10*******58");
        assert_eq!(mask_document("123"), "***");
    }
}
