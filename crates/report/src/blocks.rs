//! The blocks every document is built from, whatever it reports: the title with the brand at its
//! right, the framed banner of test data, the "label: value" lines under the title, a section's title on
//! a rule, the note an empty section shows instead of a table, and the two signature lines.
//!
//! Each block draws at the flow's cursor and moves it past what it drew; the texts are printed as given.

use crate::TestData;
use crate::canvas::Style;
use crate::fonts::Face;
use crate::layout::{CONTENT_WIDTH, Flow, LEFT, RIGHT};

pub(crate) const BODY: Style = Style::new(Face::Regular, 10.0);
pub(crate) const EMPTY_NOTE: Style = Style::new(Face::Regular, 10.0).grey(0.35);
const TITLE: Style = Style::new(Face::Bold, 18.0);
const BRAND: Style = Style::new(Face::Regular, 9.0).grey(0.35);
const LABEL: Style = Style::new(Face::Bold, 10.0).grey(0.3);
const MODE_LABEL: Style = Style::new(Face::Bold, 30.0);
const MODE_NOTE: Style = Style::new(Face::Bold, 11.0);
const MODE_DETAIL: Style = Style::new(Face::Regular, 9.0);
const SECTION: Style = Style::new(Face::Bold, 12.0);
const SECTION_ASIDE: Style = Style::new(Face::Regular, 9.0).grey(0.35);

/// Height of one "label: value" line.
pub(crate) const LINE: f32 = 15.0;
/// Where the values of the "label: value" lines start, from the left margin, unless a label is wider.
const VALUE_INDENT: f32 = 118.0;
/// Least space between the widest label and the values.
const LABEL_GAP: f32 = 10.0;

/// The document's title at the left, the brand at the right, on a heavy rule.
pub(crate) fn title(flow: &mut Flow, title: &str, brand: &str) {
    flow.advance(18.0);
    let baseline = flow.y();
    let page = flow.page();
    // A long title is cut rather than run into the brand.
    let room = CONTENT_WIDTH - BRAND.width(brand) - 12.0;
    page.text(
        LEFT,
        baseline,
        TITLE,
        &TITLE.face.fit(title, TITLE.size, room),
    );
    page.text_right(RIGHT, baseline, BRAND, brand);
    page.rule(LEFT, RIGHT, baseline + 8.0, 1.5, 0.0);
    flow.advance(8.0);
}

/// A framed, large label (`SANDBOX`), so test data cannot pass for real sales at a glance.
pub(crate) fn test_data_banner(flow: &mut Flow, test_data: &TestData) {
    const HEIGHT: f32 = 46.0;
    flow.advance(10.0);
    let top = flow.y();
    let page = flow.page();
    page.band(LEFT, top, CONTENT_WIDTH, HEIGHT, 0.92);
    page.frame(LEFT, top, CONTENT_WIDTH, HEIGHT, 2.0);
    let label = &test_data.label;
    page.text(LEFT + 14.0, top + 34.0, MODE_LABEL, label);
    let notes_x = LEFT + 28.0 + MODE_LABEL.width(label);
    page.text(notes_x, top + 20.0, MODE_NOTE, &test_data.note);
    page.text(notes_x, top + 34.0, MODE_DETAIL, &test_data.detail);
    flow.advance(HEIGHT);
}

/// Lines of a label and its value (`Tienda:` `Bodega Ñandú`), the values lined up in one column and cut
/// to the page.
pub(crate) fn facts<'t>(flow: &mut Flow, lines: &[(&'t str, &'t str)]) {
    let widest = lines
        .iter()
        .map(|(label, _)| LABEL.width(label))
        .fold(0.0, f32::max);
    // A label too long for half the page is cut rather than allowed to push the values off it.
    let indent = VALUE_INDENT
        .max(widest + LABEL_GAP)
        .min(CONTENT_WIDTH / 2.0);
    let value_x = LEFT + indent;
    for (label, value) in lines {
        flow.advance(LINE);
        let baseline = flow.y();
        let page = flow.page();
        let label = LABEL.face.fit(label, LABEL.size, indent - LABEL_GAP);
        page.text(LEFT, baseline, LABEL, &label);
        let value = BODY.face.fit(value, BODY.size, RIGHT - value_x);
        page.text(value_x, baseline, BODY, &value);
    }
}

/// Height of a section title, from the end of what came before to the top of what follows.
pub(crate) const SECTION_HEIGHT: f32 = 33.0;

/// A section's title on a rule, with a short aside (a count, a source) at the right. `keep_with` is the
/// height of the start of the section's content, kept on the title's page so a title never ends a page
/// alone.
pub(crate) fn section(flow: &mut Flow, title: &str, aside: &str, keep_with: f32) {
    flow.make_room(SECTION_HEIGHT + keep_with);
    flow.advance(22.0);
    let baseline = flow.y();
    let page = flow.page();
    // The aside gives way to the title: both are cut rather than printed over each other.
    let aside = SECTION_ASIDE
        .face
        .fit(aside, SECTION_ASIDE.size, CONTENT_WIDTH / 2.0);
    let room = CONTENT_WIDTH - SECTION_ASIDE.width(&aside) - 12.0;
    page.text(
        LEFT,
        baseline,
        SECTION,
        &SECTION.face.fit(title, SECTION.size, room),
    );
    page.text_right(RIGHT, baseline, SECTION_ASIDE, &aside);
    page.rule(LEFT, RIGHT, baseline + 5.0, 1.0, 0.0);
    flow.advance(11.0);
}

/// Height of the note an empty section shows.
pub(crate) const EMPTY_NOTE_HEIGHT: f32 = 20.0;

/// What an empty section says instead of an empty table.
pub(crate) fn empty_note(flow: &mut Flow, text: &str) {
    flow.advance(14.0);
    let baseline = flow.y();
    let text = EMPTY_NOTE.face.fit(text, EMPTY_NOTE.size, CONTENT_WIDTH);
    flow.page().text(LEFT, baseline, EMPTY_NOTE, &text);
    flow.advance(6.0);
}

/// Two signature lines with their labels (`Firma del cajero`, `Firma del supervisor`) and, under each,
/// the label of the signer's name; kept together on one page with room above them to sign.
pub(crate) fn signatures(flow: &mut Flow, labels: [&str; 2], signer_name: &str) {
    const SIGNING_ROOM: f32 = 58.0;
    const LINE_WIDTH: f32 = 190.0;
    flow.make_room(SIGNING_ROOM + 30.0);
    flow.advance(SIGNING_ROOM);
    let y = flow.y();
    let page = flow.page();
    for (left, label) in [(LEFT, labels[0]), (RIGHT - LINE_WIDTH, labels[1])] {
        page.rule(left, left + LINE_WIDTH, y, 0.8, 0.0);
        page.text_centered(left + LINE_WIDTH / 2.0, y + 13.0, BODY, label);
        page.text(left, y + 28.0, EMPTY_NOTE, signer_name);
    }
    flow.advance(30.0);
}
