//! Fixtures and PDF readers shared by the day summary tests. The PDFs are real files, rendered through
//! `desk::day_sheet` as both fronts render them, and read back with poppler's `pdftotext`, the way a
//! person's viewer would read them, not inspected through printpdf.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use desk::Lang;
use desk::day_sheet::DaySheetError;
use jiff::Timestamp;
use jiff::civil::date;
use till::{
    CustomerId, DaySummary, DayTotals, JournalEntry, Mode, OperationKind, OperationState,
    OrderDetail, PaymentOrigin, Soles,
};

pub const STORE: &str = "Bodega Señor de Muruhuay";

/// 19:05 UTC on 22/11/2026 is 14:05 in Lima.
pub fn generated_at() -> Timestamp {
    "2026-11-22T19:05:00Z".parse().unwrap()
}

/// `order_id` `PED-000001`…, DNIs `1415926x`-like and distinct, origins in turn, amounts growing.
pub fn orders(count: usize) -> Vec<OrderDetail> {
    let origins = [
        PaymentOrigin::Transfer,
        PaymentOrigin::Card,
        PaymentOrigin::External,
    ];
    (1..=count)
        .map(|n| OrderDetail {
            order_id: order_id(n),
            dni: format!("{:08}", 41_000_000 + n * 7),
            payment_origin: origins[n % 3],
            amount: Soles::from_centimos(i64::try_from(n).unwrap() * 1_234 + 5_000),
        })
        .collect()
}

pub fn order_id(n: usize) -> String {
    format!("PED-{n:06}")
}

pub fn summary(mode: Mode, orders: Vec<OrderDetail>) -> DaySummary {
    DaySummary {
        day: date(2026, 11, 22),
        mode,
        totals: DayTotals {
            total_purchases: Soles::from_centimos(123_450),
            total_paid_in_store: Soles::from_centimos(45_000),
            total_financed: Soles::from_centimos(78_450),
        },
        orders,
        // 13:40 in Lima.
        fetched_at: "2026-11-22T18:40:00Z".parse().unwrap(),
        from_cache: false,
    }
}

pub fn entry(
    id: i64,
    mode: Mode,
    utc: &str,
    kind: OperationKind,
    state: OperationState,
) -> JournalEntry {
    let created_at: Timestamp = utc.parse().unwrap();
    JournalEntry {
        id,
        idempotency_key: format!("key-{id}"),
        mode,
        kind,
        customer: CustomerId::Dni("14159265".parse().unwrap()),
        // Digits only, as every funding code is; `900` makes it text no other figure of the report holds.
        funding_code: format!("900{id:04}").parse().unwrap(),
        state,
        reason: None,
        http_status: Some(200),
        downpayment_amount: Some(Soles::from_centimos(29_990)),
        created_at,
        finished_at: Some(created_at),
        attempts: 0,
        operator: None,
        approver: None,
        approval_reason: None,
        payment: None,
        collect: None,
        shift_id: None,
    }
}

/// What a day summary is rendered from: the till's day, its own operations, the store and the time.
#[derive(Debug, Clone, Copy)]
pub struct DayReport<'a> {
    pub store_name: &'a str,
    pub summary: &'a DaySummary,
    pub operations: &'a [JournalEntry],
    pub generated_at: Timestamp,
}

/// Renders the report in Spanish, the till's default language.
pub fn render(report: &DayReport<'_>) -> Result<Vec<u8>, DaySheetError> {
    render_in(report, Lang::Es)
}

pub fn render_in(report: &DayReport<'_>, lang: Lang) -> Result<Vec<u8>, DaySheetError> {
    desk::day_sheet::render(
        report.summary,
        report.operations,
        &[],
        report.store_name,
        report.generated_at,
        lang,
    )
}

/// Renders the report into a temporary file and returns it with the directory that holds it.
pub fn render_to_file(report: &DayReport<'_>) -> (tempfile::TempDir, std::path::PathBuf) {
    render_to_file_in(report, Lang::Es)
}

pub fn render_to_file_in(
    report: &DayReport<'_>,
    lang: Lang,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let bytes = render_in(report, lang).expect("the report renders");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("resumen.pdf");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// The text of each page, as `pdftotext -layout` lays it out.
pub fn pages(report: &DayReport<'_>) -> Vec<String> {
    pages_in(report, Lang::Es)
}

pub fn pages_in(report: &DayReport<'_>, lang: Lang) -> Vec<String> {
    let (_dir, path) = render_to_file_in(report, lang);
    let text = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_owned).collect();
    // pdftotext ends every page with a form feed, the last one too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// One word on a page with its box, from `pdftotext -bbox` (points, from the top-left corner).
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub x_min: f32,
    pub x_max: f32,
    pub y_min: f32,
    pub y_max: f32,
    pub text: String,
}

pub fn words(report: &DayReport<'_>) -> Vec<Word> {
    let (_dir, path) = render_to_file(report);
    let html = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let attribute = |name: &str| -> f32 {
                let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                let end = start + rest[start..].find('"').unwrap();
                rest[start..end].parse().unwrap()
            };
            let text_start = rest.find('>').unwrap() + 1;
            let text_end = rest.rfind("</word>").unwrap();
            words.push(Word {
                page,
                x_min: attribute("xMin"),
                x_max: attribute("xMax"),
                y_min: attribute("yMin"),
                y_max: attribute("yMax"),
                text: rest[text_start..text_end].replace("&amp;", "&"),
            });
        }
    }
    words
}

pub fn pdf_info(path: &Path) -> String {
    run("pdfinfo", &[path.to_str().unwrap()])
}

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed (poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The line of `text` that contains `needle`.
pub fn line_with<'t>(text: &'t str, needle: &str) -> &'t str {
    text.lines()
        .find(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("no line with «{needle}» in:\n{text}"))
}
