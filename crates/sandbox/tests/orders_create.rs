//! The orders API's reading endpoints and `create`: landing_config, new_order / already_created /
//! "Cannot modify order", "Client not registered", the validation errors naming their field, the
//! order's view, 404 for an unknown order, and the bearer token on every endpoint that needs it.

mod common;
mod orders_support;

use common::{Caller, start, start_with};
use orders_support::*;
use sandbox::{LandingLimits, SandboxConfig};
use serde_json::{Value, json};

#[tokio::test]
async fn landing_config_answers_the_limits_in_whole_soles() {
    let sandbox = start().await;
    let answer = Caller::default()
        .get(&pos(&sandbox, "client/landing_config"), &[])
        .await;
    let body = answer.json();
    assert_eq!(answer.status, 200);
    assert!(body["landing_version"].is_string(), "{body}");
    assert_eq!(
        (
            &body["min_amount"],
            &body["max_amount"],
            &body["min_steps"],
            &body["max_steps"]
        ),
        (&json!(100), &json!(5000), &json!(2), &json!(8))
    );
    assert!(body["min_amount"].is_u64(), "ints, as documented: {body}");
}

#[tokio::test]
async fn the_limits_are_configurable_and_bound_create() {
    let sandbox = start_with(SandboxConfig {
        landing: LandingLimits {
            min_amount: 50,
            max_amount: 1000,
            min_steps: 3,
            max_steps: 6,
        },
        ..SandboxConfig::default()
    })
    .await;
    let body = Caller::default()
        .get(&pos(&sandbox, "client/landing_config"), &[])
        .await
        .json();
    assert_eq!(
        (&body["min_amount"], &body["max_steps"]),
        (&json!(50), &json!(6))
    );

    let mut request = create_body("too-much", APPROVED_DNI);
    request["amount"] = json!(1000.01);
    let answer = create(&sandbox, &request).await;
    assert_eq!(answer.status, 400);
    let message = answer.json()["error"].as_str().unwrap().to_owned();
    assert!(
        message.starts_with("Validation error, field amount"),
        "{message}"
    );
    request["amount"] = json!(49.99);
    assert_eq!(create(&sandbox, &request).await.status, 400);
    request["amount"] = json!(1000);
    assert_eq!(
        create(&sandbox, &request).await.json()["status"],
        "new_order"
    );
    assert!(sandbox.state().order("too-much").is_some());
}

#[tokio::test]
async fn create_answers_new_order_then_already_created_with_the_same_link() {
    let sandbox = start().await;
    let body = create_body("T1-000001", APPROVED_DNI);
    let first = create(&sandbox, &body).await.json();
    assert_eq!(first["status"], "new_order");
    let link = first["redirect_to"].as_str().unwrap().to_owned();
    let prefix = format!("{}/pos?client=caja-demo&acuotaz_order=", sandbox.url());
    let object_id = link
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{link}"));
    assert_eq!(object_id.len(), 24, "{object_id}");
    assert!(
        object_id.chars().all(|c| c.is_ascii_hexdigit()),
        "{object_id}"
    );

    let again = create(&sandbox, &body).await;
    again.expect(
        200,
        json!({"redirect_to": link, "status": "already_created"}),
    );
    assert_eq!(sandbox.state().orders().len(), 1, "no second order");

    // The same id with another payload is refused, and the first order stays as it was.
    let mut changed = body.clone();
    changed["amount"] = json!(999.0);
    create(&sandbox, &changed)
        .await
        .expect(400, error("Cannot modify order"));
    assert_eq!(
        sandbox
            .state()
            .order("T1-000001")
            .unwrap()
            .amount
            .centimos(),
        123450
    );

    // A second order gets its own ObjectId.
    let other = create(&sandbox, &create_body("T1-000002", APPROVED_DNI))
        .await
        .json();
    assert_ne!(other["redirect_to"], json!(link));
}

#[tokio::test]
async fn another_store_is_not_registered() {
    let sandbox = start().await;
    let mut body = create_body("T1-000001", APPROVED_DNI);
    body["pos_client_id"] = json!("tecno-tiendaz");
    create(&sandbox, &body)
        .await
        .expect(400, error("Client not registered"));
    assert!(sandbox.state().orders().is_empty());

    let registered = start_with(SandboxConfig {
        pos_client_id: "tecno-tiendaz".to_owned(),
        ..SandboxConfig::default()
    })
    .await;
    assert_eq!(
        create(&registered, &body).await.json()["status"],
        "new_order"
    );
}

#[tokio::test]
async fn every_required_field_is_named_when_missing() {
    let sandbox = start().await;
    let required = [
        "amount",
        "order_id",
        "pos_client_id",
        "url_redir_on_canceled",
        "url_redir_on_rejected",
        "url_redir_on_success",
        "url_redir_on_downpayment",
    ];
    for field in required {
        let mut body = create_body("T1-000001", APPROVED_DNI);
        body.as_object_mut().unwrap().remove(field);
        create(&sandbox, &body).await.expect(
            400,
            error(&format!("Validation error, field {field} required")),
        );
        let mut body = create_body("T1-000001", APPROVED_DNI);
        body[field] = Value::Null;
        let answer = create(&sandbox, &body).await;
        assert_eq!(answer.status, 400, "{field} null: {}", answer.body);
    }
    assert!(sandbox.state().orders().is_empty());
}

#[tokio::test]
async fn ill_typed_fields_are_named_as_invalid() {
    let sandbox = start().await;
    let cases = [
        ("amount", json!("1234.50")),
        ("amount", json!(0)),
        ("amount", json!(-5)),
        ("order_id", json!(1)),
        ("order_id", json!("a/b")),
        ("acuotaz_send_sms", json!("yes")),
        ("expiration_ts", json!("mañana")),
        ("expiration_ts", json!(1700000000)),
        ("description", json!(12)),
        ("url_redir_on_success", json!("tienda.pe/ok")),
        ("url_redir_on_canceled", json!(["https://tienda.pe"])),
        ("url_redir_on_order_detail", json!("ftp://tienda.pe")),
        ("customer_data", json!("Ana")),
    ];
    for (field, value) in cases {
        let mut body = create_body("T1-000001", APPROVED_DNI);
        body[field] = value.clone();
        create(&sandbox, &body).await.expect(
            400,
            error(&format!("Validation error, field {field} invalid")),
        );
    }
    let mut body = create_body("T1-000001", APPROVED_DNI);
    body["customer_data"]["dni"] = json!("1234567");
    create(&sandbox, &body).await.expect(
        400,
        error("Validation error, field customer_data.dni invalid"),
    );
    let mut body = create_body("T1-000001", APPROVED_DNI);
    body["order_id"] = json!("   ");
    create(&sandbox, &body)
        .await
        .expect(400, error("Validation error, field order_id required"));
    for raw in ["", "not json", "[1, 2]", "{'amount': 1}"] {
        Caller::default()
            .post(&pos(&sandbox, "order/create"), raw)
            .await
            .expect(400, error("Validation error, field amount required"));
    }
    assert!(sandbox.state().orders().is_empty());
}

#[tokio::test]
async fn the_order_shows_what_was_created() {
    let sandbox = start().await;
    created(&sandbox, "T1-000001", APPROVED_DNI).await;
    let answer = get_order(&sandbox, "T1-000001").await;
    let order = answer.json();
    assert_eq!(answer.status, 200);
    assert_eq!(order["amount"], json!(1234.5));
    assert!(order["amount"].is_f64(), "a float, as documented: {order}");
    assert_eq!(order["order_id"], "T1-000001");
    assert_eq!(order["status"], "initial");
    assert_eq!(order["confirmed"], false);
    assert_eq!(order["pos_client_id"], CLIENT);
    assert_eq!(order["description"], "name:Televisor 55, total:1234.50");
    assert_eq!(order["url_redir_on_canceled"], "https://tienda.pe/checkout");
    assert_eq!(order["url_redir_on_rejected"], "https://tienda.pe/checkout");
    assert_eq!(
        order["url_redir_on_success"],
        "https://tienda.pe/order_paid"
    );
    assert_eq!(order["customer_data"]["dni"], APPROVED_DNI);
    assert_eq!(order["customer_data"]["billing_city"], "Lima");
    let magic = order["magic_link"].as_str().unwrap();
    assert!(
        magic.starts_with(&format!("{}/pos/", sandbox.url())),
        "{magic}"
    );
    let expiry = order["expiration_ts"].as_str().unwrap();
    assert_eq!(expiry.len(), "2026-03-10 18:30:00.000".len(), "{expiry}");
    assert_eq!(&expiry[10..11], " ", "{expiry}");

    // The provider's own client reads it.
    let root =
        providers::ProviderRoot::parse(sandbox.url(), providers::PlainHttp::Anywhere).unwrap();
    let api = providers::apurata::orders::OrdersApi::new(
        &root,
        providers::apurata::orders::PosClientId::parse(CLIENT).unwrap(),
        providers::ApiToken::new(providers::apurata::downpayment::MOCK_TOKEN),
        providers::HttpSettings::default(),
    )
    .unwrap();
    let info = api
        .order(&providers::apurata::orders::OrderId::parse("T1-000001").unwrap())
        .await
        .unwrap();
    assert_eq!(info.amount.centimos(), 123450);
    assert_eq!(
        info.status,
        providers::apurata::orders::OrderStatus::Initial
    );
}

#[tokio::test]
async fn an_order_without_optional_fields_still_has_every_documented_key() {
    let sandbox = start().await;
    let mut body = create_body("T1-000001", APPROVED_DNI);
    let fields = body.as_object_mut().unwrap();
    for optional in ["description", "customer_data", "acuotaz_send_sms"] {
        fields.remove(optional);
    }
    assert_eq!(create(&sandbox, &body).await.status, 200);
    let order = get_order(&sandbox, "T1-000001").await.json();
    assert_eq!(order["customer_data"], json!({}));
    assert_eq!(order["description"], "");
}

#[tokio::test]
async fn an_unknown_order_does_not_exist_for_any_call() {
    let sandbox = start().await;
    get_order(&sandbox, "nope")
        .await
        .expect(404, error("Order does not exist"));
    for action in ["confirm", "cancel"] {
        post_action(&sandbox, "nope", action)
            .await
            .expect(404, error("Order does not exist"));
    }
    for kind in ["total-refund", "partial-refund"] {
        refund(
            &sandbox,
            "nope",
            kind,
            Some("token-0001"),
            r#"{"author": "a", "reason": "r"}"#,
        )
        .await
        .expect(404, error("Order does not exist"));
    }
}

#[tokio::test]
async fn the_bearer_token_is_checked_first_on_every_order_endpoint() {
    let sandbox = start().await;
    created(&sandbox, "T1-000001", APPROVED_DNI).await;
    let unauthorized = error("Wrong or missing client token");
    for caller in [
        Caller::with_token(None),
        Caller::with_token(Some("69a06d50c17e4267a18e84f8530d6asX")),
    ] {
        caller
            .get(&pos(&sandbox, "client/landing_config"), &[])
            .await
            .expect(401, unauthorized.clone());
        caller
            .post(&pos(&sandbox, "order/create"), "{}")
            .await
            .expect(401, unauthorized.clone());
        for id in ["T1-000001", "nope"] {
            caller
                .get(&order_url(&sandbox, id, None), &[])
                .await
                .expect(401, unauthorized.clone());
            for action in ["confirm", "cancel", "total-refund", "partial-refund"] {
                caller
                    .post(&order_url(&sandbox, id, Some(action)), "{}")
                    .await
                    .expect(401, unauthorized.clone());
            }
        }
    }
    assert_eq!(status(&sandbox, "T1-000001").await, "initial");
}
