//! aCuotaz's order events: `GET` or `POST /webhooks/acuotaz/{store}` with `Apurata-Auth: Bearer <the
//! store's webhook token>` and `order_id` and `event` (`onhold`, `validated`, `approved`, `funded`,
//! `rejected`, `canceled`, `expired`) in the query, a JSON body or a form body. The bearer is compared in
//! constant time and never kept; a missing or wrong one is 401 and kept as refused. aCuotaz retries five
//! times with back-off, and `validated` and `funded` may arrive together: each (order, event) is relayed
//! once, its repetitions kept as duplicates.

use axum::Json;
use axum::extract::{Path, Request, State};

use super::record::{self, Finding};
use super::{Incoming, Provider, is_token, taken};
use crate::error::Failure;
use crate::state::AppState;

/// `GET|POST /webhooks/acuotaz/{store}`.
pub async fn notify(
    State(state): State<AppState>,
    Path(store): Path<String>,
    request: Request,
) -> Result<Json<serde_json::Value>, Failure> {
    let incoming = Incoming::read(&state, Provider::Acuotaz, &store, request).await?;
    if let Err(reason) = check_bearer(&incoming) {
        let failure = Failure::unauthenticated(
            "unauthenticated",
            "Apurata-Auth must be `Bearer ` and the store's aCuotaz webhook token",
        );
        return Err(incoming.refuse(&state, failure, reason.to_owned()).await);
    }
    let (Some(order_id), Some(event)) = (incoming.field("order_id"), incoming.field("event"))
    else {
        let failure = Failure::bad_request("order_id and event are required");
        let reason = "no order_id or no event in the query, JSON or form".to_owned();
        return Err(incoming.refuse(&state, failure, reason).await);
    };
    let event = event.to_ascii_lowercase();
    if !is_token(&order_id, 64) || !is_token(&event, 32) {
        let failure = Failure::bad_request("order_id or event is not an identifier");
        let finding = Finding {
            reason: "order_id or event is not an identifier".to_owned(),
            ..Finding::default()
        };
        return Err(incoming.refuse_with(&state, failure, finding).await);
    }
    // What the till receives: the notification itself (the till reads the order back before acting).
    let payload = serde_json::json!({ "order_id": order_id, "event": event });
    let finding = Finding {
        reference: Some(order_id),
        event: Some(event),
        ..Finding::default()
    };
    let verdict = record::deliver(&state, &incoming, finding, &payload).await?;
    Ok(taken(verdict))
}

/// Checks `Apurata-Auth: Bearer <token>` against the store's token; the reason when it does not hold.
fn check_bearer(incoming: &Incoming) -> Result<(), &'static str> {
    let Some(expected) = incoming.store.acuotaz_webhook_token.as_ref() else {
        return Err("the store has no aCuotaz webhook token configured");
    };
    let Some(header) = incoming.header("apurata-auth") else {
        return Err("no Apurata-Auth header");
    };
    let presented = header
        .trim()
        .split_once(' ')
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token);
    match presented {
        None => Err("Apurata-Auth is not `Bearer <token>`"),
        Some(token) if expected.matches(token) => Ok(()),
        Some(_) => Err("Apurata-Auth does not carry the store's token"),
    }
}
