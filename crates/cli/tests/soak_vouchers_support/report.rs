//! The figures of a vouchers soak run, one per line, and the evidence behind any finding.

use std::collections::BTreeMap;
use std::fmt;

use sandbox::ApagosFaults;

use super::plan::Fate;
use super::settle::Settled;
use super::verdict::Verdict;
use super::{Ran, VoucherSoakConfig};
use crate::soak_support::issue::Exit;

#[derive(Debug, Clone)]
pub struct VoucherSoakReport {
    pub config: VoucherSoakConfig,
    pub fates: Vec<Fate>,
    /// Every process, in the order they ended.
    pub processes: Vec<Ran>,
    pub follower_passes: usize,
    /// aPagos faults armed in all, and still unused when the chaos stopped.
    pub armed: ApagosFaults,
    pub left_unused: ApagosFaults,
    /// aCuotaz's `paid-and-billed` faults injected.
    pub billing_faults: u64,
    pub settled: Settled,
    pub verdict: Verdict,
    pub issue_millis: u64,
    pub total_millis: u64,
}

impl VoucherSoakReport {
    pub fn registered_twice(&self) -> usize {
        self.verdict.registered_twice.len()
    }

    pub fn billed_before_validated(&self) -> usize {
        self.verdict.billed_before_validated.len()
    }

    pub fn billed_twice(&self) -> usize {
        self.verdict.billed_twice.len()
    }

    pub fn lost(&self) -> usize {
        self.verdict.lost.len()
    }

    pub fn disagreeing(&self) -> usize {
        self.verdict.disagreeing.len()
    }

    /// Exits other than 0, 2 (refused here: a transfer not usable yet), 3 and 4.
    pub fn unexpected_exits(&self) -> usize {
        self.processes
            .iter()
            .filter(|ran| !matches!(ran.exit, Exit::Code(0 | 2 | 3 | 4)))
            .count()
    }

    /// aPagos faults of each kind that hit a request (armed, less those left unused).
    pub fn apagos_faults_used(&self) -> [(&'static str, u32); 4] {
        let (armed, left) = (&self.armed, &self.left_unused);
        [
            (
                "register answer lost",
                armed
                    .drop_register_answer
                    .saturating_sub(left.drop_register_answer),
            ),
            (
                "register 5xx",
                armed.fail_register.saturating_sub(left.fail_register),
            ),
            ("info 5xx", armed.fail_info.saturating_sub(left.fail_info)),
            (
                "info answer lost",
                armed.drop_info_answer.saturating_sub(left.drop_info_answer),
            ),
        ]
    }

    fn exits(&self, what: &str) -> String {
        let mut by_exit: BTreeMap<String, usize> = BTreeMap::new();
        for ran in self.processes.iter().filter(|ran| ran.what == what) {
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

impl fmt::Display for VoucherSoakReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (config, verdict, settled) = (&self.config, &self.verdict, &self.settled);
        writeln!(
            f,
            "vouchers soak: {} sales, {} cashiers and {} followers at once, aPagos deciding after {} ms, \
             aPagos fault rate {} per {} ms tick, F={} on paid-and-billed, seed {}",
            config.sales,
            config.concurrency,
            config.followers,
            config.validation_delay_ms,
            config.apagos_fault_rate,
            config.chaos_tick.as_millis(),
            config.billing_fault_rate,
            config.seed
        )?;
        let mut fates: BTreeMap<&str, usize> = BTreeMap::new();
        for fate in &self.fates {
            *fates.entry(fate.label()).or_default() += 1;
        }
        writeln!(f, "  sales by aPagos' answer:  {}", list(fates))?;
        for (label, what) in [
            ("checks", "check"),
            ("registers", "register"),
            ("syncs", "sync"),
            ("lists", "list"),
            ("statuses", "status"),
            ("manual pays", "pay"),
            ("resolves", "resolve"),
            ("decides", "decide"),
        ] {
            writeln!(
                f,
                "  {:<24}{}",
                format!("{label} (exits):"),
                self.exits(what)
            )?;
        }
        let mut millis: Vec<u64> = self.processes.iter().map(|ran| ran.millis).collect();
        millis.sort_unstable();
        writeln!(
            f,
            "  processes:               {} (median {} ms, max {} ms), {} of them racing passes",
            self.processes.len(),
            millis.get(millis.len() / 2).copied().unwrap_or(0),
            millis.last().copied().unwrap_or(0),
            self.follower_passes
        )?;
        writeln!(
            f,
            "  aPagos faults that hit:  {}",
            list(self.apagos_faults_used())
        )?;
        writeln!(
            f,
            "  paid-and-billed faults:  {} injected by aCuotaz's simulator",
            self.billing_faults
        )?;
        writeln!(
            f,
            "  supervisor:              {} rounds in {}; {} resolved with aPagos' number, {} as never \
             sent ({} registered again), {} corrected amounts accepted, {} reviews validated by aPagos; \
             settled: {}",
            settled.rounds,
            seconds(settled.millis),
            settled.resolved_with_request_id,
            settled.resolved_not_sent,
            settled.registered_again,
            settled.accepted,
            settled.reviewed.len(),
            settled.done
        )?;
        writeln!(
            f,
            "  the till's vouchers:     {}",
            list(verdict.till_vouchers.clone())
        )?;
        writeln!(
            f,
            "  aPagos holds:            {}",
            list(verdict.held_by_status.clone())
        )?;
        writeln!(
            f,
            "  billed:                  {} sales billed at aCuotaz ({} billings), {} transfer rows \
             confirmed, {} validated",
            verdict.sales_billed,
            verdict.events_billed,
            verdict.transfer_rows_confirmed,
            till::Soles::from_centimos(verdict.billed_centimos)
        )?;
        writeln!(
            f,
            "  closest billing:         {} ms after the earliest moment aPagos could say VALIDATED",
            verdict
                .closest_ms
                .map_or("-".to_owned(), |ms| ms.to_string())
        )?;
        writeln!(f, "  registered twice:        {}", self.registered_twice())?;
        writeln!(
            f,
            "  billed before VALIDATED: {}",
            self.billed_before_validated()
        )?;
        writeln!(f, "  billed twice:            {}", self.billed_twice())?;
        writeln!(f, "  lost:                    {}", self.lost())?;
        writeln!(f, "  disagreeing:             {}", self.disagreeing())?;
        writeln!(
            f,
            "  run time:                {} (cashiers {}, settling {})",
            seconds(self.total_millis),
            seconds(self.issue_millis),
            seconds(settled.millis)
        )?;
        let evidence = [
            ("registered twice", &verdict.registered_twice),
            ("billed before VALIDATED", &verdict.billed_before_validated),
            ("billed twice", &verdict.billed_twice),
            ("lost", &verdict.lost),
            ("disagreeing", &verdict.disagreeing),
            ("left unsettled", &settled.left),
        ];
        for (label, lines) in evidence {
            for line in lines.iter().take(20) {
                writeln!(f, "  [{label}] {line}")?;
            }
        }
        Ok(())
    }
}
