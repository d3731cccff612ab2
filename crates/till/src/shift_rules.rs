//! The money rules of shifts a till is opened with (from its settings): the tolerance at closing and
//! the amount of cash in or out above which a supervisor approves, in minor units of the store's
//! currency (the till's country, `Till::country`, which a shift records when it opens). A leaf: the
//! till holds them, the shift applies them.

use providers::Soles;

/// The money rules of shifts, from the till's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShiftRules {
    /// A difference at closing up to this needs no supervisor.
    pub tolerance: Soles,
    /// Cash in or out above this needs a supervisor's approval.
    pub movement_approval_above: Soles,
}

impl Default for ShiftRules {
    fn default() -> Self {
        ShiftRules {
            tolerance: Soles::from_centimos(100),
            movement_approval_above: Soles::from_centimos(20_000),
        }
    }
}
