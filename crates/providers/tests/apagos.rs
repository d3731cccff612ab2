//! aPagos against the literal JSON of `apagos-vouchers-api.txt` (the wire type) and against a scripted
//! peer written from the document (the client): what goes on the wire for register, `info` and cancel,
//! and what the client makes of each documented answer and of answers a careful client must not
//! believe — a register `200` without a real `request_id` leaves the outcome unknown (the voucher may
//! exist), a `400` is the plain text aPagos wrote, cancel's `invalid_status` gives back the real status.

mod common;

use common::{Script, fixture, json, peer};
use providers::apagos::{
    ApagosApi, CancelOutcome, NewVoucher, RequestId, VoucherInfo, VoucherStatus,
};
use providers::http::ApiError;
use providers::{ApiToken, HttpSettings, PlainHttp, ProviderRoot, Soles};

const REQUEST_ID: &str = "5fd166272826d9992620d028";
const REGISTERED_ID: &str = "601e8d0d4e5f4000201a3a33";

fn api(url: &str) -> ApagosApi {
    let root = ProviderRoot::parse(url, PlainHttp::LoopbackOnly).unwrap();
    ApagosApi::new(
        &root,
        ApiToken::new("apagos-secret"),
        HttpSettings::default(),
    )
    .unwrap()
}

fn request_id() -> RequestId {
    RequestId::parse(REQUEST_ID).unwrap()
}

#[test]
fn the_documented_info_reads_to_exact_values() {
    let info: VoucherInfo = serde_json::from_str(&fixture("apagos_info_200.json")).unwrap();
    assert_eq!(info.request_id, REQUEST_ID);
    assert_eq!(info.order_id, "1001");
    assert_eq!(info.status, VoucherStatus::Validated);
    assert_eq!(info.amount, Soles::from_centimos(12_330));
    assert_eq!(info.date, jiff::civil::date(2020, 10, 30));
    assert_eq!(info.operation_number, "696");
    assert_eq!(info.bank_account_id, "BBVA");
    assert_eq!(info.bank_operation_number.as_deref(), Some("00010696"));
    assert_eq!(info.detail.as_deref(), Some("Some info about the payment"));
    // Written back (what Central relays to the till), it reads the same.
    let again: VoucherInfo = serde_json::from_value(serde_json::to_value(&info).unwrap()).unwrap();
    assert_eq!(again, info);
}

#[test]
fn a_status_the_document_does_not_list_is_kept() {
    let text = fixture("apagos_info_200.json").replace("\"VALIDATED\"", "\"UNDER_REVIEW\"");
    let info: VoucherInfo = serde_json::from_str(&text).unwrap();
    assert_eq!(info.status, VoucherStatus::Other("UNDER_REVIEW".into()));
    assert_eq!(info.status.as_str(), "UNDER_REVIEW");
    let invalid = fixture("apagos_info_200.json").replace("\"VALIDATED\"", "\"INVALID\"");
    let info: VoucherInfo = serde_json::from_str(&invalid).unwrap();
    assert_eq!(info.status, VoucherStatus::Invalid);
}

#[tokio::test]
async fn info_sends_the_token_and_reads_the_voucher() {
    let (url, recorded) = peer(json(200, &fixture("apagos_info_200.json"))).await;
    let info = api(&url).info(&request_id()).await.unwrap();
    assert_eq!(info.amount, Soles::from_centimos(12_330));
    let request = recorded.await.unwrap();
    assert_eq!(
        request.request_line,
        format!("GET /unchecked_payment/info/{REQUEST_ID} HTTP/1.1")
    );
    assert_eq!(
        request.header("authorization"),
        Some("Bearer apagos-secret")
    );
}

#[tokio::test]
async fn a_200_that_is_not_the_voucher_asked_for_is_not_believed() {
    let other = fixture("apagos_info_200.json").replace(REQUEST_ID, "aaaaaaaaaaaaaaaaaaaaaaaa");
    let bodies = [
        other,
        "<html><body>Wi-Fi</body></html>".to_owned(),
        "{}".to_owned(),
        fixture("apagos_info_200.json").replace("123.30", "\"123.30\""),
    ];
    for body in bodies {
        let (url, _) = peer(json(200, &body)).await;
        let error = api(&url).info(&request_id()).await.unwrap_err();
        assert!(
            matches!(error, ApiError::UnexpectedBody { status: 200, .. }),
            "{body}: {error:?}"
        );
    }
}

#[tokio::test]
async fn documented_errors_are_typed() {
    let (url, _) = peer(json(404, "")).await;
    assert!(matches!(
        api(&url).info(&request_id()).await,
        Err(ApiError::NotFound { .. })
    ));
    let (url, _) = peer(json(401, "")).await;
    assert!(matches!(
        api(&url).info(&request_id()).await,
        Err(ApiError::Unauthorized { .. })
    ));
    let (url, _) = peer(Script::Answer {
        status: 400,
        content_type: "text/plain",
        body: b"Invalid request id".to_vec(),
    })
    .await;
    let refused = api(&url).info(&request_id()).await.unwrap_err();
    assert_eq!(
        refused.provider_message().as_deref(),
        Some("Invalid request id")
    );
    let (url, _) = peer(json(503, "")).await;
    let down = api(&url).info(&request_id()).await.unwrap_err();
    assert!(matches!(down, ApiError::ServerError { status: 503, .. }) && !down.is_refusal());
}

fn voucher() -> NewVoucher {
    NewVoucher {
        amount: Soles::from_centimos(12_330),
        date: jiff::civil::date(2020, 10, 30),
        operation_number: "696".into(),
        bank_account_id: "BBVA".into(),
        order_id: "T01-C1-V000001".into(),
        webhook: "https://central.example/webhooks/apagos/T01"
            .parse()
            .unwrap(),
        customer_dni: "12345678".into(),
        customer_fullname: "Juan Pérez Aguilar".into(),
        receipt: "https://central.example/recibos/abc".parse().unwrap(),
        detail: Some("Refrigeradora LG".into()),
    }
}

#[tokio::test]
async fn register_sends_the_documented_body_and_reads_the_request_id() {
    let answer = format!("{{\"request_id\": \"{REGISTERED_ID}\"}}");
    let (url, recorded) = peer(json(200, &answer)).await;
    let id = api(&url).register(&voucher()).await.unwrap();
    assert_eq!(id.as_str(), REGISTERED_ID);
    let request = recorded.await.unwrap();
    assert_eq!(
        request.request_line,
        "POST /unchecked_payment/register HTTP/1.1"
    );
    assert_eq!(
        request.header("authorization"),
        Some("Bearer apagos-secret")
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "amount": 123.3,
            "date": "2020-10-30",
            "operation_number": "696",
            "bank_account_id": "BBVA",
            "order_id": "T01-C1-V000001",
            "webhook": "https://central.example/webhooks/apagos/T01",
            "customer_dni": "12345678",
            "customer_fullname": "Juan Pérez Aguilar",
            "receipt": "https://central.example/recibos/abc",
            "detail": "Refrigeradora LG"
        })
    );
}

#[tokio::test]
async fn a_register_200_without_a_request_id_leaves_the_outcome_unknown() {
    for body in [
        "<html><body>Wi-Fi</body></html>",
        "{}",
        "{\"request_id\": \"1001\"}",
    ] {
        let (url, _) = peer(json(200, body)).await;
        let error = api(&url).register(&voucher()).await.unwrap_err();
        assert!(
            matches!(error, ApiError::UnverifiedAnswer { status: 200, .. }) && !error.is_refusal(),
            "{body}: {error:?}"
        );
    }
    // No answer at all: not a refusal either.
    let (url, _) = peer(Script::Drop).await;
    let lost = api(&url).register(&voucher()).await.unwrap_err();
    assert!(!lost.is_refusal(), "{lost:?}");
}

#[tokio::test]
async fn a_register_400_is_the_plain_text_apagos_wrote() {
    let (url, _) = peer(Script::Answer {
        status: 400,
        content_type: "text/html; charset=utf-8",
        body: "bank_account_id: unknown account XYZ".as_bytes().to_vec(),
    })
    .await;
    let refused = api(&url).register(&voucher()).await.unwrap_err();
    assert!(refused.is_refusal());
    assert_eq!(
        refused.provider_message().as_deref(),
        Some("bank_account_id: unknown account XYZ")
    );
    let (url, _) = peer(json(401, "")).await;
    assert!(matches!(
        api(&url).register(&voucher()).await,
        Err(ApiError::Unauthorized { .. })
    ));
}

#[tokio::test]
async fn cancel_sends_the_expected_status_and_reads_canceled() {
    let (url, recorded) = peer(json(200, "{\"canceled\": true}")).await;
    let id = RequestId::parse(REGISTERED_ID).unwrap();
    let outcome = api(&url)
        .cancel(&id, &VoucherStatus::Pending)
        .await
        .unwrap();
    assert_eq!(outcome, CancelOutcome::Canceled);
    let request = recorded.await.unwrap();
    assert_eq!(
        request.request_line,
        format!("POST /unchecked_payment/cancel/{REGISTERED_ID} HTTP/1.1")
    );
    assert_eq!(request.body, b"{\"expected_status\":\"PENDING\"}");
}

#[tokio::test]
async fn cancel_with_a_stale_status_gives_back_the_real_one_known_or_not() {
    let id = RequestId::parse(REGISTERED_ID).unwrap();
    for (actual, expected) in [
        ("VALIDATED", VoucherStatus::Validated),
        ("IN_REVIEW", VoucherStatus::Other("IN_REVIEW".into())),
    ] {
        let body = format!(
            "{{\"canceled\": false, \"error_code\": \"invalid_status\", \"error_detail\": \"The payment \
             was expected to be in status PENDING but was in status {actual}\", \"extra_data\": \
             {{\"status\": \"{actual}\"}}}}"
        );
        let (url, _) = peer(json(400, &body)).await;
        let outcome = api(&url)
            .cancel(&id, &VoucherStatus::Pending)
            .await
            .unwrap();
        match outcome {
            CancelOutcome::NotIn {
                actual: got,
                detail,
            } => {
                assert_eq!(got, expected);
                assert!(detail.contains(actual), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }
    let (url, _) = peer(json(404, "")).await;
    assert!(matches!(
        api(&url).cancel(&id, &VoucherStatus::Pending).await,
        Err(ApiError::NotFound { .. })
    ));
    let (url, _) = peer(json(200, "{\"canceled\": false}")).await;
    assert!(
        api(&url)
            .cancel(&id, &VoucherStatus::Pending)
            .await
            .is_err()
    );
}
