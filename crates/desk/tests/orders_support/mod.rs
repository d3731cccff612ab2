//! A till with credit sales set up, in front of the sandbox over loopback, and the customer's phone
//! played through the sandbox's admin route: shared by the orders' tests of this crate.

#![allow(dead_code)]

use std::time::Duration;

use desk::order_settings::OrderSettings;
use providers::apurata::downpayment::MOCK_TOKEN;
use providers::apurata::orders::OrderId;
use sandbox::{FaultPlan, RunningSandbox, SandboxConfig};
use till::orders::{CreditOrder, NewCreditOrder};
use till::{ApiToken, Approval, HttpSettings, Mode, Role, Soles, Till, TillConfig};

pub const ROSA_PIN: &str = "2468";
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(2);

pub struct Store {
    pub provider: RunningSandbox,
    pub till: Till,
    pub dir: tempfile::TempDir,
}

pub fn open_till(dir: &std::path::Path, provider: &RunningSandbox) -> Till {
    let till = Till::open(TillConfig {
        data_dir: dir.to_owned(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings {
            connect_timeout: CLIENT_TIMEOUT,
            total_timeout: CLIENT_TIMEOUT,
            ..HttpSettings::default()
        },
    })
    .unwrap();
    let setup = OrderSettings::default().setup(Mode::Sandbox).unwrap();
    till.with_orders(setup).unwrap()
}

/// A sandbox and a till with a supervisor (Rosa) and a cashier (Luis, signed in).
pub async fn store() -> Store {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let till = open_till(dir.path(), &provider);
    till.staff()
        .create_first_supervisor("Rosa Quispe", ROSA_PIN)
        .unwrap();
    till.staff()
        .add_person("Luis", Role::Cashier, "1357")
        .unwrap();
    till.staff().sign_in("Luis", "1357").unwrap();
    Store {
        provider,
        till,
        dir,
    }
}

pub fn rosa(reason: &str) -> Approval {
    Approval {
        supervisor: "Rosa Quispe".to_owned(),
        pin: ROSA_PIN.to_owned(),
        reason: reason.to_owned(),
    }
}

pub fn sale(centimos: i64, dni: &str) -> NewCreditOrder {
    NewCreditOrder {
        amount: Soles::from_centimos(centimos),
        description: "Refrigeradora LG 420 L".to_owned(),
        dni: dni.parse().unwrap(),
        name: "Ana María Quispe".parse().unwrap(),
        phone: "987654321".parse().unwrap(),
        send_sms: false,
    }
}

pub fn id(order: &CreditOrder) -> OrderId {
    order.order_id.clone()
}

impl Store {
    /// The customer's phone: `action` on the order, through the sandbox's admin route. Applying
    /// opens the link first, as a customer does.
    pub async fn customer(&self, order: &OrderId, action: &str) -> serde_json::Value {
        if action == "apply" {
            Box::pin(self.customer(order, "open")).await;
        }
        let url = format!(
            "{}/__sandbox/orders/{}/customer",
            self.provider.url().trim_end_matches('/'),
            order.as_str()
        );
        let answer = reqwest::Client::new()
            .post(url)
            .bearer_auth(MOCK_TOKEN)
            .json(&serde_json::json!({ "action": action }))
            .send()
            .await
            .unwrap();
        assert!(
            answer.status().is_success(),
            "{action}: {}",
            answer.status()
        );
        answer.json().await.unwrap()
    }

    pub fn faults(&self, plan: FaultPlan) {
        self.provider.state().set_fault_plan(plan);
    }

    /// The sandbox's record of an order.
    pub fn held(&self, order: &OrderId) -> sandbox::Order {
        self.provider
            .state()
            .order(order.as_str())
            .expect("the sandbox holds it")
    }
}

/// The text of a PDF as `pdftotext -layout` reads it (set `CAJA_KEEP_PDF=FILE` to keep a copy to look at).
pub fn pdf_text(path: &std::path::Path) -> String {
    if let Some(keep) = std::env::var_os("CAJA_KEEP_PDF") {
        std::fs::copy(path, keep).unwrap();
    }
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by ./test");
    String::from_utf8_lossy(&output.stdout).into_owned()
}
