//! Aplazame's POS endpoints over loopback HTTP: the key and the media type, a checkout created
//! (`201 {"id"}`) and read back through its status, live and in test mode, a repeated order id and
//! bad fields refused by name, and the `403` of a financing Aplazame declines.

mod aplazame_support;
mod common;

use aplazame_support::*;
use common::{Caller, start};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_key_and_the_media_type_are_checked_first() {
    let sandbox = start().await;
    let url = checkout_url(&sandbox, "offline");
    let body = order("T01-C1-1", "lucia@example.es", None);
    for token in [None, Some("wrong")] {
        let refused = send(Method::POST, &url, token, Some(LIVE), Some(&body)).await;
        assert_eq!(refused.status, 401, "{refused:?}");
        assert_eq!(refused.json()["error"]["type"], "UnauthorizedException");
    }
    let token = Some(providers::apurata::downpayment::MOCK_TOKEN);
    for accept in [
        None,
        Some("application/json"),
        Some("application/vnd.aplazame.v1+json"),
    ] {
        let refused = send(Method::POST, &url, token, accept, Some(&body)).await;
        assert_eq!(refused.status, 406, "{accept:?}: {refused:?}");
        assert!(refused.body.contains("vnd.aplazame.sandbox.v3+json"));
    }
    assert!(sandbox.aplazame().checkouts().is_empty(), "nothing created");
}

#[tokio::test]
async fn a_checkout_is_created_and_its_status_read() {
    let sandbox = start().await;
    let body = order("T01-C1-000042", "lucia@example.es", None);
    let created = create_as(&sandbox, LIVE, &body).await;
    assert_eq!(created.status, 201, "{created:?}");
    let id = created.json()["id"].as_str().unwrap().to_owned();
    assert!(
        id.len() == 24 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );

    let read = status(&sandbox, &id).await;
    read.expect(
        200,
        json!({
            "id": id, "mid": "T01-C1-000042", "total_amount": 12980,
            "currency": {"code": "EUR", "name": "Euro", "numeric": "978"},
            "status": "pending", "status_reason": null, "sandbox": false
        }),
    );
    let kept = sandbox.aplazame().checkout(&id).unwrap();
    assert_eq!(kept.request, body);
    assert_eq!(kept.stage.label(), "pending");
    // The status as the provider's own type reads it.
    let typed: providers::aplazame::CheckoutStatus = serde_json::from_str(&read.body).unwrap();
    assert_eq!(typed.total_amount, 12_980);
}

#[tokio::test]
async fn every_answer_says_its_media_type() {
    let sandbox = start().await;
    let id = create(&sandbox, &order("T01-C1-7", "lucia@example.es", None)).await;
    let answer = Caller::default()
        .http
        .get(checkout_url(&sandbox, &format!("{id}/status")))
        .bearer_auth(providers::apurata::downpayment::MOCK_TOKEN)
        .header("accept", LIVE)
        .send()
        .await
        .unwrap();
    assert_eq!(
        answer.headers().get("x-aplazame-media-type").unwrap(),
        "aplazame.v3"
    );
}

#[tokio::test]
async fn test_mode_checkouts_say_sandbox_and_are_read_in_either_mode() {
    let sandbox = start().await;
    let created = create_as(&sandbox, TEST_MODE, &order("T01-C1-9", "a@b.es", None)).await;
    assert_eq!(created.status, 201, "{created:?}");
    let id = created.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(status(&sandbox, &id).await.json()["sandbox"], true);
    let url = checkout_url(&sandbox, &format!("{id}/status"));
    let token = Some(providers::apurata::downpayment::MOCK_TOKEN);
    let in_test_mode = send(Method::GET, &url, token, Some(TEST_MODE), None).await;
    assert_eq!(in_test_mode.json()["sandbox"], true);
    let live = create(&sandbox, &order("T01-C1-10", "a@b.es", None)).await;
    assert_eq!(status(&sandbox, &live).await.json()["sandbox"], false);
}

#[tokio::test]
async fn a_repeated_order_id_is_refused_naming_it() {
    let sandbox = start().await;
    create(&sandbox, &order("T01-C1-1", "lucia@example.es", None)).await;
    let again = create_as(&sandbox, LIVE, &order("T01-C1-1", "otro@example.es", None)).await;
    assert_eq!(again.status, 400, "{again:?}");
    let error = &again.json()["error"];
    assert_eq!(error["type"], "ApiValidationException");
    assert_eq!(
        error["fields"]["order.id"],
        json!(["An order with this id already exists."])
    );
    assert_eq!(sandbox.aplazame().checkouts().len(), 1);
}

#[tokio::test]
async fn bad_fields_are_refused_each_by_its_path() {
    let sandbox = start().await;
    let mut body = order("T01-C1-1", "lucia", None);
    body["order"]["total_amount"] = json!(13_000);
    body["order"]["currency"] = json!("PEN");
    body["order"]["articles"][1]["tax_rate"] = json!(21.0);
    let refused = create_as(&sandbox, LIVE, &body).await;
    assert_eq!(refused.status, 400, "{refused:?}");
    let fields = refused.json()["error"]["fields"].clone();
    let names: Vec<&String> = fields.as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        [
            "customer.email",
            "order.articles.1.tax_rate",
            "order.currency"
        ]
    );

    let mut body = order("T01-C1-1", "lucia@example.es", None);
    body["order"]["total_amount"] = json!(13_000);
    let refused = create_as(&sandbox, LIVE, &body).await;
    let why = refused.json()["error"]["fields"]["order.total_amount"][0].clone();
    assert!(
        why.as_str()
            .unwrap()
            .contains("between 129,78 € and 129,81 €"),
        "{why}"
    );
    assert!(sandbox.aplazame().checkouts().is_empty());
}

#[tokio::test]
async fn aplazame_declines_above_3000_euros_or_for_a_ko_email_with_an_empty_403() {
    let sandbox = start().await;
    let mut big = order("T01-C1-1", "lucia@example.es", None);
    // 300.001 cents at 0 %: one cent above the limit.
    big["order"]["total_amount"] = json!(300_001);
    big["order"]["articles"] = json!([
        {"id": "1", "name": "Moto", "quantity": 1, "price": 300_001, "tax_rate": 0}
    ]);
    for body in [big, order("T01-C1-2", "ko.lucia@example.es", None)] {
        let declined = create_as(&sandbox, LIVE, &body).await;
        assert_eq!(
            (declined.status, declined.body.as_str()),
            (403, ""),
            "{declined:?}"
        );
    }
    assert!(sandbox.aplazame().checkouts().is_empty(), "nothing kept");
    let mut at_limit = order("T01-C1-1", "lucia@example.es", None);
    at_limit["order"]["total_amount"] = json!(300_000);
    at_limit["order"]["articles"] = json!([
        {"id": "1", "name": "Moto", "quantity": 1, "price": 300_000, "tax_rate": 0}
    ]);
    create(&sandbox, &at_limit).await;
}

#[tokio::test]
async fn an_unknown_checkout_is_404() {
    let sandbox = start().await;
    for id in ["0123456789abcdef01234567", "nope"] {
        let answer = status(&sandbox, id).await;
        assert_eq!(answer.status, 404, "{answer:?}");
        assert_eq!(answer.json()["error"]["type"], "ObjectNotFoundException");
    }
}
