//! The webhook: a POST of the decision to the voucher's `webhook` URL, without authentication (the
//! document defines none), tried again while the answer is not a `2xx` (public docs: "retried for about
//! 45 s"). The first attempt goes at once; the next after `first_retry`, then twice as long each time,
//! as long as the attempt would start inside `window` from the first one. Each attempt waits at most
//! `attempt_timeout` (and never past the window's end) and is handed to `record`.

use std::time::Duration;

use jiff::Timestamp;
use serde_json::Value;
use tokio::time::Instant;

use crate::apagos::voucher::{CallbackAttempt, VoucherStatus};

/// How long the callbacks keep trying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Retries {
    pub(crate) first_retry: Duration,
    pub(crate) window: Duration,
    pub(crate) attempt_timeout: Duration,
}

/// Delivers `body` (announcing `status`) to `webhook`; returns once a `2xx` came back or the window
/// closed.
pub(crate) async fn deliver(
    http: reqwest::Client,
    webhook: String,
    body: Value,
    status: VoucherStatus,
    retries: Retries,
    record: impl Fn(CallbackAttempt),
) {
    let started = Instant::now();
    let mut wait = retries.first_retry.max(Duration::from_millis(1));
    loop {
        let left = retries.window.saturating_sub(started.elapsed());
        let timeout = retries
            .attempt_timeout
            .min(left)
            .max(Duration::from_millis(100));
        let answer = http
            .post(&webhook)
            .json(&body)
            .timeout(timeout)
            .send()
            .await;
        let attempt = CallbackAttempt {
            at: Timestamp::now(),
            status: status.clone(),
            http_status: answer.as_ref().ok().map(|answer| answer.status().as_u16()),
            error: answer.as_ref().err().map(|error| error.to_string()),
        };
        let done = attempt.succeeded();
        tracing::debug!(webhook, http_status = ?attempt.http_status, error = ?attempt.error, "sandbox aPagos callback");
        record(attempt);
        if done || started.elapsed() + wait > retries.window {
            return;
        }
        tokio::time::sleep(wait).await;
        wait = wait.saturating_mul(2);
    }
}
