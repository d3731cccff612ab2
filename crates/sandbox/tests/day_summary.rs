//! `GET day-summary`: totals with and without detail, checked against sums computed here from the seed
//! and from the detail rows; today's payments; the documented field errors.

mod common;

use common::{Caller, TODAY, start, start_with, url};
use jiff::ToSpan;
use jiff::civil::Date;
use providers::apurata::downpayment::PaymentOrigin;
use providers::money::Soles;
use sandbox::{RunningSandbox, SandboxConfig, demo};
use serde_json::{Value, json};

async fn summary(sandbox: &RunningSandbox, flavor: &str, query: &[(&str, &str)]) -> Value {
    let answer = Caller::default()
        .get(&url(sandbox, flavor, "day-summary"), query)
        .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    answer.json()
}

async fn detail(sandbox: &RunningSandbox, day: Date) -> Value {
    summary(
        sandbox,
        "v2",
        &[("day", &day.to_string()), ("detail", "true")],
    )
    .await
}

fn soles(value: &Value) -> Soles {
    serde_json::from_value(value.clone()).unwrap()
}

fn sum(amounts: impl IntoIterator<Item = Soles>) -> Soles {
    Soles::sum(amounts).unwrap()
}

/// The totals of `day` computed from the seed alone, as the module doc defines them.
fn seed_totals(day: Date) -> (Soles, Soles, usize) {
    let orders: Vec<_> = demo::financings(TODAY)
        .into_iter()
        .filter(|f| f.payment.is_some_and(|p| p.paid_at.date() == day))
        .collect();
    let purchases = sum(orders.iter().map(|f| f.purchase_total));
    let in_store = sum(orders
        .iter()
        .filter(|f| f.payment.unwrap().origin == PaymentOrigin::External)
        .map(|f| f.downpayment_amount));
    (purchases, in_store, orders.len())
}

/// Checks a detailed summary against its own rows and against the seed.
fn check_day(body: &Value, day: Date) {
    let rows = body["order_detail"].as_array().unwrap();
    let in_store_from_rows = sum(rows
        .iter()
        .filter(|row| row["payment_origin"] == "external")
        .map(|row| soles(&row["amount"])));
    let (purchases, in_store, count) = seed_totals(day);
    assert_eq!(rows.len(), count, "{day}");
    assert_eq!(
        soles(&body["total_paid_in_store"]),
        in_store_from_rows,
        "{day}"
    );
    assert_eq!(soles(&body["total_paid_in_store"]), in_store, "{day}");
    assert_eq!(soles(&body["total_purchases"]), purchases, "{day}");
    assert_eq!(
        soles(&body["total_financed"]),
        purchases.checked_sub(in_store).unwrap(),
        "{day}"
    );
    for row in rows {
        let keys: Vec<_> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["amount", "dni", "order_id", "payment_origin"]);
        assert!(
            ["transfer", "card", "external"].contains(&row["payment_origin"].as_str().unwrap())
        );
        let order_id = row["order_id"].as_str().unwrap();
        assert!(
            order_id.starts_with(&format!("ACZ-{}-", day.year())),
            "{order_id}"
        );
        assert_eq!(order_id.len(), "ACZ-2026-000123".len());
    }
}

#[tokio::test]
async fn today_as_seeded() {
    let sandbox = start().await;
    let body = detail(&sandbox, TODAY).await;
    assert_eq!(
        body,
        json!({
            "total_purchases": 5648.0,
            "total_paid_in_store": 829.8,
            "total_financed": 4818.2,
            "order_detail": [
                {"order_id": "ACZ-2026-000002", "dni": "27182818", "payment_origin": "card", "amount": 299.80},
                {"order_id": "ACZ-2026-000003", "dni": "16180339", "payment_origin": "external", "amount": 650.0},
                {"order_id": "ACZ-2026-000006", "dni": "69314718", "payment_origin": "external", "amount": 179.80},
            ],
        })
    );
    check_day(&body, TODAY);
}

#[tokio::test]
async fn history_days_add_up() {
    let sandbox = start().await;
    for history_day in demo::HISTORY {
        let day = TODAY.saturating_sub(history_day.days_ago.days());
        let body = detail(&sandbox, day).await;
        check_day(&body, day);
        let rows = body["order_detail"].as_array().unwrap();
        assert_eq!(rows.len() as u32, history_day.orders);
        assert!((4..=8).contains(&rows.len()) || rows.len() == 60);
        let origins: std::collections::BTreeSet<_> = rows
            .iter()
            .map(|row| row["payment_origin"].as_str().unwrap())
            .collect();
        assert_eq!(origins.len(), 3, "{day} mixes transfer, card and external");
    }
    let long_day = detail(&sandbox, TODAY.saturating_sub(7.days())).await;
    assert_eq!(long_day["order_detail"].as_array().unwrap().len(), 60);
}

#[tokio::test]
async fn without_detail_only_the_three_totals() {
    let sandbox = start().await;
    let yesterday = TODAY.saturating_sub(1.days()).to_string();
    for (flavor, query) in [
        ("v2", vec![("day", yesterday.as_str())]),
        (
            "mock",
            vec![("day", yesterday.as_str()), ("detail", "false")],
        ),
        ("v2", vec![("day", yesterday.as_str()), ("detail", "False")]),
    ] {
        let totals = summary(&sandbox, flavor, &query).await;
        let mut with_detail = detail(&sandbox, TODAY.saturating_sub(1.days())).await;
        with_detail.as_object_mut().unwrap().remove("order_detail");
        assert_eq!(totals, with_detail);
        assert_eq!(totals.as_object().unwrap().len(), 3);
    }
    for spelling in ["true", "True", "TRUE"] {
        let body = summary(
            &sandbox,
            "mock",
            &[("day", &yesterday), ("detail", spelling)],
        )
        .await;
        assert!(body["order_detail"].is_array(), "{spelling}");
    }
}

#[tokio::test]
async fn a_day_without_orders_is_zero() {
    let sandbox = start().await;
    let body = summary(&sandbox, "v2", &[("day", "2021-06-15"), ("detail", "True")]).await;
    assert_eq!(
        body,
        json!({"total_purchases": 0.0, "total_paid_in_store": 0.0, "total_financed": 0.0, "order_detail": []})
    );
}

#[tokio::test]
async fn a_payment_made_now_appears_today_as_external() {
    let sandbox = start().await;
    let case = demo::DOCS_PAIR;
    Caller::default()
        .post_json(
            &url(&sandbox, "mock", "paid-and-billed"),
            json!({"dni": case.dni, "funding_code": case.funding_code}),
        )
        .await
        .expect_empty_ok();
    let body = detail(&sandbox, TODAY).await;
    let rows = body["order_detail"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let row = rows.iter().find(|row| row["dni"] == case.dni).unwrap();
    assert_eq!(
        *row,
        json!({"order_id": "ACZ-2026-000001", "dni": "14159265", "payment_origin": "external", "amount": 579.98})
    );
    let purchases = sum([
        demo::PAID_ONLINE.purchase_total,
        demo::ALREADY_BILLED.purchase_total,
        demo::OTHER_TILL.purchase_total,
        case.purchase_total,
    ]);
    let in_store = sum([
        demo::ALREADY_BILLED.downpayment_amount,
        demo::OTHER_TILL.downpayment_amount,
        case.downpayment_amount,
    ]);
    assert_eq!(soles(&body["total_purchases"]), purchases);
    assert_eq!(soles(&body["total_paid_in_store"]), in_store);
    assert_eq!(
        soles(&body["total_financed"]),
        purchases.checked_sub(in_store).unwrap()
    );
    // Undo keeps the down payment paid, so the order stays in the day.
    Caller::default()
        .post_json(
            &url(&sandbox, "v2", "undo-billing"),
            json!({"dni": case.dni, "funding_code": case.funding_code}),
        )
        .await
        .expect_empty_ok();
    assert_eq!(detail(&sandbox, TODAY).await, body);
}

#[tokio::test]
async fn the_live_clock_seeds_around_the_real_day() {
    let sandbox = start_with(SandboxConfig::default()).await;
    let today = sandbox.state().today();
    let body = detail(&sandbox, today).await;
    let dnis: Vec<_> = body["order_detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["dni"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        dnis,
        [
            demo::PAID_ONLINE.dni,
            demo::ALREADY_BILLED.dni,
            demo::OTHER_TILL.dni
        ]
    );
}

#[tokio::test]
async fn bad_day_or_detail() {
    let sandbox = start().await;
    let caller = Caller::default();
    let target = url(&sandbox, "v2", "day-summary");
    let day_error = json!({"day": "Not a valid date"});
    for bad_day in [
        "",
        "2026-02-30",
        "2026-13-01",
        "10/03/2026",
        "2026-3-10",
        "20260310",
        "today",
    ] {
        caller
            .get(&target, &[("day", bad_day)])
            .await
            .expect(400, day_error.clone());
    }
    caller.get(&target, &[]).await.expect(400, day_error);
    for bad_detail in ["", "yes", "1", "verdadero"] {
        caller
            .get(&target, &[("day", "2026-03-10"), ("detail", bad_detail)])
            .await
            .expect(400, json!({"detail": "Not a valid boolean"}));
    }
    caller
        .get(
            &url(&sandbox, "mock", "day-summary"),
            &[("day", "2026-03-32"), ("detail", "sí")],
        )
        .await
        .expect(
            400,
            json!({"day": "Not a valid date", "detail": "Not a valid boolean"}),
        );
    // The document's own typo, `?day=...?detail=true`, makes the day unreadable.
    let typo = format!("{}?day=2026-03-10?detail=true", target);
    common::answer(
        reqwest::Client::new()
            .get(typo)
            .bearer_auth(providers::apurata::downpayment::MOCK_TOKEN),
    )
    .await
    .expect(400, json!({"day": "Not a valid date"}));
}
