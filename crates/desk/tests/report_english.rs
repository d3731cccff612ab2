//! The day summary in English: every word the sheet prints follows the till's language, and every
//! figure stays exactly as in Spanish (money, masked documents, Lima times are not words).

mod report_common;
use desk::Label;
use report_common as common;

use common::{DayReport, STORE, entry, generated_at, line_with, pages, pages_in, summary};
use desk::Lang;
use till::{Mode, OperationKind, OperationState};

fn both(summary: &till::DaySummary, operations: &[till::JournalEntry]) -> (String, String) {
    let report = DayReport {
        store_name: STORE,
        summary,
        operations,
        generated_at: generated_at(),
    };
    (
        pages(&report).concat(),
        pages_in(&report, Lang::En).concat(),
    )
}

fn journal() -> Vec<till::JournalEntry> {
    let mut rejected = entry(
        2,
        Mode::Sandbox,
        "2026-11-22T16:20:00Z",
        OperationKind::PaidAndBilled,
        OperationState::Rejected,
    );
    rejected.reason = Some("Not billed yet".to_owned());
    let check = entry(
        1,
        Mode::Sandbox,
        "2026-11-22T14:15:00Z",
        OperationKind::Check,
        OperationState::Confirmed,
    );
    vec![rejected, check]
}

#[test]
fn an_english_till_prints_english_words() {
    let mut day = summary(Mode::Sandbox, common::orders(3));
    day.from_cache = true;
    let (_, english) = both(&day, &journal());
    for expected in [
        "Day summary — till balancing",
        "Store:",
        "Sunday 22 November 2026",
        "sandbox (Caja's simulator, test data)",
        "22/11/2026 14:05 (Lima time)",
        "as of 22/11/2026 13:40",
        "Test data: not real sales",
        "SANDBOX — test data",
        "Saved copy from 22/11/2026 13:40: the provider did not answer",
        "Day totals",
        "Total purchases",
        "Order detail",
        "3 orders",
        "Payment origin",
        "Operations at this till",
        "2 operations",
        "Down payment",
        OperationKind::Check.label(Lang::En),
        OperationState::Rejected.label(Lang::En),
        "Reason: Not billed yet",
        "Cashier's signature",
        "Supervisor's signature",
        "Name:",
        "Page 1 of 1",
    ] {
        assert!(
            english.contains(expected),
            "«{expected}» missing from:\n{english}"
        );
    }
    for spanish in [
        "Resumen",
        "Tienda",
        "domingo",
        "hora de Lima",
        "Datos de prueba",
        "Copia guardada",
        "pedidos",
        "operaciones",
        "Transferencia",
        "Tarjeta",
        "En tienda",
        "Motivo",
        "Firma",
        "Nombre",
        "Página",
    ] {
        assert!(
            !english.contains(spanish),
            "«{spanish}» in English:\n{english}"
        );
    }
}

#[test]
fn figures_are_the_same_in_both_languages() {
    let day = summary(Mode::Live, common::orders(3));
    let (spanish, english) = both(&day, &journal_of(Mode::Live));
    for figure in [
        "S/ 1,234.50",
        "S/ 450.00",
        "S/ 784.50",
        "S/ 299.90",
        "PED-000002",
        "41****14",
        "DNI 14****65",
        "09:15",
        "9000001",
    ] {
        assert!(spanish.contains(figure), "«{figure}» not in:\n{spanish}");
        assert!(english.contains(figure), "«{figure}» not in:\n{english}");
    }
    assert!(
        line_with(&english, "Total financed").contains("S/ 784.50"),
        "{english}"
    );
}

fn journal_of(mode: Mode) -> Vec<till::JournalEntry> {
    journal()
        .into_iter()
        .map(|mut entry| {
            entry.mode = mode;
            entry
        })
        .collect()
}
