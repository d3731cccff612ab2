//! A transfer paying a down payment: nothing is billed before aPagos says VALIDATED, then Caja sends
//! `paid-and-billed` by itself, once. The one door is [`Till::pay`] with the transfer tender, which
//! claims this code's validated voucher first ([`Till::claim_transfer`]) and records how the billing
//! ended ([`Till::transfer_billing_ended`]); the automatic billing ([`Till::bill_voucher`]) goes through
//! that same door, so a cashier, a script and the background pass can never bill a transfer twice or
//! bill one that is not validated.
//!
//! What moves a voucher along: Central's relayed callback ([`Till::voucher_event`], which also settles
//! an unknown register when aPagos names our id), and the status reads with back-off
//! ([`Till::follow_vouchers`], slower when Central relays callbacks). A validated amount other than the
//! down payment waits for a supervisor ([`Till::decide_voucher_amount`]).

use jiff::Timestamp;
use providers::apagos::RequestId;
use providers::apurata::downpayment::FundingCode;

use super::model::{AmountDecision, Billing, Voucher, VoucherState};
use super::{sale_rows, store};
use crate::error::{TillError, TransferBlock, VoucherError};
use crate::journal::{JournalEntry, OperationState};
use crate::operations::Till;
use crate::people::{self, Approval};
use crate::tender::{Payment, Tender};

/// Waits between status reads with no Central to call back: 3 s, growing to a minute.
const POLL_STEPS_MS: [i64; 7] = [3_000, 5_000, 8_000, 13_000, 20_000, 30_000, 60_000];
/// With Central relaying aPagos' callback the reads are only a safety net.
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
    /// The validated transfer that pays `code`, claimed for one billing. `None` when the till has no
    /// aPagos (a transfer is then the cashier's word, as before). Refused with the reason otherwise.
    pub(crate) async fn claim_transfer(
        &self,
        code: &FundingCode,
    ) -> Result<Option<Voucher>, TillError> {
        if self.vouchers.is_none() {
            return Ok(None);
        }
        let (mode, text) = (self.mode(), code.as_str().to_owned());
        let newest = self
            .in_db(move |db| sale_rows::newest_for_code(db, mode, &text))
            .await?;
        let Some(voucher_id) = newest else {
            return Err(blocked(None, TransferBlock::NoVoucher));
        };
        let voucher = self.voucher(&voucher_id).await?;
        let id = Some(voucher_id);
        if !voucher.is_validated() {
            let seen = match voucher.state {
                VoucherState::Pending => voucher.last_status().to_string(),
                state => state.as_str().to_owned(),
            };
            return Err(blocked(id, TransferBlock::NotValidated(seen)));
        }
        match (voucher.billing, voucher.amount_decision) {
            (Some(Billing::Billed), _) => return Err(blocked(id, TransferBlock::AlreadyBilled)),
            (Some(_), _) => return Err(blocked(id, TransferBlock::InProgress)),
            (_, Some(AmountDecision::Rejected)) => {
                return Err(blocked(id, TransferBlock::Rejected));
            }
            _ if voucher.needs_decision() => return Err(blocked(id, TransferBlock::NeedsDecision)),
            _ => {}
        }
        let row = voucher.row;
        if !self
            .in_db(move |db| sale_rows::claim_billing(db, row))
            .await?
        {
            return Err(blocked(id, TransferBlock::InProgress));
        }
        Ok(Some(voucher))
    }

    /// Records how the billing a claim started ended: billed with its journal row, refused (a person
    /// looks), still open (the journal's outbox resolves it; [`Till::follow_vouchers`] reads it back),
    /// or never sent (given back, to be billed again).
    pub(crate) async fn transfer_billing_ended(
        &self,
        voucher: &Voucher,
        result: &Result<JournalEntry, TillError>,
    ) -> Result<(), TillError> {
        let problem = result.as_ref().err().map(|error| error.code().to_owned());
        let found = match result {
            Ok(entry) => Some((entry.id, entry.state)),
            Err(_) => self.billing_row(voucher).await?,
        };
        self.record_billing(voucher.row, found, problem).await
    }

    /// Saves what a billing came to, from its journal row (`None`: nothing reached aCuotaz).
    async fn record_billing(
        &self,
        row: i64,
        found: Option<(i64, OperationState)>,
        problem: Option<String>,
    ) -> Result<(), TillError> {
        let (billing, entry) = match found {
            Some((id, OperationState::Confirmed)) => (Some(Billing::Billed), Some(id)),
            Some((id, OperationState::Rejected)) => (Some(Billing::Failed), Some(id)),
            Some((id, _)) => (Some(Billing::Sending), Some(id)),
            None => (None, None),
        };
        let problem = if billing == Some(Billing::Billed) {
            None
        } else {
            problem
        };
        self.in_db(move |db| sale_rows::finish_billing(db, row, billing, entry, problem.as_deref()))
            .await
    }

    async fn billing_row(
        &self,
        voucher: &Voucher,
    ) -> Result<Option<(i64, OperationState)>, TillError> {
        let Some(sale) = &voucher.sale else {
            return Ok(None);
        };
        let (mode, row, code) = (
            self.mode(),
            voucher.row,
            sale.funding_code.as_str().to_owned(),
        );
        self.in_db(move |db| {
            let (after, _) = sale_rows::billing_claim(db, row)?;
            sale_rows::billing_entry(db, mode, &code, after)
        })
        .await
    }

    /// Sends the `paid-and-billed` of a validated transfer not billed yet (decided where needed),
    /// through [`Till::pay`]. A voucher with nothing to bill comes back as it is.
    pub async fn bill_voucher(&self, voucher_id: &str) -> Result<Voucher, TillError> {
        self.ensure_offered(crate::offers::Provider::Apagos)?;
        let voucher = self.voucher(voucher_id).await?;
        if let (true, None, Some(sale)) = (voucher.is_billable(), voucher.billing, &voucher.sale) {
            let payment = Payment::plain(Tender::Transfer);
            match self.pay(&sale.customer, &sale.funding_code, payment).await {
                Ok(entry) => tracing::info!(voucher_id, entry = entry.id, "transfer billed"),
                Err(error) => {
                    tracing::info!(voucher_id, code = error.code(), "transfer not billed yet");
                }
            }
        }
        self.voucher(voucher_id).await
    }

    /// A supervisor decides on a transfer aPagos validated for another amount than the down payment:
    /// accepted, it is billed now; rejected, the cashier takes another tender.
    pub async fn decide_voucher_amount(
        &self,
        voucher_id: &str,
        decision: AmountDecision,
        approval: Approval,
    ) -> Result<Voucher, TillError> {
        self.ensure_offered(crate::offers::Provider::Apagos)?;
        let reason = people::check_reason(&approval.reason)?;
        let voucher = self.voucher(voucher_id).await?;
        if !voucher.needs_decision() {
            return Err(VoucherError::NoDecisionPending {
                voucher_id: voucher_id.to_owned(),
            }
            .into());
        }
        let approved = self.on_staff(move |staff| staff.approve(&approval)).await?;
        let (row, who) = (voucher.row, approved.supervisor.name);
        self.in_db(move |db| sale_rows::record_decision(db, row, decision, &who, &reason))
            .await?;
        self.bill_voucher(voucher_id).await
    }

    /// aPagos called back about `voucher_id` (relayed by Central): never believed, always read again.
    /// An unknown register that aPagos holds under our id (checked through `info`) is settled by it.
    pub async fn voucher_event(
        &self,
        voucher_id: &str,
        request_id: Option<RequestId>,
    ) -> Result<Voucher, TillError> {
        let link = self.vouchers_link()?.clone();
        let voucher = self.voucher(voucher_id).await?;
        if let (VoucherState::Unknown | VoucherState::Sending, Some(id)) =
            (voucher.state, request_id)
        {
            let info = link
                .api
                .info(&id)
                .await
                .map_err(|cause| super::call_error("info", cause))?;
            if info.order_id != voucher.voucher_id {
                return Err(VoucherError::NotOurs {
                    voucher_id: voucher_id.to_owned(),
                    request_id: id.to_string(),
                    order_id: info.order_id,
                }
                .into());
            }
            let outcome = store::RegisterOutcome {
                state: VoucherState::Pending,
                request_id: Some(id),
                refusal: None,
                http_status: None,
            };
            let (row, from) = (voucher.row, voucher.state);
            self.in_db(move |db| {
                store::finish_register(db, row, from, &outcome, None)?;
                store::record_info(db, row, &info)
            })
            .await?;
            tracing::info!(voucher_id, "aPagos' callback settled an unknown register");
        } else if voucher.state == VoucherState::Pending {
            self.refresh_voucher(voucher_id).await?;
        }
        self.bill_voucher(voucher_id).await
    }

    /// One pass: billings left open read back from the journal, the statuses due read (with back-off),
    /// the validated transfers billed. Failures are logged and retried on a later pass.
    pub async fn follow_vouchers(&self) -> Result<(), TillError> {
        if self.vouchers.is_none() || self.held_for_settings() {
            return Ok(());
        }
        let mode = self.mode();
        let unsettled = self
            .in_db(move |db| sale_rows::unsettled_billings(db, mode))
            .await?;
        for voucher_id in &unsettled {
            self.settle_open_billing(voucher_id).await?;
        }
        let now_ms = Timestamp::now().as_millisecond();
        let (due, central) = self
            .in_db(move |db| {
                let central = crate::central::link(db)?.is_some();
                Ok::<_, TillError>((sale_rows::due_polls(db, mode, now_ms)?, central))
            })
            .await?;
        for (voucher_id, polls) in due {
            if let Err(error) = self.refresh_voucher(&voucher_id).await {
                tracing::info!(voucher_id, code = error.code(), "voucher status not read");
            }
            let next = now_ms + poll_delay_ms(polls, central);
            let id = voucher_id.clone();
            self.in_db(move |db| sale_rows::record_poll(db, mode, &id, next))
                .await?;
            self.bill_voucher(&voucher_id).await?;
        }
        Ok(())
    }

    /// A billing claimed longer than the lease ago: what the journal says of it now, or (nothing sent)
    /// given back to be billed; a validated transfer not claimed yet is billed.
    async fn settle_open_billing(&self, voucher_id: &str) -> Result<(), TillError> {
        let voucher = self.voucher(voucher_id).await?;
        if voucher.billing == Some(Billing::Sending) {
            let row = voucher.row;
            let (_, claimed_ms) = self
                .in_db(move |db| sale_rows::billing_claim(db, row))
                .await?;
            if claimed_ms + self.lease_ms() > Timestamp::now().as_millisecond() {
                return Ok(());
            }
            let found = self.billing_row(&voucher).await?;
            if matches!(
                found,
                Some((_, OperationState::Pending | OperationState::Unknown))
            ) {
                return Ok(());
            }
            // Claimed, then nothing journaled: the till stopped before sending; billed again below.
            let problem = found.is_none().then(|| "interrupted".to_owned());
            self.record_billing(row, found, problem).await?;
        }
        self.bill_voucher(voucher_id).await.map(drop)
    }
}

fn blocked(voucher_id: Option<String>, why: TransferBlock) -> TillError {
    VoucherError::TransferNotUsable { voucher_id, why }.into()
}
