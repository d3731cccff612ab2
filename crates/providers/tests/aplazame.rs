//! Aplazame's checkout status against the literal JSON of `aplazame-pos-checkout-api.txt` (the wire type,
//! the same object as the IPN) and against a scripted peer written from the document (the client).

mod common;

use common::{fixture, json, peer};
use providers::aplazame::{AplazameApi, CheckoutId, CheckoutState, CheckoutStatus, MEDIA_TYPE};
use providers::http::ApiError;
use providers::{ApiToken, HttpSettings, PlainHttp, ProviderRoot};

fn api(url: &str) -> AplazameApi {
    let root = ProviderRoot::parse(url, PlainHttp::LoopbackOnly).unwrap();
    AplazameApi::new(
        &root,
        ApiToken::new("api_private_key"),
        HttpSettings::default(),
    )
    .unwrap()
}

fn status_of(id: &str) -> String {
    fixture("aplazame_checkout_status_200.json").replace(":checkoutId", id)
}

#[test]
fn the_documented_status_reads_in_integer_cents() {
    let status: CheckoutStatus =
        serde_json::from_str(&fixture("aplazame_checkout_status_200.json")).unwrap();
    assert_eq!(status.id, ":checkoutId");
    assert_eq!(status.mid, "28475648233786783165");
    assert_eq!(status.total_amount, 12_050);
    assert_eq!(status.currency.code, "EUR");
    assert_eq!(status.currency.numeric.as_deref(), Some("978"));
    assert_eq!(status.status, CheckoutState::Pending);
    assert_eq!(
        status.status_reason.as_deref(),
        Some("confirmation_required")
    );
    assert!(!status.sandbox);
    let again: CheckoutStatus =
        serde_json::from_value(serde_json::to_value(&status).unwrap()).unwrap();
    assert_eq!(again, status);
    // A fraction is not cents: refused, never rounded.
    let fraction = fixture("aplazame_checkout_status_200.json").replace("12050", "120.50");
    assert!(serde_json::from_str::<CheckoutStatus>(&fraction).is_err());
}

#[test]
fn differences_name_the_fields() {
    let ipn: CheckoutStatus = serde_json::from_str(&status_of("ch1")).unwrap();
    let mut read = ipn.clone();
    assert!(ipn.differences(&read).is_empty());
    read.status = CheckoutState::Ok;
    read.status_reason = None;
    read.total_amount = 1;
    assert_eq!(
        ipn.differences(&read),
        ["total_amount", "status", "status_reason"]
    );
}

#[tokio::test]
async fn status_sends_the_key_and_the_media_type() {
    let (url, recorded) = peer(json(200, &status_of("ch_42"))).await;
    let id = CheckoutId::parse("ch_42").unwrap();
    let status = api(&url).status(&id).await.unwrap();
    assert_eq!(status.id, "ch_42");
    let request = recorded.await.unwrap();
    assert_eq!(request.request_line, "GET /checkout/ch_42/status HTTP/1.1");
    assert_eq!(
        request.header("authorization"),
        Some("Bearer api_private_key")
    );
    assert_eq!(request.header("accept"), Some(MEDIA_TYPE));
}

#[tokio::test]
async fn a_200_that_is_not_the_checkout_asked_for_is_not_believed() {
    let id = CheckoutId::parse("ch_42").unwrap();
    for body in [
        status_of("ch_43"),
        "<html>proxy</html>".to_owned(),
        "{}".to_owned(),
    ] {
        let (url, _) = peer(json(200, &body)).await;
        let error = api(&url).status(&id).await.unwrap_err();
        assert!(
            matches!(error, ApiError::UnexpectedBody { status: 200, .. }),
            "{body}: {error:?}"
        );
    }
    let (url, _) = peer(json(404, "")).await;
    assert!(matches!(
        api(&url).status(&id).await,
        Err(ApiError::NotFound { .. })
    ));
    let (url, _) = peer(json(502, "")).await;
    assert!(matches!(
        api(&url).status(&id).await,
        Err(ApiError::ServerError { status: 502, .. })
    ));
}
