//! A shift's Aplazame checkouts (Spain), as its X and Z report see them: the checkouts asked for while
//! the shift was open (`shift_id`), grouped by where each stands — Aplazame's answer, the store's
//! decision it waits for, or Caja's side of the create when Aplazame never answered or refused — with a
//! count and a sum per group, and the ones not settled yet listed one by one ([`Financing`], filed in
//! the Z's snapshot).
//!
//! None of it is drawer money: Aplazame pays the store the financed amount, so the confirmed sum is
//! reported beside the cash, never added to what the drawer should hold. Before a shift is reconciled
//! for closing, its checkouts still waiting are read again ([`Till::refresh_open_checkouts`]), so the
//! Z files what Aplazame says at closing.

use serde::{Deserialize, Serialize};

use crate::aplazame::{Checkout, CreateState};
use crate::operations::Till;

/// Where a checkout stands, as the Z groups them (in the Z's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FinancingGroup {
    /// `ok`, every answer matching what was sent: the product was handed over, Aplazame pays.
    Confirmed,
    /// `ko`: the customer or Aplazame did not go on, or the store rejected; nothing was sold.
    Declined,
    /// Aplazame asks the store to confirm (`pending/confirmation_required`).
    AwaitingStore,
    /// Created, the buyer not done on their phone yet (or not read since).
    AwaitingBuyer,
    /// An answer did not match what was sent: an alert for a supervisor, never a sale.
    Alert,
    /// The create's answer never came: the checkout may exist; a supervisor resolves it.
    Unanswered,
    /// `403`: Aplazame does not finance that order.
    NotFinanced,
    /// Aplazame refused the create.
    Refused,
    /// A supervisor decided an unanswered create never reached Aplazame.
    Abandoned,
}

impl FinancingGroup {
    pub fn of(checkout: &Checkout) -> FinancingGroup {
        match checkout.state {
            CreateState::Sending | CreateState::Unknown => FinancingGroup::Unanswered,
            CreateState::NotFinanced => FinancingGroup::NotFinanced,
            CreateState::Refused => FinancingGroup::Refused,
            CreateState::Abandoned => FinancingGroup::Abandoned,
            CreateState::Created if !checkout.mismatch.is_empty() => FinancingGroup::Alert,
            CreateState::Created if checkout.may_hand_over() => FinancingGroup::Confirmed,
            CreateState::Created if checkout.status.as_deref() == Some("ko") => {
                FinancingGroup::Declined
            }
            CreateState::Created if checkout.awaits_confirmation() => FinancingGroup::AwaitingStore,
            CreateState::Created => FinancingGroup::AwaitingBuyer,
        }
    }

    /// Settled: Aplazame's answer is final, or nothing exists there. The rest wait for the buyer,
    /// the store or a supervisor (an alert included: someone must look at it).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            FinancingGroup::Confirmed
                | FinancingGroup::Declined
                | FinancingGroup::NotFinanced
                | FinancingGroup::Refused
                | FinancingGroup::Abandoned
        )
    }
}

/// One group of the shift's checkouts: how many, and the sum of their totals in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FinancingTally {
    pub group: FinancingGroup,
    pub count: u32,
    pub amount: i64,
}

/// A checkout not settled yet, as the Z lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenCheckout {
    /// Caja's order id, Aplazame's `mid`: `T01-C1-A000042`.
    pub order_id: String,
    /// What was asked, in minor units.
    pub amount: i64,
    pub group: FinancingGroup,
}

/// The shift's checkouts by group, and the open ones one by one. Empty for a shift without any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Financing {
    /// One line per group present, in [`FinancingGroup`]'s order.
    pub groups: Vec<FinancingTally>,
    /// The checkouts not [final](FinancingGroup::is_final), oldest first.
    pub open: Vec<OpenCheckout>,
}

impl Financing {
    /// The checkouts of `shift_id` among `checkouts` (any order).
    pub fn of_shift(checkouts: &[Checkout], shift_id: i64) -> Financing {
        let mut mine: Vec<&Checkout> = checkouts
            .iter()
            .filter(|checkout| checkout.shift_id == Some(shift_id))
            .collect();
        mine.sort_by_key(|checkout| checkout.row);
        let mut groups: Vec<FinancingTally> = Vec::new();
        let mut open = Vec::new();
        for checkout in mine {
            let group = FinancingGroup::of(checkout);
            let amount = checkout.total.cents();
            if !group.is_final() {
                open.push(OpenCheckout {
                    order_id: checkout.order_id.clone(),
                    amount,
                    group,
                });
            }
            match groups.iter_mut().find(|tally| tally.group == group) {
                Some(tally) => {
                    tally.count += 1;
                    tally.amount += amount;
                }
                None => groups.push(FinancingTally {
                    group,
                    count: 1,
                    amount,
                }),
            }
        }
        groups.sort_by_key(|tally| tally.group);
        Financing { groups, open }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// How many checkouts the shift made, whatever became of them.
    pub fn checkouts(&self) -> usize {
        self.groups.iter().map(|tally| tally.count as usize).sum()
    }

    /// What Aplazame confirmed in the shift: how many, and their sum in minor units.
    pub fn confirmed(&self) -> (u32, i64) {
        self.groups
            .iter()
            .find(|tally| tally.group == FinancingGroup::Confirmed)
            .map_or((0, 0), |tally| (tally.count, tally.amount))
    }
}

impl Till {
    /// Reads again at Aplazame the open shift's checkouts that still wait, before they are reconciled.
    /// Best effort: a checkout that cannot be read keeps the status last seen (the Z then lists it as
    /// not settled). Nothing to do on a till without Aplazame.
    pub(super) async fn refresh_open_checkouts(&self, shift_id: i64) {
        if self.aplazame_setup().is_err() {
            return;
        }
        let waiting: Vec<String> = match self.checkouts().await {
            Ok(checkouts) => checkouts
                .iter()
                .filter(|c| c.shift_id == Some(shift_id) && c.state == CreateState::Created)
                .filter(|c| !c.is_final())
                .map(|c| c.order_id.clone())
                .collect(),
            Err(error) => {
                tracing::warn!(%error, "the shift's Aplazame checkouts could not be read");
                return;
            }
        };
        for order_id in waiting {
            if let Err(error) = self.refresh_checkout(&order_id).await {
                tracing::warn!(order_id, %error, "Aplazame checkout not read again");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_groups_keep_the_z_order_and_only_unsettled_ones_are_open() {
        let mut groups = [
            FinancingGroup::Abandoned,
            FinancingGroup::Unanswered,
            FinancingGroup::AwaitingStore,
            FinancingGroup::Confirmed,
            FinancingGroup::Alert,
        ];
        groups.sort();
        assert_eq!(groups[0], FinancingGroup::Confirmed);
        assert_eq!(groups[4], FinancingGroup::Abandoned);
        let open: Vec<bool> = groups.iter().map(|g| !g.is_final()).collect();
        assert_eq!(open, [false, true, true, true, false]);
        assert_eq!(
            serde_json::to_string(&FinancingGroup::AwaitingStore).unwrap(),
            "\"awaiting_store\""
        );
    }
}
