//! The shift's Aplazame checkouts (Spain) as the Turno screen shows them beside the drawer, on the X
//! report, after the blind count and on a filed Z ([`FinancingView`]), read from `Financing` as the
//! till grouped them, with amounts in the shift's currency. The papers' version is `z_financing`.

use serde::Serialize;
use till::Country;
use till::shift::financing::{Financing, FinancingGroup};
use ts_rs::TS;

use super::Money;
use crate::wording::Lang;
use crate::wording::financing::{group, words};

/// One status of the shift's checkouts on the Turno screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FinancingGroupView {
    /// `Confirmada (ok)`, `Denegada (ko)`, …
    pub label: String,
    /// Aplazame confirmed these: sold, paid by Aplazame.
    pub confirmed: bool,
    pub count: u32,
    pub amount: Money,
}

/// A checkout not settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenCheckoutView {
    pub order_id: String,
    pub status_label: String,
    pub amount: Money,
}

/// The shift's Aplazame checkouts, as the Turno screen shows them beside the drawer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FinancingView {
    pub title: String,
    /// Aplazame pays the store; none of it is in the drawer.
    pub aside: String,
    pub groups: Vec<FinancingGroupView>,
    /// Waiting for the customer, the store or a supervisor, or an alert.
    pub open: Vec<OpenCheckoutView>,
}

/// The view of the shift's checkouts; none when the shift had none.
pub fn financing_view(
    financing: &Financing,
    country: Country,
    lang: Lang,
) -> Option<FinancingView> {
    let words = words(lang);
    (!financing.is_empty()).then(|| FinancingView {
        title: words.title.to_owned(),
        aside: words.aside.to_owned(),
        groups: financing
            .groups
            .iter()
            .map(|tally| FinancingGroupView {
                label: group(lang, tally.group).to_owned(),
                confirmed: tally.group == FinancingGroup::Confirmed,
                count: tally.count,
                amount: Money::of(country, tally.amount),
            })
            .collect(),
        open: financing
            .open
            .iter()
            .map(|open| OpenCheckoutView {
                order_id: open.order_id.clone(),
                status_label: group(lang, open.group).to_owned(),
                amount: Money::of(country, open.amount),
            })
            .collect(),
    })
}
