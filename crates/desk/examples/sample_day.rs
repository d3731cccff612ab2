//! Writes a sample day summary to look at: an ordinary sandbox day of 25 orders and a few journal rows,
//! rendered as the fronts render it (`desk::day_sheet`).
//!
//! `cargo run -p desk --example sample_day -- [out.pdf] [--live] [--cached] [--rows N] [--lang en]`
//! (default `/tmp/caja-sample.pdf`, in Spanish), then e.g.
//! `pdftoppm -png -r 80 /tmp/caja-sample.pdf /tmp/report-preview`.

use desk::Lang;
use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use providers::apurata::downpayment::FormatProblem;
use till::{
    CustomerId, DaySummary, DayTotals, JournalEntry, Mode, OperationKind, OperationState,
    OrderDetail, PaymentOrigin, Soles,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut out, mut mode, mut cached, mut rows, mut lang) = (
        "/tmp/caja-sample.pdf".to_owned(),
        Mode::Sandbox,
        false,
        25,
        Lang::Es,
    );
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--live" => mode = Mode::Live,
            "--cached" => cached = true,
            "--rows" => rows = args.next().ok_or("--rows needs a number")?.parse()?,
            "--lang" => lang = args.next().ok_or("--lang needs es or en")?.parse()?,
            path => out = path.to_owned(),
        }
    }
    let summary = day(mode, cached, rows);
    let operations = journal(mode)?;
    let pdf = desk::day_sheet::render(
        &summary,
        &operations,
        &[],
        "Bodega Señor de Muruhuay — Av. Túpac Amaru 1245, Comas",
        "2026-11-22T23:05:00Z".parse()?,
        lang,
    )?;
    std::fs::write(&out, pdf)?;
    println!("{out}");
    Ok(())
}

fn day(mode: Mode, from_cache: bool, rows: usize) -> DaySummary {
    let origins = [
        PaymentOrigin::External,
        PaymentOrigin::Transfer,
        PaymentOrigin::Card,
        PaymentOrigin::External,
    ];
    let orders: Vec<OrderDetail> = (1..=rows)
        .map(|n| OrderDetail {
            order_id: format!("{}", 880_412 + n * 37),
            dni: format!("{:08}", 10_000_000 + (n * 7_654_321) % 89_999_999),
            payment_origin: origins[n % origins.len()],
            amount: Soles::from_centimos(
                i64::try_from((n * 48_731) % 250_000 + 9_990).unwrap_or(0),
            ),
        })
        .collect();
    let total_purchases = Soles::sum(orders.iter().map(|o| o.amount)).unwrap_or(Soles::ZERO);
    let total_paid_in_store = Soles::sum(
        orders
            .iter()
            .filter(|o| o.payment_origin == PaymentOrigin::External)
            .map(|o| o.amount),
    )
    .unwrap_or(Soles::ZERO);
    DaySummary {
        day: date(2026, 11, 22),
        mode,
        totals: DayTotals {
            total_purchases,
            total_paid_in_store,
            total_financed: total_purchases
                .checked_sub(total_paid_in_store)
                .unwrap_or(Soles::ZERO),
        },
        orders,
        fetched_at: "2026-11-22T22:40:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH),
        from_cache,
    }
}

fn journal(mode: Mode) -> Result<Vec<JournalEntry>, FormatProblem> {
    use OperationKind::{Check, PaidAndBilled, UndoBilling};
    use OperationState::{Confirmed, Rejected, Unknown};
    let opened: Timestamp = "2026-11-22T14:12:00Z"
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let rows = [
        (Check, Confirmed, CustomerId::Dni("45871236".parse()?), None),
        (
            PaidAndBilled,
            Confirmed,
            CustomerId::Dni("45871236".parse()?),
            None,
        ),
        (
            Check,
            Confirmed,
            CustomerId::Ruc("10456789019".parse()?),
            None,
        ),
        (
            PaidAndBilled,
            Rejected,
            CustomerId::Ruc("10456789019".parse()?),
            Some("Not billed yet"),
        ),
        (
            PaidAndBilled,
            Unknown,
            CustomerId::Dni("70214583".parse()?),
            Some(
                "Sin respuesta del proveedor en 15 s (tiempo de espera agotado); se volverá a consultar el estado con «info» hasta saber si se registró el pago",
            ),
        ),
        (
            UndoBilling,
            Confirmed,
            CustomerId::Dni("45871236".parse()?),
            None,
        ),
    ];
    rows.into_iter()
        .enumerate()
        .map(|(n, (kind, state, customer, reason))| {
            let id = i64::try_from(n).unwrap_or(0) + 1;
            // Seven digits, as the provider's codes are today.
            let funding_code = format!("7{:06}", 100 + id * 13).parse()?;
            let created_at = opened + SignedDuration::from_mins(id * 47);
            Ok(JournalEntry {
                id,
                idempotency_key: format!("sample-{id}"),
                mode,
                kind,
                customer,
                funding_code,
                state,
                reason: reason.map(str::to_owned),
                http_status: Some(if state == Rejected { 400 } else { 200 }),
                downpayment_amount: (state != Rejected)
                    .then(|| Soles::from_centimos(15_000 + id * 2_490)),
                created_at,
                finished_at: Some(created_at + SignedDuration::from_secs(2)),
                attempts: 0,
                operator: None,
                approver: None,
                approval_reason: None,
                payment: None,
                collect: None,
                shift_id: None,
            })
        })
        .collect()
}
