//! The verdict after the tables: a framed paragraph under a titled band, such as the supervisor's
//! approval and reason or "Sin diferencias". When there are differences needing a supervisor the frame
//! is heavier and the title white on a dark band. Its lines wrap to the box; a verdict too long for the
//! page goes on over the next one, framed on each.

use crate::ZVerdict;
use crate::blocks::BODY;
use crate::canvas::Style;
use crate::fonts::Face;
use crate::layout::{CONTENT_WIDTH, Flow, LEFT};

const TITLE: Style = Style::new(Face::Bold, 11.0);
/// Space between the box's frame and its text.
const PADDING: f32 = 10.0;
const TITLE_BAND: f32 = 22.0;
const LINE: f32 = 14.0;
/// Space above the box, after the last table.
const GAP: f32 = 20.0;

pub(super) fn draw(flow: &mut Flow, verdict: &ZVerdict) {
    let (frame, shade, title_grey) = if verdict.attention {
        (2.0, 0.15, 1.0)
    } else {
        (0.8, 0.9, 0.0)
    };
    let width = CONTENT_WIDTH - 2.0 * PADDING;
    let lines: Vec<String> = verdict
        .lines
        .iter()
        .flat_map(|line| BODY.face.wrap(line, BODY.size, width))
        .collect();
    // The title keeps at least the first lines with it.
    let first_lines = lines.len().min(3) as f32 * LINE;
    flow.make_room(GAP + TITLE_BAND + first_lines + PADDING);
    flow.advance(GAP);
    let mut top = flow.y();
    let page = flow.page();
    page.band(LEFT, top, CONTENT_WIDTH, TITLE_BAND, shade);
    let title_style = TITLE.grey(title_grey);
    let title = TITLE.face.fit(&verdict.title, TITLE.size, width);
    page.text(LEFT + PADDING, top + 15.0, title_style, &title);
    flow.advance(TITLE_BAND + 2.0);
    for line in &lines {
        if !flow.fits(LINE + PADDING) {
            let bottom = flow.y() + PADDING / 2.0;
            flow.page()
                .frame(LEFT, top, CONTENT_WIDTH, bottom - top, frame);
            flow.make_room(LINE + PADDING);
            top = flow.y();
        }
        flow.advance(LINE);
        let baseline = flow.y();
        flow.page().text(LEFT + PADDING, baseline, BODY, line);
    }
    flow.advance(PADDING);
    let bottom = flow.y();
    flow.page()
        .frame(LEFT, top, CONTENT_WIDTH, bottom - top, frame);
}
