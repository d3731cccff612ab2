//! The add-on and info-steps: the provider's HTML (with its `<style>`, links and images), the add-on's
//! figure from the amount and `max_steps`, and the add-on's `401 { "Unauthorized" }` without the
//! registered `Client_id` (it takes no bearer token).

mod common;
mod orders_support;

use common::{Answer, answer, start, start_with};
use orders_support::*;
use sandbox::{LandingLimits, RunningSandbox, SandboxConfig};

async fn add_on(sandbox: &RunningSandbox, amount: &str, client: Option<&str>) -> Answer {
    let mut request =
        reqwest::Client::new().get(pos(sandbox, &format!("pay-with-apurata-add-on/{amount}")));
    if let Some(client) = client {
        request = request.header("Client_id", client);
    }
    answer(request).await
}

#[tokio::test]
async fn the_add_on_shows_the_documented_figure_as_html() {
    let sandbox = start().await;
    let answer = add_on(&sandbox, "147.60", Some(CLIENT)).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(
        answer
            .content_type
            .as_deref()
            .unwrap()
            .starts_with("text/html")
    );
    let html = &answer.body;
    assert!(
        html.contains("Paga tu compra en partes, desde S/18.45 con"),
        "{html}"
    );
    for markup in [
        "<style>",
        "<a href=\"https://apurata.com/app/partners/acuotaz\">",
        "<img src=",
    ] {
        assert!(html.contains(markup), "{markup} in {html}");
    }
    assert!(html.contains("Hasta 8 cuotas"), "{html}");
    let whole = add_on(&sandbox, "100", Some(CLIENT)).await;
    assert!(whole.body.contains("desde S/12.50 con"), "{}", whole.body);
}

#[tokio::test]
async fn the_figure_follows_max_steps() {
    let sandbox = start_with(SandboxConfig {
        landing: LandingLimits {
            max_steps: 4,
            ..LandingLimits::default()
        },
        ..SandboxConfig::default()
    })
    .await;
    let answer = add_on(&sandbox, "147.60", Some(CLIENT)).await;
    assert!(answer.body.contains("desde S/36.90 con"), "{}", answer.body);
}

#[tokio::test]
async fn the_add_on_wants_the_registered_client_id() {
    let sandbox = start().await;
    for client in [None, Some("tecno-tiendaz"), Some("")] {
        let answer = add_on(&sandbox, "147.60", client).await;
        assert_eq!(
            (answer.status, answer.body.as_str()),
            (401, r#"{ "Unauthorized" }"#)
        );
    }
    // A bearer token is no substitute.
    let with_bearer = answer(
        reqwest::Client::new()
            .get(pos(&sandbox, "pay-with-apurata-add-on/147.60"))
            .bearer_auth(providers::apurata::downpayment::MOCK_TOKEN),
    )
    .await;
    assert_eq!(with_bearer.status, 401);
}

#[tokio::test]
async fn an_amount_that_is_not_one_is_a_validation_error() {
    let sandbox = start().await;
    for amount in ["abc", "0", "-5", "1e3"] {
        add_on(&sandbox, amount, Some(CLIENT))
            .await
            .expect(400, error("Validation error, field amount invalid"));
    }
}

#[tokio::test]
async fn info_steps_answers_the_documented_block_without_a_token() {
    let sandbox = start().await;
    let answer = answer(reqwest::Client::new().get(pos(&sandbox, "caja-demo/info-steps"))).await;
    assert_eq!(answer.status, 200);
    assert!(
        answer
            .content_type
            .as_deref()
            .unwrap()
            .starts_with("text/html")
    );
    let html = &answer.body;
    for text in [
        "<style>",
        "Paga en Cuotas SIN TARJETA DE CR&#201;DITO",
        "Entrega Inmediata",
        "Aprobación Instantánea",
        "No estar reportado en <b>infocorp</b>",
        "https://static.apurata.com/img/pos/all_banks.png",
        "href=\"https://apurata.com/app/partners/caja-demo\"",
    ] {
        assert!(html.contains(text), "{text} in {html}");
    }
}
