//! Bounds on what providers' notifications can cost: a flood for one store and provider is answered 429
//! and not kept, and housekeeping forgets notifications and relayed events after `webhook_days` and
//! the bytes of expired receipts.

use central::housekeeping;

use crate::peers::*;
use crate::support::{self, enroll, start_with};

#[tokio::test]
async fn a_flood_of_notifications_is_answered_429_and_not_kept() {
    let central = start_with(|config| config.webhooks_per_minute = 3).await;
    for n in 1..=3 {
        let answer = acuotaz_get(&central, &format!("T01-C1-00000{n}"), "approved").await;
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    let flood = acuotaz_get(&central, "T01-C1-000004", "approved").await;
    assert_eq!(
        (flood.status, flood.code().as_str()),
        (429, "too_many_notifications")
    );
    assert_eq!(verdicts(&central).await.len(), 3, "the 4th is not kept");
    // Another store's limit is its own.
    let other = send(
        &central,
        "GET",
        "/webhooks/acuotaz/T02?order_id=T02-C1-000001&event=approved",
        &[],
        None,
    )
    .await;
    assert_ne!(other.status, 429);
}

#[tokio::test]
async fn housekeeping_forgets_old_notifications_and_expired_receipts_bytes() {
    let central = start_with(|config| config.webhook_days = 90).await;
    let till = enroll(&central, "T01", "C1").await;
    for n in 1..=2 {
        let answer = acuotaz_get(&central, &format!("T01-C1-00000{n}"), "funded").await;
        assert_eq!(answer.status, 200);
    }
    let db = central.state.pool.get().await.unwrap();
    db.batch_execute(
        "UPDATE webhook SET received_at = now() - interval '91 days' WHERE reference = 'T01-C1-000001';
         UPDATE relay_event SET received_at = now() - interval '91 days' WHERE reference = 'T01-C1-000001';
         INSERT INTO receipt (store_code, token_hash, till_code, content_type, bytes, sha256, size,
                              expires_at)
         VALUES ('T01', 'old', 'C1', 'image/png', '\\x89504e47', 'x', 4, now() - interval '1 day'),
                ('T01', 'new', 'C1', 'image/png', '\\x89504e47', 'y', 4, now() + interval '1 day');",
    )
    .await
    .unwrap();
    let purged = housekeeping::run_once(&central.state).await.unwrap();
    assert_eq!(
        (
            purged.webhooks,
            purged.relay_events,
            purged.receipts_emptied
        ),
        (1, 1, 1)
    );
    let kept: Vec<String> = rows(&central)
        .await
        .into_iter()
        .filter_map(|row| row.1)
        .collect();
    assert_eq!(kept, ["T01-C1-000002"]);
    let batch = poll(&till, 0, 0).await;
    assert_eq!(batch.events.len(), 1);
    let sizes: Vec<(String, i32)> = support::pairs(
        &db,
        "SELECT token_hash, octet_length(bytes) FROM receipt ORDER BY token_hash",
    )
    .await;
    assert_eq!(sizes, [("new".to_owned(), 4), ("old".to_owned(), 0)]);
    let again = housekeeping::run_once(&central.state).await.unwrap();
    assert_eq!(
        (again.webhooks, again.relay_events, again.receipts_emptied),
        (0, 0, 0)
    );
}
