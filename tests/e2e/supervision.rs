//! Issue 5 at the window: a supervisor adds a cashier, the cashier signs in with a PIN, undo needs the
//! supervisor's PIN and a reason (a wrong PIN is refused in the dialog), the journal shows who did it
//! and who approved, the audit record verifies and then names a row edited behind Caja's back, and an
//! idle till locks itself.

use crate::check_by_keyboard;
use crate::support::{self, ENTER, SUPERVISOR, SUPERVISOR_PIN};
use crate::turno::{open_shift, pay_in_cash_by_keyboard};

/// Check, pay in cash (the exact amount) and confirm the provider's test pair by keyboard, until the
/// card is green.
async fn pay_the_docs_pair(app: &support::App) {
    check_by_keyboard(app, "14159265", "1234567").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    pay_in_cash_by_keyboard(app).await;
    app.wait_for_attr("result-card", "data-state", "done").await;
}

/// The supervisor adds a cashier in Supervisión, signs out, and the cashier signs in with their PIN.
pub(crate) async fn add_cashier_and_sign_in(app: &support::App, name: &str, pin: &str) {
    app.click("nav-supervision").await;
    app.type_into("person-name", name).await;
    app.type_into("person-pin", pin).await;
    app.click("person-add").await;
    app.wait_for_text("person-added", name).await;

    app.click("sign-out").await;
    app.wait_for("sign-in").await;
    app.client
        .find(fantoccini::Locator::Css(&format!(
            "[data-testid=\"signin-person\"][data-name=\"{name}\"]"
        )))
        .await
        .expect("the cashier is listed")
        .click()
        .await
        .expect("choose the cashier");
    app.type_into("signin-pin", pin).await;
    app.press(ENTER).await;
    app.wait_for_text("signed-in-person", name).await;
}

pub(crate) async fn a_cashier_undoes_only_with_a_supervisors_pin_and_the_journal_says_who() {
    let app = support::launch().await;
    // The shift is the till's: the supervisor opens it, the cashier takes payments in it.
    open_shift(&app).await;
    add_cashier_and_sign_in(&app, "Luis Mamani", "1357").await;
    assert!(
        app.client
            .find(fantoccini::Locator::Css(
                "[data-testid=\"nav-supervision\"]"
            ))
            .await
            .is_err(),
        "a cashier has no Supervisión"
    );

    pay_the_docs_pair(&app).await;

    app.click("undo-button").await;
    app.wait_for("approval-dialog").await;
    app.type_into("approval-pin", "9999").await;
    app.type_into("approval-reason", "Cambio de color").await;
    app.press(ENTER).await;
    app.wait_for_attr("error-message", "data-code", "wrong_pin")
        .await;
    assert!(
        app.sandbox.state().financing("1234567").unwrap().billed,
        "nothing was sent"
    );
    app.type_into("approval-pin", SUPERVISOR_PIN).await;
    app.press(ENTER).await;
    app.wait_for_attr("result-card", "data-state", "billed-pending")
        .await;
    assert!(!app.sandbox.state().financing("1234567").unwrap().billed);

    app.click("nav-historial").await;
    let undo_row = app
        .client
        .wait()
        .for_element(fantoccini::Locator::Css(
            "[data-testid=\"history-row\"][data-kind=\"undo_billing\"] [data-testid=\"history-who\"]",
        ))
        .await
        .expect("the undo is in the journal");
    let who = undo_row.text().await.unwrap();
    assert!(who.contains("Luis Mamani"), "who asked: {who}");
    assert!(
        who.contains(SUPERVISOR) && who.contains("Cambio de color"),
        "who approved: {who}"
    );
    app.quit().await;
}

pub(crate) async fn the_audit_record_verifies_then_names_a_row_edited_behind_caja() {
    let app = support::launch().await;
    open_shift(&app).await;
    pay_the_docs_pair(&app).await;

    app.click("nav-supervision").await;
    app.click("audit-verify").await;
    app.wait_for_attr("audit-result", "data-intact", "true")
        .await;

    let database = app.data_dir.path().join("caja.sqlite3");
    let connection = rusqlite::Connection::open(&database).unwrap();
    connection
        .execute(
            "UPDATE journal SET state = 'rejected' WHERE kind = 'paid_and_billed'",
            [],
        )
        .unwrap();
    drop(connection);
    app.click("audit-verify").await;
    app.wait_for_attr("audit-result", "data-intact", "false")
        .await;
    let text = app.text("audit-result").await;
    assert!(text.contains("n.° 2") && text.contains("state"), "{text}");

    app.click("audit-export").await;
    let exported = app.wait_for_text("audit-exported", ".csv").await;
    assert!(exported.contains("2 operaciones"), "{exported}");
    app.quit().await;
}

/// The idle lock at its shortest (one minute, set by the supervisor with an approval): the till goes
/// back to the sign-in screen by itself.
pub(crate) async fn an_idle_till_locks_itself() {
    let app = support::launch().await;
    app.click("nav-ajustes").await;
    app.type_into("settings-idle", "1").await;
    app.type_into("approval-pin", SUPERVISOR_PIN).await;
    app.type_into("approval-reason", "Caja frente al público")
        .await;
    app.click("settings-save").await;
    app.wait_for("settings-saved").await;
    let started = std::time::Instant::now();
    app.wait_gone("signed-in-person", std::time::Duration::from_secs(90))
        .await;
    app.wait_for("sign-in").await;
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(50),
        "locked only after the idle minute"
    );
    app.quit().await;
}
