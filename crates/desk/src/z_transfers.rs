//! The Z's bank-transfer vouchers (aPagos) in the till's language, for the three places that show a
//! filed Z: the PDF's sections ([`sections`]), the 80 mm ticket's lines ([`ticket_lines`]) and the
//! closing screen's view ([`TransfersView`]). All read `ZReport::transfers` from the snapshot, so a
//! reprint shows the statuses aPagos gave at closing. A shift without vouchers prints nothing.

use report::ZSection;
use report::ticket::TicketLine;
use serde::Serialize;
use till::shift::transfers::Transfers;
use ts_rs::TS;

use crate::views::Money;
use crate::wording::Lang;
use crate::wording::transfers::{group, words};
use crate::z_groups::{self, GroupLine, GroupWords, Grouped, OpenLine};

/// The vouchers as the Z's papers lay them out (see `z_groups`).
fn grouped(transfers: &Transfers, lang: Lang) -> Grouped {
    let words = words(lang);
    Grouped {
        words: GroupWords {
            title: words.title,
            aside: words.aside,
            columns: words.columns,
            open_title: words.open_title,
            open_columns: words.open_columns,
            detail_prefix: words.operation,
        },
        groups: transfers
            .groups
            .iter()
            .map(|tally| GroupLine {
                label: group(lang, &tally.group),
                count: tally.count,
                amount: tally.amount.to_string(),
            })
            .collect(),
        open: transfers
            .open
            .iter()
            .map(|open| OpenLine {
                id: open.voucher_id.clone(),
                detail: Some(open.operation_number.clone()),
                label: group(lang, &open.group),
                amount: open.amount.to_string(),
            })
            .collect(),
    }
}

/// The PDF's sections: the vouchers by status, then the ones not settled one by one (when any).
pub(crate) fn sections(transfers: &Transfers, lang: Lang) -> Vec<ZSection> {
    z_groups::sections(&grouped(transfers, lang))
}

/// The ticket's lines: a heading, one line per status, then each voucher not settled with its
/// operation number and status under it.
pub(crate) fn ticket_lines(transfers: &Transfers, lang: Lang) -> Vec<TicketLine> {
    z_groups::ticket_lines(&grouped(transfers, lang))
}

/// One status of the Z's vouchers on the closing screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TransferGroupView {
    /// `Validada`, `En revisión`, … or aPagos' own word for a status its document does not list.
    pub label: String,
    pub count: u32,
    /// The validated amounts where aPagos validated, the typed ones otherwise.
    pub amount: Money,
}

/// A voucher not settled at closing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenVoucherView {
    pub voucher_id: String,
    pub operation_number: String,
    pub status_label: String,
    pub amount: Money,
}

/// The Z's bank-transfer vouchers (aPagos), as the closing screen shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TransfersView {
    pub groups: Vec<TransferGroupView>,
    /// Pending, in review, unanswered (or an unlisted status): still to follow up.
    pub open: Vec<OpenVoucherView>,
}

/// The view of the Z's vouchers; none when the shift had none.
pub(crate) fn view(transfers: &Transfers, lang: Lang) -> Option<TransfersView> {
    (!transfers.is_empty()).then(|| TransfersView {
        groups: transfers
            .groups
            .iter()
            .map(|tally| TransferGroupView {
                label: group(lang, &tally.group),
                count: tally.count,
                amount: tally.amount.into(),
            })
            .collect(),
        open: transfers
            .open
            .iter()
            .map(|open| OpenVoucherView {
                voucher_id: open.voucher_id.clone(),
                operation_number: open.operation_number.clone(),
                status_label: group(lang, &open.group),
                amount: open.amount.into(),
            })
            .collect(),
    })
}
