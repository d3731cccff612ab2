//! "Operaciones de esta caja": this till's own journal for the day, in the sheet's order (oldest first),
//! so the manager can set what the cashier did beside what the provider reports. A row with a note
//! (a rejected operation's reason) carries it on a line beneath.

use crate::blocks::{EMPTY_NOTE_HEIGHT, empty_note, section};
use crate::canvas::Style;
use crate::fonts::Face;
use crate::layout::Flow;
use crate::table::{Align, CELL, Column, HEADER_HEIGHT, ROW_BASELINE, ROW_HEIGHT, Table};
use crate::{DaySheet, OperationRow};

/// The widths of time, operation, code, document, state and down payment: the order of a row's cells.
const COLUMNS: [Column; 6] = [
    Column {
        width: 40.0,
        align: Align::Left,
    },
    Column {
        width: 100.0,
        align: Align::Left,
    },
    Column {
        width: 85.0,
        align: Align::Left,
    },
    Column {
        width: 85.0,
        align: Align::Left,
    },
    Column {
        width: 110.0,
        align: Align::Left,
    },
    Column {
        width: 80.0,
        align: Align::Right,
    },
];

const REASON: Style = Style::new(Face::Regular, 8.0).grey(0.3);
/// The extra height of a row with a reason line.
const REASON_LINE: f32 = 10.0;
/// What keeps a section's title company at the foot of a page: the column header and two rows.
pub(super) const FIRST_ROWS: f32 = 2.0 * (ROW_HEIGHT + REASON_LINE);

pub(super) fn draw(flow: &mut Flow, sheet: &DaySheet) {
    let words = &sheet.words;
    let operations = &sheet.operations;
    // The title stays with the column header and the first rows (or with the note of an empty till).
    let keep_with = if operations.is_empty() {
        EMPTY_NOTE_HEIGHT
    } else {
        HEADER_HEIGHT + FIRST_ROWS
    };
    section(
        flow,
        &words.operations_title,
        &sheet.operations_count,
        keep_with,
    );
    if operations.is_empty() {
        empty_note(flow, &words.no_operations);
        return;
    }
    rows_table(flow, &COLUMNS, &words.operation_columns, operations);
}

/// A table of rows with an optional note beneath each (the operations', the credit sales').
pub(super) fn rows_table(
    flow: &mut Flow,
    columns: &[Column; 6],
    headers: &[String; 6],
    rows: &[OperationRow],
) {
    let first_rows = FIRST_ROWS;
    let mut table = Table::start(flow, columns, headers, first_rows);
    for row in rows {
        let height = ROW_HEIGHT + if row.note.is_some() { REASON_LINE } else { 0.0 };
        let top = table.row(flow, height);
        let baseline = top + ROW_BASELINE;
        let page = flow.page();
        for (index, text) in row.cells.iter().enumerate() {
            table.cell(page, index, baseline, CELL, text);
        }
        if let Some(note) = &row.note {
            table.note(page, 1, 0.0, baseline + REASON_LINE, REASON, note);
        }
    }
    table.end(flow);
}
