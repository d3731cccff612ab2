//! Pushing the till's record to Central: the audit chain from the seq after Central's acknowledged high
//! water, in seq order, in batches of at most [`BATCH`]; then the Z reports Central does not hold yet.
//! The cursor moves only to what Central acknowledged (its `high_water`), never to what was sent: an
//! entry sent and not stored is sent again. A failure leaves the cursor and is kept as its last error.

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use providers::HttpSettings;
use providers::central::wire::{AuditBatch, SeqRange};
use serde::Serialize;
use till::Till;
use till::central as store;

use super::{CentralFailure, open_client};

/// Entries per push: half of what Central takes, so a batch is never refused for its size.
pub const BATCH: usize = 500;

/// Pushes in one call at most this many batches (a till offline for weeks catches up over calls).
const MAX_BATCHES: usize = 200;

/// What one push did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PushReport {
    pub entries_sent: usize,
    /// Central's high water after the push.
    pub high_water: i64,
    pub missing: Vec<SeqRange>,
    pub rewritten: Vec<i64>,
    pub broken: Vec<i64>,
    pub zs_sent: usize,
    /// Entries after the high water still to send.
    pub pending_entries: i64,
}

/// One push: entries, then Zs. Errors are recorded as the cursor's last error and returned.
pub async fn push_to_central(
    till: &Till,
    data_dir: &Path,
    http: HttpSettings,
) -> Result<PushReport, CentralFailure> {
    let client = open_client(till, data_dir, http).await?;
    let result = push_with(till, &client).await;
    if let Err(error) = &result {
        let text = error.kept();
        tracing::info!(%error, "push to Caja Central failed; the till keeps working");
        till.with_central_db(move |db| store::record_error(db, Some(&text)))
            .await?;
    }
    result
}

async fn push_with(
    till: &Till,
    client: &providers::central::CentralClient,
) -> Result<PushReport, CentralFailure> {
    let mut report = PushReport::default();
    let mut acknowledged = till
        .with_central_db(|db| store::cursor(db))
        .await?
        .pushed_seq;
    report.high_water = acknowledged;
    for _ in 0..MAX_BATCHES {
        let after = acknowledged;
        let entries = till
            .with_central_db(move |db| store::entries_after(db, after, BATCH))
            .await?;
        if entries.is_empty() {
            break;
        }
        report.entries_sent += entries.len();
        let answer = client.push_audit(&AuditBatch { entries }).await?;
        let high_water = answer.high_water;
        till.with_central_db(move |db| store::record_push(db, high_water, Timestamp::now()))
            .await?;
        report.high_water = high_water;
        report.missing = answer.missing;
        report.rewritten.extend(answer.rewritten);
        report.broken.extend(answer.broken);
        if high_water <= after {
            // Central stored nothing new up to a hole it cannot fill from this batch: sending the same
            // entries again now would change nothing. The next push tries again.
            break;
        }
        acknowledged = high_water;
    }
    let zs = till.with_central_db(|db| store::unsent_zs(db)).await?;
    for z in zs {
        let answer = client.put_z(&z.mode, z.number, &z.snapshot).await?;
        till.with_central_db(move |db| store::record_z(db, &z.mode, z.number, answer.verified))
            .await?;
        report.zs_sent += 1;
    }
    let high_water = report.high_water;
    report.pending_entries = till
        .with_central_db(move |db| store::count_after(db, high_water))
        .await?;
    Ok(report)
}

/// How often the background pushes.
pub const PUSH_EVERY: Duration = Duration::from_secs(30);

static LAST_TRY: Mutex<Option<Instant>> = Mutex::new(None);

/// A push from the background pass (the desktop's resolver, its Central task), when the till is enrolled
/// and [`PUSH_EVERY`] has passed since the last try; bounded by [`super::background_http`]. `None` when
/// nothing was due or the till is not enrolled.
pub async fn push_when_due(
    till: &Till,
    data_dir: &Path,
) -> Option<Result<PushReport, CentralFailure>> {
    {
        let mut last = LAST_TRY
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if last.is_some_and(|at| at.elapsed() < PUSH_EVERY) {
            return None;
        }
        *last = Some(Instant::now());
    }
    match push_to_central(till, data_dir, super::background_http()).await {
        Err(CentralFailure::NotEnrolled) => None,
        result => Some(result),
    }
}
