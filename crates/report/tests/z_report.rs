//! The Z report prints a hand-built sheet as given: every text in its place and in its order, amounts
//! lined up at the right, a reprint marked on every page, test data bannered, long tables over several
//! pages with their header repeated. The PDF is read back with poppler's `pdftotext -layout` (and its
//! page count with `pdfinfo`), the way a person's viewer reads it.

mod readback;

use readback::in_order;
use report::{Emphasis, TestData, ZRow, ZSection, ZSheet, ZVerdict};

fn text(s: &str) -> String {
    s.to_owned()
}

fn row(cells: &[&str], emphasis: Emphasis, note: Option<&str>) -> ZRow {
    ZRow {
        cells: cells.iter().map(|c| text(c)).collect(),
        note: note.map(text),
        emphasis,
    }
}

fn section(title: &str, columns: &[&str], numeric_from: usize, rows: Vec<ZRow>) -> ZSection {
    ZSection {
        title: text(title),
        aside: None,
        columns: columns.iter().map(|c| text(c)).collect(),
        numeric_from,
        rows,
        empty: text("Nothing in it"),
    }
}

/// A sheet whose words are made up, so a word the layout wrote by itself would show.
fn sheet() -> ZSheet {
    ZSheet {
        store_name: text("Shop Ñandú"),
        title: text("Closing Z N.º 000012"),
        brand: text("Brand mark"),
        reprint: None,
        test_data: None,
        facts: vec![
            (text("Shop:"), text("Shop Ñandú")),
            (text("Shift:"), text("N.º 5")),
            (text("Opened:"), text("30/11/2026 08:00 by Ana")),
        ],
        sections: vec![
            ZSection {
                aside: Some(text("counted at six")),
                ..section(
                    "Cash drawer",
                    &["Piece", "Count", "Sum"],
                    1,
                    vec![
                        row(&["Note of 100", "7", "S/ 700.00"], Emphasis::Normal, None),
                        row(&["Coin of 5", "9", "S/ 45.00"], Emphasis::Normal, None),
                        row(&["All cash", "16", "S/ 1,234.50"], Emphasis::Total, None),
                    ],
                )
            },
            section(
                "By means",
                &["Means", "Expected", "Counted", "Gap"],
                1,
                vec![
                    row(
                        &["Cash", "S/ 1,247.00", "S/ 1,234.50", "-S/ 12.50"],
                        Emphasis::Difference,
                        Some("Change given twice at noon"),
                    ),
                    row(
                        &["Card", "S/ 300.00", "S/ 300.00", "S/ 0.00"],
                        Emphasis::Normal,
                        None,
                    ),
                ],
            ),
            section("Refunds", &["At", "Order", "Sum"], 2, vec![]),
        ],
        verdict: Some(ZVerdict {
            title: text("Boss approved"),
            lines: vec![
                text("Approved by Jorge at 18:04."),
                text("Because: explained."),
            ],
            attention: true,
        }),
        signatures: [text("Cashier signs"), text("Boss signs")],
        signer_name: text("Who:"),
        running_header: text("Shop Ñandú, closing 12"),
        footer: text("Made at six"),
        page_number: text("Sheet {page} of {pages}"),
        document_title: text("Closing 12"),
        generated_at: "2026-11-30T23:05:00Z".parse().unwrap(),
    }
}

/// A section of `count` numbered rows.
fn long_section(count: usize) -> ZSection {
    let rows = (1..=count)
        .map(|n| {
            row(
                &[&format!("LINE-{n:04}"), "Sale", &format!("S/ {n}.00")],
                Emphasis::Normal,
                None,
            )
        })
        .collect();
    section("Many lines", &["Ref", "Kind", "Amount"], 2, rows)
}

fn pages(sheet: &ZSheet) -> Vec<String> {
    readback::pages(&report::render_z_report(sheet).expect("the sheet renders"))
}

fn page_count(sheet: &ZSheet) -> usize {
    readback::page_count(&report::render_z_report(sheet).expect("the sheet renders"))
}

#[test]
fn every_text_given_is_printed_in_order_and_no_other_word() {
    let pages = pages(&sheet());
    assert_eq!(pages.len(), 1, "{pages:?}");
    let text = &pages[0];
    in_order(
        text,
        &[
            "Closing Z N.º 000012",
            "Brand mark",
            "Shop:",
            "Shop Ñandú",
            "Shift:",
            "N.º 5",
            "Opened:",
            "30/11/2026 08:00 by Ana",
            "Cash drawer",
            "counted at six",
            "Piece",
            "Count",
            "Sum",
            "Note of 100",
            "S/ 700.00",
            "Coin of 5",
            "S/ 45.00",
            "All cash",
            "S/ 1,234.50",
            "By means",
            "Means",
            "Expected",
            "Counted",
            "Gap",
            "Cash",
            "-S/ 12.50",
            "Change given twice at noon",
            "Card",
            "S/ 300.00",
            "Refunds",
            "Nothing in it",
            "Boss approved",
            "Approved by Jorge at 18:04.",
            "Because: explained.",
            "Cashier signs",
            "Boss signs",
            "Who:",
            "Made at six",
            "Sheet 1 of 1",
        ],
    );
    for spanish in [
        "Página",
        "Firma",
        "Nombre",
        "Tienda",
        "REIMPRESIÓN",
        "Reporte",
    ] {
        assert!(!text.contains(spanish), "«{spanish}» printed:\n{text}");
    }
}

#[test]
fn money_columns_line_up_at_the_right() {
    let text = pages(&sheet()).concat();
    // Amounts of different lengths in one column end where the others end.
    let end_of = |amount: &str| {
        let line = text
            .lines()
            .find(|line| line.contains(amount))
            .unwrap_or_else(|| panic!("«{amount}» missing:\n{text}"));
        line.find(amount).unwrap() + amount.chars().count()
    };
    let ends: Vec<usize> = ["S/ 700.00", "S/ 45.00", "S/ 1,234.50"]
        .iter()
        .map(|amount| end_of(amount))
        .collect();
    assert!(
        ends.iter().all(|end| end.abs_diff(ends[0]) <= 1),
        "amounts end at {ends:?}:\n{text}"
    );
    // And the count column is right-aligned too, left of the amounts.
    let count_end = end_of(" 16 ");
    assert!(count_end < ends[0], "{text}");
}

#[test]
fn a_reprint_says_so_on_every_page_and_the_original_nowhere() {
    let mut original = sheet();
    original.sections.push(long_section(150));
    let pages_of_original = pages(&original);
    assert!(pages_of_original.len() > 1);
    assert!(
        pages_of_original
            .iter()
            .all(|page| !page.contains("REIMPRESIÓN")),
        "the original says it is a reprint"
    );
    let reprint = ZSheet {
        reprint: Some(text("REIMPRESIÓN — 02/12/2026 09:15")),
        ..original
    };
    let pages = pages(&reprint);
    for (index, page) in pages.iter().enumerate() {
        assert!(
            page.contains("REIMPRESIÓN — 02/12/2026 09:15"),
            "page {} has no reprint mark:\n{page}",
            index + 1
        );
    }
    // The first page carries it twice: the band and the stamp under the title.
    assert_eq!(pages[0].matches("REIMPRESIÓN").count(), 2, "{}", pages[0]);
}

#[test]
fn test_data_is_bannered_and_noticed_on_every_page() {
    let mut sheet = sheet();
    sheet.sections.push(long_section(150));
    let plain = pages(&sheet).concat();
    for absent in ["PRETEND", "Not real"] {
        assert!(!plain.contains(absent), "«{absent}» printed:\n{plain}");
    }
    sheet.test_data = Some(TestData {
        label: text("PRETEND"),
        note: text("Not real"),
        detail: text("Do not file"),
        page_notice: text("PRETEND everywhere"),
    });
    let pages = pages(&sheet);
    // The banner sits between the title and the facts (its large label lower than its two lines).
    let (banner, _) = pages[0].split_once("Shop:").expect("the facts are printed");
    for expected in ["PRETEND", "Not real", "Do not file"] {
        assert!(
            banner.contains(expected),
            "«{expected}» not in the banner:\n{banner}"
        );
    }
    for (index, page) in pages.iter().enumerate() {
        assert!(page.contains("PRETEND everywhere"), "page {}", index + 1);
    }
}

#[test]
fn three_hundred_rows_paginate_with_the_header_repeated() {
    let mut sheet = sheet();
    sheet.sections = vec![long_section(300)];
    let count = page_count(&sheet);
    let pages = pages(&sheet);
    assert_eq!(pages.len(), count);
    assert!(count >= 5, "300 rows on {count} pages");
    for (index, page) in pages.iter().enumerate() {
        let number = format!("Sheet {} of {count}", index + 1);
        assert!(
            page.contains(&number),
            "page {} lacks «{number}»",
            index + 1
        );
        if index > 0 {
            assert!(
                page.contains("Shop Ñandú, closing 12"),
                "page {}",
                index + 1
            );
        }
        if page.contains("LINE-") {
            // The column header, and on later pages the section's title above it.
            in_order(page, &["Many lines", "Ref", "Kind", "Amount", "LINE-"]);
        }
    }
    in_order(&pages[1], &["Shop Ñandú, closing 12", "Many lines", "Ref"]);
    // Every row once, in order, none lost at a page break.
    let all = pages.concat();
    let numbers: Vec<String> = (1..=300).map(|n| format!("LINE-{n:04}")).collect();
    let expected: Vec<&str> = numbers.iter().map(String::as_str).collect();
    in_order(&all, &expected);
    assert_eq!(all.matches("LINE-").count(), 300);
    // The signatures close the last page.
    assert!(pages[count - 1].contains("Cashier signs"));
}

#[test]
fn an_empty_section_prints_its_note_instead_of_a_table() {
    let text = pages(&sheet()).concat();
    in_order(&text, &["Refunds", "Nothing in it", "Boss approved"]);
    // Its column headers are not printed.
    assert!(!text.contains("Order"), "{text}");
}

#[test]
fn spanish_accents_print() {
    let mut sheet = sheet();
    let accents = "Señor Ñique: cuánto, qué, sí, reunión, útil, N.º 5";
    sheet.facts.push((text("Acentos:"), text(accents)));
    sheet.sections[0].rows[0].cells[0] = text("Güero áéíóú ÁÉÍÓÚ ñÑ º");
    let text = pages(&sheet).concat();
    for expected in [accents, "Güero áéíóú ÁÉÍÓÚ ñÑ º"] {
        assert!(text.contains(expected), "«{expected}» missing:\n{text}");
    }
}

#[test]
fn ragged_and_oversized_input_is_cut_to_fit_never_a_panic() {
    let long = "A very long description that could never fit in its column ".repeat(6);
    let amounts: Vec<String> = (1..=5).map(|n| format!("S/ {n},000,000.00")).collect();
    let mut cells = vec!["first"];
    cells.extend(amounts.iter().map(String::as_str));
    let six = row(&cells, Emphasis::Difference, None);
    let mut sheet = sheet();
    sheet.facts.push((long.clone(), text("FACT-VALUE")));
    sheet.sections = vec![
        // Too few cells, too many cells, a long text, an index past the columns.
        section(
            "Ragged",
            &["Ref", "What", "Amount"],
            9,
            vec![
                row(&["SHORT-ROW"], Emphasis::Normal, None),
                row(&["R2", "x", "y", "EXTRA-CELL"], Emphasis::Total, None),
                row(&["R3", &long, "S/ 1.00"], Emphasis::Normal, Some(&long)),
            ],
        ),
        // No column header at all.
        section(
            "Headless",
            &[],
            0,
            vec![row(&["ONLY-CELL"], Emphasis::Normal, None)],
        ),
        // Six columns of wide amounts.
        section("Six", &["A", "B", "C", "D", "E", "F"], 1, vec![six]),
    ];
    let text = pages(&sheet).concat();
    for expected in [
        "FACT-VALUE",
        "SHORT-ROW",
        "R2",
        "R3",
        "…",
        "ONLY-CELL",
        "S/ 5,000,000.00",
        "first",
    ] {
        assert!(text.contains(expected), "«{expected}» missing:\n{text}");
    }
    assert!(!text.contains("EXTRA-CELL"), "{text}");
    assert!(
        !text.contains(long.trim()),
        "the long text was not cut:\n{text}"
    );
}

#[test]
fn a_verdict_without_attention_and_a_long_one_print_every_word() {
    let mut sheet = sheet();
    let reason = "word ".repeat(1500);
    sheet.verdict = Some(ZVerdict {
        title: text("No differences"),
        lines: vec![text("All counted."), reason.clone()],
        attention: false,
    });
    let long = pages(&sheet);
    assert!(long.len() > 1, "a verdict of 1,500 words fits one page?");
    let all = long.concat();
    in_order(
        &all,
        &["No differences", "All counted.", "word", "Cashier signs"],
    );
    assert_eq!(
        all.matches("word").count(),
        1500,
        "words lost in the wrapping"
    );
    sheet.verdict = None;
    let text = pages(&sheet).concat();
    assert!(!text.contains("No differences"), "{text}");
}
