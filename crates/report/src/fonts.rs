//! The two faces the reports print with (PDF built-in Helvetica and Helvetica-Bold) and their advance
//! widths, so text can be right-aligned and cut to fit a column before it is drawn.
//!
//! Built-in fonts are not embedded: the viewer lays the text out with the standard Adobe metrics for
//! Helvetica, and printpdf writes them with `WinAnsiEncoding` (so á é í ó ú ñ ° — print). The widths come
//! from printpdf's own copy of each face, read once per process into a flat table, so measuring a string
//! is an array lookup per character and never a font lookup.

use std::borrow::Cow;
use std::sync::LazyLock;

use printpdf::BuiltinFont;

/// A face of the report's one typeface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Regular,
    Bold,
}

/// What a string that does not fit ends with.
const ELLIPSIS: char = '…';

impl Face {
    pub(crate) fn builtin(self) -> BuiltinFont {
        match self {
            Face::Regular => BuiltinFont::Helvetica,
            Face::Bold => BuiltinFont::HelveticaBold,
        }
    }

    fn widths(self) -> &'static Widths {
        static REGULAR: LazyLock<Widths> = LazyLock::new(|| Widths::of(BuiltinFont::Helvetica));
        static BOLD: LazyLock<Widths> = LazyLock::new(|| Widths::of(BuiltinFont::HelveticaBold));
        match self {
            Face::Regular => &REGULAR,
            Face::Bold => &BOLD,
        }
    }

    /// Width of `text` set at `size` points, in points.
    pub(crate) fn width(self, text: &str, size: f32) -> f32 {
        let widths = self.widths();
        let thousandths: u32 = text.chars().map(|c| u32::from(widths.of_char(c))).sum();
        thousandths as f32 * size / 1000.0
    }

    /// `text` as it fits in `max_width` points: whole if it fits, else cut at a character boundary and
    /// ended with an ellipsis. Used for free text (reasons, store names) that must not run into the next
    /// column; amounts and ids are given columns wide enough never to be cut.
    pub(crate) fn fit(self, text: &str, size: f32, max_width: f32) -> Cow<'_, str> {
        if self.width(text, size) <= max_width {
            return Cow::Borrowed(text);
        }
        let widths = self.widths();
        let budget = max_width * 1000.0 / size - f32::from(widths.of_char(ELLIPSIS));
        let mut used = 0.0;
        let mut end = 0;
        for (index, c) in text.char_indices() {
            used += f32::from(widths.of_char(c));
            if used > budget {
                break;
            }
            end = index + c.len_utf8();
        }
        Cow::Owned(format!("{}{ELLIPSIS}", text[..end].trim_end()))
    }

    /// `text` broken at spaces into lines no wider than `max_width` points; a word longer than a whole
    /// line is cut with an ellipsis. An empty text is one empty line.
    pub(crate) fn wrap(self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let space = self.width(" ", size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut used = 0.0;
        for word in text.split_whitespace() {
            let width = self.width(word, size);
            if !line.is_empty() && used + space + width > max_width {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            if !line.is_empty() {
                line.push(' ');
                used += space;
            }
            let word = self.fit(word, size, max_width);
            used += self.width(&word, size);
            line.push_str(&word);
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Advance widths in thousandths of an em, the unit of the PDF `Widths` array.
struct Widths {
    /// Indexed by code point for U+0000..=U+00FF, where WinAnsi and Latin-1 agree (above 0x9F).
    latin1: [u16; 256],
    /// The WinAnsi characters outside Latin-1 (typographic quotes, dashes, €, …).
    others: Vec<(char, u16)>,
    /// What printpdf prints for a character WinAnsi lacks: `?`.
    replacement: u16,
}

/// The characters WinAnsi puts in 0x80..=0x9F, which Latin-1 leaves to control codes.
pub(crate) const WIN_ANSI_EXTRAS: &str = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

impl Widths {
    fn of(font: BuiltinFont) -> Widths {
        // printpdf ships each built-in face as a small TrueType file whose advances are the standard
        // metrics; if it ever failed to parse, measuring with a flat 0.556 em (Helvetica's digit width)
        // keeps the report printable, only less neatly aligned.
        let parsed = font.get_parsed_font();
        let advance = |c: char| -> Option<u16> {
            // The copies have no glyph for the space, which is never drawn, only advanced over: 278 in
            // both faces' standard metrics. WinAnsi's no-break space and soft hyphen print as the
            // space and the hyphen.
            let c = match c {
                ' ' | '\u{a0}' => return Some(278),
                '\u{ad}' => '-',
                other => other,
            };
            let parsed = parsed.as_ref()?;
            let glyph = parsed.lookup_glyph_index(u32::from(c))?;
            let width = u32::from(parsed.get_glyph_width(glyph)?);
            let per_em = u32::from(parsed.units_per_em.max(1));
            u16::try_from((width * 1000 + per_em / 2) / per_em).ok()
        };
        let replacement = advance('?').unwrap_or(556);
        let mut latin1 = [replacement; 256];
        for (code, slot) in latin1.iter_mut().enumerate() {
            let printable = (0x20..0x7F).contains(&code) || code >= 0xA0;
            if let Some(c) = char::from_u32(code as u32).filter(|_| printable) {
                *slot = advance(c).unwrap_or(replacement);
            }
        }
        let others = WIN_ANSI_EXTRAS
            .chars()
            .map(|c| (c, advance(c).unwrap_or(replacement)))
            .collect();
        Widths {
            latin1,
            others,
            replacement,
        }
    }

    fn of_char(&self, c: char) -> u16 {
        match usize::try_from(u32::from(c)) {
            Ok(code) if code < 256 => self.latin1[code],
            _ => self
                .others
                .iter()
                .find(|(other, _)| *other == c)
                .map_or(self.replacement, |(_, width)| *width),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_the_standard_helvetica_metrics() {
        // Values from Adobe's Helvetica.afm and Helvetica-Bold.afm: the viewer positions glyphs with
        // these, so right alignment is only right if we measure with the same numbers.
        let regular = Face::Regular.widths();
        for (c, afm) in [
            (' ', 278),
            ('a', 556),
            ('i', 222),
            ('W', 944),
            ('1', 556),
            ('/', 278),
        ] {
            assert_eq!(regular.of_char(c), afm, "Helvetica «{c}»");
        }
        for (c, afm) in [
            ('é', 556),
            ('ñ', 556),
            ('Ñ', 722),
            ('°', 400),
            ('—', 1000),
            ('…', 1000),
        ] {
            assert_eq!(regular.of_char(c), afm, "Helvetica «{c}»");
        }
        let bold = Face::Bold.widths();
        for (c, afm) in [
            (' ', 278),
            ('a', 556),
            ('i', 278),
            ('W', 944),
            ('ñ', 611),
            ('S', 667),
        ] {
            assert_eq!(bold.of_char(c), afm, "Helvetica-Bold «{c}»");
        }
    }

    #[test]
    fn digits_share_one_width_so_amounts_line_up() {
        let widths: Vec<f32> = ('0'..='9')
            .map(|d| Face::Regular.width(&d.to_string(), 10.0))
            .collect();
        assert!(widths.iter().all(|w| (w - 5.56).abs() < 1e-4), "{widths:?}");
    }

    #[test]
    fn fit_keeps_short_text_and_cuts_long_text_with_an_ellipsis() {
        assert_eq!(Face::Regular.fit("Tarjeta", 9.0, 100.0), "Tarjeta");
        let long = "Error on dni format ".repeat(10);
        let cut = Face::Regular.fit(&long, 9.0, 120.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(Face::Regular.width(&cut, 9.0) <= 120.0);
        assert!(long.starts_with(cut.trim_end_matches('…')));
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width_and_keeps_every_word() {
        let text = "El supervisor aprobó el cierre con un faltante de S/ 12.50 en efectivo";
        let lines = Face::Regular.wrap(text, 10.0, 150.0);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            assert!(Face::Regular.width(line, 10.0) <= 150.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
        assert_eq!(Face::Regular.wrap("", 10.0, 150.0), [""]);
        let word = "x".repeat(200);
        let cut = Face::Regular.wrap(&word, 10.0, 150.0);
        assert_eq!(cut.len(), 1);
        assert!(cut[0].ends_with('…'));
    }
}
