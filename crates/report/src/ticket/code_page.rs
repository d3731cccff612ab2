//! The character tables a receipt is printed in, and what becomes of a character a table lacks.
//!
//! A thermal printer prints bytes 0x20–0x7E as ASCII and 0x80–0xFF from the code page selected with
//! `ESC t`. Caja selects IBM PC858 (PC850, the DOS Western European page, with `€` where PC850 has a
//! dotless `ı`) or PC850 itself for printers that lack PC858; both hold every letter Spanish needs
//! (á é í ó ú ü ñ Ñ ¿ ¡ º ª °). The tables are written here rather than taken from the `escpos` crate:
//! its 0.20 tables map ASCII `-` to 0xF0 (a soft hyphen) in both pages and leave `¿` out of PC858.
//! A unit test checks them against glibc's `iconv`.
//!
//! Text is folded before it is laid out: typographic quotes and dashes become their ASCII look-alikes,
//! control characters become spaces, and anything else the page lacks becomes `?`, so what is measured
//! is exactly what is printed, one byte per character.

use escpos::utils::PageCode;

/// The code page a receipt is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodePage {
    /// IBM PC858 (`ESC t 19`): PC850 with the euro sign. Epson's TM series and most clones have it.
    #[default]
    Pc858,
    /// IBM PC850 (`ESC t 2`): on practically every ESC/POS printer; no `€` (printed as `EUR`).
    Pc850,
}

/// Bytes 0x80–0xFF of PC850, in order.
const PC850_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐\
                          └┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u{ad}±‗¾¶§÷¸°¨·¹³²■\u{a0}";

/// Where PC858 differs from PC850.
const PC858_EURO: (u8, char) = (0xD5, '€');

impl CodePage {
    /// The `escpos` crate's name for the page, which selects it with `ESC t n`.
    pub(crate) fn page_code(self) -> PageCode {
        match self {
            CodePage::Pc858 => PageCode::PC858,
            CodePage::Pc850 => PageCode::PC850,
        }
    }

    /// The byte that prints `c`, if this page has it.
    pub(crate) fn encode(self, c: char) -> Option<u8> {
        if (' '..='~').contains(&c) {
            return u8::try_from(c).ok();
        }
        if self == CodePage::Pc858 && c == PC858_EURO.1 {
            return Some(PC858_EURO.0);
        }
        if self == CodePage::Pc858 && c == 'ı' {
            return None;
        }
        let index = PC850_HIGH.chars().position(|high| high == c)?;
        u8::try_from(0x80 + index).ok()
    }

    /// Whether this page prints `c`.
    pub(crate) fn prints(self, c: char) -> bool {
        self.encode(c).is_some()
    }

    /// `text` as bytes of this page; every character of a [`fold`]ed text has one.
    pub(crate) fn encode_text(self, text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| self.encode(c).unwrap_or(b'?'))
            .collect()
    }
}

/// `text` with every character `prints` refuses replaced by a look-alike it accepts, or `?`.
/// Control characters (tabs, line breaks, escape codes) become spaces, so no text can slip a command
/// to the printer.
pub(crate) fn fold(text: &str, prints: impl Fn(char) -> bool) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if prints(c) && !c.is_control() {
            folded.push(c);
            continue;
        }
        let stand_in = match c {
            c if c.is_control() => " ",
            '‘' | '’' | '‚' | '′' => "'",
            '“' | '”' | '„' | '″' => "\"",
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '\u{ad}' => "-",
            '…' => "...",
            '•' | '·' => "*",
            '€' => "EUR",
            '\u{2007}' | '\u{2009}' | '\u{202f}' | '\u{a0}' => " ",
            _ => "?",
        };
        folded.extend(stand_in.chars().filter(|&s| prints(s) || s == ' '));
    }
    folded
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::process::{Command, Stdio};

    use super::*;

    /// What glibc's iconv says bytes 0x80–0xFF are in `name`.
    fn iconv_high_half(name: &str) -> Option<Vec<char>> {
        let mut child = Command::new("iconv")
            .args(["-f", name, "-t", "UTF-8"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let bytes: Vec<u8> = (0x80..=0xFF).collect();
        child.stdin.take()?.write_all(&bytes).ok()?;
        let output = child.wait_with_output().ok()?;
        Some(String::from_utf8(output.stdout).ok()?.chars().collect())
    }

    #[test]
    fn tables_agree_with_iconv() {
        for (page, name) in [(CodePage::Pc850, "CP850"), (CodePage::Pc858, "CP858")] {
            let Some(expected) = iconv_high_half(name) else {
                panic!("iconv -f {name} is needed to check the table");
            };
            assert_eq!(expected.len(), 128, "{name}");
            for (offset, c) in expected.into_iter().enumerate() {
                let byte = u8::try_from(0x80 + offset).unwrap();
                assert_eq!(page.encode(c), Some(byte), "{name}: {c:?} is 0x{byte:02X}");
            }
        }
    }

    #[test]
    fn ascii_is_itself_even_the_hyphen() {
        for page in [CodePage::Pc850, CodePage::Pc858] {
            for c in ' '..='~' {
                assert_eq!(page.encode(c), Some(c as u8), "{c:?}");
            }
        }
    }

    #[test]
    fn spanish_prints_in_both_pages() {
        for page in [CodePage::Pc850, CodePage::Pc858] {
            for c in "áéíóúüÁÉÍÓÚÜñÑ¿¡ºª°".chars() {
                assert!(page.prints(c), "{page:?} {c}");
            }
        }
        assert_eq!(CodePage::Pc858.encode('€'), Some(0xD5));
        assert_eq!(CodePage::Pc850.encode('€'), None);
    }

    #[test]
    fn fold_keeps_what_prints_and_replaces_the_rest() {
        let prints = |c| CodePage::Pc850.prints(c);
        assert_eq!(fold("¿Cuánto? Señor", prints), "¿Cuánto? Señor");
        assert_eq!(fold("“Hola” — 5 €…", prints), "\"Hola\" - 5 EUR...");
        assert_eq!(fold("a\tb\x1b@c\nd", prints), "a b @c d");
        assert_eq!(fold("漢", prints), "?");
        let prints = |c| CodePage::Pc858.prints(c);
        assert_eq!(fold("5 €", prints), "5 €");
    }
}
