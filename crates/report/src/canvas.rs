//! One page being drawn: text, rules and shaded bands placed in points measured from the top-left
//! corner, as a reader thinks of a page, and turned into printpdf operations at the end.
//!
//! Shapes and text are kept in two lists so the finished page is every shape first, then one text
//! section (`BT` … `ET`) holding all the text: text operators are only valid inside a text section,
//! and shapes painted later would cover the text. Each piece of text is placed with an absolute text
//! matrix, so no position depends on the one before it; only the pieces of one run (a table row's
//! cells) share one, the gaps between them written as offsets measured with the widths the viewer
//! uses, which keeps a long table's file small and quick to write. Font and colour are set only when
//! they change.

use printpdf::{
    Color, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, TextItem,
    TextMatrix,
};

use crate::fonts::Face;

/// A4 portrait, in points.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;

/// How a piece of text looks: face, size in points, and grey level (0 black, 1 white).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub face: Face,
    pub size: f32,
    pub grey: f32,
}

impl Style {
    pub(crate) const fn new(face: Face, size: f32) -> Style {
        Style {
            face,
            size,
            grey: 0.0,
        }
    }

    pub(crate) const fn grey(self, grey: f32) -> Style {
        Style { grey, ..self }
    }

    pub(crate) fn width(self, text: &str) -> f32 {
        self.face.width(text, self.size)
    }
}

#[derive(Default)]
pub(crate) struct Canvas {
    shapes: Vec<Op>,
    text: Vec<Op>,
    /// Font and size last set in the text section.
    font: Option<(Face, f32)>,
    /// Fill grey last set in the text section.
    text_grey: Option<f32>,
}

impl Canvas {
    /// Writes `text` with its left end at `x` and its baseline at `baseline` (from the top).
    pub(crate) fn text(&mut self, x: f32, baseline: f32, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        self.set_style(style);
        self.text.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(PAGE_HEIGHT - baseline)),
        });
        self.text.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_owned())],
        });
    }

    /// Writes pieces of text on one baseline in one style, each `(x, text)` with its left end at `x`, as
    /// one run: one text matrix and one show operation, the gap from the end of each piece to the start
    /// of the next given as an offset in the run.
    pub(crate) fn text_run(&mut self, baseline: f32, style: Style, pieces: &[(f32, &str)]) {
        let mut pieces = pieces.iter().filter(|(_, text)| !text.is_empty());
        let Some(&(first_x, first)) = pieces.next() else {
            return;
        };
        self.set_style(style);
        self.text.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(first_x), Pt(PAGE_HEIGHT - baseline)),
        });
        let mut items = vec![TextItem::Text(first.to_owned())];
        let mut pen = first_x + style.width(first);
        for &(x, text) in pieces {
            // Offsets are in thousandths of the font size, positive to the left; whole thousandths
            // (a few thousandths of a point at 9 pt) keep the numbers short.
            let offset = ((pen - x) * 1000.0 / style.size).round();
            items.push(TextItem::Offset(offset));
            items.push(TextItem::Text(text.to_owned()));
            pen += style.width(text) - offset * style.size / 1000.0;
        }
        self.text.push(Op::ShowText { items });
    }

    /// Sets the font and the fill grey of the text section, where they change.
    fn set_style(&mut self, style: Style) {
        if self.font != Some((style.face, style.size)) {
            self.font = Some((style.face, style.size));
            self.text.push(Op::SetFont {
                font: PdfFontHandle::Builtin(style.face.builtin()),
                size: Pt(style.size),
            });
        }
        if self.text_grey != Some(style.grey) {
            self.text_grey = Some(style.grey);
            self.text.push(Op::SetFillColor {
                col: grey(style.grey),
            });
        }
    }

    /// Writes `text` so that it ends at `right`: how amounts and counts line up in a column.
    pub(crate) fn text_right(&mut self, right: f32, baseline: f32, style: Style, text: &str) {
        self.text(right - style.width(text), baseline, style, text);
    }

    pub(crate) fn text_centered(&mut self, center: f32, baseline: f32, style: Style, text: &str) {
        self.text(center - style.width(text) / 2.0, baseline, style, text);
    }

    /// A horizontal rule from `x1` to `x2` at height `y` (from the top).
    pub(crate) fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, shade: f32) {
        let point = |x: f32| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(PAGE_HEIGHT - y),
            },
            bezier: false,
        };
        self.shapes.extend([
            Op::SetOutlineColor { col: grey(shade) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(x1), point(x2)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A filled band whose top-left corner is at (`x`, `top`).
    pub(crate) fn band(&mut self, x: f32, top: f32, width: f32, height: f32, shade: f32) {
        self.shapes.push(Op::SetFillColor { col: grey(shade) });
        self.shapes.push(Op::DrawRectangle {
            rectangle: rect(x, top, width, height, PaintMode::Fill),
        });
    }

    /// An outlined box whose top-left corner is at (`x`, `top`).
    pub(crate) fn frame(&mut self, x: f32, top: f32, width: f32, height: f32, thickness: f32) {
        self.shapes.extend([
            Op::SetOutlineColor { col: grey(0.0) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawRectangle {
                rectangle: rect(x, top, width, height, PaintMode::Stroke),
            },
        ]);
    }

    /// The page's operations: shapes, then all text in one text section.
    pub(crate) fn into_ops(self) -> Vec<Op> {
        let mut ops = self.shapes;
        ops.reserve(self.text.len() + 2);
        ops.push(Op::StartTextSection);
        ops.extend(self.text);
        ops.push(Op::EndTextSection);
        ops
    }
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

fn rect(x: f32, top: f32, width: f32, height: f32, mode: PaintMode) -> Rect {
    Rect {
        mode: Some(mode),
        ..Rect::from_xywh(Pt(x), Pt(PAGE_HEIGHT - top - height), Pt(width), Pt(height))
    }
}
