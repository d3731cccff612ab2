//! The comparison after the settling: the till's checkouts as `caja aplazame list` shows them at
//! the end against the checkouts the simulator holds, and the figures printed.
//!
//! - **Created twice**: a `mid` held more than once by the simulator, or a sale (its customer's
//!   email, one per sale) behind more than one checkout there: a create sent again under a new
//!   order id.
//! - **Handed over without `ok`**: a checkout the till allows to hand over (`handoverAllowed`, the
//!   till's `may_hand_over`) that the simulator does not hold as `ok` under that id, with our `mid`
//!   and the till's total: in every `caja` answer during the run, checked the moment it came
//!   (`Floor::run`), and in the final list.
//! - **Lost**: a planned sale the till does not list, or lists unknown, still being sent, or
//!   created and not final; a checkout the simulator holds that the till does not know under its
//!   id.
//! - **Disagreeing**: a created checkout whose final status and reason at the till are not the
//!   simulator's stage.
//! - **Off plan**: a sale that did not end as its fate and its create's fault say, at the till or
//!   at the simulator. **Unexpected exits**: a create that did not exit 0 (answered), 3 (not
//!   financed) or 4 (its answer lost) as planned.

use std::collections::BTreeMap;
use std::fmt;

use sandbox::{AplazameCheckout as Held, AplazameFaults};
use serde_json::Value;

use super::Floor;
use super::actors::Settled;
use super::plan::{Fate, Lost};
use crate::soak_support::issue::Exit;

#[derive(Debug, Clone, Default)]
pub struct AplazameSoakReport {
    pub planned: usize,
    pub fates: BTreeMap<String, usize>,
    pub lost_creates: BTreeMap<String, usize>,
    pub created_at_aplazame: usize,
    pub created_twice: Vec<String>,
    pub handed_over: usize,
    pub handed_over_without_ok: Vec<String>,
    pub lost: Vec<String>,
    pub disagreeing: Vec<String>,
    pub off_plan: Vec<String>,
    pub unexpected_exits: Vec<String>,
    /// The till's final states: `ok`, `ko/expired`, `not_financed`, `abandoned`…
    pub final_states: BTreeMap<String, usize>,
    pub resolved_with_id: usize,
    pub resolved_not_sent: usize,
    /// Lost creates that became `created` with no supervisor: an IPN settled them.
    pub settled_by_ipn: usize,
    pub confirmed: usize,
    pub rejected: usize,
    pub undecided: usize,
    pub relayed: usize,
    pub relay_failed: usize,
    /// `caja` processes by what they did and how they exited (`status 0`, `checkout 4`…).
    pub processes: BTreeMap<String, usize>,
    /// Answers (during the run and at the end) that allowed a handover.
    pub handovers_seen: usize,
    pub faults_armed: AplazameFaults,
    pub faults_left: AplazameFaults,
    pub settled: Settled,
    pub setup_millis: u64,
    pub millis: u64,
}

impl AplazameSoakReport {
    /// Status faults that hit a request (armed, less those left unused).
    pub fn status_faults_used(&self) -> u32 {
        let armed = self.faults_armed.drop_status_answer + self.faults_armed.fail_status;
        let left = self.faults_left.drop_status_answer + self.faults_left.fail_status;
        armed.saturating_sub(left)
    }
}

/// The till's label for a checkout: `status[/reason]` once created, else its create state.
fn till_label(view: &Value) -> String {
    let state = view["state"].as_str().unwrap_or("-");
    if state != "created" {
        return state.to_owned();
    }
    match (view["status"].as_str(), view["statusReason"].as_str()) {
        (Some(status), Some(reason)) => format!("{status}/{reason}"),
        (Some(status), None) => status.to_owned(),
        (None, _) => "created/unread".to_owned(),
    }
}

fn email(held: &Held) -> String {
    held.request["customer"]["email"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub fn judge(floor: &Floor, listed: &Value, held: &[Held]) -> AplazameSoakReport {
    let mut report = AplazameSoakReport {
        planned: floor.sales.len(),
        created_at_aplazame: held.len(),
        relayed: *floor.relayed.lock().unwrap(),
        relay_failed: *floor.relay_failed.lock().unwrap(),
        handovers_seen: *floor.handovers_seen.lock().unwrap(),
        handed_over_without_ok: floor.early_handovers.lock().unwrap().clone(),
        ..AplazameSoakReport::default()
    };
    for ran in floor.ran.lock().unwrap().iter() {
        let exit = match ran.exit {
            Exit::Code(code) => code.to_string(),
            other => format!("{other:?}"),
        };
        let code = ran.error_code.as_deref().unwrap_or_default();
        let key = format!("{} {exit} {code}", ran.what);
        *report
            .processes
            .entry(key.trim_end().to_owned())
            .or_default() += 1;
    }
    let views = listed["checkouts"].as_array().cloned().unwrap_or_default();
    let view_of = |order_id: &str| views.iter().find(|view| view["orderId"] == order_id);
    let mut by_mid: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_email: BTreeMap<String, usize> = BTreeMap::new();
    for checkout in held {
        *by_mid.entry(&checkout.mid).or_default() += 1;
        *by_email.entry(email(checkout)).or_default() += 1;
        match view_of(&checkout.mid) {
            Some(view) if view["state"] == "created" && view["checkoutId"] == checkout.id => {
                let ours = till_label(view);
                if ours != checkout.stage.label() {
                    report.disagreeing.push(format!(
                        "{}: the till says {ours}, Aplazame {}",
                        checkout.mid,
                        checkout.stage.label()
                    ));
                }
            }
            Some(view) => report.lost.push(format!(
                "{} ({}) at Aplazame, {} at the till",
                checkout.mid,
                checkout.id,
                till_label(view)
            )),
            None => report.lost.push(format!(
                "{} ({}) at Aplazame, unknown to the till",
                checkout.mid, checkout.id
            )),
        }
    }
    for (mid, count) in by_mid.iter().filter(|(_, n)| **n > 1) {
        report
            .created_twice
            .push(format!("{mid} held {count} times"));
    }
    for (sale, count) in by_email.iter().filter(|(_, n)| **n > 1) {
        report
            .created_twice
            .push(format!("the sale of {sale} is {count} checkouts"));
    }
    for view in &views {
        let label = till_label(view);
        *report.final_states.entry(label.clone()).or_default() += 1;
        if view["handoverAllowed"] != true {
            continue;
        }
        report.handed_over += 1;
        let id = view["checkoutId"].as_str().unwrap_or_default();
        let theirs = held.iter().find(|checkout| checkout.id == id);
        let fine = theirs.is_some_and(|checkout| {
            checkout.stage.label() == "ok"
                && checkout.mid == view["orderId"]
                && checkout.total_amount == view["total"]["cents"].as_i64().unwrap_or(-1)
        });
        if !fine {
            report.handed_over_without_ok.push(format!(
                "{} may be handed over ({label}, {}); Aplazame: {:?}",
                view["orderId"],
                view["total"]["text"],
                theirs.map(|c| (c.stage.label(), c.mid.clone(), c.total_amount))
            ));
        }
    }
    let creates = floor.creates.lock().unwrap().clone();
    let resolved = floor.resolved.lock().unwrap().clone();
    for sale in &floor.sales {
        *report.fates.entry(format!("{:?}", sale.fate)).or_default() += 1;
        if sale.lost != Lost::No {
            let kind = format!("{:?}", sale.lost);
            *report.lost_creates.entry(kind).or_default() += 1;
        }
        let Some(create) = creates.iter().find(|c| c.sale == sale.index) else {
            report
                .lost
                .push(format!("sale {} never created", sale.index));
            continue;
        };
        let id = &create.order_id;
        let expected_exit = match (sale.fate, sale.lost) {
            (Fate::NotFinanced, _) => 3,
            (_, Lost::No) => 0,
            _ => 4,
        };
        if create.exit != Exit::Code(expected_exit) {
            report.unexpected_exits.push(format!(
                "{id} ({:?}, {:?}): {:?} {:?}",
                sale.fate, sale.lost, create.exit, create.error_code
            ));
        }
        let Some(view) = view_of(id) else {
            report.lost.push(format!("{id}: not at the till"));
            continue;
        };
        let label = till_label(view);
        let settled = label == "not_financed"
            || label == "abandoned"
            || label == "refused"
            || label == "ok"
            || label.starts_with("ko/");
        if !settled {
            report.lost.push(format!("{id}: still {label} at the till"));
        }
        if label != sale.expected_till() {
            report.off_plan.push(format!(
                "{id} ({:?}, {:?}): {label} at the till, planned {}",
                sale.fate,
                sale.lost,
                sale.expected_till()
            ));
        }
        let at_aplazame = held.iter().find(|c| c.mid == *id).map(|c| c.stage.label());
        if at_aplazame.as_deref() != sale.expected_stage() {
            report.off_plan.push(format!(
                "{id} ({:?}, {:?}): {at_aplazame:?} at Aplazame, planned {:?}",
                sale.fate,
                sale.lost,
                sale.expected_stage()
            ));
        }
        let by_supervisor = resolved.iter().any(|(order, _)| order == id);
        if matches!(sale.lost, Lost::Dropped { .. } | Lost::Garbled { .. })
            && !by_supervisor
            && view["state"] == "created"
        {
            report.settled_by_ipn += 1;
        }
    }
    report.resolved_with_id = resolved.iter().filter(|(_, with_id)| *with_id).count();
    report.resolved_not_sent = resolved.len() - report.resolved_with_id;
    let decided = floor.decided.lock().unwrap();
    report.confirmed = decided.iter().filter(|(_, ok)| *ok).count();
    report.rejected = decided.len() - report.confirmed;
    report.undecided = floor.undecided.lock().unwrap().len();
    report
}

fn lines(f: &mut fmt::Formatter<'_>, title: &str, found: &[String]) -> fmt::Result {
    writeln!(f, "  {title}: {}", found.len())?;
    for line in found.iter().take(12) {
        writeln!(f, "    - {line}")?;
    }
    Ok(())
}

impl fmt::Display for AplazameSoakReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Aplazame soak")?;
        writeln!(f, "  checkouts planned: {}", self.planned)?;
        writeln!(f, "  fates: {:?}", self.fates)?;
        writeln!(f, "  lost creates planned: {:?}", self.lost_creates)?;
        writeln!(f, "  created at Aplazame: {}", self.created_at_aplazame)?;
        lines(f, "created twice", &self.created_twice)?;
        writeln!(
            f,
            "  allowed to hand over at the end: {} (answers allowing it, checked at once: {})",
            self.handed_over, self.handovers_seen
        )?;
        lines(f, "handed over without ok", &self.handed_over_without_ok)?;
        lines(f, "lost", &self.lost)?;
        lines(f, "disagreeing", &self.disagreeing)?;
        lines(f, "off plan", &self.off_plan)?;
        lines(f, "unexpected exits", &self.unexpected_exits)?;
        writeln!(f, "  final states at the till: {:?}", self.final_states)?;
        writeln!(
            f,
            "  lost creates resolved by a supervisor: {} with Aplazame's id, {} as never sent; \
             settled by an IPN: {}",
            self.resolved_with_id, self.resolved_not_sent, self.settled_by_ipn
        )?;
        writeln!(
            f,
            "  cashier: {} confirmed, {} rejected, {} given up; IPNs relayed: {} ({} failed at the \
             till)",
            self.confirmed, self.rejected, self.undecided, self.relayed, self.relay_failed
        )?;
        writeln!(
            f,
            "  faults armed: {:?}; status faults used: {}",
            self.faults_armed,
            self.status_faults_used()
        )?;
        writeln!(
            f,
            "  settling: {} rounds, {} late resolutions, {} late decisions, done {} in {} ms {:?}",
            self.settled.rounds,
            self.settled.late_resolutions,
            self.settled.late_decisions,
            self.settled.done,
            self.settled.millis,
            self.settled.left
        )?;
        let total: usize = self.processes.values().sum();
        writeln!(f, "  caja processes: {total} {:?}", self.processes)?;
        write!(
            f,
            "  duration: {:.1} s (setup {:.1} s)",
            self.millis as f64 / 1000.0,
            self.setup_millis as f64 / 1000.0
        )
    }
}
