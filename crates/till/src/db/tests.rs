//! The schema's migrations on real files: each step, old rows sealed as they were, newer files refused.

use super::*;

#[test]
fn migrations_are_valid() {
    migrations().validate().unwrap();
}

#[test]
fn every_step_migrates_and_keeps_version() {
    let dir = tempfile::tempdir().unwrap();
    let connection = open(dir.path()).unwrap();
    let version: i64 = connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, schema_version() as i64);
    let mode: String = connection
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(connection);
    // Opening again is a no-op.
    open(dir.path()).unwrap();
}

#[test]
fn each_step_applies_on_top_of_the_previous_one() {
    let mut connection = Connection::open_in_memory().unwrap();
    for version in 1..=schema_version() {
        migrations().to_version(&mut connection, version).unwrap();
        let current: i64 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(current, version as i64);
    }
    let tables: i64 = connection
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN \
             ('journal', 'day_summary', 'day_summary_order', 'person', 'audit_log')",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(tables, 5);
}

#[test]
fn rows_journaled_before_the_audit_chain_are_sealed_by_its_migration() {
    let dir = tempfile::tempdir().unwrap();
    let mut connection = Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    migrations().to_version(&mut connection, 2).unwrap();
    connection
        .execute(
            "INSERT INTO journal (idempotency_key, mode, kind, customer_field, customer_number, \
             funding_code, state, created_at, lima_day) VALUES ('old', 'live', 'check', 'dni', \
             '14159265', '1234567', 'confirmed', '2026-11-20T15:00:00Z', '2026-11-20')",
            [],
        )
        .unwrap();
    drop(connection);
    let connection = open(dir.path()).unwrap();
    let report = crate::audit::verify(&connection).unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!((report.rows_checked, report.entries_checked), (1, 1));
}

#[test]
fn a_till_upgraded_to_the_anchor_keeps_its_people_and_settings_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let mut connection = Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    migrations().to_version(&mut connection, 3).unwrap();
    connection
        .execute(
            "INSERT INTO person (name, role, pin_hash, created_at) VALUES ('Rosa Quispe', \
             'supervisor', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', '2026-11-20T15:00:00Z')",
            [],
        )
        .unwrap();
    drop(connection);
    std::fs::write(
        dir.path().join(crate::settings_seal::SETTINGS_FILE),
        r#"{"storeName": "Bodega"}"#,
    )
    .unwrap();
    let connection = open(dir.path()).unwrap();
    let report = crate::audit::verify(&connection).unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.people_checked, 1);
    assert!(dir.path().join(crate::audit::anchor::ANCHOR_FILE).exists());
    assert_eq!(
        crate::settings_seal::state(dir.path()).unwrap(),
        crate::settings_seal::SettingsSeal::Intact
    );
}

#[test]
fn refuses_a_newer_database() {
    let dir = tempfile::tempdir().unwrap();
    let connection = open(dir.path()).unwrap();
    connection.pragma_update(None, "user_version", 99).unwrap();
    drop(connection);
    let error = open(dir.path()).unwrap_err();
    assert_eq!(error.code(), "newer_database");
    assert!(
        matches!(error, TillError::NewerDatabase { found: 99, .. }),
        "{error}"
    );
}

#[test]
fn amounts_cannot_be_stored_as_real() {
    let dir = tempfile::tempdir().unwrap();
    let connection = open(dir.path()).unwrap();
    let result = connection.execute(
        "INSERT INTO day_summary VALUES ('live', '2026-11-22', 1.5, 0, 0, 'x')",
        [],
    );
    assert!(result.is_err(), "a REAL amount must be refused");
}

#[test]
fn payments_journaled_before_tenders_read_back_with_no_tender_and_stay_sealed() {
    let dir = tempfile::tempdir().unwrap();
    let mut connection = Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    migrations().to_version(&mut connection, 4).unwrap();
    connection
        .execute(
            "INSERT INTO journal (idempotency_key, mode, kind, customer_field, customer_number, \
             funding_code, state, downpayment_centimos, created_at, lima_day) VALUES ('old', 'live', \
             'paid_and_billed', 'dni', '14159265', '1234567', 'confirmed', 57998, \
             '2026-11-20T15:00:00Z', '2026-11-20')",
            [],
        )
        .unwrap();
    let transaction = connection.transaction().unwrap();
    crate::audit::seal_journal_row(&transaction, 1).unwrap();
    crate::audit::commit(transaction).unwrap();
    drop(connection);
    let connection = open(dir.path()).unwrap();
    let report = crate::audit::verify(&connection).unwrap();
    assert!(report.is_intact(), "{report:?}");
    let rows = crate::journal::list(&connection, crate::mode::Mode::Live, None).unwrap();
    assert_eq!(rows[0].tender(), crate::tender::Tender::Unknown);
    assert_eq!((rows[0].shift_id, rows[0].collect), (None, None));
    assert_eq!(rows[0].collected(), providers::Soles::from_centimos(57_998));
}

#[test]
fn the_central_step_adds_its_tables_and_no_place_for_a_secret() {
    let mut connection = Connection::open_in_memory().unwrap();
    migrations()
        .to_version(&mut connection, schema_version() - 1)
        .unwrap();
    migrations().to_latest(&mut connection).unwrap();
    let columns: Vec<String> = connection
        .prepare(
            "SELECT m.name || '.' || p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p \
             WHERE m.name LIKE 'central_%' ORDER BY 1",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        columns.contains(&"central_cursor.pushed_seq".to_owned()),
        "{columns:?}"
    );
    assert!(
        columns.contains(&"central_z_sent.verified".to_owned()),
        "{columns:?}"
    );
    assert!(
        columns.contains(&"central_link.base_url".to_owned()),
        "{columns:?}"
    );
    assert!(
        columns
            .iter()
            .all(|column| !column.contains("key") && !column.contains("secret")),
        "{columns:?}"
    );
}
