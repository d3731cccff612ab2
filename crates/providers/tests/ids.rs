//! Properties of the checked identifiers (`Dni`, `Ruc`, `FundingCode`, and `CustomerId` read by length),
//! over arbitrary text: every way in (`parse`, `FromStr`, `TryFrom`, serde) accepts exactly what the
//! rules say and names the first rule broken; what is accepted serialises as the very text and reads
//! back equal; `Deserialize` refuses whatever `parse` refuses, and anything that is not a JSON string.
//! The rules are restated here, independently of the code, as the oracle. Each property prints how many
//! cases it ran (`--nocapture` shows them).

use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};
use providers::apurata::downpayment::{
    CustomerId, Dni, FormatProblem, FundingCode, OperationRequest, Ruc, ruc_check_digit,
};
use serde_json::Value;

const CASES: u32 = 5_000;

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

fn expected_check_digit(first_ten: &[u8]) -> u8 {
    let sum: u32 = first_ten
        .iter()
        .zip(RUC_WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    // 11 - remainder, where 10 becomes 0 and 11 becomes 1.
    ((11 - sum % 11) % 10) as u8
}

/// The first rule `text` breaks as a DNI, a RUC and a funding code, or `None` where it breaks none.
fn expected(text: &str) -> [Option<FormatProblem>; 3] {
    let bytes = text.as_bytes();
    if text.is_empty() {
        return [Some(FormatProblem::Missing); 3];
    }
    if !bytes.iter().all(u8::is_ascii_digit) {
        return [Some(FormatProblem::NotDigits); 3];
    }
    let dni = (text.len() != 8).then_some(FormatProblem::DniLength);
    let ruc = if text.len() != 11 {
        Some(FormatProblem::RucLength)
    } else if !RUC_PREFIXES.contains(&&text[..2]) {
        Some(FormatProblem::RucPrefix)
    } else if bytes[10] - b'0' != expected_check_digit(&bytes[..10]) {
        Some(FormatProblem::RucCheckDigit)
    } else {
        None
    };
    let code = (text.len() > 16).then_some(FormatProblem::TooLong {
        digits: text.len(),
        max: 16,
    });
    [dni, ruc, code]
}

/// Text that reaches every rule: digit runs of every length near 8, 11 and 16, known prefixes, and
/// anything else (separators, other scripts' digits, bytes read as lossy UTF-8).
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{0,18}",
        "(10|15|16|17|20|30)[0-9]{9}",
        "[0-9a\\- .\u{00a0}\u{0663}\u{ff11}]{0,16}",
        vec(any::<u8>(), 0..24).prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
    ]
}

/// A RUC the rules accept: a known prefix, eight digits, and the check digit computed from them.
fn valid_ruc() -> impl Strategy<Value = String> {
    (prop::sample::select(&RUC_PREFIXES[..]), "[0-9]{8}").prop_map(|(prefix, body)| {
        let first_ten = format!("{prefix}{body}");
        let check = expected_check_digit(first_ten.as_bytes());
        format!("{first_ten}{check}")
    })
}

/// What `T` makes of `text` by every way in; they must all agree, and `Deserialize` with them.
fn every_way_in<T>(text: &str) -> Result<Result<T, FormatProblem>, TestCaseError>
where
    T: std::str::FromStr<Err = FormatProblem>
        + for<'a> TryFrom<&'a str, Error = FormatProblem>
        + TryFrom<String, Error = FormatProblem>
        + serde::de::DeserializeOwned
        + PartialEq
        + Debug,
{
    let parsed = text.parse::<T>();
    prop_assert_eq!(&T::try_from(text), &parsed);
    prop_assert_eq!(&T::try_from(text.to_owned()), &parsed);
    let json = serde_json::to_string(text).unwrap();
    let read = serde_json::from_str::<T>(&json);
    match (&read, &parsed) {
        (Ok(read), Ok(parsed)) => prop_assert_eq!(read, parsed),
        (Err(_), Err(_)) => {}
        _ => prop_assert!(false, "Deserialize {:?} but parse {:?}", read, parsed),
    }
    Ok(parsed)
}

#[test]
fn every_way_in_accepts_exactly_what_the_rules_say() {
    check("identifiers on any text", CASES, any_text(), |text| {
        let [dni, ruc, code] = expected(&text);
        prop_assert_eq!(every_way_in::<Dni>(&text)?.err(), dni);
        prop_assert_eq!(every_way_in::<Ruc>(&text)?.err(), ruc);
        prop_assert_eq!(every_way_in::<FundingCode>(&text)?.err(), code);
        let customer = text.parse::<CustomerId>();
        match (&customer, text.len()) {
            (Ok(CustomerId::Dni(number)), _) => {
                prop_assert!(dni.is_none() && number.as_str() == text)
            }
            (Ok(CustomerId::Ruc(number)), _) => {
                prop_assert!(ruc.is_none() && number.as_str() == text)
            }
            (Err(problem), 8) => prop_assert_eq!(Some(*problem), dni),
            (Err(problem), 11) => prop_assert_eq!(Some(*problem), ruc),
            (Err(FormatProblem::DocumentLength { digits }), length) => {
                prop_assert_eq!(*digits, length);
                prop_assert_eq!(dni, Some(FormatProblem::DniLength));
            }
            (Err(problem), _) => prop_assert_eq!(Some(*problem), dni),
        }
        Ok(())
    });
}

#[test]
fn valid_values_round_trip_through_serde_as_the_plain_string() {
    let documents = ("[0-9]{8}", valid_ruc(), "[0-9]{1,16}", any::<bool>());
    check(
        "serde round trip",
        CASES,
        documents,
        |(dni, ruc, code, by_ruc)| {
            let typed_dni = Dni::parse(&dni).unwrap();
            let typed_ruc = Ruc::parse(&ruc).unwrap();
            let typed_code = FundingCode::parse(&code).unwrap();
            for (json, text) in [
                (serde_json::to_value(&typed_dni).unwrap(), &dni),
                (serde_json::to_value(&typed_ruc).unwrap(), &ruc),
                (serde_json::to_value(&typed_code).unwrap(), &code),
            ] {
                prop_assert_eq!(json, Value::String(text.clone()));
            }
            prop_assert_eq!(typed_dni.to_string(), dni.clone());
            prop_assert_eq!(typed_ruc.as_str(), ruc.as_str());
            prop_assert_eq!(String::from(typed_code.clone()), code.clone());
            let customer = if by_ruc {
                CustomerId::Ruc(typed_ruc)
            } else {
                CustomerId::Dni(typed_dni)
            };
            let json = serde_json::to_string(&customer).unwrap();
            prop_assert_eq!(
                serde_json::from_str::<CustomerId>(&json).unwrap(),
                customer.clone()
            );
            // What the client sends is the same text, under the field the document names.
            let request = OperationRequest::new(&customer, &typed_code);
            let sent = if by_ruc { &request.ruc } else { &request.dni };
            prop_assert_eq!(sent.as_deref(), Some(customer.number()));
            prop_assert_eq!(request.funding_code, code);
            Ok(())
        },
    );
}

#[test]
fn deserialize_takes_only_a_json_string() {
    let value = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        "[0-9]{8}".prop_map(|digits| serde_json::json!([digits])),
        "[0-9]{8}".prop_map(|digits| serde_json::json!({"dni": digits})),
    ];
    check("non-strings refused", CASES, value, |value| {
        prop_assert!(serde_json::from_value::<Dni>(value.clone()).is_err());
        prop_assert!(serde_json::from_value::<Ruc>(value.clone()).is_err());
        prop_assert!(serde_json::from_value::<FundingCode>(value).is_err());
        Ok(())
    });
}

#[test]
fn check_digit_is_some_only_for_ten_digits() {
    let text = prop_oneof![any_text(), "[0-9]{10}"];
    check("RUC check digit", CASES, text, |text| {
        if text.len() == 10 && text.bytes().all(|b| b.is_ascii_digit()) {
            let expected = u32::from(expected_check_digit(text.as_bytes()));
            prop_assert_eq!(ruc_check_digit(&text), Some(expected));
        } else {
            prop_assert_eq!(ruc_check_digit(&text), None);
        }
        Ok(())
    });
}
