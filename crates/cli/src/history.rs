//! `caja history`: this till's journal, newest first.

use jiff::civil::Date;
use serde_json::json;
use till::{Till, clock};

use crate::output::{CliError, Printer, amount};

pub fn run(till: &Till, printer: &Printer, day: Option<Date>) -> Result<(), CliError> {
    let entries = till.history(day)?;
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
        for entry in &entries {
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
        }
    }
    let rows: Vec<_> = entries
        .iter()
        .map(|entry| {
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
            })
        })
        .collect();
    printer.success("history", json!({ "entries": rows }), &text);
    Ok(())
}
