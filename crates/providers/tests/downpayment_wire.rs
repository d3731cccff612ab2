//! The wire types against the literal JSON of `acuotaz-inhouse-downpayment-v2.txt`: what we send must be
//! what the document's curl examples send, and what the document says comes back must parse exactly.

mod common;

use common::fixture;
use providers::Soles;
use providers::apurata::downpayment::*;
use serde_json::Value;

fn value(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn operation_body_is_the_documented_one() {
    let sent = OperationRequest::new(
        &CustomerId::Dni("14159265".parse().unwrap()),
        &"1234567".parse().unwrap(),
    );
    assert_eq!(
        serde_json::to_value(&sent).unwrap(),
        value(&fixture("paid_and_billed_request.json"))
    );
    let by_ruc = OperationRequest::new(
        &CustomerId::Ruc("10141421358".parse().unwrap()),
        &"1414213".parse().unwrap(),
    );
    assert_eq!(
        serde_json::to_value(&by_ruc).unwrap(),
        serde_json::json!({"ruc": "10141421358", "funding_code": "1414213"})
    );
}

#[test]
fn info_answer_parses_to_exact_amounts() {
    let info: FundingInfo = serde_json::from_str(&fixture("info_200.json")).unwrap();
    assert_eq!(info.funding_code, "1234567");
    assert_eq!(info.purchase_total, Soles::from_centimos(289_990));
    assert_eq!(info.downpayment_amount, Soles::from_centimos(57_998));
    assert_eq!(info.downpayment_status, DownpaymentStatus::Pending);
    assert_eq!(info.downpayment_channel, DownpaymentChannel::Tienda);
    assert!(!info.billed_by_ecommerce);
    // And back: the sandbox writes the same document.
    assert_eq!(
        serde_json::to_value(&info).unwrap(),
        value(&fixture("info_200.json"))
    );
}

#[test]
fn both_channels_and_statuses_parse() {
    let online = fixture("info_200.json")
        .replace("\"PENDING\"", "\"FULFILLED\"")
        .replace("\"Tienda\"", "\"aCuotaz\"");
    let info: FundingInfo = serde_json::from_str(&online).unwrap();
    assert_eq!(info.downpayment_status, DownpaymentStatus::Fulfilled);
    assert_eq!(info.downpayment_channel, DownpaymentChannel::ACuotaz);
}

#[test]
fn day_summaries_parse_with_and_without_detail() {
    let totals: DayTotals = serde_json::from_str(&fixture("day_summary_200.json")).unwrap();
    assert_eq!(totals.total_purchases, Soles::from_centimos(500_000));
    assert_eq!(totals.total_paid_in_store, Soles::from_centimos(75_050));
    assert_eq!(totals.total_financed, Soles::from_centimos(424_950));

    let detail: DaySummaryDetail =
        serde_json::from_str(&fixture("day_summary_detail_200.json")).unwrap();
    assert_eq!(detail.totals, totals);
    let origins: Vec<PaymentOrigin> = detail
        .order_detail
        .iter()
        .map(|o| o.payment_origin)
        .collect();
    assert_eq!(
        origins,
        [
            PaymentOrigin::External,
            PaymentOrigin::Card,
            PaymentOrigin::Transfer
        ]
    );
    assert_eq!(detail.order_detail[2].amount, Soles::from_centimos(12_025));
    assert_eq!(
        serde_json::to_value(&detail).unwrap(),
        value(&fixture("day_summary_detail_200.json"))
    );
}

#[test]
fn error_bodies_parse() {
    let unauthorized: ErrorBody = serde_json::from_str(&fixture("error_401.json")).unwrap();
    assert_eq!(unauthorized.error, messages::UNAUTHORIZED);
    let not_found: ErrorBody = serde_json::from_str(&fixture("error_404.json")).unwrap();
    assert_eq!(not_found.error, messages::NOT_FOUND);
    let not_billed: ErrorBody =
        serde_json::from_str(&fixture("error_400_not_billed.json")).unwrap();
    assert_eq!(not_billed.error, messages::NOT_BILLED_YET);
    let fields: FieldErrors = serde_json::from_str(&fixture("error_400_fields.json")).unwrap();
    assert_eq!(fields["dni"], messages::DNI_FORMAT);
    assert_eq!(fields["funding_code"], messages::FUNDING_CODE_FORMAT);
    let day: FieldErrors = serde_json::from_str(&fixture("error_400_day_summary.json")).unwrap();
    assert_eq!(day["day"], messages::DAY_FORMAT);
    assert_eq!(day["detail"], messages::DETAIL_FORMAT);
}

#[test]
fn shapes_the_document_does_not_allow_are_refused() {
    let info = fixture("info_200.json");
    let cases = [
        info.replace("\"PENDING\"", "\"PAID\""),
        info.replace("\"Tienda\"", "\"Store\""),
        info.replace("2899.9", "\"2899.90\""),
        info.replace("\"billed_by_ecommerce\": false,", ""),
        "[]".to_owned(),
        "".to_owned(),
    ];
    for case in cases {
        assert!(
            serde_json::from_str::<FundingInfo>(&case).is_err(),
            "accepted: {case}"
        );
    }
    let detail = fixture("day_summary_detail_200.json").replace("\"card\"", "\"cash\"");
    assert!(serde_json::from_str::<DaySummaryDetail>(&detail).is_err());
}

/// A day's totals with an amount beyond what `Soles` holds are refused, not a panic.
#[test]
fn day_totals_with_a_huge_amount_are_refused() {
    let body = br#"[8e27, 0, 0]"#;
    assert!(serde_json::from_slice::<providers::apurata::downpayment::DayTotals>(body).is_err());
}
