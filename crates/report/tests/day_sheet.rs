//! The layout prints a hand-built sheet as given: every text in its place, nothing of its own (the words
//! here are made up on purpose, so a word the crate still wrote by itself would show). The PDF is read
//! back with poppler's `pdftotext`, the way a person's viewer reads it.

use std::process::Command;

use report::{DaySheet, OperationRow, SheetWords, TestData, Totals};

fn words() -> SheetWords {
    let text = |s: &str| s.to_owned();
    SheetWords {
        title: text("Tally of the day"),
        brand: text("Brand mark"),
        store_label: text("Shop:"),
        day_label: text("Date:"),
        mode_label: text("Kind:"),
        generated_label: text("Made:"),
        figures_label: text("Figures:"),
        totals_title: text("Sums"),
        totals_aside: text("per provider"),
        purchases_label: text("Bought"),
        paid_in_store_label: text("Paid here"),
        financed_label: text("Lent"),
        orders_title: text("Order lines"),
        order_columns: ["#", "Ref", "Doc", "Via", "Sum"].map(text),
        no_orders: text("Nothing sold"),
        operations_title: text("Till lines"),
        operation_columns: ["At", "What", "Code", "Doc", "How", "Paid"].map(text),
        no_operations: text("Nothing done"),
        cashier_signature: text("Cashier signs"),
        supervisor_signature: text("Boss signs"),
        signer_name: text("Who:"),
        page_number: text("Sheet {page} of {pages}"),
    }
}

fn sheet(orders: usize) -> DaySheet {
    DaySheet {
        store_name: "Shop Ñandú".to_owned(),
        day: "the 22nd".to_owned(),
        mode: "pretend".to_owned(),
        generated: "at noon".to_owned(),
        figures_fetched: "since dawn".to_owned(),
        test_data: Some(TestData {
            label: "PRETEND".to_owned(),
            note: "Not real".to_owned(),
            detail: "Do not file".to_owned(),
            page_notice: "PRETEND everywhere".to_owned(),
        }),
        cached_copy: Some("An old copy".to_owned()),
        totals: Totals {
            purchases: "S/ 1,234.50".to_owned(),
            paid_in_store: "S/ 450.00".to_owned(),
            financed: "S/ 784.50".to_owned(),
        },
        orders_count: format!("{orders} lines"),
        orders: (1..=orders)
            .map(|n| {
                [
                    n.to_string(),
                    format!("REF-{n:04}"),
                    "12****78".to_owned(),
                    "By hand".to_owned(),
                    "S/ 10.00".to_owned(),
                ]
            })
            .collect(),
        operations_count: "1 line".to_owned(),
        operations: vec![OperationRow {
            cells: ["09:15", "Looked", "FC1", "DNI 12****78", "refused", "—"].map(str::to_owned),
            note: Some("Because: no".to_owned()),
        }],
        running_header: "Shop Ñandú, the 22nd".to_owned(),
        footer: "Made at noon".to_owned(),
        document_title: "Tally".to_owned(),
        generated_at: "2026-11-22T19:05:00Z".parse().unwrap(),
        words: words(),
        credit_sales: report::CreditSales::default(),
    }
}

/// The text of each page, as `pdftotext -layout` lays it out.
fn pages(sheet: &DaySheet) -> Vec<String> {
    let bytes = report::render_day_summary(sheet).expect("the sheet renders");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext must be installed (poppler-utils)");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

#[test]
fn every_text_given_is_printed_and_no_other_word() {
    let sheet = sheet(3);
    let pages = pages(&sheet);
    assert_eq!(pages.len(), 1, "{pages:?}");
    let text = &pages[0];
    for expected in [
        "Tally of the day",
        "Brand mark",
        "PRETEND",
        "Not real",
        "Do not file",
        "Shop:",
        "Shop Ñandú",
        "Date:",
        "the 22nd",
        "Kind:",
        "pretend",
        "Made:",
        "at noon",
        "Figures:",
        "since dawn",
        "An old copy",
        "Sums",
        "per provider",
        "Bought",
        "S/ 1,234.50",
        "Paid here",
        "Lent",
        "S/ 784.50",
        "Order lines",
        "3 lines",
        "Via",
        "REF-0003",
        "By hand",
        "Till lines",
        "DNI 12****78",
        "Because: no",
        "Cashier signs",
        "Boss signs",
        "Who:",
        "Made at noon",
        "PRETEND everywhere",
        "Sheet 1 of 1",
    ] {
        assert!(
            text.contains(expected),
            "«{expected}» missing from:\n{text}"
        );
    }
    // The words the layout used to write by itself are gone.
    for spanish in [
        "Página",
        "Resumen",
        "Firma",
        "Nombre",
        "Tienda",
        "hora de Lima",
    ] {
        assert!(!text.contains(spanish), "«{spanish}» printed:\n{text}");
    }
}

#[test]
fn real_sales_have_no_banner_and_empty_sections_say_so() {
    let mut sheet = sheet(0);
    sheet.test_data = None;
    sheet.cached_copy = None;
    sheet.operations.clear();
    let text = pages(&sheet).concat();
    for absent in ["PRETEND", "Not real", "An old copy", "REF-"] {
        assert!(!text.contains(absent), "«{absent}» printed:\n{text}");
    }
    assert!(text.contains("Nothing sold"), "{text}");
    assert!(text.contains("Nothing done"), "{text}");
}

#[test]
fn a_long_sheet_numbers_its_pages_and_repeats_headers() {
    let pages = pages(&sheet(200));
    let total = pages.len();
    assert!(total >= 3, "200 rows on {total} pages");
    for (index, page) in pages.iter().enumerate() {
        let number = format!("Sheet {} of {total}", index + 1);
        assert!(
            page.contains(&number),
            "page {} lacks «{number}»",
            index + 1
        );
        assert!(page.contains("PRETEND everywhere"), "page {}", index + 1);
        if index > 0 {
            assert!(page.contains("Shop Ñandú, the 22nd"), "page {}", index + 1);
            if page.contains("REF-") {
                assert!(
                    page.contains("Via"),
                    "page {} lacks the column header",
                    index + 1
                );
            }
        }
    }
}
