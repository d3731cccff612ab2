//! A till with bank-transfer vouchers set up, in front of the sandbox's aPagos simulator over loopback,
//! with a supervisor (Rosa) and a signed-in cashier (Luis): shared by the vouchers' tests of this crate.

#![allow(dead_code)]

use std::time::Duration;

use desk::order_settings::OrderSettings;
use providers::apagos::VoucherStatus;
use providers::apurata::downpayment::MOCK_TOKEN;
use providers::{PlainHttp, ProviderRoot};
use sandbox::{ApagosTiming, RunningSandbox, SandboxConfig};
use till::vouchers::{NewTransferVoucher, Voucher, VoucherSetup};
use till::{ApiToken, Approval, HttpSettings, Mode, Role, Soles, Till, TillConfig};

pub const ROSA_PIN: &str = "2468";

pub struct Store {
    pub provider: RunningSandbox,
    pub till: Till,
    pub dir: tempfile::TempDir,
}

pub async fn store(accounts: &[&str]) -> Store {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    provider.apagos().set_timing(ApagosTiming {
        validation_delay_ms: 200,
        ..ApagosTiming::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let timeout = Duration::from_secs(2);
    let till = Till::open(TillConfig {
        data_dir: dir.path().to_owned(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings {
            connect_timeout: timeout,
            total_timeout: timeout,
            ..HttpSettings::default()
        },
    })
    .unwrap();
    let orders = OrderSettings::default().setup(Mode::Sandbox).unwrap();
    let root = format!("{}/apagos/", provider.url().trim_end_matches('/'));
    let till = till
        .with_vouchers(VoucherSetup {
            apagos_root: ProviderRoot::parse(&root, PlainHttp::LoopbackOnly).unwrap(),
            token: ApiToken::new(MOCK_TOKEN),
            bank_accounts: accounts.iter().map(|a| (*a).to_owned()).collect(),
            // Nobody listens there: the callbacks fail, which changes nothing for `info`.
            webhook: "http://127.0.0.1:9/webhooks/apagos/T01".parse().unwrap(),
            store_code: orders.store_code.clone(),
            till_code: orders.till_code.clone(),
        })
        .unwrap();
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

pub fn rosa() -> Approval {
    Approval {
        supervisor: "Rosa Quispe".to_owned(),
        pin: ROSA_PIN.to_owned(),
        reason: "revisado con el cliente".to_owned(),
    }
}

pub fn transfer(operation_number: &str, account: &str) -> NewTransferVoucher {
    NewTransferVoucher {
        amount: Soles::from_centimos(58_000),
        date: jiff::civil::date(2026, 11, 30),
        operation_number: operation_number.to_owned(),
        bank_account_id: account.to_owned(),
        customer_dni: "14159265".parse().unwrap(),
        customer_fullname: "Ana María Quispe".to_owned(),
        detail: None,
        receipt: "https://central.example/recibos/captura.png"
            .parse()
            .unwrap(),
    }
}

/// Refreshes until aPagos leaves `PENDING`.
pub async fn decided(till: &Till, id: &str) -> Voucher {
    for _ in 0..50 {
        let voucher = till.refresh_voucher(id).await.unwrap();
        if voucher.status != Some(VoucherStatus::Pending) {
            return voucher;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("still pending after 5 s");
}

pub fn assert_intact(till: &Till) {
    let report = till.staff().verify_audit().unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
}
