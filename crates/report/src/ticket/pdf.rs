//! The receipt as a PDF shaped like the paper: a page 80 mm wide, 72 mm of it printed, as tall as the
//! rows need, in monospace (the built-in Courier, nothing embedded).
//!
//! Each row takes the height a thermal printer gives it (3.75 mm, twice that in double size) and each
//! character the width of font A (1.5 mm, 48 to the line). Courier is drawn taller than that width
//! allows and narrowed with the PDF's horizontal scaling, so characters have a receipt's proportions.
//! A QR code's row is as tall as its symbol and quiet zone at the printer's 8 dots per mm; its dark
//! modules are filled rectangles, one per run of dark modules in a row, so nothing is left between
//! neighbours for a scanner to see as a gap.

use printpdf::{
    BuiltinFont, Color, Greyscale, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Pt, Rect, TextItem, TextMatrix,
};

use super::qr::{QUIET_ZONE, ROLL_DOTS, Symbol};
use super::rows::{Align, Row};
use crate::ReportError;
use crate::fonts::WIN_ANSI_EXTRAS;

/// Characters per line: font A on 80 mm paper.
pub(super) const COLUMNS: usize = 48;

const POINTS_PER_MM: f32 = 72.0 / 25.4;
const PAGE_WIDTH_MM: f32 = 80.0;
const PRINTED_WIDTH_MM: f32 = 72.0;
const SIDE_MARGIN: f32 = (PAGE_WIDTH_MM - PRINTED_WIDTH_MM) / 2.0 * POINTS_PER_MM;
const TOP_MARGIN: f32 = 5.0 * POINTS_PER_MM;
const BOTTOM_MARGIN: f32 = 6.0 * POINTS_PER_MM;
/// One character's advance: 1.5 mm.
const CELL: f32 = PRINTED_WIDTH_MM / COLUMNS as f32 * POINTS_PER_MM;
/// One row's height: 30 dots at 8 dots per mm.
const PITCH: f32 = 3.75 * POINTS_PER_MM;
/// Courier's size; its advance (0.6 em) is then narrowed to `CELL`.
const FONT_SIZE: f32 = 9.5;
const SCALING_PERCENT: f32 = CELL / (0.6 * FONT_SIZE) * 100.0;
/// Where the baseline sits in a row, from its top, as a share of the row's height.
const BASELINE: f32 = 0.76;
/// One printer dot: 1/8 mm.
const DOT: f32 = PRINTED_WIDTH_MM / ROLL_DOTS as f32 * POINTS_PER_MM;

/// Whether the PDF's built-in fonts print `c`: printpdf writes them in WinAnsi, which is Latin-1 plus
/// a few typographic characters.
pub(super) fn prints(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}') || WIN_ANSI_EXTRAS.contains(c)
}

/// A row's height: a text's line, twice that in double size, or a QR code with its quiet zone.
fn height(row: &Row) -> f32 {
    match &row.symbol {
        Some(symbol) => symbol.dots() as f32 * DOT,
        None if row.look.double => PITCH * 2.0,
        None => PITCH,
    }
}

pub(super) fn render(rows: &[Row]) -> Result<Vec<u8>, ReportError> {
    let scale = |row: &Row| if row.look.double { 2.0 } else { 1.0 };
    let content_height: f32 = rows.iter().map(height).sum();
    let page_height = TOP_MARGIN + content_height + BOTTOM_MARGIN;
    let mut shapes = Vec::new();
    let mut text = vec![
        Op::StartTextSection,
        Op::SetHorizontalScaling {
            percent: SCALING_PERCENT,
        },
    ];
    let mut top = TOP_MARGIN;
    let mut current: Option<(BuiltinFont, f32, f32)> = None;
    for row in rows {
        let scale = scale(row);
        let width = row.text.chars().count() as f32 * CELL * scale;
        let left = match row.align {
            Align::Left => SIDE_MARGIN,
            Align::Center => SIDE_MARGIN + (PRINTED_WIDTH_MM * POINTS_PER_MM - width) / 2.0,
        };
        let height = height(row);
        if let Some(symbol) = &row.symbol {
            draw_symbol(&mut shapes, symbol, page_height - top);
        }
        if row.look.inverted && !row.text.is_empty() {
            shapes.push(Op::SetFillColor { col: grey(0.0) });
            shapes.push(Op::DrawRectangle {
                rectangle: Rect {
                    mode: Some(PaintMode::Fill),
                    ..Rect::from_xywh(
                        Pt(left),
                        Pt(page_height - top - height),
                        Pt(width),
                        Pt(height),
                    )
                },
            });
        }
        if !row.text.trim().is_empty() {
            let font = if row.look.bold {
                BuiltinFont::CourierBold
            } else {
                BuiltinFont::Courier
            };
            let size = FONT_SIZE * scale;
            let fill = if row.look.inverted { 1.0 } else { 0.0 };
            if current.is_none_or(|(f, s, _)| f != font || s != size) {
                text.push(Op::SetFont {
                    font: PdfFontHandle::Builtin(font),
                    size: Pt(size),
                });
            }
            if current.is_none_or(|(_, _, g)| g != fill) {
                text.push(Op::SetFillColor { col: grey(fill) });
            }
            current = Some((font, size, fill));
            text.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(left), Pt(page_height - top - height * BASELINE)),
            });
            text.push(Op::ShowText {
                items: vec![TextItem::Text(row.text.clone())],
            });
        }
        top += height;
    }
    text.push(Op::EndTextSection);
    shapes.extend(text);
    save(shapes, page_height, rows)
}

fn save(ops: Vec<Op>, page_height: f32, rows: &[Row]) -> Result<Vec<u8>, ReportError> {
    let page = PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(page_height / POINTS_PER_MM), ops);
    // The document's title is the receipt's first big text (its title), as the caller worded it.
    let title = rows
        .iter()
        .skip_while(|row| !row.look.double)
        .take_while(|row| row.look.double)
        .map(|row| row.text.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let mut document = PdfDocument::new(&title);
    document.metadata.info.creator = "Caja (aCuotaz)".to_owned();
    document.with_pages(vec![page]);
    let mut warnings = Vec::new();
    let bytes = document.save(&PdfSaveOptions::default(), &mut warnings);
    // As for the day summary: a receipt that may be missing text is not handed to anyone.
    match warnings
        .into_iter()
        .find(|warning| warning.severity == PdfParseErrorSeverity::Error)
    {
        Some(error) => Err(ReportError::Pdf(error.msg)),
        None => Ok(bytes),
    }
}

/// The symbol's dark modules, centred on the roll, its quiet zone (left light) starting at `top`.
fn draw_symbol(shapes: &mut Vec<Op>, symbol: &Symbol, top: f32) {
    let module = symbol.module_dots as f32 * DOT;
    let quiet = QUIET_ZONE as f32 * module;
    let left = SIDE_MARGIN + (PRINTED_WIDTH_MM * POINTS_PER_MM - symbol.dots() as f32 * DOT) / 2.0;
    shapes.push(Op::SetFillColor { col: grey(0.0) });
    for y in 0..symbol.modules {
        let bottom = top - quiet - (y + 1) as f32 * module;
        for (x, run) in symbol.dark_runs(y) {
            shapes.push(Op::DrawRectangle {
                rectangle: Rect {
                    mode: Some(PaintMode::Fill),
                    ..Rect::from_xywh(
                        Pt(left + quiet + x as f32 * module),
                        Pt(bottom),
                        Pt(run as f32 * module),
                        Pt(module),
                    )
                },
            });
        }
    }
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}
