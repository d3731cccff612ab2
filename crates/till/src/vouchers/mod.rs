//! Bank-transfer vouchers with aPagos, as the till runs them (first slice): check what the cashier
//! typed, journal the voucher and its exact register body in one durable transaction before it leaves,
//! send it, and record the outcome — `pending` with aPagos' `request_id`, `refused` with aPagos' plain
//! text, or `unknown` when the answer was lost. Then read it (`info`: the status and the validated values,
//! kept beside the typed ones, a different amount flagged) and cancel it with the status last seen.
//!
//! An `unknown` register is never sent again by Caja: aPagos has no look-up by `order_id` and a second
//! register is a second voucher. A supervisor resolves it ([`Till::resolve_voucher_unknown`]) with the
//! `request_id` from the callback or aPagos' dashboard (checked: aPagos must hold it under this voucher's
//! id), or marks it `abandoned`.
//!
//! A voucher registered for a down payment ([`VoucherSale`]) is billed by Caja itself once aPagos says
//! VALIDATED, and never before: [`sale`] owns that, the callback relayed by Central and the status
//! reads. The shift and the Z count [`Voucher::counted_amount`] (the validated amount).

mod model;
mod sale;
mod sale_rows;
mod store;
mod typed;

pub use crate::voucher_setup::VoucherSetup;
pub use model::{
    AmountDecision, Billing, NewTransferVoucher, Validated, Voucher, VoucherSale, VoucherState,
};

use providers::apagos::{CancelOutcome, NewVoucher, RequestId, VoucherStatus};
use providers::http::ApiError;

use crate::error::{InputProblem, TillError, UrlProblem, VoucherError};
use crate::operations::Till;
use crate::people::{self, Approval};
use crate::voucher_setup::VouchersLink;
use store::{NewVoucherRow, RegisterOutcome};
use typed::checked;

impl Till {
    /// Sets up bank-transfer vouchers (aPagos) with the store's settings.
    pub fn with_vouchers(mut self, setup: VoucherSetup) -> Result<Till, TillError> {
        let http = self.http_settings();
        let api = providers::apagos::ApagosApi::new(&setup.apagos_root, setup.token.clone(), http)
            .map_err(|_| {
                TillError::invalid(
                    "apagos_url",
                    &setup.apagos_root.to_string(),
                    InputProblem::ApiUrl(UrlProblem::Scheme),
                )
            })?;
        self.vouchers = Some(VouchersLink { api, setup });
        Ok(self)
    }

    fn vouchers_link(&self) -> Result<&VouchersLink, TillError> {
        // Every call to the provider asks for its link: refused first where the country does not offer it.
        self.ensure_offered(crate::offers::Provider::Apagos)?;
        self.vouchers
            .as_ref()
            .ok_or_else(|| VoucherError::NotConfigured.into())
    }

    /// The store's voucher settings in force (its bank accounts), or why transfers are not set up.
    pub fn voucher_setup(&self) -> Result<VoucherSetup, TillError> {
        Ok(self.vouchers_link()?.setup.clone())
    }

    /// Registers a customer's transfer: checked, journaled with its exact body, sent once.
    pub async fn register_voucher(&self, new: NewTransferVoucher) -> Result<Voucher, TillError> {
        self.ensure_settings_confirmed()?;
        let link = self.vouchers_link()?.clone();
        let operator = self.require_operator().await?.map(|person| person.name);
        let typed = checked(&link, new)?;
        let mode = self.mode();
        let setup = link.setup.clone();
        let voucher_id = self
            .in_db(move |db| {
                let row = NewVoucherRow {
                    mode,
                    amount: typed.amount,
                    date: typed.date.to_string(),
                    operation_number: typed.operation_number.clone(),
                    bank_account_id: typed.bank_account_id.clone(),
                    customer_dni: typed.customer_dni.as_str().to_owned(),
                    customer_fullname: typed.customer_fullname.clone(),
                    detail: typed.detail.clone(),
                    receipt: typed.receipt.to_string(),
                    webhook: typed.webhook.to_string(),
                    operator,
                    sale: typed.sale.clone(),
                };
                let body_of = |voucher_id: &str| {
                    let body = NewVoucher {
                        amount: typed.amount,
                        date: typed.date,
                        operation_number: typed.operation_number.clone(),
                        bank_account_id: typed.bank_account_id.clone(),
                        order_id: voucher_id.to_owned(),
                        webhook: typed.webhook.clone(),
                        customer_dni: typed.customer_dni.as_str().to_owned(),
                        customer_fullname: typed.customer_fullname.clone(),
                        receipt: typed.receipt.clone(),
                        detail: typed.detail.clone(),
                    };
                    serde_json::to_string(&body).map_err(|error| {
                        TillError::from(VoucherError::InvalidField {
                            field: "voucher",
                            value: error.to_string(),
                        })
                    })
                };
                store::insert(db, &row, |sequence| setup.voucher_id(sequence), body_of)
            })
            .await?;
        tracing::info!(voucher_id, "voucher journaled, registering");
        let voucher = self.voucher(&voucher_id).await?;
        // The journaled bytes are what leaves: read back into the wire type, which serializes to them.
        let body: NewVoucher = serde_json::from_str(&voucher.request_body).map_err(|error| {
            VoucherError::InvalidField {
                field: "voucher",
                value: error.to_string(),
            }
        })?;
        let result = link.api.register(&body).await;
        let (outcome, error) = match result {
            Ok(request_id) => (
                RegisterOutcome {
                    state: VoucherState::Pending,
                    request_id: Some(request_id),
                    refusal: None,
                    http_status: Some(200),
                },
                None,
            ),
            Err(cause) => {
                let refused = cause.is_refusal();
                let outcome = RegisterOutcome {
                    state: if refused {
                        VoucherState::Refused
                    } else {
                        VoucherState::Unknown
                    },
                    request_id: None,
                    refusal: Some(
                        cause
                            .provider_message()
                            .unwrap_or_else(|| cause.to_string()),
                    ),
                    http_status: http_status(&cause),
                };
                let call = "register";
                let error = if refused {
                    VoucherError::Refused { call, cause }
                } else {
                    VoucherError::OutcomeUnknown { call, cause }
                };
                (outcome, Some(error))
            }
        };
        let row = voucher.row;
        self.in_db(move |db| {
            store::finish_register(db, row, VoucherState::Sending, &outcome, None)
        })
        .await?;
        tracing::info!(
            voucher_id,
            ok = error.is_none(),
            "voucher register finished"
        );
        let voucher = self.voucher(&voucher_id).await?;
        match error {
            // aPagos' callback, relayed while the answer was being lost, settled it already.
            Some(_) if voucher.state == VoucherState::Pending => Ok(voucher),
            Some(error) => Err(error.into()),
            None => Ok(voucher),
        }
    }

    /// The voucher as this till last knew it.
    pub async fn voucher(&self, voucher_id: &str) -> Result<Voucher, TillError> {
        let (mode, id) = (self.mode(), voucher_id.to_owned());
        self.in_db(move |db| store::voucher(db, mode, &id))
            .await?
            .ok_or_else(|| {
                VoucherError::NoSuchVoucher {
                    voucher_id: voucher_id.to_owned(),
                }
                .into()
            })
    }

    /// Every voucher of this mode, newest first.
    pub async fn vouchers(&self) -> Result<Vec<Voucher>, TillError> {
        let mode = self.mode();
        self.in_db(move |db| store::vouchers(db, mode)).await
    }

    /// Reads the voucher at aPagos (`info`) and saves its status and validated values; the typed
    /// values stay as typed. Never registers anything.
    pub async fn refresh_voucher(&self, voucher_id: &str) -> Result<Voucher, TillError> {
        let link = self.vouchers_link()?.clone();
        let voucher = self.voucher(voucher_id).await?;
        let request_id = registered(&voucher)?;
        let info = link
            .api
            .info(&request_id)
            .await
            .map_err(|cause| call_error("info", cause))?;
        let row = voucher.row;
        self.in_db(move |db| store::record_info(db, row, &info))
            .await?;
        self.voucher(voucher_id).await
    }

    /// A supervisor settles a register whose outcome is unknown (or still `sending` past its lease, the
    /// till having stopped mid-send): with aPagos' `request_id` (checked
    /// through `info` to be this voucher's) it becomes `pending` and is refreshed; without, `abandoned`.
    pub async fn resolve_voucher_unknown(
        &self,
        voucher_id: &str,
        request_id: Option<RequestId>,
        approval: Approval,
    ) -> Result<Voucher, TillError> {
        let link = self.vouchers_link()?.clone();
        let reason = people::check_reason(&approval.reason)?;
        let voucher = self.voucher(voucher_id).await?;
        // A register still `sending` past its lease belongs to a till that stopped while sending it:
        // as unknown as a lost answer.
        let stalled = voucher.state == VoucherState::Sending
            && voucher.created_at.as_millisecond() + self.lease_ms()
                < jiff::Timestamp::now().as_millisecond();
        if voucher.state != VoucherState::Unknown && !stalled {
            return Err(VoucherError::NotUnknown {
                voucher_id: voucher_id.to_owned(),
                state: voucher.state.as_str().to_owned(),
            }
            .into());
        }
        let approved = self.on_staff(move |staff| staff.approve(&approval)).await?;
        let info = match &request_id {
            Some(id) => {
                let info = link
                    .api
                    .info(id)
                    .await
                    .map_err(|cause| call_error("info", cause))?;
                if info.order_id != voucher.voucher_id {
                    return Err(VoucherError::NotOurs {
                        voucher_id: voucher_id.to_owned(),
                        request_id: id.to_string(),
                        order_id: info.order_id,
                    }
                    .into());
                }
                Some(info)
            }
            None => None,
        };
        let outcome = RegisterOutcome {
            state: match request_id {
                Some(_) => VoucherState::Pending,
                None => VoucherState::Abandoned,
            },
            request_id,
            refusal: None,
            http_status: None,
        };
        let (row, from, who) = (voucher.row, voucher.state, approved.supervisor.name);
        self.in_db(move |db| {
            let resolution = Some((who.as_str(), reason.as_str()));
            store::finish_register(db, row, from, &outcome, resolution)?;
            match info {
                Some(info) => store::record_info(db, row, &info),
                None => Ok(()),
            }
        })
        .await?;
        self.voucher(voucher_id).await
    }

    /// Cancels the voucher at aPagos, naming the status last seen. When aPagos says it is in another,
    /// that status is saved and [`VoucherError::StatusChanged`] carries it: a retry sends it.
    pub async fn cancel_voucher(
        &self,
        voucher_id: &str,
        approval: Approval,
    ) -> Result<Voucher, TillError> {
        self.ensure_settings_confirmed()?;
        let link = self.vouchers_link()?.clone();
        people::check_reason(&approval.reason)?;
        let voucher = self.voucher(voucher_id).await?;
        let request_id = registered(&voucher)?;
        self.on_staff(move |staff| staff.approve(&approval)).await?;
        let expected = voucher.last_status();
        let outcome = link
            .api
            .cancel(&request_id, &expected)
            .await
            .map_err(|cause| call_error("cancel", cause))?;
        let (status, error) = match outcome {
            // A retry after a lost answer finds it canceled already: that is the cancel done.
            CancelOutcome::Canceled
            | CancelOutcome::NotIn {
                actual: VoucherStatus::Canceled,
                ..
            } => (VoucherStatus::Canceled, None),
            CancelOutcome::NotIn { actual, detail } => {
                let error = VoucherError::StatusChanged {
                    voucher_id: voucher_id.to_owned(),
                    expected: expected.to_string(),
                    actual: actual.to_string(),
                    detail,
                };
                (actual, Some(error))
            }
        };
        let row = voucher.row;
        self.in_db(move |db| store::record_status(db, row, &status))
            .await?;
        match error {
            Some(error) => Err(error.into()),
            None => self.voucher(voucher_id).await,
        }
    }
}

/// The vouchers registered during shift `shift_id` (the shift's reconciliation and its Z read them).
pub(crate) fn of_shift(
    connection: &rusqlite::Connection,
    mode: crate::mode::Mode,
    shift_id: i64,
) -> Result<Vec<Voucher>, TillError> {
    store::of_shift(connection, mode, shift_id)
}

/// The `request_id` of a voucher registered at aPagos, or why there is none.
fn registered(voucher: &Voucher) -> Result<RequestId, TillError> {
    match (&voucher.state, &voucher.request_id) {
        (VoucherState::Pending, Some(id)) => Ok(id.clone()),
        _ => Err(VoucherError::NotRegistered {
            voucher_id: voucher.voucher_id.clone(),
            state: voucher.state.as_str().to_owned(),
        }
        .into()),
    }
}

fn call_error(call: &'static str, cause: ApiError) -> TillError {
    if cause.is_refusal() {
        VoucherError::Refused { call, cause }.into()
    } else {
        VoucherError::OutcomeUnknown { call, cause }.into()
    }
}

fn http_status(error: &ApiError) -> Option<u16> {
    match error {
        ApiError::Refused { status, .. } => Some(*status),
        _ => None,
    }
}
