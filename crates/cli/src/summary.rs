//! `caja summary`: the day summary for the till balancing, on screen and optionally as a PDF.

use std::path::Path;

use desk::wording::cli as words;
use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::json;
use till::Till;

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
        let credit_sales = till.credit_orders_of(day).await?;
        let bytes = desk::day_sheet::render(
            &summary,
            &operations,
            &credit_sales,
            store_name,
            Timestamp::now(),
            printer.lang,
        )
        .map_err(|error| CliError::other("report", error.to_string()))?;
        std::fs::write(path, bytes).map_err(|error| {
            CliError::other("io", words::file_not_written(printer.lang, path, &error))
        })?;
    }

    let text = words::day_summary(printer.lang, &summary, day, pdf);
    let totals = &summary.totals;
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
