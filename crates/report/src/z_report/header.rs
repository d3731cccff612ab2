//! The top of the first page: the title with the brand, a reprint's boxed stamp, the banner of test
//! data, and the shift's facts (store, shift, who opened and closed it, when).

use crate::ZSheet;
use crate::blocks;
use crate::canvas::Style;
use crate::fonts::Face;
use crate::layout::{CONTENT_WIDTH, Flow, LEFT};

pub(super) fn draw(flow: &mut Flow, sheet: &ZSheet) {
    blocks::title(flow, &sheet.title, &sheet.brand);
    if let Some(reprint) = &sheet.reprint {
        reprint_stamp(flow, reprint);
    }
    if let Some(test_data) = &sheet.test_data {
        blocks::test_data_banner(flow, test_data);
    }
    flow.advance(4.0);
    let facts: Vec<(&str, &str)> = sheet
        .facts
        .iter()
        .map(|(label, value)| (label.as_str(), value.as_str()))
        .collect();
    blocks::facts(flow, &facts);
}

/// A rubber stamp across the page under the title: a heavy double frame around the reprint's words,
/// as large as fit, so a copy cannot be filed as the original.
fn reprint_stamp(flow: &mut Flow, reprint: &str) {
    const HEIGHT: f32 = 44.0;
    const LARGEST: f32 = 22.0;
    const SMALLEST: f32 = 12.0;
    let room = CONTENT_WIDTH - 32.0;
    let natural = Face::Bold.width(reprint, LARGEST);
    let size = if natural > room {
        (LARGEST * room / natural).max(SMALLEST)
    } else {
        LARGEST
    };
    let style = Style::new(Face::Bold, size);
    let text = style.face.fit(reprint, size, room);
    flow.advance(10.0);
    let top = flow.y();
    let page = flow.page();
    page.frame(LEFT, top, CONTENT_WIDTH, HEIGHT, 3.0);
    page.frame(
        LEFT + 4.0,
        top + 4.0,
        CONTENT_WIDTH - 8.0,
        HEIGHT - 8.0,
        0.8,
    );
    // Capitals of Helvetica stand about 0.72 em tall: this centres them in the box.
    let baseline = top + HEIGHT / 2.0 + size * 0.36;
    page.text_centered(LEFT + CONTENT_WIDTH / 2.0, baseline, style, &text);
    flow.advance(HEIGHT);
}
