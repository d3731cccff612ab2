//! The Turno screen's views: opening with the float counted by denomination, cash in and out, the X
//! report, the blind count, the reconciliation table and the Z. What is expected in the drawer is shown
//! only to a supervisor (or where the rules of people do not apply) until the cashier has counted: a
//! blind count is blind.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{CountInput, FinancingView, financing_view};
use super::{EntryView, Money, entry_view, store_time_text};
use crate::wording::{self, Lang};
use crate::workstation::Workstation;
use till::Country;
use till::error::TillError;
use till::identity::mask_document;
use till::people::Approval;
use till::shift::reconcile::{DifferenceKind, Reconciliation};
use till::shift::{CashMovement, Direction, ShiftStatus};
use till::{Soles, Tender};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementView {
    pub id: i64,
    pub direction: Direction,
    pub direction_label: &'static str,
    pub amount: Money,
    pub reason: String,
    pub at_lima: String,
    pub operator: Option<String>,
    pub approver: Option<String>,
}

/// Cash in or out, as typed.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementInput {
    pub direction: Direction,
    pub amount: String,
    pub reason: String,
    #[serde(default)]
    pub approval: Option<Approval>,
}

/// The open shift, as the top bar and the Turno screen show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShiftView {
    pub id: i64,
    pub opened_at_lima: String,
    pub opened_by: Option<String>,
    pub day: String,
    pub float: Money,
    pub movements: Vec<MovementView>,
    /// Payments that collected money in this shift.
    pub payments: u32,
    /// The cash expected in the drawer: null unless a supervisor is looking (or the count is done).
    pub cash_expected: Option<Money>,
    /// Whether the blind count was made.
    pub counted: bool,
    /// Operations of the till with an unknown outcome: closing waits for them.
    pub unknown_operations: Vec<EntryView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TenderLineView {
    pub tender: Tender,
    pub label: &'static str,
    pub payments: u32,
    /// Null while hidden (a cashier before the blind count).
    pub expected: Option<Money>,
    pub counted: Option<Money>,
    pub difference: Option<Money>,
    /// Cash and card are counted at the till; Yape/Plin and transfers are checked in the account.
    pub counted_at_till: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CashBreakdownView {
    pub opening_float: Money,
    pub payments: Money,
    pub cash_in: Money,
    pub cash_out: Money,
    pub expected: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderView {
    pub day: String,
    pub fetched_at_lima: String,
    pub from_cache: bool,
    pub total_paid_in_store: Money,
    pub this_shift: Money,
    pub this_shift_payments: u32,
    pub matched: u32,
    pub matched_amount: Money,
    pub earlier_shifts: Money,
    pub elsewhere: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DifferenceView {
    pub kind: DifferenceKind,
    pub title: &'static str,
    pub detail: &'static str,
    pub amount: Money,
    pub explained: bool,
    pub order_id: Option<String>,
    pub document_masked: Option<String>,
    pub operation_id: Option<i64>,
    pub funding_code: Option<String>,
}

/// The X report, or the reconciliation after the blind count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReconciliationView {
    pub shift: ShiftView,
    /// Whether expected amounts are shown (a supervisor, or after the blind count).
    pub expected_visible: bool,
    pub tenders: Vec<TenderLineView>,
    pub cash: Option<CashBreakdownView>,
    pub provider: Option<ProviderView>,
    pub differences: Vec<DifferenceView>,
    pub tolerance: Money,
    pub needs_approval: bool,
    /// The shift's Aplazame checkouts (Spain) beside the drawer; null when it had none.
    pub financing: Option<FinancingView>,
}

/// The open shift; null when none is open.
pub async fn shift(ws: &Workstation) -> Result<Option<ShiftView>, TillError> {
    let status = ws.till.shift_status().await?;
    let sees = supervisor_sees(ws)?;
    Ok(status.map(|status| shift_view(&status, sees, ws.settings.lang)))
}

pub async fn open_shift(ws: &Workstation, float: CountInput) -> Result<ShiftView, TillError> {
    ws.till
        .open_shift(float.parse(ws.settings.country)?)
        .await?;
    // The daily backup, when the newest is more than a day old; a failure is logged, never blocking.
    let occasion = crate::backups::Occasion::Daily;
    let _ = crate::backups::automatic_in_background(ws.data_dir.clone(), occasion).await;
    shift(ws).await?.ok_or(TillError::NoShiftOpen)
}

pub async fn move_cash(ws: &Workstation, input: MovementInput) -> Result<ShiftView, TillError> {
    let amount = parse_amount(ws.settings.country, "amount", &input.amount)?;
    ws.till
        .move_cash(
            input.direction,
            amount,
            &input.reason,
            input.approval.as_ref(),
        )
        .await?;
    shift(ws).await?.ok_or(TillError::NoShiftOpen)
}

/// The X report: read-only, aCuotaz's summary fetched now (or its cached copy).
pub async fn x_report(ws: &Workstation) -> Result<ReconciliationView, TillError> {
    let status = ws.till.x_report().await?;
    reconciliation_view(ws, &status)
}

/// The blind count, then the reconciliation with it.
pub async fn count_closing(
    ws: &Workstation,
    count: CountInput,
    card_batch: &str,
) -> Result<ReconciliationView, TillError> {
    let card_batch = if card_batch.trim().is_empty() {
        Soles::ZERO
    } else {
        parse_amount(ws.settings.country, "card_batch", card_batch)?
    };
    let country = ws.settings.country;
    let status = ws
        .till
        .count_closing(count.parse(country)?, card_batch)
        .await?;
    reconciliation_view(ws, &status)
}

/// What a person typed as an amount of the store's money (`1,234.50` in Peru, `1.234,50` in Spain).
fn parse_amount(country: Country, field: &'static str, typed: &str) -> Result<Soles, TillError> {
    country
        .parse_money(typed)
        .filter(|minor| *minor >= 0)
        .map(Soles::from_centimos)
        .ok_or_else(|| TillError::invalid(field, typed, till::InputProblem::Amount))
}

/// A supervisor is signed in, or the rules of people do not apply here.
fn supervisor_sees(ws: &Workstation) -> Result<bool, TillError> {
    let staff = ws.till.staff();
    Ok(!staff.rules_apply(ws.till.mode())?
        || staff
            .operator()
            .is_some_and(|person| person.is_supervisor()))
}

fn shift_view(status: &ShiftStatus, sees: bool, lang: Lang) -> ShiftView {
    let shift = &status.shift;
    let country = shift.country;
    let money = |amount: Soles| Money::in_country(country, amount);
    let visible = sees || status.count.is_some();
    ShiftView {
        id: shift.id,
        opened_at_lima: store_time_text(country, shift.opened_at, "%d/%m/%Y %H:%M"),
        opened_by: shift.opened_by.clone(),
        day: shift.lima_day.to_string(),
        float: money(shift.opening.total()),
        movements: status
            .movements
            .iter()
            .map(|movement| movement_view(movement, country, lang))
            .collect(),
        payments: status
            .operations
            .iter()
            .filter(|entry| entry.collected().centimos() > 0)
            .count()
            .try_into()
            .unwrap_or(u32::MAX),
        cash_expected: visible.then(|| money(status.reconciliation.cash.expected)),
        counted: status.count.is_some(),
        unknown_operations: status
            .unknown_operations
            .iter()
            .cloned()
            .map(|entry| entry_view(entry, lang))
            .collect(),
    }
}

pub(crate) fn movement_view(movement: &CashMovement, country: Country, lang: Lang) -> MovementView {
    MovementView {
        id: movement.id,
        direction: movement.direction,
        direction_label: wording::shift::direction(lang, movement.direction),
        amount: Money::in_country(country, movement.amount),
        reason: movement.reason.clone(),
        at_lima: store_time_text(country, movement.at, "%H:%M"),
        operator: movement.operator.clone(),
        approver: movement.approver.clone(),
    }
}

fn reconciliation_view(
    ws: &Workstation,
    status: &ShiftStatus,
) -> Result<ReconciliationView, TillError> {
    let lang = ws.settings.lang;
    let sees = supervisor_sees(ws)?;
    let visible = sees || status.count.is_some();
    let country = status.shift.country;
    let mut view = reconciliation_parts(&status.reconciliation, visible, country, lang);
    view.shift = shift_view(status, sees, lang);
    view.financing = financing_view(&status.financing, country, lang);
    Ok(view)
}

/// The reconciliation in words; `visible` false hides every expected amount and difference.
pub(crate) fn reconciliation_parts(
    reconciliation: &Reconciliation,
    visible: bool,
    country: Country,
    lang: Lang,
) -> ReconciliationView {
    let money = |amount: Soles| Money::in_country(country, amount);
    let tenders = reconciliation
        .tenders
        .iter()
        .filter(|line| line.tender.offered_in(country))
        .map(|line| TenderLineView {
            tender: line.tender,
            label: wording::shift::tender(lang, line.tender),
            payments: line.payments,
            expected: visible.then(|| money(line.expected)),
            counted: line.counted.map(money),
            difference: if visible {
                line.difference.map(money)
            } else {
                None
            },
            counted_at_till: matches!(line.tender, Tender::Cash | Tender::Card),
        })
        .collect();
    let cash = &reconciliation.cash;
    let provider = reconciliation.provider.as_ref().map(|side| ProviderView {
        day: side.day.to_string(),
        fetched_at_lima: store_time_text(country, side.fetched_at, "%d/%m/%Y %H:%M"),
        from_cache: side.from_cache,
        total_paid_in_store: money(side.total_paid_in_store),
        this_shift: money(side.this_shift_amount),
        this_shift_payments: side.this_shift,
        matched: side.matched,
        matched_amount: money(side.matched_amount),
        earlier_shifts: money(side.earlier_shifts_amount),
        elsewhere: money(side.elsewhere_amount),
    });
    let differences = reconciliation
        .differences
        .iter()
        .filter(|difference| visible || difference_is_not_the_count(difference.kind))
        .map(|difference| {
            let (title, detail) = wording::shift::difference(lang, difference.kind);
            DifferenceView {
                kind: difference.kind,
                title,
                detail,
                amount: money(difference.amount),
                explained: difference.kind.is_explained(),
                order_id: difference.order_id.clone(),
                document_masked: difference.document.as_deref().map(mask_document),
                operation_id: difference.operation_id,
                funding_code: difference.funding_code.clone(),
            }
        })
        .collect();
    ReconciliationView {
        shift: ShiftView {
            id: 0,
            opened_at_lima: String::new(),
            opened_by: None,
            day: String::new(),
            float: money(Soles::ZERO),
            movements: Vec::new(),
            payments: 0,
            cash_expected: None,
            counted: false,
            unknown_operations: Vec::new(),
        },
        expected_visible: visible,
        tenders,
        cash: visible.then(|| CashBreakdownView {
            opening_float: money(cash.opening_float),
            payments: money(cash.payments),
            cash_in: money(cash.cash_in),
            cash_out: money(cash.cash_out),
            expected: money(cash.expected),
        }),
        provider,
        differences,
        tolerance: money(reconciliation.tolerance),
        needs_approval: reconciliation.needs_approval,
        financing: None,
    }
}

/// Differences that do not reveal what the drawer should hold (safe to show before the blind count).
fn difference_is_not_the_count(kind: DifferenceKind) -> bool {
    !matches!(
        kind,
        DifferenceKind::CashOver
            | DifferenceKind::CashShort
            | DifferenceKind::CardOver
            | DifferenceKind::CardShort
    )
}
