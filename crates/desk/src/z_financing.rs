//! A shift's Aplazame checkouts (Spain) on the Z's papers, in the till's language: the PDF's sections
//! ([`sections`]) and the 80 mm ticket's lines ([`ticket_lines`]); the Turno screen's view of them is
//! `views::FinancingView`. Both read `Financing` from the Z's snapshot, so a reprint shows what
//! Aplazame said at closing; amounts are written in the shift's currency. A shift without checkouts
//! prints nothing.

use report::ZSection;
use report::ticket::TicketLine;
use till::Country;
use till::shift::financing::Financing;

use crate::wording::Lang;
use crate::wording::financing::{group, words};
use crate::z_groups::{self, GroupLine, GroupWords, Grouped, OpenLine};

fn grouped(financing: &Financing, country: Country, lang: Lang) -> Grouped {
    let words = words(lang);
    Grouped {
        words: GroupWords {
            title: words.title,
            aside: words.aside,
            columns: words.columns,
            open_title: words.open_title,
            open_columns: words.open_columns,
            detail_prefix: "",
        },
        groups: financing
            .groups
            .iter()
            .map(|tally| GroupLine {
                label: group(lang, tally.group).to_owned(),
                count: tally.count,
                amount: country.money_text(tally.amount),
            })
            .collect(),
        open: financing
            .open
            .iter()
            .map(|open| OpenLine {
                id: open.order_id.clone(),
                detail: None,
                label: group(lang, open.group).to_owned(),
                amount: country.money_text(open.amount),
            })
            .collect(),
    }
}

/// The PDF's sections: the checkouts by status, then the ones not settled one by one (when any).
pub(crate) fn sections(financing: &Financing, country: Country, lang: Lang) -> Vec<ZSection> {
    z_groups::sections(&grouped(financing, country, lang))
}

/// The ticket's lines: a heading, one line per status, then each checkout not settled.
pub(crate) fn ticket_lines(financing: &Financing, country: Country, lang: Lang) -> Vec<TicketLine> {
    z_groups::ticket_lines(&grouped(financing, country, lang))
}
