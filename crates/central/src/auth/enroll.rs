//! Enrollment: a supervisor (or the chain's IT) asks Central for a one-time code for one till of one
//! store; the till sends it with the public half of the key it just made, and from then on signs every
//! request with the private half. Codes are kept as their SHA-256, expire after a day, work once, and
//! only for the till they were made for.

use axum::Json;
use axum::extract::State;
use deadpool_postgres::Pool;
use jiff::{SignedDuration, Timestamp};
use providers::central::signing::parse_public_key;
use providers::central::wire::{EnrollAnswer, EnrollRequest, is_code};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::error::{Failure, StorageContext};
use crate::state::AppState;

/// Letters and digits that cannot be misread for one another (no 0/O, 1/I/L).
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH: usize = 10;
/// How long a code waits to be used.
pub const CODE_LIFETIME: SignedDuration = SignedDuration::from_hours(24);

/// A new code for `till` of `store`, issued by `by` (a person's e-mail or `cli`). Shown once: Central
/// keeps its hash only.
pub async fn issue_code(pool: &Pool, store: &str, till: &str, by: &str) -> Result<String, Failure> {
    if !is_code(till) {
        return Err(Failure::bad_request(format!(
            "`{till}` is not a till code: 1 to 16 letters, digits or _ (the till's setting «Caja», e.g. C1)"
        )));
    }
    let mut random = [0u8; CODE_LENGTH];
    OsRng.fill_bytes(&mut random);
    let letters: String = random
        .iter()
        .map(|byte| ALPHABET[usize::from(*byte) % ALPHABET.len()] as char)
        .collect();
    let code = format!("{}-{}", &letters[..5], &letters[5..]);
    let expires_at = Timestamp::now() + CODE_LIFETIME;
    let client = pool.get().await.storage("issue an enrollment code")?;
    let stored = client
        .execute(
            "INSERT INTO enrollment_code (store_code, code_hash, till_code, created_by, expires_at)
             SELECT store_code, $2, $3, $4, $5::text::timestamptz FROM store WHERE store_code = $1",
            &[
                &store,
                &code_hash(&code),
                &till,
                &by,
                &expires_at.to_string(),
            ],
        )
        .await
        .storage("issue an enrollment code")?;
    if stored == 0 {
        return Err(Failure::not_found(format!(
            "store `{store}` is not one of this Central's stores"
        )));
    }
    Ok(code)
}

fn normalized(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn code_hash(code: &str) -> String {
    hex::encode(Sha256::digest(normalized(code).as_bytes()))
}

/// `POST /api/v1/enroll`.
pub async fn enroll(
    State(state): State<AppState>,
    body: axum::body::Bytes,
) -> Result<Json<EnrollAnswer>, Failure> {
    let request: EnrollRequest = serde_json::from_slice(&body).map_err(|error| {
        Failure::bad_request(format!(
            "the body is not an enrollment (code, store, till, public_key): {error}"
        ))
    })?;
    let public_key = parse_public_key(&request.public_key)
        .map_err(|error| Failure::bad_request(format!("public_key: {error}")))?;
    let mut client = state.pool.get().await.storage("enroll the till")?;
    let transaction = client.transaction().await.storage("enroll the till")?;
    let hash = code_hash(&request.code);
    let found = transaction
        .query_opt(
            "SELECT store_code, till_code, used_at IS NOT NULL, expires_at < now()
             FROM enrollment_code WHERE store_code = $1 AND code_hash = $2 FOR UPDATE",
            &[&request.store, &hash],
        )
        .await
        .storage("read the enrollment code")?;
    let Some(found) = found else {
        return Err(Failure::unauthenticated(
            "enrollment_code_invalid",
            "this enrollment code does not exist: copy it again from Central's admin page (Cajas)",
        ));
    };
    let (store, till, used, expired): (String, String, bool, bool) =
        (found.get(0), found.get(1), found.get(2), found.get(3));
    if used {
        return Err(Failure::unauthenticated(
            "enrollment_code_used",
            "this enrollment code was already used: ask for a new one on Central's admin page",
        ));
    }
    if expired {
        return Err(Failure::unauthenticated(
            "enrollment_code_expired",
            "this enrollment code expired (codes last 24 hours): ask for a new one",
        ));
    }
    if store != request.store || till != request.till {
        return Err(Failure::forbidden(
            "enrollment_code_other_till",
            format!(
                "this code is for store {store}, till {till}; this till is set up as store {}, till {}: check its settings or ask for a code for it",
                request.store, request.till
            ),
        ));
    }
    transaction
        .execute(
            "UPDATE enrollment_code SET used_at = now() WHERE store_code = $1 AND code_hash = $2",
            &[&store, &hash],
        )
        .await
        .storage("use the enrollment code")?;
    // A till enrolled again (a reinstalled machine) gets its new key; what it pushed before stays.
    let label: String = request.label.chars().take(80).collect();
    transaction
        .execute(
            "INSERT INTO till (store_code, till_code, label, public_key) VALUES ($1, $2, $3, $4)
             ON CONFLICT (store_code, till_code)
             DO UPDATE SET public_key = EXCLUDED.public_key, label = EXCLUDED.label, enrolled_at = now()",
            &[&store, &till, &label, &public_key.to_vec()],
        )
        .await
        .storage("enroll the till")?;
    let relayed = crate::webhooks::forward::relay_kept(&transaction, &store, &till).await?;
    let store_name: String = transaction
        .query_one("SELECT name FROM store WHERE store_code = $1", &[&store])
        .await
        .storage("read the store")?
        .get(0);
    transaction.commit().await.storage("enroll the till")?;
    if relayed > 0 {
        state.relay_bell.notify_waiters();
    }
    tracing::info!(%store, %till, relayed, "till enrolled");
    Ok(Json(EnrollAnswer {
        store,
        till,
        store_name,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_the_same_however_it_is_typed() {
        assert_eq!(code_hash("abcde-fghjk"), code_hash("ABCDE FGHJK"));
        assert_ne!(code_hash("ABCDE-FGHJK"), code_hash("ABCDE-FGHJM"));
    }
}
