//! `POST /api/v1/stores/{store}/tills/{till}/audit`: a till's audit entries, in any order, any number of
//! times. Each is checked (its hash against its own fields), stored once by (till, seq), and compared
//! with what Central already holds: the same entry again is a duplicate; another content under a held
//! seq is a rewritten row (Central keeps the first and files a finding). Then the chain is walked from
//! the last seq held without a hole: each entry must link to the hash of the one before, across pushes,
//! so a till whose record was rewritten or cut shows where. The answer says up to where Central holds the
//! chain and which seqs are missing after it.
//!
//! One push of a till at a time (an advisory lock per till, inside the transaction): two pushes of the
//! same entries from two processes of the same till cannot both store them.

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::extract::State;
use jiff::civil::Date;
use providers::central::wire::{AuditBatch, AuditEntry, MAX_BATCH_ENTRIES, PushAnswer, SeqRange};
use tokio_postgres::Transaction;

use super::project;
use crate::auth::SignedTill;
use crate::db;
use crate::error::{Failure, StorageContext};
use crate::state::AppState;

/// The largest entry content Central takes (a till's row is a few hundred bytes).
const MAX_CONTENT_BYTES: usize = 256 * 1024;
/// How far past the last seq held without a hole one walk reads.
const WALK_LIMIT: i64 = 20_000;

pub async fn push(
    State(state): State<AppState>,
    signed: SignedTill,
) -> Result<Json<PushAnswer>, Failure> {
    let batch: AuditBatch = serde_json::from_slice(&signed.body).map_err(|error| {
        Failure::bad_request(format!("the body is not an audit batch: {error}"))
    })?;
    let answer = ingest(&state, &signed.till.store, &signed.till.till, batch.entries).await?;
    Ok(Json(answer))
}

/// Stores a batch for a till and says where the chain stands. Also what the benchmark drives.
pub async fn ingest(
    state: &AppState,
    store: &str,
    till: &str,
    mut entries: Vec<AuditEntry>,
) -> Result<PushAnswer, Failure> {
    if entries.len() > MAX_BATCH_ENTRIES {
        return Err(Failure::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "batch_too_large",
            format!(
                "{} entries in one push: send at most {MAX_BATCH_ENTRIES}",
                entries.len()
            ),
        ));
    }
    entries.sort_by_key(|entry| entry.seq);
    let received = entries.len();
    entries.dedup_by(|a, b| a.seq == b.seq && a.hash == b.hash);
    if let Some(bad) = entries.iter().find(|entry| entry.seq < 1) {
        return Err(Failure::bad_request(format!(
            "seq {} is not 1 or more",
            bad.seq
        )));
    }
    if let Some(pair) = entries.windows(2).find(|pair| pair[0].seq == pair[1].seq) {
        return Err(Failure::bad_request(format!(
            "seq {} appears twice with different contents in one push",
            pair[0].seq
        )));
    }
    if let Some(big) = entries
        .iter()
        .find(|entry| entry.content.len() > MAX_CONTENT_BYTES)
    {
        return Err(Failure::bad_request(format!(
            "entry {} is over {MAX_CONTENT_BYTES} bytes",
            big.seq
        )));
    }
    // An entry whose hash does not match its own fields is not stored: it cannot be part of the chain.
    let (sound, forged): (Vec<AuditEntry>, Vec<AuditEntry>) = entries
        .into_iter()
        .partition(|entry| entry.computed_hash() == entry.hash);
    let mut days = BTreeMap::new();
    for entry in &sound {
        let day = lima_day(&entry.at).ok_or_else(|| {
            Failure::bad_request(format!("entry {}: `at` is not an RFC 3339 time", entry.seq))
        })?;
        days.insert(entry.seq, day);
    }
    for day in days.values().collect::<std::collections::BTreeSet<_>>() {
        db::ensure_day(&state.pool, &state.partitions, *day)
            .await
            .storage("prepare the day's storage")?;
    }

    let mut client = state.pool.get().await.storage("store the entries")?;
    let transaction = client.transaction().await.storage("store the entries")?;
    let lock_key = format!("{store}/{till}");
    transaction
        .execute(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            &[&lock_key],
        )
        .await
        .storage("store the entries")?;
    let row = transaction
        .query_one(
            "SELECT high_water, head_hash, max_seq FROM till
             WHERE store_code = $1 AND till_code = $2 FOR UPDATE",
            &[&store, &till],
        )
        .await
        .storage("read the till")?;
    let (high_water, head_hash, max_seq): (i64, String, i64) = (row.get(0), row.get(1), row.get(2));

    let held = held_hashes(&transaction, store, till, &sound, max_seq).await?;
    let mut answer = PushAnswer {
        received,
        ..PushAnswer::default()
    };
    let mut findings: Vec<(i64, &'static str, String)> = forged
        .iter()
        .map(|entry| {
            (
                entry.seq,
                "broken",
                "its hash does not match its own fields".to_owned(),
            )
        })
        .collect();
    answer.broken.extend(forged.iter().map(|entry| entry.seq));
    let mut new_entries = Vec::new();
    for entry in sound {
        match held.get(&entry.seq) {
            Some(hash) if *hash == entry.hash => answer.duplicates += 1,
            Some(hash) => {
                answer.rewritten.push(entry.seq);
                findings.push((
                    entry.seq,
                    "rewritten",
                    format!("sent again with hash {} instead of {hash}", entry.hash),
                ));
            }
            None => new_entries.push(entry),
        }
    }
    insert_entries(&transaction, store, till, &new_entries, &days).await?;
    answer.stored = new_entries.len();

    let new_max = new_entries
        .last()
        .map_or(max_seq, |entry| entry.seq.max(max_seq));
    let walk = walk_chain(
        &transaction,
        store,
        till,
        (high_water, head_hash),
        new_max,
        &new_entries,
    )
    .await?;
    answer.high_water = walk.high_water;
    answer.missing = walk.missing;
    for seq in walk.broken_links {
        answer.broken.push(seq);
        findings.push((
            seq,
            "broken",
            "its prev_hash is not the hash of the entry before".to_owned(),
        ));
    }
    answer.broken.sort_unstable();
    answer.broken.dedup();
    transaction
        .execute(
            "UPDATE till SET high_water = $3, head_hash = $4, max_seq = $5, last_push_at = now()
             WHERE store_code = $1 AND till_code = $2",
            &[&store, &till, &walk.high_water, &walk.head_hash, &new_max],
        )
        .await
        .storage("store the entries")?;
    for (seq, kind, detail) in &findings {
        transaction
            .execute(
                "INSERT INTO finding (store_code, till_code, seq, kind, detail)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                &[&store, &till, seq, kind, detail],
            )
            .await
            .storage("file a finding")?;
    }
    project::project(&transaction, store, till, &new_entries, &days).await?;
    transaction.commit().await.storage("store the entries")?;
    if !findings.is_empty() {
        tracing::warn!(%store, %till, count = findings.len(), "the till's chain has findings");
    }
    Ok(answer)
}

/// The Lima calendar day of an RFC 3339 instant.
pub fn lima_day(at: &str) -> Option<Date> {
    let instant: jiff::Timestamp = at.parse().ok()?;
    Some(instant.in_tz("America/Lima").ok()?.date())
}

/// The hashes Central already holds for the batch's seqs (none to read when the batch is all new).
async fn held_hashes(
    transaction: &Transaction<'_>,
    store: &str,
    till: &str,
    entries: &[AuditEntry],
    max_seq: i64,
) -> Result<HashMap<i64, String>, Failure> {
    let seqs: Vec<i64> = entries
        .iter()
        .map(|entry| entry.seq)
        .filter(|seq| *seq <= max_seq)
        .collect();
    if seqs.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = transaction
        .query(
            "SELECT seq, hash FROM audit_entry
             WHERE store_code = $1 AND till_code = $2 AND seq = ANY($3)",
            &[&store, &till, &seqs],
        )
        .await
        .storage("read the entries held")?;
    Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
}

async fn insert_entries(
    transaction: &Transaction<'_>,
    store: &str,
    till: &str,
    entries: &[AuditEntry],
    days: &BTreeMap<i64, Date>,
) -> Result<(), Failure> {
    if entries.is_empty() {
        return Ok(());
    }
    let column = |field: fn(&AuditEntry) -> String| entries.iter().map(field).collect::<Vec<_>>();
    let day: Vec<String> = entries
        .iter()
        .map(|entry| days[&entry.seq].to_string())
        .collect();
    let seq: Vec<i64> = entries.iter().map(|entry| entry.seq).collect();
    let subject_id: Vec<i64> = entries.iter().map(|entry| entry.subject_id).collect();
    let at = column(|entry| entry.at.clone());
    let subject = column(|entry| entry.subject.clone());
    let content = column(|entry| entry.content.clone());
    let prev_hash = column(|entry| entry.prev_hash.clone());
    let hash = column(|entry| entry.hash.clone());
    transaction
        .execute(
            "INSERT INTO audit_entry
                 (store_code, till_code, day, seq, at, subject, subject_id, content, prev_hash, hash)
             SELECT $1, $2, day::date, seq, at, subject, subject_id, content, prev_hash, hash
             FROM UNNEST($3::text[], $4::int8[], $5::text[], $6::text[], $7::int8[], $8::text[],
                         $9::text[], $10::text[])
                  AS batch (day, seq, at, subject, subject_id, content, prev_hash, hash)",
            &[
                &store, &till, &day, &seq, &at, &subject, &subject_id, &content, &prev_hash, &hash,
            ],
        )
        .await
        .storage("store the entries")?;
    Ok(())
}

struct Walk {
    high_water: i64,
    head_hash: String,
    missing: Vec<SeqRange>,
    broken_links: Vec<i64>,
}

/// Follows the chain from the last entry held without a hole as far as it goes, checking each link.
async fn walk_chain(
    transaction: &Transaction<'_>,
    store: &str,
    till: &str,
    (high_water, head_hash): (i64, String),
    max_seq: i64,
    new_entries: &[AuditEntry],
) -> Result<Walk, Failure> {
    // The usual push continues the chain exactly: walk it in memory.
    let continues = new_entries
        .first()
        .is_some_and(|first| first.seq == high_water + 1)
        && new_entries.last().is_some_and(|last| last.seq == max_seq)
        && new_entries
            .windows(2)
            .all(|pair| pair[1].seq == pair[0].seq + 1);
    let rows: Vec<(i64, String, String)> = if continues {
        new_entries
            .iter()
            .map(|entry| (entry.seq, entry.prev_hash.clone(), entry.hash.clone()))
            .collect()
    } else if max_seq > high_water {
        let until = high_water + WALK_LIMIT;
        transaction
            .query(
                "SELECT seq, prev_hash, hash FROM audit_entry
                 WHERE store_code = $1 AND till_code = $2 AND seq > $3 AND seq <= $4 ORDER BY seq",
                &[&store, &till, &high_water, &until],
            )
            .await
            .storage("walk the chain")?
            .iter()
            .map(|row| (row.get(0), row.get(1), row.get(2)))
            .collect()
    } else {
        Vec::new()
    };
    let mut walk = Walk {
        high_water,
        head_hash,
        missing: Vec::new(),
        broken_links: Vec::new(),
    };
    let mut expected = high_water + 1;
    let mut contiguous = true;
    for (seq, prev_hash, hash) in rows {
        if seq != expected {
            walk.missing.push(SeqRange {
                from: expected,
                to: seq - 1,
            });
            contiguous = false;
        }
        if contiguous {
            if prev_hash != walk.head_hash {
                walk.broken_links.push(seq);
            }
            walk.high_water = seq;
            walk.head_hash = hash;
        }
        expected = seq + 1;
    }
    if expected <= max_seq {
        walk.missing.push(SeqRange {
            from: expected,
            to: max_seq,
        });
    }
    Ok(walk)
}
