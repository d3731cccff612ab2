//! Properties of everything the provider can send, over arbitrary input: amounts (JSON numbers, JSON
//! strings, typed text) and every answer parser the client uses (`answer::parse_body` for `info` and the
//! day summary with and without detail, `answer::error_from_answer` for error bodies) never panic; each
//! either parses or returns its typed error, and the store's format of an amount reads back to the same
//! céntimos. Each property prints how many cases it ran (`--nocapture` shows them).

use std::fmt::Debug;
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};
use providers::Soles;
use providers::apurata::downpayment::answer::{error_from_answer, parse_body};
use providers::apurata::downpayment::*;
use providers::http::ApiError;
use reqwest::StatusCode;
use serde_json::Value;

const CASES: u32 = 5_000;
/// Amounts a till meets, with room: ± S/ 100,000,000,000.00.
const SANE_CENTIMOS: i64 = 10_000_000_000_000;

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

/// Number texts of every size and shape JSON allows, far past what fits in a decimal.
fn json_number_text() -> impl Strategy<Value = String> {
    "-?(0|[1-9][0-9]{0,40})(\\.[0-9]{1,40})?([eE][-+]?[0-9]{1,3})?"
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("JSON has no NaN or infinity", |f| {
            serde_json::Number::from_f64(f).map(Value::Number)
        }),
        json_number_text().prop_filter_map("a JSON number", |text| {
            serde_json::from_str::<Value>(&text).ok()
        }),
        any::<String>().prop_map(Value::String),
        prop::sample::select(
            &[
                "PENDING",
                "FULFILLED",
                "aCuotaz",
                "Tienda",
                "card",
                "external"
            ][..]
        )
        .prop_map(Value::from),
    ]
}

/// The field names of the documented answers, so arbitrary values land where the parsers look.
const FIELDS: [&str; 17] = [
    "funding_code",
    "purchase_total",
    "billed_by_ecommerce",
    "downpayment_amount",
    "downpayment_status",
    "downpayment_channel",
    "total_purchases",
    "total_paid_in_store",
    "total_financed",
    "order_detail",
    "order_id",
    "dni",
    "ruc",
    "payment_origin",
    "amount",
    "error",
    "day",
];

/// Any JSON value, its objects keyed mostly by the documented field names.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![4 => prop::sample::select(&FIELDS[..]).prop_map(str::to_owned), 1 => any::<String>()];
    json_leaf().prop_recursive(4, 96, 10, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(key.clone(), inner, 0..10)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Bodies as the network delivers them: raw bytes, JSON text, and JSON text cut short.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..300),
        json_value().prop_map(|value| value.to_string().into_bytes()),
        (json_value(), any::<prop::sample::Index>()).prop_map(|(value, cut)| {
            let text = value.to_string().into_bytes();
            let end = cut.index(text.len() + 1);
            text[..end].to_vec()
        }),
    ]
}

fn assert_parses_or_is_unexpected<T: serde::de::DeserializeOwned + Debug>(
    body: &[u8],
) -> TestCaseResult {
    match parse_body::<T>(StatusCode::OK, body) {
        Ok(_) => Ok(()),
        Err(ApiError::UnexpectedBody {
            status: 200,
            detail,
        }) => {
            prop_assert!(!detail.is_empty());
            prop_assert!(
                detail.len() < 1_000,
                "the detail quotes only the start: {}",
                detail.len()
            );
            Ok(())
        }
        Err(other) => Err(TestCaseError::fail(format!("unexpected error {other:?}"))),
    }
}

#[test]
fn every_answer_parser_parses_or_says_unexpected_body() {
    check("answer parsers on any body", CASES, body(), |body| {
        assert_parses_or_is_unexpected::<FundingInfo>(&body)?;
        assert_parses_or_is_unexpected::<DayTotals>(&body)?;
        assert_parses_or_is_unexpected::<DaySummaryDetail>(&body)
    });
}

#[test]
fn every_status_and_body_is_classified() {
    let answer = (100..1000u16, body());
    check("error answers", CASES, answer, |(code, body)| {
        let status = StatusCode::from_u16(code).unwrap();
        let error = error_from_answer(status, &body);
        if status.is_server_error() {
            prop_assert!(matches!(error, ApiError::ServerError { .. }), "{:?}", error);
            prop_assert!(!error.is_refusal());
        } else if status.is_client_error() {
            prop_assert!(error.is_refusal(), "a 4xx is a refusal: {:?}", error);
            prop_assert_eq!(error.status(), Some(code));
            prop_assert!(error.provider_message().is_some());
        } else {
            prop_assert!(
                matches!(error, ApiError::UnexpectedBody { .. }),
                "{:?}",
                error
            );
            prop_assert!(!error.is_refusal());
        }
        Ok(())
    });
}

#[test]
fn documented_shapes_round_trip_through_the_parsers() {
    let amount = (-SANE_CENTIMOS..SANE_CENTIMOS).prop_map(Soles::from_centimos);
    let order = ("[A-Z0-9-]{0,20}", "[0-9]{8}", 0..3u8, amount.clone()).prop_map(
        |(order_id, dni, origin, amount)| OrderDetail {
            order_id,
            dni,
            payment_origin: [
                PaymentOrigin::Transfer,
                PaymentOrigin::Card,
                PaymentOrigin::External,
            ][usize::from(origin)],
            amount,
        },
    );
    let detail = (amount.clone(), amount.clone(), amount, vec(order, 0..12)).prop_map(
        |(total_purchases, total_paid_in_store, total_financed, order_detail)| DaySummaryDetail {
            totals: DayTotals {
                total_purchases,
                total_paid_in_store,
                total_financed,
            },
            order_detail,
        },
    );
    check("day summary round trip", CASES, detail, |detail| {
        let body = serde_json::to_vec(&detail).unwrap();
        prop_assert_eq!(
            parse_body::<DaySummaryDetail>(StatusCode::OK, &body).unwrap(),
            detail.clone()
        );
        let totals = parse_body::<DayTotals>(StatusCode::OK, &body).unwrap();
        prop_assert_eq!(totals, detail.totals);
        Ok(())
    });
}

#[test]
fn the_store_format_reads_back_to_the_same_centimos() {
    check(
        "Soles text round trip",
        CASES,
        -SANE_CENTIMOS..SANE_CENTIMOS,
        |centimos| {
            let text = Soles::from_centimos(centimos).to_string();
            let (sign, rest) = text
                .strip_prefix('-')
                .map_or(("", text.as_str()), |rest| ("-", rest));
            prop_assert_eq!(sign == "-", centimos < 0);
            let number = rest.strip_prefix("S/ ").expect("S/ then a space");
            let (whole, cents) = number.split_once('.').unwrap();
            prop_assert_eq!(cents.len(), 2);
            let groups: Vec<&str> = whole.split(',').collect();
            prop_assert!(groups[0].len() <= 3 && !groups[0].is_empty());
            prop_assert!(groups[1..].iter().all(|group| group.len() == 3));
            prop_assert_eq!(Soles::from_str(&text), Ok(Soles::from_centimos(centimos)));
            Ok(())
        },
    );
}

#[test]
fn typed_amounts_never_panic() {
    let typed = prop_oneof![
        any::<String>(),
        "-?(S/ ?)?[0-9,]{0,40}(\\.[0-9]{0,40})?",
        json_number_text(),
    ];
    check("Soles from typed text", CASES, typed, |text| {
        if let Ok(amount) = Soles::from_str(&text) {
            prop_assert!(amount.centimos().unsigned_abs() < 1_000_000_000_000_000);
        }
        Ok(())
    });
}

#[test]
fn wire_amounts_are_exact_or_refused() {
    check(
        "Soles from the float the provider means",
        CASES,
        -SANE_CENTIMOS..SANE_CENTIMOS,
        |centimos| {
            let json = serde_json::to_string(&(centimos as f64 / 100.0)).unwrap();
            prop_assert_eq!(
                serde_json::from_str::<Soles>(&json).unwrap().centimos(),
                centimos
            );
            Ok(())
        },
    );
    check(
        "Soles from any JSON number text",
        CASES,
        json_number_text(),
        |text| {
            if let Ok(amount) = serde_json::from_str::<Soles>(&text) {
                prop_assert!(
                    amount.centimos().unsigned_abs() < 1_000_000_000_000_000,
                    "{}",
                    text
                );
            }
            Ok(())
        },
    );
    check("Soles from any JSON value", CASES, json_value(), |value| {
        let parsed = serde_json::from_value::<Soles>(value.clone());
        prop_assert!(
            parsed.is_err() || value.is_number(),
            "only numbers are amounts: {}",
            value
        );
        Ok(())
    });
}
