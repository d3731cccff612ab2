//! "Ventas a cuotas de esta caja": the aCuotaz orders this till started that day, oldest first, with
//! their status and what was refunded; a row whose status asks for attention carries a note beneath.
//! Left out of a day without credit sales.

use super::operations::{FIRST_ROWS, rows_table};
use crate::DaySheet;
use crate::blocks::section;
use crate::layout::Flow;
use crate::table::{Align, Column, HEADER_HEIGHT};

/// The widths of time, order, document, amount, status and refunded.
const COLUMNS: [Column; 6] = [
    Column {
        width: 40.0,
        align: Align::Left,
    },
    Column {
        width: 95.0,
        align: Align::Left,
    },
    Column {
        width: 80.0,
        align: Align::Left,
    },
    Column {
        width: 80.0,
        align: Align::Right,
    },
    Column {
        width: 130.0,
        align: Align::Left,
    },
    Column {
        width: 75.0,
        align: Align::Right,
    },
];

pub(super) fn draw(flow: &mut Flow, sheet: &DaySheet) {
    let sales = &sheet.credit_sales;
    if sales.rows.is_empty() {
        return;
    }
    section(flow, &sales.title, &sales.count, HEADER_HEIGHT + FIRST_ROWS);
    rows_table(flow, &COLUMNS, &sales.columns, &sales.rows);
}
