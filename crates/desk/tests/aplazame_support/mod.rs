//! A till with Aplazame checkouts set up in front of the sandbox's Aplazame simulator over loopback,
//! on a real SQLite file, with a cashier (Luis) signed in and a supervisor (Rosa). Aplazame's IPNs go
//! to a small server on loopback that plays Caja Central's part (built elsewhere): it hands each IPN
//! to `Till::aplazame_event` and answers a confirmation IPN with the store's decision once the till
//! has one (then `Till::decision_forwarded`), or with a bare `200` (Aplazame asks again).
//! Shared by the Aplazame tests of this crate.

#![allow(dead_code)]

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use desk::order_settings::OrderSettings;
use providers::aplazame::{CheckoutStatus, Environment, ShelfLine, VatRate};
use providers::apurata::downpayment::MOCK_TOKEN;
use providers::euros::Euros;
use providers::{PlainHttp, ProviderRoot};
use sandbox::{AplazameTiming, RunningSandbox};
use serde_json::{Value, json};
use till::aplazame::{AplazameSetup, Checkout, NewAplazameSale};
use till::{ApiToken, Approval, Mode, Till};

pub use crate::orders_support::ROSA_PIN;

pub struct Shop {
    pub provider: RunningSandbox,
    pub till: Arc<Till>,
    pub relay: Relay,
    pub dir: tempfile::TempDir,
}

/// The IPN endpoint that plays Central: what it received and what it answered.
#[derive(Clone, Default)]
pub struct Relay {
    pub url: String,
    till: Arc<OnceLock<Arc<Till>>>,
    log: Arc<Mutex<Vec<(Value, Value)>>>,
}

impl Relay {
    /// Every IPN body with the answer given to it.
    pub fn log(&self) -> Vec<(Value, Value)> {
        self.log.lock().unwrap().clone()
    }
}

async fn take(State(relay): State<Relay>, body: String) -> axum::Json<Value> {
    let mut answer = json!({});
    if let (Some(till), Ok(ipn)) = (
        relay.till.get(),
        serde_json::from_str::<CheckoutStatus>(&body),
    ) {
        if let Err(error) = till.aplazame_event(&ipn).await {
            tracing::info!(code = error.code(), "the relay's IPN was not taken");
        }
        // Central answers a confirmation IPN with the store's decision, every time it is asked.
        let asks = ipn.status.as_str() == "pending"
            && ipn.status_reason.as_deref() == Some("confirmation_required");
        let decided = till.checkout(&ipn.mid).await.ok().and_then(|c| c.decision);
        if let (true, Some(decision)) = (asks, decided) {
            answer = json!({"status": decision.as_str()});
            till.decision_forwarded(&ipn.mid).await.unwrap();
        }
    }
    let ipn = serde_json::from_str(&body).unwrap_or(Value::String(body));
    relay.log.lock().unwrap().push((ipn, answer.clone()));
    axum::Json(answer)
}

async fn start_relay() -> Relay {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let relay = Relay {
        url: format!(
            "http://{}/webhooks/aplazame/T01",
            listener.local_addr().unwrap()
        ),
        ..Relay::default()
    };
    let app = Router::new()
        .route("/webhooks/aplazame/T01", post(take))
        .with_state(relay.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    relay
}

/// The setup of a till on the simulator at `root` (`{url}/aplazame/`).
pub fn setup(root: &str, ipn_url: &str, auto_confirm: bool) -> AplazameSetup {
    let orders = OrderSettings::default().setup(Mode::Sandbox).unwrap();
    AplazameSetup {
        root: ProviderRoot::parse(root, PlainHttp::LoopbackOnly).unwrap(),
        key: ApiToken::new(MOCK_TOKEN),
        environment: Environment::Sandbox,
        ipn_url: ipn_url.parse().unwrap(),
        auto_confirm,
        store_code: orders.store_code,
        till_code: orders.till_code,
    }
}

/// A sandbox, a till of a store in Spain with Aplazame on it (IPNs to the relay, retried every 50 ms
/// within `window_ms`), and a shift open with an empty float.
pub async fn shop(auto_confirm: bool, window_ms: u64) -> Shop {
    let crate::orders_support::Store {
        provider,
        till,
        dir,
    } = crate::orders_support::store().await;
    provider.aplazame().set_timing(AplazameTiming {
        ipn_first_retry_ms: 50,
        ipn_window_ms: window_ms,
        ipn_attempt_timeout_ms: 2_000,
    });
    let relay = start_relay().await;
    let root = format!("{}/aplazame/", provider.url().trim_end_matches('/'));
    let till = Arc::new(
        till.with_country(till::Country::Spain)
            .with_aplazame(setup(&root, &relay.url, auto_confirm))
            .unwrap(),
    );
    till.open_shift(till::CashCount::default()).await.unwrap();
    let _ = relay.till.set(Arc::clone(&till));
    Shop {
        provider,
        till,
        relay,
        dir,
    }
}

/// 2 × 59,90 € with 10,00 € off at 21 %, and 20,00 € at 10 %: 129,80 €.
pub fn lines() -> Vec<ShelfLine> {
    vec![
        ShelfLine {
            name: "Zapatillas".to_owned(),
            quantity: 2,
            unit_price: Euros::from_cents(5_990),
            vat: VatRate::General,
            discount: Some(Euros::from_cents(1_000)),
        },
        ShelfLine {
            name: "Calcetines".to_owned(),
            quantity: 1,
            unit_price: Euros::from_cents(2_000),
            vat: VatRate::Reduced,
            discount: None,
        },
    ]
}

pub fn sale(email: &str) -> NewAplazameSale {
    NewAplazameSale {
        lines: lines(),
        customer_name: Some("Lucía Martín Pérez".to_owned()),
        customer_email: email.to_owned(),
        customer_phone: Some("+34 600 000 000".to_owned()),
        customer_document: Some("12345678Z".parse().unwrap()),
    }
}

impl Shop {
    /// Plays the buyer at the simulator's admin route; the checkout as the simulator holds it.
    pub async fn buyer(&self, checkout_id: &str, action: &str) -> Value {
        let url = format!(
            "{}/__sandbox/aplazame/checkouts/{checkout_id}/buyer",
            self.provider.url()
        );
        let answer = reqwest::Client::new()
            .post(url)
            .bearer_auth(MOCK_TOKEN)
            .json(&json!({"action": action}))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "{action}");
        answer.json().await.unwrap()
    }

    /// How many checkouts the simulator was asked to create.
    pub fn created_at_aplazame(&self) -> usize {
        self.provider.aplazame().checkouts().len()
    }

    /// Refreshes until the status reads `status`/`reason` (5 s at most).
    pub async fn until(&self, order_id: &str, status: &str, reason: Option<&str>) -> Checkout {
        let mut last = None;
        for _ in 0..100 {
            let checkout = self.till.refresh_checkout(order_id).await.unwrap();
            if checkout.status.as_deref() == Some(status)
                && checkout.status_reason.as_deref() == reason
            {
                return checkout;
            }
            last = Some(checkout);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("never {status}/{reason:?}: {last:?}");
    }
}

pub fn rosa() -> Approval {
    Approval {
        supervisor: "Rosa Quispe".to_owned(),
        pin: ROSA_PIN.to_owned(),
        reason: "revisado con Aplazame".to_owned(),
    }
}

pub fn assert_intact(till: &Till) {
    let report = till.staff().verify_audit().unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
}
