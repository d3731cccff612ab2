//! Writes a credit sale's receipt ("Venta a cuotas", an aCuotaz order) with the QR code the customer
//! scans to continue on their phone, as ESC/POS bytes and as the PDF fallback, to look at:
//! `cargo run -p report --example order_qr_sample [receipt.bin] [receipt.pdf]` (by default in the
//! system's temporary folder). `escpos_png` draws the bytes as a printer would print them, and
//! `pdftoppm -png -r 200` the PDF.
//!
//! The words are written here as `desk` would supply them; the crate itself says none of them.

use std::path::PathBuf;

use report::ticket::{Ticket, TicketFormat, TicketLine, escpos_bytes, render_ticket_pdf};

/// An order's `redirect_to`, as the aCuotaz orders API answers it.
const REDIRECT_TO: &str =
    "https://apurata.com/pos?client=caja-demo&acuotaz_order=65a1f0c2e4b0a1b2c3d4e5f6";

fn receipt() -> Ticket {
    let text = |s: &str| s.to_owned();
    let pair = |left: &str, right: &str| TicketLine::Pair {
        left: text(left),
        right: text(right),
    };
    Ticket {
        lines: vec![
            TicketLine::Title(text("VENTA A CUOTAS")),
            TicketLine::Blank,
            TicketLine::Centered(text("Bodega Señor de Muruhuay")),
            TicketLine::Centered(text("Caja 1 · 30/11/2026 15:42")),
            TicketLine::Rule,
            pair("Pedido", "CAJA-000123"),
            pair("Cliente (DNI)", "****5265"),
            pair("Importe a financiar", "S/ 1,299.00"),
            TicketLine::Rule,
            TicketLine::Centered(text("Para continuar, escanee con su celular:")),
            TicketLine::Qr {
                data: text(REDIRECT_TO),
                caption: Some(text("Pedido CAJA-000123 en aCuotaz")),
            },
            TicketLine::Rule,
            TicketLine::Notice(text("NO ES COMPROBANTE DE PAGO")),
            TicketLine::Blank,
            TicketLine::Centered(text("¡Gracias por su compra!")),
        ],
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut paths = std::env::args().skip(1).map(PathBuf::from);
    let temp = std::env::temp_dir();
    let bin = paths.next().unwrap_or_else(|| temp.join("order-qr.bin"));
    let pdf = paths.next().unwrap_or_else(|| temp.join("order-qr.pdf"));

    let ticket = receipt();
    let bytes = escpos_bytes(&ticket, &TicketFormat::default())?;
    std::fs::write(&bin, &bytes)?;
    std::fs::write(&pdf, render_ticket_pdf(&ticket)?)?;
    println!("{} ({} bytes)", bin.display(), bytes.len());
    println!("{}", pdf.display());
    Ok(())
}
