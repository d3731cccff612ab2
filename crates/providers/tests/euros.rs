//! Properties of `Euros` over arbitrary amounts and text: what it displays reads back to the same
//! cents, the other ways a Spanish cashier types the same amount read the same, the English format of
//! an amount never reads as anything, and no text makes the reader panic.

use proptest::prelude::*;
use providers::Euros;
use providers::euros::MAX_CENTS;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 5_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// `whole` with `separator` between thousands.
fn grouped(whole: u64, separator: &str) -> String {
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn display_then_parse_is_identity(cents in -MAX_CENTS..=MAX_CENTS) {
        let amount = Euros::from_cents(cents);
        let text = amount.to_string();
        prop_assert_eq!(text.parse::<Euros>(), Ok(amount), "{}", text);
    }

    #[test]
    fn every_way_of_typing_an_amount_reads_the_same(cents in 0..=MAX_CENTS) {
        let amount = Euros::from_cents(cents);
        let (whole, part) = (cents.unsigned_abs() / 100, cents % 100);
        let mut typings = vec![
            format!("{whole},{part:02}"),
            format!("{},{part:02}", grouped(whole, ".")),
            format!("{},{part:02}", grouped(whole, " ")),
            format!("{},{part:02}\u{a0}€", grouped(whole, ".")),
            format!("{whole},{part:02}€"),
        ];
        if part == 0 {
            typings.push(whole.to_string());
            typings.push(format!("{} €", grouped(whole, ".")));
        }
        if part % 10 == 0 {
            typings.push(format!("{whole},{}", part / 10));
        }
        for typed in typings {
            prop_assert_eq!(typed.parse::<Euros>(), Ok(amount), "{}", typed);
        }
    }

    #[test]
    fn the_english_format_never_reads(cents in 0..=MAX_CENTS) {
        let (whole, part) = (cents.unsigned_abs() / 100, cents % 100);
        for english in [
            format!("{}.{part:02}", grouped(whole, ",")),
            format!("{whole}.{part:02}"),
        ] {
            prop_assert!(english.parse::<Euros>().is_err(), "{} was read", english);
        }
    }

    #[test]
    fn no_text_makes_the_reader_panic(text in "[-0-9.,€ \u{a0}a-z+]{0,24}") {
        if let Ok(amount) = text.parse::<Euros>() {
            prop_assert_eq!(amount.to_string().parse::<Euros>(), Ok(amount));
        }
    }
}

#[test]
fn the_brief_examples() {
    let read = |text: &str| text.parse::<Euros>().map(Euros::cents);
    assert_eq!(read("1234,5"), Ok(123_450));
    assert_eq!(read("1.234,50"), Ok(123_450));
    assert_eq!(read("1234"), Ok(123_400));
    assert_eq!(read("1.234,50 €"), Ok(123_450));
    assert_eq!(read("-3,00"), Ok(-300));
    assert!(read("1,234.50").is_err());
    assert!(read("12,345").is_err());
    assert_eq!(Euros::from_cents(123_450).to_string(), "1.234,50 €");
}
