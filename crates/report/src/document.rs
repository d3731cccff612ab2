//! The finished file: a flow's pages as A4 pages of one PDF with its title, author (the store) and
//! creation date, refused whole when the PDF writer reports content a viewer would drop.

use jiff::Timestamp;
use printpdf::{Mm, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions};

use crate::ReportError;
use crate::layout::Flow;

/// What a viewer shows of the document besides its pages.
pub(crate) struct Metadata<'m> {
    /// The PDF's title, as a viewer shows it.
    pub title: &'m str,
    /// The store's name.
    pub author: &'m str,
    /// When the report was produced.
    pub created: Timestamp,
}

/// The PDF file of everything `flow` laid out.
pub(crate) fn save(flow: Flow, metadata: &Metadata<'_>) -> Result<Vec<u8>, ReportError> {
    let pages = flow
        .finish()
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    let mut document = PdfDocument::new(metadata.title);
    document.metadata.info.author = metadata.author.to_owned();
    document.metadata.info.creator = "Caja (aCuotaz)".to_owned();
    if let Some(created) = pdf_date(metadata.created) {
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
fn pdf_date(created: Timestamp) -> Option<printpdf::OffsetDateTime> {
    printpdf::OffsetDateTime::from_unix_timestamp(created.as_second()).ok()
}
