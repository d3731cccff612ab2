//! The widths of a section's columns, from what they hold: every money column as wide as its widest
//! value (and never narrower than a round amount needs, so the figures of a section line up evenly),
//! the text columns as wide as their longest text, and the room left over to the text column with the
//! longest texts: the first, in a table whose first column is its label (a short first column, such as
//! a time, is not swollen into a gap the eye must jump). When the texts do not fit, the longest text columns give way
//! equally (their cells are then cut with an ellipsis); the money columns give way only when they
//! alone would not fit the page.

use super::section::cell_style;
use crate::ZSection;
use crate::layout::CONTENT_WIDTH;
use crate::table::{Align, Column, HEADER, PADDING};

/// The least width of a money column: `S/ 10,000.00` with its padding.
const LEAST_NUMERIC: f32 = 64.0;
/// The least width a text column keeps when the money columns crowd it: a few letters and an ellipsis.
const LEAST_TEXT: f32 = 36.0;

/// The section's columns: as many as its headers (at least one), right-aligned from `numeric_from`.
pub(super) fn of(section: &ZSection) -> Vec<Column> {
    let count = section.columns.len().max(1);
    let numeric_from = section.numeric_from.min(count);
    let mut natural = vec![0.0_f32; count];
    for (want, title) in natural.iter_mut().zip(&section.columns) {
        *want = HEADER.width(title);
    }
    for row in &section.rows {
        let style = cell_style(row.emphasis);
        for (want, text) in natural.iter_mut().zip(&row.cells) {
            *want = want.max(style.width(text));
        }
    }
    // Half a point more than the text needs, so rounding never cuts the widest text of a column.
    let natural: Vec<f32> = natural.iter().map(|w| w + 2.0 * PADDING + 0.5).collect();
    widths(&natural, numeric_from, CONTENT_WIDTH)
        .into_iter()
        .enumerate()
        .map(|(index, width)| Column {
            width,
            align: if index >= numeric_from {
                Align::Right
            } else {
                Align::Left
            },
        })
        .collect()
}

/// Widths summing to `total` for columns that would like `natural`, the ones from `numeric_from` on
/// holding money.
fn widths(natural: &[f32], numeric_from: usize, total: f32) -> Vec<f32> {
    let mut widths: Vec<f32> = natural
        .iter()
        .enumerate()
        .map(|(index, &want)| {
            if index >= numeric_from {
                want.max(LEAST_NUMERIC)
            } else {
                want
            }
        })
        .collect();
    let (texts, numbers) = widths.split_at_mut(numeric_from);
    let numbers_want: f32 = numbers.iter().sum();
    // What the text columns get: what the numbers leave, but never less than their least.
    let texts_least = texts
        .iter()
        .map(|want| want.min(LEAST_TEXT))
        .sum::<f32>()
        .min(total);
    let texts_room = (total - numbers_want).max(texts_least);
    if numbers_want > total - texts_room {
        // Money too wide for the page: every amount column gives way in proportion.
        let scale = (total - texts_room) / numbers_want;
        numbers.iter_mut().for_each(|width| *width *= scale);
    }
    if texts.iter().sum::<f32>() > texts_room {
        level_off(texts, texts_room);
    }
    // Whatever is left over (or the rounding) goes to the widest text column, the first of equals.
    let widest = (0..numeric_from).fold(0, |widest, index| {
        if natural[index] > natural[widest] {
            index
        } else {
            widest
        }
    });
    let sum: f32 = widths.iter().sum();
    widths[widest] += total - sum;
    widths
}

/// Cuts the widest of `wants` down to one level so that they sum to `room`; the narrower ones keep
/// their width.
fn level_off(wants: &mut [f32], room: f32) {
    let mut sorted = wants.to_vec();
    sorted.sort_by(f32::total_cmp);
    let mut left = room;
    let mut level = f32::INFINITY;
    for (index, &want) in sorted.iter().enumerate() {
        let share = left / (sorted.len() - index) as f32;
        if want > share {
            level = share;
            break;
        }
        left -= want;
    }
    wants.iter_mut().for_each(|want| *want = want.min(level));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 0.01
    }

    #[test]
    fn room_left_over_goes_to_the_first_column() {
        let got = widths(&[60.0, 50.0, 70.0, 70.0], 2, 500.0);
        assert!(close(got[1], 50.0), "{got:?}");
        assert!(close(got[2], 70.0) && close(got[3], 70.0), "{got:?}");
        assert!(close(got[0], 310.0), "{got:?}");
    }

    #[test]
    fn a_short_first_column_leaves_the_room_to_the_longest_texts() {
        let got = widths(&[35.0, 190.0, 50.0, 70.0], 3, 500.0);
        assert!(close(got[0], 35.0), "{got:?}");
        assert!(close(got[2], 50.0), "{got:?}");
        assert!(close(got[1], 345.0), "{got:?}");
    }

    #[test]
    fn money_columns_keep_their_widest_value_and_an_even_least_width() {
        let got = widths(&[100.0, 30.0, 90.0], 1, 500.0);
        assert!(close(got[1], LEAST_NUMERIC), "{got:?}");
        assert!(close(got[2], 90.0), "{got:?}");
        assert!(close(got.iter().sum(), 500.0));
    }

    #[test]
    fn long_texts_give_way_equally_and_short_ones_keep_their_width() {
        let got = widths(&[400.0, 40.0, 300.0, 80.0], 3, 500.0);
        assert!(close(got[1], 40.0), "{got:?}");
        assert!(close(got[3], 80.0), "{got:?}");
        assert!(close(got[0], got[2]), "{got:?}");
        assert!(close(got[0], 190.0), "{got:?}");
    }

    #[test]
    fn absurd_amounts_never_push_the_table_off_the_page() {
        let got = widths(&[200.0, 900.0, 900.0], 1, 500.0);
        assert!(close(got.iter().sum(), 500.0), "{got:?}");
        assert!(got.iter().all(|w| *w > 0.0), "{got:?}");
        let got = widths(&[900.0, 900.0], 2, 500.0);
        assert!(close(got.iter().sum(), 500.0), "{got:?}");
        let got = widths(&[10.0], 1, 500.0);
        assert!(close(got[0], 500.0), "{got:?}");
    }
}
