//! Receipt hosting for aPagos: a till uploads the photo (or PDF) of a transfer receipt and gets back a
//! public URL to put in the voucher's `receipt`. The type is judged from the bytes, never from a name
//! or a header the till could get wrong (or a thief could forge): only JPEG, PNG, WebP and PDF are
//! taken. The URL's token is 32 random bytes; Central keeps its SHA-256 only. The URL stops working
//! after `receipt_days` (410 Gone, so the provider learns it expired rather than that it never
//! existed), and every fetch, answered or not, is logged with who asked.

use std::net::SocketAddr;

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::{SignedDuration, Timestamp};
use providers::central::wire::ReceiptAnswer;
use sha2::{Digest, Sha256};

use crate::auth::SignedTill;
use crate::error::{Failure, StorageContext};
use crate::state::AppState;

/// The receipt routes: the till's upload (signed) and the public fetch.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/stores/{store}/tills/{till}/receipts", post(upload))
        .route("/recibos/{token}", get(fetch))
}

pub use providers::apagos::receipt_type::sniff;

/// `POST /api/v1/stores/{store}/tills/{till}/receipts`: the body is the file.
async fn upload(
    State(state): State<AppState>,
    signed: SignedTill,
) -> Result<Json<ReceiptAnswer>, Failure> {
    let token = providers::central::receipt_token::new_receipt_token();
    let stored = store(&state, &signed.till, &token_hash(&token), &signed.body).await?;
    let url = receipt_url(&state, &token)?;
    Ok(Json(ReceiptAnswer {
        url,
        expires_at: stored.expires_at.to_string(),
        content_type: stored.content_type.to_owned(),
        bytes: signed.body.len() as u64,
        sha256: stored.sha256,
    }))
}

/// A receipt as stored.
pub struct Stored {
    pub content_type: &'static str,
    pub sha256: String,
    pub expires_at: Timestamp,
}

/// Checks a receipt's size and type (from the bytes) and stores it under `token_hash` for `till`.
pub async fn store(
    state: &AppState,
    till: &providers::central::TillRef,
    token_hash: &str,
    bytes: &[u8],
) -> Result<Stored, Failure> {
    let limit = state.config.receipt_max_bytes;
    if bytes.len() > limit {
        return Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "file_too_large",
            format!(
                "the file has {} bytes; Central takes receipts up to {limit} bytes: send a smaller photo",
                bytes.len()
            ),
        ));
    }
    let content_type = sniff(bytes).map_err(|looks_like| {
        Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
            format!("the file looks like {looks_like}; a receipt must be a JPEG, PNG, WebP or PDF"),
        )
    })?;
    let sha256 = hex::encode(Sha256::digest(bytes));
    let expires_at = Timestamp::now() + SignedDuration::from_hours(24 * state.config.receipt_days);
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let client = state.pool.get().await.storage("store the receipt")?;
    client
        .execute(
            "INSERT INTO receipt (store_code, token_hash, till_code, content_type, bytes, sha256,
                                  size, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::timestamptz)",
            &[
                &till.store,
                &token_hash,
                &till.till,
                &content_type,
                &bytes,
                &sha256,
                &size,
                &expires_at.to_string(),
            ],
        )
        .await
        .storage("store the receipt")?;
    tracing::info!(store = %till.store, till = %till.till, content_type, size, "receipt stored");
    Ok(Stored {
        content_type,
        sha256,
        expires_at,
    })
}

/// The public URL of the receipt whose token is `token`.
pub fn receipt_url(state: &AppState, token: &str) -> Result<String, Failure> {
    state
        .config
        .public_url
        .join(&format!("recibos/{token}"))
        .map(|url| url.to_string())
        .map_err(|error| Failure::storage("build the receipt's URL", error))
}

pub fn token_hash(token: &str) -> String {
    providers::central::receipt_token::token_sha256(token)
}

/// `GET /recibos/{token}`: the file, to whoever holds the URL, until it expires.
async fn fetch(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ConnectInfo(remote): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let hash = token_hash(&token);
    let user_agent: String = headers
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .chars()
        .take(300)
        .collect();
    let found = match find(&state, &hash).await {
        Ok(found) => found,
        Err(failure) => return failure.into_response(),
    };
    let (store, status) = match &found {
        None => (String::new(), StatusCode::NOT_FOUND),
        Some(receipt) if receipt.expired => (receipt.store.clone(), StatusCode::GONE),
        Some(receipt) => (receipt.store.clone(), StatusCode::OK),
    };
    // Logged before answering: a fetch that could not be logged is not served.
    if let Err(failure) = log_fetch(&state, &store, &hash, remote, &user_agent, status).await {
        return failure.into_response();
    }
    match found {
        Some(receipt) if status == StatusCode::OK => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, receipt.content_type)
            .header(header::CACHE_CONTROL, "private, no-store")
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .header(header::CONTENT_DISPOSITION, "inline")
            .body(Body::from(receipt.bytes))
            .expect("a valid response"),
        _ => {
            let text = if status == StatusCode::GONE {
                "Este recibo ya no está disponible: su enlace venció.\n"
            } else {
                "No existe un recibo con este enlace.\n"
            };
            (
                status,
                [
                    (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                    (header::CACHE_CONTROL, "no-store"),
                    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                ],
                text,
            )
                .into_response()
        }
    }
}

struct Found {
    store: String,
    content_type: String,
    bytes: Vec<u8>,
    expired: bool,
}

async fn find(state: &AppState, hash: &str) -> Result<Option<Found>, Failure> {
    let client = state.pool.get().await.storage("read the receipt")?;
    let row = client
        .query_opt(
            "SELECT store_code, content_type, expires_at <= now(),
                    CASE WHEN expires_at > now() THEN bytes ELSE ''::bytea END
             FROM receipt WHERE token_hash = $1",
            &[&hash],
        )
        .await
        .storage("read the receipt")?;
    Ok(row.map(|row| Found {
        store: row.get(0),
        content_type: row.get(1),
        expired: row.get(2),
        bytes: row.get(3),
    }))
}

async fn log_fetch(
    state: &AppState,
    store: &str,
    hash: &str,
    remote: SocketAddr,
    user_agent: &str,
    status: StatusCode,
) -> Result<(), Failure> {
    let client = state.pool.get().await.storage("log the receipt's fetch")?;
    client
        .execute(
            "INSERT INTO receipt_fetch (store_code, token_hash, remote_addr, user_agent, status)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &store,
                &hash,
                &remote.ip().to_string(),
                &user_agent,
                &(status.as_u16() as i16),
            ],
        )
        .await
        .storage("log the receipt's fetch")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_bytes() {
        assert_eq!(sniff(b"\xff\xd8\xff\xe0rest"), Ok("image/jpeg"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Ok("image/webp"));
        assert_eq!(sniff(b"%PDF-1.4\n"), Ok("application/pdf"));
        assert!(
            sniff(b"RIFF\x10\0\0\0WAVEfmt ")
                .unwrap_err()
                .contains("52 49 46 46")
        );
        assert!(sniff(b"\x7fELF\x02\x01").unwrap_err().contains("ELF"));
        assert!(sniff(b"  <!DOCTYPE html><p>").unwrap_err().contains("HTML"));
        assert_eq!(sniff(b"").unwrap_err(), "an empty file");
    }
}
