//! The two calls that move a sale at the provider, `paid-and-billed` and `undo-billing`, sent so that
//! nothing but the provider's own answer settles them.
//!
//! A `200` whose body is not the provider's (a captive portal's sign-in page, a proxy's plain text, JSON
//! cut short) proves nothing: whatever sits between the till and aCuotaz may have answered it. The
//! provider client reports it as [`ApiError::UnverifiedAnswer`], and before anyone is told anything the
//! till asks `info`, whose `billed_by_ecommerce` is the provider's own record:
//!
//! - the goal holds (billed after a payment, unbilled after an undo): confirmed;
//! - it does not: the operation never reached the provider, so it is sent once more (a payment is
//!   idempotent at the provider, and an undo of a still-billed code is exactly what was asked), and its
//!   answer is believed on the same terms, with `info` asked once more if it is again not the
//!   provider's;
//! - `info` cannot be read either: the outcome stays unknown, amber, no hand-over, and the outbox
//!   carries on from there.

use providers::apurata::downpayment::{CustomerId, FundingCode};
use providers::http::ApiError;

use crate::operations::Till;

/// What a billing call is meant to leave at the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Goal {
    Billed,
    Unbilled,
}

impl Till {
    /// `paid-and-billed`, confirmed only by the provider's answer or by its own record.
    pub(crate) async fn send_paid_and_billed(
        &self,
        customer: &CustomerId,
        funding_code: &FundingCode,
    ) -> Result<(), ApiError> {
        self.settle(Goal::Billed, customer, funding_code).await
    }

    /// `undo-billing`, confirmed only by the provider's answer or by its own record.
    pub(crate) async fn send_undo_billing(
        &self,
        customer: &CustomerId,
        funding_code: &FundingCode,
    ) -> Result<(), ApiError> {
        self.settle(Goal::Unbilled, customer, funding_code).await
    }

    async fn settle(
        &self,
        goal: Goal,
        customer: &CustomerId,
        funding_code: &FundingCode,
    ) -> Result<(), ApiError> {
        let unverified = match self.send_once(goal, customer, funding_code).await {
            Err(unverified @ ApiError::UnverifiedAnswer { .. }) => unverified,
            settled => return settled,
        };
        tracing::warn!(
            funding_code = funding_code.as_str(),
            error = %unverified,
            "a success status that is not the provider's answer: asking info"
        );
        match self.goal_reached(goal, customer, funding_code).await {
            Some(true) => return Ok(()),
            Some(false) => {}
            None => return Err(unverified),
        }
        match self.send_once(goal, customer, funding_code).await {
            Err(ApiError::UnverifiedAnswer { .. }) => {
                match self.goal_reached(goal, customer, funding_code).await {
                    Some(true) => Ok(()),
                    Some(false) | None => Err(unverified),
                }
            }
            // The undo's goal already holds: the provider says there is no billing to undo.
            Err(ApiError::NotBilledYet { .. }) if goal == Goal::Unbilled => Ok(()),
            settled => settled,
        }
    }

    async fn send_once(
        &self,
        goal: Goal,
        customer: &CustomerId,
        funding_code: &FundingCode,
    ) -> Result<(), ApiError> {
        match goal {
            Goal::Billed => self.api().paid_and_billed(customer, funding_code).await,
            Goal::Unbilled => self.api().undo_billing(customer, funding_code).await,
        }
    }

    /// What the provider's record says of the goal; `None` when it cannot be read.
    async fn goal_reached(
        &self,
        goal: Goal,
        customer: &CustomerId,
        funding_code: &FundingCode,
    ) -> Option<bool> {
        match self.api().info(customer, funding_code).await {
            Ok(info) => Some(match goal {
                Goal::Billed => info.billed_by_ecommerce,
                Goal::Unbilled => !info.billed_by_ecommerce,
            }),
            Err(error) => {
                tracing::warn!(
                    funding_code = funding_code.as_str(),
                    %error,
                    "info could not settle an unverified answer"
                );
                None
            }
        }
    }
}
