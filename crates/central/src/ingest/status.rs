//! `GET /api/v1/stores/{store}/tills/{till}/status`: what Central holds of the till that asks.

use axum::Json;
use axum::extract::State;
use providers::central::wire::{SeqRange, TillStatus};

use crate::auth::SignedTill;
use crate::error::{Failure, StorageContext};
use crate::state::AppState;

pub async fn status(
    State(state): State<AppState>,
    signed: SignedTill,
) -> Result<Json<TillStatus>, Failure> {
    let (store, till) = (&signed.till.store, &signed.till.till);
    let client = state.pool.get().await.storage("read the till")?;
    let row = client
        .query_one(
            "SELECT high_water, max_seq,
                    to_char(last_push_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
             FROM till WHERE store_code = $1 AND till_code = $2",
            &[store, till],
        )
        .await
        .storage("read the till")?;
    let (high_water, max_seq, last_push_at): (i64, i64, Option<String>) =
        (row.get(0), row.get(1), row.get(2));
    let held: Vec<i64> = client
        .query(
            "SELECT seq FROM audit_entry WHERE store_code = $1 AND till_code = $2
             AND seq > $3 AND seq <= $4 ORDER BY seq",
            &[store, till, &high_water, &max_seq],
        )
        .await
        .storage("read the entries held")?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let findings: i64 = client
        .query_one(
            "SELECT count(*) FROM finding WHERE store_code = $1 AND till_code = $2",
            &[store, till],
        )
        .await
        .storage("read the findings")?
        .get(0);
    Ok(Json(TillStatus {
        store: store.clone(),
        till: till.clone(),
        high_water,
        missing: missing_ranges(high_water, max_seq, &held),
        findings: usize::try_from(findings).unwrap_or(0),
        last_push_at,
    }))
}

/// The holes in `(high_water, max_seq]` given the seqs held there, in order.
pub fn missing_ranges(high_water: i64, max_seq: i64, held: &[i64]) -> Vec<SeqRange> {
    let mut missing = Vec::new();
    let mut expected = high_water + 1;
    for seq in held {
        if *seq > expected {
            missing.push(SeqRange {
                from: expected,
                to: seq - 1,
            });
        }
        expected = seq + 1;
    }
    if expected <= max_seq {
        missing.push(SeqRange {
            from: expected,
            to: max_seq,
        });
    }
    missing
}
