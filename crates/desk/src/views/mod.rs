//! What a screen shows, ready to serialise across the desktop bridge: typed text in, views out.
//!
//! Each function parses what the cashier typed (so nothing malformed is sent), calls the till, and shapes
//! the answer for display: money as céntimos plus its store text, times in Lima, labels in the chosen
//! language, errors as `{code, message, field}`. The desktop's commands are one-line calls to these.

use jiff::Timestamp;
use providers::apurata::downpayment::{DownpaymentChannel, DownpaymentStatus};
use serde::Serialize;
use ts_rs::TS;

mod aplazame;
mod aplazame_cart;
mod app_info;
mod central;
mod count;
mod doctor;
mod financing;
mod money;
mod order_settings;
mod orders;
mod payment;
mod pending;
mod receipt_file;
mod settings;
mod shift;
mod staff;
mod updates;
mod voucher_receipt;
mod vouchers;

pub use aplazame::{
    CheckoutView, EurosView, checkout, checkout_view, checkouts, confirm_checkout, create_checkout,
    reject_checkout, resolve_checkout,
};
pub use aplazame_cart::{CartLineInput, CheckoutInput, cart_total, parse_checkout, parse_line};
pub use app_info::{AppInfo, OpenedTill, Overridable, app_info, reports_dir};
pub use central::{CentralStatusView, central_status, enroll_central};
pub use count::{CountInput, DenominationView, PiecesInput, denominations};
pub use doctor::{DoctorCheckView, check_views, doctor, doctor_text};
pub use financing::{FinancingGroupView, FinancingView, OpenCheckoutView, financing_view};
pub use money::{Money, store_time_text};
pub use order_settings::{OrderSettingsInput, save_order_settings};
pub use orders::*;
pub use payment::PaymentInput;
pub use pending::resolve_pending;
pub use receipt_file::{RECEIPT_MAX_BYTES, host_receipt_file};
pub use settings::{SettingsInput, save_aplazame_key, save_settings, save_token};
pub use shift::*;
pub use staff::{
    AuditView, ExportView, PersonView, add_person, audit_export, audit_verify, first_run,
    note_activity, people, set_person_active, sign_in,
};
pub use updates::{
    UpdateState, UpdateView, postpone_update, ready_to_install, update_not_ready, update_request,
    update_view,
};
pub use voucher_receipt::*;
pub use vouchers::*;

use crate::wording::{Explain, Label, Lang};
use crate::workstation::Workstation;
use till::error::TillError;
use till::identity::{mask_document, parse_customer, parse_funding_code};
use till::journal::{JournalEntry, OperationKind, OperationState};
use till::mode::Mode;
use till::people::Approval;
use till::summary::DaySummary;
use till::{CustomerId, FundingCode, PaymentOrigin, Tender, clock};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Customer {
    pub kind: DocumentKind,
    pub number: String,
}

/// Which document identifies the customer: a DNI (a person) or a RUC (a business).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    Dni,
    Ruc,
}

impl From<&CustomerId> for Customer {
    fn from(customer: &CustomerId) -> Self {
        Customer {
            kind: match customer {
                CustomerId::Dni(_) => DocumentKind::Dni,
                CustomerId::Ruc(_) => DocumentKind::Ruc,
            },
            number: customer.number().to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckView {
    pub funding_code: String,
    pub customer: Customer,
    pub purchase_total: Money,
    pub downpayment_amount: Money,
    pub amount_to_collect: Money,
    pub status: DownpaymentStatus,
    pub channel: DownpaymentChannel,
    pub billed: bool,
    pub handover_allowed: bool,
    /// A pay or undo on this code whose outcome is still being resolved: hand-over stays locked.
    pub open_operation: Option<EntryView>,
    pub journal_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OperationView {
    pub journal_id: i64,
    pub kind: OperationKind,
    pub state: OperationState,
    pub funding_code: String,
    pub customer: Customer,
    pub handover_allowed: bool,
    /// How it was paid, and for cash the change to hand back (null when none is owed or known).
    pub tender: Option<Tender>,
    pub tender_label: Option<&'static str>,
    pub collected: Option<Money>,
    pub change: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderView {
    pub order_id: String,
    pub dni_masked: String,
    pub origin: PaymentOrigin,
    pub origin_label: &'static str,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryView {
    pub day: String,
    pub mode: Mode,
    pub total_purchases: Money,
    pub total_paid_in_store: Money,
    pub total_financed: Money,
    pub orders: Vec<OrderView>,
    pub fetched_at_lima: String,
    pub fetched_at: String,
    pub from_cache: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryView {
    pub id: i64,
    pub kind: OperationKind,
    pub kind_label: &'static str,
    pub state: OperationState,
    pub state_label: &'static str,
    pub customer: Customer,
    pub funding_code: String,
    pub reason: Option<String>,
    pub http_status: Option<u16>,
    pub downpayment_amount: Option<Money>,
    pub day: String,
    pub created_at_lima: String,
    pub operator: Option<String>,
    pub approver: Option<String>,
    pub approval_reason: Option<String>,
}

/// An error as it crosses the bridge: a stable code, the message in the app's language, the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorView {
    /// One of `error_codes()`: in TypeScript, of `ERROR_CODES`.
    #[ts(type = "ErrorCode")]
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

/// Codes no Rust error gives: the UI's own, for a failure that never reached a command's answer (Tauri
/// refusing the arguments, a panic in the bridge) and so arrives as bare text, not an [`ErrorView`].
pub const BRIDGE_ERROR_CODES: &[&str] = &["internal"];

/// Every code an [`ErrorView`] can carry: the till's, the printed report's (printing answers with them)
/// and the bridge's own. The UI's `ErrorCode` type is rendered from this list.
pub fn error_codes() -> Vec<&'static str> {
    [
        till::error::ERROR_CODES,
        crate::day_sheet::ERROR_CODES,
        crate::central::ERROR_CODES,
        crate::backups::ERROR_CODES,
        report::ERROR_CODES,
        crate::updates::ERROR_CODES,
        BRIDGE_ERROR_CODES,
    ]
    .concat()
}

impl ErrorView {
    pub fn new(error: &TillError, lang: Lang) -> Self {
        ErrorView {
            code: error.code().to_owned(),
            message: error.message(lang),
            field: error.field().map(str::to_owned),
        }
    }
}

pub async fn check(ws: &Workstation, customer: &str, code: &str) -> Result<CheckView, TillError> {
    let (customer, code) = parse_typed(customer, code)?;
    let result = ws.till.check(&customer, &code).await?;
    let open_operation = result
        .open_operation
        .map(|entry| entry_view(entry, ws.settings.lang));
    let info = result.info;
    Ok(CheckView {
        funding_code: info.funding_code,
        customer: Customer::from(&customer),
        purchase_total: info.purchase_total.into(),
        downpayment_amount: info.downpayment_amount.into(),
        amount_to_collect: result.amount_to_collect.into(),
        status: info.downpayment_status,
        channel: info.downpayment_channel,
        billed: info.billed_by_ecommerce,
        handover_allowed: result.handover_allowed,
        open_operation,
        journal_id: result.entry.id,
    })
}

pub async fn pay(
    ws: &Workstation,
    customer: &str,
    code: &str,
    payment: PaymentInput,
) -> Result<OperationView, TillError> {
    let (customer, code) = parse_typed(customer, code)?;
    let payment = payment.parse()?;
    let lang = ws.settings.lang;
    ws.till
        .pay(&customer, &code, payment)
        .await
        .map(|entry| operation_view(entry, lang))
}

pub async fn undo(
    ws: &Workstation,
    customer: &str,
    code: &str,
    approval: Option<&Approval>,
) -> Result<OperationView, TillError> {
    let (customer, code) = parse_typed(customer, code)?;
    ws.till
        .undo(&customer, &code, approval)
        .await
        .map(|entry| operation_view(entry, ws.settings.lang))
}

/// The day's summary for the screen; at a till with people, only for someone signed in.
pub async fn day_summary(ws: &Workstation, day: &str) -> Result<SummaryView, TillError> {
    let lang = ws.settings.lang;
    let day = clock::parse_day(day)?;
    ws.till.require_operator().await?;
    let summary = ws.till.day_summary(day).await?;
    let totals = summary.totals;
    Ok(SummaryView {
        day: summary.day.to_string(),
        mode: summary.mode,
        total_purchases: totals.total_purchases.into(),
        total_paid_in_store: totals.total_paid_in_store.into(),
        total_financed: totals.total_financed.into(),
        orders: summary
            .orders
            .into_iter()
            .map(|order| OrderView {
                dni_masked: mask_document(&order.dni),
                origin: order.payment_origin,
                origin_label: order.payment_origin.label(lang),
                amount: order.amount.into(),
                order_id: order.order_id,
            })
            .collect(),
        fetched_at_lima: lima_text(summary.fetched_at, "%H:%M"),
        fetched_at: summary.fetched_at.to_string(),
        from_cache: summary.from_cache,
    })
}

/// What a printed day report holds: the summary and the day's operations; at a till with people, only
/// for someone signed in.
pub async fn day_report(
    ws: &Workstation,
    day: &str,
) -> Result<
    (
        DaySummary,
        Vec<JournalEntry>,
        Vec<till::orders::CreditOrder>,
    ),
    TillError,
> {
    let day = clock::parse_day(day)?;
    ws.till.require_operator().await?;
    let summary = ws.till.day_summary(day).await?;
    let operations = ws.till.journal(Some(day)).await?;
    Ok((summary, operations, ws.till.credit_orders_of(day).await?))
}

/// This till's journal, newest first; `day` (YYYY-MM-DD) and `state` filter when given; at a till with
/// people, only for someone signed in.
pub async fn history(
    ws: &Workstation,
    day: Option<&str>,
    state: Option<&str>,
) -> Result<Vec<EntryView>, TillError> {
    let day = day
        .filter(|d| !d.trim().is_empty())
        .map(clock::parse_day)
        .transpose()?;
    let state = state
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.parse::<OperationState>()
                .map_err(|_| TillError::invalid("state", s, till::InputProblem::UnknownState))
        })
        .transpose()?;
    let lang = ws.settings.lang;
    ws.till.require_operator().await?;
    Ok(ws
        .till
        .journal(day)
        .await?
        .into_iter()
        .filter(|entry| state.is_none_or(|wanted| entry.state == wanted))
        .map(|entry| entry_view(entry, lang))
        .collect())
}

pub(crate) fn entry_view(entry: JournalEntry, lang: Lang) -> EntryView {
    EntryView {
        id: entry.id,
        kind: entry.kind,
        kind_label: entry.kind.label(lang),
        state: entry.state,
        state_label: entry.state.label(lang),
        customer: Customer::from(&entry.customer),
        downpayment_amount: entry.downpayment_amount.map(Money::from),
        day: clock::lima_day(entry.created_at).to_string(),
        created_at_lima: lima_text(entry.created_at, "%d/%m/%Y %H:%M"),
        funding_code: entry.funding_code.into(),
        reason: entry.reason,
        http_status: entry.http_status,
        operator: entry.operator,
        approver: entry.approver,
        approval_reason: entry.approval_reason,
    }
}

fn parse_typed(customer: &str, code: &str) -> Result<(CustomerId, FundingCode), TillError> {
    Ok((parse_customer(customer)?, parse_funding_code(code)?))
}

pub(crate) fn operation_view(entry: JournalEntry, lang: Lang) -> OperationView {
    let tender = entry.payment.as_ref().map(|payment| payment.tender);
    OperationView {
        tender,
        tender_label: tender.map(|tender| crate::wording::shift::tender(lang, tender)),
        collected: entry.collect.map(Money::from),
        change: entry
            .payment
            .as_ref()
            .and_then(|payment| payment.change(entry.collect))
            .map(Money::from),
        handover_allowed: entry.kind == OperationKind::PaidAndBilled
            && entry.state == OperationState::Confirmed,
        journal_id: entry.id,
        kind: entry.kind,
        state: entry.state,
        customer: Customer::from(&entry.customer),
        funding_code: entry.funding_code.into(),
    }
}

pub(crate) fn lima_text(instant: Timestamp, format: &str) -> String {
    clock::in_lima(instant).strftime(format).to_string()
}
