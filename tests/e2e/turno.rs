//! A shift at the window, as a cashier lives it: open it by counting the float, take a payment in cash
//! (the change shown big) and one by card, look at the X report (blind: nothing expected on screen),
//! count the drawer blind at closing (some soles short), see the reconciliation, close with a
//! supervisor's approval, and read the Z report back from its PDF. Also the helpers every test that
//! takes money uses: payments need an open shift.

use crate::check_by_keyboard;
use crate::supervision::add_cashier_and_sign_in;
use crate::support::{self, App, ENTER, ESCAPE, F1, F6, F8, SUPERVISOR};

/// The float every test opens its shift with: 5 × S/ 20 and 20 × S/ 1.
const FLOAT: &[(i64, u32)] = &[(2_000, 5), (100, 20)];
const FLOAT_TEXT: &str = "S/ 120.00";

/// Opens the till's shift in Turno with [`FLOAT`], then goes back to Cobro.
pub(crate) async fn open_shift(app: &App) {
    app.click("nav-turno").await;
    open_in_turno(app).await;
    app.click("nav-cobro").await;
    app.wait_for("customer-input").await;
}

/// On a card waiting for payment: Enter asks how it was paid, 1 picks cash (the exact amount is
/// already typed), Enter pays.
pub(crate) async fn pay_in_cash_by_keyboard(app: &App) {
    app.press(ENTER).await;
    app.wait_for("confirm-dialog").await;
    app.press("1").await;
    app.wait_for("tender-received").await;
    app.press(ENTER).await;
}

fn pdf_text(path: &str) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", path, "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(output.status.success(), "pdftotext could not read {path}");
    String::from_utf8(output.stdout).expect("UTF-8 text")
}

pub(crate) async fn a_shift_from_its_float_to_its_z_with_a_blind_count_and_an_approval() {
    let app = support::launch().await;
    add_cashier_and_sign_in(&app, "Ana Torres", "1357").await;

    // No shift: Cobro says where to open one, the top bar says there is none, and paying says the
    // same without asking how it was paid.
    app.wait_for_text("no-shift-banner", "F6").await;
    app.wait_for_text("shift-status", "Sin turno").await;
    check_by_keyboard(&app, "14159265", "1234567").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    app.press(ENTER).await;
    app.wait_for_attr("error-message", "data-code", "no_shift_open")
        .await;
    let refused = app
        .client
        .find(fantoccini::Locator::Css("[data-testid=\"confirm-dialog\"]"));
    assert!(refused.await.is_err(), "no tender is asked without a shift");

    // Ajustes shows this till's settings.
    app.click("nav-ajustes").await;
    let tolerance = app.wait_for("settings-tolerance").await.prop("value").await;
    assert_eq!(tolerance.unwrap().as_deref(), Some("1.00"));
    app.client
        .execute(
            "document.querySelector('[data-testid=settings-till-name]').scrollIntoView()",
            vec![],
        )
        .await
        .expect("scrolled");
    app.screenshot("ajustes").await;

    // F6, the float counted by denomination, the shift open in Ana's name (a cashier sees no
    // expected cash in the top bar).
    app.press(F6).await;
    open_in_turno(&app).await;
    app.wait_for_text("shift-status", "Ana Torres").await;
    let status = app.text("shift-status").await;
    assert!(status.contains("Turno abierto"), "{status}");
    assert!(
        !status.contains("esperado"),
        "blind for a cashier: {status}"
    );

    // Cash: 600.00 received for 579.98, the change shown big before and after paying.
    app.press(F1).await;
    check_by_keyboard(&app, "14159265", "1234567").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    app.press(ENTER).await;
    app.wait_for("tender-picker").await;
    app.press("1").await;
    app.type_into("tender-received", "600.00").await;
    app.wait_for_text("tender-change", "S/ 20.02").await;
    app.screenshot("cobro-tender-picker").await;
    app.press(ENTER).await;
    app.wait_for_attr("result-card", "data-state", "done").await;
    assert!(app.text("paid-tender").await.contains("Efectivo"));
    assert_eq!(app.text("change-due").await, "S/ 20.02");
    app.screenshot("cobro-paid-in-cash").await;

    // Its receipt, then the last receipt again with F8.
    app.click("print-receipt").await;
    let printed = app.wait_for_text("receipt-result", "PDF").await;
    assert!(printed.contains(".pdf"), "{printed}");
    app.press(F8).await;
    app.wait_for_text("receipt-result", "reimpreso").await;

    // Card: the last four digits and the authorization code; no change.
    app.press(ESCAPE).await;
    check_by_keyboard(&app, "10141421358", "1414213").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    assert!(app.text("amount-to-collect").await.contains("S/ 246.90"));
    app.press(ENTER).await;
    app.wait_for("tender-picker").await;
    app.press("2").await;
    app.type_into("tender-last4", "4242").await;
    app.type_into("tender-authorization", "A1B2C3").await;
    app.press(ENTER).await;
    app.wait_for_attr("result-card", "data-state", "done").await;
    assert!(app.text("paid-tender").await.contains("Tarjeta"));

    // Cash in (below the threshold: the cashier alone), cash out above it (a supervisor approves).
    app.press(F6).await;
    app.wait_for_text("shift-payments", "2").await;
    app.wait_for_focus("cash-in").await;
    app.press("i").await;
    app.type_into("movement-amount", "50").await;
    app.type_into("movement-reason", "Sencillo de la bóveda")
        .await;
    app.press(ENTER).await;
    app.wait_for_attr("movement-row", "data-direction", "in")
        .await;
    app.wait_for_focus("cash-in").await;
    app.press("r").await;
    app.type_into("movement-amount", "300").await;
    app.type_into("movement-reason", "Depósito en bóveda").await;
    app.press(ENTER).await;
    app.approve("Depósito del mediodía").await;
    let out = app
        .within("movement-row", "data-direction", "out", "movement-approver")
        .await;
    assert!(out.text().await.unwrap().contains(SUPERVISOR));
    app.wait_for_focus("cash-in").await;

    // The X report, blind for a cashier: nothing expected on screen.
    app.press("x").await;
    app.wait_for_attr("reconciliation", "data-blind", "true")
        .await;
    let expected = app
        .within("tender-line", "data-tender", "cash", "tender-expected")
        .await;
    assert!(expected.text().await.unwrap().contains("—"));
    assert!(app.text("blind-note").await.contains("ciegas"));
    app.screenshot("turno-x-report").await;

    // Closing: the blind count, S/ 5.08 short of 449.98 (120.00 + 579.98 + 50.00 − 300.00), the card
    // batch right.
    app.press("c").await;
    app.wait_for("blind-count-form").await;
    let reconciliation_shown = app
        .client
        .find(fantoccini::Locator::Css("[data-testid=\"reconciliation\"]"));
    assert!(
        reconciliation_shown.await.is_err(),
        "nothing expected before the count"
    );
    for (centimos, pieces) in [(20_000, 2), (2_000, 2), (200, 2), (50, 1), (20, 2)] {
        app.type_into(&format!("count-{centimos}"), &pieces.to_string())
            .await;
    }
    app.wait_for_text("count-total", "S/ 444.90").await;
    app.type_into("card-batch", "246.90").await;
    app.click("count-save").await;
    app.wait_for_attr("reconciliation", "data-blind", "false")
        .await;
    let cash = app
        .within("tender-line", "data-tender", "cash", "tender-difference")
        .await;
    assert_eq!(cash.text().await.unwrap(), "-S/ 5.08");
    let card = app
        .within("tender-line", "data-tender", "card", "tender-difference")
        .await;
    assert_eq!(card.text().await.unwrap(), "S/ 0.00");
    app.wait_for_text("cash-expected", "S/ 449.98").await;
    app.wait_for_attr("difference", "data-kind", "cash_short")
        .await;
    app.wait_for("approval-needed").await;
    app.screenshot("turno-reconciliation").await;
    app.client
        .execute("window.scrollTo(0, 0)", vec![])
        .await
        .expect("scrolled");
    app.screenshot("turno-reconciliation-top").await;

    // Close: the supervisor approves the difference, the Z is filed.
    app.click("close-shift").await;
    app.approve("Faltante contado dos veces").await;
    let number = app.wait_for_text("z-number", "000001").await;
    assert!(number.contains("Reporte Z N.º 000001"), "{number}");
    assert!(app.text("z-approval").await.contains(SUPERVISOR));
    app.screenshot("turno-z").await;
    let pdf = app.text("z-pdf-path").await;
    let text = pdf_text(&pdf);
    for wanted in [
        "000001",
        "Efectivo",
        "Tarjeta",
        "-S/ 5.08",
        "S/ 449.98",
        "S/ 246.90",
        SUPERVISOR,
        "Faltante contado dos veces",
    ] {
        assert!(
            text.contains(wanted),
            "the Z's PDF lacks «{wanted}»:\n{text}"
        );
    }

    // Printed again: a marked copy of its own; the list has it; the shift is over everywhere.
    app.click("z-reprint").await;
    app.wait_for_attr("z-closed", "data-reprint", "true").await;
    let copy = app.text("z-pdf-path").await;
    assert_ne!(copy, pdf, "a reprint is a file of its own");
    let copy_text = pdf_text(&copy);
    assert!(
        copy_text.contains("000001") && copy_text.contains("REIMPRESI"),
        "{copy_text}"
    );
    app.wait_for_attr("z-list-row", "data-number", "1").await;
    app.wait_for_text("shift-status", "Sin turno").await;
    app.press(F1).await;
    app.wait_for("no-shift-banner").await;
    app.quit().await;
}

/// The Turno screen's opening form with [`FLOAT`], submitted with Enter from its last field.
async fn open_in_turno(app: &App) {
    app.wait_for("open-shift-form").await;
    for (centimos, pieces) in FLOAT {
        app.type_into(&format!("count-{centimos}"), &pieces.to_string())
            .await;
    }
    app.wait_for_text("count-total", FLOAT_TEXT).await;
    app.click("count-10").await;
    app.press(ENTER).await;
    app.wait_for_text("shift-float", FLOAT_TEXT).await;
}
