//! Rendering a very long day: 10,000 detail rows (over 200 pages) and a day's worth of journal rows,
//! from the till's day to the PDF's bytes, as the fronts print it (words, then layout). The goal is
//! well under 300 ms, so printing never makes the cashier wait.

use criterion::{Criterion, criterion_group, criterion_main};
use desk::Lang;
use jiff::civil::date;
use std::hint::black_box;
use till::{
    CustomerId, DaySummary, DayTotals, JournalEntry, Mode, OperationKind, OperationState,
    OrderDetail, PaymentOrigin, Soles,
};

fn long_day() -> (DaySummary, Vec<JournalEntry>) {
    let origins = [
        PaymentOrigin::Transfer,
        PaymentOrigin::Card,
        PaymentOrigin::External,
    ];
    let orders = (1..=10_000_i64)
        .map(|n| OrderDetail {
            order_id: format!("ACZ-2026-11-22-{n:06}"),
            dni: format!("{:08}", 40_000_000 + n * 13),
            payment_origin: origins[usize::try_from(n).unwrap() % 3],
            amount: Soles::from_centimos(10_000 + n * 137),
        })
        .collect();
    let summary = DaySummary {
        day: date(2026, 11, 22),
        mode: Mode::Live,
        totals: DayTotals {
            total_purchases: Soles::from_centimos(2_000_000_000),
            total_paid_in_store: Soles::from_centimos(600_000_000),
            total_financed: Soles::from_centimos(1_400_000_000),
        },
        orders,
        fetched_at: "2026-11-22T18:40:00Z".parse().unwrap(),
        from_cache: false,
    };
    let opened: jiff::Timestamp = "2026-11-22T14:00:00Z".parse().unwrap();
    let operations = (0..200_i64)
        .map(|n| {
            let created_at = opened + jiff::SignedDuration::from_secs(n * 120);
            JournalEntry {
                id: n,
                idempotency_key: format!("key-{n}"),
                mode: Mode::Live,
                kind: if n % 2 == 0 {
                    OperationKind::Check
                } else {
                    OperationKind::PaidAndBilled
                },
                customer: CustomerId::Dni(format!("{:08}", 41_000_000 + n).parse().unwrap()),
                funding_code: format!("9{n:06}").parse().unwrap(),
                state: if n % 10 == 9 {
                    OperationState::Rejected
                } else {
                    OperationState::Confirmed
                },
                reason: (n % 10 == 9).then(|| "Not billed yet".to_owned()),
                http_status: Some(200),
                downpayment_amount: Some(Soles::from_centimos(29_990)),
                created_at,
                finished_at: Some(created_at),
                attempts: 0,
                operator: None,
                approver: None,
                approval_reason: None,
                payment: None,
                collect: None,
                shift_id: None,
            }
        })
        .collect();
    (summary, operations)
}

fn render_ten_thousand_rows(c: &mut Criterion) {
    let (summary, operations) = long_day();
    let generated_at: jiff::Timestamp = "2026-11-22T19:05:00Z".parse().unwrap();
    let mut group = c.benchmark_group("day_summary_pdf");
    group.sample_size(20);
    group.bench_function("10k_rows", |b| {
        b.iter(|| {
            desk::day_sheet::render(
                black_box(&summary),
                black_box(&operations),
                &[],
                "Bodega Señor de Muruhuay",
                generated_at,
                Lang::Es,
            )
            .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, render_ten_thousand_rows);
criterion_main!(benches);
