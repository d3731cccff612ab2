//! A shift's bank-transfer vouchers (aPagos), as its reconciliation and its Z see them: the vouchers
//! registered while the shift was open (`shift_id`), grouped by where each stands — aPagos' status, or
//! Caja's side of the register when aPagos never answered or refused — with a count and a sum per group,
//! and the ones not settled yet listed one by one ([`Transfers`], filed in the Z's snapshot). What
//! aPagos validated is the transfer line's counted amount ([`validated_total`]).
//!
//! Before a shift is reconciled for closing, the vouchers still waiting for aPagos are read again
//! ([`Till::refresh_open_vouchers`]), so the Z files what aPagos says at closing, not what it said when
//! the cashier last looked.

use providers::Soles;
use providers::apagos::VoucherStatus;
use serde::{Deserialize, Serialize};

use crate::error::{TillError, VoucherError};
use crate::operations::Till;
use crate::vouchers::{Billing, Voucher, VoucherState};

/// Where a voucher stands, as the Z groups them (in the Z's order).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoucherGroup {
    /// aPagos matched the transfer: its validated amount counts.
    Validated,
    Invalid,
    /// `IN_REVIEW`: aPagos' people are looking at it.
    InReview,
    /// Registered, aPagos not decided yet (`PENDING`, or not read since the register).
    Pending,
    Canceled,
    /// A status aPagos' document does not list, kept as aPagos wrote it.
    Other(String),
    /// The register's answer never came (`unknown`), or the till stopped while sending it (`sending`):
    /// the voucher may exist at aPagos; a supervisor resolves it.
    Unanswered,
    /// aPagos refused the register: no voucher exists there.
    Refused,
    /// A supervisor decided an unanswered register never reached aPagos.
    Abandoned,
}

impl VoucherGroup {
    pub fn of(voucher: &Voucher) -> VoucherGroup {
        match voucher.state {
            VoucherState::Sending | VoucherState::Unknown => VoucherGroup::Unanswered,
            VoucherState::Refused => VoucherGroup::Refused,
            VoucherState::Abandoned => VoucherGroup::Abandoned,
            VoucherState::Pending => match &voucher.status {
                None | Some(VoucherStatus::Pending) => VoucherGroup::Pending,
                Some(VoucherStatus::Validated) => VoucherGroup::Validated,
                Some(VoucherStatus::Invalid) => VoucherGroup::Invalid,
                Some(VoucherStatus::Canceled) => VoucherGroup::Canceled,
                Some(VoucherStatus::Other(text)) if text == "IN_REVIEW" => VoucherGroup::InReview,
                Some(VoucherStatus::Other(text)) => VoucherGroup::Other(text.clone()),
            },
        }
    }

    /// Settled: aPagos decided (validated, invalid, canceled), or no voucher exists there. The rest
    /// still wait for aPagos or a supervisor (a status the document does not list included: Caja
    /// cannot tell it is final).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            VoucherGroup::Validated
                | VoucherGroup::Invalid
                | VoucherGroup::Canceled
                | VoucherGroup::Refused
                | VoucherGroup::Abandoned
        )
    }
}

/// One group of the shift's vouchers: how many, and their sum (the validated amounts where aPagos
/// validated, the typed ones otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupTally {
    pub group: VoucherGroup,
    pub count: u32,
    pub amount: Soles,
}

/// A voucher not settled yet, as the Z lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenVoucher {
    /// Caja's id: `T01-C1-V000042`.
    pub voucher_id: String,
    /// As the cashier typed it from the receipt.
    pub operation_number: String,
    /// As typed: aPagos has not validated it.
    pub amount: Soles,
    pub group: VoucherGroup,
}

/// The shift's vouchers by group, and the open ones one by one. Empty for a shift without vouchers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transfers {
    /// One line per group present, in [`VoucherGroup`]'s order.
    pub groups: Vec<GroupTally>,
    /// The vouchers not [final](VoucherGroup::is_final), oldest first.
    pub open: Vec<OpenVoucher>,
}

impl Transfers {
    /// The vouchers of `shift_id` among `vouchers` (any order).
    pub fn of_shift(vouchers: &[Voucher], shift_id: i64) -> Transfers {
        let mut mine: Vec<&Voucher> = of_shift(vouchers, shift_id).collect();
        mine.sort_by_key(|voucher| voucher.row);
        let mut groups: Vec<GroupTally> = Vec::new();
        let mut open = Vec::new();
        for voucher in mine {
            let group = VoucherGroup::of(voucher);
            let amount = if voucher.is_validated() {
                voucher.counted_amount()
            } else {
                voucher.amount
            };
            if !group.is_final() {
                open.push(OpenVoucher {
                    voucher_id: voucher.voucher_id.clone(),
                    operation_number: voucher.operation_number.clone(),
                    amount: voucher.amount,
                    group: group.clone(),
                });
            }
            match groups.iter_mut().find(|tally| tally.group == group) {
                Some(tally) => {
                    tally.count += 1;
                    tally.amount =
                        Soles::from_centimos(tally.amount.centimos() + amount.centimos());
                }
                None => groups.push(GroupTally {
                    group,
                    count: 1,
                    amount,
                }),
            }
        }
        groups.sort_by(|a, b| a.group.cmp(&b.group));
        Transfers { groups, open }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

fn of_shift(vouchers: &[Voucher], shift_id: i64) -> impl Iterator<Item = &Voucher> {
    vouchers
        .iter()
        .filter(move |voucher| voucher.shift_id == Some(shift_id))
}

/// The sum of what aPagos validated of the transfers that paid a down payment in the shift (each
/// billed through the journal, so each is one of the line's payments): the transfer line's counted
/// amount. None when no voucher of the shift paid anything (a till without aPagos counts no
/// transfers; a voucher registered on its own pays nothing).
pub fn validated_total(vouchers: &[Voucher], shift_id: i64) -> Option<Soles> {
    let mut any = false;
    let mut total = 0;
    for voucher in of_shift(vouchers, shift_id) {
        if voucher.billing == Some(Billing::Billed) && voucher.is_validated() {
            any = true;
            total += voucher.counted_amount().centimos();
        }
    }
    any.then(|| Soles::from_centimos(total))
}

impl Till {
    /// Reads again at aPagos (`info`) the open shift's vouchers that wait for its decision, before
    /// they are reconciled. Best effort: a voucher aPagos cannot be asked about keeps the status last
    /// seen (the Z then lists it as not settled), and once aPagos cannot be reached the rest are left.
    pub(super) async fn refresh_open_vouchers(&self, shift_id: i64) {
        let mode = self.mode();
        let read = self
            .in_db(move |db| crate::vouchers::of_shift(db, mode, shift_id))
            .await;
        let waiting: Vec<String> = match read {
            Ok(vouchers) => of_shift(&vouchers, shift_id)
                .filter(|voucher| {
                    voucher.state == VoucherState::Pending && !VoucherGroup::of(voucher).is_final()
                })
                .map(|voucher| voucher.voucher_id.clone())
                .collect(),
            Err(error) => {
                tracing::warn!(%error, "the shift's vouchers could not be read");
                return;
            }
        };
        for voucher_id in waiting {
            match self.refresh_voucher(&voucher_id).await {
                Ok(_) => {}
                Err(TillError::Voucher(VoucherError::OutcomeUnknown { .. })) => {
                    tracing::warn!(voucher_id, "aPagos unreachable: vouchers left as last seen");
                    return;
                }
                Err(error) => tracing::warn!(voucher_id, %error, "voucher not read again"),
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
            VoucherGroup::Abandoned,
            VoucherGroup::Other("EXPIRED".to_owned()),
            VoucherGroup::Unanswered,
            VoucherGroup::Pending,
            VoucherGroup::Validated,
            VoucherGroup::InReview,
        ];
        groups.sort();
        assert_eq!(groups[0], VoucherGroup::Validated);
        assert_eq!(groups[1], VoucherGroup::InReview);
        assert_eq!(groups[5], VoucherGroup::Abandoned);
        let open: Vec<bool> = groups.iter().map(|g| !g.is_final()).collect();
        assert_eq!(open, [false, true, true, true, true, false]);
    }

    #[test]
    fn a_group_reads_back_from_the_snapshot_as_written() {
        for group in [
            VoucherGroup::InReview,
            VoucherGroup::Other("EXPIRED".to_owned()),
        ] {
            let text = serde_json::to_string(&group).unwrap();
            assert_eq!(serde_json::from_str::<VoucherGroup>(&text).unwrap(), group);
        }
        assert_eq!(
            serde_json::to_string(&VoucherGroup::InReview).unwrap(),
            "\"in_review\""
        );
    }
}
