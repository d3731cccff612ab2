//! The `aplazame_confirmation` row of a checkout as Rust reads it, and the statements that change it
//! outside a till's request: giving Aplazame an answer (once; the same answer again after) and logging
//! each answer, deferrals included, in `aplazame_answer`.

use deadpool_postgres::GenericClient;
use providers::central::confirmation::{Confirmation, Decision, Policy};
use tokio_postgres::Row;

use crate::error::{Failure, StorageContext};
use crate::state::AppState;

/// The columns [`from_row`] reads, in its order.
pub const COLUMNS: &str = "mid, till_code, checkout_id, total_cents, currency, sandbox, policy,
    decision, decided_by, reason, decided_till, given, given_reason,
    to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
    to_char(given_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

/// One checkout's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub till_code: String,
    pub view: Confirmation,
}

pub fn from_row(row: &Row) -> Held {
    let decision = |index: usize| {
        row.get::<_, Option<&str>>(index)
            .and_then(Decision::from_text)
    };
    Held {
        till_code: row.get(1),
        view: Confirmation {
            mid: row.get(0),
            checkout_id: row.get(2),
            total_cents: row.get(3),
            currency: row.get(4),
            sandbox: row.get(5),
            policy: row.get::<_, Option<&str>>(6).and_then(Policy::from_text),
            decision: decision(7),
            decided_by: row.get(8),
            reason: row.get(9),
            decided_till: row.get(10),
            given: decision(11),
            given_reason: row.get(12),
            decided_at: row.get(13),
            given_at: row.get(14),
        },
    }
}

/// The row of `mid` in `store`, if any.
pub async fn load(
    client: &impl GenericClient,
    store: &str,
    mid: &str,
    lock: bool,
) -> Result<Option<Held>, Failure> {
    let sql = format!(
        "SELECT {COLUMNS} FROM aplazame_confirmation WHERE store_code = $1 AND mid = $2{}",
        if lock { " FOR UPDATE" } else { "" }
    );
    Ok(client
        .query_opt(&sql, &[&store, &mid])
        .await
        .storage("read the checkout's confirmation")?
        .as_ref()
        .map(from_row))
}

/// What Central answers, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub answer: Decision,
    pub reason: String,
    pub decided_by: String,
}

/// A decision of the rule (the `auto` policy, or a mismatch with the announcement): `forced` when it
/// wins over a person's decision (a mismatch is never confirmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruled {
    pub decision: Decision,
    pub reason: String,
    pub forced: bool,
}

/// Gives Aplazame the checkout's answer: the decision held, or `rule`'s where none is held (or where
/// the rule is `forced`). An answer given before is given again, whatever was decided since: one
/// statement, so a till's decision racing the IPN either lands before it (and is given) or after it
/// (and is refused if contrary). `None`: nothing to give (no decision and no rule).
pub async fn give(
    state: &AppState,
    store: &str,
    mid: &str,
    checkout_id: &str,
    rule: Option<&Ruled>,
) -> Result<Option<Given>, Failure> {
    let client = state.pool.get().await.storage("answer Aplazame")?;
    let decision = rule.map(|rule| rule.decision.as_str());
    let reason = rule.map(|rule| rule.reason.as_str());
    let forced = rule.is_some_and(|rule| rule.forced);
    let row = client
        .query_opt(
            "UPDATE aplazame_confirmation SET
                 decision     = COALESCE(decision, $3),
                 decided_by   = CASE WHEN decision IS NULL AND $3::text IS NOT NULL
                                     THEN 'rule' ELSE decided_by END,
                 reason       = CASE WHEN decision IS NULL THEN $4 ELSE reason END,
                 decided_at   = CASE WHEN decision IS NULL THEN now() ELSE decided_at END,
                 decided_till = CASE WHEN decision IS NULL THEN till_code ELSE decided_till END,
                 given        = COALESCE(given, CASE WHEN $5 THEN $3 ELSE COALESCE(decision, $3) END),
                 given_reason = CASE WHEN given IS NOT NULL THEN given_reason
                                     WHEN $5 OR decision IS NULL THEN $4 ELSE reason END,
                 given_at     = COALESCE(given_at, now()),
                 checkout_id  = COALESCE(checkout_id, $6)
             WHERE store_code = $1 AND mid = $2 AND (given IS NOT NULL OR decision IS NOT NULL
                                                     OR $3::text IS NOT NULL)
             RETURNING given, COALESCE(given_reason, ''), COALESCE(decided_by, '')",
            &[&store, &mid, &decision, &reason, &forced, &checkout_id],
        )
        .await
        .storage("answer Aplazame")?;
    Ok(row.and_then(|row| {
        Some(Given {
            answer: Decision::from_text(row.get::<_, Option<&str>>(0)?)?,
            reason: row.get(1),
            decided_by: row.get(2),
        })
    }))
}

/// Logs one answer to a confirmation request: `ok`, `ko` or `deferred`.
pub async fn log_answer(
    state: &AppState,
    store: &str,
    (mid, checkout_id): (&str, &str),
    answer: &str,
    reason: &str,
) -> Result<(), Failure> {
    let client = state.pool.get().await.storage("log the answer")?;
    client
        .execute(
            "INSERT INTO aplazame_answer (store_code, mid, checkout_id, answer, reason)
             VALUES ($1, $2, $3, $4, $5)",
            &[&store, &mid, &checkout_id, &answer, &reason],
        )
        .await
        .storage("log the answer")?;
    Ok(())
}
