//! The page grid and the flow of content down the pages: margins, where content may go, when a new page
//! starts, and what every page carries (a running header on continuation pages, a footer with
//! "page X of Y", and across the top of every page of a reprint, a dark band saying it is one).
//!
//! Content is laid out top-down with a cursor. A block asks for the height it needs before drawing; if
//! it does not fit, the flow starts a new page. Page numbers are stamped only at the end, once the page
//! count is known.

use printpdf::Op;

use crate::canvas::{Canvas, PAGE_HEIGHT, PAGE_WIDTH, Style};
use crate::fonts::Face;

/// Left and right edges of the content. The margins (about 17 mm) leave room for a binder's holes
/// and for a printer's unprintable border.
pub(crate) const LEFT: f32 = 47.64;
pub(crate) const RIGHT: f32 = PAGE_WIDTH - LEFT;
pub(crate) const CONTENT_WIDTH: f32 = RIGHT - LEFT;

/// Where content starts on the first page, and on the others (below the running header).
const FIRST_PAGE_TOP: f32 = 50.0;
const CONTINUATION_TOP: f32 = 62.0;
/// Content never goes below this; the footer lives under it.
const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - 52.0;

const RUNNING_BASELINE: f32 = 34.0;
const FOOTER_RULE: f32 = PAGE_HEIGHT - 40.0;
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 28.0;

const SMALL: Style = Style::new(Face::Regular, 8.0).grey(0.35);
const SMALL_BOLD: Style = Style::new(Face::Bold, 8.0);

/// The reprint band: where it sits, and how far it pushes everything under it down the page (on the
/// first page, where the content starts lower anyway, and on the others, under their running header).
const REPRINT_TOP: f32 = 16.0;
const REPRINT_HEIGHT: f32 = 18.0;
const REPRINT_FIRST_ROOM: f32 = 6.0;
const REPRINT_ROOM: f32 = 22.0;
const REPRINT: Style = Style::new(Face::Bold, 10.0).grey(1.0);
const REPRINT_SHADE: f32 = 0.15;

/// What every page carries besides its content.
pub(crate) struct Stamp {
    /// The running header of continuation pages: which store and day this page belongs to.
    pub running_header: String,
    /// A warning printed on every page when the data are not real sales (`SANDBOX — datos de prueba`),
    /// so a loose page cannot be mistaken for a real day either.
    pub test_data_notice: Option<String>,
    /// Printed white on a dark band across the top of every page when the document is a copy printed
    /// again (`REIMPRESIÓN — 02/12/2026 09:15`), so no page of it can pass for the original.
    pub reprint: Option<String>,
    /// The footer's left side.
    pub footer: String,
    /// The footer's right side, `{page}` and `{pages}` to be replaced by the numbers.
    pub page_number: String,
}

/// Content flowing down the pages.
pub(crate) struct Flow {
    stamp: Stamp,
    finished: Vec<Canvas>,
    page: Canvas,
    /// Distance of the cursor from the top of the page, in points.
    y: f32,
    /// How far the reprint band pushes the running header and the content of continuation pages down
    /// (0 without one).
    shift: f32,
}

impl Flow {
    pub(crate) fn new(stamp: Stamp) -> Flow {
        let (first, shift) = if stamp.reprint.is_some() {
            (REPRINT_FIRST_ROOM, REPRINT_ROOM)
        } else {
            (0.0, 0.0)
        };
        Flow {
            stamp,
            finished: Vec::new(),
            page: Canvas::default(),
            y: FIRST_PAGE_TOP + first,
            shift,
        }
    }

    /// The page being drawn.
    pub(crate) fn page(&mut self) -> &mut Canvas {
        &mut self.page
    }

    /// The cursor: distance from the top of the page of the next free line.
    pub(crate) fn y(&self) -> f32 {
        self.y
    }

    pub(crate) fn advance(&mut self, height: f32) {
        self.y += height;
    }

    /// Makes sure `height` points fit below the cursor, starting a new page if they do not. Returns
    /// true when it started one, so a table can repeat its column header there.
    pub(crate) fn make_room(&mut self, height: f32) -> bool {
        if self.fits(height) {
            return false;
        }
        self.new_page();
        true
    }

    /// Whether `height` points fit below the cursor on this page.
    pub(crate) fn fits(&self, height: f32) -> bool {
        self.y + height <= CONTENT_BOTTOM
    }

    fn new_page(&mut self) {
        let page = std::mem::take(&mut self.page);
        self.finished.push(page);
        self.y = CONTINUATION_TOP + self.shift;
        let running = RUNNING_BASELINE + self.shift;
        let stamp = &self.stamp;
        let page = &mut self.page;
        let mut room = CONTENT_WIDTH;
        if let Some(notice) = &stamp.test_data_notice {
            page.text_right(RIGHT, running, SMALL_BOLD, notice);
            room -= SMALL_BOLD.width(notice) + 12.0;
        }
        // A long store name is cut rather than run into the notice.
        let header = SMALL.face.fit(&stamp.running_header, SMALL.size, room);
        page.text(LEFT, running, SMALL, &header);
        page.rule(LEFT, RIGHT, running + 6.0, 0.5, 0.6);
    }

    /// Every page's operations, footers stamped with their number (the page count is only known now).
    pub(crate) fn finish(mut self) -> Vec<Vec<Op>> {
        self.finished.push(self.page);
        let total = self.finished.len();
        let stamp = self.stamp;
        self.finished
            .into_iter()
            .enumerate()
            .map(|(index, mut page)| {
                page.rule(LEFT, RIGHT, FOOTER_RULE, 0.5, 0.6);
                page.text(LEFT, FOOTER_BASELINE, SMALL, &stamp.footer);
                if let Some(notice) = &stamp.test_data_notice {
                    page.text_centered(PAGE_WIDTH / 2.0, FOOTER_BASELINE, SMALL_BOLD, notice);
                }
                let number = stamp
                    .page_number
                    .replace("{page}", &(index + 1).to_string())
                    .replace("{pages}", &total.to_string());
                page.text_right(RIGHT, FOOTER_BASELINE, SMALL, &number);
                if let Some(reprint) = &stamp.reprint {
                    reprint_band(&mut page, reprint);
                }
                page.into_ops()
            })
            .collect()
    }
}

/// The dark band across the top of a reprint's page, its words in white.
fn reprint_band(page: &mut Canvas, reprint: &str) {
    page.band(
        LEFT,
        REPRINT_TOP,
        CONTENT_WIDTH,
        REPRINT_HEIGHT,
        REPRINT_SHADE,
    );
    let text = REPRINT
        .face
        .fit(reprint, REPRINT.size, CONTENT_WIDTH - 16.0);
    page.text_centered(
        PAGE_WIDTH / 2.0,
        REPRINT_TOP + REPRINT_HEIGHT - 5.0,
        REPRINT,
        &text,
    );
}
