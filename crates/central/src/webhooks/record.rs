//! How a notification is kept and relayed. Every one becomes a `webhook` row with its verdict; a
//! verified one for an enrolled till also becomes a `relay_event`, in the same transaction, so a row is
//! never accepted without being relayed nor relayed twice: the partial unique index on the accepted
//! rows' (store, provider, reference, event) turns a provider's retry into a `duplicate` row, even when
//! two retries race.
//!
//! Relay ids must reach a till in increasing order of commit (the till asks for ids after the last it
//! handled): the insert takes the till's advisory lock before it draws its id. After the commit,
//! `NOTIFY caja_relay` wakes the long-polls of every Central on the database, and the local bell those of
//! this one at once.

use deadpool_postgres::Transaction;
use providers::central::wire::owner_of;

use super::Incoming;
use super::forward::{Relayed, lock_till, relay};
use crate::error::{Failure, StorageContext};
use crate::state::AppState;

/// The channel every Central listens on (`crate::relay`).
pub const CHANNEL: &str = "caja_relay";

/// What Central made of a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Accepted,
    Duplicate,
    Refused,
    Unverified,
    Unroutable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Duplicate => "duplicate",
            Verdict::Refused => "refused",
            Verdict::Unverified => "unverified",
            Verdict::Unroutable => "unroutable",
        }
    }
}

/// What is known of a notification besides its raw form.
#[derive(Debug, Clone, Default)]
pub struct Finding {
    pub reason: String,
    /// The till's id of the operation.
    pub reference: Option<String>,
    pub event: Option<String>,
    /// The provider's read answer, when Central asked.
    pub verified: Option<serde_json::Value>,
    /// Where the notification and the read disagree.
    pub mismatch: Option<String>,
}

/// Keeps a notification that is not relayed.
pub async fn keep(
    state: &AppState,
    incoming: &Incoming,
    verdict: Verdict,
    finding: &Finding,
) -> Result<i64, Failure> {
    let mut client = state.pool.get().await.storage("keep the notification")?;
    let transaction = client
        .transaction()
        .await
        .storage("keep the notification")?;
    // Without a dedup key nothing can conflict, so the row is always there.
    let row = Row {
        verdict,
        dedup_key: None,
        payload: None,
    };
    let id = insert(&transaction, incoming, finding, row)
        .await?
        .unwrap_or_default();
    transaction
        .commit()
        .await
        .storage("keep the notification")?;
    tracing::info!(
        provider = incoming.provider.as_str(),
        store = incoming.store.code,
        verdict = verdict.as_str(),
        reason = finding.reason,
        "webhook kept"
    );
    Ok(id)
}

/// Routes a verified notification (its `reference` and `event` set) to the till that owns the
/// reference and keeps it: `accepted` and relayed with `payload`, `duplicate` when the same was accepted
/// before, `unroutable` when no enrolled till owns it. A reference of another store is refused (403).
pub async fn deliver(
    state: &AppState,
    incoming: &Incoming,
    mut finding: Finding,
    payload: &serde_json::Value,
) -> Result<Verdict, Failure> {
    let reference = finding.reference.clone().unwrap_or_default();
    let event = finding.event.clone().unwrap_or_default();
    let store = incoming.store.code.as_str();
    let Some((owner_store, till)) = owner_of(&reference) else {
        finding.reason = format!("`{reference}` is not one of Caja's ids (STORE-TILL-…)");
        keep(state, incoming, Verdict::Unroutable, &finding).await?;
        return Ok(Verdict::Unroutable);
    };
    if owner_store != store {
        finding.reason =
            format!("`{reference}` belongs to store {owner_store}, not to store {store}");
        let failure = Failure::forbidden(
            "other_store",
            format!("`{reference}` is not an operation of store {store}: check the webhook URL"),
        );
        return Err(incoming.refuse_with(state, failure, finding).await);
    }
    let mut client = state.pool.get().await.storage("keep the notification")?;
    let transaction = client
        .transaction()
        .await
        .storage("keep the notification")?;
    // The till's lock before the enrolled check: an enrollment takes it too, so a notification kept as
    // unroutable is always committed before the enrollment looks for such rows (`relay_kept`).
    lock_till(&transaction, store, till).await?;
    let enrolled = transaction
        .query_opt(
            "SELECT 1 FROM till WHERE store_code = $1 AND till_code = $2",
            &[&store, &till],
        )
        .await
        .storage("find the till")?
        .is_some();
    let payload_text = payload.to_string();
    if !enrolled {
        finding.reason = format!("till {store}/{till} is not enrolled in this Central");
        let row = Row {
            verdict: Verdict::Unroutable,
            dedup_key: None,
            payload: Some(&payload_text),
        };
        insert(&transaction, incoming, &finding, row).await?;
        transaction
            .commit()
            .await
            .storage("keep the notification")?;
        tracing::warn!(store, till, reference, "webhook for a till not enrolled");
        return Ok(Verdict::Unroutable);
    }
    let key = serde_json::json!([incoming.provider.as_str(), reference, event]).to_string();
    let accepted = Row {
        verdict: Verdict::Accepted,
        dedup_key: Some(&key),
        payload: None,
    };
    let Some(webhook_id) = insert(&transaction, incoming, &finding, accepted).await? else {
        finding.reason = "already accepted: not relayed again".to_owned();
        let duplicate = Row {
            verdict: Verdict::Duplicate,
            dedup_key: Some(&key),
            payload: None,
        };
        insert(&transaction, incoming, &finding, duplicate).await?;
        transaction
            .commit()
            .await
            .storage("keep the notification")?;
        return Ok(Verdict::Duplicate);
    };
    let relayed = Relayed {
        provider: incoming.provider.as_str(),
        reference: &reference,
        event: &event,
        payload: &payload_text,
        webhook_id,
    };
    relay(&transaction, store, till, relayed).await?;
    transaction
        .commit()
        .await
        .storage("relay the notification")?;
    state.relay_bell.notify_waiters();
    tracing::info!(
        provider = incoming.provider.as_str(),
        store,
        till,
        reference,
        event,
        "webhook relayed"
    );
    Ok(Verdict::Accepted)
}

/// How a notification row is kept: its verdict, its dedup key (accepted and duplicate rows), and for an
/// unroutable one what would have been relayed.
struct Row<'a> {
    verdict: Verdict,
    dedup_key: Option<&'a str>,
    payload: Option<&'a str>,
}

/// Inserts one row; `None` when an accepted row with the same key exists (the insert did nothing).
async fn insert(
    transaction: &Transaction<'_>,
    incoming: &Incoming,
    finding: &Finding,
    row: Row<'_>,
) -> Result<Option<i64>, Failure> {
    let verified = finding.verified.as_ref().map(|value| value.to_string());
    let inserted = transaction
        .query_opt(
            "INSERT INTO webhook (store_code, provider, verdict, reason, reference, event, method,
                                  query, headers, peer, body, verified, mismatch, dedup_key, payload)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11, $12::text::jsonb,
                     $13, $14, $15::text::jsonb)
             ON CONFLICT (store_code, dedup_key) WHERE verdict = 'accepted' DO NOTHING
             RETURNING id",
            &[
                &incoming.store.code,
                &incoming.provider.as_str(),
                &row.verdict.as_str(),
                &finding.reason,
                &finding.reference,
                &finding.event,
                &incoming.method,
                &incoming.query,
                &incoming.kept_headers().to_string(),
                &incoming.peer,
                &incoming.body.as_ref(),
                &verified,
                &finding.mismatch,
                &row.dedup_key,
                &row.payload,
            ],
        )
        .await
        .storage("keep the notification")?;
    Ok(inserted.map(|inserted| inserted.get(0)))
}
