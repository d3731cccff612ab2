//! `caja history`: this till's journal, newest first.

use desk::wording::cli as words;
use std::time::Duration;

use jiff::civil::Date;
use serde_json::json;
use till::{JournalEntry, Till};

use crate::output::{CliError, Printer, amount};
use crate::{orders, vouchers};

pub fn run(
    till: &Till,
    printer: &Printer,
    day: Option<Date>,
    pending: bool,
) -> Result<(), CliError> {
    let entries = if pending {
        till.open_operations()?
    } else {
        till.history(day)?
    };
    print_entries(printer, "history", &entries);
    Ok(())
}

/// `caja sync`: drains the outbox, the down payments' and then the credit sales' (with the time left,
/// one round at least), with a pass over the transfers before and after (validated ones billed, their
/// billings recorded); exits 4 when operations or order calls stay open after the timeout. Transfers
/// aPagos has not decided are said, never waited for: they are aPagos' to decide.
pub async fn sync(till: &Till, printer: &Printer, within: Duration) -> Result<(), CliError> {
    let deadline = tokio::time::Instant::now() + within;
    vouchers::follow(till).await;
    let report = till.drain(within).await?;
    let left = deadline.saturating_duration_since(tokio::time::Instant::now());
    let orders = orders::sync::drain(till, left).await?;
    let waiting = vouchers::follow(till).await;
    let mut text = words::sync(printer.lang, &report.resolved, report.still_open.len());
    if waiting > 0 {
        text += &words::vouchers_waiting(printer.lang, waiting);
    }
    if !orders.resolved.is_empty() || !orders.still_open.is_empty() {
        let resolved: Vec<_> = orders
            .resolved
            .iter()
            .map(|call| call.worded(printer.lang))
            .collect();
        text += &words::orders_sync(printer.lang, &resolved, orders.still_open.len());
    }
    let still_open = report.still_open.len() + orders.still_open.len();
    if still_open > 0 {
        if !printer.json {
            print!("{text}");
            print_entries(printer, "sync", &report.still_open);
        }
        return Err(CliError::Unresolved { count: still_open });
    }
    let rows: Vec<_> = report.resolved.iter().map(entry_json).collect();
    let calls: Vec<_> = orders.resolved.iter().map(|call| call.json()).collect();
    let details = json!({
        "resolved": rows,
        "still_open": [],
        "orders": { "resolved": calls, "still_open": [] },
        "vouchers": { "waiting": waiting },
    });
    printer.success("sync", details, &text);
    Ok(())
}

fn print_entries(printer: &Printer, command: &str, entries: &[JournalEntry]) {
    let text = words::journal(printer.lang, entries);
    let rows: Vec<_> = entries.iter().map(entry_json).collect();
    printer.success(command, json!({ "entries": rows }), &text);
}

fn entry_json(entry: &JournalEntry) -> serde_json::Value {
    json!({
        "id": entry.id,
        "idempotency_key": entry.idempotency_key,
        "mode": entry.mode,
        "kind": entry.kind,
        "customer": { entry.customer.field(): entry.customer.number() },
        "funding_code": entry.funding_code,
        "state": entry.state,
        "reason": entry.reason,
        "http_status": entry.http_status,
        "downpayment_amount": entry.downpayment_amount.map(amount),
        "created_at": entry.created_at.to_string(),
        "finished_at": entry.finished_at.map(|t| t.to_string()),
        "attempts": entry.attempts,
        "operator": entry.operator,
        "approver": entry.approver,
        "approval_reason": entry.approval_reason,
    })
}
