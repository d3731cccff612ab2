//! The figures of an orders soak run, one per line, and the evidence behind any finding.

use std::collections::BTreeMap;
use std::fmt;

use sandbox::{Endpoint, FaultCounts, FaultKind};

use super::verdict::Verdict;
use super::{Drain, OrdersSoakConfig, Ran};
use crate::soak_support::issue::Exit;

#[derive(Debug, Clone)]
pub struct OrdersSoakReport {
    pub config: OrdersSoakConfig,
    /// Every process of both phases: creations first, then refunds and cancels.
    pub processes: Vec<Ran>,
    pub faults: FaultCounts,
    /// Order calls left open after the creations and after the refunds, before each drain.
    pub open_before_drains: (usize, usize),
    pub drains: (Drain, Drain),
    pub verdict: Verdict,
    pub issue_millis: u64,
    pub total_millis: u64,
}

impl OrdersSoakReport {
    pub fn created_twice(&self) -> usize {
        self.verdict.created_twice.len()
    }

    pub fn refunded_twice(&self) -> usize {
        self.verdict.refunded_twice.len()
    }

    pub fn lost(&self) -> usize {
        self.verdict.lost.len()
    }

    pub fn disagreeing(&self) -> usize {
        self.verdict.disagreeing.len()
    }

    pub fn drained(&self) -> bool {
        self.drains.0.still_open == 0 && self.drains.1.still_open == 0
    }

    pub fn kills_landed(&self) -> usize {
        self.count(|ran| ran.exit == Exit::Killed)
    }

    /// Exits other than 0, 2 (a refund above what is left, refused here), 3, 4 and the harness's kill.
    pub fn unexpected_exits(&self) -> usize {
        self.count(|ran| !matches!(ran.exit, Exit::Code(0 | 2 | 3 | 4) | Exit::Killed))
    }

    pub fn count(&self, wanted: impl Fn(&Ran) -> bool) -> usize {
        self.processes.iter().filter(|ran| wanted(ran)).count()
    }

    pub fn faults_by_kind(&self) -> BTreeMap<FaultKind, u64> {
        let mut by_kind = BTreeMap::new();
        for ((_, kind), count) in &self.faults {
            *by_kind.entry(*kind).or_insert(0) += count;
        }
        by_kind
    }

    pub fn faults_by_endpoint(&self) -> BTreeMap<Endpoint, u64> {
        let mut by_endpoint = BTreeMap::new();
        for ((endpoint, _), count) in &self.faults {
            *by_endpoint.entry(*endpoint).or_insert(0) += count;
        }
        by_endpoint
    }

    fn exits(&self, prefix: &str) -> String {
        let mut by_exit: BTreeMap<String, usize> = BTreeMap::new();
        for ran in self
            .processes
            .iter()
            .filter(|ran| ran.what.starts_with(prefix))
        {
            let key = match (ran.exit, &ran.error_code) {
                (Exit::Code(0), _) => "0".to_owned(),
                (Exit::Code(code), Some(error)) => format!("{code} {error}"),
                (Exit::Code(code), None) => code.to_string(),
                (Exit::Killed, _) => "killed".to_owned(),
                (Exit::Signal(signal), _) => format!("signal {signal}"),
            };
            *by_exit.entry(key).or_default() += 1;
        }
        list(by_exit)
    }
}

fn list<K: fmt::Display, V: fmt::Display>(items: impl IntoIterator<Item = (K, V)>) -> String {
    let items: Vec<String> = items
        .into_iter()
        .map(|(key, count)| format!("{key}: {count}"))
        .collect();
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

fn seconds(millis: u64) -> String {
    format!("{:.1} s", millis as f64 / 1000.0)
}

impl fmt::Display for OrdersSoakReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (config, verdict) = (&self.config, &self.verdict);
        writeln!(
            f,
            "orders soak: {} orders, F={} on the orders endpoints, {} kills, {} at once, seed {}, \
             http timeout {} s",
            config.orders,
            config.fault_rate,
            config.kills,
            config.concurrency,
            config.seed,
            config.http_timeout_secs
        )?;
        writeln!(f, "  creations (exits):        {}", self.exits("create"))?;
        writeln!(f, "  partial refunds (exits):  {}", self.exits("refund"))?;
        writeln!(f, "  total refunds (exits):    {}", self.exits("total"))?;
        writeln!(f, "  cancels (exits):          {}", self.exits("cancel"))?;
        let mut millis: Vec<u64> = self.processes.iter().map(|ran| ran.millis).collect();
        millis.sort_unstable();
        let delays: Vec<u64> = self
            .processes
            .iter()
            .filter_map(|ran| ran.killed_after_ms)
            .collect();
        writeln!(
            f,
            "  processes:                {} in {} (median {} ms, max {} ms); {} kills attempted at \
             {}..{} ms, {} landed",
            self.processes.len(),
            seconds(self.issue_millis),
            millis.get(millis.len() / 2).copied().unwrap_or(0),
            millis.last().copied().unwrap_or(0),
            delays.len(),
            delays.iter().min().copied().unwrap_or(0),
            delays.iter().max().copied().unwrap_or(0),
            self.kills_landed()
        )?;
        let total: u64 = self.faults.values().sum();
        writeln!(f, "  faults injected:          {total}")?;
        writeln!(
            f,
            "  faults by kind:           {}",
            list(self.faults_by_kind())
        )?;
        writeln!(
            f,
            "  faults by endpoint:       {}",
            list(self.faults_by_endpoint())
        )?;
        for (label, open, drain) in [
            (
                "after the creations",
                self.open_before_drains.0,
                &self.drains.0,
            ),
            (
                "after the refunds",
                self.open_before_drains.1,
                &self.drains.1,
            ),
        ] {
            writeln!(
                f,
                "  drain {label:<20}{open} calls open, drained in {} ({} sync runs, still open {})",
                seconds(drain.millis),
                drain.sync_runs,
                drain.still_open
            )?;
        }
        writeln!(
            f,
            "  orders:                   {} journaled, {} at the provider, {} creations refused",
            verdict.till_orders, verdict.provider_orders, verdict.creations_refused
        )?;
        writeln!(
            f,
            "  refunds:                  {} confirmed, {} refused, {} at the provider, S/ {}.{:02} \
             refunded; {} cancels confirmed",
            verdict.refunds_confirmed,
            verdict.refunds_refused,
            verdict.provider_refunds,
            verdict.refunded_centimos / 100,
            verdict.refunded_centimos % 100,
            verdict.cancels_confirmed
        )?;
        writeln!(f, "  orders created twice:     {}", self.created_twice())?;
        writeln!(f, "  refunds paid twice:       {}", self.refunded_twice())?;
        writeln!(f, "  lost:                     {}", self.lost())?;
        writeln!(f, "  disagreeing:              {}", self.disagreeing())?;
        writeln!(
            f,
            "  run time:                 {}",
            seconds(self.total_millis)
        )?;
        let evidence = [
            ("created twice", &verdict.created_twice),
            ("refunded twice", &verdict.refunded_twice),
            ("lost", &verdict.lost),
            ("disagreeing", &verdict.disagreeing),
        ];
        for (label, lines) in evidence {
            for line in lines.iter().take(20) {
                writeln!(f, "  [{label}] {line}")?;
            }
        }
        for ran in self
            .processes
            .iter()
            .filter(|ran| matches!(ran.exit, Exit::Code(1) | Exit::Signal(_)))
            .take(10)
        {
            writeln!(
                f,
                "  [unexpected exit] {}: {:?} {:?}",
                ran.what, ran.exit, ran.error_code
            )?;
        }
        Ok(())
    }
}
