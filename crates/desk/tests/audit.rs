//! The tamper-evident record: a day of real operations verifies intact; then each kind of tampering an
//! SQLite tool allows (a row edited, deleted, reordered, added; an audit entry edited or deleted) is
//! found and named. And the accountant's CSV for the day.

mod audit_support;

use audit_support::{tamper, verify, worked_day};
use desk::export::ExportCsv;
use till::Mode;
use till::audit::Finding;

#[tokio::test]
async fn an_honest_day_verifies_intact() {
    let dir = worked_day().await;
    let report = verify(dir.path());
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.rows_checked, 4);
    assert_eq!(
        report.entries_checked, 9,
        "the shift's opening, and begin and finish of each operation"
    );
}

#[tokio::test]
async fn an_edited_row_is_named_with_its_field() {
    let dir = worked_day().await;
    tamper(
        dir.path(),
        "UPDATE journal SET state = 'rejected' WHERE id = 2",
    );
    let report = verify(dir.path());
    assert_eq!(
        report.findings,
        vec![Finding::RowEdited {
            id: 2,
            fields: vec!["state".to_owned()]
        }]
    );
}

#[tokio::test]
async fn a_deleted_row_is_named() {
    let dir = worked_day().await;
    tamper(dir.path(), "DELETE FROM journal WHERE id = 3");
    assert_eq!(
        verify(dir.path()).findings,
        vec![Finding::RowDeleted { id: 3 }]
    );
}

#[tokio::test]
async fn reordered_rows_are_named() {
    let dir = worked_day().await;
    tamper(
        dir.path(),
        "UPDATE journal SET id = 100 WHERE id = 2; UPDATE journal SET id = 2 WHERE id = 3; \
         UPDATE journal SET id = 3 WHERE id = 100;",
    );
    let findings = verify(dir.path()).findings;
    let named: Vec<i64> = findings
        .iter()
        .filter_map(|finding| match finding {
            Finding::RowEdited { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    assert_eq!(named, vec![2, 3], "{findings:?}");
}

#[tokio::test]
async fn a_row_added_behind_caja_is_named() {
    let dir = worked_day().await;
    tamper(
        dir.path(),
        "INSERT INTO journal (idempotency_key, mode, kind, customer_field, customer_number, funding_code, \
         state, created_at, lima_day) VALUES ('forged', 'sandbox', 'paid_and_billed', 'dni', '14159265', \
         '1234567', 'confirmed', '2026-11-23T15:00:00Z', '2026-11-23')",
    );
    assert_eq!(
        verify(dir.path()).findings,
        vec![Finding::RowUnsealed { id: 5 }]
    );
}

#[tokio::test]
async fn edited_or_deleted_audit_entries_break_the_chain() {
    let dir = worked_day().await;
    tamper(
        dir.path(),
        "UPDATE audit_log SET content = replace(content, 'confirmed', 'rejected') WHERE seq = 5",
    );
    let findings = verify(dir.path()).findings;
    assert!(
        findings.contains(&Finding::EntryEdited { seq: 5 }),
        "{findings:?}"
    );

    let dir = worked_day().await;
    tamper(dir.path(), "DELETE FROM audit_log WHERE seq = 6");
    let findings = verify(dir.path()).findings;
    assert!(
        findings.contains(&Finding::ChainBroken {
            seq: 7,
            previous_seq: 5
        }),
        "{findings:?}"
    );
}

#[tokio::test]
async fn the_accountant_gets_the_day_as_csv() {
    let dir = worked_day().await;
    let staff = till::Staff::open(dir.path()).unwrap();
    let mut csv = Vec::new();
    let rows = staff
        .export_day(Mode::Sandbox, till::clock::lima_today(), &mut csv)
        .unwrap();
    assert_eq!(rows, 4);
    let text = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("operacion_n,fecha_hora_lima,modo,operacion,estado"));
    assert_eq!(lines.len(), 5, "{text}");
    assert!(
        lines[2].contains("Pagado y facturado") && lines[2].contains("579.98"),
        "{text}"
    );
    assert!(
        lines[2].contains("DNI 14****65"),
        "the document is masked: {text}"
    );
    assert!(!text.contains("14159265"));
}
