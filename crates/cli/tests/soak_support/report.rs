//! The figures of a soak run, printed one per line, and the evidence behind any finding.

use std::collections::BTreeMap;
use std::fmt;

use sandbox::{Endpoint, FaultCounts, FaultKind};

use super::SoakConfig;
use super::issue::{Drain, Exit, OpResult};
use super::plan::OpKind;
use super::verdict::Verdict;

/// Everything a run measured.
#[derive(Debug, Clone)]
pub struct SoakReport {
    pub config: SoakConfig,
    pub results: Vec<OpResult>,
    /// Faults injected while the operations were issued, and in all (the drain runs with them on).
    pub faults_issuing: FaultCounts,
    pub faults_total: FaultCounts,
    /// Pay/undo rows left `pending` (their process was killed in flight) and `unknown` when the last
    /// operation had ended, before the drain.
    pub open_before_drain: (usize, usize),
    pub drain: Drain,
    pub verdict: Verdict,
    pub issue_millis: u64,
    pub total_millis: u64,
    /// The data folder, when kept (`SOAK_KEEP_DIR`).
    pub kept_dir: Option<std::path::PathBuf>,
}

impl SoakReport {
    pub fn lost(&self) -> usize {
        self.verdict.lost_open.len() + self.verdict.lost_done.len()
    }

    pub fn doubled(&self) -> usize {
        self.verdict.doubled.len()
    }

    /// Codes whose final billed state disagrees, plus rows that contradict the billing log.
    pub fn disagreeing(&self) -> usize {
        self.verdict.disagreeing_codes.len() + self.verdict.disagreeing_rows.len()
    }

    /// The goal: nothing lost, nothing billed twice, the journal agreeing with the provider, and the
    /// outbox drained.
    pub fn goal_met(&self) -> bool {
        self.lost() == 0
            && self.doubled() == 0
            && self.disagreeing() == 0
            && self.drain.still_open == 0
    }

    /// Processes that ended in neither an expected exit (0, 3, 4) nor the harness's kill.
    pub fn unexpected_exits(&self) -> usize {
        self.count_exits(|exit| !matches!(exit, Exit::Code(0 | 3 | 4) | Exit::Killed))
    }

    /// Processes that died of the harness's SIGKILL.
    pub fn kills_landed(&self) -> usize {
        self.count_exits(|exit| exit == Exit::Killed)
    }

    pub fn kills_attempted(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.kill_after_ms.is_some())
            .count()
    }

    pub fn count_exits(&self, wanted: impl Fn(Exit) -> bool) -> usize {
        self.results.iter().filter(|r| wanted(r.exit)).count()
    }

    pub fn count_error(&self, code: &str) -> usize {
        self.results
            .iter()
            .filter(|r| r.error_code.as_deref() == Some(code))
            .count()
    }

    /// Faults injected over the whole run, by kind.
    pub fn faults_by_kind(&self) -> BTreeMap<FaultKind, u64> {
        let mut by_kind = BTreeMap::new();
        for ((_, kind), count) in &self.faults_total {
            *by_kind.entry(*kind).or_insert(0) += count;
        }
        by_kind
    }

    fn faults_by_endpoint(counts: &FaultCounts) -> BTreeMap<Endpoint, u64> {
        let mut by_endpoint = BTreeMap::new();
        for ((endpoint, _), count) in counts {
            *by_endpoint.entry(*endpoint).or_insert(0) += count;
        }
        by_endpoint
    }

    fn kinds_issued(&self) -> BTreeMap<OpKind, usize> {
        let mut kinds = BTreeMap::new();
        for result in &self.results {
            *kinds.entry(result.op.kind).or_insert(0) += 1;
        }
        kinds
    }
}

/// The end of a long message on one line (a failed migration quotes its whole SQL first).
fn tail(message: &str) -> String {
    let flat = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let start = flat
        .char_indices()
        .rev()
        .nth(160)
        .map_or(0, |(position, _)| position);
    flat[start..].to_owned()
}

fn seconds(millis: u64) -> String {
    format!("{:.1} s", millis as f64 / 1000.0)
}

fn list<K: fmt::Display>(items: impl IntoIterator<Item = (K, u64)>) -> String {
    items
        .into_iter()
        .map(|(key, count)| format!("{key} {count}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for SoakReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let config = &self.config;
        let verdict = &self.verdict;
        let kinds = self.kinds_issued();
        let kind = |k: OpKind| kinds.get(&k).copied().unwrap_or(0);
        writeln!(
            f,
            "soak: N={} operations over M={} funding codes, F={} fault rate, K={} kills, {} at once, \
             seed {}, http timeout {} s{}",
            config.operations,
            config.funding_codes,
            config.fault_rate,
            config.kills,
            config.concurrency,
            config.seed,
            config.http_timeout_secs,
            if config.prepare_data_dir {
                ""
            } else {
                ", data folder not prepared"
            }
        )?;
        writeln!(
            f,
            "  operations issued:            {} (pay {}, undo {}, check {}) in {}",
            self.results.len(),
            kind(OpKind::Pay),
            kind(OpKind::Undo),
            kind(OpKind::Check),
            seconds(self.issue_millis)
        )?;
        let code = |wanted: i32| self.count_exits(|exit| exit == Exit::Code(wanted));
        writeln!(
            f,
            "  exits:                        0 done {}, 3 refused {}, 4 unknown/unreachable/open {} \
             (operation_open {}), 2 bad input {}, 1 other {}, killed {}, other signal {}",
            code(0),
            code(3),
            code(4),
            self.count_error("operation_open"),
            code(2),
            code(1),
            self.kills_landed(),
            self.count_exits(|exit| matches!(exit, Exit::Signal(_)))
        )?;
        let mut millis: Vec<u64> = self.results.iter().map(|r| r.millis).collect();
        millis.sort_unstable();
        let percentile = |p: usize| {
            millis
                .get(millis.len().saturating_sub(1) * p / 100)
                .copied()
        };
        writeln!(
            f,
            "  process time:                 median {} ms, p90 {} ms, max {} ms",
            percentile(50).unwrap_or(0),
            percentile(90).unwrap_or(0),
            percentile(100).unwrap_or(0)
        )?;
        let delays: Vec<u64> = self
            .results
            .iter()
            .filter_map(|r| r.kill_after_ms)
            .collect();
        writeln!(
            f,
            "  kills:                        {} attempted at {}..{} ms after the spawn ({}), {} landed \
             ({} processes had already exited)",
            self.kills_attempted(),
            delays.iter().min().copied().unwrap_or(0),
            delays.iter().max().copied().unwrap_or(0),
            match config.kill_window_ms {
                Some(window) => format!("window {window} ms"),
                None => "window 1.5 x the median pay/undo time".to_owned(),
            },
            self.kills_landed(),
            self.kills_attempted() - self.kills_landed()
        )?;
        let total: u64 = self.faults_total.values().sum();
        let issuing: u64 = self.faults_issuing.values().sum();
        writeln!(
            f,
            "  faults injected:              {total} ({issuing} while issuing, {} during the drain)",
            total - issuing
        )?;
        writeln!(
            f,
            "  faults by kind:               {}",
            list(self.faults_by_kind())
        )?;
        writeln!(
            f,
            "  faults by endpoint:           {}",
            list(Self::faults_by_endpoint(&self.faults_total))
        )?;
        writeln!(
            f,
            "  open before the drain:        {} pending (process killed in flight), {} unknown",
            self.open_before_drain.0, self.open_before_drain.1
        )?;
        writeln!(
            f,
            "  time to drain:                {} ({} sync runs; still open: {})",
            seconds(self.drain.millis),
            self.drain.sync_runs,
            self.drain.still_open
        )?;
        writeln!(
            f,
            "  operations lost:              {} ({} open after the drain, {} done without a confirmed row)",
            self.lost(),
            verdict.lost_open.len(),
            verdict.lost_done.len()
        )?;
        writeln!(
            f,
            "  billings doubled:             {} (billing events: {} billed, {} unbilled; pay/undo rows: \
             {} confirmed, {} rejected)",
            self.doubled(),
            verdict.billed_events,
            verdict.unbilled_events,
            verdict.confirmed_rows,
            verdict.rejected_rows
        )?;
        writeln!(
            f,
            "  journal disagreeing:          {} ({} codes whose final billed state differs, {} rows \
             contradicting the billing log)",
            self.disagreeing(),
            verdict.disagreeing_codes.len(),
            verdict.disagreeing_rows.len()
        )?;
        writeln!(
            f,
            "  one open operation per code:  {} overlapping pairs ({} within the SQLite lock wait, max \
             {} ms)",
            verdict.overlaps.len() + verdict.lock_wait_overlaps,
            verdict.lock_wait_overlaps,
            verdict.max_overlap_ms
        )?;
        writeln!(
            f,
            "  run time:                     {}",
            seconds(self.total_millis)
        )?;
        writeln!(
            f,
            "  goal (0 lost, 0 doubled, 0 disagreeing, drained): {}",
            if self.goal_met() { "met" } else { "NOT met" }
        )?;
        if let Some(dir) = &self.kept_dir {
            writeln!(f, "  data folder kept:             {}", dir.display())?;
        }
        let evidence = [
            ("lost (open)", &verdict.lost_open),
            ("lost (done)", &verdict.lost_done),
            ("doubled", &verdict.doubled),
            ("disagreeing code", &verdict.disagreeing_codes),
            ("disagreeing row", &verdict.disagreeing_rows),
            ("overlap", &verdict.overlaps),
        ];
        for (label, lines) in evidence {
            for line in lines.iter().take(20) {
                writeln!(f, "  [{label}] {line}")?;
            }
            if lines.len() > 20 {
                writeln!(f, "  [{label}] ... {} more", lines.len() - 20)?;
            }
        }
        let unexpected = self
            .results
            .iter()
            .filter(|r| matches!(r.exit, Exit::Code(1 | 2) | Exit::Signal(_)));
        for result in unexpected.take(10) {
            writeln!(
                f,
                "  [unexpected exit] op {} {} {}: {:?} {:?} {:?}: {}",
                result.op.index,
                result.op.kind.command(),
                result.funding_code,
                result.exit,
                result.error_code,
                result.error_message.as_deref().map(tail),
                result.stderr_tail
            )?;
        }
        Ok(())
    }
}
