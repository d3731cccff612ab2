//! The orders' test store (`orders_support`) with bank-transfer vouchers set up, in front of the
//! sandbox's aPagos simulator over loopback: shared by the vouchers' tests of this crate.

#![allow(dead_code)]

use std::time::Duration;

use desk::order_settings::OrderSettings;
use providers::apagos::VoucherStatus;
use providers::apurata::downpayment::MOCK_TOKEN;
use providers::{PlainHttp, ProviderRoot};
use sandbox::ApagosTiming;
use till::vouchers::{NewTransferVoucher, Voucher, VoucherSetup};
use till::{ApiToken, Approval, Mode, Soles, Till};

pub use crate::orders_support::{ROSA_PIN, Store};

/// The orders' test store (sandbox, till, Rosa and Luis signed in) with vouchers set up on `accounts`,
/// the simulator deciding after 200 ms.
pub async fn store(accounts: &[&str]) -> Store {
    let Store {
        provider,
        till,
        dir,
    } = crate::orders_support::store().await;
    provider.apagos().set_timing(ApagosTiming {
        validation_delay_ms: 200,
        ..ApagosTiming::default()
    });
    let orders = OrderSettings::default().setup(Mode::Sandbox).unwrap();
    let root = format!("{}/apagos/", provider.url().trim_end_matches('/'));
    let till = till
        .with_vouchers(VoucherSetup {
            apagos_root: ProviderRoot::parse(&root, PlainHttp::LoopbackOnly).unwrap(),
            token: ApiToken::new(MOCK_TOKEN),
            bank_accounts: accounts.iter().map(|a| (*a).to_owned()).collect(),
            store_code: orders.store_code.clone(),
            till_code: orders.till_code.clone(),
        })
        .unwrap();
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
        // Nobody listens there: the callbacks fail, which changes nothing for `info`.
        webhook: "http://127.0.0.1:9/webhooks/apagos/T01".parse().unwrap(),
        sale: None,
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
