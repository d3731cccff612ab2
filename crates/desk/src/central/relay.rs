//! The provider events Central relays to this till: one long poll after the last event handled. An
//! aCuotaz event refreshes the order it names through the orders' own follow code, so a `funded`
//! webhook turns the order funded at once instead of at the poll's next back-off. An aPagos event
//! reads the voucher it names again (`Till::voucher_event`: an unknown register that aPagos holds under
//! our id is settled by it, a validated transfer is billed). An Aplazame IPN reads the checkout again
//! (`Till::aplazame_event`) and hands the store's decision to Central at once ([`aplazame_link`]).
//! Other providers' events are acknowledged and logged. The cursor moves past an event only once it was
//! handled; an Aplazame IPN that could not be read back now is kept and handed over again after a
//! back-off (`is_worth_another_try`).

use std::path::Path;

use providers::apagos::RequestId;
use providers::aplazame::CheckoutStatus;
use providers::apurata::orders::OrderId;
use providers::central::wire::owner_of;
use serde::Serialize;
use till::central as store;
use till::error::AplazameError;
use till::{Till, TillError};

use super::{CentralFailure, aplazame_link, background_http, open_client};

/// One relayed event and what the till did with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelayHandled {
    pub id: i64,
    pub provider: String,
    pub reference: String,
    pub event: String,
    /// `refreshed` (with the order's status after), `not_ours`, `logged`, or `failed: …`.
    pub outcome: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RelayReport {
    pub handled: Vec<RelayHandled>,
    /// The last event handled.
    pub relay_after: i64,
    /// The event this turn stopped at, kept to be handed over again after a back-off: an Aplazame
    /// IPN the till could not read back now (see `is_worth_another_try`).
    pub kept: Option<RelayKept>,
}

/// An event kept for a later turn, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelayKept {
    pub id: i64,
    pub provider: String,
    pub reference: String,
    /// The till's error code (`checkout_outcome_unknown`: Aplazame did not answer).
    pub code: String,
}

/// One long poll of up to `wait` seconds, and every event it brought handled in order.
pub async fn relay_once(
    till: &Till,
    data_dir: &Path,
    wait: u64,
) -> Result<RelayReport, CentralFailure> {
    let client = open_client(till, data_dir, background_http()).await?;
    let after = till
        .with_central_db(|db| store::cursor(db))
        .await?
        .relay_after;
    // Announced before the long poll, so Central knows a new checkout before Aplazame asks about it.
    aplazame_link::forward_with(till, &client).await;
    let batch = client.events(after, wait).await?;
    let mut report = RelayReport {
        handled: Vec::new(),
        relay_after: after,
        kept: None,
    };
    let mine = client.till().clone();
    for event in batch.events {
        let ours = owner_of(&event.reference)
            .is_some_and(|(store, till)| store == mine.store && till == mine.till);
        let outcome = match event.provider.as_str() {
            _ if !ours => "not_ours".to_owned(),
            "acuotaz" => refresh(till, &event.reference).await,
            "apagos" => voucher_event(till, &event.reference, &event.payload).await,
            "aplazame" => match checkout_event(till, &event.payload).await {
                Ok(outcome) => outcome,
                // Aplazame could not be read, or the create's answer is still on its way: the
                // event is kept (the cursor stays before it) and the turn ends there, so the relay
                // backs off and hands it over again. An IPN may be the only way Caja learns a lost
                // create's checkout id.
                Err(error) if is_worth_another_try(&error) => {
                    tracing::warn!(
                        id = event.id,
                        reference = %event.reference,
                        code = error.code(),
                        "an Aplazame IPN is kept to be read again"
                    );
                    report.kept = Some(RelayKept {
                        id: event.id,
                        provider: event.provider,
                        reference: event.reference,
                        code: error.code().to_owned(),
                    });
                    return Ok(report);
                }
                Err(error) => format!("failed: {}", error.code()),
            },
            _ => "logged".to_owned(),
        };
        tracing::info!(
            id = event.id,
            provider = %event.provider,
            reference = %event.reference,
            event = %event.event,
            %outcome,
            "Central relayed a provider event"
        );
        let id = event.id;
        till.with_central_db(move |db| store::record_relay(db, id))
            .await?;
        report.relay_after = id;
        let aplazame = event.provider == "aplazame";
        report.handled.push(RelayHandled {
            id,
            provider: event.provider,
            reference: event.reference,
            event: event.event,
            outcome,
        });
        if aplazame {
            // The till's rule may have decided on it: Central is waiting for that answer now.
            aplazame_link::forward_with(till, &client).await;
        }
    }
    Ok(report)
}

/// The order read now through the orders' follow code (its open call retried, its status asked).
async fn refresh(till: &Till, reference: &str) -> String {
    let Ok(order_id) = OrderId::parse(reference) else {
        return "failed: not an order id".to_owned();
    };
    match till.refresh_order(&order_id).await {
        Ok(order) => format!("refreshed: {}", order.status.as_str()),
        Err(error) => format!("failed: {}", error.code()),
    }
}

/// The voucher read again at aPagos (never what the event says), and billed once validated.
async fn voucher_event(till: &Till, reference: &str, payload: &serde_json::Value) -> String {
    let request_id = payload
        .get("request_id")
        .and_then(serde_json::Value::as_str)
        .and_then(RequestId::parse);
    match till.voucher_event(reference, request_id).await {
        Ok(voucher) => format!(
            "refreshed: {}",
            voucher
                .status
                .as_ref()
                .map_or("PENDING", |status| status.as_str())
        ),
        Err(error) => format!("failed: {}", error.code()),
    }
}

/// An Aplazame IPN as Central read it back: the till reads the checkout again itself
/// (`Till::aplazame_event`), settles a create whose answer was lost, and applies its rule.
async fn checkout_event(till: &Till, payload: &serde_json::Value) -> Result<String, TillError> {
    let Ok(status) = serde_json::from_value::<CheckoutStatus>(payload.clone()) else {
        return Ok("failed: not Aplazame's status object".to_owned());
    };
    let checkout = till.aplazame_event(&status).await?;
    Ok(format!(
        "refreshed: {}",
        checkout.status.as_deref().unwrap_or("pending")
    ))
}

/// Whether an IPN the till could not handle now may be handled later: Aplazame did not answer the
/// read-back, or the checkout's create is still being sent. Not for an IPN that is not ours or names
/// a checkout that ended with nothing at Aplazame: those would fail the same way every time.
fn is_worth_another_try(error: &TillError) -> bool {
    match error {
        TillError::Aplazame(AplazameError::OutcomeUnknown { .. }) => true,
        TillError::Aplazame(AplazameError::NotCreated { state, .. }) => state == "sending",
        _ => false,
    }
}
