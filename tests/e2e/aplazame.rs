//! Aplazame at the window of a till in Spain (issue 14). A fresh data folder: the first run chooses
//! España and creates the supervisor, and F1 is the Aplazame screen (no Cobro, no Cuotas). The till is
//! enrolled in a real Caja Central (on a PostgreSQL of its own), which is where Aplazame's IPNs go: on
//! the simulator alone they reach nobody, and a checkout waiting for the store's confirmation ends
//! `ko`/`merchant_failed_to_confirm` when nobody answers. The cashier types two articles with the
//! keyboard (prices with IVA, Spanish style), sees the live total, types the customer and asks for the
//! financing: the card is amber. The buyer, played at the simulator's control route, starts (amber:
//! completing it on their phone) and completes; Aplazame asks the store to confirm, Central answers by
//! the till's auto-confirm rule (on by default) and the card turns green "Entregue el producto" with
//! nobody touching anything. With the rule off, the card asks the cashier: «Confirmar», and it turns
//! green once Central has given Aplazame the store's answer.

pub(crate) mod shift;
pub(crate) mod window;

use central::pg_cluster::Cluster;
use central::{Config, Server, StoreConfig};
use fantoccini::Locator;
use providers::apurata::downpayment::MOCK_TOKEN;
use serde_json::{Value, json};

use crate::central::enroll_with;
use crate::support::{self, App, ENTER, SUPERVISOR, SUPERVISOR_PIN};
use crate::transfers::{is_shown, wait_for_attr_long};

/// Central with store T01 (the till's default codes), reading checkouts back from the app's simulator.
async fn start_central(cluster: &Cluster, app: &App) -> Server {
    let mut store = StoreConfig::new("T01", "Zapatería Lucía");
    store.aplazame_key = Some(providers::ApiToken::new(MOCK_TOKEN));
    let mut config = Config::for_database(&cluster.url("postgres"), vec![store]);
    config.providers.aplazame = format!("{}/aplazame/", app.sandbox.url().trim_end_matches('/'))
        .parse()
        .expect("the simulator's Aplazame root");
    Server::on_loopback(config).await.expect("Central starts")
}

/// The first run as a store owner in Spain does it: name, country España, PIN twice, Enter.
async fn first_run_in_spain(app: &App) {
    app.type_into("signin-name", SUPERVISOR).await;
    app.wait_for("signin-country")
        .await
        .select_by_value("ES")
        .await
        .expect("España in the country select");
    app.type_into("signin-pin", SUPERVISOR_PIN).await;
    app.type_into("signin-pin-again", SUPERVISOR_PIN).await;
    app.press(ENTER).await;
}

/// Plays the buyer on their phone at the simulator's control route.
async fn buyer(app: &App, checkout_id: &str, action: &str) -> Value {
    let answer = reqwest::Client::new()
        .post(format!(
            "{}/__sandbox/aplazame/checkouts/{checkout_id}/buyer",
            app.sandbox.url().trim_end_matches('/')
        ))
        .bearer_auth(MOCK_TOKEN)
        .json(&json!({ "action": action }))
        .send()
        .await
        .expect("the simulator's buyer control");
    assert_eq!(answer.status(), 200, "{action}");
    answer
        .json()
        .await
        .expect("the checkout as the simulator holds it")
}

/// One field of cart line `line` (from 1).
async fn line_field(app: &App, line: usize, field: &str) -> fantoccini::elements::Element {
    app.within("aplazame-line", "data-line", &line.to_string(), field)
        .await
}

/// The first article by keyboard only: each Enter moves to the next field.
async fn first_line_by_keyboard(app: &App) {
    app.wait_for_focus("aplazame-line-name").await;
    app.type_into("aplazame-line-name", "Zapatillas de running")
        .await;
    app.press(ENTER).await;
    app.wait_for_focus("aplazame-line-quantity").await;
    app.type_into("aplazame-line-quantity", "2").await;
    app.press(ENTER).await;
    app.wait_for_focus("aplazame-line-price").await;
    app.type_into("aplazame-line-price", "59,90").await;
    app.press(ENTER).await;
    app.wait_for_focus("aplazame-line-vat").await;
    app.press(ENTER).await;
    app.wait_for_focus("aplazame-line-discount").await;
    app.type_into("aplazame-line-discount", "10,00").await;
    app.wait_for_text("aplazame-total", "109,80 €").await;
}

async fn second_line(app: &App) {
    app.click("aplazame-add-line").await;
    let name = line_field(app, 2, "aplazame-line-name").await;
    name.send_keys("Calcetines técnicos").await.expect("type");
    let price = line_field(app, 2, "aplazame-line-price").await;
    price.send_keys("20,00").await.expect("type");
    line_field(app, 2, "aplazame-line-vat")
        .await
        .select_by_value("10")
        .await
        .expect("IVA 10 %");
    app.wait_for_text("aplazame-total", "129,80 €").await;
}

async fn the_customer(app: &App, email: &str) {
    app.type_into("aplazame-customer-name", "Lucía Martín Pérez")
        .await;
    app.type_into("aplazame-email", email).await;
    app.type_into("aplazame-phone", "+34 600 000 000").await;
    app.type_into("aplazame-document", "12345678Z").await;
}

/// A till in Spain enrolled in its Central, on the Aplazame screen, and what it runs on.
struct Counter {
    app: App,
    server: Server,
    cluster: Cluster,
}

impl Counter {
    /// The app first, then Central, then its PostgreSQL.
    async fn close(self) {
        let Counter {
            app,
            server,
            cluster,
        } = self;
        app.quit().await;
        drop(server);
        drop(cluster);
    }
}

/// A fresh till on the simulator alone: the first run in España, and F1 is Aplazame.
async fn first_run_on_the_simulator() -> App {
    let app = fresh_till_on_the_simulator().await;
    first_run_to_aplazame(&app).await;
    app
}

/// The app on a fresh data folder, at its first-run screen, with the simulator's IPNs retried soon.
async fn fresh_till_on_the_simulator() -> App {
    let app = support::start(&[("CAJA_STORE_NAME", "Zapatería Lucía".into())]).await;
    app.sandbox.aplazame().set_timing(sandbox::AplazameTiming {
        ipn_first_retry_ms: 500,
        ipn_window_ms: 60_000,
        ipn_attempt_timeout_ms: 5_000,
    });
    app
}

/// The first run in España, and F1 is Aplazame (no Cobro, no Cuotas, no aCuotaz day summary); then
/// the shift is opened, as every sale needs one.
async fn first_run_to_aplazame(app: &App) {
    app.wait_for("first-run").await;
    first_run_in_spain(app).await;
    app.wait_for("aplazame-form").await;
    app.wait_for_text("nav-cobro", "Aplazame").await;
    assert!(!is_shown(app, "nav-cuotas").await, "no aCuotaz in Spain");
    assert!(
        !is_shown(app, "nav-resumen").await,
        "no aCuotaz summary in Spain"
    );
    assert!(!is_shown(app, "customer-input").await, "no Cobro in Spain");
    shift::open_euro_shift(app).await;
}

/// A fresh till in España (with the auto-confirm rule off when asked, as
/// `"aplazame": {"autoConfirm": false}` in the settings) enrolled in Central from Ajustes, back on F1.
async fn a_spanish_till(auto_confirm: bool) -> Counter {
    let cluster = Cluster::temporary().expect("a PostgreSQL cluster of our own");
    let app = first_run_on_the_simulator().await;
    let server = start_central(&cluster, &app).await;
    let code = central::auth::enroll::issue_code(&server.state.pool, "T01", "C1", "test")
        .await
        .expect("a one-time code");
    if !auto_confirm {
        let path = app.data_dir.path().join(desk::settings::SETTINGS_FILE);
        let text = std::fs::read_to_string(&path).expect("the settings the first run wrote");
        let mut settings: Value = serde_json::from_str(&text).expect("settings JSON");
        settings["aplazame"] = json!({ "autoConfirm": false });
        std::fs::write(&path, settings.to_string()).expect("the rule off");
    }

    app.click("nav-ajustes").await;
    app.wait_for("settings-aplazame").await;
    assert!(
        !is_shown(&app, "settings-bank-accounts").await,
        "aPagos' bank accounts are Peru's"
    );
    enroll_with(&app, &server.base_url(), &code).await;
    app.wait_for_attr("central-status", "data-enrolled", "true")
        .await;
    app.press("\u{E031}").await; // F1
    app.wait_for("aplazame-form").await;
    Counter {
        app,
        server,
        cluster,
    }
}

/// Two articles and the customer, «Pedir financiación»: the card is amber and Aplazame holds one
/// checkout whose IPNs go to Central. Its id at Aplazame.
async fn ask_for_financing(counter: &Counter) -> String {
    let app = &counter.app;
    first_line_by_keyboard(app).await;
    second_line(app).await;
    the_customer(app, "lucia@example.es").await;
    app.screenshot("aplazame-formulario").await;
    app.click("aplazame-create").await;

    app.wait_for_attr("aplazame-card", "data-state", "created")
        .await;
    app.wait_for_attr("aplazame-card", "data-tone", "waiting")
        .await;
    assert!(app.text("aplazame-card-total").await.contains("129,80 €"));
    assert!(
        app.text("aplazame-no-handover")
            .await
            .contains("NO entregue")
    );
    assert!(!is_shown(app, "aplazame-handover").await);
    let held = app.sandbox.aplazame().checkouts();
    assert_eq!(held.len(), 1, "Aplazame holds one checkout");
    assert_eq!(
        held[0].ipn_url.as_deref(),
        Some(format!("{}/webhooks/aplazame/T01", counter.server.base_url()).as_str()),
        "Aplazame's IPNs go to Central"
    );
    app.text("aplazame-checkout-id").await
}

/// The customer completes the financing on their phone and Aplazame waits for the store; Central
/// holds it off until the cashier decides (the rule is off): «Confirmar» is on the card.
async fn the_store_is_asked(app: &App, checkout_id: &str) {
    buyer(app, checkout_id, "start").await;
    buyer(app, checkout_id, "complete").await;
    app.wait_for("aplazame-confirm").await;
}

/// Green, and nothing but one checkout at Aplazame.
async fn handed_over(app: &App) {
    wait_for_attr_long(app, "aplazame-card", "data-tone", "go").await;
    app.wait_for_text("aplazame-headline", "Financiación aprobada")
        .await;
    assert!(
        app.text("aplazame-handover")
            .await
            .contains("Entregue el producto")
    );
    assert!(!is_shown(app, "aplazame-no-handover").await);
    assert!(!is_shown(app, "aplazame-confirm").await, "decided already");
    let status = app
        .client
        .find(Locator::Css("[data-testid=\"aplazame-card\"]"))
        .await
        .expect("the card")
        .attr("data-status")
        .await
        .expect("its status");
    assert_eq!(status.as_deref(), Some("ok"));
    assert_eq!(app.sandbox.aplazame().checkouts().len(), 1, "never two");
}

pub(crate) async fn a_spanish_till_finances_a_sale_with_aplazame_until_the_green_card() {
    let counter = a_spanish_till(true).await;
    let app = &counter.app;
    let checkout_id = ask_for_financing(&counter).await;
    app.screenshot("aplazame-esperando").await;

    // The customer opens it on their phone: still amber, and the card says so.
    buyer(app, &checkout_id, "start").await;
    app.wait_for_attr("aplazame-card", "data-reason", "in_process")
        .await;
    let card = app.text("aplazame-card").await;
    assert!(
        card.contains("completando la financiación en su teléfono"),
        "{card}"
    );
    assert!(card.contains("NO entregue"), "{card}");
    app.screenshot("aplazame-en-el-telefono").await;

    // The customer completes it; Aplazame asks the store, Central answers by the till's rule.
    buyer(app, &checkout_id, "complete").await;
    handed_over(app).await;
    app.screenshot("aplazame-aprobada").await;
    shift::the_shift_and_historial_show_the_sale(app).await;
    counter.close().await;
}

pub(crate) async fn with_the_rule_off_the_cashier_confirms_and_the_card_turns_green() {
    let counter = a_spanish_till(false).await;
    let app = &counter.app;
    let checkout_id = ask_for_financing(&counter).await;
    the_store_is_asked(app, &checkout_id).await;
    app.wait_for_attr("aplazame-card", "data-reason", "confirmation_required")
        .await;
    let headline = app.text("aplazame-headline").await;
    assert!(headline.contains("confirme la venta"), "{headline}");
    assert!(is_shown(app, "aplazame-reject").await);
    assert!(is_shown(app, "aplazame-no-handover").await);
    app.screenshot("aplazame-confirmar").await;
    app.click("aplazame-confirm").await;
    app.wait_for_attr("aplazame-card", "data-decision", "ok")
        .await;
    handed_over(app).await;
    let decision = app.text("aplazame-decision").await;
    assert!(decision.contains(SUPERVISOR), "who confirmed: {decision}");
    app.screenshot("aplazame-confirmada").await;
    counter.close().await;
}

/// On the simulator alone (no Central needed): a request Aplazame will not finance (403, an e-mail
/// starting with `ko`) is red and offers another tender; a customer who fails the identity check on
/// their phone turns the card red too. Neither ever says to hand the product over.
pub(crate) async fn refusals_are_red_and_offer_another_tender() {
    let app = first_run_on_the_simulator().await;
    first_line_by_keyboard(&app).await;
    second_line(&app).await;
    the_customer(&app, "ko@example.es").await;
    app.click("aplazame-create").await;
    app.wait_for_attr("aplazame-card", "data-state", "not_financed")
        .await;
    app.wait_for_attr("aplazame-card", "data-tone", "stop")
        .await;
    let headline = app.text("aplazame-headline").await;
    assert!(headline.contains("no financia"), "{headline}");
    assert!(is_shown(&app, "aplazame-no-handover").await);
    app.screenshot("aplazame-no-financia").await;
    app.click("aplazame-other-tender").await;
    app.wait_for_focus("aplazame-line-name").await;

    first_line_by_keyboard(&app).await;
    the_customer(&app, "lucia@example.es").await;
    app.click("aplazame-create").await;
    app.wait_for_attr("aplazame-card", "data-state", "created")
        .await;
    let checkout_id = app.text("aplazame-checkout-id").await;
    buyer(&app, &checkout_id, "start").await;
    buyer(&app, &checkout_id, "challenge").await;
    app.wait_for_attr("aplazame-card", "data-reason", "challenge_required")
        .await;
    let card = app.text("aplazame-card").await;
    assert!(card.contains("verificación de identidad"), "{card}");
    app.screenshot("aplazame-verificacion").await;
    buyer(&app, &checkout_id, "fail_challenge").await;
    app.wait_for_attr("aplazame-card", "data-tone", "stop")
        .await;
    app.wait_for_text("aplazame-headline", "Verificación de identidad fallida")
        .await;
    assert!(is_shown(&app, "aplazame-other-tender").await);
    assert!(!is_shown(&app, "aplazame-handover").await);
    app.screenshot("aplazame-rechazada").await;
    assert_eq!(
        app.sandbox.aplazame().checkouts().len(),
        1,
        "the 403 created nothing"
    );
    app.quit().await;
}
