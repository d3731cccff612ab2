//! aPagos' register and cancel against a scripted peer written from `apagos-vouchers-api.txt`: the body
//! as documented (amount a JSON number, date `YYYY-MM-DD`, every required field), a `200` believed only
//! with a real `request_id` (else the outcome is unknown: the voucher may exist), a `400` shown as the
//! plain text aPagos wrote, and cancel's `invalid_status` giving back the real status, known or not.

mod common;

use common::{Script, json, peer};
use providers::apagos::{ApagosApi, CancelOutcome, NewVoucher, RequestId, VoucherStatus};
use providers::http::ApiError;
use providers::{ApiToken, HttpSettings, PlainHttp, ProviderRoot, Soles};

const REQUEST_ID: &str = "601e8d0d4e5f4000201a3a33";

fn api(url: &str) -> ApagosApi {
    let root = ProviderRoot::parse(url, PlainHttp::LoopbackOnly).unwrap();
    ApagosApi::new(
        &root,
        ApiToken::new("apagos-secret"),
        HttpSettings::default(),
    )
    .unwrap()
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
    let answer = format!("{{\"request_id\": \"{REQUEST_ID}\"}}");
    let (url, recorded) = peer(json(200, &answer)).await;
    let id = api(&url).register(&voucher()).await.unwrap();
    assert_eq!(id.as_str(), REQUEST_ID);
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
    let id = RequestId::parse(REQUEST_ID).unwrap();
    let outcome = api(&url)
        .cancel(&id, &VoucherStatus::Pending)
        .await
        .unwrap();
    assert_eq!(outcome, CancelOutcome::Canceled);
    let request = recorded.await.unwrap();
    assert_eq!(
        request.request_line,
        format!("POST /unchecked_payment/cancel/{REQUEST_ID} HTTP/1.1")
    );
    assert_eq!(request.body, b"{\"expected_status\":\"PENDING\"}");
}

#[tokio::test]
async fn cancel_with_a_stale_status_gives_back_the_real_one_known_or_not() {
    let id = RequestId::parse(REQUEST_ID).unwrap();
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
