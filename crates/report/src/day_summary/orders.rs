//! The detail of the day's orders: one row per order, as the sheet lists them (numbered, the
//! customer's DNI masked, the payment origin in words). Runs over as many pages as it needs.

use crate::DaySheet;
use crate::blocks::{EMPTY_NOTE_HEIGHT, empty_note, section};
use crate::layout::Flow;
use crate::table::{Align, CELL, Column, HEADER_HEIGHT, ROW_BASELINE, ROW_HEIGHT, Table};

/// The widths of number, order, DNI, payment origin and amount: the order of a row's cells.
const COLUMNS: [Column; 5] = [
    Column {
        width: 40.0,
        align: Align::Right,
    },
    Column {
        width: 180.0,
        align: Align::Left,
    },
    Column {
        width: 90.0,
        align: Align::Left,
    },
    Column {
        width: 100.0,
        align: Align::Left,
    },
    Column {
        width: 90.0,
        align: Align::Right,
    },
];

pub(super) fn draw(flow: &mut Flow, sheet: &DaySheet) {
    let words = &sheet.words;
    let orders = &sheet.orders;
    // The title stays with the column header and the first rows (or with the note of an empty day).
    let first_rows = 3.0 * ROW_HEIGHT;
    let keep_with = if orders.is_empty() {
        EMPTY_NOTE_HEIGHT
    } else {
        HEADER_HEIGHT + first_rows
    };
    section(flow, &words.orders_title, &sheet.orders_count, keep_with);
    if orders.is_empty() {
        empty_note(flow, &words.no_orders);
        return;
    }
    let mut table = Table::start(flow, &COLUMNS, &words.order_columns, first_rows);
    for cells in orders {
        let top = table.row(flow, ROW_HEIGHT);
        let baseline = top + ROW_BASELINE;
        let page = flow.page();
        for (index, text) in cells.iter().enumerate() {
            table.cell(page, index, baseline, CELL, text);
        }
    }
    table.end(flow);
}
