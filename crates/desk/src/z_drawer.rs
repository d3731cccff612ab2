//! The Z's drawer sections on paper: the blind count by denomination of the shift's currency (with the
//! card terminal's batch and how many recounts there were) and the cash movements in and out with
//! their approvals. The rest of the sheet is `z_sheet`'s.

use report::{Emphasis, ZRow, ZSection};
use till::shift::z::ZReport;

use crate::wording::receipt::ZWords;
use crate::wording::{self, Lang};

pub(crate) fn count(report: &ZReport, words: &ZWords) -> ZSection {
    let country = report.shift.country;
    let mut rows: Vec<ZRow> = report
        .count
        .cash
        .lines(country)
        .into_iter()
        .filter(|(_, pieces, _)| *pieces > 0)
        .map(|(denomination, pieces, amount)| {
            ZRow::plain(vec![
                country.money_text(denomination),
                pieces.to_string(),
                country.money_text(amount),
            ])
        })
        .collect();
    rows.push(ZRow {
        emphasis: Emphasis::Total,
        ..ZRow::plain(vec![
            String::new(),
            String::new(),
            country.money_text(report.count.cash.total().centimos()),
        ])
    });
    rows.push(ZRow::plain(vec![
        words.card_batch.to_owned(),
        String::new(),
        country.money_text(report.count.card_batch.centimos()),
    ]));
    if report.recounts > 0 {
        rows.push(ZRow::plain(vec![
            words.recounts.to_owned(),
            report.recounts.to_string(),
            String::new(),
        ]));
    }
    ZSection {
        title: words.count_title.to_owned(),
        aside: report.count.counted_by.clone(),
        columns: words
            .count_columns
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
        numeric_from: 1,
        rows,
        empty: String::new(),
    }
}

pub(crate) fn movements(report: &ZReport, lang: Lang, words: &ZWords) -> ZSection {
    let rows = report
        .movements
        .iter()
        .map(|movement| {
            let mut row = ZRow::plain(vec![
                crate::views::store_time_text(report.shift.country, movement.at, "%H:%M"),
                wording::shift::direction(lang, movement.direction).to_owned(),
                movement.reason.clone(),
                report.shift.country.money_text(movement.amount.centimos()),
            ]);
            row.note = movement
                .approver
                .as_ref()
                .map(|approver| format!("{} {approver}", words.approved_by));
            row
        })
        .collect();
    ZSection {
        title: words.movements_title.to_owned(),
        aside: None,
        columns: words
            .movement_columns
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
        numeric_from: 3,
        rows,
        empty: words.no_movements.to_owned(),
    }
}
