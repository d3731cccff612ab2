//! Words of `caja history`, `caja sync` and `caja summary`: the journal and the day as tables, with
//! the labels every front shares ([`Label`]) in their columns.

use std::path::Path;

use jiff::civil::Date;
use till::identity::mask_document;
use till::{DaySummary, JournalEntry, clock};

use crate::wording::{Label, Lang, say};

/// `caja sync`: how many operations got an outcome and how many still wait, then one line per outcome.
pub fn sync(lang: Lang, resolved: &[JournalEntry], still_open: usize) -> String {
    let mut text = say(
        lang,
        format!(
            "Resueltas: {}. Sin resultado todavía: {}.\n",
            resolved.len(),
            still_open
        ),
        format!(
            "Resolved: {}. Still without an outcome: {}.\n",
            resolved.len(),
            still_open
        ),
    );
    for entry in resolved {
        // `n.°` in both languages: this line has always been printed so, and scripts may read it.
        text += &format!(
            "  n.° {} {} {} → {}\n",
            entry.id,
            entry.kind.label(lang),
            entry.funding_code,
            entry.state.label(lang)
        );
    }
    text
}

/// `caja history`: the operations as a table, newest first as given, with who did each one and who
/// approved it.
pub fn journal(lang: Lang, entries: &[JournalEntry]) -> String {
    if entries.is_empty() {
        return say(
            lang,
            "No hay operaciones registradas en esta caja.",
            "There are no operations recorded on this till.",
        );
    }
    let mut text = say(
        lang,
        format!(
            "{:<5} {:<16} {:<20} {:<12} {:<10} {:<22} {:>12}\n",
            "N.°", "Fecha (Lima)", "Operación", "Documento", "Código", "Estado", "Cuota inicial"
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
            text += &say(
                lang,
                format!("      └ por {operator}"),
                format!("      └ by {operator}"),
            );
            if let (Some(approver), Some(why)) = (&entry.approver, &entry.approval_reason) {
                text += &say(
                    lang,
                    format!("; autorizó {approver}: «{why}»"),
                    format!("; approved by {approver}: «{why}»"),
                );
            }
            text.push('\n');
        }
    }
    text
}

/// `caja summary`: the day's totals and orders (DNIs masked, as in print), saying when the figures
/// are a saved copy and where the PDF went, if one was asked for.
pub fn day_summary(lang: Lang, summary: &DaySummary, day: Date, pdf: Option<&Path>) -> String {
    let fetched = clock::in_lima(summary.fetched_at)
        .strftime("%d/%m/%Y %H:%M")
        .to_string();
    let mut text = say(
        lang,
        format!("Resumen del día {day} (modo {})\n", summary.mode),
        format!("Day summary for {day} ({} mode)\n", summary.mode),
    );
    if summary.from_cache {
        text += &say(
            lang,
            format!(
                "COPIA GUARDADA el {fetched}: aCuotaz no respondió, las cifras pueden estar desactualizadas.\n"
            ),
            format!(
                "SAVED COPY from {fetched}: aCuotaz did not answer, figures may be out of date.\n"
            ),
        );
    }
    let totals = &summary.totals;
    text += &say(
        lang,
        format!(
            "  Total de compras:  {:>16}\n  Pagado en tienda:  {:>16}\n  Total financiado:  {:>16}\n",
            totals.total_purchases.to_string(),
            totals.total_paid_in_store.to_string(),
            totals.total_financed.to_string()
        ),
        format!(
            "  Total purchases:   {:>16}\n  Paid in store:     {:>16}\n  Total financed:    {:>16}\n",
            totals.total_purchases.to_string(),
            totals.total_paid_in_store.to_string(),
            totals.total_financed.to_string()
        ),
    );
    if summary.orders.is_empty() {
        text += &say(
            lang,
            "Sin pedidos financiados este día.\n",
            "No financed orders this day.\n",
        );
    } else {
        text += &say(
            lang,
            format!(
                "\n  {:<18} {:<12} {:<14} {:>14}\n",
                "Pedido", "DNI", "Origen", "Monto"
            ),
            format!(
                "\n  {:<18} {:<12} {:<14} {:>14}\n",
                "Order", "DNI", "Origin", "Amount"
            ),
        );
        for order in &summary.orders {
            text += &format!(
                "  {:<18} {:<12} {:<14} {:>14}\n",
                order.order_id,
                mask_document(&order.dni),
                order.payment_origin.label(lang),
                order.amount.to_string()
            );
        }
    }
    if let Some(path) = pdf {
        text += &say(
            lang,
            format!("\nPDF guardado en {}\n", path.display()),
            format!("\nPDF written to {}\n", path.display()),
        );
    }
    text
}

/// A file the CLI was asked to write could not be (the summary's PDF).
pub fn file_not_written(lang: Lang, path: &Path, error: &std::io::Error) -> String {
    say(
        lang,
        format!("No se pudo escribir {}: {error}", path.display()),
        format!("Could not write {}: {error}", path.display()),
    )
}
