//! The Z report (the closing of a cashier's shift) as the PDF the cashier and the supervisor sign: the
//! title, a reprint's stamp, the test-data banner and the shift's facts; then the caller's titled
//! tables in order (cash count, reconciliations, differences, movements), a boxed verdict, and the
//! signature lines. A reprint says so across the top of every page.
//!
//! Everything here is layout from the shared blocks (`blocks`, `table`, `layout`): the sheet's texts
//! are printed as they come.

mod columns;
mod header;
mod section;
mod verdict;

use crate::blocks;
use crate::document::{self, Metadata};
use crate::layout::{Flow, Stamp};
use crate::{ReportError, ZSheet};

pub(crate) fn render(sheet: &ZSheet) -> Result<Vec<u8>, ReportError> {
    let stamp = Stamp {
        running_header: sheet.running_header.clone(),
        test_data_notice: sheet
            .test_data
            .as_ref()
            .map(|test_data| test_data.page_notice.clone()),
        reprint: sheet.reprint.clone(),
        footer: sheet.footer.clone(),
        page_number: sheet.page_number.clone(),
    };
    let mut flow = Flow::new(stamp);
    header::draw(&mut flow, sheet);
    for section in &sheet.sections {
        section::draw(&mut flow, section);
    }
    if let Some(verdict) = &sheet.verdict {
        verdict::draw(&mut flow, verdict);
    }
    let [cashier, supervisor] = &sheet.signatures;
    blocks::signatures(&mut flow, [cashier, supervisor], &sheet.signer_name);
    document::save(
        flow,
        &Metadata {
            title: &sheet.document_title,
            author: &sheet.store_name,
            created: sheet.generated_at,
        },
    )
}
