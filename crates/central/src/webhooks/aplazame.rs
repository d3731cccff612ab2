//! Aplazame's IPN: `POST /webhooks/aplazame/{store}` with the checkout status object as its body
//! (`id`, `mid`, `total_amount` in cents, `currency`, `status`, `status_reason`, `sandbox`). The document
//! gives it no authentication, so Central reads the checkout back with the store's private key
//! (`GET checkout/{id}/status`) and records and relays that answer; where the IPN says something else,
//! the read wins and the row is flagged with the fields that differ.
//!
//! The answer is where the store confirms or rejects a checkout waiting for it
//! (`pending`/`confirmation_required` as read back): `{"status": "ok"}` or `{"status": "ko"}` from the
//! till's decision or its announcement's rule, or `503` while the till has not decided
//! ([`super::confirmation`]). Every other status is answered `{}`.

use axum::Json;
use axum::extract::{Path, Request, State};
use providers::aplazame::{AplazameApi, CheckoutId, CheckoutStatus};
use providers::http::ApiError;
use providers::{PlainHttp, ProviderRoot};

use super::confirmation as answer;
use super::record::{self, Finding, Verdict};
use super::{Incoming, Provider, not_confirmed_yet};
use crate::error::Failure;
use crate::state::AppState;

/// `POST /webhooks/aplazame/{store}`.
pub async fn ipn(
    State(state): State<AppState>,
    Path(store): Path<String>,
    request: Request,
) -> Result<Json<serde_json::Value>, Failure> {
    let incoming = Incoming::read(&state, Provider::Aplazame, &store, request).await?;
    let Some(id) = incoming.field("id").as_deref().and_then(CheckoutId::parse) else {
        let failure = Failure::bad_request("the IPN must carry the checkout's id");
        let reason = "no checkout id in the body".to_owned();
        return Err(incoming.refuse(&state, failure, reason).await);
    };
    let notified: Option<CheckoutStatus> = serde_json::from_slice(&incoming.body).ok();
    let unverified = |reason: String| Finding {
        reason: format!("checkout {id}: {reason}"),
        reference: notified.as_ref().map(|ipn| ipn.mid.clone()),
        ..Finding::default()
    };
    let api = match client(&state, &incoming) {
        Ok(api) => api,
        Err(reason) => {
            record::keep(&state, &incoming, Verdict::Unverified, &unverified(reason)).await?;
            return Err(not_confirmed_yet("Aplazame"));
        }
    };
    let read = match api.status(&id).await {
        Ok(read) => read,
        Err(ApiError::NotFound { .. }) => {
            let finding = unverified("Aplazame has no such checkout; nothing relayed".to_owned());
            record::keep(&state, &incoming, Verdict::Unverified, &finding).await?;
            return Ok(Json(serde_json::json!({})));
        }
        Err(error) => {
            let finding = unverified(format!("the status could not be read: {error}"));
            record::keep(&state, &incoming, Verdict::Unverified, &finding).await?;
            return Err(not_confirmed_yet("Aplazame"));
        }
    };
    let mismatch = match &notified {
        None => Some("the IPN is not the documented status object".to_owned()),
        Some(ipn) => {
            let differences = ipn.differences(&read);
            (!differences.is_empty()).then(|| {
                format!(
                    "the IPN differs from the status read back in: {}",
                    differences.join(", ")
                )
            })
        }
    };
    if let Some(mismatch) = &mismatch {
        tracing::warn!(store, checkout = %id, mismatch, "Aplazame IPN not as read back");
    }
    let verified = serde_json::to_value(&read).unwrap_or_default();
    let finding = Finding {
        reason: format!("checkout {id} read back from its status"),
        reference: Some(read.mid.clone()),
        event: Some(event_of(&read)),
        verified: Some(verified.clone()),
        mismatch,
    };
    // Relayed first, so that the cashier sees the checkout waiting while Central waits for them.
    record::deliver(&state, &incoming, finding, &verified).await?;
    if answer::asks(&read) {
        let store = &incoming.store.code;
        return Ok(Json(
            answer::answer(&state, store, &read, notified.as_ref()).await?,
        ));
    }
    Ok(Json(serde_json::json!({})))
}

/// The event a checkout's status is relayed as: `ok`, `ko:expired`, `pending:confirmation_required`.
fn event_of(status: &CheckoutStatus) -> String {
    match status.status_reason.as_deref().map(str::trim) {
        Some(reason) if !reason.is_empty() => format!("{}:{reason}", status.status),
        _ => status.status.to_string(),
    }
}

/// The store's Aplazame client, or why there is none.
fn client(state: &AppState, incoming: &Incoming) -> Result<AplazameApi, String> {
    let key = incoming
        .store
        .aplazame_key
        .clone()
        .ok_or("the store has no Aplazame key configured")?;
    let root = ProviderRoot::parse(
        state.config.providers.aplazame.as_str(),
        PlainHttp::LoopbackOnly,
    )
    .map_err(|problem| format!("the Aplazame root is not usable: {problem}"))?;
    Ok(AplazameApi::with_http(
        state.http.clone(),
        &root,
        key,
        super::reread_settings(),
    ))
}
