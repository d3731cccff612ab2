//! A ticket laid out on a roll `columns` characters wide: the rows the thermal printer and the PDF
//! both print, so the two can never break a line differently.
//!
//! Each row is one printed line, already cut to fit: a double-size row holds half as many characters.
//! Pairs are padded here to the full width with their value at the right end, so alignment does not
//! depend on the printer; centring is left to the printer (`ESC a 1`) and to the PDF. A QR code is
//! one row of its own, as tall as the symbol, with no text.

use super::qr::{Symbol, TooLong};
use super::{Ticket, TicketLine};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
}

/// How a row's characters look. The default is the printer's state after `ESC @`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Look {
    pub bold: bool,
    /// Double width and double height.
    pub double: bool,
    /// White on black.
    pub inverted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub text: String,
    pub align: Align,
    pub look: Look,
    /// A QR code printed on this row instead of text (`text` is then empty).
    pub symbol: Option<Symbol>,
}

/// The narrowest roll laid out; a narrower `columns` is taken as this.
pub(crate) const MIN_COLUMNS: usize = 16;

/// The ticket's rows on a roll `columns` wide, with every text folded to what `prints` accepts.
///
/// Fails only on a QR code whose data no QR code holds.
pub(crate) fn rows(
    ticket: &Ticket,
    columns: usize,
    prints: impl Fn(char) -> bool,
) -> Result<Vec<Row>, TooLong> {
    let columns = columns.max(MIN_COLUMNS);
    let fold = |text: &str| super::code_page::fold(text, &prints);
    let plain = Look::default();
    let bold = Look {
        bold: true,
        ..plain
    };
    let big = Look {
        bold: true,
        double: true,
        ..plain
    };
    let mut rows = Vec::new();
    for line in &ticket.lines {
        match line {
            TicketLine::Title(text) => push(
                &mut rows,
                wrap(&fold(text), columns / 2),
                Align::Center,
                big,
            ),
            TicketLine::Centered(text) => {
                push(&mut rows, wrap(&fold(text), columns), Align::Center, plain)
            }
            TicketLine::Text(text) => {
                // A line break in a text is kept; each paragraph is wrapped on its own.
                for paragraph in text.split('\n') {
                    push(
                        &mut rows,
                        wrap(&fold(paragraph), columns),
                        Align::Left,
                        plain,
                    );
                }
            }
            TicketLine::Pair { left, right } => {
                push(
                    &mut rows,
                    pair(&fold(left), &fold(right), columns),
                    Align::Left,
                    plain,
                );
            }
            TicketLine::Big { label, value } => {
                push(&mut rows, wrap(&fold(label), columns), Align::Center, bold);
                push(
                    &mut rows,
                    wrap(&fold(value), columns / 2),
                    Align::Center,
                    big,
                );
            }
            TicketLine::Notice(text) => {
                // Inverted with a margin of two spaces each side, so the black band is wider than
                // the words in it.
                let lines = wrap(&fold(text), columns - 4)
                    .into_iter()
                    .map(|line| format!("  {line}  "))
                    .collect();
                let look = Look {
                    inverted: true,
                    ..bold
                };
                push(&mut rows, lines, Align::Center, look);
            }
            TicketLine::Rule => push(&mut rows, vec!["-".repeat(columns)], Align::Left, plain),
            TicketLine::Blank => push(&mut rows, vec![String::new()], Align::Left, plain),
            TicketLine::Qr { data, caption } => {
                // The data is not folded: it is the code's bytes, never printed as text.
                let symbol = Symbol::new(data)?;
                rows.push(Row {
                    text: String::new(),
                    align: Align::Center,
                    look: plain,
                    symbol: Some(symbol),
                });
                if let Some(caption) = caption {
                    push(
                        &mut rows,
                        wrap(&fold(caption), columns),
                        Align::Center,
                        plain,
                    );
                }
            }
        }
    }
    Ok(rows)
}

/// Text rows, one per line, all aligned and looking alike.
fn push(rows: &mut Vec<Row>, lines: Vec<String>, align: Align, look: Look) {
    rows.extend(lines.into_iter().map(|text| Row {
        text,
        align,
        look,
        symbol: None,
    }));
}

/// `left` and `right` on rows exactly `columns` wide: `right` ends at the last column of the first
/// row, `left` wraps in the room before it (one space between them at least). A value too wide to
/// leave room for a word goes on rows of its own, right-aligned, under the label.
fn pair(left: &str, right: &str, columns: usize) -> Vec<String> {
    let right = right.trim();
    let right_width = width(right);
    let pad_to = |text: &str, width: usize| format!("{text:<width$}");
    if right_width + 1 + MIN_LABEL > columns {
        let mut lines: Vec<String> = wrap(left, columns)
            .into_iter()
            .filter(|line| !line.is_empty())
            .collect();
        lines.extend(
            wrap(right, columns)
                .into_iter()
                .map(|line| format!("{line:>columns$}")),
        );
        return lines;
    }
    let mut lines = wrap(left, columns - right_width - 1);
    lines[0] = format!("{}{right}", pad_to(&lines[0], columns - right_width));
    lines
}

/// The least room a pair's label keeps beside its value before the value moves to its own row.
const MIN_LABEL: usize = 8;

fn width(text: &str) -> usize {
    text.chars().count()
}

/// `text` cut into lines of at most `width` characters, at spaces where possible. Runs of spaces
/// inside a line are kept (a caller may align with them); at a break they are dropped. A word longer
/// than a line is cut. Always at least one line, empty for an empty text.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    let mut spaces = 0;
    for piece in pieces(text) {
        if piece.starts_with(' ') {
            spaces += piece.len();
            continue;
        }
        let mut word: Vec<char> = piece.chars().collect();
        if line_width > 0 && line_width + spaces + word.len() <= width {
            line.extend(std::iter::repeat_n(' ', spaces));
            line.extend(&word);
            line_width += spaces + word.len();
        } else {
            if line_width > 0 {
                lines.push(std::mem::take(&mut line));
            }
            while word.len() > width {
                lines.push(word.drain(..width).collect());
            }
            line = word.iter().collect();
            line_width = word.len();
        }
        spaces = 0;
    }
    if line_width > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` as alternating runs of spaces and of other characters.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let is_space = first == ' ';
        let end = rest
            .find(|c: char| (c == ' ') != is_space)
            .unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("uno dos tres", 7), ["uno dos", "tres"]);
        assert_eq!(wrap("  uno   dos  ", 20), ["uno   dos"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("   ", 10), [""]);
        assert_eq!(wrap("ab abcdefgh", 4), ["ab", "abcd", "efgh"]);
    }

    #[test]
    fn a_pair_fills_the_width_with_its_value_at_the_end() {
        assert_eq!(pair("Importe", "S/ 579.98", 20), ["Importe    S/ 579.98"]);
        assert_eq!(
            pair("Código de financiamiento del cliente", "1234567", 24),
            ["Código de        1234567", "financiamiento", "del cliente"]
        );
    }

    #[test]
    fn a_value_too_wide_goes_under_its_label() {
        let lines = pair("Referencia", "ABCDEFGHIJKLMNOPQRSTUV", 24);
        assert_eq!(lines, ["Referencia", "  ABCDEFGHIJKLMNOPQRSTUV"]);
    }
}
