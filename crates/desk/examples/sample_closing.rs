//! Works a short shift against the embedded sandbox and writes its papers to look at: the customer's
//! receipt (as the ESC/POS bytes a thermal printer gets, and as the PDF kept without one), the Z
//! report's PDF and its reprint.
//!
//! `cargo run -p desk --example sample_closing -- [folder]` (default `/tmp/caja-closing`), then e.g.
//! `pdftoppm -png -r 80 /tmp/caja-closing/reports/z-sandbox-000001.pdf /tmp/z-preview` and
//! `cargo run -p report --example escpos_png -- /tmp/caja-closing/thermal.bin /tmp/receipt.png`.

use desk::{Settings, closing, receipt};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{SandboxConfig, demo};
use till::cash::CashCount;
use till::identity::{parse_dni, parse_ruc_customer};
use till::shift::Direction;
use till::{
    ApiToken, Approval, HttpSettings, Mode, Payment, Role, Soles, Tender, Till, TillConfig,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/caja-closing".to_owned()),
    );
    if folder.exists() {
        std::fs::remove_dir_all(&folder)?;
    }
    std::fs::create_dir_all(&folder)?;
    let printer = folder.join("thermal.bin");
    std::fs::write(&printer, b"")?;
    let provider = sandbox::start(SandboxConfig::default()).await?;
    let settings = Settings {
        store_name: "Bodega Señor de Muruhuay".to_owned(),
        till_name: "Caja 2".to_owned(),
        thermal_printer: Some(format!("file:{}", printer.display())),
        ..Settings::default()
    };
    let till = Till::open(TillConfig {
        data_dir: folder.clone(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    })?;
    till.staff()
        .create_first_supervisor("Rosa Quispe", "2468")?;
    till.staff()
        .add_person("Luis Ñañez", Role::Cashier, "1357")?;
    till.staff().sign_in("Luis Ñañez", "1357")?;
    till.open_shift(CashCount::parse("20=5,10=4,1=10,0.50=10")?)
        .await?;

    let dni = parse_dni(demo::DOCS_PAIR.dni)?;
    let code = demo::DOCS_PAIR.funding_code.parse()?;
    till.check(&dni, &code).await?;
    let cash = till
        .pay(
            &dni,
            &code,
            Payment::cash(Some(Soles::from_centimos(60_000))),
        )
        .await?;
    receipt::deliver_receipt(&cash, &settings, folder.clone(), false)?;
    receipt::deliver_receipt(&cash, &Settings::default(), folder.clone(), false)?;

    let ruc = parse_ruc_customer(demo::PERSON_RUC.ruc.unwrap_or_default())?;
    let ruc_code = demo::PERSON_RUC.funding_code.parse()?;
    till.check(&ruc, &ruc_code).await?;
    let mut card = Payment::plain(Tender::Card);
    card.card_last4 = Some("4242".to_owned());
    card.card_authorization = Some("A1B2C3".to_owned());
    till.pay(&ruc, &ruc_code, card).await?;
    till.move_cash(
        Direction::In,
        Soles::from_centimos(5_000),
        "Sencillo del banco",
        None,
    )
    .await?;

    till.count_closing(
        CashCount::parse("200=3,50=1,20=3,10=3,5=1,1=10,0.50=10")?,
        Soles::from_centimos(24_690),
    )
    .await?;
    let approval = Approval {
        supervisor: "Rosa Quispe".to_owned(),
        pin: "2468".to_owned(),
        reason: "Faltante revisado con el cajero".to_owned(),
    };
    let z = till.close_shift(Some(&approval)).await?;
    let original = closing::deliver(z.clone(), settings.clone(), folder.clone(), false)
        .await
        .map_err(|error| error.message)?;
    let reprint = closing::deliver(z, settings, folder.clone(), true)
        .await
        .map_err(|error| error.message)?;
    println!(
        "Z: {}\nreprint: {}\nthermal bytes: {}",
        original.pdf_path,
        reprint.pdf_path,
        printer.display()
    );
    Ok(())
}
