//! The store's country decides which providers the till offers, at the desk: the workstation both
//! fronts open passes the saved country to the till and wires only that country's providers, and the
//! views the desktop and the CLI call refuse the others by name (`provider_not_offered`, worded for the
//! cashier) before anything is journaled or sent. Against the sandbox over loopback, on a real SQLite
//! file.

use desk::views::{self, CartLineInput, CheckoutInput};
use desk::{Country, Explain, Lang, Overrides, Settings, Workstation};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{RunningSandbox, SandboxConfig};
use till::{Mode, Staff, TillError};

async fn workstation(data: &std::path::Path, url: &str, country: Country) -> Workstation {
    let settings = Settings {
        country,
        ..Settings::default()
    };
    settings.save(data).unwrap();
    let overrides = Overrides {
        mode: Some(Mode::Sandbox),
        api_url: Some(url.to_owned()),
        token: Some(MOCK_TOKEN.to_owned()),
        ..Overrides::default()
    };
    let staff = std::sync::Arc::new(Staff::open(data).unwrap());
    Workstation::open_with_staff(data, &overrides, staff)
        .await
        .unwrap()
}

fn not_offered(error: &TillError, provider: &str, country: &str) {
    assert_eq!(error.code(), "provider_not_offered", "{error:?}");
    let spanish = error.message(Lang::Es);
    assert!(spanish.contains(provider), "{spanish}");
    assert!(
        spanish.contains(&format!("configurada para {country}")),
        "{spanish}"
    );
    let english = error.message(Lang::En);
    assert!(
        english.contains("Nothing was recorded or sent"),
        "{english}"
    );
}

async fn started() -> RunningSandbox {
    sandbox::start(SandboxConfig::default()).await.unwrap()
}

#[tokio::test]
async fn a_spanish_till_offers_neither_acuotaz_nor_apagos() {
    let provider = started().await;
    let dir = tempfile::tempdir().unwrap();
    let ws = workstation(dir.path(), provider.url(), Country::Spain).await;
    assert_eq!(ws.till.country(), Country::Spain);
    assert!(!ws.till.has_orders(), "no aCuotaz orders wired in Spain");

    let check = views::check(&ws, "14159265", "1234567").await.unwrap_err();
    not_offered(&check, "aCuotaz", "España");
    let summary = views::day_summary(&ws, "2026-12-01").await.unwrap_err();
    not_offered(&summary, "aCuotaz", "España");
    let vouchers = ws.till.voucher_setup().unwrap_err();
    not_offered(&vouchers, "aPagos", "España");
    let receipt = views::host_receipt(&ws, b"\x89PNG\r\n\x1a\n".to_vec())
        .await
        .unwrap_err();
    assert_eq!(receipt.code(), "provider_not_offered");

    // Nothing journaled, nothing at the provider; what exists stays readable.
    assert!(ws.till.history(None).unwrap().is_empty());
    assert!(provider.apagos().vouchers().is_empty());
    assert!(views::vouchers(&ws).await.unwrap().is_empty());
    ws.close().await;
}

#[tokio::test]
async fn a_peruvian_till_does_not_offer_aplazame() {
    let provider = started().await;
    let dir = tempfile::tempdir().unwrap();
    let ws = workstation(dir.path(), provider.url(), Country::Peru).await;
    let cart = CheckoutInput {
        lines: vec![CartLineInput {
            name: "Zapatillas".to_owned(),
            quantity: "2".to_owned(),
            unit_price: "59,90".to_owned(),
            vat_rate: "21".to_owned(),
            discount: "10,00".to_owned(),
        }],
        customer_name: "Lucía Martín Pérez".to_owned(),
        customer_email: "lucia@example.es".to_owned(),
        customer_phone: String::new(),
        customer_document: "12345678Z".to_owned(),
    };
    let error = views::create_checkout(&ws, &cart).await.unwrap_err();
    not_offered(&error, "Aplazame", "Perú");
    let setup = ws.till.aplazame_setup().unwrap_err();
    not_offered(&setup, "Aplazame", "Perú");
    assert!(provider.aplazame().checkouts().is_empty());
    assert!(views::checkouts(&ws).await.unwrap().is_empty());
    // aCuotaz is Peru's: the check goes through.
    views::check(&ws, "14159265", "1234567").await.unwrap();
    ws.close().await;
}
