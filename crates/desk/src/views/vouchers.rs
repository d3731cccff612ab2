//! The views of "Transferencia / Yape" (aPagos vouchers) for the Cobro screen and `caja voucher`: the
//! form's defaults for a down payment, the receipt put at a public address (a file, or the customer's
//! phone through a one-time QR link), the register, and each voucher with where it stands in the
//! cashier's words (amber while aPagos validates, green once billed, red when it cannot pay), typed and
//! validated values side by side, and what may be done with it now. Every function parses what was
//! typed before the till is called.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Money, lima_text};
use crate::central::CentralFailure;
use crate::voucher_link;
use crate::wording::Lang;
use crate::wording::vouchers::{self as words, Tone};
use crate::workstation::Workstation;
use till::error::{InputProblem, TillError, VoucherError};
use till::identity::{mask_document, parse_customer, parse_funding_code};
use till::people::Approval;
use till::vouchers::{
    AmountDecision, Billing, NewTransferVoucher, Voucher, VoucherSale, VoucherState,
};
use till::{CustomerId, Soles, clock};

/// What the voucher form starts with for a down payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoucherFormView {
    /// What the last check said to collect, as typed in the form (`1250.00`); empty when unknown.
    pub amount: String,
    /// Today in Lima, `YYYY-MM-DD`.
    pub date: String,
    /// The store's accounts, in the order set in Ajustes.
    pub bank_accounts: Vec<String>,
    /// The customer's DNI when the check was with a DNI.
    pub customer_dni: String,
    /// The till is enrolled in Caja Central: the customer's phone can send the receipt (a QR code).
    pub phone_upload: bool,
}

/// A voucher as the cashier types it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoucherInput {
    pub amount: String,
    /// `YYYY-MM-DD` (Lima); empty: today.
    #[serde(default)]
    pub date: String,
    pub operation_number: String,
    pub bank_account_id: String,
    pub customer_dni: String,
    pub customer_fullname: String,
    #[serde(default)]
    pub detail: Option<String>,
    /// The receipt's public address (from `hostReceipt` or a phone upload).
    pub receipt_url: String,
    /// The down payment it pays: the customer (DNI or RUC) and the funding code. Both empty: a
    /// transfer only checked, billed by no one.
    #[serde(default)]
    pub customer: String,
    #[serde(default)]
    pub funding_code: String,
}

/// The values of a transfer (as typed, or as aPagos validated them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TransferValues {
    pub amount: Money,
    /// dd/mm/aaaa.
    pub date: String,
    pub operation_number: String,
    pub bank_account_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoucherView {
    pub voucher_id: String,
    /// Caja's side of the register: `sending`, `pending`, `refused`, `unknown`, `abandoned`.
    pub state: String,
    /// aPagos' status as it sent it (`VALIDATED`, `IN_REVIEW`, anything new), none before the first read.
    pub status: Option<String>,
    pub status_label: String,
    pub headline: String,
    pub advice: String,
    pub tone: Tone,
    pub typed: TransferValues,
    pub validated: Option<TransferValues>,
    pub bank_operation_number: Option<String>,
    /// aPagos validated another amount than the one typed.
    pub amount_differs: bool,
    /// A supervisor must accept or reject the validated amount before it can pay.
    pub needs_decision: bool,
    /// The down payment's code it pays, when it pays one.
    pub funding_code: Option<String>,
    pub collect: Option<Money>,
    /// `sending`, `billed`, `failed`; none before the billing.
    pub billing: Option<String>,
    /// aCuotaz confirmed the payment this transfer made: the product may be handed over.
    pub handover_allowed: bool,
    pub customer_dni: String,
    pub customer_fullname: String,
    pub created_at_lima: String,
    pub operator: Option<String>,
    pub refusal: Option<String>,
    /// A supervisor may settle it (its register's answer was lost).
    pub can_resolve: bool,
    /// It exists at aPagos and is not final: it may be canceled.
    pub can_cancel: bool,
}

/// The form's defaults for the down payment of `customer` and `funding_code`, as last checked.
pub async fn voucher_form(
    ws: &Workstation,
    customer: &str,
    funding_code: &str,
) -> Result<VoucherFormView, TillError> {
    let customer = parse_customer(customer)?;
    let code = parse_funding_code(funding_code)?;
    let setup = ws.till.voucher_setup()?;
    let collect = ws.till.amount_to_collect(&code).await?;
    let enrolled = ws
        .till
        .with_central_db(|db| till::central::link(db))
        .await?
        .is_some();
    Ok(VoucherFormView {
        amount: collect.map(plain_amount).unwrap_or_default(),
        date: clock::lima_today().to_string(),
        bank_accounts: setup.bank_accounts,
        customer_dni: match &customer {
            CustomerId::Dni(dni) => dni.as_str().to_owned(),
            CustomerId::Ruc(_) => String::new(),
        },
        phone_upload: enrolled,
    })
}

/// Registers a transfer with aPagos (journaled first); the answer is where it stands now.
pub async fn register_voucher(
    ws: &Workstation,
    input: VoucherInput,
) -> Result<VoucherView, CentralFailure> {
    let lang = ws.settings.lang;
    let new = parse_input(ws, input).await?;
    let voucher = ws.till.register_voucher(new).await?;
    Ok(voucher_view(&voucher, lang))
}

async fn parse_input(
    ws: &Workstation,
    input: VoucherInput,
) -> Result<NewTransferVoucher, CentralFailure> {
    let amount = parse_amount(&input.amount)?;
    let date = match input.date.trim() {
        "" => clock::lima_today(),
        text => text.parse::<Date>().map_err(|_| {
            TillError::from(VoucherError::InvalidField {
                field: "date",
                value: text.to_owned(),
            })
        })?,
    };
    let customer_dni = till::Dni::parse(input.customer_dni.trim()).map_err(|_| {
        TillError::invalid("customer_dni", &input.customer_dni, InputProblem::DniLength)
    })?;
    let receipt = input.receipt_url.trim().parse().map_err(|_| {
        TillError::from(VoucherError::InvalidField {
            field: "receipt",
            value: "no receipt yet".to_owned(),
        })
    })?;
    let sale = match (input.customer.trim(), input.funding_code.trim()) {
        ("", "") => None,
        (customer, code) => {
            let customer = parse_customer(customer)?;
            let funding_code = parse_funding_code(code)?;
            let collect = ws.till.amount_to_collect(&funding_code).await?;
            Some(VoucherSale {
                customer,
                funding_code,
                // Never checked here: the typed amount is what the cashier says the sale is.
                collect: collect.unwrap_or(amount),
            })
        }
    };
    Ok(NewTransferVoucher {
        amount,
        date,
        operation_number: input.operation_number,
        bank_account_id: input.bank_account_id,
        customer_dni,
        customer_fullname: input.customer_fullname,
        detail: input.detail,
        receipt,
        webhook: voucher_link::webhook(ws).await?,
        sale,
    })
}

/// The voucher now: read at aPagos when it may have changed, and billed when validated.
pub async fn voucher(ws: &Workstation, voucher_id: &str) -> Result<VoucherView, TillError> {
    let lang = ws.settings.lang;
    let known = ws.till.voucher(voucher_id.trim()).await?;
    if known.state == VoucherState::Pending && !known.status_is_final() {
        // aPagos down: the voucher as last known, which says so by its tone.
        if let Err(error) = ws.till.refresh_voucher(&known.voucher_id).await {
            tracing::info!(code = error.code(), "voucher status not read");
        }
    }
    let voucher = ws.till.bill_voucher(&known.voucher_id).await?;
    Ok(voucher_view(&voucher, lang))
}

/// Today's vouchers and every one still open, newest first.
pub async fn vouchers(ws: &Workstation) -> Result<Vec<VoucherView>, TillError> {
    let lang = ws.settings.lang;
    let today = clock::lima_today();
    Ok(ws
        .till
        .vouchers()
        .await?
        .iter()
        .filter(|voucher| voucher.lima_day == today || voucher.is_open())
        .map(|voucher| voucher_view(voucher, lang))
        .collect())
}

/// Cancels a voucher at aPagos with a supervisor's approval.
pub async fn cancel_voucher(
    ws: &Workstation,
    voucher_id: &str,
    approval: Approval,
) -> Result<VoucherView, TillError> {
    let voucher = ws.till.cancel_voucher(voucher_id.trim(), approval).await?;
    Ok(voucher_view(&voucher, ws.settings.lang))
}

/// A supervisor settles a register whose answer was lost: with aPagos' number, or as never sent.
pub async fn resolve_voucher(
    ws: &Workstation,
    voucher_id: &str,
    request_id: Option<&str>,
    approval: Approval,
) -> Result<VoucherView, TillError> {
    let request_id = match request_id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(text) => Some(providers::apagos::RequestId::parse(text).ok_or_else(|| {
            TillError::from(VoucherError::InvalidField {
                field: "request_id",
                value: text.to_owned(),
            })
        })?),
        None => None,
    };
    let voucher = ws
        .till
        .resolve_voucher_unknown(voucher_id.trim(), request_id, approval)
        .await?;
    Ok(voucher_view(&voucher, ws.settings.lang))
}

/// A supervisor accepts or rejects the amount aPagos validated.
pub async fn decide_voucher(
    ws: &Workstation,
    voucher_id: &str,
    accept: bool,
    approval: Approval,
) -> Result<VoucherView, TillError> {
    let decision = if accept {
        AmountDecision::Accepted
    } else {
        AmountDecision::Rejected
    };
    let voucher = ws
        .till
        .decide_voucher_amount(voucher_id.trim(), decision, approval)
        .await?;
    Ok(voucher_view(&voucher, ws.settings.lang))
}

pub fn voucher_view(voucher: &Voucher, lang: Lang) -> VoucherView {
    let (headline, advice, tone) = words::standing(lang, voucher);
    let values = |amount: Soles, date: Date, operation: &str, account: &str| TransferValues {
        amount: Money::from(amount),
        date: date.strftime("%d/%m/%Y").to_string(),
        operation_number: operation.to_owned(),
        bank_account_id: account.to_owned(),
    };
    VoucherView {
        voucher_id: voucher.voucher_id.clone(),
        state: voucher.state.as_str().to_owned(),
        status: voucher.status.as_ref().map(|status| status.to_string()),
        status_label: words::status_label(lang, voucher.status.as_ref()),
        headline,
        advice,
        tone,
        typed: values(
            voucher.amount,
            voucher.date,
            &voucher.operation_number,
            &voucher.bank_account_id,
        ),
        validated: voucher.validated.as_ref().map(|validated| {
            values(
                validated.amount,
                validated.date,
                &validated.operation_number,
                &validated.bank_account_id,
            )
        }),
        bank_operation_number: voucher
            .validated
            .as_ref()
            .and_then(|validated| validated.bank_operation_number.clone()),
        amount_differs: voucher.amount_differs,
        needs_decision: voucher.needs_decision(),
        funding_code: voucher
            .sale
            .as_ref()
            .map(|sale| sale.funding_code.as_str().to_owned()),
        collect: voucher.sale.as_ref().map(|sale| Money::from(sale.collect)),
        billing: voucher.billing.map(|billing| billing.as_str().to_owned()),
        handover_allowed: voucher.billing == Some(Billing::Billed),
        customer_dni: mask_document(&voucher.customer_dni),
        customer_fullname: voucher.customer_fullname.clone(),
        created_at_lima: lima_text(voucher.created_at, "%d/%m/%Y %H:%M"),
        operator: voucher.operator.clone(),
        refusal: voucher.refusal.clone(),
        can_resolve: voucher.state == VoucherState::Unknown,
        can_cancel: voucher.state == VoucherState::Pending && !voucher.status_is_final(),
    }
}

fn parse_amount(text: &str) -> Result<Soles, TillError> {
    text.parse::<Soles>()
        .ok()
        .filter(|amount| amount.centimos() > 0)
        .ok_or_else(|| TillError::invalid("amount", text, InputProblem::Amount))
}

/// An amount as the form's field holds it: `1250.00`.
fn plain_amount(amount: Soles) -> String {
    let centimos = amount.centimos();
    format!("{}.{:02}", centimos / 100, centimos % 100)
}
