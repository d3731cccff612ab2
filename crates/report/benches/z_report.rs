//! Rendering a very long shift: a Z report with 10,000 movement rows (every tenth a difference with a
//! note, over 200 pages) after the usual small tables, from the sheet to the PDF's bytes. The goal is
//! well under 200 ms, so closing a shift never makes the cashier wait.

use criterion::{Criterion, criterion_group, criterion_main};
use report::{Emphasis, ZRow, ZSection, ZSheet, ZVerdict};
use std::hint::black_box;

fn cells(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| (*t).to_owned()).collect()
}

fn long_shift() -> ZSheet {
    let movements = (0..10_000_u32)
        .map(|n| {
            let difference = n % 10 == 9;
            ZRow {
                cells: vec![
                    format!("{:02}:{:02}", 8 + n / 1000, n % 60),
                    if difference { "Faltante" } else { "Venta" }.to_owned(),
                    format!("Boleta B001-{:06}, pedido ACZ-2026-11-30-{n:06}", 4000 + n),
                    if n % 2 == 0 {
                        "Ana Quispe"
                    } else {
                        "Jorge Ñique"
                    }
                    .to_owned(),
                    format!("S/ {},{:03}.{:02}", 1 + n / 1000, n % 1000, n % 100),
                ],
                note: difference
                    .then(|| format!("Diferencia revisada por el supervisor, caso {n}")),
                emphasis: if difference {
                    Emphasis::Difference
                } else {
                    Emphasis::Normal
                },
            }
        })
        .collect();
    let by_means = ["Efectivo", "Tarjeta", "Yape / Plin", "aCuotaz"]
        .iter()
        .map(|means| ZRow {
            cells: cells(&[means, "S/ 1,845.90", "S/ 1,845.90", "S/ 0.00"]),
            note: None,
            emphasis: Emphasis::Normal,
        })
        .collect();
    ZSheet {
        store_name: "Bodega Señor de Muruhuay".to_owned(),
        title: "Reporte Z N.º 000012".to_owned(),
        brand: "Caja · aCuotaz".to_owned(),
        reprint: Some("REIMPRESIÓN — 02/12/2026 09:15".to_owned()),
        test_data: None,
        facts: [("Tienda:", "Bodega Señor de Muruhuay"), ("Turno:", "N.º 5")]
            .iter()
            .map(|(l, v)| ((*l).to_owned(), (*v).to_owned()))
            .collect(),
        sections: vec![
            ZSection {
                title: "Conciliación por medio de pago".to_owned(),
                aside: None,
                columns: cells(&["Medio", "Esperado", "Contado", "Diferencia"]),
                numeric_from: 1,
                rows: by_means,
                empty: "Sin pagos".to_owned(),
            },
            ZSection {
                title: "Movimientos de caja".to_owned(),
                aside: Some("10,000 movimientos".to_owned()),
                columns: cells(&["Hora", "Tipo", "Detalle", "Usuario", "Monto"]),
                numeric_from: 4,
                rows: movements,
                empty: "Sin movimientos".to_owned(),
            },
        ],
        verdict: Some(ZVerdict {
            title: "Cierre aprobado por el supervisor, con diferencias".to_owned(),
            lines: cells(&["Aprobado por Jorge Ñique el 30/11/2026 a las 18:04."]),
            attention: true,
        }),
        signatures: [
            "Firma del cajero".to_owned(),
            "Firma del supervisor".to_owned(),
        ],
        signer_name: "Nombre:".to_owned(),
        running_header: "Bodega Señor de Muruhuay — Reporte Z N.º 000012".to_owned(),
        footer: "Generado: 30/11/2026 18:05 (hora de Lima)".to_owned(),
        page_number: "Página {page} de {pages}".to_owned(),
        document_title: "Reporte Z N.º 000012".to_owned(),
        generated_at: "2026-11-30T23:05:00Z".parse().unwrap(),
    }
}

fn render_ten_thousand_rows(c: &mut Criterion) {
    let sheet = long_shift();
    let mut group = c.benchmark_group("z_report_pdf");
    group.sample_size(20);
    group.bench_function("10k_rows", |b| {
        b.iter(|| report::render_z_report(black_box(&sheet)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, render_ten_thousand_rows);
criterion_main!(benches);
