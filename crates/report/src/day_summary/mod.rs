//! The day summary (cuadre de caja) as the PDF a store manager signs and files: the header with the
//! store, day and mode, the provider's three totals, the detail of every order, this till's own
//! operations, and the signature lines.
//!
//! Everything here is layout: the sheet's texts are printed as they come, in the order and places a
//! manager expects.

mod header;
mod operations;
mod orders;

use printpdf::{Mm, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions};

use crate::canvas::Style;
use crate::fonts::Face;
use crate::layout::{Flow, LEFT, RIGHT, Stamp};
use crate::{DaySheet, ReportError, SheetWords};

const SECTION: Style = Style::new(Face::Bold, 12.0);
const SECTION_ASIDE: Style = Style::new(Face::Regular, 9.0).grey(0.35);
const BODY: Style = Style::new(Face::Regular, 10.0);
const EMPTY_NOTE: Style = Style::new(Face::Regular, 10.0).grey(0.35);

pub(crate) fn render(sheet: &DaySheet) -> Result<Vec<u8>, ReportError> {
    let stamp = Stamp {
        running_header: sheet.running_header.clone(),
        test_data_notice: sheet
            .test_data
            .as_ref()
            .map(|test_data| test_data.page_notice.clone()),
        footer: sheet.footer.clone(),
        page_number: sheet.words.page_number.clone(),
    };
    let mut flow = Flow::new(stamp);
    header::draw(&mut flow, sheet);
    orders::draw(&mut flow, sheet);
    operations::draw(&mut flow, sheet);
    signatures(&mut flow, &sheet.words);
    save(flow, sheet)
}

/// Height of a section title, from the end of what came before to the top of what follows.
const SECTION_HEIGHT: f32 = 33.0;

/// A section's title on a rule, with a short aside (a count) at the right. `keep_with` is the height of
/// the start of the section's content, kept on the title's page so a title never ends a page alone.
fn section(flow: &mut Flow, title: &str, aside: &str, keep_with: f32) {
    flow.make_room(SECTION_HEIGHT + keep_with);
    flow.advance(22.0);
    let baseline = flow.y();
    let page = flow.page();
    page.text(LEFT, baseline, SECTION, title);
    page.text_right(RIGHT, baseline, SECTION_ASIDE, aside);
    page.rule(LEFT, RIGHT, baseline + 5.0, 1.0, 0.0);
    flow.advance(11.0);
}

/// Height of the note an empty section shows.
const EMPTY_NOTE_HEIGHT: f32 = 20.0;

/// What an empty section says instead of an empty table.
fn empty_note(flow: &mut Flow, text: &str) {
    flow.advance(14.0);
    let baseline = flow.y();
    flow.page().text(LEFT, baseline, EMPTY_NOTE, text);
    flow.advance(6.0);
}

/// Two signature lines, kept together on one page with room above them to sign.
fn signatures(flow: &mut Flow, words: &SheetWords) {
    const SIGNING_ROOM: f32 = 58.0;
    const LINE_WIDTH: f32 = 190.0;
    flow.make_room(SIGNING_ROOM + 30.0);
    flow.advance(SIGNING_ROOM);
    let y = flow.y();
    let page = flow.page();
    for (left, label) in [
        (LEFT, &words.cashier_signature),
        (RIGHT - LINE_WIDTH, &words.supervisor_signature),
    ] {
        page.rule(left, left + LINE_WIDTH, y, 0.8, 0.0);
        page.text_centered(left + LINE_WIDTH / 2.0, y + 13.0, BODY, label);
        page.text(left, y + 28.0, EMPTY_NOTE, &words.signer_name);
    }
    flow.advance(30.0);
}

fn save(flow: Flow, sheet: &DaySheet) -> Result<Vec<u8>, ReportError> {
    let pages = flow
        .finish()
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    let mut document = PdfDocument::new(&sheet.document_title);
    document.metadata.info.author = sheet.store_name.clone();
    document.metadata.info.creator = "Caja (aCuotaz)".to_owned();
    if let Some(created) = pdf_date(sheet) {
        document.metadata.info.creation_date = created;
        document.metadata.info.modification_date = created;
    }
    document.with_pages(pages);
    let mut warnings = Vec::new();
    let bytes = document.save(&PdfSaveOptions::default(), &mut warnings);
    // printpdf reports mistakes that make a viewer drop content (text outside a text section, colours
    // out of range) as errors but still writes the file: a report that may be missing figures must not
    // be handed to anyone.
    match warnings
        .into_iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        Some(error) => Err(ReportError::Pdf(error.msg)),
        None => Ok(bytes),
    }
}

/// The document's creation date: when the report was generated (written in UTC, an exact instant that
/// viewers show on their own clock).
fn pdf_date(sheet: &DaySheet) -> Option<printpdf::OffsetDateTime> {
    printpdf::OffsetDateTime::from_unix_timestamp(sheet.generated_at.as_second()).ok()
}
