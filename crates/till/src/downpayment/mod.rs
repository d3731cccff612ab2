//! The aCuotaz in-store down payment API as the till uses it: check a financing (`info`), mark the down
//! payment paid and billed, undo the billing, and the day summary (fresh, or the cached copy). Each call
//! goes through the till's journaled path ([`Till::begin`], [`Till::conclude`], [`Till::fail`]); how a
//! billing answer is believed is [`billing`]'s. Only a till whose country offers aCuotaz calls it.

pub(crate) mod billing;

use jiff::Timestamp;
use jiff::civil::Date;
use providers::Soles;
use providers::apurata::downpayment::{DownpaymentStatus, FundingInfo};
use serde::Serialize;

use crate::error::TillError;
use crate::identity;
use crate::journal::{self, JournalEntry, OperationKind, OperationState, Outcome};
use crate::offers::Provider;
use crate::operations::{Record, Till};
use crate::people::Approval;
use crate::summary::{self, DaySummary};
use crate::tender::{Payment, Tender};
use crate::{CustomerId, FundingCode};

/// The answer of a check, as the cashier needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub info: FundingInfo,
    /// What the cashier collects now: the down payment while it is pending, nothing once it is paid.
    pub amount_to_collect: Soles,
    /// True once the provider says the down payment is paid and the code billed: the product may go.
    pub handover_allowed: bool,
    /// A pay or undo on this code whose outcome is still being resolved: while there is one, the
    /// product is not handed over whatever the provider says.
    pub open_operation: Option<JournalEntry>,
    pub entry: JournalEntry,
}

impl Till {
    /// `info`: validates a financing and says what to collect. Journaled as a check. An open pay or
    /// undo on the code is tried first, and while one stays open the product may not be handed over.
    pub async fn check(
        &self,
        customer: &CustomerId,
        funding_code: &FundingCode,
    ) -> Result<CheckResult, TillError> {
        self.ensure_offered(Provider::Acuotaz)?;
        self.ensure_settings_confirmed()?;
        let operator = self.require_operator().await?;
        let open_operation = self.resolve_code(funding_code).await?;
        let record = Record {
            operator,
            ..Record::default()
        };
        let entry = self
            .begin(OperationKind::Check, customer, funding_code, record)
            .await?;
        match self.api().info(customer, funding_code).await {
            Ok(info) => {
                let amount_to_collect = match info.downpayment_status {
                    DownpaymentStatus::Pending => info.downpayment_amount,
                    DownpaymentStatus::Fulfilled => Soles::ZERO,
                };
                let handover_allowed = info.downpayment_status == DownpaymentStatus::Fulfilled
                    && info.billed_by_ecommerce
                    && open_operation.is_none();
                let entry = self
                    .finish(
                        entry,
                        Outcome {
                            state: OperationState::Confirmed,
                            reason: None,
                            http_status: Some(200),
                            downpayment_amount: Some(info.downpayment_amount),
                            next_attempt_ms: None,
                            collect: Some(amount_to_collect),
                        },
                    )
                    .await?;
                Ok(CheckResult {
                    info,
                    amount_to_collect,
                    handover_allowed,
                    open_operation,
                    entry,
                })
            }
            Err(error) => Err(self.fail(entry, error).await?),
        }
    }

    /// `paid-and-billed`: the down payment is in the till and the sale is billed, paid as `payment` says
    /// (checked against the amount the last check said to collect). Only an `Ok` means the product may
    /// be handed over, and only the provider's own answer or record gives one (see [`billing`]). Needs an
    /// open shift. Refused with `OperationOpen` while an earlier pay or undo on the code is still
    /// unresolved (it is tried first).
    pub async fn pay(
        &self,
        customer: &CustomerId,
        funding_code: &FundingCode,
        payment: Payment,
    ) -> Result<JournalEntry, TillError> {
        self.ensure_offered(Provider::Acuotaz)?;
        self.ensure_settings_confirmed()?;
        let operator = self.require_operator().await?;
        self.resolve_code(funding_code).await?;
        let (amount, collect) = self.last_known_downpayment(funding_code).await?;
        // Never checked here (a script paying straight away): the down payment, when known, is what is
        // collected; when not even that is known the closing names the payment's amount as unknown.
        let collect = collect.or(amount);
        let payment = payment.checked(collect)?;
        // With aPagos set up, a transfer pays only once aPagos validated it: claimed here, for this
        // billing alone (see `vouchers::sale`).
        let transfer = match payment.tender {
            Tender::Transfer => self.claim_transfer(funding_code).await?,
            _ => None,
        };
        let record = Record {
            downpayment_amount: amount,
            operator,
            payment: Some(payment),
            collect,
            ..Record::default()
        };
        let begun = self
            .begin(OperationKind::PaidAndBilled, customer, funding_code, record)
            .await;
        let concluded = match begun {
            Ok(entry) => {
                let result = self.send_paid_and_billed(customer, funding_code).await;
                self.conclude(entry, result).await
            }
            Err(error) => Err(error),
        };
        if let Some(voucher) = &transfer {
            self.transfer_billing_ended(voucher, &concluded).await?;
        }
        concluded
    }

    /// `undo-billing`: the code becomes billable again; the down payment stays paid. Only with a DNI or a
    /// RUC 10, refused locally otherwise. Needs a supervisor's approval (PIN and reason) wherever the
    /// till has people or runs live; the journal keeps who asked and who approved.
    pub async fn undo(
        &self,
        customer: &CustomerId,
        funding_code: &FundingCode,
        approval: Option<&Approval>,
    ) -> Result<JournalEntry, TillError> {
        self.ensure_offered(Provider::Acuotaz)?;
        identity::ensure_undo_supported(customer)?;
        self.ensure_settings_confirmed()?;
        let operator = self.require_operator().await?;
        let (mode, approval) = (self.mode(), approval.cloned());
        // argon2 on the supervisor's PIN: slow on purpose.
        let approved = self
            .on_staff(move |staff| staff.approval_for(mode, approval.as_ref(), "undo_billing"))
            .await?;
        self.resolve_code(funding_code).await?;
        let (amount, _) = self.last_known_downpayment(funding_code).await?;
        let record = Record {
            downpayment_amount: amount,
            operator,
            approval: approved,
            ..Record::default()
        };
        let entry = self
            .begin(OperationKind::UndoBilling, customer, funding_code, record)
            .await?;
        let result = self.send_undo_billing(customer, funding_code).await;
        self.conclude(entry, result).await
    }

    /// The day summary with detail, fresh from the provider and cached; when the provider cannot be
    /// reached, the cached copy marked `from_cache` with its time.
    pub async fn day_summary(&self, day: Date) -> Result<DaySummary, TillError> {
        self.ensure_offered(Provider::Acuotaz)?;
        self.ensure_settings_confirmed()?;
        match self.api().day_summary_detail(day).await {
            Ok(detail) => {
                let fresh = DaySummary {
                    day,
                    mode: self.mode(),
                    totals: detail.totals,
                    orders: detail.order_detail,
                    fetched_at: Timestamp::now(),
                    from_cache: false,
                };
                self.in_db(move |db| summary::store(db, &fresh).map(|()| fresh))
                    .await
            }
            Err(error) if error.is_refusal() => Err(TillError::Refused {
                operation: None,
                cause: error,
            }),
            Err(error) => {
                tracing::info!(%day, %error, "day summary unavailable, trying the cached copy");
                let mode = self.mode();
                match self.in_db(move |db| summary::load(db, mode, day)).await? {
                    Some(cached) => Ok(cached),
                    None => Err(TillError::Unavailable { day, cause: error }),
                }
            }
        }
    }

    /// What the newest check of `funding_code` said to collect (the down payment when that check
    /// predates tenders); `None` when the code was never checked here.
    pub async fn amount_to_collect(
        &self,
        funding_code: &FundingCode,
    ) -> Result<Option<Soles>, TillError> {
        let (amount, collect) = self.last_known_downpayment(funding_code).await?;
        Ok(collect.or(amount))
    }

    async fn last_known_downpayment(
        &self,
        funding_code: &FundingCode,
    ) -> Result<(Option<Soles>, Option<Soles>), TillError> {
        let (mode, code) = (self.mode(), funding_code.to_string());
        self.in_db(move |db| journal::last_known_downpayment(db, mode, &code))
            .await
    }
}
