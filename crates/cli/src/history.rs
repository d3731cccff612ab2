//! `caja history`: this till's journal, newest first.

use desk::wording::cli as words;
use std::time::Duration;

use jiff::civil::Date;
use serde_json::json;
use till::{JournalEntry, Till};

use crate::output::{CliError, Printer, amount};

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

/// `caja sync`: drains the outbox; exits 4 when operations stay open after the timeout.
pub async fn sync(till: &Till, printer: &Printer, within: Duration) -> Result<(), CliError> {
    let report = till.drain(within).await?;
    let text = words::sync(printer.lang, &report.resolved, report.still_open.len());
    if !report.still_open.is_empty() {
        if !printer.json {
            print!("{text}");
            print_entries(printer, "sync", &report.still_open);
        }
        return Err(CliError::Unresolved {
            count: report.still_open.len(),
        });
    }
    let rows: Vec<_> = report.resolved.iter().map(entry_json).collect();
    printer.success("sync", json!({ "resolved": rows, "still_open": [] }), &text);
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
