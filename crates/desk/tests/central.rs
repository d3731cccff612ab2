//! The till's side of Caja Central against the stand-in written from the wire contract
//! (`sandbox::central`), with a real SQLite till: enrollment, pushes in acknowledged batches, a failed
//! push that leaves the cursor, Z reports sent once, a relayed aCuotaz `funded` event that turns the
//! order funded through the real sandbox, and the key kept out of SQLite and the status view.

mod orders_support;

use desk::central::{self, CentralFailure};
use orders_support::{id, sale, store};
use providers::HttpSettings;
use providers::apurata::orders::OrderStatus;
use providers::central::TillRef;
use providers::central::wire::{AuditBatch, entry_hash};
use sandbox::central::CentralStandIn;
use till::Till;

fn codes() -> TillRef {
    TillRef::new("T01", "C1")
}

/// Appends `count` entries to the till's audit chain, chained and hashed as the till writes them.
fn add_entries(dir: &std::path::Path, count: i64) {
    let db = rusqlite::Connection::open(dir.join(till::DATABASE_FILE)).unwrap();
    let (mut seq, mut prev): (i64, String) = db
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap_or((0, providers::central::wire::GENESIS_HASH.to_owned()));
    for _ in 0..count {
        seq += 1;
        let (at, content) = ("2026-11-30T15:00:00Z", format!("{{\"n\":{seq}}}"));
        let hash = entry_hash(&prev, seq, at, "settings", seq, &content);
        db.execute(
            "INSERT INTO audit_log (seq, at, subject, subject_id, content, prev_hash, hash) \
             VALUES (?1, ?2, 'settings', ?1, ?3, ?4, ?5)",
            rusqlite::params![seq, at, content, prev, hash],
        )
        .unwrap();
        prev = hash;
    }
}

fn head(dir: &std::path::Path) -> i64 {
    let db = rusqlite::Connection::open(dir.join(till::DATABASE_FILE)).unwrap();
    db.query_row("SELECT coalesce(max(seq), 0) FROM audit_log", [], |row| {
        row.get(0)
    })
    .unwrap()
}

fn add_z(dir: &std::path::Path, number: i64) {
    let db = rusqlite::Connection::open(dir.join(till::DATABASE_FILE)).unwrap();
    db.execute(
        "INSERT INTO shift (mode, state, opened_at, lima_day) VALUES ('sandbox', 'closed', \
         '2026-11-30T13:00:00Z', '2026-11-30')",
        [],
    )
    .unwrap();
    db.execute(
        "INSERT INTO z_report (mode, number, shift_id, closed_at, snapshot) VALUES ('sandbox', ?1, \
         ?2, '2026-11-30T20:00:00Z', ?3)",
        rusqlite::params![
            number,
            db.last_insert_rowid(),
            format!("{{\"number\": {number}}}")
        ],
    )
    .unwrap();
}

async fn enrolled(till: &Till, dir: &std::path::Path) -> CentralStandIn {
    let central = CentralStandIn::start().await.unwrap();
    central.add_code("K7-2Q", "T01", "C1");
    let state = central::enroll(till, dir, &codes(), central.url(), "K7-2Q", false)
        .await
        .unwrap();
    let view = desk::views::CentralStatusView::new(&state, desk::Lang::Es);
    assert!(view.enrolled);
    assert_eq!(
        (view.store.as_deref(), view.till.as_deref()),
        (Some("T01"), Some("C1"))
    );
    central
}

fn pushes(central: &CentralStandIn) -> Vec<AuditBatch> {
    central
        .received()
        .iter()
        .filter(|request| request.path_and_query.ends_with("/audit"))
        .map(|request| {
            assert_eq!(request.signature_ok, Some(true));
            serde_json::from_slice(&request.body).unwrap()
        })
        .collect()
}

async fn status(till: &Till, lang: desk::Lang) -> desk::views::CentralStatusView {
    let state = central::central_state(till).await.unwrap();
    desk::views::CentralStatusView::new(&state, lang)
}

fn http() -> HttpSettings {
    HttpSettings::default()
}

#[tokio::test]
async fn a_push_sends_the_chain_in_ordered_batches_of_at_most_500() {
    let store = store().await;
    let dir = store.dir.path();
    let central = enrolled(&store.till, dir).await;
    add_entries(dir, 1_100);
    let total = head(dir);
    let report = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    assert_eq!((report.high_water, report.pending_entries), (total, 0));
    assert_eq!(report.entries_sent as i64, total);
    assert!(report.missing.is_empty() && report.rewritten.is_empty() && report.broken.is_empty());
    let batches = pushes(&central);
    assert_eq!(batches.len(), 3);
    let mut expected = 1;
    for batch in &batches {
        assert!(batch.entries.len() <= 500);
        for entry in &batch.entries {
            assert_eq!(entry.seq, expected);
            expected += 1;
        }
    }
    assert_eq!(central.held("T01", "C1").len() as i64, total);
    let status = status(&store.till, desk::Lang::Es).await;
    assert_eq!((status.pushed_seq, status.pending_entries), (total, 0));
    assert!(status.line.contains("T01/C1"), "{}", status.line);
    // Nothing new: a second push sends nothing.
    let again = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    assert_eq!(again.entries_sent, 0);
}

#[tokio::test]
async fn the_cursor_advances_only_to_what_central_acknowledged() {
    let store = store().await;
    let dir = store.dir.path();
    let central = enrolled(&store.till, dir).await;
    add_entries(dir, 200);
    let total = head(dir);
    central.cap_high_water(Some(120));
    let report = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    assert_eq!(report.high_water, 120);
    assert_eq!(report.pending_entries, total - 120);
    let status = status(&store.till, desk::Lang::En).await;
    assert_eq!(status.pushed_seq, 120);
    central.cap_high_water(None);
    let report = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    assert_eq!(report.high_water, total);
    let last = pushes(&central).pop().unwrap();
    assert_eq!(
        last.entries[0].seq, 121,
        "sent again from after the acknowledged high water"
    );
}

#[tokio::test]
async fn a_failed_push_leaves_the_cursor_and_says_why() {
    let store = store().await;
    let dir = store.dir.path();
    let central = enrolled(&store.till, dir).await;
    add_entries(dir, 10);
    central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    let before = status(&store.till, desk::Lang::Es).await;
    add_entries(dir, 5);
    central.script(200, "text/html", "<html>Portal cautivo</html>");
    let error = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "central_bad_answer");
    let after = status(&store.till, desk::Lang::Es).await;
    assert_eq!(after.pushed_seq, before.pushed_seq);
    assert_eq!(after.pending_entries, 5);
    assert!(after.last_error.is_some());
    assert!(after.line.contains("Último error"), "{}", after.line);
    // Central down: reported, not raised into anything else.
    drop(central);
    let error = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "central_unreachable");
}

#[tokio::test]
async fn z_reports_are_sent_once_byte_for_byte() {
    let store = store().await;
    let dir = store.dir.path();
    let central = enrolled(&store.till, dir).await;
    add_z(dir, 1);
    add_z(dir, 2);
    let report = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    assert_eq!(report.zs_sent, 2);
    central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    let puts: Vec<_> = central
        .received()
        .into_iter()
        .filter(|request| request.method == "PUT")
        .collect();
    assert_eq!(puts.len(), 2, "each Z once");
    assert_eq!(puts[0].body, b"{\"number\": 1}");
    assert_eq!(central.zs("T01", "C1").len(), 2);
    let status = status(&store.till, desk::Lang::Es).await;
    assert_eq!(status.zs_sent, 2);
}

#[tokio::test]
async fn a_relayed_funded_event_turns_the_order_funded_at_once() {
    let store = store().await;
    let dir = store.dir.path();
    let central = enrolled(&store.till, dir).await;
    let order = store
        .till
        .create_order(sale(147_600, "14159265"))
        .await
        .unwrap();
    store.customer(&id(&order), "apply").await;
    store.till.refresh_order(&id(&order)).await.unwrap();
    store.till.confirm_order(&id(&order)).await.unwrap();
    store.customer(&id(&order), "pay-online").await;
    let known = store.till.credit_order(&id(&order)).await.unwrap();
    assert_ne!(known.status, OrderStatus::Funded, "not read yet");
    central.add_event("aplazame", "T01-C1-M000001", "ok");
    central.add_event("acuotaz", id(&order).as_str(), "funded");
    central.add_event("acuotaz", "T09-C4-000001", "funded");
    let report = central::relay_once(&store.till, dir, 0).await.unwrap();
    let outcomes: Vec<&str> = report.handled.iter().map(|h| h.outcome.as_str()).collect();
    assert_eq!(outcomes, ["logged", "refreshed: funded", "not_ours"]);
    assert_eq!(report.relay_after, 3);
    let funded = store.till.credit_order(&id(&order)).await.unwrap();
    assert_eq!(funded.status, OrderStatus::Funded);
    let again = central::relay_once(&store.till, dir, 0).await.unwrap();
    assert!(
        again.handled.is_empty(),
        "handled events are not handled twice"
    );
}

#[tokio::test]
async fn the_key_is_neither_in_sqlite_nor_in_the_status() {
    let store = store().await;
    let dir = store.dir.path();
    let _central = enrolled(&store.till, dir).await;
    let key = desk::secrets::load_central_key(dir).unwrap().unwrap();
    let secret = key.to_base64();
    let status = status(&store.till, desk::Lang::Es).await;
    let json = serde_json::to_string(&status).unwrap();
    assert!(!json.contains(&secret));
    assert_eq!(format!("{key:?}"), "TillSigningKey(***)");
    for name in [
        till::DATABASE_FILE.to_owned(),
        format!("{}-wal", till::DATABASE_FILE),
    ] {
        let Ok(bytes) = std::fs::read(dir.join(&name)) else {
            continue;
        };
        let found = bytes
            .windows(secret.len())
            .any(|window| window == secret.as_bytes());
        assert!(!found, "the key is in {name}");
    }
}

#[tokio::test]
async fn a_till_not_enrolled_says_so() {
    let store = store().await;
    let error = central::push_to_central(&store.till, store.dir.path(), http())
        .await
        .unwrap_err();
    assert!(matches!(error, CentralFailure::NotEnrolled));
    assert_eq!(error.code(), "central_not_enrolled");
    let status = status(&store.till, desk::Lang::Es).await;
    assert!(!status.enrolled);
    assert!(
        central::push_when_due(&store.till, store.dir.path())
            .await
            .is_none()
    );
}
