//! The day summary for the till balancing (cuadre de caja), and its cache.
//!
//! The summary with detail is cached per day and mode with the time it was fetched, so the closing report
//! opens even when the network does not. A cached copy is always marked as such, with its time.

use jiff::Timestamp;
use jiff::civil::Date;
use providers::Soles;
use providers::apurata::downpayment::{DayTotals, OrderDetail, PaymentOrigin};
use serde::{Deserialize, Serialize};

use crate::error::TillError;
use crate::mode::Mode;

/// A day summary as the till shows it: the provider's totals and orders, and where they came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySummary {
    /// The Lima calendar day.
    pub day: Date,
    pub mode: Mode,
    pub totals: DayTotals,
    pub orders: Vec<OrderDetail>,
    /// When the provider answered with these figures.
    pub fetched_at: Timestamp,
    /// True when the provider could not be reached and this is the last copy fetched.
    pub from_cache: bool,
}

/// Replaces the cached copy of one day and mode with `summary`, in one transaction.
pub fn store(connection: &mut rusqlite::Connection, summary: &DaySummary) -> Result<(), TillError> {
    let failed = TillError::storage("cache the day summary");
    let transaction = connection
        .transaction()
        .map_err(TillError::storage("cache the day summary"))?;
    let mode = summary.mode.as_str();
    let day = summary.day.to_string();
    let write = || -> rusqlite::Result<()> {
        transaction.execute(
            "DELETE FROM day_summary WHERE mode = ?1 AND day = ?2",
            rusqlite::params![mode, day],
        )?;
        transaction.execute(
            "INSERT INTO day_summary (mode, day, total_purchases_centimos, \
             total_paid_in_store_centimos, total_financed_centimos, fetched_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![
                mode,
                day,
                summary.totals.total_purchases.centimos(),
                summary.totals.total_paid_in_store.centimos(),
                summary.totals.total_financed.centimos(),
                summary.fetched_at.to_string(),
            ],
        )?;
        let mut insert = transaction.prepare_cached(
            "INSERT INTO day_summary_order (mode, day, position, order_id, dni, payment_origin, \
             amount_centimos) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (position, order) in summary.orders.iter().enumerate() {
            insert.execute(rusqlite::params![
                mode,
                day,
                position as i64,
                order.order_id,
                order.dni,
                origin_text(order.payment_origin),
                order.amount.centimos(),
            ])?;
        }
        Ok(())
    };
    write().map_err(TillError::storage("cache the day summary"))?;
    transaction.commit().map_err(failed)
}

/// The cached copy of one day and mode, marked `from_cache`, if there is one.
pub fn load(
    connection: &rusqlite::Connection,
    mode: Mode,
    day: Date,
) -> Result<Option<DaySummary>, TillError> {
    use rusqlite::OptionalExtension;
    let failed = || TillError::storage("read the cached day summary");
    let day_text = day.to_string();
    let head = connection
        .query_row(
            "SELECT total_purchases_centimos, total_paid_in_store_centimos, total_financed_centimos, \
             fetched_at FROM day_summary WHERE mode = ?1 AND day = ?2",
            rusqlite::params![mode.as_str(), day_text],
            |row| {
                Ok((
                    DayTotals {
                        total_purchases: Soles::from_centimos(row.get(0)?),
                        total_paid_in_store: Soles::from_centimos(row.get(1)?),
                        total_financed: Soles::from_centimos(row.get(2)?),
                    },
                    row.get::<_, String>(3)?,
                ))
            },
        )
        .optional()
        .map_err(failed())?;
    let Some((totals, fetched_at)) = head else {
        return Ok(None);
    };
    let mut statement = connection
        .prepare_cached(
            "SELECT order_id, dni, payment_origin, amount_centimos FROM day_summary_order \
             WHERE mode = ?1 AND day = ?2 ORDER BY position",
        )
        .map_err(failed())?;
    let orders = statement
        .query_map(rusqlite::params![mode.as_str(), day_text], |row| {
            let origin: String = row.get(2)?;
            Ok(OrderDetail {
                order_id: row.get(0)?,
                dni: row.get(1)?,
                payment_origin: origin_from_text(&origin).ok_or_else(|| {
                    rusqlite::Error::FromSqlConversionFailure(
                        2,
                        rusqlite::types::Type::Text,
                        format!("unknown payment origin {origin}").into(),
                    )
                })?,
                amount: Soles::from_centimos(row.get(3)?),
            })
        })
        .map_err(failed())?
        .collect::<Result<Vec<_>, _>>()
        .map_err(failed())?;
    let fetched_at = fetched_at
        .parse()
        .map_err(|error: jiff::Error| TillError::Storage {
            context: "read the cached day summary",
            source: rusqlite::Error::FromSqlConversionFailure(
                5,
                rusqlite::types::Type::Text,
                error.to_string().into(),
            ),
        })?;
    Ok(Some(DaySummary {
        day,
        mode,
        totals,
        orders,
        fetched_at,
        from_cache: true,
    }))
}

fn origin_text(origin: PaymentOrigin) -> &'static str {
    match origin {
        PaymentOrigin::Transfer => "transfer",
        PaymentOrigin::Card => "card",
        PaymentOrigin::External => "external",
    }
}

fn origin_from_text(text: &str) -> Option<PaymentOrigin> {
    match text {
        "transfer" => Some(PaymentOrigin::Transfer),
        "card" => Some(PaymentOrigin::Card),
        "external" => Some(PaymentOrigin::External),
        _ => None,
    }
}
