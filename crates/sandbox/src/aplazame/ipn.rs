//! The IPNs: every change of a checkout is POSTed as the status object (JSON, no authentication: the
//! document defines none) to its `merchant.ipn_url`, one change after the other in the order they
//! happened. The first attempt goes at once; the next after `ipn_first_retry_ms`, then twice as long
//! each time, as long as the attempt would start inside `ipn_window_ms` from the first; each waits at
//! most `ipn_attempt_timeout_ms` for the answer. Every attempt is kept on the checkout.
//!
//! - Any change but `confirmation_required` is delivered once a `2xx` comes back.
//! - `pending`/`confirmation_required` asks the store to decide, in its answer: `200` with
//!   `{"status": "ok"}` makes the checkout `ok`, `200` with `{"status": "ko"}` makes it
//!   `ko`/`confirmation_rejected_by_merchant`; any other answer, or none, is asked again, and when the
//!   window closes without a decision the checkout is `ko`/`merchant_failed_to_confirm`. The decision
//!   is a change, so it is sent as an IPN too.
//! - A checkout without `merchant.ipn_url` sends nothing, and one that needs the store's confirmation
//!   fails it at once: there is no one to ask.

use std::time::Duration;

use jiff::Timestamp;
use serde_json::Value;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::Instant;

use crate::aplazame::checkout::{IpnAttempt, Stage};
use crate::aplazame::state::{AplazameState, Settlement};

/// One change to announce: the checkout's version after it, its stage and status object.
#[derive(Debug)]
pub(crate) struct Job {
    pub(crate) version: u64,
    pub(crate) stage: Stage,
    pub(crate) body: Value,
}

/// Works `id`'s queue until the state is gone.
pub(crate) async fn work(state: AplazameState, id: String, mut jobs: UnboundedReceiver<Job>) {
    while let Some(job) = jobs.recv().await {
        let Some(url) = state.ipn_url(&id) else {
            if job.stage == Stage::ConfirmationRequired {
                state.settle(&id, job.version, Settlement::NoAnswer);
            }
            continue;
        };
        deliver(&state, &id, &url, job).await;
    }
}

/// What an answer said, for a confirmation.
fn decision(http_status: Option<u16>, body: &str) -> Option<Settlement> {
    if http_status != Some(200) {
        return None;
    }
    let answer: Value = serde_json::from_str(body).ok()?;
    match answer.get("status").and_then(Value::as_str) {
        Some("ok") => Some(Settlement::Confirmed),
        Some("ko") => Some(Settlement::Rejected),
        _ => None,
    }
}

async fn deliver(state: &AplazameState, id: &str, url: &str, job: Job) {
    let timing = state.timing();
    let window = Duration::from_millis(timing.ipn_window_ms);
    let asks = job.stage == Stage::ConfirmationRequired;
    let started = Instant::now();
    let mut wait = Duration::from_millis(timing.ipn_first_retry_ms).max(Duration::from_millis(1));
    loop {
        if asks && !state.still_at(id, job.version) {
            return;
        }
        let timeout = Duration::from_millis(timing.ipn_attempt_timeout_ms)
            .min(window.saturating_sub(started.elapsed()))
            .max(Duration::from_millis(100));
        let sent = state
            .http
            .post(url)
            .json(&job.body)
            .timeout(timeout)
            .send()
            .await;
        let (http_status, body, error) = match sent {
            Ok(answer) => {
                let status = answer.status().as_u16();
                (Some(status), answer.text().await.unwrap_or_default(), None)
            }
            Err(error) => (None, String::new(), Some(error.to_string())),
        };
        let decided = decision(http_status, &body);
        state.record(
            id,
            IpnAttempt {
                at: Timestamp::now(),
                status: job.stage,
                http_status,
                error,
                decision: decided.map(|settled| {
                    let word = if settled == Settlement::Confirmed {
                        "ok"
                    } else {
                        "ko"
                    };
                    word.to_owned()
                }),
            },
        );
        tracing::debug!(
            id,
            url,
            ?http_status,
            stage = job.stage.label(),
            "sandbox Aplazame IPN"
        );
        if asks {
            if let Some(settlement) = decided {
                state.settle(id, job.version, settlement);
                return;
            }
        } else if http_status.is_some_and(|code| (200..300).contains(&code)) {
            return;
        }
        if started.elapsed() + wait > window {
            if asks {
                state.settle(id, job.version, Settlement::NoAnswer);
            }
            return;
        }
        tokio::time::sleep(wait).await;
        wait = wait.saturating_mul(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_200_with_ok_or_ko_is_a_decision() {
        assert_eq!(
            decision(Some(200), r#"{"status": "ok"}"#),
            Some(Settlement::Confirmed)
        );
        assert_eq!(
            decision(Some(200), r#"{"status": "ko"}"#),
            Some(Settlement::Rejected)
        );
        for (status, body) in [
            (Some(200), "{}"),
            (Some(200), r#"{"status": "OK"}"#),
            (Some(200), "ok"),
            (Some(201), r#"{"status": "ok"}"#),
            (Some(500), r#"{"status": "ok"}"#),
            (None, ""),
        ] {
            assert_eq!(decision(status, body), None, "{status:?} {body}");
        }
    }
}
