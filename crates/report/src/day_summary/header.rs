//! The top of the first page: title, a large SANDBOX/MOCK warning when the figures are not real sales,
//! who and when (store, day, mode, generation time), a visible note when the figures are a cached copy,
//! and the provider's three totals.

use crate::DaySheet;
use crate::blocks::{self, BODY, LINE, section};
use crate::canvas::Style;
use crate::fonts::Face;
use crate::layout::{CONTENT_WIDTH, Flow, LEFT};

const CACHE_NOTE: Style = Style::new(Face::Bold, 10.0);
const TOTAL: Style = Style::new(Face::Bold, 10.0);

/// Right edge of the totals' amounts: close to their labels, as on a ledger, not across the page.
const TOTALS_RIGHT: f32 = LEFT + 300.0;

pub(super) fn draw(flow: &mut Flow, sheet: &DaySheet) {
    let words = &sheet.words;
    blocks::title(flow, &words.title, &words.brand);
    if let Some(test_data) = &sheet.test_data {
        blocks::test_data_banner(flow, test_data);
    }
    flow.advance(4.0);
    blocks::facts(
        flow,
        &[
            (&words.store_label, &sheet.store_name),
            (&words.day_label, &sheet.day),
            (&words.mode_label, &sheet.mode),
            (&words.generated_label, &sheet.generated),
            (&words.figures_label, &sheet.figures_fetched),
        ],
    );
    if let Some(note) = &sheet.cached_copy {
        cache_note(flow, note);
    }
    totals(flow, sheet);
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
