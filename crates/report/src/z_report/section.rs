//! One titled table of the Z report's body: its title on a rule with the aside at the right, the
//! column header (repeated, under the section's title, on every page the table reaches), one banded
//! line per row with its note beneath, totals bold under a rule and differences bold on a darker band
//! with a bar in the margin, so they stand out on a black-and-white printer too. An empty section
//! prints its note instead.

use std::borrow::Cow;

use super::columns;
use crate::blocks::{self, EMPTY_NOTE_HEIGHT};
use crate::canvas::Style;
use crate::fonts::Face;
use crate::layout::{CONTENT_WIDTH, Flow, LEFT, RIGHT};
use crate::table::{CELL, HEADER_HEIGHT, ROW_BASELINE, ROW_HEIGHT, Table};
use crate::{Emphasis, ZRow, ZSection};

const CELL_BOLD: Style = Style::new(Face::Bold, CELL.size);
const NOTE: Style = Style::new(Face::Regular, 8.0).grey(0.3);
/// The extra height of a row with a note.
const NOTE_LINE: f32 = 10.0;
/// How far a note starts to the right of its row's first cell, so it reads as belonging to the row.
const NOTE_INDENT: f32 = 12.0;
const DIFFERENCE_SHADE: f32 = 0.84;
/// The bar in the left margin beside a difference.
const BAR_GAP: f32 = 6.0;
const BAR_WIDTH: f32 = 3.0;

/// How a row's cells are set.
pub(super) fn cell_style(emphasis: Emphasis) -> Style {
    match emphasis {
        Emphasis::Normal => CELL,
        Emphasis::Total | Emphasis::Difference => CELL_BOLD,
    }
}

pub(super) fn draw(flow: &mut Flow, section: &ZSection) {
    let rows = &section.rows;
    // The title stays with the column header and the first rows (or with the note of an empty one).
    let first_rows = 2.0 * (ROW_HEIGHT + NOTE_LINE);
    let keep_with = if rows.is_empty() {
        EMPTY_NOTE_HEIGHT
    } else {
        HEADER_HEIGHT + first_rows
    };
    let aside = section.aside.as_deref().unwrap_or_default();
    blocks::section(flow, &section.title, aside, keep_with);
    if rows.is_empty() {
        blocks::empty_note(flow, &section.empty);
        return;
    }
    let columns = columns::of(section);
    let titles = padded(&section.columns, columns.len());
    let mut table = Table::start(flow, &columns, &titles, first_rows).with_caption(&section.title);
    for (index, row) in rows.iter().enumerate() {
        // The last row, when a total, never starts a page alone: it keeps the row before it.
        let keep_with = match rows.get(index + 1) {
            Some(last) if index + 2 == rows.len() && last.emphasis == Emphasis::Total => {
                height(last)
            }
            _ => 0.0,
        };
        draw_row(flow, &mut table, row, keep_with);
    }
    table.end(flow);
}

fn height(row: &ZRow) -> f32 {
    ROW_HEIGHT + if row.note.is_some() { NOTE_LINE } else { 0.0 }
}

fn draw_row(flow: &mut Flow, table: &mut Table<'_>, row: &ZRow, keep_with: f32) {
    let height = height(row);
    let top = table.row_keeping(flow, height, keep_with);
    let page = flow.page();
    match row.emphasis {
        Emphasis::Normal => {}
        Emphasis::Total => page.rule(LEFT, RIGHT, top, 0.8, 0.0),
        Emphasis::Difference => {
            page.band(LEFT, top, CONTENT_WIDTH, height, DIFFERENCE_SHADE);
            page.band(LEFT - BAR_GAP - BAR_WIDTH, top, BAR_WIDTH, height, 0.0);
        }
    }
    let style = cell_style(row.emphasis);
    let baseline = top + ROW_BASELINE;
    table.cells(page, baseline, style, row.cells.iter().map(String::as_str));
    if let Some(note) = &row.note {
        table.note(page, 0, NOTE_INDENT, baseline + NOTE_LINE, NOTE, note);
    }
}

/// The column headers, one per column: missing ones empty, extra ones left out.
fn padded(titles: &[String], count: usize) -> Cow<'_, [String]> {
    if titles.len() == count {
        return Cow::Borrowed(titles);
    }
    let mut titles = titles.to_vec();
    titles.resize(count, String::new());
    Cow::Owned(titles)
}
