//! Writes a realistic receipt, a down payment's constancia, as ESC/POS bytes and as the PDF fallback,
//! to look at: `cargo run -p report --example ticket_sample [receipt.bin] [receipt.pdf]` (by default
//! in the system's temporary folder). `escpos_png` draws the bytes as a printer would print them, and
//! `pdftoppm -png -r 100` the PDF. Send the bytes to a real printer with `-- --send tcp:IP:9100`.
//!
//! The words are written here as `desk` would supply them; the crate itself says none of them.

use std::path::PathBuf;

use report::thermal::ThermalPrinter;
use report::ticket::{Ticket, TicketFormat, TicketLine, escpos_bytes, render_ticket_pdf};

fn receipt() -> Ticket {
    let text = |s: &str| s.to_owned();
    let pair = |left: &str, right: &str| TicketLine::Pair {
        left: text(left),
        right: text(right),
    };
    Ticket {
        lines: vec![
            TicketLine::Title(text("CONSTANCIA DE PAGO DE CUOTA INICIAL")),
            TicketLine::Blank,
            TicketLine::Centered(text("Bodega Señor de Muruhuay")),
            TicketLine::Centered(text("Caja 1")),
            TicketLine::Centered(text("30/11/2026 15:42 (hora de Lima)")),
            TicketLine::Rule,
            pair("Cliente (DNI)", "****5265"),
            pair("Código de financiamiento", "1234567"),
            pair("Financiamiento", "aCuotaz"),
            TicketLine::Rule,
            pair("Importe de la cuota inicial", "S/ 579.98"),
            pair("Medio de pago", "Efectivo"),
            pair("Recibido", "S/ 600.00"),
            TicketLine::Blank,
            TicketLine::Big {
                label: text("VUELTO"),
                value: text("S/ 20.02"),
            },
            TicketLine::Blank,
            TicketLine::Rule,
            pair("Atendió", "Cajera Ana"),
            TicketLine::Blank,
            TicketLine::Notice(text("NO ES COMPROBANTE DE PAGO")),
            TicketLine::Blank,
            TicketLine::Text(text(
                "El comprobante electrónico (boleta o factura) lo emite el proveedor del \
                 financiamiento y le llegará por correo. ¿Dudas? Consulte en caja.",
            )),
            TicketLine::Blank,
            TicketLine::Centered(text("¡Gracias por su compra!")),
        ],
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let send = match args.iter().position(|arg| arg == "--send") {
        Some(at) if at + 1 < args.len() => Some(args.drain(at..=at + 1).nth(1).unwrap_or_default()),
        _ => None,
    };
    let mut paths = args.into_iter().map(PathBuf::from);
    let temp = std::env::temp_dir();
    let bin = paths.next().unwrap_or_else(|| temp.join("receipt.bin"));
    let pdf = paths.next().unwrap_or_else(|| temp.join("receipt.pdf"));

    let ticket = receipt();
    let bytes = escpos_bytes(&ticket, &TicketFormat::default())?;
    std::fs::write(&bin, &bytes)?;
    std::fs::write(&pdf, render_ticket_pdf(&ticket)?)?;
    println!("{} ({} bytes)", bin.display(), bytes.len());
    println!("{}", pdf.display());
    if let Some(address) = send {
        let printer = ThermalPrinter::parse(&address)?;
        printer.send(&bytes)?;
        println!("sent to {printer}");
    }
    Ok(())
}
