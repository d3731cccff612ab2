//! The customer's link as a QR code in the terminal, drawn with Unicode half blocks: each text line
//! holds two rows of modules (`▀` the upper light, `▄` the lower, `█` both). As `qrencode -t UTF8`
//! does, the light modules and the quiet zone are the drawn ones, so the code reads on the usual dark
//! terminal; error correction M, like the screen's and the receipt's codes of the same link.

use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the symbol on each side, as ISO/IEC 18004 asks of a model 2 code.
const QUIET_ZONE: usize = 4;

/// `data` as lines of half blocks; none when it does not fit in a QR code.
pub fn half_blocks(data: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(data, EcLevel::M).ok()?;
    let modules = code.width();
    let colors = code.into_colors();
    let side = modules + 2 * QUIET_ZONE;
    let light = |x: usize, y: usize| {
        if y >= side {
            return false;
        }
        let inside = |at: usize| (QUIET_ZONE..QUIET_ZONE + modules).contains(&at);
        !(inside(x)
            && inside(y)
            && colors[(y - QUIET_ZONE) * modules + x - QUIET_ZONE] == Color::Dark)
    };
    let mut text = String::new();
    for y in (0..side).step_by(2) {
        for x in 0..side {
            text.push(match (light(x, y), light(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        text.push('\n');
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_rows_a_line_with_the_quiet_zone_drawn() {
        let text = half_blocks("https://example.com/o/1").unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let side = lines[0].chars().count();
        assert_eq!(lines.len(), side.div_ceil(2));
        assert!(lines[0].chars().all(|c| c == '█'), "the quiet zone");
        assert!(lines.iter().all(|line| line.chars().count() == side));
    }
}
