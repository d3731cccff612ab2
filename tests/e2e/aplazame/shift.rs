//! A Spanish till's shift at the window: opened by counting a euro float (the coins and notes only a
//! euro drawer has), and after a confirmed Aplazame sale, Turno's X report showing it beside the drawer
//! and Historial listing it as handed over.

use crate::support::{App, ENTER};
use crate::transfers::is_shown;

/// Opens the shift in Turno counting a euro float by its coins and notes (the 5-cent coin only a euro
/// drawer has), then back to F1.
pub(super) async fn open_euro_shift(app: &App) {
    app.click("nav-turno").await;
    app.wait_for("open-shift-form").await;
    for (cents, pieces) in [(2_000, 5), (100, 20), (5, 3)] {
        app.type_into(&format!("count-{cents}"), &pieces.to_string())
            .await;
    }
    app.wait_for_text("count-total", "120,15 €").await;
    app.screenshot("turno-espana-apertura").await;
    app.click("count-1").await;
    app.press(ENTER).await;
    app.wait_for_text("shift-float", "120,15 €").await;
    app.click("nav-cobro").await;
    app.wait_for("aplazame-form").await;
}

/// After a confirmed sale of 129,80 €: Turno's X report shows it beside the drawer (not in it), and
/// Historial lists it as handed over.
pub(super) async fn the_shift_and_historial_show_the_sale(app: &App) {
    app.click("nav-turno").await;
    app.press("x").await;
    app.wait_for("shift-financing").await;
    let financing = app.text("shift-financing").await;
    assert!(financing.contains("Confirmada (ok)"), "{financing}");
    assert!(financing.contains("129,80 €"), "{financing}");
    let recon = app.text("reconciliation").await;
    assert!(
        recon.contains("120,15 €"),
        "the drawer holds the float only: {recon}"
    );
    assert!(!recon.contains("S/"), "{recon}");
    assert!(
        !is_shown(app, "provider-side").await,
        "no aCuotaz summary in Spain"
    );
    app.screenshot("turno-espana-x").await;
    app.click("nav-historial").await;
    app.wait_for("aplazame-history-row").await;
    let history = app.text("aplazame-history").await;
    assert!(history.contains("T01-C1-A000001"), "{history}");
    assert!(history.contains("Entregado"), "{history}");
    assert!(history.contains("129,80 €"), "{history}");
    app.wait_for_text("aplazame-history-count", "confirmadas: 1 por 129,80 €")
        .await;
    app.screenshot("historial-espana").await;
}
