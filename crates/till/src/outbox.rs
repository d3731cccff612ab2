//! The outbox: operations whose outcome is not known (a timeout, a dropped connection, a 5xx, a crash
//! between sending and recording) are resolved, never guessed.
//!
//! - `paid-and-billed` is documented as idempotent ("only the first call has effect"), so it is simply
//!   sent again until the provider answers.
//! - `undo-billing` is not: a second undo of an undone code is refused. So the till first asks `info`:
//!   unbilled means the undo took effect; still billed means it did not, and only then is it sent again.
//!
//! Attempts back off exponentially with jitter. Each row is leased while one process works on it, so
//! two windows, or the CLI beside the app, never resolve the same operation twice. The fronts call
//! [`Till::resolve_due`] on start and periodically; `caja sync` calls [`Till::drain`].

use std::time::Duration;

use jiff::Timestamp;
use providers::apurata::downpayment::FundingCode;
use providers::http::ApiError;

use crate::error::TillError;
use crate::journal::{self, Claim, JournalEntry, OperationKind, OperationState, Outcome};
use crate::operations::Till;

/// First retry after 500 ms, doubling up to 30 s.
const BACKOFF_BASE_MS: i64 = 500;
const BACKOFF_CAP_MS: i64 = 30_000;

/// What one pass over the outbox did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxReport {
    /// Operations that now have a known outcome (confirmed or rejected).
    pub resolved: Vec<JournalEntry>,
    /// Operations still open after the pass.
    pub still_open: Vec<JournalEntry>,
}

impl Till {
    /// Every open operation of this mode (in flight or unknown), oldest first.
    pub fn open_operations(&self) -> Result<Vec<JournalEntry>, TillError> {
        journal::open_operations(&self.db(), self.mode())
    }

    async fn open_operations_off_runtime(&self) -> Result<Vec<JournalEntry>, TillError> {
        let mode = self.mode();
        self.in_db(move |db| journal::open_operations(db, mode))
            .await
    }

    /// Leases the oldest due open operation (of `funding_code` only, when given) on a blocking thread.
    async fn claim(
        &self,
        funding_code: Option<&str>,
        ignore_backoff: bool,
    ) -> Result<Option<JournalEntry>, TillError> {
        let (mode, lease_ms) = (self.mode(), self.lease_ms());
        let funding_code = funding_code.map(str::to_owned);
        self.in_db(move |db| {
            let claim = Claim {
                funding_code: funding_code.as_deref(),
                ignore_backoff,
                lease_ms,
            };
            journal::claim(db, mode, &claim)
        })
        .await
    }

    /// One pass: tries each open operation whose back-off is over, once.
    pub async fn resolve_due(&self) -> Result<OutboxReport, TillError> {
        let mode = self.mode();
        self.in_db(move |db| journal::close_abandoned_checks(db, mode))
            .await?;
        let mut report = OutboxReport::default();
        if self.held_for_settings() {
            // Nothing leaves for a provider URL nobody confirmed; the operations stay listed.
            report.still_open = self.open_operations_off_runtime().await?;
            return Ok(report);
        }
        let mut tried = std::collections::HashSet::new();
        loop {
            let Some(entry) = self.claim(None, false).await? else {
                break;
            };
            if !tried.insert(entry.id) {
                // Claimed again within this pass (its back-off was zero): leave it to the next pass.
                break;
            }
            let resolved = self.resolve(entry).await?;
            if resolved.state != OperationState::Unknown {
                report.resolved.push(resolved);
            }
        }
        report.still_open = self.open_operations_off_runtime().await?;
        Ok(report)
    }

    /// Resolves until nothing is open or `within` has passed, sleeping through the back-off.
    pub async fn drain(&self, within: Duration) -> Result<OutboxReport, TillError> {
        let deadline = tokio::time::Instant::now() + within;
        let mut total = OutboxReport::default();
        loop {
            let pass = self.resolve_due().await?;
            total.resolved.extend(pass.resolved);
            total.still_open = pass.still_open;
            if total.still_open.is_empty() || tokio::time::Instant::now() >= deadline {
                return Ok(total);
            }
            let pause = Duration::from_millis(200);
            tokio::time::sleep(pause.min(deadline - tokio::time::Instant::now())).await;
        }
    }

    /// Tries to resolve the open operation on one code now, whatever its back-off (the cashier is
    /// looking at that code). Returns the operation still open on it, if any.
    pub(crate) async fn resolve_code(
        &self,
        funding_code: &FundingCode,
    ) -> Result<Option<JournalEntry>, TillError> {
        if let Some(entry) = self.claim(Some(funding_code.as_str()), true).await? {
            self.resolve(entry).await?;
        }
        Ok(self
            .open_operations_off_runtime()
            .await?
            .into_iter()
            .find(|entry| entry.funding_code == *funding_code))
    }

    /// One attempt at learning the outcome of an open operation.
    async fn resolve(&self, entry: JournalEntry) -> Result<JournalEntry, TillError> {
        let (customer, code) = (entry.customer.clone(), entry.funding_code.clone());
        let answer = match entry.kind {
            OperationKind::PaidAndBilled => self.send_paid_and_billed(&customer, &code).await,
            OperationKind::UndoBilling => match self.api().info(&customer, &code).await {
                Ok(info) if !info.billed_by_ecommerce => Ok(()),
                Ok(_) => match self.send_undo_billing(&customer, &code).await {
                    // Unbilled by the time the retry arrived: the goal holds.
                    Err(ApiError::NotBilledYet { .. }) => Ok(()),
                    other => other,
                },
                Err(error) => Err(error),
            },
            OperationKind::Check => Ok(()),
        };
        let outcome = match answer {
            Ok(()) => Outcome {
                state: OperationState::Confirmed,
                reason: None,
                http_status: Some(200),
                downpayment_amount: None,
                next_attempt_ms: None,
                collect: None,
            },
            Err(error) => self.outcome_of(&error, entry.attempts),
        };
        let resolved = self.finish(entry, outcome).await?;
        tracing::info!(
            id = resolved.id,
            attempts = resolved.attempts,
            "outbox attempt"
        );
        Ok(resolved)
    }

    /// How a failed call leaves the row: rejected with the provider's reason, or unknown with the
    /// time of the next attempt.
    pub(crate) fn outcome_of(&self, error: &ApiError, attempts: u32) -> Outcome {
        let refused = error.is_refusal();
        Outcome {
            state: if refused {
                OperationState::Rejected
            } else {
                OperationState::Unknown
            },
            reason: Some(
                error
                    .provider_message()
                    .unwrap_or_else(|| error.to_string()),
            ),
            http_status: error.status(),
            downpayment_amount: None,
            next_attempt_ms: (!refused)
                .then(|| Timestamp::now().as_millisecond() + backoff_ms(attempts)),
            collect: None,
        }
    }
}

/// Exponential back-off with "equal jitter": half fixed, half random, so retries from many tills
/// spread out instead of arriving together.
pub fn backoff_ms(attempts: u32) -> i64 {
    let exponential = BACKOFF_BASE_MS
        .saturating_mul(1_i64 << attempts.min(16))
        .min(BACKOFF_CAP_MS);
    let half = exponential / 2;
    let random = i64::from(uuid::Uuid::new_v4().as_bytes()[0]) * half / 255;
    half + random
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_bounded_and_jittered() {
        for attempts in 0..40 {
            let wait = backoff_ms(attempts);
            let ceiling = (BACKOFF_BASE_MS << attempts.min(16)).min(BACKOFF_CAP_MS);
            assert!(wait >= ceiling / 2 && wait <= ceiling, "{attempts}: {wait}");
        }
        let samples: std::collections::HashSet<i64> = (0..50).map(|_| backoff_ms(6)).collect();
        assert!(samples.len() > 5, "jitter spreads retries: {samples:?}");
    }
}
