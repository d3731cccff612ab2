//! From the chain to the tables the day page reads. A journal row becomes an operation (the newest seq
//! wins: a payment sealed `pending` and then `confirmed` shows confirmed), a shift's events fill its row
//! (opened, closed with its Z number and digest), a credit sale its order. The content is the till's own
//! row as JSON; a field Central does not know is ignored, a row it cannot read stays in `audit_entry`
//! and is simply not projected (the chain, not the projection, is the record).

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use providers::central::wire::AuditEntry;
use serde::Deserialize;
use tokio_postgres::Transaction;

use super::push::lima_day;
use crate::error::{Failure, StorageContext};

#[derive(Deserialize)]
struct JournalRow {
    id: i64,
    mode: String,
    kind: String,
    state: String,
    reason: Option<String>,
    collect_centimos: Option<i64>,
    downpayment_centimos: Option<i64>,
    tender: Option<String>,
    operator_name: Option<String>,
    created_at: String,
}

#[derive(Deserialize)]
struct ShiftEvent {
    event: String,
    mode: Option<String>,
    by: Option<String>,
    float: Option<i64>,
    z_number: Option<i64>,
    z_sha256: Option<String>,
}

#[derive(Deserialize)]
struct CreditOrderRow {
    id: i64,
    mode: String,
    order_id: String,
    amount_centimos: i64,
    status: String,
    lima_day: String,
}

pub async fn project(
    transaction: &Transaction<'_>,
    store: &str,
    till: &str,
    entries: &[AuditEntry],
    days: &BTreeMap<i64, Date>,
) -> Result<(), Failure> {
    let mut operations: HashMap<i64, (i64, JournalRow)> = HashMap::new();
    for entry in entries {
        match entry.subject.as_str() {
            "journal" => {
                if let Ok(row) = serde_json::from_str::<JournalRow>(&entry.content) {
                    let newer = operations
                        .get(&row.id)
                        .is_none_or(|(seq, _)| *seq < entry.seq);
                    if newer {
                        operations.insert(row.id, (entry.seq, row));
                    }
                }
            }
            "shift" => {
                if let Ok(event) = serde_json::from_str::<ShiftEvent>(&entry.content) {
                    project_shift(transaction, store, till, entry, &event, days[&entry.seq])
                        .await?;
                }
            }
            "credit_order" => {
                if let Ok(row) = serde_json::from_str::<CreditOrderRow>(&entry.content) {
                    project_order(transaction, store, till, entry.seq, &row).await?;
                }
            }
            _ => {}
        }
    }
    upsert_operations(transaction, store, till, operations.into_values().collect()).await
}

async fn upsert_operations(
    transaction: &Transaction<'_>,
    store: &str,
    till: &str,
    rows: Vec<(i64, JournalRow)>,
) -> Result<(), Failure> {
    let rows: Vec<(i64, Date, JournalRow)> = rows
        .into_iter()
        .filter_map(|(seq, row)| Some((seq, lima_day(&row.created_at)?, row)))
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let day: Vec<String> = rows.iter().map(|(_, day, _)| day.to_string()).collect();
    let seq: Vec<i64> = rows.iter().map(|(seq, _, _)| *seq).collect();
    let id: Vec<i64> = rows.iter().map(|(_, _, row)| row.id).collect();
    let text = |field: fn(&JournalRow) -> Option<String>| {
        rows.iter()
            .map(|(_, _, row)| field(row))
            .collect::<Vec<_>>()
    };
    let collect: Vec<Option<i64>> = rows
        .iter()
        .map(|(_, _, row)| row.collect_centimos.or(row.downpayment_centimos))
        .collect();
    let mode = text(|row| Some(row.mode.clone()));
    let kind = text(|row| Some(row.kind.clone()));
    let state = text(|row| Some(row.state.clone()));
    let tender = text(|row| row.tender.clone());
    let reason = text(|row| row.reason.clone());
    let operator = text(|row| row.operator_name.clone());
    let created = text(|row| Some(row.created_at.clone()));
    transaction
        .execute(
            "INSERT INTO operation (store_code, till_code, day, journal_id, mode, kind, state,
                                    collect_centimos, tender, reason, operator_name, created_at, seq)
             SELECT $1, $2, day::date, id, mode, kind, state, collect, tender, reason, operator,
                    created, seq
             FROM UNNEST($3::text[], $4::int8[], $5::text[], $6::text[], $7::text[], $8::int8[],
                         $9::text[], $10::text[], $11::text[], $12::text[], $13::int8[])
                  AS batch (day, id, mode, kind, state, collect, tender, reason, operator, created, seq)
             ON CONFLICT (store_code, day, till_code, journal_id) DO UPDATE SET
                 state = EXCLUDED.state, collect_centimos = EXCLUDED.collect_centimos,
                 tender = EXCLUDED.tender, reason = EXCLUDED.reason,
                 operator_name = EXCLUDED.operator_name, seq = EXCLUDED.seq
             WHERE operation.seq < EXCLUDED.seq",
            &[
                &store, &till, &day, &id, &mode, &kind, &state, &collect, &tender, &reason,
                &operator, &created, &seq,
            ],
        )
        .await
        .storage("record the operations")?;
    Ok(())
}

async fn project_shift(
    transaction: &Transaction<'_>,
    store: &str,
    till: &str,
    entry: &AuditEntry,
    event: &ShiftEvent,
    day: Date,
) -> Result<(), Failure> {
    match event.event.as_str() {
        "opened" => {
            let mode = event.mode.as_deref().unwrap_or("live");
            transaction
                .execute(
                    "INSERT INTO shift (store_code, till_code, shift_id, mode, day, opened_at,
                                        opened_by, float_centimos, seq)
                     VALUES ($1, $2, $3, $4, $5::text::date, $6, $7, $8, $9)
                     ON CONFLICT (store_code, till_code, shift_id) DO NOTHING",
                    &[
                        &store,
                        &till,
                        &entry.subject_id,
                        &mode,
                        &day.to_string(),
                        &entry.at,
                        &event.by,
                        &event.float,
                        &entry.seq,
                    ],
                )
                .await
                .storage("record the shift")?;
        }
        "closed" => {
            transaction
                .execute(
                    "UPDATE shift SET closed_at = $4, closed_by = $5, z_number = $6, z_sha256 = $7,
                                      seq = $8
                     WHERE store_code = $1 AND till_code = $2 AND shift_id = $3",
                    &[
                        &store,
                        &till,
                        &entry.subject_id,
                        &entry.at,
                        &event.by,
                        &event.z_number,
                        &event.z_sha256,
                        &entry.seq,
                    ],
                )
                .await
                .storage("record the shift")?;
            super::z::verify_pending(transaction, store, till).await?;
        }
        _ => {}
    }
    Ok(())
}

async fn project_order(
    transaction: &Transaction<'_>,
    store: &str,
    till: &str,
    seq: i64,
    row: &CreditOrderRow,
) -> Result<(), Failure> {
    transaction
        .execute(
            "INSERT INTO credit_order (store_code, till_code, row_id, order_id, mode, day, status,
                                       amount_centimos, seq)
             VALUES ($1, $2, $3, $4, $5, $6::text::date, $7, $8, $9)
             ON CONFLICT (store_code, till_code, row_id) DO UPDATE SET
                 status = EXCLUDED.status, amount_centimos = EXCLUDED.amount_centimos,
                 seq = EXCLUDED.seq
             WHERE credit_order.seq < EXCLUDED.seq",
            &[
                &store,
                &till,
                &row.id,
                &row.order_id,
                &row.mode,
                &row.lima_day,
                &row.status,
                &row.amount_centimos,
                &seq,
            ],
        )
        .await
        .storage("record the credit sale")?;
    Ok(())
}
