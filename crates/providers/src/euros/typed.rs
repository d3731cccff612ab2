//! Reading an amount of euros as a cashier in Spain types it: digits, a dot (or a space) between
//! thousands, a comma before one or two decimals, an optional `-` in front and an optional `€` after
//! (`1234,5`, `1.234,50`, `1 234,50 €`, `-3,00`, `,50`). Whatever [`Euros`](super::Euros) displays
//! reads back to the same cents.
//!
//! A text that could mean two amounts is refused, never guessed: `1,234.50` (the English format: a dot
//! after the comma), `12,345` (three decimals: twelve euros and a fraction of a cent here, twelve
//! thousand in English), `12.50` (a dot followed by other than three digits: a decimal point in
//! English, a malformed thousands group here). `1.234` is one thousand two hundred and thirty-four
//! euros: three decimals are never an amount of money, so it has one reading. Each refusal says what
//! is wrong ([`EurosError`]).

use super::MAX_CENTS;

/// Why a typed text is not an amount of euros. `Display` is a log line; the till words it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EurosError {
    #[error("no amount was typed")]
    Empty,
    #[error(
        "«{0}» is not part of an amount (digits, a dot between thousands, a comma before the cents)"
    )]
    UnexpectedCharacter(char),
    #[error("the € sign goes after the amount (12,50 €)")]
    SymbolBeforeAmount,
    #[error("a minus sign goes once, in front of the amount (-3,00)")]
    MisplacedSign,
    #[error("there are no digits")]
    NoDigits,
    #[error("more than one comma: only the cents follow a comma")]
    SeveralCommas,
    #[error(
        "a dot after the comma reads as the English format (1,234.50); in Spain write 1.234,50"
    )]
    DotAfterComma,
    #[error("no digits after the comma (write 12,50 or 12)")]
    NoDecimalDigits,
    #[error(
        "{decimals} digits after the comma: cents have at most 2 (12,345 is 12,35 € or 12.345 €?)"
    )]
    TooManyDecimals { decimals: usize },
    #[error(
        "«{group}» after a thousands separator: groups have exactly three digits (12.50 is written 12,50 in Spain)"
    )]
    ThousandsGroup { group: String },
    #[error("thousands are separated with dots or with spaces, not both")]
    MixedGroupSeparators,
    #[error("a leading zero before a thousands separator (0.500)")]
    LeadingZeroBeforeGroup,
    #[error("the amount is beyond what Caja handles")]
    OutOfRange,
}

/// The spaces a thousands group may be separated by: plain, no-break, narrow no-break.
const SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

/// The text's amount in cents, or why it has none (see the module doc).
pub fn parse(text: &str) -> Result<i64, EurosError> {
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(EurosError::Empty);
    }
    if let Some(before) = rest.strip_suffix('€') {
        rest = before.trim_end();
    }
    let negative = match rest.strip_prefix('-') {
        Some(after) => {
            rest = after;
            true
        }
        None => false,
    };
    if rest.starts_with('€') {
        return Err(EurosError::SymbolBeforeAmount);
    }
    if let Some(odd) = rest
        .chars()
        .find(|c| !(c.is_ascii_digit() || *c == '.' || *c == ',' || SPACES.contains(c)))
    {
        return Err(match odd {
            '-' => EurosError::MisplacedSign,
            '€' => EurosError::SymbolBeforeAmount,
            other => EurosError::UnexpectedCharacter(other),
        });
    }
    if rest.starts_with(SPACES) {
        return Err(EurosError::MisplacedSign);
    }
    let (whole, decimals) = split_decimals(rest)?;
    let euros = whole_euros(whole, decimals.is_some())?;
    let cents_part = match decimals {
        None => 0,
        Some(digits) if digits.len() == 1 => i64::from(digits.as_bytes()[0] - b'0') * 10,
        Some(digits) => {
            i64::from(digits.as_bytes()[0] - b'0') * 10 + i64::from(digits.as_bytes()[1] - b'0')
        }
    };
    let cents = euros
        .checked_mul(100)
        .and_then(|cents| cents.checked_add(cents_part))
        .filter(|cents| *cents <= MAX_CENTS)
        .ok_or(EurosError::OutOfRange)?;
    Ok(if negative { -cents } else { cents })
}

/// The whole part and the decimals (one or two digits), or why the comma is misused.
fn split_decimals(text: &str) -> Result<(&str, Option<&str>), EurosError> {
    let mut parts = text.split(',');
    let whole = parts.next().unwrap_or_default();
    let decimals = parts.next();
    if parts.next().is_some() {
        return Err(EurosError::SeveralCommas);
    }
    let Some(decimals) = decimals else {
        return Ok((whole, None));
    };
    if let Some(odd) = decimals.chars().find(|c| !c.is_ascii_digit()) {
        return Err(if odd == '.' {
            EurosError::DotAfterComma
        } else {
            EurosError::UnexpectedCharacter(odd)
        });
    }
    match decimals.len() {
        0 => Err(EurosError::NoDecimalDigits),
        1 | 2 => Ok((whole, Some(decimals))),
        decimals => Err(EurosError::TooManyDecimals { decimals }),
    }
}

/// The whole euros of the part before the comma, its thousands groups checked.
fn whole_euros(whole: &str, has_decimals: bool) -> Result<i64, EurosError> {
    if whole.is_empty() {
        return if has_decimals {
            Ok(0)
        } else {
            Err(EurosError::NoDigits)
        };
    }
    let dots = whole.contains('.');
    let spaces = whole.contains(SPACES);
    if dots && spaces {
        return Err(EurosError::MixedGroupSeparators);
    }
    let groups: Vec<&str> = whole
        .split(|c: char| c == '.' || SPACES.contains(&c))
        .collect();
    if let [first, others @ ..] = groups.as_slice()
        && !others.is_empty()
    {
        if first.is_empty() || first.len() > 3 {
            return Err(EurosError::ThousandsGroup {
                group: (*first).to_owned(),
            });
        }
        if first.starts_with('0') {
            return Err(EurosError::LeadingZeroBeforeGroup);
        }
        if let Some(bad) = others.iter().find(|group| group.len() != 3) {
            return Err(EurosError::ThousandsGroup {
                group: (*bad).to_owned(),
            });
        }
    }
    let digits: String = groups.concat();
    let significant = digits.trim_start_matches('0');
    if significant.len() > 16 {
        return Err(EurosError::OutOfRange);
    }
    Ok(significant.parse::<i64>().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_a_spanish_cashier_types() {
        for (typed, cents) in [
            ("1234,5", 123_450),
            ("1.234,50", 123_450),
            ("1234", 123_400),
            ("1.234,50 €", 123_450),
            ("1.234,50€", 123_450),
            ("1.234,50\u{a0}€", 123_450),
            ("1 234,50", 123_450),
            ("-3,00", -300),
            ("-3,00 €", -300),
            (",50", 50),
            ("0,05", 5),
            ("  12,3  ", 1230),
            ("1.234", 123_400),
            ("1.000.000", 100_000_000),
            ("007", 700),
            ("-0,00", 0),
        ] {
            assert_eq!(parse(typed), Ok(cents), "{typed:?}");
        }
    }

    #[test]
    fn refuses_the_ambiguous_and_the_malformed_saying_why() {
        use EurosError::*;
        let group = |text: &str| ThousandsGroup {
            group: text.to_owned(),
        };
        for (typed, why) in [
            ("", Empty),
            ("   ", Empty),
            ("1,234.50", DotAfterComma),
            ("12,345", TooManyDecimals { decimals: 3 }),
            ("1,234", TooManyDecimals { decimals: 3 }),
            ("12.50", group("50")),
            ("12.5", group("5")),
            ("1.23,50", group("23")),
            ("1234.567", group("1234")),
            ("1..234", group("")),
            (".50", group("")),
            ("1.", group("")),
            ("1.234 567", MixedGroupSeparators),
            ("0.500", LeadingZeroBeforeGroup),
            ("1,2,3", SeveralCommas),
            ("12,", NoDecimalDigits),
            ("€ 12,00", SymbolBeforeAmount),
            ("€12", SymbolBeforeAmount),
            ("12 € 50", SymbolBeforeAmount),
            ("12-", MisplacedSign),
            ("--3", MisplacedSign),
            ("- 3", MisplacedSign),
            ("-", NoDigits),
            ("€", NoDigits),
            ("12a", UnexpectedCharacter('a')),
            ("+3", UnexpectedCharacter('+')),
            ("S/ 12", UnexpectedCharacter('S')),
            ("12, 50", UnexpectedCharacter(' ')),
            ("99999999999999999999", OutOfRange),
            ("10.000.000.000.000,00", OutOfRange),
        ] {
            assert_eq!(parse(typed), Err(why), "{typed:?}");
        }
    }

    #[test]
    fn every_refusal_says_something() {
        for typed in ["12,345", "1,234.50", "12.50"] {
            let why = parse(typed).unwrap_err().to_string();
            assert!(why.len() > 20, "{typed}: {why}");
        }
    }
}
