//! The day summary (cuadre de caja) as the PDF a store manager signs and files: the header with the
//! store, day and mode, the provider's three totals, the detail of every order, this till's own
//! operations, and the signature lines.
//!
//! Everything here is layout; the figures are printed exactly as the till holds them (`Soles` prints
//! itself), and documents are masked with the till's own rule before they reach the page.

mod header;
mod operations;
mod orders;

use printpdf::{Mm, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions};

use crate::calendar;
use crate::canvas::Style;
use crate::fonts::Face;
use crate::layout::{Flow, LEFT, RIGHT, Stamp};
use crate::{DayReport, ReportError};

const SECTION: Style = Style::new(Face::Bold, 12.0);
const SECTION_ASIDE: Style = Style::new(Face::Regular, 9.0).grey(0.35);
const BODY: Style = Style::new(Face::Regular, 10.0);
const EMPTY_NOTE: Style = Style::new(Face::Regular, 10.0).grey(0.35);

pub(crate) fn render(report: &DayReport<'_>) -> Result<Vec<u8>, ReportError> {
    let summary = report.summary;
    if let Some(entry) = report
        .operations
        .iter()
        .find(|entry| entry.mode != summary.mode)
    {
        return Err(ReportError::ModeMismatch {
            report: summary.mode,
            operation: entry.mode,
        });
    }
    let lima = calendar::lima();
    let day = calendar::short_date(summary.day);
    let mode = summary.mode;
    let stamp = Stamp {
        running_header: format!("{} — Resumen del día {day}", report.store_name),
        test_data_notice: (!mode.is_live())
            .then(|| format!("{} — datos de prueba", mode.as_str().to_uppercase())),
        footer: format!(
            "Generado: {} (hora de Lima)",
            calendar::date_time(&lima, report.generated_at)
        ),
    };
    let mut flow = Flow::new(stamp);
    header::draw(&mut flow, report, &lima);
    orders::draw(&mut flow, &summary.orders);
    operations::draw(&mut flow, report.operations, &lima);
    signatures(&mut flow);
    save(
        flow,
        &format!("Resumen del día {day} — {}", report.store_name),
        report,
    )
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
fn signatures(flow: &mut Flow) {
    const SIGNING_ROOM: f32 = 58.0;
    const LINE_WIDTH: f32 = 190.0;
    flow.make_room(SIGNING_ROOM + 30.0);
    flow.advance(SIGNING_ROOM);
    let y = flow.y();
    let page = flow.page();
    for (left, label) in [
        (LEFT, "Firma del cajero"),
        (RIGHT - LINE_WIDTH, "Firma del supervisor"),
    ] {
        page.rule(left, left + LINE_WIDTH, y, 0.8, 0.0);
        page.text_centered(left + LINE_WIDTH / 2.0, y + 13.0, BODY, label);
        page.text(left, y + 28.0, EMPTY_NOTE, "Nombre:");
    }
    flow.advance(30.0);
}

fn save(flow: Flow, title: &str, report: &DayReport<'_>) -> Result<Vec<u8>, ReportError> {
    let pages = flow
        .finish()
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    let mut document = PdfDocument::new(title);
    document.metadata.info.author = report.store_name.to_owned();
    document.metadata.info.creator = "Caja (aCuotaz)".to_owned();
    if let Some(created) = pdf_date(report) {
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
fn pdf_date(report: &DayReport<'_>) -> Option<printpdf::OffsetDateTime> {
    printpdf::OffsetDateTime::from_unix_timestamp(report.generated_at.as_second()).ok()
}
