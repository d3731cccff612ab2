//! "Operaciones de esta caja": the till's own journal rows of the day.

mod report_common;
use desk::Label;
use report_common as common;

use common::{DayReport, STORE, entry, generated_at, line_with, pages, summary};
use desk::day_sheet::DaySheetError;
use till::{CustomerId, Mode, OperationKind, OperationState, Soles};

fn journal() -> Vec<till::JournalEntry> {
    // Given out of order: the report prints them oldest first.
    let mut rejected = entry(
        3,
        Mode::Live,
        "2026-11-22T16:20:00Z",
        OperationKind::PaidAndBilled,
        OperationState::Rejected,
    );
    rejected.reason = Some("Not billed yet".to_owned());
    rejected.customer = CustomerId::Ruc("10456789019".parse().unwrap());
    rejected.downpayment_amount = None;
    let mut unknown = entry(
        4,
        Mode::Live,
        "2026-11-22T17:45:00Z",
        OperationKind::UndoBilling,
        OperationState::Unknown,
    );
    unknown.reason = Some(format!("tiempo de espera agotado {}", "x".repeat(400)));
    let mut confirmed_with_stale_reason = entry(
        2,
        Mode::Live,
        "2026-11-22T15:30:00Z",
        OperationKind::PaidAndBilled,
        OperationState::Confirmed,
    );
    confirmed_with_stale_reason.reason = Some("ignorado".to_owned());
    let check = entry(
        1,
        Mode::Live,
        "2026-11-22T14:15:00Z",
        OperationKind::Check,
        OperationState::Confirmed,
    );
    vec![unknown, rejected, check, confirmed_with_stale_reason]
}

fn text_of(operations: &[till::JournalEntry]) -> String {
    let summary = summary(Mode::Live, common::orders(2));
    let report = DayReport {
        store_name: STORE,
        summary: &summary,
        operations,
        generated_at: generated_at(),
    };
    pages(&report).concat()
}

#[test]
fn journal_rows_are_listed_oldest_first_in_lima_time() {
    let text = text_of(&journal());
    let section = &text[text.find("Operaciones de esta caja").unwrap()..];
    assert!(section.contains("4 operaciones"), "{section}");
    let hours: Vec<usize> = ["09:15", "10:30", "11:20", "12:45"]
        .iter()
        .map(|hour| {
            section
                .find(hour)
                .unwrap_or_else(|| panic!("{hour} missing:\n{section}"))
        })
        .collect();
    assert!(
        hours.windows(2).all(|pair| pair[0] < pair[1]),
        "not in time order:\n{section}"
    );
}

#[test]
fn each_row_shows_operation_code_document_state_and_down_payment() {
    let text = text_of(&journal());
    // The words are the till's own (`label_es`), so the report and the screen say the same thing.
    let confirmed = OperationState::Confirmed.label_es();
    let check = line_with(&text, "9000001");
    for expected in [
        "09:15",
        OperationKind::Check.label_es(),
        "DNI 14****65",
        confirmed,
        "S/ 299.90",
    ] {
        assert!(check.contains(expected), "«{expected}» not in «{check}»");
    }
    let rejected = line_with(&text, "9000003");
    let refused = OperationState::Rejected.label_es();
    for expected in [
        OperationKind::PaidAndBilled.label_es(),
        "RUC 10*******19",
        refused,
        "—",
    ] {
        assert!(
            rejected.contains(expected),
            "«{expected}» not in «{rejected}»"
        );
    }
    let unknown = line_with(&text, "9000004");
    assert!(
        unknown.contains(OperationKind::UndoBilling.label_es()),
        "{unknown}"
    );
    assert!(
        unknown.contains(OperationState::Unknown.label_es()),
        "{unknown}"
    );
    assert!(
        !text.contains("14159265") && !text.contains("10456789019"),
        "document printed whole:\n{text}"
    );
}

#[test]
fn reasons_show_for_rejected_and_unknown_only_and_long_ones_are_cut() {
    let text = text_of(&journal());
    assert!(text.contains("Motivo: Not billed yet"), "{text}");
    let unknown_reason = line_with(&text, "Motivo: tiempo de espera agotado");
    assert!(unknown_reason.trim_end().ends_with('…'), "{unknown_reason}");
    assert!(
        !text.contains(&"x".repeat(400)),
        "the long reason was printed whole"
    );
    assert!(
        !text.contains("ignorado"),
        "a confirmed row's reason was printed:\n{text}"
    );
}

#[test]
fn no_operations_says_so() {
    let text = text_of(&[]);
    assert!(
        text.contains("Sin operaciones registradas en esta caja"),
        "{text}"
    );
}

#[test]
fn operations_of_another_mode_are_refused() {
    let summary = summary(Mode::Live, Vec::new());
    let mut operations = journal();
    operations[1].mode = Mode::Sandbox;
    let report = DayReport {
        store_name: STORE,
        summary: &summary,
        operations: &operations,
        generated_at: generated_at(),
    };
    let error = common::render(&report).unwrap_err();
    assert!(matches!(
        error,
        DaySheetError::ModeMismatch {
            report: Mode::Live,
            operation: Mode::Sandbox
        }
    ));
    assert_eq!(error.code(), "report_mode_mismatch");
}

#[test]
fn down_payments_print_in_store_format() {
    let mut operations = journal();
    operations[2].downpayment_amount = Some(Soles::from_centimos(123_456));
    let text = text_of(&operations);
    assert!(
        line_with(&text, "9000001").contains("S/ 1,234.56"),
        "{text}"
    );
}
