//! What goes into a till's relay queue (`relay_event`, read by `crate::relay`): one notification as it
//! is accepted, or on enrollment the ones kept `unroutable` while the till was not enrolled yet, oldest
//! first and each (provider, reference, event) once. Both run under the till's advisory lock, so relay
//! ids reach the till in commit order and an enrollment never misses a notification being kept.

use std::collections::HashSet;

use deadpool_postgres::Transaction;

use super::record::CHANNEL;
use crate::error::{Failure, StorageContext};

/// One event for a till's queue.
pub struct Relayed<'a> {
    pub provider: &'a str,
    pub reference: &'a str,
    pub event: &'a str,
    /// JSON text.
    pub payload: &'a str,
    pub webhook_id: i64,
}

/// Takes the till's relay lock until the transaction ends.
pub async fn lock_till(
    transaction: &Transaction<'_>,
    store: &str,
    till: &str,
) -> Result<(), Failure> {
    let lock_key = format!("relay/{store}/{till}");
    transaction
        .execute(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            &[&lock_key],
        )
        .await
        .storage("lock the till's relay queue")?;
    Ok(())
}

/// Queues `event` for the till and notifies every Central's long polls at commit. The caller holds the
/// till's lock ([`lock_till`]).
pub async fn relay(
    transaction: &Transaction<'_>,
    store: &str,
    till: &str,
    event: Relayed<'_>,
) -> Result<(), Failure> {
    transaction
        .execute(
            "INSERT INTO relay_event (store_code, till_code, provider, reference, event, payload,
                                      webhook_id)
             VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7)",
            &[
                &store,
                &till,
                &event.provider,
                &event.reference,
                &event.event,
                &event.payload,
                &event.webhook_id,
            ],
        )
        .await
        .storage("relay the notification")?;
    let channel_payload = format!("{store}/{till}");
    transaction
        .execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &channel_payload])
        .await
        .storage("relay the notification")?;
    Ok(())
}

/// On enrollment: relays the notifications kept `unroutable` for this till, each (provider, reference,
/// event) once and not if it was accepted since, and marks them accepted. Returns how many were relayed.
pub async fn relay_kept(
    transaction: &Transaction<'_>,
    store: &str,
    till: &str,
) -> Result<usize, Failure> {
    lock_till(transaction, store, till).await?;
    let prefix = format!("{store}-{till}-");
    let kept = transaction
        .query(
            "SELECT id, provider, reference, event, payload::text FROM webhook
             WHERE store_code = $1 AND verdict = 'unroutable' AND payload IS NOT NULL
               AND starts_with(reference, $2)
             ORDER BY id",
            &[&store, &prefix],
        )
        .await
        .storage("read the notifications kept for the till")?;
    let mut seen = HashSet::new();
    let mut relayed = 0;
    for row in kept {
        let (id, provider, reference, event, payload): (i64, String, String, String, String) =
            (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4));
        let key = serde_json::json!([provider, reference, event]).to_string();
        let accepted_before = transaction
            .query_opt(
                "SELECT 1 FROM webhook WHERE store_code = $1 AND dedup_key = $2
                   AND verdict = 'accepted'",
                &[&store, &key],
            )
            .await
            .storage("read the notifications kept for the till")?
            .is_some();
        let (verdict, reason) = if accepted_before || !seen.insert(key.clone()) {
            ("duplicate", "kept before enrollment; already relayed")
        } else {
            (
                "accepted",
                "kept before enrollment; relayed when the till enrolled",
            )
        };
        transaction
            .execute(
                "UPDATE webhook SET verdict = $3, reason = $4, dedup_key = $5
                 WHERE store_code = $1 AND id = $2",
                &[&store, &id, &verdict, &reason, &key],
            )
            .await
            .storage("relay the notifications kept for the till")?;
        if verdict == "accepted" {
            let event = Relayed {
                provider: &provider,
                reference: &reference,
                event: &event,
                payload: &payload,
                webhook_id: id,
            };
            relay(transaction, store, till, event).await?;
            relayed += 1;
        }
    }
    Ok(relayed)
}
