//! A small ESC/POS reader: the commands a receipt sends, and the lines a printer would print from
//! them with the style each character has. Written from Epson's command reference, not from the code
//! that writes the bytes, so the tests compare that code with the reference and not with itself.
//!
//! It knows only what a receipt needs (ESC @, ESC t, ESC R, ESC E, ESC !, ESC -, ESC a, ESC d, GS !,
//! GS B, GS V, GS ( k for QR codes (`symbol`), FS ., LF and printable bytes); anything else is an
//! error, so garbage never decodes.
//! Printable bytes above 0x7F are read through the code page selected (PC850 or PC858).

#![allow(dead_code)]

use std::fmt;

mod symbol;

pub use symbol::{QrCommand, Symbol};

/// What the bytes ask of the printer, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Init,
    CodePage(u8),
    CharacterSet(u8),
    CancelKanji,
    Bold(bool),
    PrintMode(u8),
    Underline(u8),
    Align(Align),
    Size {
        width: u8,
        height: u8,
    },
    Reverse(bool),
    /// `GS ( k` for a QR code.
    Qr(QrCommand),
    /// Print the buffer and feed this many lines (LF is 1).
    Feed(u8),
    Text(String),
    /// `feed` is function B's extra feed (m = 65, 66); function A (m = 0, 1, 48, 49) has none.
    Cut {
        partial: bool,
        feed: Option<u8>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// How a character is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub bold: bool,
    pub underline: u8,
    pub reverse: bool,
    /// Character width and height multipliers (1–8).
    pub width: u8,
    pub height: u8,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            bold: false,
            underline: 0,
            reverse: false,
            width: 1,
            height: 1,
        }
    }
}

/// Characters printed in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub style: Style,
}

/// One printed line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    pub align: Align,
    pub runs: Vec<Run>,
    /// A QR code printed as this line (which then has no text).
    pub symbol: Option<Symbol>,
}

impl Line {
    pub fn text(&self) -> String {
        self.runs.iter().map(|run| run.text.as_str()).collect()
    }

    /// The line's one style, if all its characters share it.
    pub fn style(&self) -> Option<Style> {
        let first = self.runs.first()?.style;
        self.runs
            .iter()
            .all(|run| run.style == first)
            .then_some(first)
    }

    /// Columns of the normal font the line takes.
    pub fn columns(&self) -> usize {
        self.runs
            .iter()
            .map(|run| run.text.chars().count() * usize::from(run.style.width))
            .sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decoded {
    pub commands: Vec<Command>,
    pub lines: Vec<Line>,
}

impl Decoded {
    /// The printed lines' texts.
    pub fn texts(&self) -> Vec<String> {
        self.lines.iter().map(Line::text).collect()
    }
}

#[derive(Debug)]
pub struct DecodeError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "byte {}: {}", self.offset, self.message)
    }
}

/// Bytes 0x80–0xFF of IBM code page 850.
const CP850_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐\
                          └┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u{ad}±‗¾¶§÷¸°¨·¹³²■\u{a0}";

/// The character byte `byte` prints in ESC/POS code page `page` (`ESC t page`).
pub fn character(page: u8, byte: u8) -> Option<char> {
    match byte {
        0x20..=0x7E => Some(char::from(byte)),
        0x80..=0xFF => {
            let c = CP850_HIGH.chars().nth(usize::from(byte - 0x80))?;
            match (page, byte) {
                (2, _) => Some(c),
                (19, 0xD5) => Some('€'),
                (19, _) => Some(c),
                _ => None,
            }
        }
        _ => None,
    }
}

struct Printer {
    decoded: Decoded,
    page: Option<u8>,
    style: Style,
    align: Align,
    line: Line,
    /// Text waiting in the line buffer.
    pending: String,
    qr: symbol::QrState,
}

impl Printer {
    fn flush_text(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending);
        self.decoded.commands.push(Command::Text(text.clone()));
        if self.line.runs.is_empty() {
            self.line.align = self.align;
        }
        match self.line.runs.last_mut() {
            Some(run) if run.style == self.style => run.text.push_str(&text),
            _ => self.line.runs.push(Run {
                text,
                style: self.style,
            }),
        }
    }

    fn at_line_start(&self) -> bool {
        self.pending.is_empty() && self.line.runs.is_empty()
    }

    fn feed(&mut self, lines: u8) {
        self.flush_text();
        for _ in 0..lines {
            let line = std::mem::take(&mut self.line);
            self.decoded.lines.push(line);
        }
    }
}

/// Reads `bytes` as a printer would.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut printer = Printer {
        decoded: Decoded::default(),
        page: None,
        style: Style::default(),
        align: Align::Left,
        line: Line::default(),
        pending: String::new(),
        qr: symbol::QrState::default(),
    };
    let mut at = 0;
    let fail = |offset: usize, message: String| Err(DecodeError { offset, message });
    let arg = |index: usize| bytes.get(index).copied();
    while at < bytes.len() {
        let byte = bytes[at];
        let start = at;
        // A command that changes the style first prints the text before it in the old style.
        let command = match byte {
            0x1B => {
                let Some(code) = arg(at + 1) else {
                    return fail(start, "ESC at the end".into());
                };
                let n = arg(at + 2);
                let command = match code {
                    b'@' => {
                        at += 2;
                        Command::Init
                    }
                    b't' | b'R' | b'E' | b'!' | b'-' | b'a' | b'd' => {
                        let Some(n) = n else {
                            return fail(
                                start,
                                format!("ESC {} without its argument", code as char),
                            );
                        };
                        at += 3;
                        match code {
                            b't' => Command::CodePage(n),
                            b'R' => Command::CharacterSet(n),
                            b'E' => Command::Bold(n & 1 == 1),
                            b'!' => Command::PrintMode(n),
                            b'-' => Command::Underline(n % 48),
                            b'a' => match n % 48 {
                                0 => Command::Align(Align::Left),
                                1 => Command::Align(Align::Center),
                                2 => Command::Align(Align::Right),
                                _ => return fail(start, format!("ESC a {n}")),
                            },
                            _ => Command::Feed(n),
                        }
                    }
                    _ => return fail(start, format!("unknown command ESC 0x{code:02X}")),
                };
                Some(command)
            }
            0x1D => {
                let Some(code) = arg(at + 1) else {
                    return fail(start, "GS at the end".into());
                };
                if code == b'(' {
                    match symbol::read(&mut printer, &bytes[at..]) {
                        Ok(length) => at += length,
                        Err(message) => return fail(start, message),
                    }
                    continue;
                }
                let Some(m) = arg(at + 2) else {
                    return fail(start, format!("GS {} without its argument", code as char));
                };
                at += 3;
                match code {
                    b'!' => Some(Command::Size {
                        width: (m >> 4) + 1,
                        height: (m & 0x0F) + 1,
                    }),
                    b'B' => Some(Command::Reverse(m & 1 == 1)),
                    b'V' => match m {
                        0 | 48 => Some(Command::Cut {
                            partial: false,
                            feed: None,
                        }),
                        1 | 49 => Some(Command::Cut {
                            partial: true,
                            feed: None,
                        }),
                        65 | 66 => {
                            let Some(n) = arg(at) else {
                                return fail(start, "GS V function B without n".into());
                            };
                            at += 1;
                            Some(Command::Cut {
                                partial: m == 66,
                                feed: Some(n),
                            })
                        }
                        _ => return fail(start, format!("GS V {m}")),
                    },
                    _ => return fail(start, format!("unknown command GS 0x{code:02X}")),
                }
            }
            0x1C => match arg(at + 1) {
                Some(b'.') => {
                    at += 2;
                    Some(Command::CancelKanji)
                }
                other => return fail(start, format!("unknown command FS {other:?}")),
            },
            0x0A => {
                at += 1;
                Some(Command::Feed(1))
            }
            _ => {
                let Some(page) = printer.page else {
                    return fail(start, "text before any code page was selected".into());
                };
                let Some(c) = character(page, byte) else {
                    return fail(
                        start,
                        format!("byte 0x{byte:02X} is not text in page {page}"),
                    );
                };
                printer.pending.push(c);
                at += 1;
                None
            }
        };
        let Some(command) = command else { continue };
        printer.flush_text();
        match &command {
            Command::Init => {
                printer.style = Style::default();
                printer.align = Align::Left;
                printer.page = Some(0);
                printer.qr = symbol::QrState::default();
            }
            Command::CodePage(page) => {
                if ![2, 19].contains(page) {
                    return fail(start, format!("code page {page} has no table here"));
                }
                printer.page = Some(*page);
            }
            Command::Bold(on) => printer.style.bold = *on,
            Command::PrintMode(n) => {
                printer.style.bold = n & 0x08 != 0;
                printer.style.height = if n & 0x10 != 0 { 2 } else { 1 };
                printer.style.width = if n & 0x20 != 0 { 2 } else { 1 };
                printer.style.underline = u8::from(n & 0x80 != 0);
            }
            Command::Underline(n) => printer.style.underline = *n,
            Command::Size { width, height } => {
                if !(1..=8).contains(width) || !(1..=8).contains(height) {
                    return fail(start, format!("size {width}×{height}"));
                }
                printer.style.width = *width;
                printer.style.height = *height;
            }
            Command::Reverse(on) => printer.style.reverse = *on,
            Command::Align(align) => {
                if !printer.at_line_start() {
                    return fail(start, "ESC a in the middle of a line is ignored".into());
                }
                printer.align = *align;
            }
            Command::Feed(lines) => {
                if *lines == 0 {
                    return fail(start, "ESC d 0".into());
                }
                printer.feed(*lines);
            }
            Command::Cut { .. } => {
                if !printer.at_line_start() {
                    return fail(start, "a cut in the middle of a line is ignored".into());
                }
            }
            Command::CharacterSet(_) | Command::CancelKanji | Command::Text(_) | Command::Qr(_) => {
            }
        }
        printer.decoded.commands.push(command);
    }
    if !printer.pending.is_empty() || !printer.line.runs.is_empty() {
        return fail(
            bytes.len(),
            "text left unprinted: no line feed after it".into(),
        );
    }
    Ok(printer.decoded)
}
