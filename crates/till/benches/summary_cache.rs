//! Caching a 10,000-order day summary in SQLite (one transaction, `synchronous=FULL`, WAL), and reading
//! it back. Goal: caching under 50 ms on the project's 2-core machine.

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use till::{DaySummary, DayTotals, Mode, OrderDetail, PaymentOrigin, Soles, summary};

fn big_day(orders: usize) -> DaySummary {
    let origins = [
        PaymentOrigin::External,
        PaymentOrigin::Card,
        PaymentOrigin::Transfer,
    ];
    let orders: Vec<OrderDetail> = (0..orders)
        .map(|i| OrderDetail {
            order_id: format!("ACZ-2026-{i:06}"),
            dni: format!("{:08}", 10_000_000 + i * 7),
            payment_origin: origins[i % 3],
            amount: Soles::from_centimos(10_000 + (i as i64 * 137) % 90_000),
        })
        .collect();
    let total = Soles::sum(orders.iter().map(|o| o.amount)).unwrap();
    DaySummary {
        day: jiff::civil::date(2026, 11, 22),
        mode: Mode::Sandbox,
        totals: DayTotals {
            total_purchases: total,
            total_paid_in_store: total,
            total_financed: Soles::ZERO,
        },
        orders,
        fetched_at: Timestamp::now(),
        from_cache: false,
    }
}

fn cache_ten_thousand_orders(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut connection = till::db::open(dir.path()).unwrap();
    let day = big_day(10_000);
    let mut group = c.benchmark_group("day_summary_cache");
    group.sample_size(20);
    group.bench_function("store 10,000 orders", |b| {
        b.iter(|| summary::store(&mut connection, &day).unwrap())
    });
    group.bench_function("load 10,000 orders", |b| {
        b.iter(|| {
            summary::load(&connection, Mode::Sandbox, day.day)
                .unwrap()
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, cache_ten_thousand_orders);
criterion_main!(benches);
