//! What a till is offered: `GET /api/v1/stores/{store}/tills/{till}/update?current=X&target=T` answers
//! the Tauri updater's manifest for the version the till's store was given, when it is newer than the
//! till's and published for its target, else 204 No Content. The manifest's bundle URL,
//! `/actualizaciones/{token}`, works for an hour and is logged with the till it was issued to.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::release::parse_version;
use crate::auth::SignedTill;
use crate::error::{Failure, StorageContext};
use crate::receipts::token_hash;
use crate::state::AppState;

/// How long a manifest's bundle URL works.
const TICKET_MINUTES: i64 = 60;

#[derive(Debug, Deserialize)]
pub struct OfferQuery {
    current: String,
    target: String,
}

/// `GET …/update?current=0.1.0&target=linux-x86_64-deb`.
pub async fn offer(
    State(state): State<AppState>,
    Query(query): Query<OfferQuery>,
    signed: SignedTill,
) -> Result<Response, Failure> {
    let current = parse_version(&query.current).ok_or_else(|| {
        Failure::bad_request(format!(
            "current=`{}` is not a version such as 0.1.0",
            query.current
        ))
    })?;
    let (store, till) = (&signed.till.store, &signed.till.till);
    let client = state.pool.get().await.storage("read the store's version")?;
    let chosen: Option<String> = client
        .query_opt(
            "SELECT version FROM store_release WHERE store_code = $1",
            &[store],
        )
        .await
        .storage("read the store's version")?
        .map(|row| row.get(0));
    let Some(version) = chosen.filter(|v| parse_version(v).is_some_and(|v| v > current)) else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let Some(row) = client
        .query_opt(
            "SELECT notes, signature,
                    to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
             FROM app_release WHERE version = $1 AND target = $2",
            &[&version, &query.target],
        )
        .await
        .storage("read the release")?
    else {
        tracing::warn!(%store, %till, %version, target = %query.target,
            "the store's version has no bundle for this till's target");
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let (notes, signature, published): (String, String, String) =
        (row.get(0), row.get(1), row.get(2));
    let token = providers::central::receipt_token::new_receipt_token();
    client
        .execute(
            "INSERT INTO update_ticket (token_hash, store_code, till_code, version, target, expires_at)
             VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6::int))",
            &[
                &token_hash(&token),
                store,
                till,
                &version,
                &query.target,
                &(TICKET_MINUTES as i32),
            ],
        )
        .await
        .storage("issue the download ticket")?;
    let url = state
        .config
        .public_url
        .join(&format!("actualizaciones/{token}"))
        .map_err(|error| Failure::storage("build the bundle's URL", error))?;
    tracing::info!(%store, %till, %version, target = %query.target, "update offered");
    let mut platforms = serde_json::Map::new();
    platforms.insert(
        query.target.clone(),
        json!({ "url": url.as_str(), "signature": signature }),
    );
    Ok(Json(json!({
        "version": version,
        "notes": notes,
        "pub_date": published,
        "platforms": platforms,
    }))
    .into_response())
}

/// `GET /actualizaciones/{token}`: the bundle a manifest named, while its ticket lasts.
pub async fn bundle(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match read_bundle(&state, &token).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/octet-stream"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(failure) => failure.into_response(),
    }
}

async fn read_bundle(state: &AppState, token: &str) -> Result<Vec<u8>, Failure> {
    let client = state.pool.get().await.storage("read the bundle")?;
    let Some(row) = client
        .query_opt(
            "SELECT t.store_code, t.till_code, t.version, t.target, t.expires_at > now(), r.bundle
             FROM update_ticket t
             JOIN app_release r ON r.version = t.version AND r.target = t.target
             WHERE t.token_hash = $1",
            &[&token_hash(token)],
        )
        .await
        .storage("read the bundle")?
    else {
        return Err(Failure::not_found(
            "no such update: ask Central for the manifest again",
        ));
    };
    let (store, till, version, target): (String, String, String, String) =
        (row.get(0), row.get(1), row.get(2), row.get(3));
    if !row.get::<_, bool>(4) {
        return Err(Failure::new(
            StatusCode::GONE,
            "expired",
            format!(
                "this download link expired after {TICKET_MINUTES} minutes: ask Central for the manifest again"
            ),
        ));
    }
    tracing::info!(%store, %till, %version, %target, "update downloaded");
    Ok(row.get(5))
}
