//! The papers of a shift, read back: the Z report's PDF through `pdftotext` (number, tenders, the
//! named differences, the supervisor's approval), its reprint marked REIMPRESIÓN while the original
//! stays as it was, and the customer's receipt on a thermal printer (a file here) decoded from its
//! ESC/POS bytes: code page set before any text, accents right, the change big, the cut last.

#[path = "../../report/tests/escpos_decode/mod.rs"]
mod escpos_decode;

use std::path::Path;
use std::process::Command;

use desk::Settings;
use desk::closing;
use desk::receipt;
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{SandboxConfig, demo};
use till::cash::CashCount;
use till::identity::parse_dni;
use till::{ApiToken, Approval, HttpSettings, Mode, Payment, Role, Soles, Till, TillConfig};

fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout", &path.display().to_string(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[tokio::test]
async fn the_z_reads_back_and_its_reprint_says_so() {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let printer = dir.path().join("thermal.bin");
    std::fs::write(&printer, b"").unwrap();
    let settings = Settings {
        store_name: "Bodega Señor de Muruhuay".to_owned(),
        till_name: "Caja 2".to_owned(),
        thermal_printer: Some(format!("file:{}", printer.display())),
        ..Settings::default()
    };
    let till = Till::open(TillConfig {
        data_dir: dir.path().to_owned(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    })
    .unwrap();
    till.staff()
        .create_first_supervisor("Rosa Quispe", "2468")
        .unwrap();
    till.staff()
        .add_person("Luis Ñañez", Role::Cashier, "1357")
        .unwrap();
    till.staff().sign_in("Luis Ñañez", "1357").unwrap();
    till.open_shift(CashCount::parse("20=5").unwrap())
        .await
        .unwrap();
    let dni = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code.parse().unwrap();
    till.check(&dni, &code).await.unwrap();
    let paid = till
        .pay(
            &dni,
            &code,
            Payment::cash(Some(Soles::from_centimos(60_000))),
        )
        .await
        .unwrap();

    // The receipt, on the thermal printer (a file standing in for /dev/usb/lp0).
    let sent = receipt::deliver_receipt(&paid, &settings, dir.path().to_owned(), false).unwrap();
    assert_eq!(
        sent.printed_on.as_deref(),
        Some(format!("file:{}", printer.display()).as_str())
    );
    let bytes = std::fs::read(&printer).unwrap();
    let decoded = escpos_decode::decode(&bytes).unwrap();
    assert_eq!(
        decoded.commands.first(),
        Some(&escpos_decode::Command::Init)
    );
    let first_text = decoded
        .commands
        .iter()
        .position(|c| matches!(c, escpos_decode::Command::Text(_)))
        .unwrap();
    let code_page = decoded
        .commands
        .iter()
        .position(|c| matches!(c, escpos_decode::Command::CodePage(_)))
        .unwrap();
    assert!(
        code_page < first_text,
        "the code page is chosen before any text"
    );
    assert!(matches!(
        decoded.commands.last(),
        Some(escpos_decode::Command::Cut { .. })
    ));
    let texts = decoded.texts().join("\n");
    for expected in [
        "CONSTANCIA DE PAGO DE",
        "Bodega Señor de Muruhuay",
        "Caja 2",
        "14****65",
        "1234567",
        "S/ 579.98",
        "Efectivo",
        "S/ 600.00",
        "VUELTO",
        "S/ 20.02",
        "Luis Ñañez",
        "NO ES COMPROBANTE DE PAGO",
    ] {
        assert!(
            texts.contains(expected),
            "«{expected}» missing from the receipt:\n{texts}"
        );
    }
    assert!(!texts.contains("14159265"), "the DNI is masked");
    let change = decoded
        .lines
        .iter()
        .find(|line| line.text().contains("S/ 20.02"))
        .unwrap();
    assert!(
        change.style().unwrap().width >= 2,
        "the change is printed big"
    );

    // Close with a short count and a supervisor's approval.
    till.count_closing(CashCount::parse("200=3,50=1,20=1").unwrap(), Soles::ZERO)
        .await
        .unwrap();
    let approval = Approval {
        supervisor: "Rosa Quispe".to_owned(),
        pin: "2468".to_owned(),
        reason: "Faltante de cinco soles".to_owned(),
    };
    let z = till.close_shift(Some(&approval)).await.unwrap();
    let view = closing::deliver(z.clone(), settings.clone(), dir.path().to_owned(), false)
        .await
        .unwrap();
    assert_eq!(view.number_text, "000001");
    let original = Path::new(&view.pdf_path).to_owned();
    let text = pdf_text(&original);
    for expected in [
        "Reporte Z N.º 000001",
        "Bodega Señor de Muruhuay",
        "Caja 2",
        "Efectivo",
        "Tarjeta",
        "Yape/Plin",
        "Faltante de efectivo",
        "-S/ 9.98",
        "Pagado en tienda, no en esta caja",
        "ACZ-2026-000006",
        "Rosa Quispe",
        "Faltante de cinco soles",
    ] {
        assert!(
            text.contains(expected),
            "«{expected}» missing from the Z:\n{text}"
        );
    }
    assert!(
        !text.contains("REIMPRESIÓN"),
        "the original is not a reprint"
    );
    assert!(
        std::fs::read(&printer).unwrap().len() > bytes.len(),
        "the Z went to the printer too"
    );

    // A reprint any day later: a new file, marked; the original untouched.
    let before = std::fs::read(&original).unwrap();
    let again = closing::deliver(z, settings, dir.path().to_owned(), true)
        .await
        .unwrap();
    assert_ne!(again.pdf_path, view.pdf_path);
    let reprint = pdf_text(Path::new(&again.pdf_path));
    assert!(reprint.contains("REIMPRESIÓN"), "{reprint}");
    assert!(reprint.contains("Reporte Z N.º 000001"));
    assert_eq!(std::fs::read(&original).unwrap(), before);
}

#[tokio::test]
async fn without_a_thermal_printer_the_receipt_is_a_small_pdf() {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let till = Till::open(TillConfig {
        data_dir: dir.path().to_owned(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    })
    .unwrap();
    till.open_shift(CashCount::default()).await.unwrap();
    let dni = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code.parse().unwrap();
    till.check(&dni, &code).await.unwrap();
    let mut card = Payment::plain(till::Tender::Card);
    card.card_last4 = Some("4242".to_owned());
    let paid = till.pay(&dni, &code, card).await.unwrap();
    let kept =
        receipt::deliver_receipt(&paid, &Settings::default(), dir.path().to_owned(), true).unwrap();
    assert!(kept.printed_on.is_none());
    let text = pdf_text(Path::new(kept.pdf_path.as_deref().unwrap()));
    for expected in [
        "CONSTANCIA DE PAGO",
        "Tarjeta",
        "**** 4242",
        "REIMPRESIÓN",
        "NO ES COMPROBANTE",
    ] {
        assert!(text.contains(expected), "«{expected}» missing:\n{text}");
    }
}
