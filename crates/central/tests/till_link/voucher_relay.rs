//! A transfer through the real Central: the till (SQLite, the sandbox's aCuotaz and aPagos over
//! loopback) registers a voucher paying a down payment with Central's `/webhooks/apagos/T01` as its
//! webhook; the simulator validates it and calls Central back; Central re-reads `info` and relays; the
//! till's relay pass bills the down payment, once. And a register whose answer was lost is settled by
//! that same callback: no second voucher, no supervisor needed.

use ::central::Server;
use desk::central;
use providers::apurata::downpayment::MOCK_TOKEN;
use providers::central::TillRef;
use sandbox::{ApagosFaults, demo};
use till::cash::CashCount;
use till::identity::parse_dni;
use till::journal::OperationKind;
use till::vouchers::{Billing, VoucherSale, VoucherState};

use crate::vouchers_support::{Store, store, transfer};

/// Central with T01's aPagos at the store's simulator, and the store's till enrolled as T01/C1.
async fn enrolled(store: &Store) -> Server {
    let apagos = format!("{}/apagos/", store.provider.url().trim_end_matches('/'));
    let server = crate::support::start_with(|config| {
        config.providers.apagos = apagos.parse().unwrap();
        let t01 = config.stores.iter_mut().find(|s| s.code == "T01").unwrap();
        t01.apagos_token = Some(providers::ApiToken::new(MOCK_TOKEN));
    })
    .await;
    let code = ::central::auth::enroll::issue_code(&server.state.pool, "T01", "C1", "test")
        .await
        .unwrap();
    central::enroll(
        &store.till,
        store.dir.path(),
        &TillRef::new("T01", "C1"),
        &server.base_url(),
        &code,
        false,
    )
    .await
    .unwrap();
    server
}

/// A transfer paying the documented pair's down payment, Central as its webhook.
async fn sale_voucher(
    store: &Store,
    server: &Server,
    operation: &str,
) -> till::vouchers::NewTransferVoucher {
    store.till.open_shift(CashCount::default()).await.unwrap();
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code.parse().unwrap();
    let check = store.till.check(&customer, &code).await.unwrap();
    let mut new = transfer(operation, "BCP-SOLES-001");
    new.amount = check.amount_to_collect;
    new.webhook = format!("{}/webhooks/apagos/T01", server.base_url())
        .parse()
        .unwrap();
    new.sale = Some(VoucherSale {
        customer,
        funding_code: code,
        collect: check.amount_to_collect,
    });
    new
}

async fn paid_and_billed(store: &Store) -> usize {
    store
        .till
        .journal(None)
        .await
        .unwrap()
        .iter()
        .filter(|entry| entry.kind == OperationKind::PaidAndBilled)
        .count()
}

#[tokio::test]
async fn apagos_callback_relayed_by_central_bills_the_down_payment_once() {
    let store = store(&["BCP-SOLES-001"]).await;
    let server = enrolled(&store).await;
    let new = sale_voucher(&store, &server, "4455667").await;
    let voucher = store.till.register_voucher(new).await.unwrap();
    assert_eq!(voucher.state, VoucherState::Pending);
    assert_eq!(paid_and_billed(&store).await, 0);
    // No status read by the till: only the relayed callback moves it.
    let report = central::relay_once(&store.till, store.dir.path(), 10)
        .await
        .unwrap();
    let outcomes: Vec<&str> = report.handled.iter().map(|h| h.outcome.as_str()).collect();
    assert_eq!(outcomes, ["refreshed: VALIDATED"]);
    let billed = store.till.voucher(&voucher.voucher_id).await.unwrap();
    assert_eq!(billed.billing, Some(Billing::Billed));
    assert_eq!(paid_and_billed(&store).await, 1);
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code.parse().unwrap();
    assert!(
        store
            .till
            .check(&customer, &code)
            .await
            .unwrap()
            .handover_allowed
    );
    assert_eq!(store.provider.apagos().vouchers().len(), 1);
}

#[tokio::test]
async fn a_lost_register_is_settled_by_the_callback_central_relays() {
    let store = store(&["BCP-SOLES-001"]).await;
    let server = enrolled(&store).await;
    let new = sale_voucher(&store, &server, "3141592").await;
    store.provider.apagos().set_faults(ApagosFaults {
        drop_register_answer: 1,
        ..ApagosFaults::default()
    });
    let lost = store.till.register_voucher(new).await.unwrap_err();
    assert_eq!(lost.code(), "voucher_outcome_unknown");
    let report = central::relay_once(&store.till, store.dir.path(), 10)
        .await
        .unwrap();
    let outcomes: Vec<&str> = report.handled.iter().map(|h| h.outcome.as_str()).collect();
    assert_eq!(outcomes, ["refreshed: VALIDATED"]);
    let settled = store.till.voucher("T01-C1-V000001").await.unwrap();
    assert_eq!(settled.state, VoucherState::Pending);
    assert_eq!(settled.resolved_by, None, "no supervisor was needed");
    assert_eq!(settled.billing, Some(Billing::Billed));
    assert_eq!(store.provider.apagos().vouchers().len(), 1, "one voucher");
    assert_eq!(paid_and_billed(&store).await, 1);
}
