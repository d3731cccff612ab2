//! `caja summary`: the day summary for the till balancing, on screen and optionally as a PDF.

use std::path::Path;

use desk::Label;
use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::json;
use till::identity::mask_document;
use till::{Till, clock};

use crate::output::{CliError, Printer, amount};

pub async fn run(
    till: &Till,
    printer: &Printer,
    store_name: &str,
    day: Date,
    pdf: Option<&Path>,
) -> Result<(), CliError> {
    let summary = till.day_summary(day).await?;
    if let Some(path) = pdf {
        let operations = till.history(Some(day))?;
        let bytes = desk::day_sheet::render(
            &summary,
            &operations,
            store_name,
            Timestamp::now(),
            printer.lang,
        )
        .map_err(|error| CliError::other("report", error.to_string()))?;
        std::fs::write(path, bytes).map_err(|error| {
            CliError::other(
                "io",
                printer.say(
                    format!("No se pudo escribir {}: {error}", path.display()),
                    format!("Could not write {}: {error}", path.display()),
                ),
            )
        })?;
    }

    let fetched = clock::in_lima(summary.fetched_at)
        .strftime("%d/%m/%Y %H:%M")
        .to_string();
    let mut text = printer.say(
        format!("Resumen del día {day} (modo {})\n", summary.mode),
        format!("Day summary for {day} ({} mode)\n", summary.mode),
    );
    if summary.from_cache {
        text += &printer.say(
            format!("COPIA GUARDADA el {fetched}: aCuotaz no respondió, las cifras pueden estar desactualizadas.\n"),
            format!("SAVED COPY from {fetched}: aCuotaz did not answer, figures may be out of date.\n"),
        );
    }
    let totals = &summary.totals;
    text += &printer.say(
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
        text += &printer.say(
            "Sin pedidos financiados este día.\n",
            "No financed orders this day.\n",
        );
    } else {
        text += &printer.say(
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
                order.payment_origin.label(printer.lang),
                order.amount.to_string()
            );
        }
    }
    if let Some(path) = pdf {
        text += &printer.say(
            format!("\nPDF guardado en {}\n", path.display()),
            format!("\nPDF written to {}\n", path.display()),
        );
    }
    let orders: Vec<_> = summary
        .orders
        .iter()
        .map(|order| {
            json!({
                "order_id": order.order_id,
                "dni": order.dni,
                "payment_origin": order.payment_origin,
                "amount": amount(order.amount),
            })
        })
        .collect();
    let details = json!({
        "day": day.to_string(),
        "mode": summary.mode,
        "total_purchases": amount(totals.total_purchases),
        "total_paid_in_store": amount(totals.total_paid_in_store),
        "total_financed": amount(totals.total_financed),
        "order_detail": orders,
        "fetched_at": summary.fetched_at.to_string(),
        "from_cache": summary.from_cache,
        "pdf": pdf.map(|p| p.display().to_string()),
    });
    printer.success("summary", details, &text);
    Ok(())
}
