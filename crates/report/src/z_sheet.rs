//! What a Z report (the closing of a cashier's shift) prints, as the caller hands it over: plain texts,
//! every figure already formatted (money by `Soles`' own format, times on Lima's clock) and every word in
//! the till's language. Unlike the day summary its body is generic, titled tables of 2 to 6 columns in
//! the order given, so the caller decides what a shift's closing reconciles; this crate decides only
//! where each text goes and how it looks.

use jiff::Timestamp;

use crate::TestData;

/// A Z report ready to lay out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZSheet {
    /// The store's name: the PDF's author. On the page it is the caller's first fact (`Tienda:` and
    /// this name), as the day summary's first line is, so it prints once.
    pub store_name: String,
    /// Big title: `Reporte Z N.º 000012`.
    pub title: String,
    /// At the right of the title, like the day summary's brand: `Caja · aCuotaz`.
    pub brand: String,
    /// When set, the sheet is a copy printed again and says so on every page (a dark band across the
    /// top) and in a large boxed stamp under the first page's title: `REIMPRESIÓN — 02/12/2026 09:15`.
    /// Absent on the original.
    pub reprint: Option<String>,
    /// Set when the figures are not real sales: the same banner and page notice as the day summary's.
    pub test_data: Option<TestData>,
    /// Label/value lines under the title: (`Tienda:`, `Bodega X`), (`Turno:`, `N.º 5`),
    /// (`Abierto:`, `30/11/2026 08:00 por Ana`), …
    pub facts: Vec<(String, String)>,
    /// The body: titled tables, in order.
    pub sections: Vec<ZSection>,
    /// A boxed paragraph after the sections (the supervisor's approval and reason, or
    /// `Sin diferencias`); `None` prints nothing.
    pub verdict: Option<ZVerdict>,
    /// Under the two signature lines: `Firma del cajero`, `Firma del supervisor`.
    pub signatures: [String; 2],
    /// Under each signature line: `Nombre:`.
    pub signer_name: String,
    /// The header of every page after the first: which store and shift a loose page belongs to.
    pub running_header: String,
    /// The left side of every page's footer: `Generado: 30/11/2026 18:05 (hora de Lima)`.
    pub footer: String,
    /// The right side of every page's footer, where `{page}` becomes the page's number and `{pages}` the
    /// page count: `Página {page} de {pages}`.
    pub page_number: String,
    /// The PDF's title, as a viewer shows it.
    pub document_title: String,
    /// The PDF's creation date: when the sheet was produced.
    pub generated_at: Timestamp,
}

/// One titled table of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZSection {
    pub title: String,
    /// At the right of the title: `según aCuotaz, al 30/11/2026 18:02`.
    pub aside: Option<String>,
    /// The column headers, 2 to 6 of them. Column widths follow the content: the first column takes the
    /// room left over, the money columns fit their widest value, and what still does not fit is cut
    /// with an ellipsis.
    pub columns: Vec<String>,
    /// The index of the first right-aligned column (money): this one and every one after it.
    /// `columns.len()` (or more) leaves every column left-aligned.
    pub numeric_from: usize,
    pub rows: Vec<ZRow>,
    /// What an empty section prints instead of a table: `Sin movimientos`.
    pub empty: String,
}

/// One line of a section's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZRow {
    /// One text per column: missing cells print empty and extra ones are left out.
    pub cells: Vec<String>,
    /// A smaller line printed beneath the row (why a difference happened), cut to the page's width.
    pub note: Option<String>,
    pub emphasis: Emphasis,
}

impl ZRow {
    /// A row of cells with no note and no emphasis: most of a sheet.
    pub fn plain(cells: Vec<String>) -> ZRow {
        ZRow {
            cells,
            note: None,
            emphasis: Emphasis::Normal,
        }
    }
}

/// How a row stands out from the others.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Emphasis {
    #[default]
    Normal,
    /// A total: bold, under a rule.
    Total,
    /// A difference the supervisor must see: bold, on a darker band, marked at the left margin.
    Difference,
}

/// The boxed paragraph after the sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZVerdict {
    /// `Aprobado por el supervisor` or `Sin diferencias`.
    pub title: String,
    /// Each one a paragraph, wrapped to the box.
    pub lines: Vec<String>,
    /// True when there are differences needing a supervisor: the box is heavier and its title is white
    /// on a dark band.
    pub attention: bool,
}
