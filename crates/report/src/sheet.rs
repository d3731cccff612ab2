//! What a day summary prints, as the caller hands it over: plain texts, every value already formatted
//! (money by `Soles`' own format, times on Lima's clock, documents masked) and every word in the till's
//! language. This crate decides only where each text goes and how it looks; it prints each one exactly
//! as given (a label's colon included), so the printed sheet can say nothing its caller did not.

use jiff::Timestamp;

/// A day summary (cuadre de caja) ready to lay out: the day's values and the words around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySheet {
    /// The store's name as the manager knows it: the first line under the title, and the PDF's author.
    pub store_name: String,
    /// The day in words: `domingo 22 de noviembre de 2026`.
    pub day: String,
    /// The mode in words: `sandbox (simulador de Caja, datos de prueba)`.
    pub mode: String,
    /// When the sheet was produced: `22/11/2026 14:05 (hora de Lima)`.
    pub generated: String,
    /// When the provider gave these figures: `al 22/11/2026 13:40`.
    pub figures_fetched: String,
    /// Set when the figures are not real sales, so a test day cannot pass for a real one.
    pub test_data: Option<TestData>,
    /// Set when the figures are the last copy saved: the note that says so, and from when.
    pub cached_copy: Option<String>,
    /// The provider's three totals, formatted as money.
    pub totals: Totals,
    /// The aside of the orders' title: `25 pedidos`.
    pub orders_count: String,
    /// One row per order, in the provider's order, under [`SheetWords::order_columns`]: number, order
    /// id, document (masked), payment origin, amount.
    pub orders: Vec<[String; 5]>,
    /// The aside of the operations' title: `6 operaciones`.
    pub operations_count: String,
    /// This till's own operations, in the order they are printed (oldest first).
    pub operations: Vec<OperationRow>,
    /// The header of every page after the first: which store and day a loose page belongs to.
    pub running_header: String,
    /// The left side of every page's footer: `Generado: 22/11/2026 14:05 (hora de Lima)`.
    pub footer: String,
    /// The PDF's title, as a viewer shows it.
    pub document_title: String,
    /// The PDF's creation date: when the sheet was produced.
    pub generated_at: Timestamp,
    /// The words that do not depend on the day.
    pub words: SheetWords,
    /// This till's credit sales of the day (aCuotaz orders); the section is left out when there are none.
    pub credit_sales: CreditSales,
}

/// The credit sales section: its title, the aside (`3 pedidos`), the column headers, one row per order
/// (time, order id, document masked, amount, status, refunded) and a line beneath a row when worth it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CreditSales {
    pub title: String,
    pub count: String,
    pub columns: [String; 6],
    pub rows: Vec<OperationRow>,
}

/// What a sheet of test data (sandbox, mock) says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestData {
    /// The large label in the first page's banner: `SANDBOX`.
    pub label: String,
    /// The banner's first line: `Datos de prueba: no son ventas reales`.
    pub note: String,
    /// The banner's second line: `Este resumen no sirve para el cuadre real de la caja.`
    pub detail: String,
    /// Printed in the header and the footer of every page: `SANDBOX — datos de prueba`.
    pub page_notice: String,
}

/// The provider's three totals, formatted as money: purchases, minus what was paid in the store, gives
/// what was financed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub purchases: String,
    pub paid_in_store: String,
    pub financed: String,
}

/// One of this till's operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationRow {
    /// Under [`SheetWords::operation_columns`]: time, operation, code, document (masked), state, down
    /// payment.
    pub cells: [String; 6],
    /// A line printed beneath the row, such as why it was rejected (cut to the width of the page).
    pub note: Option<String>,
}

/// The words of the sheet that do not depend on the day: titles, labels, column headers, the notes of
/// empty sections, the signature lines and the page numbering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetWords {
    /// `Resumen del día — cuadre de caja`.
    pub title: String,
    /// At the right of the title: `Caja · aCuotaz`.
    pub brand: String,
    /// The labels of the lines under the title (`Tienda:`, `Día:`, `Modo:`, `Generado:`,
    /// `Cifras del proveedor:`), before the store name, day, mode, generation time and figures' time.
    pub store_label: String,
    pub day_label: String,
    pub mode_label: String,
    pub generated_label: String,
    pub figures_label: String,
    /// `Totales del día`, and its aside `según aCuotaz`.
    pub totals_title: String,
    pub totals_aside: String,
    /// The labels of the three totals.
    pub purchases_label: String,
    pub paid_in_store_label: String,
    pub financed_label: String,
    /// `Detalle de pedidos`, its column headers, and what an empty day says instead of a table.
    pub orders_title: String,
    pub order_columns: [String; 5],
    pub no_orders: String,
    /// `Operaciones de esta caja`, its column headers, and what an empty till says instead.
    pub operations_title: String,
    pub operation_columns: [String; 6],
    pub no_operations: String,
    /// Under the two signature lines: `Firma del cajero`, `Firma del supervisor`, then `Nombre:`.
    pub cashier_signature: String,
    pub supervisor_signature: String,
    pub signer_name: String,
    /// The right side of every page's footer, where `{page}` becomes the page's number and `{pages}`
    /// the page count: `Página {page} de {pages}`.
    pub page_number: String,
}
