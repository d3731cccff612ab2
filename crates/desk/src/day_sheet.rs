//! The day summary as the manager's printed sheet: turns the till's day (its [`DaySummary`] and its own
//! journal rows) into the plain texts `report` lays out, in the till's language, and renders the PDF.
//!
//! What is printed is decided here, so paper and screen never disagree: money is printed by `Soles`
//! itself (`S/ 1,234.50`), documents are masked by the till's rule, times are on Lima's clock, operation
//! kinds and states carry the till's own labels. Operations of another mode than the summary's are
//! refused, so a sheet never mixes test data with real sales.

mod calendar;

use crate::wording::Label;
use crate::wording::Lang;
use jiff::Timestamp;
use report::{CreditSales, DaySheet, OperationRow, ReportError, Totals};
use till::identity::mask_document;
use till::orders::CreditOrder;
use till::{CustomerId, DaySummary, JournalEntry, Mode, OperationState};

use crate::wording::report as words;

/// Why a day summary was not rendered.
#[derive(Debug, thiserror::Error)]
pub enum DaySheetError {
    /// Operations from another mode were handed to a report: printing them would mix test data with
    /// real sales (or the reverse), which Caja never does.
    #[error(
        "El resumen es del modo {report}, pero se le pasaron operaciones del modo {operation}: \
         no se mezclan datos de modos distintos."
    )]
    ModeMismatch { report: Mode, operation: Mode },
    /// The layout failed, or the PDF could not be kept or printed.
    #[error(transparent)]
    Report(#[from] ReportError),
}

/// What [`DaySheetError::code`] answers of its own (the rest are the report's).
pub const ERROR_CODES: &[&str] = &["report_mode_mismatch"];

impl DaySheetError {
    /// Stable identifier of the error kind, for machines (the same codes as before the sheet moved
    /// here, so the screens that translate them are unchanged).
    pub fn code(&self) -> &'static str {
        match self {
            DaySheetError::ModeMismatch { .. } => "report_mode_mismatch",
            DaySheetError::Report(error) => error.code(),
        }
    }
}

/// Renders the day summary as the bytes of a PDF file, in `lang`.
///
/// `operations` are this till's journal rows of the summary's day, in any order (they are printed
/// oldest first); `generated_at` is printed on Lima's clock.
pub fn render(
    summary: &DaySummary,
    operations: &[JournalEntry],
    credit_sales: &[CreditOrder],
    store_name: &str,
    generated_at: Timestamp,
    lang: Lang,
) -> Result<Vec<u8>, DaySheetError> {
    let mut sheet = sheet(summary, operations, store_name, generated_at, lang)?;
    sheet.credit_sales = credit_sales_section(credit_sales, lang);
    Ok(report::render_day_summary(&sheet)?)
}

/// This till's credit sales of the day (aCuotaz orders), oldest first: status in the cashier's words,
/// refunds, and a note for what still waits for an answer.
pub fn credit_sales_section(orders: &[CreditOrder], lang: Lang) -> CreditSales {
    let mut in_order: Vec<&CreditOrder> = orders.iter().collect();
    in_order.sort_by_key(|order| (order.created_at, order.row));
    CreditSales {
        title: words::credit_sales_title(lang).to_owned(),
        count: words::orders_count(lang, orders.len()),
        columns: words::credit_sale_columns(lang),
        rows: in_order
            .into_iter()
            .map(|order| OperationRow {
                cells: [
                    calendar::time(order.created_at),
                    order.order_id.to_string(),
                    format!("DNI {}", mask_document(&order.dni)),
                    order.amount.to_string(),
                    crate::wording::orders::status(lang, &order.status).0,
                    match order.refunded() {
                        amount if amount.centimos() == 0 => "—".to_owned(),
                        amount => amount.to_string(),
                    },
                ],
                note: order.open_operation().map(|call| {
                    words::credit_sale_open(lang, crate::wording::orders::action(lang, call.action))
                }),
            })
            .collect(),
    }
}

/// The texts of the day summary, in `lang`, ready for `report` to lay out.
///
/// Fails with [`DaySheetError::ModeMismatch`] when an operation is not of the summary's mode.
pub fn sheet(
    summary: &DaySummary,
    operations: &[JournalEntry],
    store_name: &str,
    generated_at: Timestamp,
    lang: Lang,
) -> Result<DaySheet, DaySheetError> {
    if let Some(entry) = operations.iter().find(|entry| entry.mode != summary.mode) {
        return Err(DaySheetError::ModeMismatch {
            report: summary.mode,
            operation: entry.mode,
        });
    }
    let day = calendar::short_date(summary.day);
    let generated = words::generated(lang, &calendar::date_time(generated_at));
    let fetched = calendar::date_time(summary.fetched_at);
    let totals = &summary.totals;
    Ok(DaySheet {
        store_name: store_name.to_owned(),
        day: words::long_date(lang, summary.day),
        mode: words::mode(lang, summary.mode).to_owned(),
        figures_fetched: words::figures_fetched(lang, &fetched),
        test_data: words::test_data(lang, summary.mode),
        cached_copy: summary
            .from_cache
            .then(|| words::cached_copy(lang, &fetched)),
        totals: Totals {
            purchases: totals.total_purchases.to_string(),
            paid_in_store: totals.total_paid_in_store.to_string(),
            financed: totals.total_financed.to_string(),
        },
        orders_count: words::orders_count(lang, summary.orders.len()),
        orders: summary
            .orders
            .iter()
            .enumerate()
            .map(|(index, order)| {
                [
                    (index + 1).to_string(),
                    order.order_id.clone(),
                    mask_document(&order.dni),
                    order.payment_origin.label(lang).to_owned(),
                    order.amount.to_string(),
                ]
            })
            .collect(),
        operations_count: words::operations_count(lang, operations.len()),
        operations: operation_rows(operations, lang),
        running_header: words::running_header(lang, store_name, &day),
        footer: words::footer(lang, &generated),
        document_title: words::document_title(lang, &day, store_name),
        generated,
        generated_at,
        words: words::sheet_words(lang),
        credit_sales: CreditSales::default(),
    })
}

/// The journal rows oldest first (ties in the order they were written), each with its reason when it
/// is worth printing.
fn operation_rows(operations: &[JournalEntry], lang: Lang) -> Vec<OperationRow> {
    let mut in_order: Vec<&JournalEntry> = operations.iter().collect();
    in_order.sort_by_key(|entry| (entry.created_at, entry.id));
    in_order
        .into_iter()
        .map(|entry| OperationRow {
            cells: [
                calendar::time(entry.created_at),
                entry.kind.label(lang).to_owned(),
                entry.funding_code.to_string(),
                document(&entry.customer),
                entry.state.label(lang).to_owned(),
                entry
                    .downpayment_amount
                    .map_or_else(|| "—".to_owned(), |amount| amount.to_string()),
            ],
            note: shown_reason(entry).map(|reason| words::reason(lang, &reason)),
        })
        .collect()
}

/// `DNI 14****65` or `RUC 20*******45`: which document (named alike in both languages, as Peru names
/// them), and only as much of it as identifies the row.
fn document(customer: &CustomerId) -> String {
    let kind = match customer {
        CustomerId::Dni(_) => "DNI",
        CustomerId::Ruc(_) => "RUC",
    };
    format!("{kind} {}", mask_document(customer.number()))
}

/// The reason worth printing: why it was rejected, or what went wrong when the outcome is unknown. It
/// comes from the provider or the network, so it is flattened to one line (the layout cuts its length).
fn shown_reason(entry: &JournalEntry) -> Option<String> {
    let worth_showing = matches!(
        entry.state,
        OperationState::Rejected | OperationState::Unknown
    );
    let reason = entry.reason.as_deref().filter(|_| worth_showing)?.trim();
    (!reason.is_empty()).then(|| reason.split_whitespace().collect::<Vec<_>>().join(" "))
}
