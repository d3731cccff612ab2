//! Properties of Spain's identity numbers (`providers::spain_ids`) over generated numbers: every valid
//! DNI, NIE and CIF parses to its kind; changing its control character makes it fail, naming the
//! character expected; the ways people type one (lower case, spaces, dashes, dots) read the same;
//! `Display` then `parse` is the identity; no text makes the reader panic. The control rules are
//! restated here from the public definitions, independently of the code, as the oracle.

use proptest::prelude::*;
use proptest::sample::select;
use providers::SpanishId;
use providers::spain_ids::{IdKind, SpanishIdError};

const LETTERS: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 3_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn dni() -> impl Strategy<Value = String> {
    (0u32..100_000_000).prop_map(|n| format!("{n:08}{}", char::from(LETTERS[(n % 23) as usize])))
}

fn nie() -> impl Strategy<Value = String> {
    (0u32..3, 0u32..10_000_000).prop_map(|(prefix, n)| {
        let letter = LETTERS[((prefix * 10_000_000 + n) % 23) as usize];
        format!(
            "{}{n:07}{}",
            ['X', 'Y', 'Z'][prefix as usize],
            char::from(letter)
        )
    })
}

/// The entity control digit, restated: odd places doubled with their digits summed, even as they are.
fn entity_digit(digits: &str) -> u32 {
    let sum: u32 = digits
        .chars()
        .map(|c| c.to_digit(10).unwrap())
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 0 {
                (2 * d) / 10 + (2 * d) % 10
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// A valid CIF and the controls its type accepts.
fn cif() -> impl Strategy<Value = (String, Vec<char>)> {
    let types: Vec<char> = "ABCDEFGHJNPQRSUVW".chars().collect();
    (select(types), 0u32..10_000_000, any::<bool>()).prop_map(|(kind, n, pick_letter)| {
        let digits = format!("{n:07}");
        let digit = entity_digit(&digits);
        let (as_digit, as_letter) = (
            char::from_digit(digit, 10).unwrap(),
            char::from(b"JABCDEFGHI"[digit as usize]),
        );
        let accepted = if "PQRSWN".contains(kind) || digits.starts_with("00") {
            vec![as_letter]
        } else if "ABEH".contains(kind) {
            vec![as_digit]
        } else {
            vec![as_digit, as_letter]
        };
        let control = if pick_letter {
            *accepted.last().unwrap()
        } else {
            accepted[0]
        };
        (format!("{kind}{digits}{control}"), accepted)
    })
}

fn any_id() -> impl Strategy<Value = (String, IdKind)> {
    prop_oneof![
        dni().prop_map(|id| (id, IdKind::Dni)),
        nie().prop_map(|id| (id, IdKind::Nie)),
        cif().prop_map(|(id, _)| (id, IdKind::Cif)),
    ]
}

/// `id` as a person might type it: lower case where `lower` says, a separator before each character
/// where `separators` has one.
fn typed(id: &str, lower: &[bool], separators: &[u8]) -> String {
    let mut out = String::new();
    for (i, c) in id.chars().enumerate() {
        out.push_str(match separators[i] {
            1 => " ",
            2 => "-",
            3 => ".",
            _ => "",
        });
        out.push(if lower[i] { c.to_ascii_lowercase() } else { c });
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_valid_number_parses_to_its_kind((id, kind) in any_id()) {
        let parsed = SpanishId::parse(&id);
        prop_assert!(parsed.is_ok(), "{}: {:?}", id, parsed);
        let parsed = parsed.unwrap();
        prop_assert_eq!(parsed.kind(), kind);
        prop_assert_eq!(parsed.as_str(), id.as_str());
        prop_assert_eq!(SpanishId::parse(&parsed.to_string()), Ok(parsed));
    }

    #[test]
    fn another_control_letter_fails_naming_the_one_expected(
        id in prop_oneof![dni(), nie()],
        other in 0usize..23,
    ) {
        let expected = id.chars().last().unwrap();
        let replacement = char::from(LETTERS[other]);
        prop_assume!(replacement != expected);
        let changed = format!("{}{replacement}", &id[..8]);
        match SpanishId::parse(&changed) {
            Err(SpanishIdError::WrongControl { found, expected: named, .. }) => {
                prop_assert_eq!((found, named), (replacement, expected));
            }
            other => prop_assert!(false, "{} gave {:?}", changed, other),
        }
    }

    #[test]
    fn another_cif_control_fails(
        (id, accepted) in cif(),
        replacement in select("0123456789ABCDEFGHIJ".chars().collect::<Vec<_>>()),
    ) {
        prop_assume!(!accepted.contains(&replacement));
        let changed = format!("{}{replacement}", &id[..8]);
        match SpanishId::parse(&changed) {
            Err(SpanishIdError::WrongControl { kind, expected, alternative, .. }) => {
                prop_assert_eq!(kind, IdKind::Cif);
                let named: Vec<char> = std::iter::once(expected).chain(alternative).collect();
                prop_assert_eq!(named, accepted);
            }
            other => prop_assert!(false, "{} gave {:?}", changed, other),
        }
    }

    #[test]
    fn typed_with_separators_and_lower_case_reads_the_same(
        (id, _) in any_id(),
        lower in proptest::collection::vec(any::<bool>(), 9),
        separators in proptest::collection::vec(0u8..6, 9),
    ) {
        let text = typed(&id, &lower, &separators);
        prop_assert_eq!(SpanishId::parse(&text).map(|parsed| parsed.to_string()), Ok(id));
    }

    #[test]
    fn no_text_makes_the_reader_panic(text in "[0-9A-Za-z .\\-/ñ]{0,14}") {
        if let Ok(parsed) = SpanishId::parse(&text) {
            prop_assert_eq!(parsed.as_str().len(), 9);
            prop_assert_eq!(SpanishId::parse(parsed.as_str()), Ok(parsed.clone()));
        }
    }
}
