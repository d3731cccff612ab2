//! The top of the first page: title, a large SANDBOX/MOCK warning when the figures are not real sales,
//! who and when (store, day, mode, generation time), a visible note when the figures are a cached copy,
//! and the provider's three totals.

use super::{BODY, section};
use crate::canvas::Style;
use crate::fonts::Face;
use crate::layout::{CONTENT_WIDTH, Flow, LEFT, RIGHT};
use crate::{DaySheet, SheetWords, TestData};

const TITLE: Style = Style::new(Face::Bold, 18.0);
const BRAND: Style = Style::new(Face::Regular, 9.0).grey(0.35);
const LABEL: Style = Style::new(Face::Bold, 10.0).grey(0.3);
const MODE_LABEL: Style = Style::new(Face::Bold, 30.0);
const MODE_NOTE: Style = Style::new(Face::Bold, 11.0);
const MODE_DETAIL: Style = Style::new(Face::Regular, 9.0);
const CACHE_NOTE: Style = Style::new(Face::Bold, 10.0);
const TOTAL: Style = Style::new(Face::Bold, 10.0);

/// Left edge of the values in the "label: value" lines.
const VALUE_X: f32 = LEFT + 118.0;
const LINE: f32 = 15.0;
/// Right edge of the totals' amounts: close to their labels, as on a ledger, not across the page.
const TOTALS_RIGHT: f32 = LEFT + 300.0;

pub(super) fn draw(flow: &mut Flow, sheet: &DaySheet) {
    let words = &sheet.words;
    title(flow, words);
    if let Some(test_data) = &sheet.test_data {
        mode_banner(flow, test_data);
    }
    flow.advance(4.0);
    let lines = [
        (&words.store_label, &sheet.store_name),
        (&words.day_label, &sheet.day),
        (&words.mode_label, &sheet.mode),
        (&words.generated_label, &sheet.generated),
        (&words.figures_label, &sheet.figures_fetched),
    ];
    for (label, value) in lines {
        flow.advance(LINE);
        let baseline = flow.y();
        let page = flow.page();
        page.text(LEFT, baseline, LABEL, label);
        let value = BODY.face.fit(value, BODY.size, RIGHT - VALUE_X);
        page.text(VALUE_X, baseline, BODY, &value);
    }
    if let Some(note) = &sheet.cached_copy {
        cache_note(flow, note);
    }
    totals(flow, sheet);
}

fn title(flow: &mut Flow, words: &SheetWords) {
    flow.advance(18.0);
    let baseline = flow.y();
    let page = flow.page();
    page.text(LEFT, baseline, TITLE, &words.title);
    page.text_right(RIGHT, baseline, BRAND, &words.brand);
    page.rule(LEFT, RIGHT, baseline + 8.0, 1.5, 0.0);
    flow.advance(8.0);
}

/// A framed, large mode name, so a test day cannot pass for a real one at a glance.
fn mode_banner(flow: &mut Flow, test_data: &TestData) {
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

/// The provider did not answer: these figures are the last copy fetched, and the note says from when.
fn cache_note(flow: &mut Flow, note: &str) {
    const HEIGHT: f32 = 22.0;
    flow.advance(10.0);
    let top = flow.y();
    let page = flow.page();
    page.band(LEFT, top, CONTENT_WIDTH, HEIGHT, 0.88);
    page.text(LEFT + 8.0, top + 15.0, CACHE_NOTE, note);
    flow.advance(HEIGHT);
}

/// The three totals as a small ledger: purchases, minus what was paid in store, gives what was financed.
fn totals(flow: &mut Flow, sheet: &DaySheet) {
    let words = &sheet.words;
    section(
        flow,
        &words.totals_title,
        &words.totals_aside,
        3.0 * LINE + 5.0,
    );
    let rows = [
        (&words.purchases_label, &sheet.totals.purchases, BODY),
        (
            &words.paid_in_store_label,
            &sheet.totals.paid_in_store,
            BODY,
        ),
        (&words.financed_label, &sheet.totals.financed, TOTAL),
    ];
    for (index, (label, amount, style)) in rows.into_iter().enumerate() {
        let last = index == rows.len() - 1;
        if last {
            flow.advance(5.0);
            let y = flow.y();
            flow.page().rule(LEFT, TOTALS_RIGHT, y, 0.8, 0.0);
        }
        flow.advance(LINE);
        let baseline = flow.y();
        let page = flow.page();
        page.text(LEFT, baseline, style, label);
        page.text_right(TOTALS_RIGHT, baseline, style, amount);
    }
}
