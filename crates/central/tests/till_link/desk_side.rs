//! The till's side of Central (`desk::central`) with a real SQLite till and the real Central: pushes that
//! leave nothing pending and send nothing twice, a Central restored from an older backup that gets its
//! missing entries again, a failed push that keeps the cursor and says why, Z reports sent once, a
//! relayed aCuotaz `funded` webhook that turns the order funded through the sandbox, and the key kept
//! out of SQLite and the status view.

use ::central::Server;
use desk::central::{self, CentralFailure};
use providers::HttpSettings;
use providers::apurata::orders::OrderStatus;
use providers::central::TillRef;
use till::Till;

use crate::orders_support::{Store, id, sale, store};
use crate::support;

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
        let hash = providers::central::wire::entry_hash(&prev, seq, at, "settings", seq, &content);
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

/// The store's till enrolled as T01/C1 in a new Central.
async fn enrolled(store: &Store) -> Server {
    let server = support::start_central().await;
    let code = ::central::auth::enroll::issue_code(&server.state.pool, "T01", "C1", "test")
        .await
        .unwrap();
    let codes = TillRef::new("T01", "C1");
    let state = central::enroll(
        &store.till,
        store.dir.path(),
        &codes,
        &server.base_url(),
        &code,
        false,
    )
    .await
    .unwrap();
    let view = desk::views::CentralStatusView::new(&state, desk::Lang::Es);
    assert!(view.enrolled);
    assert_eq!(view.store_name.as_deref(), Some("Tienda Miraflores"));
    server
}

async fn status(till: &Till, lang: desk::Lang) -> desk::views::CentralStatusView {
    let state = central::central_state(till).await.unwrap();
    desk::views::CentralStatusView::new(&state, lang)
}

/// Central's count of the till's entries and its high water.
async fn held(server: &Server) -> (i64, i64) {
    let db = server.state.pool.get().await.unwrap();
    let row = db
        .query_one(
            "SELECT (SELECT count(*) FROM audit_entry WHERE till_code = 'C1'), high_water FROM till \
             WHERE store_code = 'T01' AND till_code = 'C1'",
            &[],
        )
        .await
        .unwrap();
    (row.get(0), row.get(1))
}

fn http() -> HttpSettings {
    HttpSettings::default()
}

#[tokio::test]
async fn a_push_sends_the_whole_chain_and_nothing_twice() {
    let store = store().await;
    let dir = store.dir.path();
    let server = enrolled(&store).await;
    add_entries(dir, 1_100);
    let total = head(dir);
    let report = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    assert_eq!((report.high_water, report.pending_entries), (total, 0));
    assert_eq!(report.entries_sent as i64, total);
    assert!(report.missing.is_empty() && report.rewritten.is_empty() && report.broken.is_empty());
    assert_eq!(held(&server).await, (total, total));
    let status = status(&store.till, desk::Lang::Es).await;
    assert_eq!((status.pushed_seq, status.pending_entries), (total, 0));
    assert!(status.line.contains("T01/C1"), "{}", status.line);
    let again = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    assert_eq!(again.entries_sent, 0);
}

#[tokio::test]
async fn a_central_restored_from_an_older_backup_gets_its_missing_entries_again() {
    let store = store().await;
    let dir = store.dir.path();
    let server = enrolled(&store).await;
    add_entries(dir, 200);
    let total = head(dir);
    central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    // Central loses everything after 120, as a restore of yesterday's backup would.
    let db = server.state.pool.get().await.unwrap();
    db.batch_execute(
        "DELETE FROM audit_entry WHERE till_code = 'C1' AND seq > 120;
         UPDATE till SET high_water = 120 WHERE store_code = 'T01' AND till_code = 'C1';",
    )
    .await
    .unwrap();
    add_entries(dir, 5);
    // The till sends what is new; Central answers where its chain stands, and the cursor goes back.
    let first = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    assert_eq!(first.high_water, 120, "{first:?}");
    assert_eq!(first.pending_entries, total + 5 - 120);
    assert_eq!(status(&store.till, desk::Lang::En).await.pushed_seq, 120);
    let second = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    assert_eq!((second.high_water, second.pending_entries), (total + 5, 0));
    assert!(second.missing.is_empty() && second.rewritten.is_empty());
    assert_eq!(held(&server).await, (total + 5, total + 5));
}

#[tokio::test]
async fn a_failed_push_keeps_the_cursor_and_says_why_in_spanish() {
    let store = store().await;
    let dir = store.dir.path();
    let server = enrolled(&store).await;
    add_entries(dir, 10);
    central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    let before = status(&store.till, desk::Lang::Es).await;
    add_entries(dir, 5);
    drop(server);
    let error = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "central_unreachable");
    let after = status(&store.till, desk::Lang::Es).await;
    assert_eq!(after.pushed_seq, before.pushed_seq);
    assert_eq!(after.pending_entries, 5);
    let last_error = after.last_error.expect("the failure is kept");
    assert!(
        last_error.contains("No se pudo contactar a Caja Central"),
        "worded for the cashier: {last_error}"
    );
    assert!(after.line.contains("Último error"), "{}", after.line);
}

#[tokio::test]
async fn z_reports_are_sent_once_byte_for_byte() {
    let store = store().await;
    let dir = store.dir.path();
    let server = enrolled(&store).await;
    let db = rusqlite::Connection::open(dir.join(till::DATABASE_FILE)).unwrap();
    for number in [1, 2] {
        db.execute(
            "INSERT INTO shift (mode, state, opened_at, lima_day) VALUES ('sandbox', 'closed', \
             '2026-11-30T13:00:00Z', '2026-11-30')",
            [],
        )
        .unwrap();
        db.execute(
            "INSERT INTO z_report (mode, number, shift_id, closed_at, snapshot) VALUES ('sandbox', \
             ?1, ?2, '2026-11-30T20:00:00Z', ?3)",
            rusqlite::params![
                number,
                db.last_insert_rowid(),
                format!("{{\"number\": {number}}}")
            ],
        )
        .unwrap();
    }
    let report = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    assert_eq!(report.zs_sent, 2);
    let again = central::push_to_central(&store.till, dir, http())
        .await
        .unwrap();
    assert_eq!(again.zs_sent, 0, "each Z once");
    let pg = server.state.pool.get().await.unwrap();
    let held: Vec<(i64, String)> = support::pairs(
        &pg,
        "SELECT number, snapshot::text FROM z_report WHERE till_code = 'C1' ORDER BY number",
    )
    .await;
    assert_eq!(held.len(), 2, "{held:?}");
    assert_eq!(held[0].0, 1);
    assert_eq!(status(&store.till, desk::Lang::Es).await.zs_sent, 2);
}

#[tokio::test]
async fn a_relayed_funded_webhook_turns_the_order_funded_at_once() {
    let store = store().await;
    let dir = store.dir.path();
    let server = enrolled(&store).await;
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
    for reference in [id(&order).as_str(), "T01-C4-000001"] {
        let answer = support::http()
            .get(format!(
                "{}/webhooks/acuotaz/T01?order_id={reference}&event=funded",
                server.base_url()
            ))
            .header("apurata-auth", "Bearer acuotaz-webhook-T01")
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "{reference}");
    }
    let report = central::relay_once(&store.till, dir, 0).await.unwrap();
    let outcomes: Vec<&str> = report.handled.iter().map(|h| h.outcome.as_str()).collect();
    assert_eq!(
        outcomes,
        ["refreshed: funded"],
        "another till's event is not relayed here"
    );
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
    let _server = enrolled(&store).await;
    let key = desk::secrets::load_central_key(dir).unwrap().unwrap();
    let secret = key.to_base64();
    let json = serde_json::to_string(&status(&store.till, desk::Lang::Es).await).unwrap();
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
    assert!(!status(&store.till, desk::Lang::Es).await.enrolled);
    assert!(
        central::push_when_due(&store.till, store.dir.path())
            .await
            .is_none()
    );
}
