//! Receipts read back the way a printer reads them: the ESC/POS bytes through a decoder written from
//! Epson's reference (`escpos_decode`), the PDF through poppler's `pdftotext` and `pdfinfo`. The words
//! are the cashier's kind of Spanish on purpose: accents, ñ, ¿ and ¡ must survive the code page.

mod escpos_decode;

use std::process::Command as Process;

use escpos_decode::{Align, Command, Decoded, character, decode};
use report::ticket::{CodePage, Ticket, TicketFormat, TicketLine, escpos_bytes, render_ticket_pdf};

fn text(s: &str) -> String {
    s.to_owned()
}

fn pair(left: &str, right: &str) -> TicketLine {
    TicketLine::Pair {
        left: text(left),
        right: text(right),
    }
}

fn ticket() -> Ticket {
    Ticket {
        lines: vec![
            TicketLine::Title(text("Constancia de pago")),
            TicketLine::Centered(text("Señor de Muruhuay")),
            TicketLine::Notice(text("REIMPRESIÓN")),
            TicketLine::Rule,
            pair("Importe", "S/ 579.98"),
            pair("Código de financiamiento del cliente final", "1234567"),
            TicketLine::Blank,
            TicketLine::Text(text("¿Cuánto? ¡Ya! Nº 1º y 2ª")),
            TicketLine::Big {
                label: text("VUELTO"),
                value: text("S/ 20.02"),
            },
        ],
    }
}

fn format(columns: usize, code_page: CodePage) -> TicketFormat {
    TicketFormat { columns, code_page }
}

fn decoded(ticket: &Ticket, format: &TicketFormat) -> Decoded {
    let bytes = escpos_bytes(ticket, format).unwrap();
    decode(&bytes).unwrap_or_else(|error| panic!("{error}"))
}

fn position(decoded: &Decoded, wanted: impl Fn(&Command) -> bool) -> Option<usize> {
    decoded.commands.iter().position(wanted)
}

#[test]
fn init_comes_first_and_the_code_page_before_any_text() {
    for (page, number) in [(CodePage::Pc858, 19), (CodePage::Pc850, 2)] {
        let decoded = decoded(&ticket(), &format(48, page));
        assert_eq!(decoded.commands[0], Command::Init);
        let first_text = position(&decoded, |c| matches!(c, Command::Text(_))).unwrap();
        let code_page = position(&decoded, |c| *c == Command::CodePage(number));
        assert!(code_page.is_some_and(|at| at < first_text), "{page:?}");
        let usa = position(&decoded, |c| *c == Command::CharacterSet(0));
        assert!(usa.is_some_and(|at| at < first_text));
        assert_eq!(
            decoded
                .commands
                .iter()
                .filter(|c| matches!(c, Command::CodePage(_)))
                .count(),
            1
        );
    }
}

#[test]
fn the_lines_printed_are_the_texts_given() {
    let decoded = decoded(&ticket(), &TicketFormat::default());
    let lines: Vec<String> = decoded
        .texts()
        .iter()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let expected = [
        "Constancia de pago",
        "Señor de Muruhuay",
        "REIMPRESIÓN",
        &"-".repeat(48),
        "Importe S/ 579.98",
        "Código de financiamiento del cliente 1234567",
        "final",
        "",
        "¿Cuánto? ¡Ya! Nº 1º y 2ª",
        "VUELTO",
        "S/ 20.02",
        "",
        "",
    ];
    assert_eq!(lines, expected);
}

#[test]
fn a_pair_is_exactly_the_width_with_its_value_at_the_right() {
    for columns in [48, 42] {
        let decoded = decoded(&ticket(), &format(columns, CodePage::Pc858));
        let texts = decoded.texts();
        for (label, value) in [("Importe", "S/ 579.98"), ("Código de", "1234567")] {
            let line = texts.iter().find(|line| line.starts_with(label)).unwrap();
            assert_eq!(line.chars().count(), columns, "{line:?}");
            assert!(line.ends_with(&format!(" {value}")), "{line:?}");
        }
    }
    // The label wraps in the room left of the value, never under it.
    let texts = decoded(&ticket(), &format(42, CodePage::Pc858)).texts();
    let at = texts.iter().position(|l| l.starts_with("Código")).unwrap();
    assert_eq!(
        texts[at],
        format!("{:<35}1234567", "Código de financiamiento del")
    );
    assert_eq!(texts[at + 1], "cliente final");
}

#[test]
fn title_big_value_and_notice_have_their_looks() {
    let decoded = decoded(&ticket(), &TicketFormat::default());
    let line = |text: &str| {
        decoded
            .lines
            .iter()
            .find(|line| line.text().trim() == text)
            .unwrap_or_else(|| panic!("no line {text:?}"))
            .clone()
    };
    let title = line("Constancia de pago");
    let style = title.style().unwrap();
    assert_eq!((style.width, style.height, style.bold), (2, 2, true));
    assert_eq!(title.align, Align::Center);

    let value = line("S/ 20.02");
    let style = value.style().unwrap();
    assert_eq!((style.width, style.height), (2, 2));
    assert_eq!(value.align, Align::Center);
    let label = line("VUELTO").style().unwrap();
    assert_eq!((label.width, label.height), (1, 1));

    let notice = line("REIMPRESIÓN");
    let style = notice.style().unwrap();
    assert!(style.reverse && style.bold, "{style:?}");
    assert_eq!(notice.align, Align::Center);

    let plain = line("Señor de Muruhuay").style().unwrap();
    assert!(
        !plain.bold && !plain.reverse && plain.width == 1,
        "{plain:?}"
    );
    let importe = decoded
        .lines
        .iter()
        .find(|l| l.text().starts_with("Importe"));
    assert_eq!(importe.unwrap().align, Align::Left);
}

#[test]
fn every_line_fits_the_roll() {
    let long = Ticket {
        lines: vec![
            TicketLine::Title(text("CONSTANCIA DE PAGO DE CUOTA INICIAL")),
            TicketLine::Text("palabra ".repeat(30)),
            TicketLine::Notice("NO ES COMPROBANTE DE PAGO ".repeat(3)),
            TicketLine::Big {
                label: text("TOTAL"),
                value: text("S/ 1,234,567,890.00 soles"),
            },
            pair("Referencia", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH"),
        ],
    };
    for columns in [48, 42, 32] {
        let decoded = decoded(&long, &format(columns, CodePage::Pc858));
        for line in &decoded.lines {
            assert!(line.columns() <= columns, "{columns}: {line:?}");
        }
        // A value wider than the roll is cut, not lost.
        let all: String = decoded.texts().iter().map(|l| l.trim()).collect();
        assert!(all.contains("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH"));
    }
}

#[test]
fn the_cut_is_last_and_partial() {
    let decoded = decoded(&ticket(), &TicketFormat::default());
    assert!(
        matches!(
            decoded.commands.last(),
            Some(Command::Cut { partial: true, .. })
        ),
        "{:?}",
        decoded.commands.last()
    );
    let cuts = decoded
        .commands
        .iter()
        .filter(|c| matches!(c, Command::Cut { .. }))
        .count();
    assert_eq!(cuts, 1);
}

#[test]
fn characters_outside_the_page_are_stood_in_for_and_commands_cannot_be_smuggled() {
    let sneaky = Ticket {
        lines: vec![
            TicketLine::Text(text("Pago “rápido” — 5 € \u{1b}@\u{1d}V\u{0}fin 漢")),
            TicketLine::Text(text("dos\nlíneas")),
        ],
    };
    let pc850 = decoded(&sneaky, &format(48, CodePage::Pc850));
    assert_eq!(pc850.texts()[0], "Pago \"rápido\" - 5 EUR  @ V fin ?");
    assert_eq!(&pc850.texts()[1..3], ["dos", "líneas"]);
    let inits = pc850.commands.iter().filter(|c| **c == Command::Init);
    assert_eq!(inits.count(), 1);
    let pc858 = decoded(&sneaky, &format(48, CodePage::Pc858));
    assert!(pc858.texts()[0].contains("5 €"), "{:?}", pc858.texts());
}

#[test]
fn the_decoders_tables_agree_with_iconv() {
    for (page, name) in [(2u8, "CP850"), (19, "CP858")] {
        let bytes: Vec<u8> = (0x80..=0xFF).collect();
        let path = std::env::temp_dir().join(format!("caja-ticket-{name}-{}", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();
        let output = Process::new("iconv")
            .args(["-f", name, "-t", "UTF-8"])
            .arg(&path)
            .output()
            .expect("iconv is needed to check the decoder");
        std::fs::remove_file(&path).unwrap();
        let expected: Vec<char> = String::from_utf8(output.stdout).unwrap().chars().collect();
        let decoded: Vec<char> = bytes.iter().map(|&b| character(page, b).unwrap()).collect();
        assert_eq!(decoded, expected, "{name}");
    }
}

#[test]
fn the_decoder_refuses_garbage() {
    assert!(decode(b"\x1b@\x1bt\x13hola").is_err(), "no line feed");
    assert!(decode(b"\x1b@hola\n").is_ok(), "ASCII needs no page");
    assert!(decode(b"hola\n").is_err(), "text before init");
    assert!(decode(b"\x1b@\x1bt\x13\x1bZ\n").is_err(), "unknown ESC Z");
    assert!(decode(b"\x1b@\x1bt\x13\x07\n").is_err(), "BEL");
    assert!(decode(b"\x1b@\xa4\n").is_err(), "PC437 has no table here");
    assert!(decode(b"\x1b@ab\x1dVB\x00").is_err(), "cut mid-line");
}

// --- The PDF -----------------------------------------------------------------------------------

fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ticket.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Process::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap_or_else(|error| panic!("{tool} (poppler-utils) is needed: {error}"));
    assert!(output.status.success(), "{tool}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Width and height of the first page, in points.
fn page_size(pdf: &[u8]) -> (f32, f32) {
    let info = poppler("pdfinfo", pdf, &[]);
    let line = info
        .lines()
        .find_map(|line| line.strip_prefix("Page size:"))
        .unwrap();
    let numbers: Vec<f32> = line
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

#[test]
fn the_pdf_is_as_wide_as_the_roll_and_reads_back() {
    let pdf = render_ticket_pdf(&ticket()).unwrap();
    let (width, height) = page_size(&pdf);
    assert!((width - 80.0 * 72.0 / 25.4).abs() < 0.1, "{width} pt");
    assert!(height > 100.0 && height < 400.0, "{height} pt");
    let text = poppler("pdftotext", &pdf, &["-layout"]);
    for wanted in [
        "Constancia de pago",
        "Señor de Muruhuay",
        "REIMPRESIÓN",
        "¿Cuánto? ¡Ya! Nº 1º y 2ª",
        "VUELTO",
        "S/ 20.02",
    ] {
        assert!(text.contains(wanted), "{wanted:?} in\n{text}");
    }
    let importe = text.lines().find(|line| line.contains("Importe")).unwrap();
    assert!(importe.trim_end().ends_with("S/ 579.98"), "{importe:?}");
    let code = text
        .lines()
        .find(|line| line.contains("Código de"))
        .unwrap();
    assert!(code.trim_end().ends_with("1234567"), "{code:?}");
}

#[test]
fn the_pdf_grows_with_the_receipt() {
    let short = render_ticket_pdf(&ticket()).unwrap();
    let mut long = ticket();
    long.lines.extend(std::iter::repeat_n(
        TicketLine::Text(text("otra línea")),
        40,
    ));
    let long = render_ticket_pdf(&long).unwrap();
    let (short_height, long_height) = (page_size(&short).1, page_size(&long).1);
    // 40 rows of 3.75 mm.
    let expected = 40.0 * 3.75 * 72.0 / 25.4;
    assert!(
        (long_height - short_height - expected).abs() < 0.5,
        "{short_height} → {long_height}"
    );
    assert_eq!(
        poppler("pdftotext", &long, &[])
            .matches("otra línea")
            .count(),
        40
    );
}
