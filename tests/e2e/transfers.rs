//! "Transferencia / Yape" at the window (issue 13): the down payment paid by a bank transfer that aPagos
//! checks. With the till enrolled in a real Caja Central (on a PostgreSQL of its own), the cashier checks
//! the documented pair, picks the tender with key 4, fills the voucher form with the keyboard, attaches
//! the receipt's PNG through the file input (hosted by Central) and registers: the card is amber and
//! says not to hand over; the simulator validates, calls Central's `/webhooks/apagos/T01`, Central reads
//! the voucher back and relays it to the till, and the card turns green "Pagado y facturado" with nobody
//! touching anything; aPagos saw one voucher, aCuotaz one paid-and-billed. And on the simulator alone:
//! an operation number aPagos finds nowhere (starting with 9) turns the card red with the advice, and
//! nothing is billed or handed over.

use std::time::{Duration, Instant};

use central::pg_cluster::Cluster;
use central::{Config, Server, StoreConfig};
use fantoccini::Locator;
use providers::apurata::downpayment::MOCK_TOKEN;

pub(crate) mod supervised;

use crate::central::enroll_with;
use crate::support::{self, App, ENTER};
use crate::turno::open_shift;

/// The simulator decides this long after the register: time to see (and photograph) the amber card.
const VALIDATION_DELAY_MS: u64 = 8_000;
/// From the register to the green card: the delay, the callback through Central, the relay and the
/// billing, on a loaded 2-core machine.
pub(super) const FOLLOWING: Duration = Duration::from_secs(45);

/// Central with store T01 (the till's default codes), reading vouchers back from the app's simulator.
async fn start_central(cluster: &Cluster, app: &App) -> Server {
    let mut store = StoreConfig::new("T01", "Bodega Señor de Muruhuay");
    store.apagos_token = Some(providers::ApiToken::new(MOCK_TOKEN));
    let mut config = Config::for_database(&cluster.url("postgres"), vec![store]);
    config.providers.apagos = format!("{}/apagos/", app.sandbox.url().trim_end_matches('/'))
        .parse()
        .expect("the simulator's aPagos root");
    Server::on_loopback(config).await.expect("Central starts")
}

/// A phone's screenshot of a Yape transfer, as far as a PNG goes: a purple header, a white page, the
/// lines of the receipt.
pub(super) fn receipt_png(folder: &std::path::Path) -> std::path::PathBuf {
    let image = image::RgbImage::from_fn(360, 640, |x, y| match y {
        0..=119 => image::Rgb([0x74, 0x23, 0x84]),
        200..=223 if (40..320).contains(&x) => image::Rgb([0x30, 0x30, 0x30]),
        260..=275 | 300..=315 | 340..=355 if (40..240).contains(&x) => {
            image::Rgb([0x90, 0x90, 0x90])
        }
        _ => image::Rgb([0xff, 0xff, 0xff]),
    });
    let path = folder.join("captura-yape.png");
    image.save(&path).expect("the receipt's PNG");
    path
}

fn css(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}

/// Waits (longer than the harness's usual patience) until the element's attribute has this value.
pub(super) async fn wait_for_attr_long(app: &App, test_id: &str, name: &str, wanted: &str) {
    let deadline = Instant::now() + FOLLOWING;
    loop {
        if let Ok(element) = app.client.find(Locator::Css(&css(test_id))).await
            && element.attr(name).await.ok().flatten().as_deref() == Some(wanted)
        {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "[data-testid={test_id}] never had {name}={wanted} within {FOLLOWING:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

pub(super) async fn is_shown(app: &App, test_id: &str) -> bool {
    app.client.find(Locator::Css(&css(test_id))).await.is_ok()
}

/// On the pending card: Enter asks how it was paid, 4 picks "Transferencia / Yape", Enter opens the
/// voucher form, which starts on the operation number.
pub(super) async fn open_the_voucher_form(app: &App) {
    app.wait_for_focus("pay-button").await;
    app.press(ENTER).await;
    app.wait_for("confirm-dialog").await;
    app.press("4").await;
    let hint = app.text("tender-transfer-hint").await;
    assert!(hint.contains("comprobante"), "{hint}");
    assert!(
        app.text("tender-transfer")
            .await
            .contains("Transferencia / Yape")
    );
    app.press(ENTER).await;
    app.wait_for("voucher-form").await;
    app.wait_for_focus("voucher-operation").await;
}

/// The voucher form with the keyboard: each Enter moves to the next field. The receipt goes through the
/// file input; the detail's Enter, the last field's, registers.
pub(super) async fn fill_the_form(app: &App, operation_number: &str, receipt: &std::path::Path) {
    let form = app.text("voucher-form").await;
    assert!(
        form.contains("S/ 579.98"),
        "the down payment is named: {form}"
    );
    let amount = app.wait_for("voucher-amount").await;
    assert_eq!(
        amount.prop("value").await.unwrap().as_deref(),
        Some("579.98")
    );
    let dni = app.wait_for("voucher-dni").await;
    assert_eq!(
        dni.prop("value").await.unwrap().as_deref(),
        Some("14159265")
    );

    app.type_into("voucher-operation", operation_number).await;
    app.press(ENTER).await;
    app.wait_for_focus("voucher-account").await;
    app.press(ENTER).await;
    app.wait_for_focus("voucher-dni").await;
    app.press(ENTER).await;
    app.wait_for_focus("voucher-name").await;
    app.type_into("voucher-name", "Ana María Quispe Huamán")
        .await;
    app.press(ENTER).await;
    app.wait_for_focus("voucher-detail").await;

    app.wait_for("voucher-receipt-file")
        .await
        .send_keys(receipt.to_str().expect("a UTF-8 path"))
        .await
        .expect("the receipt through the file input");
    let ready = app.wait_for_text("voucher-receipt-ready", "PNG").await;
    assert!(ready.contains("captura-yape.png"), "{ready}");
    app.type_into("voucher-detail", "Yape a la cuenta de la tienda")
        .await;
}

pub(crate) async fn a_transfer_is_validated_through_central_and_billed_by_itself() {
    let cluster = Cluster::temporary().expect("a PostgreSQL cluster of our own");
    let app =
        support::launch_with_env(&[("CAJA_STORE_NAME", "Bodega Señor de Muruhuay".into())]).await;
    app.sandbox.apagos().set_timing(sandbox::ApagosTiming {
        validation_delay_ms: VALIDATION_DELAY_MS,
        ..sandbox::ApagosTiming::default()
    });
    let server = start_central(&cluster, &app).await;
    let code = central::auth::enroll::issue_code(&server.state.pool, "T01", "C1", "test")
        .await
        .expect("a one-time code");
    open_shift(&app).await;
    app.click("nav-ajustes").await;
    // No account saved: the simulator's demo accounts stand in (the form offers them).
    let accounts = app.wait_for("settings-bank-accounts").await;
    assert_eq!(accounts.prop("value").await.unwrap().as_deref(), Some(""));
    enroll_with(&app, &server.base_url(), &code).await;
    app.wait_for_attr("central-status", "data-enrolled", "true")
        .await;
    app.click("nav-cobro").await;

    crate::check_by_keyboard(&app, "14159265", "1234567").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    open_the_voucher_form(&app).await;
    assert!(
        is_shown(&app, "voucher-phone-start").await,
        "enrolled in Central: the customer's phone may send the receipt"
    );
    let receipt = receipt_png(app.data_dir.path());
    fill_the_form(&app, "40417", &receipt).await;
    app.screenshot("transferencia-formulario").await;
    app.press(ENTER).await;

    // Registered: amber, the product stays.
    app.wait_for_attr("voucher-card", "data-tone", "waiting")
        .await;
    let card = app.text("voucher-card").await;
    assert!(card.contains("Transferencia en validación"), "{card}");
    assert!(
        app.text("voucher-no-handover")
            .await
            .contains("NO entregue")
    );
    assert!(!is_shown(&app, "voucher-handover").await);
    assert!(
        !is_shown(&app, "result-card").await,
        "the transfer's card stands in"
    );
    app.screenshot("transferencia-en-validacion").await;
    let vouchers = app.sandbox.apagos().vouchers();
    assert_eq!(vouchers.len(), 1, "aPagos holds one voucher");
    let typed = &vouchers[0].typed;
    assert_eq!(
        typed.webhook,
        format!("{}/webhooks/apagos/T01", server.base_url()),
        "aPagos calls Central back"
    );
    assert!(
        typed.receipt.contains("/recibos/"),
        "Central hosts the receipt: {}",
        typed.receipt
    );
    assert_eq!(
        (
            typed.customer_fullname.as_str(),
            typed.operation_number.as_str()
        ),
        ("Ana María Quispe Huamán", "40417")
    );
    assert!(
        app.sandbox.state().billing_events().is_empty(),
        "nothing billed while amber"
    );

    // aPagos validates and calls Central; Central relays; Caja bills by itself.
    wait_for_attr_long(&app, "voucher-card", "data-tone", "go").await;
    app.wait_for_text("voucher-headline", "Pagado y facturado")
        .await;
    assert!(
        app.text("voucher-handover")
            .await
            .contains("Puede entregar")
    );
    app.screenshot("transferencia-pagada").await;
    assert_eq!(
        app.sandbox.apagos().vouchers().len(),
        1,
        "one voucher, never two"
    );
    assert_eq!(
        app.sandbox.state().billing_events().len(),
        1,
        "aCuotaz got one paid-and-billed"
    );
    assert!(app.sandbox.state().financing("1234567").unwrap().billed);
    let relayed = relayed_to_the_till(&server, &app).await;
    assert!(
        relayed,
        "Central relayed aPagos' VALIDATED to the till, which took it"
    );
    let attempts = &app.sandbox.apagos().vouchers()[0].callbacks;
    assert!(
        attempts.first().is_some_and(|attempt| attempt.succeeded()),
        "Central answered aPagos' callback: {attempts:?}"
    );
    app.quit().await;
    drop(server);
    drop(cluster);
}

/// Central holds aPagos' VALIDATED for till C1 and the till's relay cursor is past it (waited for: the
/// long poll answers within a second or two of the callback).
async fn relayed_to_the_till(server: &Server, app: &App) -> bool {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let client = server.state.pool.get().await.expect("Central's database");
        let row = client
            .query_opt(
                "SELECT max(id) FROM relay_event WHERE store_code = 'T01' AND till_code = 'C1' \
                 AND provider = 'apagos' AND event = 'VALIDATED'",
                &[],
            )
            .await
            .expect("Central's relay events");
        let event: Option<i64> = row.and_then(|row| row.get(0));
        let database = app.data_dir.path().join("caja.sqlite3");
        let cursor: i64 = rusqlite::Connection::open(&database)
            .expect("the till's database")
            .query_row(
                "SELECT coalesce(max(relay_after), 0) FROM central_cursor",
                [],
                |row| row.get(0),
            )
            .unwrap_or(0);
        if event.is_some_and(|id| cursor >= id) {
            return true;
        }
        if Instant::now() > deadline {
            eprintln!("relay event {event:?}, the till's cursor {cursor}");
            return false;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

pub(crate) async fn an_invalid_transfer_turns_red_and_keeps_the_product() {
    let app =
        support::launch_with_env(&[("CAJA_STORE_NAME", "Bodega Señor de Muruhuay".into())]).await;
    app.sandbox.apagos().set_timing(sandbox::ApagosTiming {
        validation_delay_ms: 1_000,
        ..sandbox::ApagosTiming::default()
    });
    open_shift(&app).await;
    crate::check_by_keyboard(&app, "14159265", "1234567").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    open_the_voucher_form(&app).await;
    assert!(
        !is_shown(&app, "voucher-phone-start").await,
        "no Central: no phone link, the simulator keeps the receipt"
    );
    let receipt = receipt_png(app.data_dir.path());
    fill_the_form(&app, "90417", &receipt).await;
    app.press(ENTER).await;

    wait_for_attr_long(&app, "voucher-card", "data-tone", "stop").await;
    let headline = app.text("voucher-headline").await;
    assert!(headline.contains("inválida"), "{headline}");
    let advice = app.text("voucher-advice").await;
    assert!(
        advice.contains("otro comprobante") && advice.contains("No entregue"),
        "the advice says what to do: {advice}"
    );
    assert!(
        app.text("voucher-no-handover")
            .await
            .contains("NO entregue")
    );
    assert!(!is_shown(&app, "voucher-handover").await);
    assert_eq!(app.text("voucher-status-label").await, "aPagos: Inválida");
    app.wait_for_focus("voucher-other-tender").await;
    app.screenshot("transferencia-invalida").await;
    assert!(
        app.sandbox.state().billing_events().is_empty(),
        "nothing billed"
    );

    // Back to the card: still to collect, the product still kept.
    app.press(ENTER).await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    assert!(!is_shown(&app, "handover-message").await);
    assert!(!app.sandbox.state().financing("1234567").unwrap().billed);
    app.quit().await;
}
