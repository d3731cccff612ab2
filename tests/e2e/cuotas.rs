//! Venta a cuotas at the window (issue 11): a credit sale as a cashier makes it. F7, the amount checked
//! against aCuotaz's limits, the customer's details, create; the QR code on screen is read back from a
//! screenshot of it and must be the link the sandbox gave for that order; the sandbox plays the
//! customer's phone (apply: approved, which is not yet a hand-over), the cashier confirms, the customer
//! pays online (funded: now the card says to hand the product over), and a supervisor approves a partial
//! refund whose tracking id and what is left are shown. Also: an amount outside the limits is refused on
//! screen, with the limits, and nothing reaches aCuotaz.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use providers::apurata::downpayment::MOCK_TOKEN;

use crate::support::{self, App, ENTER, SUPERVISOR};

/// WebDriver's F7 (Venta a cuotas).
const F7: &str = "\u{E037}";
/// The provider's test DNI that is always approved.
const APPROVED_DNI: &str = "14159265";
/// How long the screen may take to show what the sandbox did: the backend reads an open order's status
/// with back-off (2 s, then 3, 5, 8 s while nothing changes) and the screen asks it every 2 s.
const FOLLOWING: Duration = Duration::from_secs(40);

fn css(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}

/// Waits (longer than the harness's usual patience) until the element's text contains `wanted`.
async fn wait_for_text_long(app: &App, test_id: &str, wanted: &str) -> String {
    let deadline = Instant::now() + FOLLOWING;
    loop {
        if let Ok(element) = app.client.find(Locator::Css(&css(test_id))).await
            && let Ok(text) = element.text().await
            && text.contains(wanted)
        {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "[data-testid={test_id}] never said «{wanted}» within {FOLLOWING:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn is_shown(app: &App, test_id: &str) -> bool {
    app.client.find(Locator::Css(&css(test_id))).await.is_ok()
}

/// The customer's phone takes one step, through the sandbox's admin route (as `caja sandbox customer`
/// does from another process).
async fn customer(app: &App, order_id: &str, action: &str) -> serde_json::Value {
    let answer = reqwest::Client::new()
        .post(format!(
            "{}/__sandbox/orders/{order_id}/customer",
            app.sandbox.url()
        ))
        .bearer_auth(MOCK_TOKEN)
        .json(&serde_json::json!({ "action": action }))
        .send()
        .await
        .expect("the sandbox's admin route answers");
    let status = answer.status();
    let body: serde_json::Value = answer.json().await.expect("a JSON answer");
    assert!(status.is_success(), "{action}: {status} {body}");
    body
}

/// Types the sale with the keyboard only: each Enter moves to the next field, the last one creates.
async fn type_the_sale(app: &App, amount: &str, dni: &str) {
    app.type_into("order-amount", amount).await;
    app.press(ENTER).await;
    app.wait_for_focus("order-description").await;
    app.type_into("order-description", "Refrigeradora LG 420 L")
        .await;
    app.press(ENTER).await;
    app.wait_for_focus("order-dni").await;
    app.type_into("order-dni", dni).await;
    app.press(ENTER).await;
    app.type_into("order-name", "Ana María Quispe").await;
    app.press(ENTER).await;
    app.type_into("order-phone", "987 654 321").await;
}

/// The QR code as the screen draws it, read back from a WebDriver screenshot of its element.
async fn read_the_qr(app: &App) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        // WebKit's snapshot waits for a paint; a flickering speck makes sure one comes.
        app.client
            .execute(
                "const speck = document.createElement('div');\
                 speck.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.01';\
                 document.body.appendChild(speck);\
                 const ticker = setInterval(() => { speck.style.opacity = speck.style.opacity === '0.01' ? '0.02' : '0.01'; }, 40);\
                 setTimeout(() => { clearInterval(ticker); speck.remove(); }, 2000);",
                vec![],
            )
            .await
            .expect("a painting page");
        let png = app
            .wait_for("order-qr")
            .await
            .screenshot()
            .await
            .expect("a screenshot of the QR code");
        if let Some(folder) = std::env::var_os("CAJA_E2E_SHOTS") {
            std::fs::create_dir_all(&folder).expect("the screenshots' folder");
            std::fs::write(
                std::path::Path::new(&folder).join("cuotas-qr-element.png"),
                &png,
            )
            .expect("a screenshot file");
        }
        match decode_qr(&png) {
            Ok(text) => return text,
            Err(problem) if Instant::now() < deadline => {
                eprintln!("the QR code did not read yet ({problem}); again");
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            Err(problem) => panic!("the QR code on screen does not read: {problem}"),
        }
    }
}

fn decode_qr(png: &[u8]) -> Result<String, String> {
    let image = image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .map_err(|error| format!("not a PNG: {error}"))?
        .to_luma8();
    let (width, height) = image.dimensions();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(width as usize, height as usize, |x, y| {
            image.get_pixel(x as u32, y as u32).0[0]
        });
    let grids = prepared.detect_grids();
    let grid = grids
        .first()
        .ok_or_else(|| format!("no QR code found in {width}x{height} pixels"))?;
    grid.decode()
        .map(|(_, text)| text)
        .map_err(|error| format!("{error:?}"))
}

pub(crate) async fn a_credit_sale_from_the_qr_to_funded_handed_over_and_partly_refunded() {
    let started = Instant::now();
    // The README's screenshots come from this test: the same store as the others.
    let app =
        support::launch_with_env(&[("CAJA_STORE_NAME", "Bodega Señor de Muruhuay".into())]).await;
    app.press(F7).await;
    app.wait_for_text("order-limits-range", "S/ 100.00").await;
    let limits = app.text("order-limits-range").await;
    assert!(
        limits.contains("S/ 5,000.00"),
        "the limits are said first: {limits}"
    );
    app.wait_for_focus("order-amount").await;

    type_the_sale(&app, "1499.90", APPROVED_DNI).await;
    // aCuotaz's add-on for that amount, as plain text.
    let add_on = app.wait_for_text("order-add-on", "S/").await;
    assert!(!add_on.contains('<'), "the add-on is text: {add_on}");
    app.screenshot("cuotas-formulario").await;
    app.press(ENTER).await;

    // Created: the card waits for the customer, with the QR code of the order's link.
    app.wait_for_attr("order-card", "data-status", "initial")
        .await;
    let card = app.wait_for("order-card").await;
    let order_id = card
        .attr("data-order-id")
        .await
        .unwrap()
        .expect("the card names its order");
    assert_eq!(
        card.attr("data-tone").await.unwrap().as_deref(),
        Some("waiting")
    );
    assert!(!is_shown(&app, "order-handover").await);
    assert_eq!(app.text("order-qr-id").await, order_id);
    assert_eq!(app.text("order-qr-amount").await, "S/ 1,499.90");
    let held = app
        .sandbox
        .state()
        .order(&order_id)
        .expect("the sandbox holds the order the screen shows");
    assert_eq!(app.sandbox.state().orders().len(), 1, "one order");
    let redirect_to = format!(
        "{}/pos?client={}&acuotaz_order={}",
        app.sandbox.url(),
        held.pos_client_id,
        held.acuotaz_order
    );
    assert_eq!(
        read_the_qr(&app).await,
        redirect_to,
        "the QR code is the order's link"
    );
    app.wait_for_attr("order-row", "data-order-id", &order_id)
        .await;
    app.screenshot("cuotas-qr").await;
    // On paper too (P): no printer is set here, so it is kept as a PDF.
    app.press("p").await;
    let printed = app.wait_for_text("order-qr-printed", ".pdf").await;
    assert!(printed.contains("Código QR impreso"), "{printed}");

    // The customer applies on their phone: approved, which is not a hand-over yet.
    customer(&app, &order_id, "open").await;
    let applied = customer(&app, &order_id, "apply").await;
    assert_eq!(applied["status"], "approved", "{applied}");
    wait_for_text_long(&app, "order-status", "Aprobado — todavía no entregar").await;
    app.wait_for_attr("order-card", "data-tone", "waiting")
        .await;
    assert!(
        !is_shown(&app, "order-handover").await,
        "approved is not funded: nothing to hand over"
    );
    app.screenshot("cuotas-aprobado").await;

    // The cashier confirms (C): the store takes the order.
    let deadline = Instant::now() + FOLLOWING;
    while app
        .wait_for("order-confirm")
        .await
        .attr("disabled")
        .await
        .unwrap()
        .is_some()
    {
        assert!(Instant::now() < deadline, "Confirmar never became possible");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.press("c").await;
    let deadline = Instant::now() + FOLLOWING;
    while !app.sandbox.state().order(&order_id).unwrap().confirmed {
        assert!(Instant::now() < deadline, "the order was never confirmed");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(!is_shown(&app, "order-handover").await);

    // The customer pays the down payment online: funded, and only now may the product go.
    let paid = customer(&app, &order_id, "pay-online").await;
    assert_eq!(paid["status"], "funded", "{paid}");
    wait_for_text_long(&app, "order-handover", "Puede entregar el producto").await;
    app.wait_for_attr("order-card", "data-tone", "go").await;
    assert!(app.text("order-status").await.contains("Financiado"));
    app.screenshot("cuotas-financiado").await;

    // A partial refund (D): S/ 500.00, approved with the supervisor's PIN.
    app.press("d").await;
    app.wait_for("refund-dialog").await;
    assert!(app.text("refund-left").await.contains("S/ 1,499.90"));
    app.click("refund-partial").await;
    app.type_into("refund-amount", "500.00").await;
    app.type_into("approval-pin", support::SUPERVISOR_PIN).await;
    app.type_into("approval-reason", "El cliente devuelve la bandeja")
        .await;
    app.screenshot("cuotas-devolucion-dialogo").await;
    app.press(ENTER).await;
    app.wait_gone("refund-dialog", Duration::from_secs(15))
        .await;
    let left = app.wait_for_text("order-refund-left", "S/ 999.90").await;
    assert!(left.contains("S/ 500.00"), "{left}");
    let held = app.sandbox.state().order(&order_id).unwrap();
    assert_eq!(
        held.refunded.to_string(),
        "S/ 500.00",
        "aCuotaz refunded it once"
    );
    let refund = held.refunds.values().next().expect("the sandbox's refund");
    let tracking = app.text("order-refund-tracking").await;
    assert_eq!(
        tracking, refund.tracking_id,
        "the refund's tracking id is shown"
    );
    assert!(
        app.text("order-refund-method")
            .await
            .contains(&refund.refund_method)
    );
    let row = app.text("order-refund").await;
    assert!(row.contains(SUPERVISOR), "who approved it: {row}");
    app.wait_for_attr("order-card", "data-tone", "go").await;
    app.client
        .execute("window.scrollTo(0, 0)", vec![])
        .await
        .expect("scrolled");
    app.screenshot("cuotas-devolucion").await;

    // Historial lists the sale's calls beside the till's journal: created, confirmed, refunded.
    app.click("nav-historial").await;
    app.wait_for("history-credit-row").await;
    let sales = app.wait_for_text("history-credit-sales", &tracking).await;
    for expected in [
        order_id.as_str(),
        "Devolución parcial",
        "S/ 500.00",
        "Confirmar pedido",
    ] {
        assert!(sales.contains(expected), "{expected} in Historial: {sales}");
    }
    app.screenshot("historial-cuotas").await;
    app.quit().await;
    eprintln!("credit sale end to end: {:?}", started.elapsed());
}

pub(crate) async fn an_amount_outside_the_limits_is_refused_on_screen_and_never_sent() {
    let app = support::launch().await;
    app.press(F7).await;
    app.wait_for_text("order-limits-range", "S/ 5,000.00").await;
    type_the_sale(&app, "6000", APPROVED_DNI).await;
    let refused = app.text("order-outside-limits").await;
    for wanted in ["S/ 6,000.00", "S/ 100.00", "S/ 5,000.00"] {
        assert!(refused.contains(wanted), "«{wanted}» in: {refused}");
    }
    let create = app.wait_for("order-create").await;
    assert!(
        create.attr("disabled").await.unwrap().is_some(),
        "nothing to send"
    );
    // Enter on the last field sends nothing either.
    app.press(ENTER).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(!is_shown(&app, "order-card").await);
    assert_eq!(
        app.focused_test_id().await.as_deref(),
        Some("order-amount"),
        "the amount is what to fix"
    );
    app.screenshot("cuotas-fuera-de-limites").await;
    assert!(
        app.sandbox.state().orders().is_empty(),
        "no order reached aCuotaz"
    );
    assert!(
        app.client
            .find(Locator::Css(&css("order-row")))
            .await
            .is_err(),
        "no order in the till either"
    );
    app.quit().await;
}
