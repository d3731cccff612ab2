//! The first page: title, store, day, generation time, the mode warning, the cached-copy note, totals.

mod report_common;
use report_common as common;

use common::{DayReport, STORE, generated_at, line_with, pages, render_to_file, summary, words};
use till::Mode;

fn first_page(summary: &till::DaySummary) -> String {
    let report = DayReport {
        store_name: STORE,
        summary,
        operations: &[],
        generated_at: generated_at(),
    };
    pages(&report).remove(0)
}

#[test]
fn accents_and_enye_come_back_intact() {
    let text = first_page(&summary(Mode::Live, common::orders(3)));
    for expected in [
        "Resumen del día — cuadre de caja",
        "Bodega Señor de Muruhuay",
        "domingo 22 de noviembre de 2026",
        "Operaciones de esta caja",
        "Página 1 de 1",
        "N°",
    ] {
        assert!(
            text.contains(expected),
            "«{expected}» missing from:\n{text}"
        );
    }
}

#[test]
fn generation_time_is_printed_on_limas_clock() {
    let text = first_page(&summary(Mode::Live, Vec::new()));
    // generated_at is 19:05 UTC.
    assert!(text.contains("22/11/2026 14:05 (hora de Lima)"), "{text}");
    assert!(!text.contains("19:05"), "{text}");
}

#[test]
fn totals_are_labelled_and_in_store_format() {
    let text = first_page(&summary(Mode::Live, Vec::new()));
    assert!(
        line_with(&text, "Total de compras").contains("S/ 1,234.50"),
        "{text}"
    );
    assert!(
        line_with(&text, "Pagado en tienda").contains("S/ 450.00"),
        "{text}"
    );
    assert!(
        line_with(&text, "Total financiado").contains("S/ 784.50"),
        "{text}"
    );
}

#[test]
fn totals_are_right_aligned() {
    let summary = summary(Mode::Live, Vec::new());
    let report = DayReport {
        store_name: STORE,
        summary: &summary,
        operations: &[],
        generated_at: generated_at(),
    };
    let words = words(&report);
    let right_edges: Vec<f32> = ["1,234.50", "450.00", "784.50"]
        .iter()
        .map(|amount| {
            words
                .iter()
                .find(|w| w.text == *amount)
                .expect(amount)
                .x_max
        })
        .collect();
    let spread = right_edges.iter().cloned().fold(f32::MIN, f32::max)
        - right_edges.iter().cloned().fold(f32::MAX, f32::min);
    assert!(spread < 0.5, "amounts end at {right_edges:?}");
}

#[test]
fn sandbox_and_mock_say_so_in_large_letters_and_live_does_not() {
    let sandbox = first_page(&summary(Mode::Sandbox, Vec::new()));
    assert!(sandbox.contains("SANDBOX"), "{sandbox}");
    assert!(
        sandbox.contains("Datos de prueba: no son ventas reales"),
        "{sandbox}"
    );

    let mock = first_page(&summary(Mode::Mock, Vec::new()));
    assert!(mock.contains("MOCK"), "{mock}");
    assert!(
        mock.contains("Datos de prueba: no son ventas reales"),
        "{mock}"
    );

    let live = first_page(&summary(Mode::Live, Vec::new()));
    assert!(
        !live.contains("SANDBOX") && !live.contains("MOCK"),
        "{live}"
    );
    assert!(!live.to_lowercase().contains("prueba"), "{live}");
}

#[test]
fn the_mode_label_is_large() {
    let summary = summary(Mode::Sandbox, Vec::new());
    let report = DayReport {
        store_name: STORE,
        summary: &summary,
        operations: &[],
        generated_at: generated_at(),
    };
    let words = words(&report);
    let height = |w: &common::Word| w.y_max - w.y_min;
    let label = words
        .iter()
        .find(|w| w.text == "SANDBOX")
        .expect("SANDBOX printed");
    let title = words
        .iter()
        .find(|w| w.text == "Resumen")
        .expect("title printed");
    // Taller than the 18 pt title: it is the biggest thing on the page.
    assert!(
        height(label) > height(title) * 1.5,
        "{label:?} vs {title:?}"
    );
}

#[test]
fn a_cached_copy_says_when_it_was_saved_and_a_fresh_one_does_not() {
    let mut cached = summary(Mode::Live, Vec::new());
    cached.from_cache = true;
    let text = first_page(&cached);
    // fetched_at is 18:40 UTC.
    assert!(
        text.contains("Copia guardada el 22/11/2026 13:40: el proveedor no respondió"),
        "{text}"
    );

    let fresh = first_page(&summary(Mode::Live, Vec::new()));
    assert!(!fresh.contains("Copia guardada"), "{fresh}");
    assert!(!fresh.contains("no respondió"), "{fresh}");
}

#[test]
fn an_empty_day_says_so_and_keeps_the_signature_lines() {
    let text = first_page(&summary(Mode::Live, Vec::new()));
    assert!(text.contains("Sin pedidos financiados este día"), "{text}");
    assert!(
        text.contains("Sin operaciones registradas en esta caja"),
        "{text}"
    );
    assert!(text.contains("Firma del cajero"), "{text}");
    assert!(text.contains("Firma del supervisor"), "{text}");
}

#[test]
fn the_file_is_a4_portrait() {
    let summary = summary(Mode::Live, Vec::new());
    let report = DayReport {
        store_name: STORE,
        summary: &summary,
        operations: &[],
        generated_at: generated_at(),
    };
    let (_dir, path) = render_to_file(&report);
    let info = common::pdf_info(&path);
    assert!(
        line_with(&info, "Page size").contains("595.276 x 841.89"),
        "{info}"
    );
    assert!(line_with(&info, "Pages").contains('1'), "{info}");
}
