//! Creating an Aplazame checkout against a scripted peer written from `aplazame-pos-checkout-api.txt`
//! and `NOTES.md`: the headers and the literal JSON that go on the wire (live and test mode), and
//! what the client makes of each answer — `201 {"id"}` the checkout, `403` with no body "Aplazame will
//! not finance this", a `201` that is not an id an unknown outcome, the documented errors typed.

mod common;

use common::{Script, json, peer};
use providers::aplazame::cart::{Cart, ShelfLine, VatRate};
use providers::aplazame::wire::request::Customer;
use providers::aplazame::{
    AplazameApi, CheckoutId, Creation, Environment, MEDIA_TYPE, NewCheckout, OrderId,
    SANDBOX_MEDIA_TYPE,
};
use providers::http::ApiError;
use providers::{ApiToken, Euros, HttpSettings, PlainHttp, ProviderRoot, SpanishId};
use serde_json::{Value, json};

fn api(url: &str) -> AplazameApi {
    let root = ProviderRoot::parse(url, PlainHttp::LoopbackOnly).unwrap();
    AplazameApi::new(
        &root,
        ApiToken::new("api_private_key"),
        HttpSettings::default(),
    )
    .unwrap()
}

fn checkout() -> NewCheckout {
    let cart = Cart::build(vec![
        ShelfLine {
            name: "Zapatillas".to_owned(),
            quantity: 2,
            unit_price: Euros::from_cents(5990),
            vat: VatRate::General,
            discount: Some(Euros::from_cents(1000)),
        },
        ShelfLine {
            name: "Calcetines".to_owned(),
            quantity: 1,
            unit_price: Euros::from_cents(2000),
            vat: VatRate::Reduced,
            discount: None,
        },
    ])
    .unwrap();
    let customer = Customer {
        email: "lucia@example.es".to_owned(),
        first_name: Some("Lucía".to_owned()),
        last_name: Some("García".to_owned()),
        phone: Some("600123456".to_owned()),
        document_id: Some(SpanishId::parse("12345678-z").unwrap()),
    };
    let ipn = "https://central.example.es/webhooks/aplazame/T01"
        .parse()
        .unwrap();
    NewCheckout::new(
        &OrderId::parse("T01-C1-000042").unwrap(),
        &cart,
        customer,
        ipn,
    )
    .unwrap()
}

/// What goes on the wire for [`checkout`]: 2 × 59,90 € − 10,00 € at 21 % and 20,00 € at 10 %.
fn literal_body() -> Value {
    json!({
        "order": {
            "id": "T01-C1-000042",
            "currency": "EUR",
            "total_amount": 12980,
            "articles": [
                {"id": "1", "name": "Zapatillas", "quantity": 2, "price": 4950, "tax_rate": 2100,
                 "discount": 413},
                {"id": "2", "name": "Calcetines", "quantity": 1, "price": 1818, "tax_rate": 1000}
            ]
        },
        "customer": {
            "email": "lucia@example.es",
            "first_name": "Lucía",
            "last_name": "García",
            "phone": "600123456",
            "document_id": "12345678Z"
        },
        "merchant": {"ipn_url": "https://central.example.es/webhooks/aplazame/T01"}
    })
}

#[tokio::test]
async fn create_sends_the_key_the_media_type_and_the_literal_body() {
    let (url, recorded) = peer(json(201, r#"{"id": "ch_8Hq3"}"#)).await;
    let created = api(&url).create(&checkout()).await.unwrap();
    assert_eq!(
        created,
        Creation::Created(CheckoutId::parse("ch_8Hq3").unwrap())
    );
    let request = recorded.await.unwrap();
    assert_eq!(request.request_line, "POST /checkout/offline HTTP/1.1");
    assert_eq!(
        request.header("authorization"),
        Some("Bearer api_private_key")
    );
    assert_eq!(request.header("accept"), Some(MEDIA_TYPE));
    assert_eq!(request.header("content-type"), Some("application/json"));
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, literal_body());
}

#[tokio::test]
async fn test_mode_is_the_sandbox_media_type_on_every_request() {
    let sandbox = |url: &str| api(url).in_environment(Environment::Sandbox);
    let (url, recorded) = peer(json(201, r#"{"id": "ch_1"}"#)).await;
    sandbox(&url).create(&checkout()).await.unwrap();
    let request = recorded.await.unwrap();
    assert_eq!(request.header("accept"), Some(SANDBOX_MEDIA_TYPE));
    assert_eq!(
        SANDBOX_MEDIA_TYPE,
        "application/vnd.aplazame.sandbox.v3+json"
    );

    let status = r#"{"id": "ch_1", "mid": "T01-C1-000042", "total_amount": 12980,
        "currency": {"code": "EUR"}, "status": "pending", "status_reason": "in_process",
        "sandbox": true}"#;
    let (url, recorded) = peer(json(200, status)).await;
    let read = sandbox(&url)
        .status(&CheckoutId::parse("ch_1").unwrap())
        .await
        .unwrap();
    assert!(read.sandbox);
    assert_eq!(
        recorded.await.unwrap().header("accept"),
        Some(SANDBOX_MEDIA_TYPE)
    );
    assert_eq!(api("http://127.0.0.1:9").environment(), Environment::Live);
}

#[tokio::test]
async fn a_403_without_a_body_is_aplazame_declining_to_finance() {
    let (url, _) = peer(json(403, "")).await;
    assert_eq!(
        api(&url).create(&checkout()).await,
        Ok(Creation::NotFinanced)
    );
}

#[tokio::test]
async fn a_201_that_is_not_a_checkout_id_is_not_believed() {
    for body in [
        "<html><body>Wi-Fi</body></html>",
        "{}",
        r#"{"id": 42}"#,
        r#"{"id": "a/../b"}"#,
        "",
    ] {
        let (url, _) = peer(json(201, body)).await;
        let error = api(&url).create(&checkout()).await.unwrap_err();
        assert!(
            matches!(error, ApiError::UnverifiedAnswer { status: 201, .. }),
            "{body:?}: {error:?}"
        );
    }
    let (url, _) = peer(Script::Drop).await;
    let lost = api(&url).create(&checkout()).await.unwrap_err();
    assert!(
        !lost.is_refusal(),
        "a lost answer is an unknown outcome: {lost:?}"
    );
}

#[tokio::test]
async fn other_statuses_are_api_errors_as_the_other_clients_type_them() {
    let fields = r#"{"error": {"fields": {"order.id": ["An order with this id already exists."]},
        "message": "API validation error", "type": "ApiValidationException"}}"#;
    let (url, _) = peer(json(400, fields)).await;
    match api(&url).create(&checkout()).await {
        Err(ApiError::InvalidFields { fields }) => {
            assert_eq!(fields["order.id"], "An order with this id already exists.");
        }
        other => panic!("{other:?}"),
    }
    let (url, _) = peer(json(401, "")).await;
    assert!(matches!(
        api(&url).create(&checkout()).await,
        Err(ApiError::Unauthorized { .. })
    ));
    let (url, _) = peer(json(406, r#"{"error": {"message": "Not Acceptable"}}"#)).await;
    assert!(matches!(
        api(&url).create(&checkout()).await,
        Err(ApiError::Refused { status: 406, .. })
    ));
    let (url, _) = peer(json(503, "")).await;
    let down = api(&url).create(&checkout()).await.unwrap_err();
    assert!(matches!(down, ApiError::ServerError { status: 503, .. }));
    assert!(!down.is_refusal());
}
