//! The extractor every till endpoint takes: it reads the body (bounded), checks the signature headers
//! against the till's public key, the timestamp against Central's clock, the nonce against those seen,
//! and the store and till of the path against the till that signed. A handler that takes [`SignedTill`]
//! cannot run for anyone else.

use axum::body::{Bytes, to_bytes};
use axum::extract::{FromRequest, Request};
use axum::http::HeaderMap;
use providers::central::signing::{
    self, MAX_SKEW_SECONDS, NONCE_HEADER, RequestParts, TILL_HEADER, TIMESTAMP_HEADER, TillRef,
};
use providers::central::wire::API_PREFIX;

use crate::error::{Failure, StorageContext};
use crate::state::AppState;

/// A request whose signature held: the till that sent it and the body it signed.
#[derive(Debug)]
pub struct SignedTill {
    pub till: TillRef,
    pub body: Bytes,
}

/// The largest body a till sends (a receipt image is the biggest).
fn body_limit(state: &AppState) -> usize {
    state.config.receipt_max_bytes + 64 * 1024
}

impl FromRequest<AppState> for SignedTill {
    type Rejection = Failure;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let headers = &parts.headers;
        let (Some(till_header), Some(timestamp), Some(nonce), Some(authorization)) = (
            header(headers, TILL_HEADER),
            header(headers, TIMESTAMP_HEADER),
            header(headers, NONCE_HEADER),
            header(headers, "authorization"),
        ) else {
            return Err(Failure::unauthenticated(
                "unauthenticated",
                "this endpoint answers enrolled tills only: the request carries no till signature",
            ));
        };
        let till = TillRef::parse(till_header).ok_or_else(|| {
            Failure::unauthenticated(
                "unauthenticated",
                format!("X-Caja-Till `{till_header}` is not STORE/TILL"),
            )
        })?;
        let timestamp: i64 = timestamp.parse().map_err(|_| {
            Failure::unauthenticated(
                "stale_request",
                "X-Caja-Timestamp is not a number of seconds",
            )
        })?;
        let skew = (jiff::Timestamp::now().as_second() - timestamp).abs();
        if skew > MAX_SKEW_SECONDS {
            return Err(Failure::unauthenticated(
                "stale_request",
                format!(
                    "the request was signed {skew} s away from Central's clock (at most {MAX_SKEW_SECONDS} s): check the till's clock"
                ),
            ));
        }
        if nonce.len() < 16 || nonce.len() > 64 || !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Failure::unauthenticated(
                "unauthenticated",
                "X-Caja-Nonce is not 16 to 64 hex digits",
            ));
        }
        let client = state.pool.get().await.storage("read the till's key")?;
        let public_key: Option<Vec<u8>> = client
            .query_opt(
                "SELECT public_key FROM till WHERE store_code = $1 AND till_code = $2",
                &[&till.store, &till.till],
            )
            .await
            .storage("read the till's key")?
            .map(|row| row.get(0));
        let public_key: [u8; 32] = public_key
            .and_then(|key| key.try_into().ok())
            .ok_or_else(|| {
                Failure::unauthenticated(
                    "unknown_till",
                    format!("till {till} is not enrolled in this Central: enroll it with a code from the admin page"),
                )
            })?;
        let body = to_bytes(body, body_limit(state)).await.map_err(|_| {
            Failure::new(
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                "file_too_large",
                format!("the request is over {} bytes", body_limit(state)),
            )
        })?;
        let path_and_query = parts
            .uri
            .path_and_query()
            .map(|path| path.as_str())
            .unwrap_or("/");
        signing::verify(
            &public_key,
            authorization,
            RequestParts {
                till: &till,
                method: parts.method.as_str(),
                path_and_query,
                body: &body,
                timestamp,
                nonce,
            },
        )
        .map_err(|error| Failure::unauthenticated("bad_signature", error.to_string()))?;
        let fresh = client
            .execute(
                "INSERT INTO request_nonce (store_code, till_code, nonce) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
                &[&till.store, &till.till, &nonce],
            )
            .await
            .storage("check the request's nonce")?
            == 1;
        if !fresh {
            return Err(Failure::unauthenticated(
                "replayed_request",
                "this exact request was already received: a till never sends the same nonce twice",
            ));
        }
        check_path(parts.uri.path(), &till)?;
        client
            .execute(
                "UPDATE till SET last_seen_at = now() WHERE store_code = $1 AND till_code = $2",
                &[&till.store, &till.till],
            )
            .await
            .storage("note the till's visit")?;
        Ok(SignedTill { till, body })
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name)?.to_str().ok()
}

/// `/api/v1/stores/{store}/tills/{till}/…` must name the till that signed.
fn check_path(path: &str, signer: &TillRef) -> Result<(), Failure> {
    let rest = path
        .strip_prefix(API_PREFIX)
        .and_then(|rest| rest.strip_prefix("/stores/"))
        .ok_or_else(|| Failure::not_found("no such endpoint"))?;
    let mut parts = rest.split('/');
    let (Some(store), Some("tills"), Some(till)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(Failure::not_found("no such endpoint"));
    };
    if store != signer.store {
        return Err(Failure::forbidden(
            "other_store",
            format!(
                "till {signer} belongs to store {}, not to store {store}",
                signer.store
            ),
        ));
    }
    if till != signer.till {
        return Err(Failure::forbidden(
            "wrong_till",
            format!(
                "the request is signed by till {signer} and may speak only for it, not for till {till}"
            ),
        ));
    }
    Ok(())
}

/// Forgets nonces too old to be accepted anyway (their timestamps would be stale).
pub async fn purge_nonces(pool: &deadpool_postgres::Pool) -> Result<u64, crate::db::DbError> {
    let seconds = (MAX_SKEW_SECONDS * 3) as f64;
    Ok(pool
        .get()
        .await?
        .execute(
            "DELETE FROM request_nonce WHERE seen_at < now() - make_interval(secs => $1)",
            &[&seconds],
        )
        .await?)
}
