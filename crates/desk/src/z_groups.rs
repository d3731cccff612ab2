//! A Z section that counts a provider's items by where each stands — the shift's bank-transfer vouchers
//! (`z_transfers`), its Aplazame checkouts (`z_financing`) — laid out once for the two papers: the PDF's
//! sections ([`sections`]: a line per group with its count and sum, then the unsettled items one by one)
//! and the 80 mm ticket's lines ([`ticket_lines`]). Each provider's module says what its groups and
//! items are called ([`Grouped`]); the amounts arrive already written in the shift's currency.

use report::ticket::TicketLine;
use report::{ZRow, ZSection};

/// The words around one provider's section.
pub(crate) struct GroupWords {
    pub title: &'static str,
    /// At the right of the title: whose statuses these are.
    pub aside: &'static str,
    /// Status, count, amount.
    pub columns: [&'static str; 3],
    /// The items not settled, one by one.
    pub open_title: &'static str,
    /// Id, detail, status, amount.
    pub open_columns: [&'static str; 4],
    /// Before an item's detail on the ticket (`op.` before a voucher's operation number).
    pub detail_prefix: &'static str,
}

/// One group: its name, how many, their sum as written.
pub(crate) struct GroupLine {
    pub label: String,
    pub count: u32,
    pub amount: String,
}

/// One item not settled: its id, a detail (a voucher's operation number; none for a checkout), its
/// group's name and its amount as written.
pub(crate) struct OpenLine {
    pub id: String,
    pub detail: Option<String>,
    pub label: String,
    pub amount: String,
}

/// A provider's section, ready to lay out. Empty groups: the shift had none, and nothing is printed.
pub(crate) struct Grouped {
    pub words: GroupWords,
    pub groups: Vec<GroupLine>,
    pub open: Vec<OpenLine>,
}

/// The PDF's sections: the groups, then the items not settled (when any).
pub(crate) fn sections(grouped: &Grouped) -> Vec<ZSection> {
    if grouped.groups.is_empty() {
        return Vec::new();
    }
    let words = &grouped.words;
    let groups = grouped
        .groups
        .iter()
        .map(|line| {
            ZRow::plain(vec![
                line.label.clone(),
                line.count.to_string(),
                line.amount.clone(),
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
    if !grouped.open.is_empty() {
        let rows = grouped
            .open
            .iter()
            .map(|open| {
                ZRow::plain(vec![
                    open.id.clone(),
                    open.detail.clone().unwrap_or_default(),
                    open.label.clone(),
                    open.amount.clone(),
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

/// The ticket's lines: a heading, one line per group, then each item not settled with its detail and
/// group under it.
pub(crate) fn ticket_lines(grouped: &Grouped) -> Vec<TicketLine> {
    if grouped.groups.is_empty() {
        return Vec::new();
    }
    let words = &grouped.words;
    let mut lines = vec![
        TicketLine::Rule,
        TicketLine::Centered(words.title.to_owned()),
    ];
    for line in &grouped.groups {
        lines.push(TicketLine::Pair {
            left: format!("{} ({})", line.label, line.count),
            right: line.amount.clone(),
        });
    }
    if !grouped.open.is_empty() {
        lines.push(TicketLine::Text(format!("{}:", words.open_title)));
        for open in &grouped.open {
            lines.push(TicketLine::Pair {
                left: format!("  {}", open.id),
                right: open.amount.clone(),
            });
            lines.push(TicketLine::Text(match &open.detail {
                Some(detail) => format!("    {} {detail} · {}", words.detail_prefix, open.label),
                None => format!("    {}", open.label),
            }));
        }
    }
    lines
}
