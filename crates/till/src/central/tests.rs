//! The Central link, cursor and reads on a real SQLite file.

use super::*;

fn database() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let connection = crate::db::open(dir.path()).unwrap();
    (dir, connection)
}

fn add_entry(db: &Connection, seq: i64) {
    db.execute(
        "INSERT INTO audit_log (seq, at, subject, subject_id, content, prev_hash, hash) \
         VALUES (?1, '2026-11-30T15:00:00Z', 'journal', ?1, ?2, 'p', 'h')",
        params![seq, format!("{{\"n\":{seq}}}")],
    )
    .unwrap();
}

fn add_z(db: &Connection, number: i64) {
    db.execute(
        "INSERT INTO shift (mode, state, opened_at, lima_day) VALUES ('sandbox', 'closed', \
         '2026-11-30T13:00:00Z', '2026-11-30')",
        [],
    )
    .unwrap();
    let shift = db.last_insert_rowid();
    db.execute(
        "INSERT INTO z_report (mode, number, shift_id, closed_at, snapshot) VALUES ('sandbox', ?1, \
         ?2, '2026-11-30T20:00:00Z', ?3)",
        params![number, shift, format!("{{ \"z\": {number} }}")],
    )
    .unwrap();
}

#[test]
fn entries_after_come_in_seq_order_bounded_and_as_stored() {
    let (_dir, db) = database();
    for seq in [3, 1, 2, 5, 4] {
        add_entry(&db, seq);
    }
    let read = entries_after(&db, 1, 3).unwrap();
    let seqs: Vec<i64> = read.iter().map(|entry| entry.seq).collect();
    assert_eq!(seqs, [2, 3, 4]);
    assert_eq!(read[0].content, "{\"n\":2}");
    assert_eq!(
        (read[0].prev_hash.as_str(), read[0].hash.as_str()),
        ("p", "h")
    );
    assert_eq!(count_after(&db, 3).unwrap(), 2);
    assert!(entries_after(&db, 5, 500).unwrap().is_empty());
}

#[test]
fn the_cursor_follows_acknowledgements_and_keeps_the_last_error() {
    let (_dir, db) = database();
    assert_eq!(cursor(&db).unwrap(), CentralCursor::default());
    let at: Timestamp = "2026-11-30T15:00:00Z".parse().unwrap();
    record_push(&db, 7, at).unwrap();
    record_error(&db, Some("unreachable")).unwrap();
    let now = cursor(&db).unwrap();
    assert_eq!((now.pushed_seq, now.last_push_at), (7, Some(at)));
    assert_eq!(now.last_error.as_deref(), Some("unreachable"));
    record_push(&db, 9, at).unwrap();
    assert_eq!(cursor(&db).unwrap().last_error, None);
    record_relay(&db, 4).unwrap();
    record_relay(&db, 2).unwrap();
    assert_eq!(cursor(&db).unwrap().relay_after, 4, "never goes back");
}

#[test]
fn zs_are_unsent_until_recorded_with_their_snapshot_as_stored() {
    let (_dir, db) = database();
    add_z(&db, 1);
    add_z(&db, 2);
    let unsent = unsent_zs(&db).unwrap();
    assert_eq!(unsent.len(), 2);
    assert_eq!(unsent[0].snapshot, "{ \"z\": 1 }");
    record_z(&db, "sandbox", 1, true).unwrap();
    let unsent = unsent_zs(&db).unwrap();
    assert_eq!((unsent.len(), unsent[0].number), (1, 2));
    assert_eq!(zs_sent(&db).unwrap(), (1, 1));
}

#[test]
fn enrolling_elsewhere_starts_the_cursor_afresh() {
    let (_dir, mut db) = database();
    let mut place = CentralLink {
        base_url: "https://central.example".into(),
        plain_http_anywhere: false,
        store: "T01".into(),
        till: "C1".into(),
        store_name: "Miraflores".into(),
        enrolled_at: "2026-11-30T15:00:00Z".parse().unwrap(),
    };
    save_link(&mut db, &place).unwrap();
    record_push(&db, 12, Timestamp::now()).unwrap();
    save_link(&mut db, &place).unwrap();
    assert_eq!(
        cursor(&db).unwrap().pushed_seq,
        12,
        "the same place keeps it"
    );
    assert_eq!(link(&db).unwrap(), Some(place.clone()));
    place.base_url = "https://other.example".into();
    save_link(&mut db, &place).unwrap();
    assert_eq!(cursor(&db).unwrap().pushed_seq, 0);
}
