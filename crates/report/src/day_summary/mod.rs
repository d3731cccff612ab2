//! The day summary (cuadre de caja) as the PDF a store manager signs and files: the header with the
//! store, day and mode, the provider's three totals, the detail of every order, this till's own
//! operations, its credit sales (when it made any), and the signature lines.
//!
//! Everything here is layout: the sheet's texts are printed as they come, in the order and places a
//! manager expects.

mod credit_sales;
mod header;
mod operations;
mod orders;

use crate::blocks;
use crate::document::{self, Metadata};
use crate::layout::{Flow, Stamp};
use crate::{DaySheet, ReportError};

pub(crate) fn render(sheet: &DaySheet) -> Result<Vec<u8>, ReportError> {
    let stamp = Stamp {
        running_header: sheet.running_header.clone(),
        test_data_notice: sheet
            .test_data
            .as_ref()
            .map(|test_data| test_data.page_notice.clone()),
        reprint: None,
        footer: sheet.footer.clone(),
        page_number: sheet.words.page_number.clone(),
    };
    let mut flow = Flow::new(stamp);
    header::draw(&mut flow, sheet);
    orders::draw(&mut flow, sheet);
    operations::draw(&mut flow, sheet);
    credit_sales::draw(&mut flow, sheet);
    let words = &sheet.words;
    blocks::signatures(
        &mut flow,
        [&words.cashier_signature, &words.supervisor_signature],
        &words.signer_name,
    );
    document::save(
        flow,
        &Metadata {
            title: &sheet.document_title,
            author: &sheet.store_name,
            created: sheet.generated_at,
        },
    )
}
