//! Central's answer to an Aplazame IPN that asks the store's confirmation (the status read back is
//! `pending`/`confirmation_required`), in this order:
//!
//! 1. The IPN says another total, currency or test-mode flag than the status read back: never `ok`;
//!    answered `ko` (to whoever sent it) and logged, the checkout's row untouched.
//! 2. The till announced the checkout and the status read back does not match the announcement (its
//!    checkout id, total, currency or test-mode flag): `ko`, decided by `rule` with the reason, even
//!    over a person's `ok`.
//! 3. A decision is held: it is given.
//! 4. The announcement's policy is `auto` (and everything matched): `ok`, decided by `rule`.
//! 5. Otherwise Central waits, up to `aplazame_confirm_wait`, for the till's decision (the pending
//!    event was relayed before, so the cashier sees it); still none: the deferral is logged and the
//!    answer is `503 awaiting_decision`, so that Aplazame asks again. When the till the `mid` names is
//!    not enrolled in the store, nobody can decide: deferred at once, without the wait.
//!
//! Each answer given is logged (`aplazame_answer`), and a given answer is given again on a retry. The
//! checkout's row and the statements that answer from it are [`rows`]; the till fills it through
//! `crate::confirmation`.

use axum::http::StatusCode;
use providers::aplazame::{CheckoutState, CheckoutStatus};
use providers::central::confirmation::{Decision, Policy};
use tokio::time::Instant;

pub mod rows;

use crate::error::{Failure, StorageContext};
use crate::state::AppState;
use rows::{Held, Ruled};

/// How often a waiting IPN looks again without its bell (a decision taken by another Central).
const POLL: std::time::Duration = std::time::Duration::from_millis(250);

/// Whether a status read back asks the store to confirm.
pub fn asks(status: &CheckoutStatus) -> bool {
    status.status == CheckoutState::Pending
        && status.status_reason.as_deref().map(str::trim) == Some("confirmation_required")
}

/// The answer to an IPN asking the store's confirmation of `read` (the status read back); `notified`
/// is the IPN as sent, when it was the status object.
pub async fn answer(
    state: &AppState,
    store: &str,
    read: &CheckoutStatus,
    notified: Option<&CheckoutStatus>,
) -> Result<serde_json::Value, Failure> {
    let key = (read.mid.as_str(), read.id.as_str());
    if let Some(problem) = ipn_problem(read, notified) {
        rows::log_answer(state, store, key, "ko", &problem).await?;
        tracing::warn!(
            store,
            mid = read.mid,
            problem,
            "Aplazame confirmation refused"
        );
        return Ok(answered(Decision::Ko));
    }
    if let Some(reason) = nobody_to_decide(state, store, &read.mid).await? {
        return defer(state, store, read, key, &reason).await;
    }
    let deadline = Instant::now() + state.config.aplazame_confirm_wait;
    loop {
        let bell = state.decision_bell.notified();
        tokio::pin!(bell);
        bell.as_mut().enable();
        let client = state.pool.get().await.storage("read the confirmation")?;
        let held = rows::load(&client, store, &read.mid, false).await?;
        drop(client);
        let rule = held.as_ref().and_then(|held| judge(held, read));
        let decided = held
            .as_ref()
            .is_some_and(|held| held.view.decision.is_some());
        let given = if rule.is_some() || decided {
            rows::give(state, store, &read.mid, &read.id, rule.as_ref()).await?
        } else {
            None
        };
        if let Some(given) = given {
            rows::log_answer(state, store, key, given.answer.as_str(), &given.reason).await?;
            tracing::info!(
                store,
                mid = read.mid,
                answer = given.answer.as_str(),
                decided_by = given.decided_by,
                "Aplazame confirmation given"
            );
            return Ok(answered(given.answer));
        }
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        tokio::select! {
            () = &mut bell => {}
            () = tokio::time::sleep_until(deadline.min(now + POLL)) => {}
        }
    }
    let reason = format!(
        "no decision from the till within {} ms: Aplazame will ask again",
        state.config.aplazame_confirm_wait.as_millis()
    );
    defer(state, store, read, key, &reason).await
}

/// Why no till can decide on `mid` at all, so that waiting for one is pointless: the till its id names
/// is not enrolled here (a till that is enrolled may still announce it: the IPN can outrun the till).
async fn nobody_to_decide(
    state: &AppState,
    store: &str,
    mid: &str,
) -> Result<Option<String>, Failure> {
    let Some((mid_store, till)) = providers::central::wire::owner_of(mid) else {
        return Ok(Some(format!("`{mid}` names no till of this chain")));
    };
    let client = state.pool.get().await.storage("read the till")?;
    let enrolled = client
        .query_opt(
            "SELECT 1 FROM till WHERE store_code = $1 AND till_code = $2",
            &[&mid_store, &till],
        )
        .await
        .storage("read the till")?
        .is_some();
    Ok((!enrolled || mid_store != store).then(|| {
        format!("till {mid_store}/{till} is not enrolled in store {store} of this Central: nobody can decide")
    }))
}

/// Answers 503 (`awaiting_decision`), so that Aplazame asks again, and logs why.
async fn defer(
    state: &AppState,
    store: &str,
    read: &CheckoutStatus,
    key: (&str, &str),
    reason: &str,
) -> Result<serde_json::Value, Failure> {
    rows::log_answer(state, store, key, "deferred", reason).await?;
    tracing::info!(
        store,
        mid = read.mid,
        reason,
        "Aplazame confirmation deferred"
    );
    Err(Failure::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "awaiting_decision",
        format!(
            "the store has not decided on checkout {} yet; ask again",
            read.id
        ),
    ))
}

/// `{"status": "ok"}` or `{"status": "ko"}`, the answer Aplazame's confirmation reads.
fn answered(decision: Decision) -> serde_json::Value {
    serde_json::json!({ "status": decision.as_str() })
}

/// Why the IPN itself cannot be confirmed: it is not the status object, or it says another total,
/// currency or test-mode flag than the status read back.
fn ipn_problem(read: &CheckoutStatus, notified: Option<&CheckoutStatus>) -> Option<String> {
    let Some(notified) = notified else {
        return Some("the IPN is not the documented status object".to_owned());
    };
    let differences: Vec<_> = notified
        .differences(read)
        .into_iter()
        .filter(|field| ["total_amount", "currency", "sandbox"].contains(field))
        .collect();
    (!differences.is_empty()).then(|| {
        format!(
            "the IPN differs from the status read back in: {}",
            differences.join(", ")
        )
    })
}

/// The rule's decision on `held` for `read`: `ko` (forced) when the status does not match what the
/// till announced, `ok` when the policy is `auto` and it matches, none otherwise.
pub fn judge(held: &Held, read: &CheckoutStatus) -> Option<Ruled> {
    let view = &held.view;
    let policy = view.policy?;
    let mut differences = Vec::new();
    if let Some(id) = view.checkout_id.as_deref().filter(|id| *id != read.id) {
        differences.push(format!("checkout id {} (announced {id})", read.id));
    }
    if view.total_cents != Some(read.total_amount) {
        differences.push(format!(
            "total {} cents (announced {})",
            read.total_amount,
            view.total_cents.unwrap_or_default()
        ));
    }
    if view.currency.as_deref() != Some(read.currency.code.as_str()) {
        differences.push(format!(
            "currency {} (announced {})",
            read.currency.code,
            view.currency.as_deref().unwrap_or_default()
        ));
    }
    if view.sandbox != Some(read.sandbox) {
        differences.push(format!(
            "sandbox {} (announced {})",
            read.sandbox,
            view.sandbox.unwrap_or_default()
        ));
    }
    if !differences.is_empty() {
        return Some(Ruled {
            decision: Decision::Ko,
            reason: format!(
                "Aplazame's checkout is not as announced: {}",
                differences.join(", ")
            ),
            forced: true,
        });
    }
    (policy == Policy::Auto).then(|| Ruled {
        decision: Decision::Ok,
        reason: "total, currency and sandbox as announced (auto)".to_owned(),
        forced: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use providers::aplazame::Currency;
    use providers::central::confirmation::Confirmation;

    fn read(total: i64, code: &str, sandbox: bool) -> CheckoutStatus {
        CheckoutStatus {
            id: "ch_1".into(),
            mid: "T01-C1-A1".into(),
            total_amount: total,
            currency: Currency {
                code: code.into(),
                name: None,
                numeric: None,
            },
            status: CheckoutState::Pending,
            status_reason: Some("confirmation_required".into()),
            sandbox,
        }
    }

    fn held(policy: Option<Policy>, checkout_id: Option<&str>) -> Held {
        Held {
            till_code: "C1".into(),
            view: Confirmation {
                mid: "T01-C1-A1".into(),
                checkout_id: checkout_id.map(str::to_owned),
                policy,
                total_cents: Some(12_050),
                currency: Some("EUR".into()),
                sandbox: Some(true),
                decision: None,
                decided_by: None,
                reason: None,
                decided_at: None,
                decided_till: None,
                given: None,
                given_reason: None,
                given_at: None,
            },
        }
    }

    #[test]
    fn auto_confirms_only_what_matches_and_a_mismatch_is_always_ko() {
        let auto = held(Some(Policy::Auto), Some("ch_1"));
        let ok = judge(&auto, &read(12_050, "EUR", true)).unwrap();
        assert_eq!((ok.decision, ok.forced), (Decision::Ok, false));
        for (total, code, sandbox, word) in [
            (12_051, "EUR", true, "total 12051 cents (announced 12050)"),
            (12_050, "USD", true, "currency USD"),
            (12_050, "EUR", false, "sandbox false"),
        ] {
            for policy in [Policy::Auto, Policy::Ask] {
                let ruled = judge(&held(Some(policy), None), &read(total, code, sandbox)).unwrap();
                assert_eq!((ruled.decision, ruled.forced), (Decision::Ko, true));
                assert!(ruled.reason.contains(word), "{}", ruled.reason);
            }
        }
        let other = judge(
            &held(Some(Policy::Ask), Some("ch_2")),
            &read(12_050, "EUR", true),
        );
        assert!(other.unwrap().reason.contains("checkout id ch_1"));
        assert_eq!(
            judge(&held(Some(Policy::Ask), None), &read(12_050, "EUR", true)),
            None
        );
        assert_eq!(judge(&held(None, None), &read(1, "EUR", true)), None);
    }

    #[test]
    fn an_ipn_unlike_its_read_back_is_never_confirmed() {
        let status = read(12_050, "EUR", false);
        assert_eq!(ipn_problem(&status, Some(&status)), None);
        let mut moved = status.clone();
        moved.status = CheckoutState::Ok;
        assert_eq!(ipn_problem(&status, Some(&moved)), None);
        let cheaper = read(1, "EUR", false);
        assert!(
            ipn_problem(&status, Some(&cheaper))
                .unwrap()
                .contains("total_amount")
        );
        let test_mode = read(12_050, "EUR", true);
        assert!(
            ipn_problem(&status, Some(&test_mode))
                .unwrap()
                .contains("sandbox")
        );
        assert!(ipn_problem(&status, None).is_some());
    }
}
