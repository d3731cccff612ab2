//! Bank-transfer vouchers (aPagos) at the till, against the sandbox's voucher simulator over loopback
//! and a real SQLite file: register → pending → `info` with the validated values kept beside the typed
//! ones, INVALID, a status the document never lists, the till's own refusal and aPagos' plain-text one,
//! a lost register that is never sent again (a supervisor resolves it), a cancel with a stale status,
//! and the journaled body equal to what aPagos received; the audit chain verifies after each.

mod orders_support;
mod vouchers_support;

use std::time::Duration;

use providers::apagos::{RequestId, VoucherStatus};
use sandbox::ApagosFaults;
use till::error::VoucherError;
use till::vouchers::VoucherState;
use till::{Soles, TillError};
use vouchers_support::{assert_intact, decided, rosa, store, transfer};

#[tokio::test]
async fn validated_values_are_kept_beside_the_typed_ones_and_the_body_is_what_apagos_got() {
    let s = store(&["BCP-SOLES-001"]).await;
    let voucher = s
        .till
        .register_voucher(transfer("123477", "BCP-SOLES-001"))
        .await
        .unwrap();
    assert_eq!(voucher.state, VoucherState::Pending);
    assert_eq!(voucher.voucher_id, "T01-C1-V000001");
    let request_id = voucher.request_id.clone().unwrap();
    // The journaled body is exactly what the sandbox received.
    let held = s.provider.apagos().voucher(request_id.as_str()).unwrap();
    let journaled: serde_json::Value = serde_json::from_str(&voucher.request_body).unwrap();
    let mut received = serde_json::to_value(&held.typed).unwrap();
    // The sandbox's record names the optional fields it did not receive as null.
    let fields = received.as_object_mut().unwrap();
    fields.retain(|_, value| !value.is_null());
    assert_eq!(journaled, received);
    assert_eq!(held.typed.order_id, "T01-C1-V000001");

    let validated = decided(&s.till, &voucher.voucher_id).await;
    assert_eq!(validated.status, Some(VoucherStatus::Validated));
    let values = validated.validated.clone().unwrap();
    assert_eq!(values.amount, Soles::from_centimos(59_000));
    assert_eq!(values.operation_number, "00123477");
    assert_eq!(
        values.bank_operation_number.as_deref(),
        Some("000100123477")
    );
    assert_eq!(validated.amount, Soles::from_centimos(58_000), "typed kept");
    assert_eq!(validated.operation_number, "123477");
    assert!(validated.amount_differs);
    assert!(validated.is_validated());
    assert_eq!(validated.counted_amount(), Soles::from_centimos(59_000));
    assert_eq!(s.till.vouchers().await.unwrap().len(), 1);
    assert_intact(&s.till);
}

#[tokio::test]
async fn invalid_and_unlisted_statuses_are_kept_as_apagos_says() {
    let s = store(&["BCP-SOLES-001"]).await;
    let invalid = s
        .till
        .register_voucher(transfer("912345", "BCP-SOLES-001"))
        .await
        .unwrap();
    let review = s
        .till
        .register_voucher(transfer("812345", "BCP-SOLES-001"))
        .await
        .unwrap();
    let invalid = decided(&s.till, &invalid.voucher_id).await;
    assert_eq!(invalid.status, Some(VoucherStatus::Invalid));
    assert!(!invalid.is_validated());
    let review = decided(&s.till, &review.voucher_id).await;
    assert_eq!(
        review.status,
        Some(VoucherStatus::Other("IN_REVIEW".to_owned()))
    );
    assert_intact(&s.till);
}

#[tokio::test]
async fn an_account_outside_the_settings_is_refused_here_and_one_apagos_does_not_know_there() {
    let s = store(&["BCP-SOLES-001", "CAJA-NO-ONBOARDED"]).await;
    let error = s
        .till
        .register_voucher(transfer("123456", "SCOTIA-999"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "unknown_bank_account");
    assert_eq!(error.field(), Some("bank_account_id"));
    assert!(
        s.till.vouchers().await.unwrap().is_empty(),
        "nothing journaled"
    );
    let bad = TillError::from(VoucherError::NotConfigured);
    assert_eq!(bad.code(), "vouchers_not_configured");

    let error = s
        .till
        .register_voucher(transfer("123456", "CAJA-NO-ONBOARDED"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "voucher_refused");
    let refused = &s.till.vouchers().await.unwrap()[0];
    assert_eq!(refused.state, VoucherState::Refused);
    assert!(refused.request_id.is_none());
    let words = refused.refusal.as_deref().unwrap();
    assert!(words.contains("bank_account_id"), "{words}");
    assert!(s.provider.apagos().vouchers().is_empty());
    assert_intact(&s.till);
}

#[tokio::test]
async fn a_lost_register_is_never_sent_again_and_a_supervisor_resolves_it() {
    let s = store(&["BCP-SOLES-001"]).await;
    s.provider.apagos().set_faults(ApagosFaults {
        drop_register_answer: 1,
        ..ApagosFaults::default()
    });
    let error = s
        .till
        .register_voucher(transfer("123456", "BCP-SOLES-001"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "voucher_outcome_unknown");
    let id = "T01-C1-V000001";
    let unknown = s.till.voucher(id).await.unwrap();
    assert_eq!(unknown.state, VoucherState::Unknown);
    assert_eq!(s.provider.apagos().vouchers().len(), 1);
    // Nothing on the till's side sends it again.
    let refresh = s.till.refresh_voucher(id).await.unwrap_err();
    assert_eq!(refresh.code(), "voucher_not_registered");
    let cancel = s.till.cancel_voucher(id, rosa()).await.unwrap_err();
    assert_eq!(cancel.code(), "voucher_not_registered");
    assert_eq!(s.provider.apagos().vouchers().len(), 1);

    // A request_id that is not this voucher's is refused.
    let other = s
        .till
        .register_voucher(transfer("555555", "BCP-SOLES-001"))
        .await
        .unwrap();
    let wrong = s
        .till
        .resolve_voucher_unknown(id, other.request_id.clone(), rosa())
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), "voucher_not_ours");

    let held = s
        .provider
        .apagos()
        .vouchers()
        .into_iter()
        .find(|v| v.typed.order_id == id)
        .unwrap();
    let request_id = RequestId::parse(&held.request_id).unwrap();
    let resolved = s
        .till
        .resolve_voucher_unknown(id, Some(request_id.clone()), rosa())
        .await
        .unwrap();
    assert_eq!(resolved.state, VoucherState::Pending);
    assert_eq!(resolved.request_id, Some(request_id));
    assert_eq!(resolved.resolved_by.as_deref(), Some("Rosa Quispe"));
    assert!(resolved.status.is_some());
    assert_eq!(
        s.provider.apagos().vouchers().len(),
        2,
        "one per register sent"
    );
    let again = s
        .till
        .resolve_voucher_unknown(id, None, rosa())
        .await
        .unwrap_err();
    assert_eq!(again.code(), "voucher_not_unknown");
    assert_intact(&s.till);
}

#[tokio::test]
async fn an_unknown_register_can_be_abandoned_by_a_supervisor() {
    let s = store(&["BCP-SOLES-001"]).await;
    s.provider.apagos().set_faults(ApagosFaults {
        drop_register_answer: 1,
        ..ApagosFaults::default()
    });
    s.till
        .register_voucher(transfer("123456", "BCP-SOLES-001"))
        .await
        .unwrap_err();
    let abandoned = s
        .till
        .resolve_voucher_unknown("T01-C1-V000001", None, rosa())
        .await
        .unwrap();
    assert_eq!(abandoned.state, VoucherState::Abandoned);
    assert_eq!(s.provider.apagos().vouchers().len(), 1);
    assert_intact(&s.till);
}

#[tokio::test]
async fn a_cancel_with_a_stale_status_says_the_real_one_and_the_retry_uses_it() {
    let s = store(&["BCP-SOLES-001"]).await;
    let voucher = s
        .till
        .register_voucher(transfer("123456", "BCP-SOLES-001"))
        .await
        .unwrap();
    // The till last saw nothing (PENDING); aPagos validates meanwhile.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let error = s
        .till
        .cancel_voucher(&voucher.voucher_id, rosa())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "voucher_status_changed");
    match &error {
        TillError::Voucher(VoucherError::StatusChanged {
            expected, actual, ..
        }) => {
            assert_eq!(expected, "PENDING");
            assert_eq!(actual, "VALIDATED");
        }
        other => panic!("{other:?}"),
    }
    let seen = s.till.voucher(&voucher.voucher_id).await.unwrap();
    assert_eq!(seen.status, Some(VoucherStatus::Validated));
    let canceled = s
        .till
        .cancel_voucher(&voucher.voucher_id, rosa())
        .await
        .unwrap();
    assert_eq!(canceled.status, Some(VoucherStatus::Canceled));
    assert_intact(&s.till);
}

#[tokio::test]
async fn a_cancel_whose_answer_was_lost_is_done_when_the_retry_finds_it_canceled() {
    let s = store(&["BCP-SOLES-001"]).await;
    let voucher = s
        .till
        .register_voucher(transfer("123456", "BCP-SOLES-001"))
        .await
        .unwrap();
    s.provider.apagos().set_faults(ApagosFaults {
        drop_cancel_answer: 1,
        ..ApagosFaults::default()
    });
    let lost = s
        .till
        .cancel_voucher(&voucher.voucher_id, rosa())
        .await
        .unwrap_err();
    assert_eq!(lost.code(), "voucher_outcome_unknown");
    let canceled = s
        .till
        .cancel_voucher(&voucher.voucher_id, rosa())
        .await
        .unwrap();
    assert_eq!(canceled.status, Some(VoucherStatus::Canceled));
    assert_intact(&s.till);
}

#[tokio::test]
async fn each_bad_field_is_named_and_nothing_is_journaled_or_sent() {
    let s = store(&["BCP-SOLES-001"]).await;
    let field = |error: TillError| error.field().map(str::to_owned);
    let mut zero = transfer("123456", "BCP-SOLES-001");
    zero.amount = Soles::ZERO;
    let mut letters = transfer("12a456", "BCP-SOLES-001");
    letters.customer_fullname = "Ana".to_owned();
    let mut name = transfer("123456", "BCP-SOLES-001");
    name.customer_fullname = "  A ".to_owned();
    let mut receipt = transfer("123456", "BCP-SOLES-001");
    receipt.receipt = "http://central.example/r.png".parse().unwrap();
    let mut future = transfer("123456", "BCP-SOLES-001");
    future.date = jiff::civil::date(2099, 1, 1);
    for (typed, expected) in [
        (zero, "amount"),
        (letters, "operation_number"),
        (name, "customer_fullname"),
        (receipt, "receipt"),
        (future, "date"),
    ] {
        let error = s.till.register_voucher(typed).await.unwrap_err();
        assert_eq!(field(error).as_deref(), Some(expected));
    }
    assert!(s.till.vouchers().await.unwrap().is_empty());
    assert!(s.provider.apagos().vouchers().is_empty());
}

#[tokio::test]
async fn a_voucher_edited_behind_caja_s_back_is_found_by_the_audit() {
    let s = store(&["BCP-SOLES-001"]).await;
    let voucher = s
        .till
        .register_voucher(transfer("123477", "BCP-SOLES-001"))
        .await
        .unwrap();
    decided(&s.till, &voucher.voucher_id).await;
    assert_intact(&s.till);
    let connection = rusqlite::Connection::open(s.dir.path().join(till::DATABASE_FILE)).unwrap();
    connection
        .execute(
            "UPDATE voucher SET validated_amount_centimos = 58000 WHERE id = ?1",
            [voucher.row],
        )
        .unwrap();
    let report = s.till.staff().verify_audit().unwrap();
    assert!(
        report.findings.iter().any(|finding| matches!(
            finding,
            till::audit::Finding::OrderEdited { table, fields, .. }
                if table == "voucher" && fields == &["validated_amount_centimos".to_owned()]
        )),
        "{:?}",
        report.findings
    );
}
