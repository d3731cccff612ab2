//! The comparison after the drain: the journal, read straight from the till's SQLite file, against
//! the sandbox's final state and its log of billing changes.
//!
//! Order: at most one pay or undo is open per code at a time (the till's rule), so a code's pays and
//! undos run one after the other and their journal ids give their order. The events of a code are
//! then given to the operations by time: operation `k` owns the events after operation `k-1` finished
//! and up to its own finish (its last `finished_at`, written once the outcome is known). That holds
//! because operation `k` is created only after `k-1` is closed, and its request leaves only after
//! that. The harness checks the premise on the data (`overlaps`) rather than trusting it.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::Timestamp;
use sandbox::{BillingEvent, BillingKind};

use super::issue::{Exit, OpResult, moves_money};

/// The till's SQLite busy timeout: the longest a row's creation can wait for the write lock.
pub const LOCK_WAIT_MS: i64 = 5_000;

/// One journal row, as the till wrote it.
#[derive(Debug, Clone)]
pub struct JournalRow {
    pub id: i64,
    pub kind: String,
    pub funding_code: String,
    pub state: String,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    pub attempts: i64,
    pub reason: Option<String>,
    pub http_status: Option<i64>,
}

impl JournalRow {
    pub fn moves_money(&self) -> bool {
        self.kind != "check"
    }

    pub fn is_closed(&self) -> bool {
        self.state == "confirmed" || self.state == "rejected"
    }
}

impl std::fmt::Display for JournalRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "row #{} {} {} {} created {} finished {} attempts {} http {} reason {:?}",
            self.id,
            self.kind,
            self.funding_code,
            self.state,
            self.created_at,
            self.finished_at
                .map_or_else(|| "-".to_owned(), |t| t.to_string()),
            self.attempts,
            self.http_status
                .map_or_else(|| "-".to_owned(), |s| s.to_string()),
            self.reason.as_deref().unwrap_or("")
        )
    }
}

/// Every sandbox-mode row of the journal in `data_dir`, by id; the file is opened read-only.
pub fn read_journal(data_dir: &Path) -> Vec<JournalRow> {
    use rusqlite::OpenFlags;
    let path = data_dir.join(till::DATABASE_FILE);
    let connection = rusqlite::Connection::open_with_flags(
        &path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap_or_else(|error| panic!("open {} read-only: {error}", path.display()));
    connection
        .busy_timeout(std::time::Duration::from_secs(10))
        .unwrap();
    let mut statement = connection
        .prepare(
            "SELECT id, kind, funding_code, state, created_at, finished_at, attempts, reason, \
             http_status FROM journal WHERE mode = 'sandbox' ORDER BY id",
        )
        .unwrap();
    let timestamp = |text: String| -> Timestamp {
        text.parse()
            .unwrap_or_else(|error| panic!("journal timestamp {text:?}: {error}"))
    };
    statement
        .query_map([], |row| {
            Ok(JournalRow {
                id: row.get(0)?,
                kind: row.get(1)?,
                funding_code: row.get(2)?,
                state: row.get(3)?,
                created_at: timestamp(row.get(4)?),
                finished_at: row.get::<_, Option<String>>(5)?.map(timestamp),
                attempts: row.get(6)?,
                reason: row.get(7)?,
                http_status: row.get(8)?,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// What the comparison found. Each list holds one line of evidence per finding.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// Pay/undo rows still pending or unknown after the drain.
    pub lost_open: Vec<String>,
    /// Operations the CLI reported done (exit 0) without a confirmed row behind them.
    pub lost_done: Vec<String>,
    /// Billing events that repeat the code's state (billed twice with no undo between, or unbilled
    /// twice), counting from the seed state.
    pub doubled: Vec<String>,
    /// Codes whose billed flag at the sandbox differs from the one the journal implies (its last
    /// confirmed pay or undo; the seed state when there is none).
    pub disagreeing_codes: Vec<String>,
    /// Rows whose outcome contradicts the billing log (a confirmed pay the log does not show billed, a
    /// rejected one that took effect, more than one effect, an effect of the other kind), and effects
    /// no row accounts for.
    pub disagreeing_rows: Vec<String>,
    /// Consecutive pays/undos on one code whose times overlap by more than [`LOCK_WAIT_MS`]: the
    /// next created well before the previous finished, which the one-open-operation rule forbids.
    pub overlaps: Vec<String>,
    /// Overlaps within [`LOCK_WAIT_MS`]: the till stamps `created_at` before it takes the write lock,
    /// so a row that waited for the lock while the previous one finished looks created before that
    /// finish. Its insert still came after (the begin transaction saw the previous row closed).
    pub lock_wait_overlaps: usize,
    pub max_overlap_ms: i64,
    pub billed_events: usize,
    pub unbilled_events: usize,
    pub confirmed_rows: usize,
    pub rejected_rows: usize,
}

/// Compares the journal after the drain with the sandbox: `billed` is each soak code's final billed
/// flag, `seed` its flag at the start, `events` the billing log (all codes, oldest first).
pub fn judge(
    journal: &[JournalRow],
    results: &[OpResult],
    billed: &BTreeMap<String, bool>,
    seed: &BTreeMap<String, bool>,
    events: &[BillingEvent],
) -> Verdict {
    let mut verdict = Verdict::default();
    let by_id: BTreeMap<i64, &JournalRow> = journal.iter().map(|row| (row.id, row)).collect();

    for row in journal.iter().filter(|row| row.moves_money()) {
        match row.state.as_str() {
            "confirmed" => verdict.confirmed_rows += 1,
            "rejected" => verdict.rejected_rows += 1,
            _ => verdict
                .lost_open
                .push(format!("still open after the drain: {row}")),
        }
    }
    for result in results.iter().filter(|r| r.exit == Exit::Code(0)) {
        let row = result.journal_id.and_then(|id| by_id.get(&id));
        let confirmed = row.is_some_and(|row| row.state == "confirmed");
        if !confirmed && moves_money(result.op.kind) {
            verdict.lost_done.push(format!(
                "op {} ({} {}) exited 0 with journal id {:?}, row: {}",
                result.op.index,
                result.op.kind.command(),
                result.funding_code,
                result.journal_id,
                row.map_or_else(|| "none".to_owned(), |row| row.to_string())
            ));
        }
    }

    let mut rows_by_code: BTreeMap<&str, Vec<&JournalRow>> = BTreeMap::new();
    for row in journal.iter().filter(|row| row.moves_money()) {
        rows_by_code.entry(&row.funding_code).or_default().push(row);
    }
    let mut events_by_code: BTreeMap<&str, Vec<&BillingEvent>> = BTreeMap::new();
    for event in events {
        match event.kind {
            BillingKind::Billed => verdict.billed_events += 1,
            BillingKind::Unbilled => verdict.unbilled_events += 1,
        }
        events_by_code
            .entry(&event.funding_code)
            .or_default()
            .push(event);
    }

    for (code, &final_billed) in billed {
        let seed_billed = seed.get(code).copied().unwrap_or(false);
        let rows = rows_by_code.get(code.as_str()).cloned().unwrap_or_default();
        let events = events_by_code
            .get(code.as_str())
            .cloned()
            .unwrap_or_default();
        doubles(code, seed_billed, &events, &mut verdict);
        overlaps(&rows, &mut verdict);
        attribute(code, seed_billed, &rows, &events, &mut verdict);

        let last_confirmed = rows.iter().rev().find(|row| row.state == "confirmed");
        let implied = last_confirmed.map_or(seed_billed, |row| row.kind == "paid_and_billed");
        if implied != final_billed {
            verdict.disagreeing_codes.push(format!(
                "code {code}: the journal implies billed={implied} (last confirmed: {}), the sandbox \
                 says billed={final_billed}; events: {}",
                last_confirmed.map_or_else(|| "none".to_owned(), |row| row.to_string()),
                describe_events(&events)
            ));
        }
    }
    verdict
}

fn doubles(code: &str, seed_billed: bool, events: &[&BillingEvent], verdict: &mut Verdict) {
    let mut state = seed_billed;
    for event in events {
        let billed = event.kind == BillingKind::Billed;
        if billed == state {
            verdict.doubled.push(format!(
                "code {code}: {:?} at {} while already {}; events: {}",
                event.kind,
                event.at,
                if state { "billed" } else { "unbilled" },
                describe_events(events)
            ));
        }
        state = billed;
    }
}

fn overlaps(rows: &[&JournalRow], verdict: &mut Verdict) {
    for pair in rows.windows(2) {
        let (previous, next) = (pair[0], pair[1]);
        let Some(finished) = previous.finished_at else {
            verdict.overlaps.push(format!(
                "#{} created while #{} never finished: {next} / {previous}",
                next.id, previous.id
            ));
            continue;
        };
        if next.created_at < finished {
            let overlap = finished.as_millisecond() - next.created_at.as_millisecond();
            verdict.max_overlap_ms = verdict.max_overlap_ms.max(overlap);
            if overlap <= LOCK_WAIT_MS {
                verdict.lock_wait_overlaps += 1;
            } else {
                verdict.overlaps.push(format!(
                    "{overlap} ms: {next} created before {previous} finished"
                ));
            }
        }
    }
}

/// Walks a code's operations in id order, giving each the events up to its finish (see the module
/// doc), and checks each outcome against them.
fn attribute(
    code: &str,
    seed_billed: bool,
    rows: &[&JournalRow],
    events: &[&BillingEvent],
    verdict: &mut Verdict,
) {
    let mut billed = seed_billed;
    let mut pending = events.iter().peekable();
    for row in rows {
        let before = billed;
        let mut mine = Vec::new();
        while let Some(event) =
            pending.next_if(|event| row.finished_at.is_none_or(|end| event.at <= end))
        {
            mine.push(*event);
        }
        let mut problems = Vec::new();
        let expected = if row.kind == "paid_and_billed" {
            BillingKind::Billed
        } else {
            BillingKind::Unbilled
        };
        for event in &mine {
            if event.at < row.created_at {
                problems.push(format!(
                    "an effect at {} before the row was created (a late request of an earlier one?)",
                    event.at
                ));
            }
            if event.kind != expected {
                problems.push(format!("an effect of the other kind ({:?})", event.kind));
            }
            billed = event.kind == BillingKind::Billed;
        }
        if mine.len() > 1 {
            problems.push(format!("{} effects for one operation", mine.len()));
        }
        match (row.kind.as_str(), row.state.as_str()) {
            ("paid_and_billed", "confirmed") if !billed => {
                problems.push("confirmed, but the code is not billed after it".to_owned());
            }
            ("undo_billing", "confirmed") if billed => {
                problems.push("confirmed, but the code is still billed after it".to_owned());
            }
            (_, "rejected") if !mine.is_empty() => {
                problems.push("rejected, but it took effect".to_owned());
            }
            ("undo_billing", "rejected") if before => {
                problems.push("refused, although the code was billed".to_owned());
            }
            ("paid_and_billed", "rejected") => {
                problems.push("a pay refused on a valid code".to_owned());
            }
            _ => {}
        }
        if !problems.is_empty() {
            verdict.disagreeing_rows.push(format!(
                "{row}: {}; events: {}",
                problems.join("; "),
                describe_events(events)
            ));
        }
    }
    let orphans: Vec<_> = pending.collect();
    if !orphans.is_empty() {
        verdict.disagreeing_rows.push(format!(
            "code {code}: {} effects after its last operation finished; events: {}",
            orphans.len(),
            describe_events(events)
        ));
    }
}

fn describe_events(events: &[&BillingEvent]) -> String {
    if events.is_empty() {
        return "none".to_owned();
    }
    events
        .iter()
        .map(|event| format!("{:?}@{}", event.kind, event.at))
        .collect::<Vec<_>>()
        .join(", ")
}
