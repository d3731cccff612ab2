//! `PUT /api/v1/stores/{store}/tills/{till}/z/{mode}/{number}`: a Z report's snapshot, exactly as the
//! till filed it. The chain sealed its SHA-256 when the shift closed (`z_sha256` of the `closed` event):
//! the Z is `verified` once both are here and match, whichever arrives first. The same Z sent again is
//! harmless; another content under the same number is refused and kept out.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use providers::Soles;
use providers::central::wire::ZAnswer;
use sha2::{Digest, Sha256};
use tokio_postgres::Transaction;

use crate::auth::SignedTill;
use crate::error::{Failure, StorageContext};
use crate::state::AppState;

/// The kinds of difference between what was counted (cash, the card terminal's batch, what aPagos
/// validated of the transfers) and what was expected; the others are about aCuotaz's side.
const COUNT_DIFFERENCES: [&str; 6] = [
    "cash_over",
    "cash_short",
    "card_over",
    "card_short",
    "transfer_over",
    "transfer_short",
];

pub async fn put_z(
    State(state): State<AppState>,
    Path((_store, _till, mode, number)): Path<(String, String, String, i64)>,
    signed: SignedTill,
) -> Result<Json<ZAnswer>, Failure> {
    let snapshot = std::str::from_utf8(&signed.body)
        .map_err(|_| Failure::bad_request("the Z snapshot is not UTF-8 text"))?;
    let verified = store_z(
        &state,
        &signed.till.store,
        &signed.till.till,
        &mode,
        number,
        snapshot,
    )
    .await?;
    Ok(Json(ZAnswer { verified }))
}

/// Stores a till's Z snapshot (once) and says whether it is verified.
pub async fn store_z(
    state: &AppState,
    store: &str,
    till: &str,
    mode: &str,
    number: i64,
    snapshot: &str,
) -> Result<bool, Failure> {
    if !["live", "mock", "sandbox"].contains(&mode) || number < 1 {
        return Err(Failure::bad_request(format!(
            "`{mode}/{number}` is not a mode (live, mock, sandbox) and a Z number from 1"
        )));
    }
    let value: serde_json::Value = serde_json::from_str(snapshot)
        .map_err(|error| Failure::bad_request(format!("the Z snapshot is not JSON: {error}")))?;
    let sha256 = hex::encode(Sha256::digest(snapshot.as_bytes()));
    let day = value
        .pointer("/shift/limaDay")
        .or_else(|| value.pointer("/shift/lima_day"))
        .and_then(|day| day.as_str())
        .and_then(|day| day.parse::<jiff::civil::Date>().ok())
        .map(|day| day.to_string());
    let difference = largest_count_difference(&value);
    let mut client = state.pool.get().await.storage("store the Z report")?;
    let transaction = client.transaction().await.storage("store the Z report")?;
    let held: Option<String> = transaction
        .query_opt(
            "SELECT sha256 FROM z_report
             WHERE store_code = $1 AND till_code = $2 AND mode = $3 AND number = $4",
            &[&store, &till, &mode, &number],
        )
        .await
        .storage("read the Z report")?
        .map(|row| row.get(0));
    match held {
        Some(held) if held != sha256 => {
            return Err(Failure::new(
                StatusCode::CONFLICT,
                "z_rewritten",
                format!(
                    "Z {number} ({mode}) was already received with another content; the first is kept"
                ),
            ));
        }
        Some(_) => {}
        None => {
            transaction
                .execute(
                    "INSERT INTO z_report (store_code, till_code, mode, number, day, snapshot, sha256,
                                           difference_centimos)
                     VALUES ($1, $2, $3, $4, $5::text::date, $6, $7, $8)",
                    &[
                        &store,
                        &till,
                        &mode,
                        &number,
                        &day,
                        &snapshot,
                        &sha256,
                        &difference,
                    ],
                )
                .await
                .storage("store the Z report")?;
        }
    }
    verify_pending(&transaction, store, till).await?;
    let verified: bool = transaction
        .query_one(
            "SELECT verified FROM z_report
             WHERE store_code = $1 AND till_code = $2 AND mode = $3 AND number = $4",
            &[&store, &till, &mode, &number],
        )
        .await
        .storage("read the Z report")?
        .get(0);
    transaction.commit().await.storage("store the Z report")?;
    Ok(verified)
}

/// Marks verified every Z of the till whose digest matches its shift's sealed `z_sha256`.
pub async fn verify_pending(
    transaction: &Transaction<'_>,
    store: &str,
    till: &str,
) -> Result<(), Failure> {
    transaction
        .execute(
            "UPDATE z_report AS z SET verified = true, day = COALESCE(z.day, s.day)
             FROM shift AS s
             WHERE z.store_code = $1 AND z.till_code = $2 AND NOT z.verified
               AND s.store_code = z.store_code AND s.till_code = z.till_code
               AND s.mode = z.mode AND s.z_number = z.number AND s.z_sha256 = z.sha256",
            &[&store, &till],
        )
        .await
        .storage("verify the Z reports")?;
    Ok(())
}

/// The count difference of largest size (signed, céntimos) among the snapshot's differences.
fn largest_count_difference(snapshot: &serde_json::Value) -> i64 {
    snapshot
        .pointer("/reconciliation/differences")
        .and_then(|list| list.as_array())
        .into_iter()
        .flatten()
        .filter(|difference| {
            difference
                .get("kind")
                .and_then(|kind| kind.as_str())
                .is_some_and(|kind| COUNT_DIFFERENCES.contains(&kind))
        })
        .filter_map(|difference| {
            let amount = difference.get("amount")?;
            serde_json::from_value::<Soles>(amount.clone())
                .ok()
                .map(|soles| soles.centimos())
        })
        .max_by_key(|centimos| centimos.abs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_count_difference_keeps_its_sign() {
        let snapshot = serde_json::json!({"reconciliation": {"differences": [
            {"kind": "cash_over", "amount": 0.5},
            {"kind": "card_short", "amount": -12.3},
            {"kind": "paid_elsewhere", "amount": 900.0}
        ]}});
        assert_eq!(largest_count_difference(&snapshot), -1230);
        let transfers = serde_json::json!({"reconciliation": {"differences": [
            {"kind": "cash_short", "amount": -0.5},
            {"kind": "transfer_over", "amount": 10.0}
        ]}});
        assert_eq!(largest_count_difference(&transfers), 1000);
        assert_eq!(largest_count_difference(&serde_json::json!({})), 0);
    }
}
