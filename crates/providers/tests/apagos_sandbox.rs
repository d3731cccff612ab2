//! The aPagos client against the sandbox's voucher simulator (written independently from the same
//! document), over loopback HTTP: register, `info` from `PENDING` to the validated values that win over
//! the typed ones, `INVALID`, a status the document never lists, cancel with the status Caja saw and with
//! a stale one, a `400` in plain text, and a register whose answer is lost (the voucher exists; the client
//! says the outcome is unknown, never a refusal).

use std::time::Duration;

use providers::apagos::{ApagosApi, CancelOutcome, NewVoucher, VoucherStatus};
use providers::apurata::downpayment::MOCK_TOKEN;
use providers::{ApiToken, HttpSettings, PlainHttp, ProviderRoot, Soles};
use sandbox::{ApagosFaults, ApagosTiming};
use sandbox::{RunningSandbox, SandboxConfig};

async fn start() -> (RunningSandbox, ApagosApi) {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    provider.apagos().set_timing(ApagosTiming {
        validation_delay_ms: 300,
        ..ApagosTiming::default()
    });
    let root = ProviderRoot::parse(
        &format!("{}/apagos/", provider.url().trim_end_matches('/')),
        PlainHttp::LoopbackOnly,
    )
    .unwrap();
    let api = ApagosApi::new(&root, ApiToken::new(MOCK_TOKEN), HttpSettings::default()).unwrap();
    (provider, api)
}

fn voucher(operation_number: &str) -> NewVoucher {
    NewVoucher {
        amount: Soles::from_centimos(58_000),
        date: jiff::civil::date(2026, 11, 30),
        operation_number: operation_number.into(),
        bank_account_id: "BCP-SOLES-001".into(),
        order_id: format!("T01-C1-V{operation_number}"),
        // Nobody listens there: the simulator's callbacks fail, which changes nothing for `info`.
        webhook: "http://127.0.0.1:9/webhooks/apagos/T01".parse().unwrap(),
        customer_dni: "14159265".into(),
        customer_fullname: "Ana María Quispe".into(),
        receipt: "https://central.example/recibos/captura.png"
            .parse()
            .unwrap(),
        detail: None,
    }
}

/// `info` until the voucher leaves `PENDING` (the simulator decides after 300 ms).
async fn decided(
    api: &ApagosApi,
    id: &providers::apagos::RequestId,
) -> providers::apagos::VoucherInfo {
    for _ in 0..50 {
        let info = api.info(id).await.unwrap();
        if info.status != VoucherStatus::Pending {
            return info;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("still pending after 5 s");
}

#[tokio::test]
async fn a_voucher_goes_from_pending_to_the_values_apagos_validated() {
    let (_provider, api) = start().await;
    let id = api.register(&voucher("123477")).await.unwrap();
    let pending = api.info(&id).await.unwrap();
    assert_eq!(pending.status, VoucherStatus::Pending);
    assert_eq!(pending.order_id, "T01-C1-V123477");
    let validated = decided(&api, &id).await;
    assert_eq!(validated.status, VoucherStatus::Validated);
    // The simulator's rule for "…77": the receipt showed S/ 10.00 more, a day earlier, another number.
    assert_eq!(validated.amount, Soles::from_centimos(59_000));
    assert_eq!(validated.date, jiff::civil::date(2026, 11, 29));
    assert_eq!(validated.operation_number, "00123477");
    assert_eq!(
        validated.bank_operation_number.as_deref(),
        Some("000100123477")
    );
}

#[tokio::test]
async fn invalid_and_unlisted_statuses_are_read_as_they_are() {
    let (_provider, api) = start().await;
    let invalid = api.register(&voucher("900001")).await.unwrap();
    let review = api.register(&voucher("800001")).await.unwrap();
    assert_eq!(decided(&api, &invalid).await.status, VoucherStatus::Invalid);
    let unlisted = decided(&api, &review).await.status;
    assert_eq!(unlisted, VoucherStatus::Other("IN_REVIEW".into()));
    // Cancel with what Caja last saw (PENDING) is refused with the real status, then done with it.
    match api.cancel(&review, &VoucherStatus::Pending).await.unwrap() {
        CancelOutcome::NotIn { actual, .. } => assert_eq!(actual, unlisted),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        api.cancel(&review, &unlisted).await.unwrap(),
        CancelOutcome::Canceled
    );
    assert_eq!(
        api.info(&review).await.unwrap().status,
        VoucherStatus::Canceled
    );
}

#[tokio::test]
async fn a_pending_voucher_is_canceled_and_never_decided() {
    let (_provider, api) = start().await;
    let id = api.register(&voucher("555")).await.unwrap();
    assert_eq!(
        api.cancel(&id, &VoucherStatus::Pending).await.unwrap(),
        CancelOutcome::Canceled
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(api.info(&id).await.unwrap().status, VoucherStatus::Canceled);
}

#[tokio::test]
async fn a_refused_register_says_why_in_apagos_words() {
    let (provider, api) = start().await;
    let mut unknown_account = voucher("556");
    unknown_account.bank_account_id = "SCOTIA-999".into();
    let refused = api.register(&unknown_account).await.unwrap_err();
    assert!(refused.is_refusal(), "{refused:?}");
    let message = refused.provider_message().unwrap();
    assert!(message.contains("bank_account_id"), "{message}");
    assert!(
        provider.apagos().vouchers().is_empty(),
        "nothing registered"
    );
}

#[tokio::test]
async fn a_lost_register_answer_is_an_unknown_outcome_and_the_voucher_exists() {
    let (provider, api) = start().await;
    provider.apagos().set_faults(ApagosFaults {
        drop_register_answer: 1,
        ..ApagosFaults::default()
    });
    let lost = api.register(&voucher("557")).await.unwrap_err();
    assert!(!lost.is_refusal(), "{lost:?}");
    let held = provider.apagos().vouchers();
    assert_eq!(
        held.len(),
        1,
        "aPagos holds the voucher the till never heard of"
    );
    assert_eq!(held[0].typed.order_id, "T01-C1-V557");
}
