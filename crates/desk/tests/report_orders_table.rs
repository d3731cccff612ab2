//! The detail table: masked DNIs, origins in words, right-aligned amounts, and pagination of long days.

mod report_common;
use report_common as common;

use common::{DayReport, STORE, generated_at, order_id, orders, pages, summary, words};
use till::{Mode, PaymentOrigin};

#[test]
fn dnis_are_masked_and_never_printed_whole() {
    let mut orders = orders(3);
    orders[0].dni = "14159265".to_owned();
    let summary = summary(Mode::Live, orders.clone());
    let report = DayReport {
        store_name: STORE,
        summary: &summary,
        operations: &[],
        generated_at: generated_at(),
    };
    let text = pages(&report).concat();
    assert!(text.contains("14****65"), "{text}");
    for order in &orders {
        assert!(
            !text.contains(&order.dni),
            "DNI {} printed whole:\n{text}",
            order.dni
        );
    }
}

#[test]
fn payment_origins_are_in_words_on_their_order_row() {
    let orders = orders(3);
    let summary = summary(Mode::Live, orders.clone());
    let report = DayReport {
        store_name: STORE,
        summary: &summary,
        operations: &[],
        generated_at: generated_at(),
    };
    let text = pages(&report).concat();
    for order in &orders {
        let words = match order.payment_origin {
            PaymentOrigin::Transfer => "Transferencia",
            PaymentOrigin::Card => "Tarjeta",
            PaymentOrigin::External => "En tienda",
        };
        let line = common::line_with(&text, &order.order_id);
        assert!(line.contains(words), "{line}");
        assert!(line.contains(&order.amount.to_string()), "{line}");
    }
    assert!(
        !text.contains("External") && !text.contains("Transfer "),
        "{text}"
    );
}

#[test]
fn amounts_are_right_aligned_in_their_column() {
    let mut orders = orders(4);
    orders[0].amount = till::Soles::from_centimos(5);
    orders[1].amount = till::Soles::from_centimos(123_456_789);
    let summary = summary(Mode::Live, orders.clone());
    let report = DayReport {
        store_name: STORE,
        summary: &summary,
        operations: &[],
        generated_at: generated_at(),
    };
    let words = words(&report);
    let edges: Vec<f32> = orders
        .iter()
        .map(|order| {
            let amount = order.amount.to_string();
            let digits = amount.trim_start_matches("S/ ");
            words
                .iter()
                .find(|w| w.text == digits)
                .unwrap_or_else(|| panic!("{digits}"))
                .x_max
        })
        .collect();
    let spread = edges.iter().cloned().fold(f32::MIN, f32::max)
        - edges.iter().cloned().fold(f32::MAX, f32::min);
    assert!(spread < 0.5, "amounts end at {edges:?}");
}

#[test]
fn a_long_day_runs_over_numbered_pages_with_every_order_once() {
    let count = 500;
    let summary = summary(Mode::Sandbox, orders(count));
    let report = DayReport {
        store_name: STORE,
        summary: &summary,
        operations: &[],
        generated_at: generated_at(),
    };
    let pages = pages(&report);
    let total = pages.len();
    assert!(total >= 5, "500 rows on only {total} pages");

    for (index, page) in pages.iter().enumerate() {
        let footer = format!("Página {} de {total}", index + 1);
        assert!(
            page.contains(&footer),
            "page {} lacks «{footer}»:\n{page}",
            index + 1
        );
        // Every page says it is test data, not only the first.
        assert!(
            page.contains("SANDBOX"),
            "page {} lacks the mode:\n{page}",
            index + 1
        );
    }
    for (index, page) in pages.iter().enumerate().skip(1) {
        let number = index + 1;
        assert!(
            page.contains("Bodega Señor de Muruhuay — Resumen del día 22/11/2026"),
            "page {number}:\n{page}"
        );
        if page.contains("PED-") {
            assert!(
                page.contains("Origen del pago"),
                "page {number} lacks the column header:\n{page}"
            );
        }
    }

    let tokens: Vec<&str> = pages
        .iter()
        .flat_map(|page| page.split_whitespace())
        .collect();
    for n in 1..=count {
        let id = order_id(n);
        let times = tokens.iter().filter(|token| **token == id).count();
        assert_eq!(times, 1, "{id} printed {times} times");
    }
    // Rows stay in the provider's order, numbered without gaps.
    let numbered: Vec<usize> = pages
        .iter()
        .flat_map(|page| page.lines())
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let number = parts.next()?.parse().ok()?;
            parts
                .next()
                .filter(|id| id.starts_with("PED-"))
                .map(|_| number)
        })
        .collect();
    assert_eq!(numbered, (1..=count).collect::<Vec<_>>());
}

#[test]
fn ten_thousand_rows_render() {
    let summary = summary(Mode::Live, orders(10_000));
    let report = DayReport {
        store_name: STORE,
        summary: &summary,
        operations: &[],
        generated_at: generated_at(),
    };
    let (_dir, path) = common::render_to_file(&report);
    let info = common::pdf_info(&path);
    let page_count: usize = common::line_with(&info, "Pages:")
        .trim_start_matches("Pages:")
        .trim()
        .parse()
        .unwrap();
    assert!(page_count > 150, "{page_count} pages");
}
