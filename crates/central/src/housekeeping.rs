//! What Central forgets, and when: request nonces past the signature's replay window, provider
//! notifications and their relayed events older than `webhook_days`, the bytes of expired receipts (the
//! row stays, so the URL answers 410 and the fetch log keeps its meaning), and the phones' upload links
//! and the updates' download tickets a day after they expired. Runs once a minute beside the server; every step is one statement, so a
//! Central stopped halfway leaves nothing torn.

use crate::auth;
use crate::db::DbError;
use crate::state::AppState;

/// What one pass removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub nonces: u64,
    pub webhooks: u64,
    pub relay_events: u64,
    pub receipts_emptied: u64,
    pub upload_links: u64,
}

/// One pass.
pub async fn run_once(state: &AppState) -> Result<Purged, DbError> {
    let nonces = auth::till::purge_nonces(&state.pool).await?;
    let client = state.pool.get().await?;
    let days = i32::try_from(state.config.webhook_days).unwrap_or(i32::MAX);
    let relay_events = client
        .execute(
            "DELETE FROM relay_event WHERE received_at < now() - make_interval(days => $1)",
            &[&days],
        )
        .await?;
    let webhooks = client
        .execute(
            "DELETE FROM webhook WHERE received_at < now() - make_interval(days => $1)",
            &[&days],
        )
        .await?;
    let receipts_emptied = client
        .execute(
            "UPDATE receipt SET bytes = ''::bytea WHERE expires_at < now() AND octet_length(bytes) > 0",
            &[],
        )
        .await?;
    // The log of answers to Aplazame goes with the notifications; the decisions themselves stay.
    client
        .execute(
            "DELETE FROM aplazame_answer WHERE at < now() - make_interval(days => $1)",
            &[&days],
        )
        .await?;
    // A link lasts minutes; a day later nobody needs to know it existed.
    let upload_links = client
        .execute(
            "DELETE FROM upload_link WHERE expires_at < now() - interval '1 day'",
            &[],
        )
        .await?;
    client
        .execute(
            "DELETE FROM update_ticket WHERE expires_at < now() - interval '1 day'",
            &[],
        )
        .await?;
    state.webhook_limit.retain_recent();
    Ok(Purged {
        nonces,
        webhooks,
        relay_events,
        receipts_emptied,
        upload_links,
    })
}

/// Runs [`run_once`] every minute, forever (the server's task aborts it).
pub async fn every_minute(state: AppState) {
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        match run_once(&state).await {
            Ok(purged) if purged != Purged::default() => tracing::info!(?purged, "housekeeping"),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "housekeeping failed; trying again in a minute"),
        }
    }
}
