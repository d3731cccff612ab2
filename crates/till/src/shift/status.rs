//! The open shift as its screen, its X report and its closing see it: its movements, operations,
//! blind count, vouchers and Aplazame checkouts read in one go, and reconciled against the aCuotaz
//! summary it is given (see [`super::reconcile`]).

use providers::Soles;

use super::financing::Financing;
use super::reconcile::{Facts, reconcile};
use super::transfers::{Transfers, validated_total};
use super::{Direction, ShiftStatus, shift_day, store};
use crate::country::Provider;
use crate::error::TillError;
use crate::journal;
use crate::operations::Till;
use crate::summary::DaySummary;

impl Till {
    /// The open shift reconciled against `summary` (none: not fetched, or no aCuotaz). `None` when no
    /// shift is open.
    pub(super) async fn status_with(
        &self,
        summary: Option<DaySummary>,
    ) -> Result<Option<ShiftStatus>, TillError> {
        let (mode, tolerance) = (self.mode(), self.shift_rules().tolerance);
        self.in_db(move |db| {
            let Some(shift) = store::load(db, mode, None)? else {
                return Ok(None);
            };
            let vouchers = crate::vouchers::of_shift(db, mode, shift.id)?;
            let checkouts = crate::aplazame::of_shift(db, mode, shift.id)?;
            let movements = store::movements(db, shift.id)?;
            let operations = store::operations_of(db, shift.id)?;
            let earlier = store::payments_of_day_outside(db, mode, shift_day(&shift), shift.id)?;
            let count = store::counts(db, shift.id, "closing")?.pop();
            let unknown_operations = journal::open_operations(db, mode)?;
            let sum = |direction: Direction| {
                Soles::from_centimos(
                    movements
                        .iter()
                        .filter(|m| m.direction == direction)
                        .map(|m| m.amount.centimos())
                        .sum(),
                )
            };
            let reconciliation = reconcile(&Facts {
                opening_float: shift.opening.total(),
                cash_in: sum(Direction::In),
                cash_out: sum(Direction::Out),
                operations: &operations,
                earlier_payments: &earlier,
                summary: summary.as_ref(),
                summary_expected: shift.country.offers(Provider::Acuotaz),
                counted: count.as_ref().map(|c| (c.cash.total(), c.card_batch)),
                transfers_validated: validated_total(&vouchers, shift.id),
                tolerance,
            });
            let transfers = Transfers::of_shift(&vouchers, shift.id);
            let financing = Financing::of_shift(&checkouts, shift.id);
            Ok(Some(ShiftStatus {
                shift,
                movements,
                operations,
                reconciliation,
                count,
                unknown_operations,
                transfers,
                financing,
            }))
        })
        .await
    }
}
