//! Properties of what the cashier types, over arbitrary input: the identity validators never panic, on
//! any text or on any bytes read as (lossy) UTF-8, and accept exactly what the rules say: a DNI is 8
//! digits; a RUC is 11 digits with a known prefix and the modulo-11 check digit; a funding code is 1 to
//! 16 digits; undo-billing takes a DNI or a RUC 10. The rules are restated here, independently of the
//! code, as the oracle. The check digit alone, and the checked types' constructors and serde, have their
//! own properties in `providers/tests/ids.rs`. Each property prints how many cases it ran
//! (`--nocapture` shows them).

use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};
use till::identity::{
    ensure_undo_supported, parse_customer, parse_dni, parse_funding_code, parse_ruc_customer,
};
use till::{CustomerId, Dni, Ruc};

const CASES: u32 = 10_000;

/// Runs `test` on `cases` values of `strategy`, prints the count, and fails with the smallest input
/// proptest can shrink a failure to.
fn check<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> TestCaseResult,
) where
    S::Value: Debug,
{
    let ran = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |value| {
        ran.fetch_add(1, Ordering::Relaxed);
        test(value)
    });
    println!("{name}: {} cases run", ran.load(Ordering::Relaxed));
    if let Err(failure) = result {
        panic!("{name}: {failure}");
    }
}

// The rules, restated.

const RUC_PREFIXES: [&str; 5] = ["10", "15", "16", "17", "20"];
const RUC_WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// What people type between digit groups, and the validators ignore.
fn without_separators(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect()
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn expected_check_digit(first_ten: &[u8]) -> u8 {
    let sum: u32 = first_ten
        .iter()
        .zip(RUC_WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    // 11 - remainder, where 10 becomes 0 and 11 becomes 1.
    ((11 - sum % 11) % 10) as u8
}

fn is_valid_ruc(digits: &str) -> bool {
    digits.len() == 11
        && all_digits(digits)
        && RUC_PREFIXES.contains(&&digits[..2])
        && digits.as_bytes()[10] - b'0' == expected_check_digit(&digits.as_bytes()[..10])
}

/// The RUC a customer holds, as text; `None` for a DNI.
fn ruc_text(customer: CustomerId) -> Option<String> {
    match customer {
        CustomerId::Ruc(ruc) => Some(ruc.into()),
        CustomerId::Dni(_) => None,
    }
}

/// Text that reaches the interesting paths: digit runs of every length near 8 and 11, separators, and
/// a sprinkling of anything else.
fn typed_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{0,14}",
        "[ .\\-]{0,2}[0-9]{1,4}([ .\\-]{1,2}[0-9]{1,5}){0,4}[ .\\-]{0,2}",
        "[0-9a\\- .\u{00a0}\u{0663}\u{ff11}]{0,16}",
    ]
}

fn lossy_bytes() -> impl Strategy<Value = String> {
    vec(any::<u8>(), 0..48).prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// A RUC the rules accept: a known prefix, eight digits, and the check digit computed from them.
fn valid_ruc() -> impl Strategy<Value = String> {
    (prop::sample::select(&RUC_PREFIXES[..]), "[0-9]{8}").prop_map(|(prefix, body)| {
        let first_ten = format!("{prefix}{body}");
        let check = expected_check_digit(first_ten.as_bytes());
        format!("{first_ten}{check}")
    })
}

fn assert_validators_agree_with_the_rules(typed: &str) -> TestCaseResult {
    let digits = without_separators(typed);
    let dni_ok = digits.len() == 8 && all_digits(&digits);
    let ruc_ok = digits.len() == 11 && is_valid_ruc(&digits);

    match parse_dni(typed) {
        Ok(CustomerId::Dni(number)) => prop_assert!(dni_ok && number.as_str() == digits),
        Ok(other) => prop_assert!(false, "parse_dni gave {other:?}"),
        Err(error) => prop_assert!(!dni_ok, "{typed:?} refused: {error}"),
    }
    match parse_ruc_customer(typed) {
        Ok(CustomerId::Ruc(number)) => prop_assert!(ruc_ok && number.as_str() == digits),
        Ok(other) => prop_assert!(false, "parse_ruc_customer gave {other:?}"),
        Err(error) => prop_assert!(!ruc_ok, "{typed:?} refused: {error}"),
    }
    match parse_customer(typed) {
        Ok(CustomerId::Dni(number)) => prop_assert!(dni_ok && number.as_str() == digits),
        Ok(CustomerId::Ruc(number)) => prop_assert!(ruc_ok && number.as_str() == digits),
        Err(error) => prop_assert!(!dni_ok && !ruc_ok, "{typed:?} refused: {error}"),
    }
    let code_ok = all_digits(&digits) && digits.len() <= 16;
    match parse_funding_code(typed) {
        Ok(code) => prop_assert!(code_ok && code.as_str() == digits),
        Err(error) => prop_assert!(!code_ok, "{typed:?} refused: {error}"),
    }
    Ok(())
}

#[test]
fn validators_accept_exactly_what_the_rules_say_on_any_text() {
    check("identity on typed text", CASES, typed_text(), |typed| {
        assert_validators_agree_with_the_rules(&typed)
    });
}

#[test]
fn validators_never_panic_on_any_bytes() {
    check("identity on lossy bytes", CASES, lossy_bytes(), |typed| {
        assert_validators_agree_with_the_rules(&typed)
    });
}

#[test]
fn every_valid_ruc_is_accepted_however_it_is_typed() {
    let typed = (valid_ruc(), vec("[ .\\-]?", 11)).prop_map(|(ruc, separators)| {
        let typed: String = ruc
            .chars()
            .zip(separators)
            .map(|(digit, separator)| format!("{digit}{separator}"))
            .collect();
        (ruc, typed)
    });
    check("valid RUCs", CASES, typed, |(ruc, typed)| {
        prop_assert_eq!(
            parse_customer(&typed).ok().and_then(ruc_text),
            Some(ruc.clone())
        );
        let customer = parse_ruc_customer(&typed).unwrap();
        prop_assert_eq!(ruc_text(customer.clone()), Some(ruc.clone()));
        prop_assert_eq!(
            ensure_undo_supported(&customer).is_ok(),
            ruc.starts_with("10")
        );
        Ok(())
    });
}

/// A one-digit change is rejected unless the changed number is itself a valid RUC. That happens only
/// through the scheme's one blind spot: remainders 0 and 10 both give check digit 1 (and a prefix digit
/// changed into another known prefix). A changed check digit is always rejected.
#[test]
fn a_one_digit_change_is_rejected_unless_the_rules_accept_the_result() {
    let blind_spots = AtomicUsize::new(0);
    let changed = (valid_ruc(), 0..11usize, 1..10u8);
    check(
        "one-digit changes",
        CASES,
        changed,
        |(ruc, position, step)| {
            let mut bytes = ruc.clone().into_bytes();
            bytes[position] = b'0' + (bytes[position] - b'0' + step) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            let accepted = parse_customer(&changed).is_ok();
            prop_assert_eq!(accepted, is_valid_ruc(&changed), "{} -> {}", ruc, changed);
            if position == 10 {
                prop_assert!(!accepted, "changed check digit accepted: {}", changed);
            }
            if accepted {
                blind_spots.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        },
    );
    println!(
        "one-digit changes accepted because the result is valid: {}",
        blind_spots.load(Ordering::Relaxed)
    );
}

/// Any customer the types let exist: a `CustomerId` can no longer hold text that is not a valid
/// document (what this property once fed it), so it runs over every valid DNI and RUC instead.
#[test]
fn undo_is_allowed_for_a_dni_or_a_ruc_10() {
    let customer = prop_oneof![
        "[0-9]{8}".prop_map(|dni| CustomerId::Dni(Dni::parse(&dni).unwrap())),
        valid_ruc().prop_map(|ruc| CustomerId::Ruc(Ruc::parse(&ruc).unwrap())),
    ];
    check("undo support", CASES, customer, |customer| {
        let allowed = match &customer {
            CustomerId::Dni(_) => true,
            CustomerId::Ruc(ruc) => ruc.as_str().starts_with("10"),
        };
        prop_assert_eq!(ensure_undo_supported(&customer).is_ok(), allowed);
        Ok(())
    });
}
