//! Aplazame as a new user first tries it: a till in sandbox mode with no Caja Central, through the
//! views the desktop and the CLI call, against the simulator over loopback. Aplazame's IPNs go to the
//! simulator's stand-in for the store, and the decision the till takes (its rule, or the cashier) is
//! handed to it by the same background pass the desktop runs, so a financing ends `ok` — or
//! `confirmation_rejected_by_merchant` — exactly as it would through Central.

use std::time::{Duration, Instant};

use desk::views::{self, CartLineInput, CheckoutInput, CheckoutView};
use desk::{Overrides, Settings, Workstation};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{AplazameTiming, RunningSandbox, SandboxConfig};
use till::{Mode, Staff};

async fn simulator() -> RunningSandbox {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    provider.aplazame().set_timing(AplazameTiming {
        ipn_first_retry_ms: 100,
        ipn_window_ms: 20_000,
        ipn_attempt_timeout_ms: 3_000,
    });
    provider
}

async fn workstation(data: &std::path::Path, url: &str, auto_confirm: bool) -> Workstation {
    let mut settings = Settings {
        country: desk::Country::Spain,
        ..Settings::default()
    };
    settings.aplazame.auto_confirm = auto_confirm;
    settings.save(data).unwrap();
    let overrides = Overrides {
        mode: Some(Mode::Sandbox),
        api_url: Some(url.to_owned()),
        token: Some(MOCK_TOKEN.to_owned()),
        ..Overrides::default()
    };
    let staff = std::sync::Arc::new(Staff::open(data).unwrap());
    let ws = Workstation::open_with_staff(data, &overrides, staff)
        .await
        .unwrap();
    desk::test_support::open_shift(&ws.till).await;
    ws
}

fn cart() -> CheckoutInput {
    CheckoutInput {
        lines: vec![CartLineInput {
            name: "Zapatillas".to_owned(),
            quantity: "2".to_owned(),
            unit_price: "59,90".to_owned(),
            vat_rate: "21".to_owned(),
            discount: "10,00".to_owned(),
        }],
        customer_name: "Lucía Martín Pérez".to_owned(),
        customer_email: "lucia@example.es".to_owned(),
        customer_phone: String::new(),
        customer_document: "12345678Z".to_owned(),
    }
}

async fn buyer(provider: &RunningSandbox, checkout_id: &str, action: &str) {
    let answer = reqwest::Client::new()
        .post(format!(
            "{}/__sandbox/aplazame/checkouts/{checkout_id}/buyer",
            provider.url()
        ))
        .bearer_auth(MOCK_TOKEN)
        .json(&serde_json::json!({ "action": action }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200, "{action}");
}

/// Runs the desktop's background pass until the checkout reads `status` (15 s at most).
async fn passes_until(ws: &Workstation, order_id: &str, status: &str) -> CheckoutView {
    let started = Instant::now();
    loop {
        views::resolve_pending(ws).await.unwrap();
        let view = views::checkout(ws, order_id).await.unwrap();
        if view.status.as_deref() == Some(status) {
            return view;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "never {status}: {view:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn the_tills_rule_confirms_through_the_simulators_stand_in_for_the_store() {
    let provider = simulator().await;
    let dir = tempfile::tempdir().unwrap();
    let ws = workstation(dir.path(), provider.url(), true).await;
    let created = views::create_checkout(&ws, &cart()).await.unwrap();
    assert_eq!(created.total.text, "109,80 €");
    let id = created.checkout_id.clone().unwrap();
    buyer(&provider, &id, "start").await;
    buyer(&provider, &id, "complete").await;
    let done = passes_until(&ws, &created.order_id, "ok").await;
    assert!(done.handover_allowed, "{done:?}");
    assert_eq!(done.decision.as_deref(), Some("ok"));
    let held = provider.aplazame().checkout(&id).unwrap();
    assert_eq!(held.mid, created.order_id);
    assert_eq!(provider.aplazame().checkouts().len(), 1);
}

#[tokio::test]
async fn the_cashiers_rejection_reaches_the_simulator_and_nothing_is_handed_over() {
    let provider = simulator().await;
    let dir = tempfile::tempdir().unwrap();
    let ws = workstation(dir.path(), provider.url(), false).await;
    let created = views::create_checkout(&ws, &cart()).await.unwrap();
    let id = created.checkout_id.clone().unwrap();
    buyer(&provider, &id, "start").await;
    buyer(&provider, &id, "complete").await;
    let started = Instant::now();
    loop {
        let view = views::checkout(&ws, &created.order_id).await.unwrap();
        if view.can_decide {
            assert!(!view.handover_allowed);
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "{view:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    views::reject_checkout(&ws, &created.order_id, "El cliente cambió de idea")
        .await
        .unwrap();
    let done = passes_until(&ws, &created.order_id, "ko").await;
    assert_eq!(
        done.status_reason.as_deref(),
        Some("confirmation_rejected_by_merchant")
    );
    assert!(!done.handover_allowed);
}
