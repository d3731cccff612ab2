//! End-to-end: the built desktop app, in its real webview under Xvfb, driven through WebDriver against
//! the sandbox. Each test is what a cashier does at the counter, and checks what the cashier sees and
//! what the provider ends up holding.
//!
//! The harness is libtest-mimic rather than libtest: a test skipped on purpose (`CAJA_SKIP_E2E=1`) is
//! reported `ignored`, so it is counted as skipped and never as passed; a test that cannot run fails
//! (see [`readiness`]).

mod aplazame;
mod backups;
mod central;
mod cuotas;
mod impostors;
mod keys;
mod readiness;
mod responsiveness;
mod supervision;
mod support;
mod transfers;
mod turno;
mod updates;
mod updates_installed;

/// The end-to-end tests by name, each a plain function that runs its async body to the end.
macro_rules! end_to_end {
    ($($test:path),* $(,)?) => {
        [$((stringify!($test), (|| support::block_on($test())) as fn())),*]
    };
}

fn main() {
    let mut arguments = libtest_mimic::Arguments::from_args();
    // One app at a time (the tests take a lock anyway), and nothing captures what a test prints: one
    // thread keeps each test's lines together.
    arguments.test_threads.get_or_insert(1);
    let tests = end_to_end![
        check_pay_hand_over_undo_and_pay_again,
        a_malformed_dni_is_refused_before_anything_is_sent,
        an_unknown_funding_code_says_what_to_check,
        undoing_a_billing_that_is_already_gone_is_refused,
        the_day_summary_matches_the_provider_and_prints_a_readable_pdf,
        a_payment_without_an_answer_keeps_the_product_and_is_settled_in_the_background,
        supervision::a_cashier_undoes_only_with_a_supervisors_pin_and_the_journal_says_who,
        supervision::the_audit_record_verifies_then_names_a_row_edited_behind_caja,
        supervision::an_idle_till_locks_itself,
        backups::a_backup_made_from_ajustes_is_on_disk_and_the_doctor_says_so,
        backups::a_backup_that_fails_after_the_z_is_said_on_the_z_and_in_supervision,
        impostors::a_200_that_is_not_acuotaz_never_turns_the_card_green,
        responsiveness::a_slow_printer_does_not_keep_the_till_from_answering,
        turno::a_shift_from_its_float_to_its_z_with_a_blind_count_and_an_approval,
        cuotas::a_credit_sale_from_the_qr_to_funded_handed_over_and_partly_refunded,
        cuotas::an_amount_outside_the_limits_is_refused_on_screen_and_never_sent,
        central::a_supervisor_enrolls_the_till_in_ajustes_and_sends_its_record_to_central,
        transfers::a_transfer_is_validated_through_central_and_billed_by_itself,
        transfers::an_invalid_transfer_turns_red_and_keeps_the_product,
        transfers::supervised::a_corrected_amount_waits_for_a_supervisor_then_bills,
        transfers::supervised::a_lost_register_is_resolved_by_a_supervisor_never_sent_twice,
        aplazame::a_spanish_till_finances_a_sale_with_aplazame_until_the_green_card,
        aplazame::with_the_rule_off_the_cashier_confirms_and_the_card_turns_green,
        aplazame::refusals_are_red_and_offer_another_tender,
        aplazame::window::with_the_rule_off_the_cashier_rejects_and_aplazame_ends_it_ko,
        aplazame::window::a_lost_create_is_resolved_by_a_supervisor_and_followed_to_green,
        aplazame::window::a_status_that_does_not_match_is_a_red_alert_never_a_sale,
        updates::a_signed_update_from_central_is_verified_waits_for_the_shift_and_a_tampered_one_is_refused,
    ];
    let mut trials = readiness::own_tests(tests[0].0);
    trials.extend(
        tests
            .iter()
            .map(|&(name, test)| readiness::trial(name, test)),
    );
    // Only on the installed package, when scripts/package-test.sh names the next version's .deb.
    if std::env::var_os(updates_installed::UPDATE_DEB).is_some() {
        let installed = end_to_end![
            updates_installed::the_installed_app_installs_a_signed_update_and_starts_again
        ];
        trials.extend(
            installed
                .iter()
                .map(|&(name, test)| readiness::trial(name, test)),
        );
    }
    libtest_mimic::run(&arguments, trials).exit();
}

use providers::apurata::downpayment::{CustomerId, DownpaymentApi, Flavor, MOCK_TOKEN};
use providers::{ApiToken, HttpSettings, PlainHttp, ProviderRoot};
use sandbox::{Endpoint, Fault, FaultPlan, FaultRule};
use support::{App, ENTER};
use turno::{open_shift, pay_in_cash_by_keyboard};

/// The provider as a second party would reach it: the same sandbox, over HTTP, behind the app's back.
fn provider(app: &App) -> DownpaymentApi {
    DownpaymentApi::new(
        &ProviderRoot::parse(app.sandbox.url(), PlainHttp::LoopbackOnly).expect("sandbox URL"),
        Flavor::V2,
        ApiToken::new(MOCK_TOKEN),
        HttpSettings::default(),
    )
    .expect("provider client")
}

/// Types DNI and code with the keyboard only: Enter moves to the code, Enter validates.
pub(crate) async fn check_by_keyboard(app: &App, customer: &str, code: &str) {
    app.type_into("customer-input", customer).await;
    app.press(ENTER).await;
    assert_eq!(
        app.focused_test_id().await.as_deref(),
        Some("funding-code-input")
    );
    app.type_into("funding-code-input", code).await;
    app.press(ENTER).await;
}

async fn check_pay_hand_over_undo_and_pay_again() {
    let app = support::launch().await;
    let banner = app.text("mode-banner").await;
    assert!(banner.to_uppercase().contains("SANDBOX"), "{banner}");
    open_shift(&app).await;

    check_by_keyboard(&app, "14159265", "1234567").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    assert!(app.text("amount-to-collect").await.contains("S/ 579.98"));
    assert_eq!(
        app.focused_test_id().await.as_deref(),
        Some("pay-button"),
        "focus waits on pay"
    );

    app.press(ENTER).await;
    let dialog = app.text("confirm-dialog").await;
    assert!(
        dialog.contains("S/ 579.98"),
        "the confirmation repeats the amount: {dialog}"
    );
    assert_eq!(
        app.focused_test_id().await.as_deref(),
        Some("tender-cash"),
        "the dialog asks how it was paid first"
    );
    // Enter alone never picks a tender: it asks for one.
    app.press(ENTER).await;
    app.wait_for("tender-needed").await;
    app.press("1").await;
    assert_eq!(
        app.focused_test_id().await.as_deref(),
        Some("tender-received")
    );
    app.press(ENTER).await;
    app.wait_for_text("handover-message", "entregar").await;
    app.wait_for_text("shift-cash-expected", "S/ 699.98").await;
    app.screenshot("cobro-supervisor").await;
    app.wait_for_attr("result-card", "data-state", "done").await;
    let billed = app.sandbox.state().financing("1234567").expect("seeded");
    assert!(billed.billed, "the provider holds the billing");

    app.click("undo-button").await;
    app.approve("El cliente cambia el color").await;
    app.wait_for_attr("result-card", "data-state", "billed-pending")
        .await;
    assert!(!app.sandbox.state().financing("1234567").unwrap().billed);

    // Paid already: nothing to collect, so no tender is asked.
    app.click("pay-button").await;
    app.click("confirm-button").await;
    app.wait_for_text("handover-message", "entregar").await;
    assert_eq!(
        app.sandbox.state().billing_events().len(),
        3,
        "billed, unbilled, billed"
    );
    app.quit().await;
}

async fn a_malformed_dni_is_refused_before_anything_is_sent() {
    let app = support::launch().await;
    check_by_keyboard(&app, "1415926", "1234567").await;
    app.wait_for_attr("error-message", "data-code", "invalid_input")
        .await;
    let message = app.text("error-message").await;
    assert!(
        message.contains("DNI") && message.contains("8"),
        "{message}"
    );
    assert_eq!(
        app.focused_test_id().await.as_deref(),
        Some("customer-input")
    );
    assert!(app.sandbox.state().billing_events().is_empty());
    app.quit().await;
}

async fn an_unknown_funding_code_says_what_to_check() {
    let app = support::launch().await;
    check_by_keyboard(&app, "14159265", "7654321").await;
    app.wait_for_attr("error-message", "data-code", "funding_code_not_found")
        .await;
    assert!(app.text("error-message").await.contains("404"));
    app.quit().await;
}

async fn undoing_a_billing_that_is_already_gone_is_refused() {
    let app = support::launch().await;
    open_shift(&app).await;
    check_by_keyboard(&app, "16180339", "1618033").await;
    app.wait_for("handover-message").await;
    // Someone else undoes the billing while the card is on screen.
    provider(&app)
        .undo_billing(
            &CustomerId::Dni("16180339".parse().unwrap()),
            &"1618033".parse().unwrap(),
        )
        .await
        .expect("undo behind the app's back");
    app.click("undo-button").await;
    app.approve("Devolución del cliente").await;
    app.wait_for_attr("error-message", "data-code", "not_billed_yet")
        .await;
    app.quit().await;
}

async fn the_day_summary_matches_the_provider_and_prints_a_readable_pdf() {
    let app = support::launch().await;
    let today = app.sandbox.state().today();
    let totals = provider(&app)
        .day_totals(today)
        .await
        .expect("provider totals");
    app.click("nav-resumen").await;
    app.wait_for_text(
        "summary-total-purchases",
        &totals.total_purchases.to_string(),
    )
    .await;
    app.wait_for_text(
        "summary-total-paid-in-store",
        &totals.total_paid_in_store.to_string(),
    )
    .await;
    app.wait_for_text("summary-total-financed", &totals.total_financed.to_string())
        .await;

    app.click("print-button").await;
    app.wait_for_text("print-result", ".pdf").await;
    let reports = app.data_dir.path().join("reports");
    let pdf = std::fs::read_dir(&reports)
        .expect("a reports folder")
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "pdf"))
        .expect("a PDF kept in the reports folder");
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Resumen del día"), "{text}");
    assert!(text.contains("SANDBOX"));
    assert!(text.contains(&totals.total_financed.to_string()), "{text}");
    app.quit().await;
}

/// The answer to "paid and billed" is lost: the card never says "hand over", the open operation is
/// listed for everyone to see, and once aCuotaz answers again the app settles it by itself, billed
/// once.
async fn a_payment_without_an_answer_keeps_the_product_and_is_settled_in_the_background() {
    let app = support::launch().await;
    open_shift(&app).await;
    check_by_keyboard(&app, "14159265", "1234567").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    app.sandbox
        .state()
        .set_fault_plan(FaultPlan::new(vec![FaultRule::always(
            Some(Endpoint::PaidAndBilled),
            Fault::DropBeforeEffect,
        )]));
    pay_in_cash_by_keyboard(&app).await;

    app.wait_for_attr("result-card", "data-state", "unknown")
        .await;
    assert!(app.text("unknown-message").await.contains("NO entregue"));
    let listed = app.wait_for_text("pending-operations", "1234567").await;
    assert!(listed.contains("No entregue"), "{listed}");
    let card = app.text("result-card").await;
    assert!(!card.contains("Puede entregar"), "{card}");

    app.sandbox.state().set_fault_plan(FaultPlan::default());
    app.wait_gone("pending-operations", std::time::Duration::from_secs(30))
        .await;
    let billed = app.sandbox.state().financing("1234567").expect("seeded");
    assert!(billed.billed, "settled in the background");
    assert_eq!(app.sandbox.state().billing_events().len(), 1, "billed once");

    app.click("recheck-button").await;
    app.wait_for_attr("result-card", "data-state", "done").await;
    app.wait_for_text("handover-message", "entregar").await;
    app.quit().await;
}
