//! aPagos' `info` against the literal JSON of `apagos-vouchers-api.txt` (the wire type) and against a
//! scripted peer written from the document (the client): what goes on the wire, and what the client
//! makes of each documented answer and of answers a careful client must not believe.

mod common;

use common::{Script, fixture, json, peer};
use providers::apagos::{ApagosApi, RequestId, VoucherInfo, VoucherStatus};
use providers::http::ApiError;
use providers::{ApiToken, HttpSettings, PlainHttp, ProviderRoot, Soles};

const REQUEST_ID: &str = "5fd166272826d9992620d028";

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
