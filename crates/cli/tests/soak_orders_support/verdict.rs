//! The comparison after the drains: the till's orders and their calls, read straight from its SQLite
//! file, against the orders and refunds the sandbox holds.
//!
//! - **Created twice**: a sale (one customer, one `caja order create`) with more than one order at the
//!   till or at the provider, or an order at the provider the till never journaled.
//! - **Refunded twice**: a refund at the provider under a token the till never journaled, an order whose
//!   refunds sum to more than it recorded or than its amount, or a token journaled on two calls.
//! - **Lost**: a call still open after the drain; an order the till created (or a process reported
//!   done) that the provider does not hold; a refund the till confirmed (or a process reported done)
//!   that the provider does not hold under its token.
//! - **Disagreeing**: a provider order whose body is not the one journaled; a creation refused here the
//!   provider holds; a refund refused here it paid, or paid for another amount; a cancel confirmed on
//!   an order the provider does not hold as canceled.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use sandbox::Order;
use serde_json::Value;

use super::Ran;
use crate::soak_support::issue::Exit;

/// One order as the till journaled it.
#[derive(Debug, Clone)]
pub struct TillOrder {
    pub row: i64,
    pub order_id: String,
    pub centimos: i64,
    pub dni: String,
    pub body: String,
}

/// One call on an order, as the till journaled it.
#[derive(Debug, Clone)]
pub struct TillCall {
    pub id: i64,
    pub order_row: i64,
    pub token: String,
    pub kind: String,
    pub state: String,
    pub centimos: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct TillRecord {
    pub orders: Vec<TillOrder>,
    pub calls: Vec<TillCall>,
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

/// Order calls still pending or unknown.
pub fn open_calls(data_dir: &Path) -> usize {
    open(data_dir)
        .query_row(
            "SELECT COUNT(*) FROM order_operation WHERE state IN ('pending', 'unknown')",
            [],
            |row| row.get::<_, i64>(0),
        )
        .unwrap() as usize
}

pub fn read_till(data_dir: &Path) -> TillRecord {
    let connection = open(data_dir);
    let mut statement = connection
        .prepare(
            "SELECT id, order_id, amount_centimos, customer_dni, request_body FROM credit_order \
             WHERE mode = 'sandbox' ORDER BY id",
        )
        .unwrap();
    let orders = statement
        .query_map([], |row| {
            Ok(TillOrder {
                row: row.get(0)?,
                order_id: row.get(1)?,
                centimos: row.get(2)?,
                dni: row.get(3)?,
                body: row.get(4)?,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut statement = connection
        .prepare(
            "SELECT id, order_row, idempotency_key, kind, state, amount_centimos FROM \
             order_operation WHERE mode = 'sandbox' ORDER BY id",
        )
        .unwrap();
    let calls = statement
        .query_map([], |row| {
            Ok(TillCall {
                id: row.get(0)?,
                order_row: row.get(1)?,
                token: row.get(2)?,
                kind: row.get(3)?,
                state: row.get(4)?,
                centimos: row.get(5)?,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    TillRecord { orders, calls }
}

/// What the comparison found: one line of evidence per finding, and the figures it counted.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    pub created_twice: Vec<String>,
    pub refunded_twice: Vec<String>,
    pub lost: Vec<String>,
    pub disagreeing: Vec<String>,
    pub till_orders: usize,
    pub provider_orders: usize,
    pub creations_refused: usize,
    pub refunds_confirmed: usize,
    pub refunds_refused: usize,
    pub provider_refunds: usize,
    pub refunded_centimos: i64,
    pub cancels_confirmed: usize,
}

fn is_refund(kind: &str) -> bool {
    kind == "total_refund" || kind == "partial_refund"
}

pub fn judge(till: &TillRecord, held: &[Order], processes: &[Ran]) -> Verdict {
    let mut verdict = Verdict {
        till_orders: till.orders.len(),
        provider_orders: held.len(),
        ..Verdict::default()
    };
    let held_by_id: BTreeMap<&str, &Order> = held
        .iter()
        .map(|order| (order.order_id.as_str(), order))
        .collect();
    let mut calls_by_row: BTreeMap<i64, Vec<&TillCall>> = BTreeMap::new();
    let mut tokens: BTreeMap<&str, usize> = BTreeMap::new();
    for call in &till.calls {
        calls_by_row.entry(call.order_row).or_default().push(call);
        *tokens.entry(&call.token).or_default() += 1;
        if call.state == "pending" || call.state == "unknown" {
            verdict.lost.push(format!(
                "call #{} {} still {}",
                call.id, call.kind, call.state
            ));
        }
    }
    for (token, count) in tokens.iter().filter(|(_, count)| **count > 1) {
        verdict
            .refunded_twice
            .push(format!("token {token} journaled on {count} calls"));
    }

    // Created twice: per customer (one sale each), at the till and at the provider.
    let mut sales: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for order in &till.orders {
        sales.entry(order.dni.clone()).or_default().0 += 1;
    }
    for order in held {
        let dni = order.requested_dni().unwrap_or("-").to_owned();
        sales.entry(dni).or_default().1 += 1;
    }
    for (dni, (at_till, at_provider)) in &sales {
        if *at_till > 1 || *at_provider > 1 {
            verdict.created_twice.push(format!(
                "customer {dni}: {at_till} orders at the till, {at_provider} at the provider"
            ));
        }
    }
    let journaled: BTreeMap<&str, &TillOrder> = till
        .orders
        .iter()
        .map(|order| (order.order_id.as_str(), order))
        .collect();
    for order in held {
        if !journaled.contains_key(order.order_id.as_str()) {
            verdict.created_twice.push(format!(
                "{} at the provider, never journaled by the till",
                order.order_id
            ));
        }
    }

    for order in &till.orders {
        let calls = calls_by_row.get(&order.row).cloned().unwrap_or_default();
        judge_order(
            order,
            &calls,
            held_by_id.get(order.order_id.as_str()).copied(),
            &mut verdict,
        );
    }

    // What the processes said they did.
    for ran in processes.iter().filter(|ran| ran.exit == Exit::Code(0)) {
        if let Some(id) = ran.order_id.as_deref()
            && ran.what.starts_with("create")
            && !held_by_id.contains_key(id)
        {
            verdict.lost.push(format!(
                "{}: exit 0 with order {id}, not at the provider",
                ran.what
            ));
        }
        if let Some(call_id) = ran.call_id {
            let confirmed = till
                .calls
                .iter()
                .any(|call| call.id == call_id && call.state == "confirmed");
            if !confirmed {
                verdict.lost.push(format!(
                    "{}: exit 0 with refund #{call_id}, not confirmed",
                    ran.what
                ));
            }
        }
    }
    verdict
}

fn judge_order(
    order: &TillOrder,
    calls: &[&TillCall],
    held: Option<&Order>,
    verdict: &mut Verdict,
) {
    let id = &order.order_id;
    let creation = calls.iter().find(|call| call.kind == "create");
    let created = creation.is_some_and(|call| call.state == "confirmed");
    if creation.is_some_and(|call| call.state == "rejected") {
        verdict.creations_refused += 1;
    }
    let Some(held) = held else {
        if created {
            verdict
                .lost
                .push(format!("{id}: created at the till, not at the provider"));
        }
        for call in calls
            .iter()
            .filter(|call| call.kind != "create" && call.state == "confirmed")
        {
            verdict.lost.push(format!(
                "{id}: {} #{} confirmed, the provider has no order",
                call.kind, call.id
            ));
        }
        return;
    };
    if !created {
        verdict.disagreeing.push(format!(
            "{id}: held by the provider, its creation journaled {}",
            creation.map_or("-", |call| call.state.as_str())
        ));
    }
    let body: Value = serde_json::from_str(&order.body).unwrap_or_default();
    if body != held.request || held.amount.centimos() != order.centimos {
        verdict.disagreeing.push(format!(
            "{id}: the provider's body is not the one journaled"
        ));
    }

    let provider_sum: i64 = held
        .refunds
        .values()
        .map(|refund| refund.refunded.centimos())
        .sum();
    verdict.provider_refunds += held.refunds.len();
    if provider_sum != held.refunded.centimos() || held.refunded > held.amount {
        verdict.refunded_twice.push(format!(
            "{id}: refunds at the provider sum {provider_sum}, it records {} of {}",
            held.refunded.centimos(),
            held.amount.centimos()
        ));
    }
    let refunds: Vec<&&TillCall> = calls.iter().filter(|call| is_refund(&call.kind)).collect();
    for token in held.refunds.keys() {
        if !refunds.iter().any(|call| &call.token == token) {
            verdict.refunded_twice.push(format!(
                "{id}: refund under token {token}, never journaled by the till"
            ));
        }
    }
    let mut confirmed_sum = 0;
    for call in &refunds {
        let paid = held.refunds.get(&call.token);
        match (call.state.as_str(), paid) {
            ("confirmed", Some(refund)) => {
                verdict.refunds_confirmed += 1;
                confirmed_sum += call.centimos.unwrap_or(0);
                if Some(refund.refunded.centimos()) != call.centimos {
                    verdict.disagreeing.push(format!(
                        "{id}: refund #{} journaled {:?}, the provider refunded {}",
                        call.id,
                        call.centimos,
                        refund.refunded.centimos()
                    ));
                }
            }
            ("confirmed", None) => verdict.lost.push(format!(
                "{id}: refund #{} confirmed, token {} not at the provider",
                call.id, call.token
            )),
            ("rejected", Some(_)) => verdict.disagreeing.push(format!(
                "{id}: refund #{} journaled refused, the provider paid it",
                call.id
            )),
            ("rejected", None) => verdict.refunds_refused += 1,
            _ => {}
        }
    }
    verdict.refunded_centimos += held.refunded.centimos();
    if confirmed_sum != held.refunded.centimos() {
        verdict.disagreeing.push(format!(
            "{id}: refunds confirmed here sum {confirmed_sum}, the provider refunded {}",
            held.refunded.centimos()
        ));
    }
    let canceled = calls
        .iter()
        .any(|call| call.kind == "cancel" && call.state == "confirmed");
    if canceled {
        verdict.cancels_confirmed += 1;
        if held.status.as_str() != "canceled" {
            verdict.disagreeing.push(format!(
                "{id}: canceled here, {} at the provider",
                held.status
            ));
        }
    }
}
