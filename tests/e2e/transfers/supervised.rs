//! Transfers a supervisor settles (issue 13): aPagos validated another amount than the down payment
//! (both shown side by side; nothing billed until a supervisor accepts, then Caja bills by itself), and
//! a register whose answer was lost (grey, listed under the top bar, resolved by a supervisor with
//! aPagos' number, never registered twice). On the simulator alone, without Caja Central.

use std::time::{Duration, Instant};

use super::{
    FOLLOWING, fill_the_form, is_shown, open_the_voucher_form, receipt_png, wait_for_attr_long,
};
use crate::support::{self, ENTER};
use crate::turno::open_shift;

/// aPagos read another amount from the bank (operation number ending in 77: S/ 10.00 more, a day
/// earlier): both are shown side by side, nothing is billed until a supervisor accepts it, then Caja
/// bills by itself.
pub(crate) async fn a_corrected_amount_waits_for_a_supervisor_then_bills() {
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
    let receipt = receipt_png(app.data_dir.path());
    fill_the_form(&app, "40477", &receipt).await;
    app.press(ENTER).await;

    let deadline = Instant::now() + FOLLOWING;
    while !is_shown(&app, "voucher-accept").await {
        assert!(
            Instant::now() < deadline,
            "no supervisor's decision was asked"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(app.text("voucher-typed-amount").await, "S/ 579.98");
    assert_eq!(app.text("voucher-validated-amount").await, "S/ 589.98");
    assert_eq!(
        app.text("voucher-validated-operationNumber").await,
        "0040477"
    );
    let differs = app.text("voucher-differs").await;
    assert!(
        differs.contains("S/ 589.98") && differs.contains("S/ 579.98"),
        "{differs}"
    );
    assert!(
        app.text("voucher-no-handover")
            .await
            .contains("NO entregue")
    );
    assert!(
        app.sandbox.state().billing_events().is_empty(),
        "nothing billed before the decision"
    );

    app.wait_for_focus("voucher-accept").await;
    app.screenshot("transferencia-otro-monto").await;
    app.press(ENTER).await;
    app.approve("El cliente transfirió S/ 10 de más").await;
    wait_for_attr_long(&app, "voucher-card", "data-tone", "go").await;
    assert!(
        app.text("voucher-handover")
            .await
            .contains("Puede entregar")
    );
    assert_eq!(app.sandbox.state().billing_events().len(), 1, "billed once");
    app.quit().await;
}

/// The register's answer is lost: the card is grey and says not to register again, the transfer is
/// listed under the top bar, and a supervisor resolves it there with aPagos' number; Caja then follows
/// it like any other and bills it once validated. aPagos holds one voucher throughout.
pub(crate) async fn a_lost_register_is_resolved_by_a_supervisor_never_sent_twice() {
    let app = support::launch().await;
    let apagos = app.sandbox.apagos();
    apagos.set_timing(sandbox::ApagosTiming {
        validation_delay_ms: 1_000,
        ..sandbox::ApagosTiming::default()
    });
    apagos.set_faults(sandbox::ApagosFaults {
        drop_register_answer: 1,
        ..sandbox::ApagosFaults::default()
    });
    open_shift(&app).await;
    crate::check_by_keyboard(&app, "14159265", "1234567").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    open_the_voucher_form(&app).await;
    let receipt = receipt_png(app.data_dir.path());
    fill_the_form(&app, "40418", &receipt).await;
    app.press(ENTER).await;

    app.wait_for_attr("voucher-card", "data-tone", "unknown")
        .await;
    assert!(
        app.text("voucher-no-handover")
            .await
            .contains("NO entregue")
    );
    app.wait_for_attr("error-message", "data-code", "voucher_outcome_unknown")
        .await;
    let listed = app
        .wait_for_text("unknown-vouchers", "T01-C1-V000001")
        .await;
    assert!(listed.contains("1234567"), "{listed}");
    app.screenshot("transferencia-sin-respuesta").await;
    let request_id = apagos.vouchers()[0].request_id.clone();

    app.click("voucher-resolve").await;
    app.wait_for_focus("voucher-request-id").await;
    app.type_into("voucher-request-id", &request_id).await;
    app.approve("aPagos la tiene con ese número").await;
    app.wait_gone("unknown-vouchers", Duration::from_secs(15))
        .await;
    wait_for_attr_long(&app, "voucher-card", "data-tone", "go").await;
    assert!(
        app.text("voucher-handover")
            .await
            .contains("Puede entregar")
    );
    assert_eq!(apagos.vouchers().len(), 1, "never registered twice");
    assert_eq!(app.sandbox.state().billing_events().len(), 1, "billed once");
    app.quit().await;
}
