//! The Z's bank-transfer vouchers (aPagos) in the till's language, for the three places that show a
//! filed Z: the PDF's sections ([`sections`]), the 80 mm ticket's lines ([`ticket_lines`]) and the
//! closing screen's view ([`TransfersView`]). All read `ZReport::transfers` from the snapshot, so a
//! reprint shows the statuses aPagos gave at closing. A shift without vouchers prints nothing.

use report::ticket::TicketLine;
use report::{Emphasis, ZRow, ZSection};
use serde::Serialize;
use till::shift::transfers::Transfers;
use ts_rs::TS;

use crate::views::Money;
use crate::wording::Lang;
use crate::wording::transfers::{group, words};

fn row(cells: Vec<String>) -> ZRow {
    ZRow {
        cells,
        note: None,
        emphasis: Emphasis::Normal,
    }
}

/// The PDF's sections: the vouchers by status, then the ones not settled one by one (when any).
pub(crate) fn sections(transfers: &Transfers, lang: Lang) -> Vec<ZSection> {
    if transfers.is_empty() {
        return Vec::new();
    }
    let words = words(lang);
    let groups = transfers
        .groups
        .iter()
        .map(|tally| {
            row(vec![
                group(lang, &tally.group),
                tally.count.to_string(),
                tally.amount.to_string(),
            ])
        })
        .collect();
    let mut sections = vec![ZSection {
        title: words.title.to_owned(),
        aside: Some(words.aside.to_owned()),
        columns: words.columns.iter().map(|c| (*c).to_owned()).collect(),
        numeric_from: 1,
        rows: groups,
        empty: String::new(),
    }];
    if !transfers.open.is_empty() {
        let rows = transfers
            .open
            .iter()
            .map(|open| {
                row(vec![
                    open.voucher_id.clone(),
                    open.operation_number.clone(),
                    group(lang, &open.group),
                    open.amount.to_string(),
                ])
            })
            .collect();
        sections.push(ZSection {
            title: words.open_title.to_owned(),
            aside: None,
            columns: words.open_columns.iter().map(|c| (*c).to_owned()).collect(),
            numeric_from: 3,
            rows,
            empty: String::new(),
        });
    }
    sections
}

/// The ticket's lines: a heading, one line per status, then each voucher not settled with its
/// operation number and status under it.
pub(crate) fn ticket_lines(transfers: &Transfers, lang: Lang) -> Vec<TicketLine> {
    if transfers.is_empty() {
        return Vec::new();
    }
    let words = words(lang);
    let mut lines = vec![
        TicketLine::Rule,
        TicketLine::Centered(words.title.to_owned()),
    ];
    for tally in &transfers.groups {
        lines.push(TicketLine::Pair {
            left: format!("{} ({})", group(lang, &tally.group), tally.count),
            right: tally.amount.to_string(),
        });
    }
    if !transfers.open.is_empty() {
        lines.push(TicketLine::Text(format!("{}:", words.open_title)));
        for open in &transfers.open {
            lines.push(TicketLine::Pair {
                left: format!("  {}", open.voucher_id),
                right: open.amount.to_string(),
            });
            lines.push(TicketLine::Text(format!(
                "    {} {} · {}",
                words.operation,
                open.operation_number,
                group(lang, &open.group)
            )));
        }
    }
    lines
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
