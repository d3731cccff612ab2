//! `/dia.csv?fecha=YYYY-MM-DD[&tienda=T01]`: the day's operations of the viewer's stores, one row each,
//! for the accountant's spreadsheet. Amounts are plain decimals (`1234.50`) a spreadsheet sums; a text
//! a till sent that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is prefixed with `'`.

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::session::{Viewer, unavailable};
use super::{DayQuery, kind_label, state_label, tender_label};
use crate::state::AppState;

const HEADER: [&str; 11] = [
    "tienda",
    "caja",
    "fecha",
    "hora",
    "operacion",
    "tipo",
    "estado",
    "medio",
    "monto",
    "cajero",
    "motivo",
];

pub async fn day_csv(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<DayQuery>,
) -> Response {
    let scope = match query.scope(&viewer) {
        Ok(scope) => scope,
        Err(refused) => return refused.page(&viewer),
    };
    let rows = match rows(&state, &scope).await {
        Ok(rows) => rows,
        Err(error) => return unavailable(&error),
    };
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let written = std::iter::once(HEADER.map(str::to_owned).to_vec())
        .chain(rows)
        .try_for_each(|record| writer.write_record(record.iter().map(|field| defused(field))));
    let bytes = match written
        .map_err(|error| error.to_string())
        .and_then(|()| writer.into_inner().map_err(|error| error.to_string()))
    {
        Ok(bytes) => bytes,
        Err(error) => return unavailable(&error),
    };
    let filename = format!("caja-central-{}.csv", scope.day);
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(r#"attachment; filename="{filename}""#),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

async fn rows(state: &AppState, scope: &super::Scope) -> Result<Vec<Vec<String>>, String> {
    let client = state.pool.get().await.map_err(|error| error.to_string())?;
    let rows = client
        .query(
            "SELECT store_code, till_code, created_at, journal_id, kind, state, tender,
                    collect_centimos, operator_name, reason
             FROM operation WHERE day = $1::text::date AND store_code = ANY($2) AND mode = $3
             ORDER BY store_code, till_code, created_at, journal_id",
            &[&scope.day.to_string(), &scope.stores, &state.config.mode],
        )
        .await
        .map_err(|error| error.to_string())?;
    Ok(rows
        .iter()
        .map(|row| {
            let created: String = row.get(2);
            let kind: String = row.get(4);
            let state: String = row.get(5);
            let tender: Option<String> = row.get(6);
            let centimos: Option<i64> = row.get(7);
            vec![
                row.get(0),
                row.get(1),
                scope.day.to_string(),
                super::layout::lima_time(&created),
                row.get::<_, i64>(3).to_string(),
                kind_label(&kind).to_owned(),
                state_label(&state).to_owned(),
                tender.as_deref().map(tender_label).unwrap_or("").to_owned(),
                centimos.map(decimal).unwrap_or_default(),
                row.get::<_, Option<String>>(8).unwrap_or_default(),
                row.get::<_, Option<String>>(9).unwrap_or_default(),
            ]
        })
        .collect())
}

/// Céntimos as `1234.50` (`-12.30`): a number every spreadsheet reads, without a float in between.
fn decimal(centimos: i64) -> String {
    let sign = if centimos < 0 { "-" } else { "" };
    let abs = centimos.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A field a spreadsheet would evaluate becomes text. A number's own minus sign is left alone.
fn defused(field: &str) -> String {
    let is_number = field.parse::<f64>().is_ok();
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !is_number => format!("'{field}"),
        _ => field.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_formulas() {
        assert_eq!(decimal(123_450), "1234.50");
        assert_eq!(decimal(-5), "-0.05");
        assert_eq!(defused("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defused("-12.30"), "-12.30");
        assert_eq!(defused("Rosa"), "Rosa");
    }
}
