//! Tables that run across pages: fixed columns, a shaded column header repeated at the top of every
//! page the table reaches, and rows banded in alternate shades so the eye can follow a line across.
//!
//! A table may carry a caption (its section's title) printed small above the repeated column header,
//! so a page that starts in the middle of a table says which one it is.
//!
//! Cells are cut to their column (with an ellipsis) rather than allowed to run into the next one;
//! numbers are right-aligned so their digits line up.

use std::borrow::Cow;

use crate::canvas::{Canvas, Style};
use crate::fonts::Face;
use crate::layout::{CONTENT_WIDTH, Flow, LEFT};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// A column's place and alignment; its title is a word, handed in with the table.
pub(crate) struct Column {
    pub width: f32,
    pub align: Align,
}

pub(crate) const CELL: Style = Style::new(Face::Regular, 9.0);
pub(crate) const HEADER: Style = Style::new(Face::Bold, 9.0);
const CAPTION: Style = Style::new(Face::Bold, 9.0).grey(0.35);
/// Space between a cell's text and its column edges.
pub(crate) const PADDING: f32 = 4.0;
/// Height of the caption over a repeated column header.
const CAPTION_HEIGHT: f32 = 13.0;
pub(crate) const HEADER_HEIGHT: f32 = 17.0;
/// Height of a one-line row, and where its baseline sits from the row's top.
pub(crate) const ROW_HEIGHT: f32 = 14.0;
pub(crate) const ROW_BASELINE: f32 = 10.0;
const HEADER_SHADE: f32 = 0.86;
const BAND_SHADE: f32 = 0.95;

pub(crate) struct Table<'c> {
    columns: &'c [Column],
    /// The column headers, one per column.
    titles: &'c [String],
    /// Left edge of each column.
    lefts: Vec<f32>,
    /// Rows drawn so far, for the alternate banding.
    rows: usize,
    /// Printed above the column header where it repeats on a new page.
    caption: Option<&'c str>,
}

impl<'c> Table<'c> {
    /// Starts a table at the cursor with its column header (`titles`, one per column).
    /// `first_rows_height` is kept on the same page as the header, so a header never sits alone at the
    /// foot of a page.
    pub(crate) fn start(
        flow: &mut Flow,
        columns: &'c [Column],
        titles: &'c [String],
        first_rows_height: f32,
    ) -> Self {
        debug_assert_eq!(columns.len(), titles.len(), "one title per column");
        let mut lefts = Vec::with_capacity(columns.len());
        let mut x = LEFT;
        for column in columns {
            lefts.push(x);
            x += column.width;
        }
        debug_assert!(
            (x - LEFT - CONTENT_WIDTH).abs() < 0.5,
            "columns must fill the width"
        );
        let table = Table {
            columns,
            titles,
            lefts,
            rows: 0,
            caption: None,
        };
        flow.make_room(HEADER_HEIGHT + first_rows_height);
        table.header(flow);
        table
    }

    /// Sets the caption printed above the column header where it repeats on a later page.
    pub(crate) fn with_caption(self, caption: &'c str) -> Self {
        Table {
            caption: Some(caption),
            ..self
        }
    }

    fn header(&self, flow: &mut Flow) {
        let top = flow.y();
        let page = flow.page();
        page.band(LEFT, top, CONTENT_WIDTH, HEADER_HEIGHT, HEADER_SHADE);
        for (index, title) in self.titles.iter().enumerate() {
            self.cell(page, index, top + 12.0, HEADER, title);
        }
        flow.advance(HEADER_HEIGHT);
    }

    /// Makes room for a row of `height` points (a new page repeats the column header), shades it if it
    /// is an alternate one, and returns the top of the row.
    pub(crate) fn row(&mut self, flow: &mut Flow, height: f32) -> f32 {
        self.row_keeping(flow, height, 0.0)
    }

    /// As [`Table::row`], keeping `keep_with` more points on the same page: the height of the rows that
    /// must not start a page alone after this one (a total).
    pub(crate) fn row_keeping(&mut self, flow: &mut Flow, height: f32, keep_with: f32) -> f32 {
        if flow.make_room(height + keep_with) {
            if let Some(caption) = self.caption {
                let baseline = flow.y() + 9.0;
                let caption = CAPTION.face.fit(caption, CAPTION.size, CONTENT_WIDTH);
                flow.page().text(LEFT, baseline, CAPTION, &caption);
                flow.advance(CAPTION_HEIGHT);
            }
            self.header(flow);
        }
        let top = flow.y();
        if self.rows % 2 == 1 {
            flow.page()
                .band(LEFT, top, CONTENT_WIDTH, height, BAND_SHADE);
        }
        self.rows += 1;
        flow.advance(height);
        top
    }

    /// Writes `text` in column `index` on `baseline`, aligned as the column says and cut to fit it.
    pub(crate) fn cell(
        &self,
        page: &mut Canvas,
        index: usize,
        baseline: f32,
        style: Style,
        text: &str,
    ) {
        let column = &self.columns[index];
        let left = self.lefts[index];
        let text = style
            .face
            .fit(text, style.size, column.width - 2.0 * PADDING);
        match column.align {
            Align::Left => page.text(left + PADDING, baseline, style, &text),
            Align::Right => page.text_right(left + column.width - PADDING, baseline, style, &text),
        }
    }

    /// Writes a row's `texts`, one per column from the first (extra ones are left out), each aligned and
    /// cut as [`Table::cell`] does, as one run of text.
    pub(crate) fn cells<'t>(
        &self,
        page: &mut Canvas,
        baseline: f32,
        style: Style,
        texts: impl IntoIterator<Item = &'t str>,
    ) {
        let fitted: Vec<(f32, Cow<'t, str>)> = texts
            .into_iter()
            .zip(self.columns.iter().zip(&self.lefts))
            .map(|(text, (column, &left))| {
                let text = style
                    .face
                    .fit(text, style.size, column.width - 2.0 * PADDING);
                let x = match column.align {
                    Align::Left => left + PADDING,
                    Align::Right => left + column.width - PADDING - style.width(&text),
                };
                (x, text)
            })
            .collect();
        let pieces: Vec<(f32, &str)> = fitted.iter().map(|(x, text)| (*x, text.as_ref())).collect();
        page.text_run(baseline, style, &pieces);
    }

    /// Writes `text` from the left of column `from` (and `indent` points further) across the rest of
    /// the row: for a note under a row, such as the reason an operation was rejected.
    pub(crate) fn note(
        &self,
        page: &mut Canvas,
        from: usize,
        indent: f32,
        baseline: f32,
        style: Style,
        text: &str,
    ) {
        let left = self.lefts[from] + PADDING + indent;
        let text = style
            .face
            .fit(text, style.size, LEFT + CONTENT_WIDTH - PADDING - left);
        page.text(left, baseline, style, &text);
    }

    /// Closes the table with a rule under its last row.
    pub(crate) fn end(self, flow: &mut Flow) {
        let y = flow.y();
        flow.page().rule(LEFT, LEFT + CONTENT_WIDTH, y, 0.5, 0.5);
    }
}
