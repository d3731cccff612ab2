//! Draws ESC/POS bytes as an 80 mm thermal printer would print them, to look at a receipt without a
//! printer: `cargo run -p report --example escpos_png -- receipt.bin receipt.png`.
//!
//! The bytes are read by the tests' decoder (so anything it does not know is an error here too) and
//! each printed line is drawn at the printer's resolution, 8 dots per mm: 576 dots of print on 640 of
//! paper, font A's 12 × 24-dot cells, 30 dots per line, double size twice as wide and tall, bold,
//! underlined and inverted as the printer would. A QR code (`GS ( k`) is encoded again here, as the
//! printer encodes it, and drawn with the module size the bytes ask for, no quiet zone of its own.
//! The drawing is ImageMagick's (`convert`, with the DejaVu Sans Mono font fontconfig finds); the
//! decoded lines are also written to standard output.

#[path = "../tests/escpos_decode/mod.rs"]
mod escpos_decode;

use std::fmt::Write as _;
use std::process::Command as Process;

use escpos_decode::{Align, Command, Line, Symbol, decode};
use qrcode::{Color, EcLevel, QrCode};

const PAPER: usize = 640;
const PRINTED: usize = 576;
const MARGIN: usize = (PAPER - PRINTED) / 2;
const CELL_WIDTH: usize = 12;
const CELL_HEIGHT: usize = 24;
const PITCH: usize = 30;
const TOP: usize = 24;
/// DejaVu Sans Mono advances 0.602 em: this size makes a 12-dot cell.
const FONT_SIZE: f64 = 12.0 / 0.602;

fn font(style: &str) -> String {
    let output = Process::new("fc-match")
        .args(["-f", "%{file}", &format!("DejaVu Sans Mono:{style}")])
        .output();
    match output {
        Ok(output) if output.status.success() && !output.stdout.is_empty() => {
            String::from_utf8_lossy(&output.stdout).into_owned()
        }
        _ => "Courier".to_owned(),
    }
}

/// `text` quoted for an MVG `text` primitive (no `%` escapes, no early end).
fn quoted(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('%', "%%");
    format!("\"{escaped}\"")
}

/// The symbol as the printer would encode it: its modules on a side, row by row.
fn modules(symbol: &Symbol) -> Result<(usize, Vec<Color>), qrcode::types::QrError> {
    let level = match symbol.error_correction {
        'L' => EcLevel::L,
        'Q' => EcLevel::Q,
        'H' => EcLevel::H,
        _ => EcLevel::M,
    };
    let code = QrCode::with_error_correction_level(&symbol.data, level)?;
    Ok((code.width(), code.into_colors()))
}

fn line_height(line: &Line) -> usize {
    if let Some(symbol) = &line.symbol {
        let side = modules(symbol).map_or(0, |(side, _)| side);
        return side * usize::from(symbol.module_size);
    }
    let tallest = line
        .runs
        .iter()
        .map(|run| usize::from(run.style.height))
        .max();
    PITCH.max(CELL_HEIGHT * tallest.unwrap_or(1) + 6)
}

fn draw_symbol(mvg: &mut String, line: &Line, symbol: &Symbol, top: usize) {
    let Ok((side, colors)) = modules(symbol) else {
        return;
    };
    let module = usize::from(symbol.module_size);
    let width = side * module;
    let left = match line.align {
        Align::Left => MARGIN,
        Align::Center => MARGIN + PRINTED.saturating_sub(width) / 2,
        Align::Right => MARGIN + PRINTED.saturating_sub(width),
    };
    let _ = writeln!(mvg, "fill black");
    for (at, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (left + at % side * module, top + at / side * module);
            let _ = writeln!(
                mvg,
                "rectangle {x},{y} {},{}",
                x + module - 1,
                y + module - 1
            );
        }
    }
}

fn draw_line(mvg: &mut String, line: &Line, top: usize, regular: &str, bold: &str) {
    if let Some(symbol) = &line.symbol {
        draw_symbol(mvg, line, symbol, top);
        return;
    }
    let width: usize = line.columns() * CELL_WIDTH;
    let mut x = match line.align {
        Align::Left => MARGIN,
        Align::Center => MARGIN + PRINTED.saturating_sub(width) / 2,
        Align::Right => MARGIN + PRINTED.saturating_sub(width),
    };
    let bottom = top + line_height(line);
    for run in &line.runs {
        let (w, h) = (usize::from(run.style.width), usize::from(run.style.height));
        let run_width = run.text.chars().count() * CELL_WIDTH * w;
        let cell_top = bottom - CELL_HEIGHT * h - 3;
        let baseline = bottom - 3 - (6 * h);
        if run.style.reverse {
            let _ = writeln!(
                mvg,
                "fill black rectangle {x},{cell_top} {},{}",
                x + run_width,
                bottom - 1
            );
        }
        let ink = if run.style.reverse { "white" } else { "black" };
        let face = if run.style.bold { bold } else { regular };
        let _ = writeln!(
            mvg,
            "push graphic-context\nfill {ink}\nfont '{face}'\nfont-size {FONT_SIZE:.2}\n\
             affine {w},0,0,{h},{x},{baseline}\ntext 0,0 {}\npop graphic-context",
            quoted(&run.text)
        );
        if run.style.underline > 0 {
            let _ = writeln!(
                mvg,
                "stroke {ink} stroke-width {} line {x},{} {},{}\nstroke none",
                run.style.underline,
                baseline + 3,
                x + run_width,
                baseline + 3
            );
        }
        x += run_width;
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        return Err("usage: escpos_png RECEIPT.bin RECEIPT.png".into());
    };
    let decoded = decode(&std::fs::read(input)?).map_err(|error| error.to_string())?;
    let (regular, bold) = (font("regular"), font("bold"));
    let cut = decoded.commands.last().and_then(|command| match command {
        Command::Cut { partial, .. } => Some(*partial),
        _ => None,
    });

    let mut mvg = String::from("stroke none\n");
    let mut top = TOP;
    for line in &decoded.lines {
        match &line.symbol {
            Some(symbol) => println!(
                "|[QR model {}, {} dots, level {}: {}]",
                symbol.model, symbol.module_size, symbol.error_correction, symbol.data
            ),
            None => println!("|{:<48}|", line.text()),
        }
        draw_line(&mut mvg, line, top, &regular, &bold);
        top += line_height(line);
    }
    // Where the cutter passes: dashes across the paper, and which cut it is.
    let height = top + 40;
    if let Some(partial) = cut {
        let label = if partial { "partial cut" } else { "FULL cut" };
        let _ = writeln!(
            mvg,
            "stroke gray stroke-dasharray 8 6 line 0,{y} {PAPER},{y}\nstroke none\nfill gray\n\
             font '{regular}'\nfont-size 14\ntext {},{} {}",
            PAPER - 110,
            top + 30,
            quoted(label),
            y = top + 12,
        );
        println!("-- {label} --");
    } else {
        println!("-- no cut at the end --");
    }
    // The drawing goes as an argument: ImageMagick's default policy refuses to read `@file`.
    let status = Process::new("convert")
        .arg("-size")
        .arg(format!("{PAPER}x{height}"))
        .arg("xc:white")
        .arg("-draw")
        .arg(mvg)
        .arg(output)
        .status()?;
    if !status.success() {
        return Err(format!("convert failed: {status}").into());
    }
    println!("{output}");
    Ok(())
}
