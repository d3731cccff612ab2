//! The three-way reconciliation on hand-made facts: each kind of difference it names, how it matches
//! this till's payments to aCuotaz's rows, and when closing needs a supervisor. Pure: no database.

use jiff::Timestamp;
use jiff::civil::date;
use till::identity::{parse_dni, parse_ruc_customer};
use till::journal::{JournalEntry, OperationKind, OperationState};
use till::shift::reconcile::{DifferenceKind, Facts, reconcile};
use till::{
    CustomerId, DaySummary, DayTotals, Mode, OrderDetail, Payment, PaymentOrigin, Soles, Tender,
};

fn soles(centimos: i64) -> Soles {
    Soles::from_centimos(centimos)
}

fn entry(
    id: i64,
    kind: OperationKind,
    customer: CustomerId,
    centimos: i64,
    tender: Tender,
) -> JournalEntry {
    JournalEntry {
        id,
        idempotency_key: format!("k{id}"),
        mode: Mode::Sandbox,
        kind,
        customer,
        funding_code: "1234567".parse().unwrap(),
        state: OperationState::Confirmed,
        reason: None,
        http_status: Some(200),
        downpayment_amount: Some(soles(centimos)),
        created_at: Timestamp::UNIX_EPOCH,
        finished_at: None,
        attempts: 0,
        operator: None,
        approver: None,
        approval_reason: None,
        payment: (kind == OperationKind::PaidAndBilled).then(|| Payment::plain(tender)),
        collect: Some(soles(centimos)),
        shift_id: Some(1),
    }
}

fn paid(id: i64, dni: &str, centimos: i64, tender: Tender) -> JournalEntry {
    entry(
        id,
        OperationKind::PaidAndBilled,
        parse_dni(dni).unwrap(),
        centimos,
        tender,
    )
}

fn in_store(order: &str, dni: &str, centimos: i64) -> OrderDetail {
    OrderDetail {
        order_id: order.to_owned(),
        dni: dni.to_owned(),
        payment_origin: PaymentOrigin::External,
        amount: soles(centimos),
    }
}

fn summary(orders: Vec<OrderDetail>) -> DaySummary {
    let paid_in_store = orders.iter().map(|o| o.amount.centimos()).sum();
    DaySummary {
        day: date(2026, 11, 30),
        mode: Mode::Sandbox,
        totals: DayTotals {
            total_purchases: soles(paid_in_store * 5),
            total_paid_in_store: soles(paid_in_store),
            total_financed: soles(paid_in_store * 4),
        },
        orders,
        fetched_at: Timestamp::UNIX_EPOCH,
        from_cache: false,
    }
}

fn facts<'a>(
    operations: &'a [JournalEntry],
    summary: Option<&'a DaySummary>,
    counted: Option<(i64, i64)>,
) -> Facts<'a> {
    Facts {
        opening_float: soles(10_000),
        cash_in: soles(5_000),
        cash_out: soles(2_000),
        operations,
        earlier_payments: &[],
        summary,
        summary_expected: true,
        counted: counted.map(|(cash, card)| (soles(cash), soles(card))),
        transfers_validated: None,
        tolerance: soles(100),
    }
}

fn kinds(facts: &Facts<'_>) -> Vec<DifferenceKind> {
    reconcile(facts)
        .differences
        .iter()
        .map(|d| d.kind)
        .collect()
}

#[test]
fn an_exact_shift_matches_every_row_and_needs_no_supervisor() {
    let operations = [
        paid(1, "14159265", 57_998, Tender::Cash),
        paid(2, "27182818", 24_690, Tender::Card),
    ];
    let day = summary(vec![
        in_store("A-1", "14159265", 57_998),
        in_store("A-2", "27182818", 24_690),
    ]);
    // Float 100 + cash in 50 - out 20 + 579.98 of cash payments.
    let result = reconcile(&facts(&operations, Some(&day), Some((70_998, 24_690))));
    assert_eq!(result.cash.expected, soles(70_998));
    assert_eq!(result.tenders[0].difference, Some(Soles::ZERO));
    assert_eq!(result.tenders[1].expected, soles(24_690));
    assert!(result.differences.is_empty(), "{:?}", result.differences);
    assert!(!result.needs_approval);
    let side = result.provider.unwrap();
    assert_eq!(
        (side.matched, side.matched_amount, side.elsewhere_amount),
        (2, soles(82_688), Soles::ZERO)
    );
}

#[test]
fn cash_over_and_short_are_named_and_the_tolerance_decides_the_approval() {
    let operations = [paid(1, "14159265", 57_998, Tender::Cash)];
    let day = summary(vec![in_store("A-1", "14159265", 57_998)]);
    let short_within = reconcile(&facts(&operations, Some(&day), Some((70_898, 0))));
    assert_eq!(short_within.differences[0].kind, DifferenceKind::CashShort);
    assert_eq!(short_within.differences[0].amount, soles(-100));
    assert!(
        !short_within.needs_approval,
        "S/ 1.00 short is within the tolerance"
    );
    let short_beyond = reconcile(&facts(&operations, Some(&day), Some((70_897, 0))));
    assert!(short_beyond.needs_approval, "S/ 1.01 short is beyond it");
    let over = reconcile(&facts(&operations, Some(&day), Some((71_998, 0))));
    assert_eq!(over.differences[0].kind, DifferenceKind::CashOver);
    assert_eq!(over.differences[0].amount, soles(1_000));
    assert!(over.needs_approval);
}

#[test]
fn the_card_terminal_batch_is_compared_with_card_payments() {
    let operations = [paid(1, "27182818", 24_690, Tender::Card)];
    let day = summary(vec![in_store("A-2", "27182818", 24_690)]);
    assert_eq!(
        kinds(&facts(&operations, Some(&day), Some((13_000, 24_000)))),
        [DifferenceKind::CardShort]
    );
    assert_eq!(
        kinds(&facts(&operations, Some(&day), Some((13_000, 25_000)))),
        [DifferenceKind::CardOver]
    );
}

#[test]
fn what_apagos_validated_is_compared_with_transfer_payments_once_vouchers_exist() {
    let operations = [paid(1, "27182818", 58_000, Tender::Transfer)];
    let day = summary(vec![in_store("A-2", "27182818", 58_000)]);
    // No voucher (a till without aPagos): transfers are not counted, with or without the count.
    let without = reconcile(&facts(&operations, Some(&day), Some((13_000, 0))));
    assert_eq!(without.tenders[3].tender, Tender::Transfer);
    assert_eq!(without.tenders[3].counted, None);
    assert!(without.differences.is_empty(), "{:?}", without.differences);
    // aPagos corrected the amount up by S/ 10: over, beyond the tolerance, before the blind count too.
    let over = reconcile(&Facts {
        transfers_validated: Some(soles(59_000)),
        ..facts(&operations, Some(&day), None)
    });
    assert_eq!(over.tenders[3].counted, Some(soles(59_000)));
    assert_eq!(over.tenders[3].difference, Some(soles(1_000)));
    assert_eq!(over.differences[0].kind, DifferenceKind::TransferOver);
    assert!(over.needs_approval);
    // Nothing validated yet: short by the whole transfer.
    let short = reconcile(&Facts {
        transfers_validated: Some(Soles::ZERO),
        ..facts(&operations, Some(&day), Some((13_000, 0)))
    });
    assert_eq!(short.differences[0].kind, DifferenceKind::TransferShort);
    assert_eq!(short.differences[0].amount, soles(-58_000));
    // Within the tolerance, no supervisor.
    let within = reconcile(&Facts {
        transfers_validated: Some(soles(58_100)),
        ..facts(&operations, Some(&day), Some((13_000, 0)))
    });
    assert_eq!(within.differences[0].kind, DifferenceKind::TransferOver);
    assert!(
        !within.needs_approval,
        "S/ 1.00 over is within the tolerance"
    );
}

#[test]
fn a_row_no_payment_explains_is_paid_elsewhere_and_needs_no_supervisor() {
    let operations = [paid(1, "14159265", 57_998, Tender::Cash)];
    let day = summary(vec![
        in_store("A-1", "14159265", 57_998),
        in_store("A-6", "69314718", 17_980),
    ]);
    let result = reconcile(&facts(&operations, Some(&day), Some((70_998, 0))));
    assert_eq!(
        kinds(&facts(&operations, Some(&day), Some((70_998, 0)))),
        [DifferenceKind::PaidElsewhere]
    );
    assert_eq!(result.differences[0].order_id.as_deref(), Some("A-6"));
    assert!(result.differences[0].kind.is_explained());
    assert!(!result.needs_approval);
    assert_eq!(result.provider.unwrap().elsewhere_amount, soles(17_980));
}

#[test]
fn a_payment_missing_at_acuotaz_needs_a_supervisor() {
    let operations = [paid(7, "14159265", 57_998, Tender::YapePlin)];
    let day = summary(vec![]);
    let result = reconcile(&facts(&operations, Some(&day), Some((13_000, 0))));
    assert_eq!(
        result.differences[0].kind,
        DifferenceKind::MissingAtProvider
    );
    assert_eq!(result.differences[0].operation_id, Some(7));
    assert!(result.needs_approval);
    assert_eq!(
        result.tenders[2].expected,
        soles(57_998),
        "Yape/Plin is expected, not counted"
    );
    assert_eq!(result.tenders[2].counted, None);
}

#[test]
fn an_undone_billing_keeps_the_money_in_the_drawer() {
    let operations = [
        paid(1, "14159265", 57_998, Tender::Cash),
        entry(
            2,
            OperationKind::UndoBilling,
            parse_dni("14159265").unwrap(),
            57_998,
            Tender::Unknown,
        ),
    ];
    let day = summary(vec![in_store("A-1", "14159265", 57_998)]);
    let result = reconcile(&facts(&operations, Some(&day), Some((70_998, 0))));
    assert_eq!(
        result.cash.expected,
        soles(70_998),
        "the cash stays expected in the drawer"
    );
    assert_eq!(
        kinds(&facts(&operations, Some(&day), Some((70_998, 0)))),
        [DifferenceKind::UndoneInDrawer]
    );
    assert!(!result.needs_approval);
}

#[test]
fn without_a_summary_the_providers_side_is_not_checked_and_a_supervisor_decides() {
    let operations = [paid(1, "14159265", 57_998, Tender::Cash)];
    let result = reconcile(&facts(&operations, None, Some((70_998, 0))));
    assert_eq!(
        result.differences[0].kind,
        DifferenceKind::SummaryUnavailable
    );
    assert!(result.provider.is_none());
    assert!(result.needs_approval);
}

#[test]
fn a_person_ruc_matches_by_its_dni_and_a_company_ruc_by_amount() {
    let person = entry(
        1,
        OperationKind::PaidAndBilled,
        parse_ruc_customer("10141421358").unwrap(),
        24_690,
        Tender::Cash,
    );
    let company = entry(
        2,
        OperationKind::PaidAndBilled,
        parse_ruc_customer("20601234565").unwrap(),
        249_000,
        Tender::Card,
    );
    let day = summary(vec![
        in_store("A-4", "14142135", 24_690),
        in_store("A-5", "99999999", 249_000),
    ]);
    let operations = [person, company];
    let result = reconcile(&facts(&operations, Some(&day), Some((37_690, 249_000))));
    assert!(result.differences.is_empty(), "{:?}", result.differences);
}

#[test]
fn rows_of_earlier_shifts_of_this_till_are_not_paid_elsewhere() {
    let earlier = [paid(1, "16180339", 65_000, Tender::Cash)];
    let operations = [paid(2, "14159265", 57_998, Tender::Cash)];
    let day = summary(vec![
        in_store("A-3", "16180339", 65_000),
        in_store("A-1", "14159265", 57_998),
    ]);
    let mut with_earlier = facts(&operations, Some(&day), Some((70_998, 0)));
    with_earlier.earlier_payments = &earlier;
    let result = reconcile(&with_earlier);
    assert!(result.differences.is_empty(), "{:?}", result.differences);
    assert_eq!(
        result.provider.unwrap().earlier_shifts_amount,
        soles(65_000)
    );
}

#[test]
fn a_billing_of_a_down_payment_already_paid_collects_nothing() {
    let mut billing_only = paid(1, "27182818", 29_980, Tender::Cash);
    billing_only.collect = Some(Soles::ZERO);
    let operations = [billing_only];
    let day = summary(vec![]);
    let result = reconcile(&facts(&operations, Some(&day), Some((13_000, 0))));
    assert_eq!(result.cash.payments, Soles::ZERO);
    assert!(result.differences.is_empty(), "{:?}", result.differences);
}

#[test]
fn a_till_without_acuotaz_has_no_summary_to_miss() {
    let counted = Some((13_000, 0));
    let in_peru = reconcile(&facts(&[], None, counted));
    assert_eq!(
        kinds(&facts(&[], None, counted)),
        vec![DifferenceKind::SummaryUnavailable]
    );
    assert!(in_peru.needs_approval);
    let in_spain = reconcile(&Facts {
        summary_expected: false,
        ..facts(&[], None, counted)
    });
    assert!(
        in_spain.differences.is_empty(),
        "{:?}",
        in_spain.differences
    );
    assert!(in_spain.provider.is_none());
    assert!(!in_spain.needs_approval);
}
