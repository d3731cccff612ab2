//! The comparison after the settling: the till's vouchers and journal, read straight from its SQLite
//! file, against the vouchers aPagos' simulator holds and aCuotaz's billings.
//!
//! - **Registered twice**: an `order_id` (Caja's voucher id) held more than once by aPagos. An unknown
//!   register sent again would show here; a cashier's new register after a supervisor found the first
//!   never sent is a new id.
//! - **Billed before VALIDATED**: a `paid-and-billed` journaled for a transfer, or a billing at aCuotaz,
//!   of a code none of whose vouchers aPagos holds as VALIDATED, or from before the earliest moment it
//!   could have been (the register plus the validation delay, or the moment aPagos' staff validated a
//!   reviewed one).
//! - **Billed twice**: more than one confirmed `paid-and-billed` of a code, or more than one billing
//!   at aCuotaz.
//! - **Lost**: a voucher still unknown or sending, a journal row still open, a voucher aPagos holds
//!   that the till does not know (or gave up as never sent), a sale whose transfer aPagos validated and
//!   that is not billed at the till and at aCuotaz.
//! - **Disagreeing**: a voucher whose final status or `request_id` at the till is not aPagos'.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, OpenFlags};
use sandbox::{BillingEvent, BillingKind, Voucher as Held, VoucherStatus};

use super::Sale;

/// One voucher as the till keeps it.
#[derive(Debug, Clone)]
pub struct TillVoucher {
    pub voucher_id: String,
    pub state: String,
    pub request_id: Option<String>,
    pub status: Option<String>,
    pub code: Option<String>,
    pub billing: Option<String>,
    pub billed_entry: Option<i64>,
    pub validated_centimos: Option<i64>,
}

/// One `paid-and-billed` row of the journal.
#[derive(Debug, Clone)]
pub struct Billing {
    pub id: i64,
    pub code: String,
    pub state: String,
    pub tender: Option<String>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Default)]
pub struct TillRecord {
    pub vouchers: Vec<TillVoucher>,
    pub billings: Vec<Billing>,
    pub open_rows: usize,
}

fn open(data_dir: &Path) -> Connection {
    let path = data_dir.join(till::DATABASE_FILE);
    let connection = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap_or_else(|error| panic!("open {}: {error}", path.display()));
    connection
        .busy_timeout(std::time::Duration::from_secs(10))
        .unwrap();
    connection
}

/// Journal rows still pending or unknown.
pub fn open_rows(data_dir: &Path) -> usize {
    open(data_dir)
        .query_row(
            "SELECT COUNT(*) FROM journal WHERE state IN ('pending', 'unknown')",
            [],
            |row| row.get::<_, i64>(0),
        )
        .unwrap() as usize
}

pub fn read_till(data_dir: &Path) -> TillRecord {
    let connection = open(data_dir);
    let mut statement = connection
        .prepare(
            "SELECT voucher_id, state, request_id, status, sale_funding_code, billing, billed_entry, \
             validated_amount_centimos FROM voucher WHERE mode = 'sandbox' ORDER BY id",
        )
        .unwrap();
    let vouchers = statement
        .query_map([], |row| {
            Ok(TillVoucher {
                voucher_id: row.get(0)?,
                state: row.get(1)?,
                request_id: row.get(2)?,
                status: row.get(3)?,
                code: row.get(4)?,
                billing: row.get(5)?,
                billed_entry: row.get(6)?,
                validated_centimos: row.get(7)?,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut statement = connection
        .prepare(
            "SELECT id, funding_code, state, tender, created_at FROM journal \
             WHERE mode = 'sandbox' AND kind = 'paid_and_billed' ORDER BY id",
        )
        .unwrap();
    let billings = statement
        .query_map([], |row| {
            let created: String = row.get(4)?;
            Ok(Billing {
                id: row.get(0)?,
                code: row.get(1)?,
                state: row.get(2)?,
                tender: row.get(3)?,
                created_at: created.parse().expect("a journal timestamp"),
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    TillRecord {
        vouchers,
        billings,
        open_rows: open_rows(data_dir),
    }
}

/// Everything the comparison reads.
pub struct Evidence<'a> {
    pub till: &'a TillRecord,
    pub held: &'a [Held],
    pub events: &'a [BillingEvent],
    /// Each sale's code and whether aCuotaz holds it billed.
    pub financings: &'a [(String, bool)],
    pub sales: &'a [Sale],
    /// The reviewed vouchers aPagos' staff validated (request id → just before).
    pub reviewed: &'a BTreeMap<String, Timestamp>,
}

/// What the comparison found (one line of evidence per finding) and the figures it counted.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    pub registered_twice: Vec<String>,
    pub billed_before_validated: Vec<String>,
    pub billed_twice: Vec<String>,
    pub lost: Vec<String>,
    pub disagreeing: Vec<String>,
    pub till_vouchers: BTreeMap<String, usize>,
    pub held_by_status: BTreeMap<String, usize>,
    /// Sales billed (at aCuotaz) and their validated amounts.
    pub sales_billed: usize,
    pub billed_centimos: i64,
    pub transfer_rows_confirmed: usize,
    pub events_billed: usize,
    /// The shortest time from the earliest moment aPagos could have validated to a billing (journal
    /// row or aCuotaz's), in ms.
    pub closest_ms: Option<i64>,
}

impl Verdict {
    fn closer(&mut self, gap: SignedDuration) {
        let ms = gap.as_millis() as i64;
        self.closest_ms = Some(self.closest_ms.map_or(ms, |closest| closest.min(ms)));
    }
}

pub fn judge(evidence: &Evidence<'_>, delay_ms: u64) -> Verdict {
    let Evidence {
        till,
        held,
        events,
        financings,
        sales,
        reviewed,
    } = evidence;
    let mut verdict = Verdict::default();
    let mut by_order: BTreeMap<&str, Vec<&Held>> = BTreeMap::new();
    for voucher in held.iter() {
        by_order
            .entry(&voucher.typed.order_id)
            .or_default()
            .push(voucher);
        *verdict
            .held_by_status
            .entry(voucher.status.to_string())
            .or_default() += 1;
    }
    for (order_id, copies) in &by_order {
        if copies.len() > 1 {
            verdict
                .registered_twice
                .push(format!("{order_id} held {} times by aPagos", copies.len()));
        }
        match till.vouchers.iter().find(|v| v.voucher_id == *order_id) {
            None => verdict
                .lost
                .push(format!("{order_id} at aPagos, unknown to the till")),
            Some(ours) if ours.state == "abandoned" => verdict
                .lost
                .push(format!("{order_id} at aPagos, given up as never sent")),
            Some(_) => {}
        }
    }
    // The earliest moment aPagos could have said VALIDATED, per code (its earliest such voucher).
    let delay = SignedDuration::from_millis(delay_ms as i64);
    let mut validated_since: BTreeMap<&str, Timestamp> = BTreeMap::new();
    for ours in &till.vouchers {
        *verdict.till_vouchers.entry(ours.state.clone()).or_default() += 1;
        if matches!(ours.state.as_str(), "unknown" | "sending") {
            verdict
                .lost
                .push(format!("{} still {}", ours.voucher_id, ours.state));
        }
        let theirs = by_order
            .get(ours.voucher_id.as_str())
            .and_then(|c| c.first());
        if let (Some(code), Some(theirs)) = (&ours.code, theirs)
            && theirs.status == VoucherStatus::Validated
        {
            let since = reviewed
                .get(&theirs.request_id)
                .copied()
                .unwrap_or(theirs.registered_at + delay);
            let earliest = validated_since.entry(code).or_insert(since);
            *earliest = (*earliest).min(since);
        }
        if ours.billing.as_deref() == Some("billed") {
            let row = till
                .billings
                .iter()
                .find(|row| Some(row.id) == ours.billed_entry);
            if !row.is_some_and(|row| {
                row.state == "confirmed" && Some(&row.code) == ours.code.as_ref()
            }) {
                verdict.disagreeing.push(format!(
                    "{} billed by journal #{:?}, which is {row:?}",
                    ours.voucher_id, ours.billed_entry
                ));
            }
        }
        if let Some(theirs) = theirs {
            let final_status = matches!(
                ours.status.as_deref(),
                Some("VALIDATED" | "INVALID" | "CANCELED")
            );
            if (final_status && ours.status.as_deref() != Some(theirs.status.as_str()))
                || ours
                    .request_id
                    .as_deref()
                    .is_some_and(|id| id != theirs.request_id)
            {
                verdict.disagreeing.push(format!(
                    "{}: the till says {:?} {:?}, aPagos {} {}",
                    ours.voucher_id, ours.status, ours.request_id, theirs.status, theirs.request_id
                ));
            }
        }
    }
    if till.open_rows > 0 {
        verdict
            .lost
            .push(format!("{} journal rows still open", till.open_rows));
    }
    let mut confirmed: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &till.billings {
        if row.tender.as_deref() != Some("transfer") {
            continue;
        }
        if row.state == "confirmed" {
            verdict.transfer_rows_confirmed += 1;
            *confirmed.entry(&row.code).or_default() += 1;
        }
        match validated_since.get(row.code.as_str()) {
            Some(since) if *since <= row.created_at => {
                verdict.closer(row.created_at.duration_since(*since));
            }
            since => verdict.billed_before_validated.push(format!(
                "journal #{} ({}) of {} at {}; validated since {since:?}",
                row.id, row.state, row.code, row.created_at
            )),
        }
    }
    for (code, rows) in confirmed {
        if rows > 1 {
            verdict
                .billed_twice
                .push(format!("{code}: {rows} confirmed paid-and-billed rows"));
        }
    }
    let mut billed_events: BTreeMap<&str, usize> = BTreeMap::new();
    for event in events.iter().filter(|e| e.kind == BillingKind::Billed) {
        if !sales.iter().any(|sale| sale.code == event.funding_code) {
            continue;
        }
        verdict.events_billed += 1;
        *billed_events.entry(&event.funding_code).or_default() += 1;
        match validated_since.get(event.funding_code.as_str()) {
            Some(since) if *since <= event.at => verdict.closer(event.at.duration_since(*since)),
            since => verdict.billed_before_validated.push(format!(
                "aCuotaz billed {} at {}; validated since {since:?}",
                event.funding_code, event.at
            )),
        }
    }
    for (code, count) in billed_events {
        if count > 1 {
            verdict
                .billed_twice
                .push(format!("{code}: billed {count} times at aCuotaz"));
        }
    }
    for (code, billed) in financings.iter() {
        let ours: Vec<&TillVoucher> = till
            .vouchers
            .iter()
            .filter(|v| v.code.as_deref() == Some(code))
            .collect();
        let paid_by = ours.iter().find(|v| v.billing.as_deref() == Some("billed"));
        if *billed {
            verdict.sales_billed += 1;
            verdict.billed_centimos += paid_by.and_then(|v| v.validated_centimos).unwrap_or(0);
        }
        if validated_since.contains_key(code.as_str()) && !(*billed && paid_by.is_some()) {
            verdict.lost.push(format!(
                "{code}: validated by aPagos, billed at aCuotaz {billed}, at the till {:?}",
                ours.iter().map(|v| v.billing.clone()).collect::<Vec<_>>()
            ));
        }
    }
    verdict
}
