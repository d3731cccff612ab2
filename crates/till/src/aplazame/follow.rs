//! What moves a checkout along once created: Aplazame's IPN relayed by Central
//! ([`Till::aplazame_event`]: never believed, always read back at Aplazame, and it settles an unknown
//! create that Aplazame holds under our `mid`), the status reads with back-off
//! ([`Till::follow_checkouts`], slower when Central relays IPNs), and the store's decision on a
//! financing Aplazame accepted (`pending`/`confirmation_required`): the cashier's
//! ([`Till::confirm_checkout`], [`Till::reject_checkout`]) or the rule "auto-confirm when total and
//! currency match". A decision is kept on the row until desk forwards it to Central, which answers
//! Aplazame's IPN with it ([`Till::pending_decisions`], [`Till::decision_forwarded`]).

use jiff::Timestamp;
use providers::aplazame::{CheckoutId, CheckoutStatus};

use super::model::{AUTO_CONFIRM, Checkout, CreateState, Decision, PendingDecision};
use super::store::{self, CreateOutcome};
use super::{differences, ours};
use crate::error::{AplazameError, TillError};
use crate::operations::Till;

/// Waits between status reads with no Central to relay IPNs: 3 s, growing to a minute.
const POLL_STEPS_MS: [i64; 7] = [3_000, 5_000, 8_000, 13_000, 20_000, 30_000, 60_000];
/// With Central relaying Aplazame's IPNs the reads are only a safety net.
const POLL_STEPS_WITH_CENTRAL_MS: [i64; 3] = [30_000, 60_000, 120_000];

fn poll_delay_ms(polls: u32, central: bool) -> i64 {
    let steps: &[i64] = if central {
        &POLL_STEPS_WITH_CENTRAL_MS
    } else {
        &POLL_STEPS_MS
    };
    let step = usize::try_from(polls).unwrap_or(usize::MAX);
    steps[step.min(steps.len() - 1)]
}

impl Till {
    /// Aplazame sent an IPN (relayed by Central): its body names the checkout and our `mid`. Nothing in
    /// it is believed: the status is read back at Aplazame. A create still unknown (or stalled
    /// `sending`) becomes `created` when Aplazame holds that checkout under our `mid`.
    pub async fn aplazame_event(&self, ipn: &CheckoutStatus) -> Result<Checkout, TillError> {
        let link = self.aplazame_link()?.clone();
        let checkout = self.checkout(&ipn.mid).await?;
        let id = CheckoutId::parse(&ipn.id).ok_or_else(|| AplazameError::NotOurs {
            order_id: checkout.order_id.clone(),
            checkout_id: ipn.id.clone(),
            mid: ipn.mid.clone(),
        })?;
        if self.is_unsettled(&checkout) {
            let status = ours(&link, &checkout, &id).await?;
            let mismatch = differences(&checkout, &status);
            let outcome = CreateOutcome {
                state: CreateState::Created,
                checkout_id: Some(id),
                refusal: None,
                http_status: None,
            };
            let (row, from) = (checkout.row, checkout.state);
            self.in_db(move |db| {
                store::finish_create(db, row, from, &outcome, None)?;
                store::record_status(db, row, &status, &mismatch)
            })
            .await?;
            tracing::info!(
                order_id = ipn.mid,
                "an IPN settled an unknown Aplazame create"
            );
            return self.auto_confirm(&ipn.mid).await;
        }
        if checkout.state != CreateState::Created {
            // Still being sent (its answer on its way), or ended with nothing at Aplazame: Central
            // keeps the IPN and relays it again.
            return Err(AplazameError::NotCreated {
                order_id: checkout.order_id,
                state: checkout.state.as_str().to_owned(),
            }
            .into());
        }
        if checkout.checkout_id.as_ref() != Some(&id) {
            return Err(AplazameError::NotOurs {
                order_id: checkout.order_id,
                checkout_id: ipn.id.clone(),
                mid: ipn.mid.clone(),
            }
            .into());
        }
        self.refresh_checkout(&ipn.mid).await
    }

    /// One pass: the statuses due are read (with back-off) and the auto-confirm rule applied. Failures
    /// are logged and retried on a later pass. An unknown create is never sent again here.
    pub async fn follow_checkouts(&self) -> Result<(), TillError> {
        if self.aplazame.is_none() || self.held_for_settings() {
            return Ok(());
        }
        let mode = self.mode();
        let now_ms = Timestamp::now().as_millisecond();
        let (due, central) = self
            .in_db(move |db| {
                let central = crate::central::link(db)?.is_some();
                Ok::<_, TillError>((store::due_polls(db, mode, now_ms)?, central))
            })
            .await?;
        for (order_id, polls) in due {
            if let Err(error) = self.refresh_checkout(&order_id).await {
                tracing::info!(order_id, code = error.code(), "Aplazame status not read");
            }
            let next = now_ms + poll_delay_ms(polls, central);
            self.in_db(move |db| store::record_poll(db, mode, &order_id, next))
                .await?;
        }
        Ok(())
    }

    /// The cashier confirms a checkout Aplazame accepted: recorded for Central to answer with.
    pub async fn confirm_checkout(&self, order_id: &str) -> Result<Checkout, TillError> {
        self.decide(order_id, Decision::Ok, None).await
    }

    /// The cashier rejects a checkout Aplazame accepted, saying why.
    pub async fn reject_checkout(
        &self,
        order_id: &str,
        reason: &str,
    ) -> Result<Checkout, TillError> {
        let reason = crate::people::check_reason(reason)?;
        self.decide(order_id, Decision::Ko, Some(reason)).await
    }

    async fn decide(
        &self,
        order_id: &str,
        decision: Decision,
        reason: Option<String>,
    ) -> Result<Checkout, TillError> {
        self.ensure_settings_confirmed()?;
        self.aplazame_link()?;
        let operator = self.require_operator().await?.map(|person| person.name);
        let checkout = self.checkout(order_id).await?;
        decidable(&checkout)?;
        // Only a checkout whose answers all matched may be confirmed; rejecting one is always allowed.
        if decision == Decision::Ok && !checkout.mismatch.is_empty() {
            return Err(AplazameError::Mismatch {
                order_id: order_id.to_owned(),
                fields: checkout.mismatch,
            }
            .into());
        }
        let row = checkout.row;
        let recorded = self
            .in_db(move |db| {
                store::record_decision(db, row, decision, operator.as_deref(), reason.as_deref())
            })
            .await?;
        let checkout = self.checkout(order_id).await?;
        if !recorded {
            return Err(already(&checkout));
        }
        Ok(checkout)
    }

    /// The rule "auto-confirm when total and currency match": a checkout awaiting the store's
    /// confirmation, every answer matching what was sent, no decision yet.
    pub(super) async fn auto_confirm(&self, order_id: &str) -> Result<Checkout, TillError> {
        let checkout = self.checkout(order_id).await?;
        let rule = self
            .aplazame
            .as_ref()
            .is_some_and(|link| link.setup.auto_confirm);
        if rule
            && checkout.awaits_confirmation()
            && checkout.mismatch.is_empty()
            && checkout.decision.is_none()
        {
            let row = checkout.row;
            self.in_db(move |db| {
                store::record_decision(db, row, Decision::Ok, Some(AUTO_CONFIRM), None)
            })
            .await?;
            tracing::info!(order_id, "Aplazame checkout confirmed by the rule");
            return self.checkout(order_id).await;
        }
        Ok(checkout)
    }

    /// The store's decisions not yet forwarded to Central, oldest first.
    pub async fn pending_decisions(&self) -> Result<Vec<PendingDecision>, TillError> {
        let mode = self.mode();
        self.in_db(move |db| store::pending_decisions(db, mode))
            .await
    }

    /// Central took the decision on `order_id` (and answers Aplazame's IPN with it). False when there
    /// was none to forward.
    pub async fn decision_forwarded(&self, order_id: &str) -> Result<bool, TillError> {
        let (mode, id) = (self.mode(), order_id.to_owned());
        self.in_db(move |db| store::decision_forwarded(db, mode, &id))
            .await
    }
}

/// A decision applies to a checkout `pending`/`confirmation_required` with none recorded yet.
fn decidable(checkout: &Checkout) -> Result<(), TillError> {
    if checkout.decision.is_some() {
        return Err(already(checkout));
    }
    if !checkout.awaits_confirmation() {
        return Err(AplazameError::NoDecisionPending {
            order_id: checkout.order_id.clone(),
            status: checkout
                .status
                .clone()
                .unwrap_or_else(|| checkout.state.as_str().to_owned()),
            reason: checkout.status_reason.clone().unwrap_or_default(),
        }
        .into());
    }
    Ok(())
}

fn already(checkout: &Checkout) -> TillError {
    AplazameError::AlreadyDecided {
        order_id: checkout.order_id.clone(),
        decision: checkout
            .decision
            .map_or_else(String::new, |decision| decision.as_str().to_owned()),
    }
    .into()
}
