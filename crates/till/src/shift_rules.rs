//! The money rules of shifts a till is opened with (from its settings): the store's country (whose
//! money the drawer is counted in and whose day a shift belongs to), the tolerance at closing and the
//! amount of cash in or out above which a supervisor approves. A leaf: the till holds them, the shift
//! applies them.

use providers::Soles;

use crate::country::Country;

/// The money rules of shifts, from the till's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShiftRules {
    /// The drawer's money, coins and notes, the day a shift opens on, and whether aCuotaz's summary
    /// is part of the reconciliation. Amounts below are in this country's minor units.
    pub country: Country,
    /// A difference at closing up to this needs no supervisor.
    pub tolerance: Soles,
    /// Cash in or out above this needs a supervisor's approval.
    pub movement_approval_above: Soles,
}

impl Default for ShiftRules {
    fn default() -> Self {
        ShiftRules {
            country: Country::Peru,
            tolerance: Soles::from_centimos(100),
            movement_approval_above: Soles::from_centimos(20_000),
        }
    }
}
