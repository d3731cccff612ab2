//! QR codes on receipts read back as a customer's phone would: the ESC/POS bytes through the decoder
//! written from Epson's reference (`escpos_decode`, which reads `GS ( k`), the PDF rendered to pixels
//! by poppler's `pdftoppm` and the code found in them by `rqrr`, a QR decoder that shares nothing with
//! the encoder. Each test also reads a ticket with another link, so a reader that always answered the
//! expected link would fail.

mod escpos_decode;

use std::process::Command as Process;

use escpos_decode::{Align, Command, Decoded, QrCommand, Symbol, decode};
use report::ReportError;
use report::ticket::{Ticket, TicketFormat, TicketLine, escpos_bytes, render_ticket_pdf};

const URL: &str = "https://apurata.com/pos?client=caja-demo&acuotaz_order=65a1f0c2e4b0a1b2c3d4e5f6";
const OTHER_URL: &str =
    "https://apurata.com/pos?client=caja-demo&acuotaz_order=65a1f0c2e4b0a1b2c3d4e5f7";

fn order_ticket(url: &str) -> Ticket {
    Ticket {
        lines: vec![
            TicketLine::Title("Venta a cuotas".to_owned()),
            TicketLine::Pair {
                left: "Importe".to_owned(),
                right: "S/ 1,299.00".to_owned(),
            },
            TicketLine::Qr {
                data: url.to_owned(),
                caption: Some("Escanee con su celular para continuar".to_owned()),
            },
            TicketLine::Centered("¡Gracias!".to_owned()),
        ],
    }
}

fn decoded(ticket: &Ticket) -> Decoded {
    let bytes = escpos_bytes(ticket, &TicketFormat::default()).unwrap();
    decode(&bytes).unwrap_or_else(|error| panic!("{error}"))
}

fn symbols(decoded: &Decoded) -> Vec<Symbol> {
    decoded
        .lines
        .iter()
        .filter_map(|line| line.symbol.clone())
        .collect()
}

#[test]
fn the_printer_is_sent_the_order_url_as_a_model_2_qr_code_at_level_m() {
    let decoded = decoded(&order_ticket(URL));
    let symbols = symbols(&decoded);
    assert_eq!(symbols.len(), 1, "{symbols:?}");
    let symbol = &symbols[0];
    assert_eq!(symbol.data, URL);
    assert_eq!((symbol.model, symbol.error_correction), (2, 'M'));
    assert!((6..=8).contains(&symbol.module_size), "{symbol:?}");

    // The settings come before the data, the data before the print, each once.
    let qr: Vec<&QrCommand> = decoded
        .commands
        .iter()
        .filter_map(|command| match command {
            Command::Qr(qr) => Some(qr),
            _ => None,
        })
        .collect();
    assert!(matches!(
        qr[..],
        [
            QrCommand::Model(50),
            QrCommand::ModuleSize(_),
            QrCommand::ErrorCorrection(49),
            QrCommand::Store(_),
            QrCommand::Print
        ]
    ));

    // Centred, with an empty line above and below for the quiet zone, the caption under it.
    let at = decoded
        .lines
        .iter()
        .position(|l| l.symbol.is_some())
        .unwrap();
    assert_eq!(decoded.lines[at].align, Align::Center);
    assert_eq!(decoded.lines[at - 1].text(), "");
    assert_eq!(decoded.lines[at + 1].text(), "");
    let caption = &decoded.lines[at + 2];
    assert_eq!(caption.text(), "Escanee con su celular para continuar");
    assert_eq!(caption.align, Align::Center);

    let texts = decoded.texts();
    assert_eq!(texts[0], "Venta a cuotas");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Importe") && t.ends_with(" S/ 1,299.00"))
    );
}

#[test]
fn another_order_prints_its_own_url() {
    let symbols = symbols(&decoded(&order_ticket(OTHER_URL)));
    assert_eq!(symbols.len(), 1);
    assert_eq!(symbols[0].data, OTHER_URL);
    assert_ne!(symbols[0].data, URL);
}

#[test]
fn the_decoder_refuses_broken_qr_commands() {
    let init = b"\x1b@".to_vec();
    let with = |tail: &[u8]| [init.as_slice(), tail].concat();
    // Store "ab", then print.
    let store = b"\x1d(k\x05\x001P0ab";
    let print = b"\x1d(k\x03\x001Q0";
    assert!(decode(&with(&[store.as_slice(), print].concat())).is_ok());
    assert!(decode(&with(print)).is_err(), "print with nothing stored");
    assert!(
        decode(&with(b"\x1d(k\x09\x001P0ab")).is_err(),
        "count past the end"
    );
    assert!(
        decode(&with(b"\x1d(k\x03\x002Q0")).is_err(),
        "not a QR code (cn 50)"
    );
    assert!(
        decode(&with(b"\x1d(k\x03\x001C\x00")).is_err(),
        "module size 0"
    );
    assert!(
        decode(&with(&[b"ab".as_slice(), store, print].concat())).is_err(),
        "mid-line"
    );
}

#[test]
fn data_no_qr_code_holds_is_refused_by_both_outputs() {
    let ticket = order_ticket(&"a".repeat(3000));
    let escpos = escpos_bytes(&ticket, &TicketFormat::default()).unwrap_err();
    assert!(matches!(escpos, ReportError::Escpos(_)), "{escpos:?}");
    let pdf = render_ticket_pdf(&ticket).unwrap_err();
    assert!(matches!(pdf, ReportError::Pdf(_)), "{pdf:?}");
}

// --- The PDF, rendered to pixels ---------------------------------------------------------------

const DPI: f32 = 200.0;

/// The PDF's first page as a greyscale image at `DPI`, through `pdftoppm -png`.
fn rendered(pdf: &[u8]) -> image::GrayImage {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ticket.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Process::new("pdftoppm")
        .args(["-png", "-r", "200", "-singlefile"])
        .arg(&path)
        .arg(dir.path().join("page"))
        .output()
        .unwrap_or_else(|error| panic!("pdftoppm (poppler-utils) is needed: {error}"));
    assert!(output.status.success(), "pdftoppm: {output:?}");
    let png = std::fs::read(dir.path().join("page.png")).unwrap();
    image::load_from_memory_with_format(&png, image::ImageFormat::Png)
        .unwrap()
        .into_luma8()
}

/// Every QR code `rqrr` finds in `image`: its text, and the rows its corners span.
fn read_codes(image: &image::GrayImage) -> Vec<(String, std::ops::Range<u32>)> {
    let (width, height) = image.dimensions();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(width as usize, height as usize, |x, y| {
            image.get_pixel(x as u32, y as u32).0[0]
        });
    prepared
        .detect_grids()
        .iter()
        .map(|grid| {
            let (_, text) = grid.decode().unwrap_or_else(|error| panic!("{error:?}"));
            let ys = grid.bounds.map(|point| point.y.max(0) as u32);
            (text, *ys.iter().min().unwrap()..*ys.iter().max().unwrap())
        })
        .collect()
}

/// The leftmost and rightmost ink in `rows` of `image`, in pixels.
fn ink_span(image: &image::GrayImage, rows: std::ops::Range<u32>) -> (u32, u32) {
    let dark: Vec<u32> = rows
        .flat_map(|y| (0..image.width()).filter(move |&x| image.get_pixel(x, y).0[0] < 128))
        .collect();
    (*dark.iter().min().unwrap(), *dark.iter().max().unwrap())
}

#[test]
fn the_pdf_qr_code_scans_back_to_the_order_url_centred_on_the_roll() {
    let image = rendered(&render_ticket_pdf(&order_ticket(URL)).unwrap());
    let codes = read_codes(&image);
    assert_eq!(codes.len(), 1, "{codes:?}");
    let (text, rows) = &codes[0];
    assert_eq!(text, URL);

    // The symbol's rows hold nothing else: the ink there is the symbol, whose quiet zone is white.
    let (left, right) = ink_span(&image, rows.clone());
    let page_width = image.width() as f32;
    let centre = (left + right) as f32 / 2.0;
    assert!(
        (centre - page_width / 2.0).abs() < 3.0,
        "{left}–{right} of {page_width}"
    );
    // 1 mm modules: the link's 81 bytes take a version 5 symbol at level M (37 modules), 37 mm wide,
    // well inside the 72 mm printed.
    let millimetres = (right - left) as f32 / DPI * 25.4;
    assert!((36.5..=37.5).contains(&millimetres), "{millimetres} mm");
}

#[test]
fn another_orders_pdf_scans_to_its_own_url() {
    let image = rendered(&render_ticket_pdf(&order_ticket(OTHER_URL)).unwrap());
    let texts: Vec<String> = read_codes(&image).into_iter().map(|code| code.0).collect();
    assert_eq!(texts, [OTHER_URL]);
}

#[test]
fn a_long_link_gets_smaller_modules_and_still_scans_from_the_pdf() {
    let long = format!("{URL}&{}", "x".repeat(400));
    let image = rendered(&render_ticket_pdf(&order_ticket(&long)).unwrap());
    let codes = read_codes(&image);
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].0, long);
    // Inside the 72 mm printed, so the quiet zone is on the paper.
    let (left, right) = ink_span(&image, codes[0].1.clone());
    let quiet = (left as f32).min(image.width() as f32 - right as f32) / DPI * 25.4;
    assert!(quiet > 4.0, "{left}–{right}: {quiet} mm");
    let symbols = symbols(&decoded(&order_ticket(&long)));
    assert!(symbols[0].module_size < 8, "{:?}", symbols[0]);
}
