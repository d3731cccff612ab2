//! Closing a shift of 10,000 payments: the three-way reconciliation against a day summary of 10,000
//! rows paid in the store (plus rows of another till), then the Z report's sheet in words and its PDF,
//! as `closing::deliver` does. The goal is under 200 ms, so closing never makes the cashier wait.

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use jiff::civil::date;
use std::hint::black_box;
use till::cash::CashCount;
use till::shift::reconcile::{Facts, reconcile};
use till::shift::z::ZReport;
use till::shift::{ClosingCount, Shift};
use till::{
    CustomerId, DaySummary, DayTotals, JournalEntry, Mode, OperationKind, OperationState,
    OrderDetail, Payment, PaymentOrigin, Soles, Tender,
};

const PAYMENTS: i64 = 10_000;

fn payments() -> Vec<JournalEntry> {
    let tenders = [
        Tender::Cash,
        Tender::Card,
        Tender::YapePlin,
        Tender::Transfer,
    ];
    let at: Timestamp = "2026-11-22T15:00:00Z".parse().unwrap();
    (1..=PAYMENTS)
        .map(|n| JournalEntry {
            id: n,
            idempotency_key: format!("key-{n}"),
            mode: Mode::Live,
            kind: OperationKind::PaidAndBilled,
            customer: CustomerId::Dni(format!("{:08}", 40_000_000 + n).parse().unwrap()),
            funding_code: format!("{:07}", 1_000_000 + n).parse().unwrap(),
            state: OperationState::Confirmed,
            reason: None,
            http_status: Some(200),
            downpayment_amount: Some(Soles::from_centimos(10_000 + n)),
            created_at: at,
            finished_at: Some(at),
            attempts: 0,
            operator: Some("Luis".to_owned()),
            approver: None,
            approval_reason: None,
            payment: Some(Payment::plain(tenders[usize::try_from(n).unwrap() % 4])),
            collect: Some(Soles::from_centimos(10_000 + n)),
            shift_id: Some(1),
        })
        .collect()
}

fn summary() -> DaySummary {
    let mut orders: Vec<OrderDetail> = (1..=PAYMENTS)
        .map(|n| OrderDetail {
            order_id: format!("ACZ-2026-{n:06}"),
            dni: format!("{:08}", 40_000_000 + n),
            payment_origin: PaymentOrigin::External,
            amount: Soles::from_centimos(10_000 + n),
        })
        .collect();
    orders.extend((1..=50).map(|n| OrderDetail {
        order_id: format!("ACZ-2026-9{n:05}"),
        dni: format!("{:08}", 70_000_000 + n),
        payment_origin: PaymentOrigin::External,
        amount: Soles::from_centimos(20_000),
    }));
    DaySummary {
        day: date(2026, 11, 22),
        mode: Mode::Live,
        totals: DayTotals {
            total_purchases: Soles::from_centimos(5_000_000_000),
            total_paid_in_store: Soles::from_centimos(1_000_000_000),
            total_financed: Soles::from_centimos(4_000_000_000),
        },
        orders,
        fetched_at: "2026-11-22T18:40:00Z".parse().unwrap(),
        from_cache: false,
    }
}

fn closing(c: &mut Criterion) {
    let operations = payments();
    let summary = summary();
    let opened: Timestamp = "2026-11-22T13:00:00Z".parse().unwrap();
    let settings = desk::Settings::default();
    c.bench_function(
        "close a shift of 10,000 payments (reconciliation + Z PDF)",
        |b| {
            b.iter(|| {
                let reconciliation = reconcile(&Facts {
                    opening_float: Soles::from_centimos(20_000),
                    cash_in: Soles::ZERO,
                    cash_out: Soles::ZERO,
                    operations: &operations,
                    earlier_payments: &[],
                    summary_expected: true,
                    summary: Some(&summary),
                    counted: Some((
                        Soles::from_centimos(1_000_000),
                        Soles::from_centimos(500_000),
                    )),
                    transfers_validated: None,
                    tolerance: Soles::from_centimos(100),
                });
                let report = ZReport {
                    number: 12,
                    mode: Mode::Live,
                    shift: Shift {
                        id: 5,
                        mode: Mode::Live,
                        country: Default::default(),
                        opened_at: opened,
                        opened_by: Some("Luis".to_owned()),
                        lima_day: date(2026, 11, 22),
                        opening: CashCount::parse("100=2").unwrap(),
                        closed_at: Some(opened),
                        closed_by: Some("Luis".to_owned()),
                        z_number: Some(12),
                    },
                    movements: Vec::new(),
                    operations: operations.len(),
                    count: ClosingCount {
                        cash: CashCount::parse("200=50").unwrap(),
                        card_batch: Soles::from_centimos(500_000),
                        counted_at: opened,
                        counted_by: Some("Luis".to_owned()),
                    },
                    recounts: 0,
                    reconciliation,
                    transfers: Default::default(),
                    financing: Default::default(),
                    approval: None,
                };
                let sheet = desk::z_sheet::sheet(&report, &settings, None, opened);
                black_box(report::render_z_report(&sheet).unwrap())
            })
        },
    );
}

criterion_group!(benches, closing);
criterion_main!(benches);
