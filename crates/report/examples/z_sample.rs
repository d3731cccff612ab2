//! A realistic Z report, to look at: the closing of one shift in a small store, with its cash count,
//! the reconciliation by means of payment and with aCuotaz, the differences and the cash movements.
//! Writes the original to /tmp/z-sample.pdf, its reprint to /tmp/z-sample-reprint.pdf and a sandbox
//! reprint to /tmp/z-sample-sandbox.pdf.
//!
//! `cargo run -p report --example z_sample`, then `pdftoppm -png -r 80 /tmp/z-sample.pdf /tmp/z`.

use report::{Emphasis, TestData, ZRow, ZSection, ZSheet, ZVerdict};

fn text(s: &str) -> String {
    s.to_owned()
}

fn row(cells: &[&str]) -> ZRow {
    ZRow {
        cells: cells.iter().map(|c| text(c)).collect(),
        note: None,
        emphasis: Emphasis::Normal,
    }
}

fn total(cells: &[&str]) -> ZRow {
    ZRow {
        emphasis: Emphasis::Total,
        ..row(cells)
    }
}

fn difference(cells: &[&str], note: Option<&str>) -> ZRow {
    ZRow {
        emphasis: Emphasis::Difference,
        note: note.map(text),
        ..row(cells)
    }
}

fn section(title: &str, aside: Option<&str>, columns: &[&str], rows: Vec<ZRow>) -> ZSection {
    ZSection {
        title: text(title),
        aside: aside.map(text),
        columns: columns.iter().map(|c| text(c)).collect(),
        numeric_from: 1,
        rows,
        empty: text("Sin registros en este turno."),
    }
}

fn cash() -> ZSection {
    let mut rows: Vec<ZRow> = [
        ("Billete de S/ 200", "2", "S/ 400.00"),
        ("Billete de S/ 100", "7", "S/ 700.00"),
        ("Billete de S/ 50", "11", "S/ 550.00"),
        ("Billete de S/ 20", "18", "S/ 360.00"),
        ("Billete de S/ 10", "14", "S/ 140.00"),
        ("Moneda de S/ 5", "9", "S/ 45.00"),
        ("Moneda de S/ 2", "13", "S/ 26.00"),
        ("Moneda de S/ 1", "21", "S/ 21.00"),
        ("Moneda de S/ 0.50", "12", "S/ 6.00"),
        ("Moneda de S/ 0.20", "15", "S/ 3.00"),
        ("Moneda de S/ 0.10", "10", "S/ 1.00"),
    ]
    .iter()
    .map(|(d, n, a)| row(&[d, n, a]))
    .collect();
    rows.push(total(&["Total contado en efectivo", "132", "S/ 2,252.00"]));
    section(
        "Efectivo",
        Some("arqueo al cierre, 30/11/2026 18:00"),
        &["Denominación", "Cantidad", "Importe"],
        rows,
    )
}

fn by_means() -> ZSection {
    section(
        "Conciliación por medio de pago",
        None,
        &["Medio", "Esperado", "Contado", "Diferencia"],
        vec![
            difference(
                &["Efectivo", "S/ 2,264.50", "S/ 2,252.00", "-S/ 12.50"],
                None,
            ),
            row(&[
                "Tarjeta (POS Niubiz)",
                "S/ 1,845.90",
                "S/ 1,845.90",
                "S/ 0.00",
            ]),
            row(&["Yape / Plin", "S/ 632.40", "S/ 632.40", "S/ 0.00"]),
            row(&[
                "Transferencia bancaria",
                "S/ 300.00",
                "S/ 300.00",
                "S/ 0.00",
            ]),
            row(&[
                "aCuotaz (cuota inicial)",
                "S/ 1,197.00",
                "S/ 1,197.00",
                "S/ 0.00",
            ]),
            total(&["Total", "S/ 6,239.80", "S/ 6,227.30", "-S/ 12.50"]),
        ],
    )
}

fn with_acuotaz() -> ZSection {
    section(
        "Conciliación con aCuotaz",
        Some("según aCuotaz, al 30/11/2026 18:02"),
        &["Concepto", "Esta caja", "aCuotaz", "Diferencia"],
        vec![
            row(&["Pedidos pagados y facturados", "9", "9", "0"]),
            row(&[
                "Total de compras",
                "S/ 11,970.00",
                "S/ 11,970.00",
                "S/ 0.00",
            ]),
            row(&[
                "Cuota inicial cobrada en tienda",
                "S/ 1,197.00",
                "S/ 1,197.00",
                "S/ 0.00",
            ]),
            difference(
                &["Operaciones anuladas", "1", "0", "1"],
                Some(
                    "FC 8841207: anulada en la caja a las 16:41; aCuotaz aún no la registra como anulada.",
                ),
            ),
            total(&[
                "Total financiado",
                "S/ 10,773.00",
                "S/ 10,773.00",
                "S/ 0.00",
            ]),
        ],
    )
}

fn differences() -> ZSection {
    ZSection {
        numeric_from: 3,
        ..section(
            "Diferencias",
            Some("2 diferencias"),
            &["Hora", "Concepto", "Medio", "Importe"],
            vec![
                difference(
                    &[
                        "18:00",
                        "Faltante en arqueo de efectivo",
                        "Efectivo",
                        "-S/ 12.50",
                    ],
                    Some(
                        "Cajera Ana Quispe: vuelto de más entregado en la venta de las 17:12 (boleta B001-004512); el cliente no volvió.",
                    ),
                ),
                difference(
                    &[
                        "16:41",
                        "Anulación no registrada por aCuotaz",
                        "aCuotaz",
                        "S/ 0.00",
                    ],
                    Some(
                        "Se reintentará la consulta; si persiste, reportar a soporte de aCuotaz con el código FC 8841207.",
                    ),
                ),
            ],
        )
    }
}

fn movements() -> ZSection {
    ZSection {
        numeric_from: 4,
        ..section(
            "Movimientos de caja",
            Some("5 movimientos"),
            &["Hora", "Tipo", "Detalle", "Usuario", "Monto"],
            vec![
                row(&[
                    "08:00",
                    "Fondo inicial",
                    "Apertura de turno",
                    "Ana Quispe",
                    "S/ 300.00",
                ]),
                row(&[
                    "11:25",
                    "Retiro parcial",
                    "Depósito en BCP, voucher 00912344",
                    "Ana Quispe",
                    "-S/ 1,500.00",
                ]),
                row(&[
                    "13:10",
                    "Gasto",
                    "Compra de bolsas y útiles de limpieza para la tienda (boleta de Ñahui Distribuciones S.A.C.)",
                    "Ana Quispe",
                    "-S/ 48.90",
                ]),
                row(&[
                    "15:42",
                    "Ingreso",
                    "Reposición de sencillo",
                    "Jorge Ñique",
                    "S/ 200.00",
                ]),
                row(&[
                    "17:55",
                    "Retiro parcial",
                    "Entrega a supervisor",
                    "Jorge Ñique",
                    "-S/ 1,000.00",
                ]),
            ],
        )
    }
}

fn sheet() -> ZSheet {
    let facts = [
        (
            "Tienda:",
            "Bodega Señor de Muruhuay — Av. Próceres 1240, San Juan de Lurigancho",
        ),
        ("Caja:", "Caja 2 (mostrador)"),
        ("Turno:", "N.º 5 del 30/11/2026"),
        ("Abierto:", "30/11/2026 08:00 por Ana Quispe"),
        ("Cerrado:", "30/11/2026 18:00 por Ana Quispe"),
        ("Fondo inicial:", "S/ 300.00"),
        ("Generado:", "30/11/2026 18:05 (hora de Lima)"),
    ];
    ZSheet {
        store_name: text("Bodega Señor de Muruhuay"),
        title: text("Reporte Z N.º 000012"),
        brand: text("Caja · aCuotaz"),
        reprint: None,
        test_data: None,
        facts: facts.iter().map(|(l, v)| (text(l), text(v))).collect(),
        sections: vec![
            cash(),
            by_means(),
            with_acuotaz(),
            differences(),
            movements(),
            section("Devoluciones", None, &["Hora", "Pedido", "Importe"], vec![]),
        ],
        verdict: Some(ZVerdict {
            title: text("Cierre aprobado por el supervisor, con diferencias"),
            lines: vec![
                text("Aprobado por Jorge Ñique (supervisor) el 30/11/2026 a las 18:04."),
                text(
                    "Motivo: el faltante de S/ 12.50 se explica por un vuelto entregado de más; se descuenta según el reglamento interno. La anulación pendiente en aCuotaz se revisará mañana a primera hora.",
                ),
            ],
            attention: true,
        }),
        signatures: [text("Firma del cajero"), text("Firma del supervisor")],
        signer_name: text("Nombre:"),
        running_header: text(
            "Bodega Señor de Muruhuay — Reporte Z N.º 000012, turno 5 del 30/11/2026",
        ),
        footer: text("Generado: 30/11/2026 18:05 (hora de Lima)"),
        page_number: text("Página {page} de {pages}"),
        document_title: text("Reporte Z N.º 000012 — Bodega Señor de Muruhuay"),
        generated_at: "2026-11-30T23:05:00Z".parse().unwrap(),
    }
}

fn main() {
    let original = sheet();
    let reprint = ZSheet {
        reprint: Some(text("REIMPRESIÓN — 02/12/2026 09:15")),
        ..original.clone()
    };
    let sandbox = ZSheet {
        test_data: Some(TestData {
            label: text("SANDBOX"),
            note: text("Datos de prueba: no son ventas reales"),
            detail: text("Este reporte no sirve para el cierre real de la caja."),
            page_notice: text("SANDBOX — datos de prueba"),
        }),
        ..reprint.clone()
    };
    for (sheet, path) in [
        (&original, "/tmp/z-sample.pdf"),
        (&reprint, "/tmp/z-sample-reprint.pdf"),
        (&sandbox, "/tmp/z-sample-sandbox.pdf"),
    ] {
        let pdf = report::render_z_report(sheet).expect("the sample renders");
        std::fs::write(path, pdf).expect("/tmp is writable");
        println!("{path}");
    }
}
