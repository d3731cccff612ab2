//! Hand-written cases from public examples: the DNI `12345678Z` and NIE `X1234567L` of the Ministry's
//! own explanations, the tax agency's NIF `Q2826000H`, El Corte Inglés' `A28017895`.

use super::*;
use SpanishIdError::*;

fn id(text: &str) -> Result<SpanishId, SpanishIdError> {
    SpanishId::parse(text)
}

#[test]
fn public_examples_parse_to_their_kind() {
    for (typed, kind, canonical) in [
        ("12345678Z", IdKind::Dni, "12345678Z"),
        ("12.345.678-z", IdKind::Dni, "12345678Z"),
        ("00000000T", IdKind::Dni, "00000000T"),
        ("X1234567L", IdKind::Nie, "X1234567L"),
        ("x-1234567-l", IdKind::Nie, "X1234567L"),
        ("Y1234567X", IdKind::Nie, "Y1234567X"),
        ("Z1234567R", IdKind::Nie, "Z1234567R"),
        ("Q2826000H", IdKind::Cif, "Q2826000H"),
        ("A28017895", IdKind::Cif, "A28017895"),
        ("b 1234567 4", IdKind::Cif, "B12345674"),
        ("G12345674", IdKind::Cif, "G12345674"),
        ("G1234567D", IdKind::Cif, "G1234567D"),
        (" 12345678Z ", IdKind::Dni, "12345678Z"),
    ] {
        let parsed = id(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
        assert_eq!(
            (parsed.kind(), parsed.as_str()),
            (kind, canonical),
            "{typed}"
        );
        assert_eq!(parsed.to_string(), canonical);
    }
}

#[test]
fn each_refusal_names_what_is_wrong() {
    let wrong = |kind, found, expected, alternative| WrongControl {
        kind,
        found,
        expected,
        alternative,
    };
    for (typed, why) in [
        ("", Empty),
        (" - . ", Empty),
        ("12345678A", wrong(IdKind::Dni, 'A', 'Z', None)),
        ("X1234567T", wrong(IdKind::Nie, 'T', 'L', None)),
        ("B12345675", wrong(IdKind::Cif, '5', '4', None)),
        ("B1234567D", wrong(IdKind::Cif, 'D', '4', None)),
        ("Q28260008", wrong(IdKind::Cif, '8', 'H', None)),
        ("G12345675", wrong(IdKind::Cif, '5', '4', Some('D'))),
        // Not resident (`00`): a letter whatever the type.
        ("B00123450", wrong(IdKind::Cif, '0', 'E', None)),
        (
            "12345678",
            MissingControl {
                kind: IdKind::Dni,
                expected: 'Z',
                alternative: None,
            },
        ),
        (
            "X1234567",
            MissingControl {
                kind: IdKind::Nie,
                expected: 'L',
                alternative: None,
            },
        ),
        (
            "G1234567",
            MissingControl {
                kind: IdKind::Cif,
                expected: '4',
                alternative: Some('D'),
            },
        ),
        (
            "1234567Z",
            Length {
                kind: IdKind::Dni,
                typed: 8,
            },
        ),
        (
            "123456789Z",
            Length {
                kind: IdKind::Dni,
                typed: 10,
            },
        ),
        (
            "X123456L",
            Length {
                kind: IdKind::Nie,
                typed: 8,
            },
        ),
        (
            "B123456D",
            Length {
                kind: IdKind::Cif,
                typed: 8,
            },
        ),
        ("1234A678Z", NotDigits { kind: IdKind::Dni }),
        ("XA234567L", NotDigits { kind: IdKind::Nie }),
        ("B12A45674", NotDigits { kind: IdKind::Cif }),
        (
            "123456789",
            ControlNotALetter {
                kind: IdKind::Dni,
                found: '9',
            },
        ),
        ("K1234567L", PersonalNif('K')),
        ("M1234567L", PersonalNif('M')),
        ("I1234567L", UnknownFirstLetter('I')),
        ("T1234567L", UnknownFirstLetter('T')),
        ("12345678/Z", UnexpectedCharacter('/')),
        ("12345678Ñ", UnexpectedCharacter('Ñ')),
    ] {
        assert_eq!(id(typed), Err(why), "{typed:?}");
    }
}

#[test]
fn the_refusals_read_as_sentences() {
    assert_eq!(
        id("12345678A").unwrap_err().to_string(),
        "the DNI's control character is Z, not A"
    );
    assert_eq!(
        id("G12345675").unwrap_err().to_string(),
        "the CIF's control character is 4 (or D), not 5"
    );
    assert_eq!(
        id("1234567Z").unwrap_err().to_string(),
        "a DNI has 9 characters, 8 were typed"
    );
}

#[test]
fn each_type_takes_its_own_kind_only() {
    assert_eq!(DniEs::parse("12345678z").unwrap().as_str(), "12345678Z");
    assert_eq!(Nie::parse("X1234567L").unwrap().to_string(), "X1234567L");
    assert_eq!("Q2826000H".parse::<Cif>().unwrap().as_str(), "Q2826000H");
    assert_eq!(
        DniEs::parse("X1234567L"),
        Err(OtherKind {
            expected: IdKind::Dni,
            found: IdKind::Nie,
        })
    );
    // The kind is judged first: a CIF with a wrong control is still "not a NIE".
    assert_eq!(
        Nie::parse("B12345675"),
        Err(OtherKind {
            expected: IdKind::Nie,
            found: IdKind::Cif,
        })
    );
    assert_eq!(
        Cif::parse("12345678A"),
        Err(OtherKind {
            expected: IdKind::Cif,
            found: IdKind::Dni,
        })
    );
}

#[test]
fn json_carries_the_bare_number_and_reads_through_the_check() {
    let dni = id("12.345.678-z").unwrap();
    assert_eq!(serde_json::to_string(&dni).unwrap(), "\"12345678Z\"");
    let read: SpanishId = serde_json::from_str("\"x1234567l\"").unwrap();
    assert_eq!(read.as_str(), "X1234567L");
    assert!(serde_json::from_str::<SpanishId>("\"12345678A\"").is_err());
    assert!(serde_json::from_str::<SpanishId>("12345678").is_err());
}
