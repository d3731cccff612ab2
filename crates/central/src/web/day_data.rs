//! What the day page reads, one query per table, every one filtered by the viewer's stores (and the
//! configured mode where the table has one), gathered per store and till.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};

use super::Scope;
use crate::state::AppState;

/// (opened at, by, closed at, by, Z number)
pub type ShiftRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

/// What the page shows of one till.
#[derive(Default)]
pub struct TillDay {
    pub label: String,
    pub last_push: Option<String>,
    pub stale: bool,
    pub high_water: i64,
    pub max_seq: i64,
    /// (kind, state, count, céntimos)
    pub operations: Vec<(String, String, i64, i64)>,
    /// (tender, count, céntimos), confirmed payments only.
    pub collected: Vec<(String, i64, i64)>,
    /// (opened at, by, closed at, by, Z number)
    pub shifts: Vec<ShiftRow>,
    /// (number, difference, verified)
    pub zs: Vec<(i64, i64, bool)>,
    /// (order, status, céntimos)
    pub credit: Vec<(String, String, i64)>,
    /// Aplazame checkouts announced or decided that day.
    pub aplazame: Vec<AplazameRow>,
}

/// An Aplazame checkout's confirmation: (mid, total in euro cents, decision given or held, who
/// decided, given to Aplazame, test mode).
pub type AplazameRow = (
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    bool,
    bool,
);

/// An operation still pending or unknown: (store, till, day, journal id, kind, state, céntimos, operator).
pub type OpenOperation = (
    String,
    String,
    String,
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
);

#[derive(Default)]
pub struct DayData {
    /// store → (name, till → its day)
    pub stores: BTreeMap<String, (String, BTreeMap<String, TillDay>)>,
    pub open: Vec<OpenOperation>,
    /// (store, till, seq, kind, detail, found at)
    pub findings: Vec<(String, String, i64, String, String, String)>,
}

pub async fn load(state: &AppState, scope: &Scope) -> Result<DayData, String> {
    let client = state.pool.get().await.map_err(|error| error.to_string())?;
    let day = scope.day.to_string();
    let stores = &scope.stores;
    let mode = &state.config.mode;
    let stale_since = (Timestamp::now()
        - SignedDuration::from_mins(state.config.stale_after_minutes))
    .to_string();
    let mut data = DayData::default();
    let q = |error: tokio_postgres::Error| error.to_string();

    for row in client
        .query(
            "SELECT store_code, name FROM store WHERE store_code = ANY($1) ORDER BY store_code",
            &[stores],
        )
        .await
        .map_err(q)?
    {
        data.stores
            .insert(row.get(0), (row.get(1), BTreeMap::new()));
    }
    for row in client
        .query(
            "SELECT store_code, till_code, label,
                    to_char(last_push_at AT TIME ZONE 'America/Lima', 'DD/MM/YYYY HH24:MI'),
                    last_push_at IS NULL OR last_push_at < $2::text::timestamptz, high_water, max_seq
             FROM till WHERE store_code = ANY($1) ORDER BY store_code, till_code",
            &[stores, &stale_since],
        )
        .await
        .map_err(q)?
    {
        let entry = till_day(&mut data, row.get(0), row.get(1));
        entry.label = row.get(2);
        entry.last_push = row.get(3);
        entry.stale = row.get(4);
        entry.high_water = row.get(5);
        entry.max_seq = row.get(6);
    }
    for row in client
        .query(
            "SELECT store_code, till_code, kind, state, count(*), COALESCE(sum(collect_centimos), 0)::int8
             FROM operation WHERE day = $1::text::date AND store_code = ANY($2) AND mode = $3
             GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
            &[&day, stores, mode],
        )
        .await
        .map_err(q)?
    {
        till_day(&mut data, row.get(0), row.get(1))
            .operations
            .push((row.get(2), row.get(3), row.get(4), row.get(5)));
    }
    for row in client
        .query(
            "SELECT store_code, till_code, COALESCE(tender, 'unknown'), count(*),
                    COALESCE(sum(collect_centimos), 0)::int8
             FROM operation WHERE day = $1::text::date AND store_code = ANY($2) AND mode = $3
               AND kind = 'paid_and_billed' AND state = 'confirmed'
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            &[&day, stores, mode],
        )
        .await
        .map_err(q)?
    {
        till_day(&mut data, row.get(0), row.get(1)).collected.push((
            row.get(2),
            row.get(3),
            row.get(4),
        ));
    }
    for row in client
        .query(
            "SELECT store_code, till_code, opened_at, opened_by, closed_at, closed_by, z_number
             FROM shift WHERE day = $1::text::date AND store_code = ANY($2) AND mode = $3
             ORDER BY store_code, till_code, opened_at",
            &[&day, stores, mode],
        )
        .await
        .map_err(q)?
    {
        till_day(&mut data, row.get(0), row.get(1)).shifts.push((
            row.get(2),
            row.get(3),
            row.get(4),
            row.get(5),
            row.get(6),
        ));
    }
    for row in client
        .query(
            "SELECT store_code, till_code, number, difference_centimos, verified
             FROM z_report WHERE day = $1::text::date AND store_code = ANY($2) AND mode = $3
             ORDER BY store_code, till_code, number",
            &[&day, stores, mode],
        )
        .await
        .map_err(q)?
    {
        till_day(&mut data, row.get(0), row.get(1))
            .zs
            .push((row.get(2), row.get(3), row.get(4)));
    }
    for row in client
        .query(
            "SELECT store_code, till_code, order_id, status, amount_centimos
             FROM credit_order WHERE day = $1::text::date AND store_code = ANY($2) AND mode = $3
             ORDER BY store_code, till_code, row_id",
            &[&day, stores, mode],
        )
        .await
        .map_err(q)?
    {
        till_day(&mut data, row.get(0), row.get(1)).credit.push((
            row.get(2),
            row.get(3),
            row.get(4),
        ));
    }
    for row in client
        .query(
            "SELECT store_code, till_code, mid, total_cents, COALESCE(given, decision), decided_by,
                    given IS NOT NULL, COALESCE(sandbox, false)
             FROM aplazame_confirmation
             WHERE (created_at AT TIME ZONE 'America/Lima')::date = $1::text::date
               AND store_code = ANY($2)
             ORDER BY store_code, till_code, created_at",
            &[&day, stores],
        )
        .await
        .map_err(q)?
    {
        till_day(&mut data, row.get(0), row.get(1)).aplazame.push((
            row.get(2),
            row.get(3),
            row.get(4),
            row.get(5),
            row.get(6),
            row.get(7),
        ));
    }
    // Still open from this day or the month before it: an unknown outcome does not expire at midnight.
    data.open = client
        .query(
            "SELECT store_code, till_code, day::text, journal_id, kind, state, collect_centimos,
                    operator_name
             FROM operation
             WHERE day BETWEEN $1::text::date - 31 AND $1::text::date AND store_code = ANY($2)
               AND mode = $3 AND state IN ('unknown', 'pending')
             ORDER BY day, store_code, till_code, journal_id LIMIT 200",
            &[&day, stores, mode],
        )
        .await
        .map_err(q)?
        .iter()
        .map(|row| {
            (
                row.get(0),
                row.get(1),
                row.get(2),
                row.get(3),
                row.get(4),
                row.get(5),
                row.get(6),
                row.get(7),
            )
        })
        .collect();
    data.findings = client
        .query(
            "SELECT store_code, till_code, seq, kind, detail,
                    to_char(found_at AT TIME ZONE 'America/Lima', 'DD/MM/YYYY HH24:MI')
             FROM finding WHERE store_code = ANY($1) ORDER BY found_at DESC, seq LIMIT 100",
            &[stores],
        )
        .await
        .map_err(q)?
        .iter()
        .map(|row| {
            (
                row.get(0),
                row.get(1),
                row.get(2),
                row.get(3),
                row.get(4),
                row.get(5),
            )
        })
        .collect();
    Ok(data)
}

fn till_day(data: &mut DayData, store: String, till: String) -> &mut TillDay {
    let (_, tills) = data.stores.entry(store).or_default();
    tills.entry(till).or_default()
}
