//! aPagos' callback: `POST /webhooks/apagos/{store}`. aPagos documents neither an authentication nor a
//! body for it, so it is a hint: Central takes `request_id` (and `order_id` when present) from a JSON
//! body, a form body or the query, reads the voucher back with the store's token
//! (`GET unchecked_payment/info/{request_id}`), and records and relays what `info` says, never what the
//! callback says. When `info` cannot be read (timeout, 5xx), 503 makes aPagos call again; when aPagos
//! does not know the voucher, the callback is kept as unverified and answered 200.

use axum::Json;
use axum::extract::{Path, Request, State};
use providers::apagos::{ApagosApi, RequestId};
use providers::http::ApiError;
use providers::{PlainHttp, ProviderRoot};

use super::record::{self, Finding, Verdict};
use super::{Incoming, Provider, not_confirmed_yet, taken};
use crate::error::Failure;
use crate::state::AppState;

/// `POST /webhooks/apagos/{store}`.
pub async fn callback(
    State(state): State<AppState>,
    Path(store): Path<String>,
    request: Request,
) -> Result<Json<serde_json::Value>, Failure> {
    let incoming = Incoming::read(&state, Provider::Apagos, &store, request).await?;
    let Some(request_id) = incoming.field("request_id") else {
        let failure = Failure::bad_request("request_id is required");
        let reason = "no request_id in the JSON, form or query".to_owned();
        return Err(incoming.refuse(&state, failure, reason).await);
    };
    let Some(request_id) = RequestId::parse(&request_id) else {
        let failure = Failure::bad_request("request_id is not an aPagos id (24 hex digits)");
        let reason = "request_id is not 24 hex digits".to_owned();
        return Err(incoming.refuse(&state, failure, reason).await);
    };
    let hinted_order = incoming.field("order_id");
    let unverified = |reason: String| Finding {
        reason: format!("voucher {request_id}: {reason}"),
        reference: hinted_order.clone(),
        ..Finding::default()
    };
    let api = match client(&state, &incoming) {
        Ok(api) => api,
        Err(reason) => {
            record::keep(&state, &incoming, Verdict::Unverified, &unverified(reason)).await?;
            return Err(not_confirmed_yet("aPagos"));
        }
    };
    let info = match api.info(&request_id).await {
        Ok(info) => info,
        Err(ApiError::NotFound { .. }) => {
            let finding = unverified("aPagos has no such voucher; nothing relayed".to_owned());
            record::keep(&state, &incoming, Verdict::Unverified, &finding).await?;
            return Ok(taken(Verdict::Unverified));
        }
        Err(error) => {
            let finding = unverified(format!("info could not be read: {error}"));
            record::keep(&state, &incoming, Verdict::Unverified, &finding).await?;
            return Err(not_confirmed_yet("aPagos"));
        }
    };
    let mismatch = hinted_order
        .filter(|hinted| *hinted != info.order_id)
        .map(|hinted| {
            format!(
                "the callback names order_id {hinted}, info {}",
                info.order_id
            )
        });
    let verified = serde_json::to_value(&info).unwrap_or_default();
    let finding = Finding {
        reason: format!("voucher {request_id} read back from info"),
        reference: Some(info.order_id.clone()),
        event: Some(info.status.as_str().to_owned()),
        verified: Some(verified.clone()),
        mismatch,
    };
    let verdict = record::deliver(&state, &incoming, finding, &verified).await?;
    Ok(taken(verdict))
}

/// The store's aPagos client, or why there is none.
fn client(state: &AppState, incoming: &Incoming) -> Result<ApagosApi, String> {
    let token = incoming
        .store
        .apagos_token
        .clone()
        .ok_or("the store has no aPagos token configured")?;
    let root = ProviderRoot::parse(
        state.config.providers.apagos.as_str(),
        PlainHttp::LoopbackOnly,
    )
    .map_err(|problem| format!("the aPagos root is not usable: {problem}"))?;
    Ok(ApagosApi::with_http(
        state.http.clone(),
        &root,
        token,
        super::reread_settings(),
    ))
}
