//! The Z report: a closed shift as it was filed, kept whole in SQLite as a snapshot so that a reprint
//! any day later shows exactly what the original did. Its number is the mode's next, given in the same
//! transaction that closes the shift (see `store::close`).

use serde::{Deserialize, Serialize};

use super::reconcile::Reconciliation;
use super::{CashMovement, ClosingCount, Shift};
use crate::mode::Mode;

/// Who approved the differences, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalRecord {
    pub supervisor: String,
    pub reason: String,
}

/// A filed Z report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZReport {
    pub number: i64,
    pub mode: Mode,
    pub shift: Shift,
    pub movements: Vec<CashMovement>,
    /// How many journal rows the shift holds.
    pub operations: usize,
    /// The blind count the closing used (the last one).
    pub count: ClosingCount,
    /// How many times the drawer was counted again before closing.
    pub recounts: usize,
    pub reconciliation: Reconciliation,
    pub approval: Option<ApprovalRecord>,
}
