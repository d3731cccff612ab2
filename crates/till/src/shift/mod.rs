//! Shifts (turnos): the drawer's life between an opening count and a Z report. A shift opens with its
//! float counted by denomination (its own count, never the previous closing's), takes cash in and out
//! with a reason (a supervisor's approval above a threshold), owns every payment and undo made while it
//! is open (`journal::begin` refuses them with none open), shows an X report at any time, and closes
//! with a blind count, the three-way [`reconcile`]iation (transfers: what aPagos validated of the
//! shift's vouchers, [`transfers`]) and a Z report numbered per mode without gaps ([`store::close`]).

pub mod financing;
mod matching;
pub mod reconcile;
mod status;
mod store;
pub mod transfers;
pub mod z;

use jiff::Timestamp;
use jiff::civil::Date;
use providers::Soles;
use serde::{Deserialize, Serialize};

use crate::cash::CashCount;
use crate::country::{Country, Provider};
use crate::error::{InputProblem, TillError};
use crate::journal::JournalEntry;
use crate::mode::Mode;
use crate::operations::Till;
use crate::people::{self, Approval};
use crate::summary::DaySummary;
use financing::Financing;
use reconcile::Reconciliation;
use transfers::Transfers;
use z::{ApprovalRecord, ZReport};

pub use crate::shift_rules::ShiftRules;

/// A shift as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shift {
    pub id: i64,
    pub mode: Mode,
    /// Whose money the drawer holds (amounts of the shift are in its minor units) and whose day
    /// `lima_day` is. Snapshots filed before countries existed read as Peru.
    #[serde(default)]
    pub country: Country,
    pub opened_at: Timestamp,
    pub opened_by: Option<String>,
    /// The store's day it was opened on (Lima's in Peru, whose aCuotaz summary it is reconciled with;
    /// Madrid's in Spain). The name is from when every store was in Peru; it is what was filed.
    pub lima_day: Date,
    /// The opening float, counted.
    pub opening: CashCount,
    pub closed_at: Option<Timestamp>,
    pub closed_by: Option<String>,
    pub z_number: Option<i64>,
}

/// Into or out of the drawer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Change fund brought to the drawer.
    In,
    /// Taken from the drawer (a deposit to the safe).
    Out,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }
}

/// Cash into or out of the drawer during a shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CashMovement {
    pub id: i64,
    pub shift_id: i64,
    pub direction: Direction,
    pub amount: Soles,
    pub reason: String,
    pub at: Timestamp,
    pub operator: Option<String>,
    pub approver: Option<String>,
    pub approval_reason: Option<String>,
}

/// A count at closing: the drawer's cash by denomination and the card terminal's batch total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClosingCount {
    pub cash: CashCount,
    pub card_batch: Soles,
    pub counted_at: Timestamp,
    pub counted_by: Option<String>,
}

/// The open shift now: what the X report and the top bar show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShiftStatus {
    pub shift: Shift,
    pub movements: Vec<CashMovement>,
    pub operations: Vec<JournalEntry>,
    /// Without the count, before the blind count; with it, after.
    pub reconciliation: Reconciliation,
    /// The last blind count, once made.
    pub count: Option<ClosingCount>,
    /// Operations of the mode with an unknown outcome: closing waits for them.
    pub unknown_operations: Vec<JournalEntry>,
    /// The shift's bank-transfer vouchers by status (empty without any).
    pub transfers: Transfers,
    /// The shift's Aplazame checkouts by where they stand (empty without any).
    pub financing: Financing,
}

impl Till {
    /// Opens a shift with its float, counted by denomination. One open shift per mode.
    pub async fn open_shift(&self, float: CashCount) -> Result<Shift, TillError> {
        self.ensure_settings_confirmed()?;
        let country = self.country();
        float.check(country)?;
        let operator = self.require_operator().await?;
        let mode = self.mode();
        self.in_db(move |db| {
            let by = operator.as_ref().map(|p| p.name.as_str());
            store::open(db, mode, country, &float, by)
        })
        .await
    }

    /// The open shift with its movements and operations, reconciled against the cached summary only
    /// (no request leaves): what the top bar and the screen read. `None` when no shift is open.
    pub async fn shift_status(&self) -> Result<Option<ShiftStatus>, TillError> {
        let mode = self.mode();
        let Some(shift) = self.in_db(move |db| store::load(db, mode, None)).await? else {
            return Ok(None);
        };
        let summary = self
            .in_db(move |db| crate::summary::load(db, mode, shift_day(&shift)))
            .await?;
        self.status_with(summary).await
    }

    /// The X report: the open shift reconciled with aCuotaz's summary fetched now (or its cached copy
    /// when the provider cannot be reached). Read-only for the drawer: nothing is counted or closed.
    pub async fn x_report(&self) -> Result<ShiftStatus, TillError> {
        let shift = self.require_shift().await?;
        self.refresh_open_vouchers(shift.id).await;
        self.refresh_open_checkouts(shift.id).await;
        let summary = self.summary_for_closing(&shift).await;
        self.status_with(summary)
            .await?
            .ok_or(TillError::NoShiftOpen)
    }

    /// Cash into or out of the drawer, with a reason; above the rules' threshold, a supervisor approves.
    pub async fn move_cash(
        &self,
        direction: Direction,
        amount: Soles,
        reason: &str,
        approval: Option<&Approval>,
    ) -> Result<CashMovement, TillError> {
        self.ensure_settings_confirmed()?;
        if amount.centimos() <= 0 {
            return Err(TillError::invalid(
                "amount",
                &amount.to_string(),
                InputProblem::Amount,
            ));
        }
        let reason = people::check_reason(reason)?;
        let operator = self.require_operator().await?;
        let shift = self.require_shift().await?;
        let approved = if amount > self.shift_rules().movement_approval_above {
            let (mode, approval) = (self.mode(), approval.cloned());
            self.on_staff(move |staff| staff.approval_for(mode, approval.as_ref(), "cash_movement"))
                .await?
        } else {
            None
        };
        let mut movement = CashMovement {
            id: 0,
            shift_id: shift.id,
            direction,
            amount,
            reason,
            at: Timestamp::now(),
            operator: operator.map(|person| person.name),
            approver: approved.as_ref().map(|a| a.supervisor.name.clone()),
            approval_reason: approved.map(|a| a.reason),
        };
        let stored = movement.clone();
        movement.id = self
            .in_db(move |db| store::record_movement(db, &stored))
            .await?;
        Ok(movement)
    }

    /// The blind count: saved before anything expected is shown, then the reconciliation with it.
    pub async fn count_closing(
        &self,
        cash: CashCount,
        card_batch: Soles,
    ) -> Result<ShiftStatus, TillError> {
        self.ensure_settings_confirmed()?;
        if card_batch.centimos() < 0 {
            return Err(TillError::invalid(
                "card_batch",
                &card_batch.to_string(),
                InputProblem::Amount,
            ));
        }
        let operator = self.require_operator().await?;
        let shift = self.require_shift().await?;
        cash.check(shift.country)?;
        let count = ClosingCount {
            cash,
            card_batch,
            counted_at: Timestamp::now(),
            counted_by: operator.map(|person| person.name),
        };
        self.in_db(move |db| store::record_closing_count(db, shift.id, &count))
            .await?;
        self.refresh_open_vouchers(shift.id).await;
        self.refresh_open_checkouts(shift.id).await;
        let summary = self.summary_for_closing(&shift).await;
        self.status_with(summary)
            .await?
            .ok_or(TillError::NoShiftOpen)
    }

    /// Closes the open shift and files its Z report. Refused while an operation's outcome is unknown,
    /// before the blind count, and, when a difference is over the tolerance (or a payment is missing at
    /// aCuotaz, or its summary cannot be had), without a supervisor's PIN and reason.
    pub async fn close_shift(&self, approval: Option<&Approval>) -> Result<ZReport, TillError> {
        self.ensure_settings_confirmed()?;
        let operator = self.require_operator().await?;
        let shift = self.require_shift().await?;
        self.refresh_open_vouchers(shift.id).await;
        self.refresh_open_checkouts(shift.id).await;
        let summary = self.summary_for_closing(&shift).await;
        let status = self
            .status_with(summary)
            .await?
            .ok_or(TillError::NoShiftOpen)?;
        if !status.unknown_operations.is_empty() {
            return Err(TillError::UnknownOperations {
                ids: status
                    .unknown_operations
                    .iter()
                    .map(|entry| entry.id)
                    .collect(),
            });
        }
        let count = status.count.clone().ok_or(TillError::NotCounted)?;
        let approved = if status.reconciliation.needs_approval {
            let (mode, approval) = (self.mode(), approval.cloned());
            self.on_staff(move |staff| {
                staff.approval_for(mode, approval.as_ref(), "shift_difference")
            })
            .await?
        } else {
            None
        };
        let closed_at = Timestamp::now();
        let closed_by = operator.map(|person| person.name);
        let mode = self.mode();
        let mut report = ZReport {
            number: 0,
            mode,
            shift: Shift {
                closed_at: Some(closed_at),
                closed_by: closed_by.clone(),
                ..status.shift
            },
            movements: status.movements,
            operations: status.operations.len(),
            count,
            recounts: 0,
            reconciliation: status.reconciliation,
            transfers: status.transfers,
            financing: status.financing,
            approval: approved.map(|approved| ApprovalRecord {
                supervisor: approved.supervisor.name,
                reason: approved.reason,
            }),
        };
        let shift_id = report.shift.id;
        let template = report.clone();
        let number = self
            .in_db(move |db| {
                let recounts = store::counts(db, shift_id, "closing")?.len();
                z::close(
                    db,
                    mode,
                    shift_id,
                    closed_by.as_deref(),
                    closed_at,
                    |number| {
                        let mut filed = template.clone();
                        filed.number = number;
                        filed.shift.z_number = Some(number);
                        filed.recounts = recounts.saturating_sub(1);
                        serde_json::to_string(&filed).unwrap_or_default()
                    },
                )
            })
            .await?;
        report.number = number;
        report.shift.z_number = Some(number);
        self.z_report(number).await.or(Ok(report))
    }

    async fn require_shift(&self) -> Result<Shift, TillError> {
        let mode = self.mode();
        self.in_db(move |db| store::load(db, mode, None))
            .await?
            .ok_or(TillError::NoShiftOpen)
    }

    /// aCuotaz's summary of the shift's day, fresh or cached; none when neither can be had (the
    /// reconciliation then says so, and closing needs a supervisor), and none asked for in a country
    /// without aCuotaz.
    async fn summary_for_closing(&self, shift: &Shift) -> Option<DaySummary> {
        if !shift.country.offers(Provider::Acuotaz) {
            return None;
        }
        let day = shift_day(shift);
        match self.day_summary(day).await {
            Ok(summary) => Some(summary),
            Err(error) => {
                tracing::warn!(%day, %error, "no day summary for the reconciliation");
                None
            }
        }
    }
}

/// The store's day whose summary reconciles a shift: the day it opened.
fn shift_day(shift: &Shift) -> Date {
    shift.lima_day
}
