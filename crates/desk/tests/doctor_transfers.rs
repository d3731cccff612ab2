//! The doctor's aPagos check against the sandbox's voucher simulator over loopback: before any voucher
//! the documented 404 of an id nobody has (past the token's check) is ok; after one is registered its
//! `info` is read and believed; a wrong token fails with the token's fix; a server that answers `200`
//! with something that is not aPagos' body fails by name; and a till without transfers has no such check.

mod orders_support;
mod vouchers_support;

use desk::diagnosis::{CheckName, CheckStatus};
use desk::doctor::transfers;
use desk::views::check_views;
use desk::wording::Lang;
use providers::{PlainHttp, ProviderRoot};
use till::ApiToken;
use till::vouchers::VoucherSetup;
use vouchers_support::{store, transfer};

#[tokio::test]
async fn apagos_is_read_once_before_and_after_a_voucher_and_believed() {
    let s = store(&["BCP-SOLES-001"]).await;
    let before = transfers(&s.till).await.expect("transfers are set up");
    assert_eq!(before.check, CheckName::Transfers);
    assert_eq!(before.status, CheckStatus::Ok, "{before:?}");
    let shown = &check_views(Lang::Es, &[before])[0];
    assert_eq!(shown.title, "Transferencias (aPagos)");
    assert!(
        shown.detail.contains("aPagos") && shown.detail.contains("aceptó el token"),
        "{shown:?}"
    );
    assert_eq!(shown.fix, None);

    s.till
        .register_voucher(transfer("123477", "BCP-SOLES-001"))
        .await
        .unwrap();
    let held = s.provider.apagos().vouchers().len();
    let after = transfers(&s.till).await.unwrap();
    assert_eq!(after.status, CheckStatus::Ok, "{after:?}");
    assert_eq!(
        s.provider.apagos().vouchers().len(),
        held,
        "the check registers nothing"
    );
}

#[tokio::test]
async fn a_wrong_token_fails_with_the_tokens_fix() {
    let s = store(&["BCP-SOLES-001"]).await;
    let setup = s.till.voucher_setup().unwrap();
    let till = orders_support::open_till(s.dir.path(), &s.provider)
        .with_vouchers(VoucherSetup {
            token: ApiToken::new("not-the-stores-token"),
            ..setup
        })
        .unwrap();
    let outcome = transfers(&till).await.unwrap();
    assert_eq!(outcome.status, CheckStatus::Fail, "{outcome:?}");
    let shown = &check_views(Lang::Es, &[outcome])[0];
    assert!(shown.detail.starts_with("aPagos ("), "{shown:?}");
    let fix = shown.fix.as_deref().unwrap();
    assert!(fix.contains("token"), "{fix}");
}

#[tokio::test]
async fn a_200_that_is_not_apagos_fails_by_name() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/apagos/", listener.local_addr().unwrap());
    let app = axum::Router::new().fallback(|| async { "<html>Portal cautivo del hotel</html>" });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let s = store(&["BCP-SOLES-001"]).await;
    let setup = s.till.voucher_setup().unwrap();
    let till = orders_support::open_till(s.dir.path(), &s.provider)
        .with_vouchers(VoucherSetup {
            apagos_root: ProviderRoot::parse(&url, PlainHttp::LoopbackOnly).unwrap(),
            ..setup
        })
        .unwrap();
    let outcome = transfers(&till).await.unwrap();
    assert_eq!(outcome.status, CheckStatus::Fail, "{outcome:?}");
    let shown = &check_views(Lang::Es, &[outcome])[0];
    assert!(
        shown
            .fix
            .as_deref()
            .unwrap()
            .contains("Algo que no es aPagos"),
        "{shown:?}"
    );
}

#[tokio::test]
async fn a_till_without_transfers_has_no_apagos_check() {
    let s = orders_support::store().await;
    assert!(transfers(&s.till).await.is_none());
}
