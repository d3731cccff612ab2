//! A transfer paying a down payment, against the sandbox (aCuotaz and aPagos simulators) over loopback
//! and a real SQLite file: nothing is billed before aPagos says VALIDATED, then Caja bills by itself
//! exactly once; a corrected amount waits for a supervisor; an INVALID transfer never pays; a register
//! whose answer was lost is settled by aPagos' callback, never by a second voucher.

mod orders_support;
mod vouchers_support;

use std::time::Duration;

use providers::apagos::RequestId;
use providers::apurata::downpayment::{CustomerId, FundingCode};
use sandbox::{ApagosFaults, ApagosTiming, demo};
use till::cash::CashCount;
use till::identity::parse_dni;
use till::journal::{OperationKind, OperationState};
use till::tender::{Payment, Tender};
use till::vouchers::{AmountDecision, Billing, Voucher, VoucherSale, VoucherState};
use till::{Soles, Till};
use vouchers_support::{Store, assert_intact, rosa, store, transfer};

const ACCOUNT: &str = "BCP-SOLES-001";

/// A store with a shift open and the documented pair checked: the customer, the code, what to collect.
async fn checked_sale(delay_ms: u64) -> (Store, CustomerId, FundingCode, Soles) {
    let s = store(&[ACCOUNT]).await;
    s.provider.apagos().set_timing(ApagosTiming {
        validation_delay_ms: delay_ms,
        ..ApagosTiming::default()
    });
    s.till.open_shift(CashCount::default()).await.unwrap();
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code: FundingCode = demo::DOCS_PAIR.funding_code.parse().unwrap();
    let check = s.till.check(&customer, &code).await.unwrap();
    assert!(!check.handover_allowed);
    (s, customer, code, check.amount_to_collect)
}

async fn register(
    till: &Till,
    operation: &str,
    customer: &CustomerId,
    code: &FundingCode,
    collect: Soles,
) -> Voucher {
    let mut new = transfer(operation, ACCOUNT);
    new.amount = collect;
    new.sale = Some(VoucherSale {
        customer: customer.clone(),
        funding_code: code.clone(),
        collect,
    });
    till.register_voucher(new).await.unwrap()
}

/// Follows the vouchers until `done` holds of the voucher (5 s at most).
async fn follow_until(till: &Till, id: &str, done: impl Fn(&Voucher) -> bool) -> Voucher {
    for _ in 0..100 {
        till.follow_vouchers().await.unwrap();
        let voucher = till.voucher(id).await.unwrap();
        if done(&voucher) {
            return voucher;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "{id} never got there: {:?}",
        till.voucher(id).await.unwrap()
    );
}

async fn billings(till: &Till) -> Vec<till::journal::JournalEntry> {
    till.journal(None)
        .await
        .unwrap()
        .into_iter()
        .filter(|entry| entry.kind == OperationKind::PaidAndBilled)
        .collect()
}

async fn pay_by_transfer(s: &Store, customer: &CustomerId, code: &FundingCode) -> String {
    let refused = s
        .till
        .pay(customer, code, Payment::plain(Tender::Transfer))
        .await
        .unwrap_err();
    format!("{}: {refused:?}", refused.code())
}

#[tokio::test]
async fn a_transfer_bills_the_down_payment_by_itself_once_apagos_validates_it_and_only_then() {
    let (s, customer, code, collect) = checked_sale(800).await;
    // No transfer registered: paying by transfer is refused.
    let refused = pay_by_transfer(&s, &customer, &code).await;
    assert!(refused.contains("NoVoucher"), "{refused}");

    let voucher = register(&s.till, "4455667", &customer, &code, collect).await;
    assert_eq!(voucher.state, VoucherState::Pending);
    assert!(!voucher.is_validated());
    // While aPagos validates, neither a cashier nor a script can bill it, and aCuotaz says pending.
    let refused = pay_by_transfer(&s, &customer, &code).await;
    assert!(refused.contains("NotValidated"), "{refused}");
    assert!(billings(&s.till).await.is_empty());
    assert!(
        !s.till
            .check(&customer, &code)
            .await
            .unwrap()
            .handover_allowed
    );

    let billed = follow_until(&s.till, &voucher.voucher_id, |v| {
        v.billing == Some(Billing::Billed)
    })
    .await;
    assert!(billed.is_validated());
    let entries = billings(&s.till).await;
    assert_eq!(entries.len(), 1, "billed exactly once");
    assert_eq!(entries[0].state, OperationState::Confirmed);
    assert_eq!(entries[0].tender(), Tender::Transfer);
    assert_eq!(billed.billed_entry, Some(entries[0].id));
    assert!(
        s.till
            .check(&customer, &code)
            .await
            .unwrap()
            .handover_allowed
    );

    // A second pay by transfer cannot use it again; more passes bill nothing more.
    let refused = pay_by_transfer(&s, &customer, &code).await;
    assert!(refused.contains("AlreadyBilled"), "{refused}");
    s.till.follow_vouchers().await.unwrap();
    s.till.bill_voucher(&voucher.voucher_id).await.unwrap();
    assert_eq!(billings(&s.till).await.len(), 1);
    assert_intact(&s.till);
}

#[tokio::test]
async fn a_corrected_amount_waits_for_a_supervisor_who_accepts_or_rejects_it() {
    let (s, customer, code, collect) = checked_sale(100).await;
    // Ending in 77: the simulator validates S/ 10.00 more than typed.
    let voucher = register(&s.till, "1234577", &customer, &code, collect).await;
    let waiting = follow_until(&s.till, &voucher.voucher_id, Voucher::is_validated).await;
    assert!(waiting.amount_differs);
    assert!(waiting.needs_decision());
    assert_eq!(
        waiting.counted_amount().centimos(),
        collect.centimos() + 1_000
    );
    s.till.follow_vouchers().await.unwrap();
    assert!(billings(&s.till).await.is_empty(), "never billed undecided");
    let refused = pay_by_transfer(&s, &customer, &code).await;
    assert!(refused.contains("NeedsDecision"), "{refused}");

    let accepted = s
        .till
        .decide_voucher_amount(&voucher.voucher_id, AmountDecision::Accepted, rosa())
        .await
        .unwrap();
    assert_eq!(accepted.amount_decision, Some(AmountDecision::Accepted));
    assert_eq!(accepted.decided_by.as_deref(), Some("Rosa Quispe"));
    assert_eq!(accepted.billing, Some(Billing::Billed));
    assert_eq!(billings(&s.till).await.len(), 1);
    let again = s
        .till
        .decide_voucher_amount(&voucher.voucher_id, AmountDecision::Rejected, rosa())
        .await
        .unwrap_err();
    assert_eq!(again.code(), "voucher_no_decision_pending");
    assert_intact(&s.till);
}

#[tokio::test]
async fn a_rejected_amount_and_an_invalid_transfer_never_pay() {
    let (s, customer, code, collect) = checked_sale(100).await;
    let corrected = register(&s.till, "7654377", &customer, &code, collect).await;
    follow_until(&s.till, &corrected.voucher_id, Voucher::is_validated).await;
    let rejected = s
        .till
        .decide_voucher_amount(&corrected.voucher_id, AmountDecision::Rejected, rosa())
        .await
        .unwrap();
    assert_eq!(rejected.billing, None);
    let refused = pay_by_transfer(&s, &customer, &code).await;
    assert!(refused.contains("Rejected"), "{refused}");

    // Starting with 9: the simulator answers INVALID.
    let invalid = register(&s.till, "9000001", &customer, &code, collect).await;
    let invalid = follow_until(&s.till, &invalid.voucher_id, |v| v.status_is_final()).await;
    assert_eq!(invalid.status.as_ref().map(|s| s.as_str()), Some("INVALID"));
    s.till.follow_vouchers().await.unwrap();
    let refused = pay_by_transfer(&s, &customer, &code).await;
    assert!(
        refused.contains("Rejected") || refused.contains("NotValidated"),
        "{refused}"
    );
    assert!(billings(&s.till).await.is_empty());
    assert!(
        !s.till
            .check(&customer, &code)
            .await
            .unwrap()
            .handover_allowed
    );
    assert_intact(&s.till);
}

#[tokio::test]
async fn a_lost_register_is_settled_by_apagos_callback_and_billed_never_registered_twice() {
    let (s, customer, code, collect) = checked_sale(100).await;
    s.provider.apagos().set_faults(ApagosFaults {
        drop_register_answer: 1,
        ..ApagosFaults::default()
    });
    let mut new = transfer("3141592", ACCOUNT);
    new.amount = collect;
    new.sale = Some(VoucherSale {
        customer: customer.clone(),
        funding_code: code.clone(),
        collect,
    });
    let lost = s.till.register_voucher(new).await.unwrap_err();
    assert_eq!(lost.code(), "voucher_outcome_unknown");
    let id = "T01-C1-V000001";
    assert_eq!(
        s.till.voucher(id).await.unwrap().state,
        VoucherState::Unknown
    );
    // Passes never send it again nor bill it.
    s.till.follow_vouchers().await.unwrap();
    assert_eq!(s.provider.apagos().vouchers().len(), 1);
    assert!(billings(&s.till).await.is_empty());

    // aPagos' callback, relayed by Central, names our id and its request_id.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let held = s.provider.apagos().vouchers().remove(0);
    let request_id = RequestId::parse(&held.request_id).unwrap();
    let settled = s.till.voucher_event(id, Some(request_id)).await.unwrap();
    assert_eq!(settled.state, VoucherState::Pending);
    let billed = follow_until(&s.till, id, |v| v.billing == Some(Billing::Billed)).await;
    assert!(billed.is_validated());
    assert_eq!(
        s.provider.apagos().vouchers().len(),
        1,
        "one voucher at aPagos"
    );
    assert_eq!(billings(&s.till).await.len(), 1);
    assert_intact(&s.till);
}

#[tokio::test]
async fn passes_racing_on_one_validated_transfer_bill_it_once() {
    let (s, customer, code, collect) = checked_sale(50).await;
    let voucher = register(&s.till, "2718281", &customer, &code, collect).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    s.till.refresh_voucher(&voucher.voucher_id).await.unwrap();
    let id = voucher.voucher_id.as_str();
    let (a, b, c) = tokio::join!(
        s.till.bill_voucher(id),
        s.till.bill_voucher(id),
        s.till.follow_vouchers(),
    );
    a.unwrap();
    b.unwrap();
    c.unwrap();
    let billed = follow_until(&s.till, id, |v| v.billing == Some(Billing::Billed)).await;
    assert_eq!(billings(&s.till).await.len(), 1, "one paid-and-billed");
    assert!(billed.billed_entry.is_some());
    assert_intact(&s.till);
}
