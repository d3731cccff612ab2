//! The till's side of the confirmation, signed like every till call (`crate::auth::SignedTill`):
//! announce a checkout (`PUT …/aplazame/checkouts/{mid}`), post the store's decision
//! (`PUT …/aplazame/checkouts/{mid}/decision`), read what Central holds (`GET …/aplazame/checkouts/{mid}`).
//! A till speaks only for its own orders: `mid` must start with its store and till (`T01-C1-…`).
//!
//! Each change locks the checkout's row, so an IPN being answered sees the decision either before (and
//! gives it) or after (and a contrary one is refused: `409 already_answered`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use deadpool_postgres::Transaction;
use providers::aplazame::CheckoutId;
use providers::central::confirmation::{
    Announcement, Confirmation, DecisionRequest, Policy, is_mid,
};
use providers::central::wire::owner_of;
use providers::euros::MAX_CENTS;
use serde::de::DeserializeOwned;

use crate::auth::SignedTill;
use crate::error::{Failure, StorageContext};
use crate::state::AppState;
use crate::webhooks::confirmation::rows::{self, Held};

/// `(store, till, mid)` of the path.
type CheckoutPath = Path<(String, String, String)>;

/// `GET …/aplazame/checkouts/{mid}`.
pub async fn show(
    State(state): State<AppState>,
    Path((_, _, mid)): CheckoutPath,
    signed: SignedTill,
) -> Result<Json<Confirmation>, Failure> {
    own(&signed, &mid)?;
    let client = state.pool.get().await.storage("read the confirmation")?;
    match rows::load(&client, &signed.till.store, &mid, false).await? {
        Some(held) => Ok(Json(held.view)),
        None => Err(Failure::not_found(format!(
            "Central holds nothing about checkout {mid}"
        ))),
    }
}

/// `PUT …/aplazame/checkouts/{mid}`: what the till created and its policy. Sent again (with the
/// checkout id once known) it is taken again until Aplazame is answered; after that, only the same.
pub async fn announce(
    State(state): State<AppState>,
    Path((_, _, mid)): CheckoutPath,
    signed: SignedTill,
) -> Result<Json<Confirmation>, Failure> {
    own(&signed, &mid)?;
    let announcement: Announcement = body(&signed)?;
    if !(1..=MAX_CENTS).contains(&announcement.total_cents) {
        return Err(Failure::bad_request(
            "total_cents must be a positive number of cents",
        ));
    }
    let currency = &announcement.currency;
    if currency.len() != 3 || !currency.bytes().all(|byte| byte.is_ascii_uppercase()) {
        return Err(Failure::bad_request(format!(
            "currency `{currency}` is not an ISO 4217 code such as EUR"
        )));
    }
    checked_id(announcement.checkout_id.as_deref())?;
    let mut client = state.pool.get().await.storage("keep the announcement")?;
    let transaction = client
        .transaction()
        .await
        .storage("keep the announcement")?;
    let held = lock(&transaction, &signed, &mid).await?;
    same_checkout(&held, announcement.checkout_id.as_deref())?;
    let view = &held.view;
    if let Some(given) = view.given {
        let same = view.policy == Some(announcement.policy)
            && view.total_cents == Some(announcement.total_cents)
            && view.currency.as_deref() == Some(currency.as_str())
            && view.sandbox == Some(announcement.sandbox);
        if !same {
            return Err(already_answered(&mid, given.as_str()));
        }
    }
    transaction
        .execute(
            "UPDATE aplazame_confirmation SET checkout_id = COALESCE($3, checkout_id),
                    total_cents = $4, currency = $5, sandbox = $6, policy = $7,
                    announced_at = COALESCE(announced_at, now())
             WHERE store_code = $1 AND mid = $2",
            &[
                &signed.till.store,
                &mid,
                &announcement.checkout_id,
                &announcement.total_cents,
                currency,
                &announcement.sandbox,
                &announcement.policy.as_str(),
            ],
        )
        .await
        .storage("keep the announcement")?;
    let held = finish(transaction, &signed, &mid).await?;
    tracing::info!(
        store = signed.till.store,
        mid,
        policy = announcement.policy.as_str(),
        "Aplazame checkout announced"
    );
    if announcement.policy == Policy::Auto {
        state.decision_bell.notify_waiters();
    }
    Ok(Json(held.view))
}

/// `PUT …/aplazame/checkouts/{mid}/decision`: the store's decision. The same again is fine; a
/// contrary one after Aplazame was answered is `409 already_answered`.
pub async fn decide(
    State(state): State<AppState>,
    Path((_, _, mid)): CheckoutPath,
    signed: SignedTill,
) -> Result<Json<Confirmation>, Failure> {
    own(&signed, &mid)?;
    let request: DecisionRequest = body(&signed)?;
    let decided_by = request.decided_by.trim();
    if decided_by.is_empty() || decided_by.chars().count() > 120 {
        return Err(Failure::bad_request(
            "decided_by must name who decided (1 to 120 characters)",
        ));
    }
    // `rule` names Central's own decisions on the pages and in the answers: no person signs as it.
    if decided_by.eq_ignore_ascii_case("rule") {
        return Err(Failure::bad_request(
            "decided_by `rule` is Central's own: name the person who decided",
        ));
    }
    let reason: String = request.reason.trim().chars().take(500).collect();
    checked_id(request.checkout_id.as_deref())?;
    let mut client = state.pool.get().await.storage("keep the decision")?;
    let transaction = client.transaction().await.storage("keep the decision")?;
    let held = lock(&transaction, &signed, &mid).await?;
    same_checkout(&held, request.checkout_id.as_deref())?;
    if let Some(given) = held.view.given {
        if given != request.decision {
            return Err(already_answered(&mid, given.as_str()));
        }
        // The same decision again: Aplazame already has it; nothing changes.
        return Ok(Json(held.view));
    }
    transaction
        .execute(
            "UPDATE aplazame_confirmation SET decision = $3, decided_by = $4, reason = $5,
                    decided_at = now(), decided_till = $6, checkout_id = COALESCE(checkout_id, $7)
             WHERE store_code = $1 AND mid = $2",
            &[
                &signed.till.store,
                &mid,
                &request.decision.as_str(),
                &decided_by,
                &reason,
                &signed.till.till,
                &request.checkout_id,
            ],
        )
        .await
        .storage("keep the decision")?;
    let held = finish(transaction, &signed, &mid).await?;
    tracing::info!(
        store = signed.till.store,
        mid,
        decision = request.decision.as_str(),
        "Aplazame decision taken"
    );
    state.decision_bell.notify_waiters();
    Ok(Json(held.view))
}

/// `mid` must be one of the signing till's orders.
fn own(signed: &SignedTill, mid: &str) -> Result<(), Failure> {
    let till = &signed.till;
    match owner_of(mid) {
        Some((store, code)) if is_mid(mid) && store == till.store && code == till.till => Ok(()),
        _ => Err(Failure::forbidden(
            "wrong_till",
            format!(
                "`{mid}` is not an order of till {till} (its ids start with {}-{}-)",
                till.store, till.till
            ),
        )),
    }
}

fn body<T: DeserializeOwned>(signed: &SignedTill) -> Result<T, Failure> {
    serde_json::from_slice(&signed.body).map_err(|error| {
        Failure::bad_request(format!("the body is not the expected JSON: {error}"))
    })
}

fn checked_id(checkout_id: Option<&str>) -> Result<(), Failure> {
    match checkout_id {
        Some(id) if CheckoutId::parse(id).is_none_or(|parsed| parsed.as_str() != id) => Err(
            Failure::bad_request(format!("`{id}` is not an Aplazame checkout id")),
        ),
        _ => Ok(()),
    }
}

/// The row of `mid`, made if new, locked until the transaction ends.
async fn lock(
    transaction: &Transaction<'_>,
    signed: &SignedTill,
    mid: &str,
) -> Result<Held, Failure> {
    transaction
        .execute(
            "INSERT INTO aplazame_confirmation (store_code, mid, till_code) VALUES ($1, $2, $3)
             ON CONFLICT (store_code, mid) DO NOTHING",
            &[&signed.till.store, &mid, &signed.till.till],
        )
        .await
        .storage("keep the confirmation")?;
    rows::load(transaction, &signed.till.store, mid, true)
        .await?
        .ok_or_else(|| Failure::storage("keep the confirmation", "the row vanished"))
}

async fn finish(
    transaction: Transaction<'_>,
    signed: &SignedTill,
    mid: &str,
) -> Result<Held, Failure> {
    let held = rows::load(&transaction, &signed.till.store, mid, false)
        .await?
        .ok_or_else(|| Failure::storage("keep the confirmation", "the row vanished"))?;
    transaction
        .commit()
        .await
        .storage("keep the confirmation")?;
    Ok(held)
}

fn same_checkout(held: &Held, checkout_id: Option<&str>) -> Result<(), Failure> {
    match (held.view.checkout_id.as_deref(), checkout_id) {
        (Some(known), Some(sent)) if known != sent => Err(Failure::new(
            StatusCode::CONFLICT,
            "checkout_mismatch",
            format!(
                "order {} is Aplazame checkout {known}, not {sent}",
                held.view.mid
            ),
        )),
        _ => Ok(()),
    }
}

fn already_answered(mid: &str, given: &str) -> Failure {
    Failure::new(
        StatusCode::CONFLICT,
        "already_answered",
        format!(
            "Aplazame was already answered «{given}» for order {mid}: that answer cannot be changed"
        ),
    )
}
