//! What is settled at the window besides a green card: the cashier rejecting a financing Aplazame
//! accepted (red, and Aplazame ends it `ko`/`confirmation_rejected_by_merchant`, read back at its
//! status endpoint); a create whose answer was lost (never sent again, listed for a supervisor, who
//! resolves it with Aplazame's id and their PIN; the till then follows it to green); and a status that
//! does not say what the till sent (a red alert, never a sale). The lost create and the alert run on
//! the simulator alone; the alert's status passes through a relay on loopback that says `sandbox:
//! false`, as Aplazame's live API would to a till in test mode, and changes nothing else.

use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use providers::aplazame::{AplazameApi, CheckoutId, CheckoutState, CheckoutStatus, Environment};
use providers::apurata::downpayment::MOCK_TOKEN;
use providers::{ApiToken, HttpSettings, PlainHttp, ProviderRoot};
use serde_json::{Value, json};

use super::{
    a_spanish_till, ask_for_financing, buyer, first_line_by_keyboard, first_run_on_the_simulator,
    first_run_to_aplazame, fresh_till_on_the_simulator, handed_over, second_line, the_customer,
    the_store_is_asked,
};
use crate::support::{App, ENTER, SUPERVISOR};
use crate::transfers::is_shown;

/// The checkout as Aplazame's status endpoint answers it, read as a second party would (test mode).
async fn status_at_aplazame(app: &App, checkout_id: &str) -> CheckoutStatus {
    let root = format!("{}/aplazame/", app.sandbox.url().trim_end_matches('/'));
    let api = AplazameApi::new(
        &ProviderRoot::parse(&root, PlainHttp::LoopbackOnly).expect("the simulator's root"),
        ApiToken::new(MOCK_TOKEN),
        HttpSettings::default(),
    )
    .expect("an Aplazame client")
    .in_environment(Environment::Sandbox);
    let id = CheckoutId::parse(checkout_id).expect("an Aplazame checkout id");
    api.status(&id).await.expect("Aplazame's status")
}

/// Reads Aplazame's status until it is `status`/`reason` (IPNs and Central's answer take a moment).
async fn wait_at_aplazame(app: &App, checkout_id: &str, status: CheckoutState, reason: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let read = status_at_aplazame(app, checkout_id).await;
        if read.status == status && read.status_reason.as_deref() == Some(reason) {
            return;
        }
        assert!(Instant::now() < deadline, "Aplazame still says {read:?}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

pub(crate) async fn with_the_rule_off_the_cashier_rejects_and_aplazame_ends_it_ko() {
    let counter = a_spanish_till(false).await;
    let app = &counter.app;
    let checkout_id = ask_for_financing(&counter).await;
    the_store_is_asked(app, &checkout_id).await;

    // «Rechazar», the reason, Enter: the store's «no» goes to Central, which answers Aplazame.
    app.click("aplazame-reject").await;
    app.wait_for_focus("aplazame-reject-reason").await;
    app.type_into("aplazame-reject-reason", "El cliente cambió de idea")
        .await;
    app.press(ENTER).await;
    app.wait_for_attr("aplazame-card", "data-decision", "ko")
        .await;
    app.wait_for_attr("aplazame-card", "data-tone", "stop")
        .await;
    app.wait_for_text("aplazame-headline", "Rechazada por la tienda")
        .await;
    assert!(
        app.text("aplazame-no-handover")
            .await
            .contains("NO entregue el producto")
    );
    assert!(!is_shown(app, "aplazame-handover").await);
    assert!(!is_shown(app, "aplazame-confirm").await, "decided already");
    let decision = app.text("aplazame-decision").await;
    assert!(
        decision.contains("Rechazada") && decision.contains(SUPERVISOR),
        "who rejected: {decision}"
    );
    assert!(is_shown(app, "aplazame-other-tender").await);

    wait_at_aplazame(
        app,
        &checkout_id,
        CheckoutState::Ko,
        "confirmation_rejected_by_merchant",
    )
    .await;
    // The card keeps reading after the decision: it shows Aplazame's final status, not «pending».
    app.wait_for_attr("aplazame-card", "data-status", "ko")
        .await;
    app.screenshot("aplazame-rechazada-por-la-tienda").await;
    assert_eq!(app.sandbox.aplazame().checkouts().len(), 1, "never two");
    counter.close().await;
}

pub(crate) async fn a_lost_create_is_resolved_by_a_supervisor_and_followed_to_green() {
    let app = first_run_on_the_simulator().await;
    let aplazame = app.sandbox.aplazame();
    aplazame.set_faults(sandbox::AplazameFaults {
        drop_create_answer: 1,
        ..sandbox::AplazameFaults::default()
    });
    first_line_by_keyboard(&app).await;
    second_line(&app).await;
    the_customer(&app, "lucia@example.es").await;
    app.click("aplazame-create").await;

    // No answer: the card says not to hand over nor send again, and the list names it.
    app.wait_for_attr("aplazame-card", "data-state", "unknown")
        .await;
    app.wait_for_text("aplazame-headline", "Sin respuesta de Aplazame")
        .await;
    let advice = app.text("aplazame-advice").await;
    assert!(advice.contains("No la envíe de nuevo"), "{advice}");
    assert!(
        app.text("aplazame-no-handover")
            .await
            .contains("NO entregue")
    );
    let listed = app
        .wait_for_text("aplazame-unknown-item", "T01-C1-A000001")
        .await;
    assert!(listed.contains("129,80 €"), "{listed}");
    assert!(listed.contains("lucia@example.es"), "{listed}");
    app.wait_for_attr("aplazame-unknown", "data-count", "1")
        .await;
    app.screenshot("aplazame-sin-respuesta").await;
    let held = aplazame.checkouts();
    assert_eq!(held.len(), 1, "Aplazame created it");
    assert_eq!(held[0].mid, "T01-C1-A000001");

    // A supervisor reads Aplazame's id in its panel and resolves it with their PIN.
    app.click("aplazame-resolve").await;
    app.wait_for_focus("aplazame-resolve-id").await;
    app.type_into("aplazame-resolve-id", &held[0].id).await;
    app.approve("Aplazame la tiene con ese id").await;
    app.wait_gone("aplazame-unknown", Duration::from_secs(15))
        .await;
    app.wait_for_attr("aplazame-card", "data-state", "created")
        .await;
    assert_eq!(app.text("aplazame-checkout-id").await, held[0].id);
    app.wait_for_attr("aplazame-card", "data-status", "pending")
        .await;
    app.wait_for_text("aplazame-headline", "Esperando al cliente")
        .await;
    app.screenshot("aplazame-resuelta").await;

    // From here it is any other checkout: the customer completes it, the rule confirms it.
    buyer(&app, &held[0].id, "start").await;
    buyer(&app, &held[0].id, "complete").await;
    handed_over(&app).await;
    let read = status_at_aplazame(&app, &held[0].id).await;
    assert_eq!(read.status, CheckoutState::Ok);
    assert_eq!(read.mid, "T01-C1-A000001");
    assert_eq!(aplazame.checkouts().len(), 1, "never sent twice");
    app.quit().await;
}

/// Forwards every request to the simulator as it came, and its answers back, except that a status
/// says `sandbox: false`.
async fn says_live(
    State(simulator): State<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path_and_query().map_or("/", |path| path.as_str());
    let mut request = reqwest::Client::new()
        .request(method, format!("{simulator}{path}"))
        .body(body);
    for name in [header::AUTHORIZATION, header::ACCEPT, header::CONTENT_TYPE] {
        if let Some(value) = headers.get(&name) {
            request = request.header(name, value);
        }
    }
    let answer = request.send().await.expect("the simulator answers");
    let status = answer.status();
    let mut kept = HeaderMap::new();
    for (name, value) in answer.headers() {
        if name != header::CONTENT_LENGTH && name != header::TRANSFER_ENCODING {
            kept.insert(name, value.clone());
        }
    }
    let mut body = answer.bytes().await.expect("the simulator's body").to_vec();
    if status == StatusCode::OK && uri.path().ends_with("/status") {
        let mut read: Value = serde_json::from_slice(&body).expect("a status");
        read["sandbox"] = json!(false);
        body = serde_json::to_vec(&read).expect("JSON");
    }
    (status, kept, body).into_response()
}

/// The relay on loopback in front of `app`'s simulator; Aplazame's root through it.
async fn relay_saying_live(app: &App) -> String {
    let simulator = app.sandbox.url().trim_end_matches('/').to_owned();
    let relay = axum::Router::new()
        .fallback(says_live)
        .with_state(simulator);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port for the relay");
    let root = format!("http://{}/aplazame/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, relay).await });
    root
}

pub(crate) async fn a_status_that_does_not_match_is_a_red_alert_never_a_sale() {
    let app = fresh_till_on_the_simulator().await;
    let root = relay_saying_live(&app).await;
    // Aplazame's root as a store's IT would set it, before the first run saves the country.
    let path = app.data_dir.path().join(desk::settings::SETTINGS_FILE);
    let settings = json!({ "aplazame": { "aplazameUrl": root } });
    std::fs::write(&path, settings.to_string()).expect("the settings file");
    first_run_to_aplazame(&app).await;
    first_line_by_keyboard(&app).await;
    second_line(&app).await;
    the_customer(&app, "lucia@example.es").await;
    app.click("aplazame-create").await;

    app.wait_for_attr("aplazame-card", "data-tone", "stop")
        .await;
    app.wait_for_text("aplazame-headline", "¡Alerta! Respuesta que no coincide")
        .await;
    let alert = app.text("aplazame-alert").await;
    assert!(
        alert.contains("No es una venta") && alert.contains("sandbox"),
        "{alert}"
    );
    let advice = app.text("aplazame-advice").await;
    assert!(
        advice.contains("no entregue el producto") && advice.contains("avise a su supervisor"),
        "{advice}"
    );
    assert!(
        app.text("aplazame-no-handover")
            .await
            .contains("NO entregue el producto")
    );
    assert!(!is_shown(&app, "aplazame-handover").await);
    let checkout_id = app.text("aplazame-checkout-id").await;
    let held = app.sandbox.aplazame().checkout(&checkout_id).expect("held");
    assert!(held.sandbox, "the simulator made it in test mode");
    app.screenshot("aplazame-alerta").await;

    // The customer completes it on their phone: Aplazame waits for the store, the rule never
    // confirms an alert, and the card stays red with nothing to confirm.
    buyer(&app, &checkout_id, "start").await;
    buyer(&app, &checkout_id, "complete").await;
    wait_at_aplazame(
        &app,
        &checkout_id,
        CheckoutState::Pending,
        "confirmation_required",
    )
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        app.client
            .find(fantoccini::Locator::Css("[data-testid=\"aplazame-card\"]"))
            .await
            .expect("the card")
            .attr("data-tone")
            .await
            .expect("its tone")
            .as_deref(),
        Some("stop")
    );
    assert!(
        !is_shown(&app, "aplazame-confirm").await,
        "no alert is confirmed"
    );
    assert!(!is_shown(&app, "aplazame-handover").await);
    let decisions: Vec<_> = app.sandbox.aplazame().checkout(&checkout_id).unwrap().ipns;
    assert!(
        decisions
            .iter()
            .all(|ipn| ipn.decision.as_deref() != Some("ok")),
        "the store never said ok: {decisions:?}"
    );
    app.quit().await;
}
