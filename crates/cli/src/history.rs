//! `caja history`: this till's journal, newest first.

use desk::Label;
use std::time::Duration;

use jiff::civil::Date;
use serde_json::json;
use till::{JournalEntry, Till, clock};

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
    let mut text = printer.say(
        format!(
            "Resueltas: {}. Sin resultado todavía: {}.\n",
            report.resolved.len(),
            report.still_open.len()
        ),
        format!(
            "Resolved: {}. Still without an outcome: {}.\n",
            report.resolved.len(),
            report.still_open.len()
        ),
    );
    for entry in &report.resolved {
        text += &format!(
            "  n.° {} {} {} → {}\n",
            entry.id,
            entry.kind.label(printer.lang),
            entry.funding_code,
            entry.state.label(printer.lang)
        );
    }
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
    let lang = printer.lang;
    let mut text = String::new();
    if entries.is_empty() {
        text += &printer.say(
            "No hay operaciones registradas en esta caja.",
            "There are no operations recorded on this till.",
        );
    } else {
        text += &printer.say(
            format!(
                "{:<5} {:<16} {:<20} {:<12} {:<10} {:<22} {:>12}\n",
                "N.°",
                "Fecha (Lima)",
                "Operación",
                "Documento",
                "Código",
                "Estado",
                "Cuota inicial"
            ),
            format!(
                "{:<5} {:<16} {:<20} {:<12} {:<10} {:<22} {:>12}\n",
                "#", "Date (Lima)", "Operation", "Document", "Code", "State", "Down payment"
            ),
        );
        for entry in entries {
            let when = clock::in_lima(entry.created_at)
                .strftime("%d/%m/%Y %H:%M")
                .to_string();
            let paid = entry
                .downpayment_amount
                .map(|a| a.to_string())
                .unwrap_or_default();
            text += &format!(
                "{:<5} {:<16} {:<20} {:<12} {:<10} {:<22} {:>12}\n",
                entry.id,
                when,
                entry.kind.label(lang),
                entry.customer.number(),
                entry.funding_code,
                entry.state.label(lang),
                paid
            );
            if let Some(reason) = &entry.reason {
                text += &format!("      └ {reason}\n");
            }
            if let Some(operator) = &entry.operator {
                text += &printer.say(
                    format!("      └ por {operator}"),
                    format!("      └ by {operator}"),
                );
                if let (Some(approver), Some(why)) = (&entry.approver, &entry.approval_reason) {
                    text += &printer.say(
                        format!("; autorizó {approver}: «{why}»"),
                        format!("; approved by {approver}: «{why}»"),
                    );
                }
                text.push('\n');
            }
        }
    }
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
