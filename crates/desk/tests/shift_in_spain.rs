//! A shift in a store in Spain, end to end on the real simulator and a real SQLite file: the drawer
//! counted in euro coins and notes, Aplazame sales confirmed during the shift (and one still waiting
//! for the customer), then the blind count and the Z. The Z's PDF is read back through `pdftotext` and
//! its 80 mm ticket decoded from the ESC/POS bytes: every amount in euros (`129,80 €`), the Aplazame
//! section with what was confirmed and what was left open, and no aCuotaz summary to miss (a till
//! without aCuotaz closes without a supervisor when the count is exact).

mod aplazame_support;
#[path = "../../report/tests/escpos_decode/mod.rs"]
mod escpos_decode;
mod orders_support;

use std::path::Path;

use aplazame_support::{sale, shop};
use desk::Settings;
use desk::closing;
use orders_support::pdf_text;
use till::cash::CashCount;
use till::country::Country;
use till::shift::Direction;
use till::shift::financing::FinancingGroup;
use till::{Soles, TillError};

#[tokio::test]
async fn a_spanish_shift_counts_euros_and_reports_its_aplazame_sales() {
    let s = shop(true, 60_000).await;
    let till = &s.till;
    // The shop opened the shift with an empty float; a euro drawer takes 5-cent coins and 500 € notes,
    // which a Peruvian drawer has not.
    let shift = till.shift_status().await.unwrap().unwrap().shift;
    assert_eq!(shift.country, Country::Spain);
    assert_eq!(shift.lima_day, Country::Spain.day_of(shift.opened_at));
    till.move_cash(Direction::In, Soles::from_centimos(5_005), "Cambio", None)
        .await
        .unwrap();

    // One financing confirmed by the rule, one the customer has not finished on their phone.
    let confirmed = till
        .create_checkout(sale("lucia@example.es"))
        .await
        .unwrap();
    let id = confirmed.checkout_id.clone().unwrap();
    s.buyer(id.as_str(), "start").await;
    s.buyer(id.as_str(), "complete").await;
    let ok = s.until(&confirmed.order_id, "ok", None).await;
    assert!(ok.may_hand_over());
    let waiting = till
        .create_checkout(sale("pablo@example.es"))
        .await
        .unwrap();

    let x = till.x_report().await.unwrap();
    assert_eq!(x.financing.confirmed(), (1, 12_980));
    assert_eq!(x.financing.open.len(), 1);
    assert_eq!(x.financing.open[0].order_id, waiting.order_id);
    assert_eq!(x.financing.open[0].group, FinancingGroup::AwaitingBuyer);
    assert!(x.reconciliation.provider.is_none());
    assert_eq!(
        x.reconciliation.cash.expected.centimos(),
        5_005,
        "a financed sale is paid by Aplazame: not drawer money"
    );

    // A Peruvian count is refused naming the denomination; the euro count is exact.
    let peruvian = CashCount::parse("0.50=1").unwrap();
    assert!(peruvian.check(Country::Spain).is_ok(), "0,50 € exists too");
    let first = till
        .count_closing(CashCount::parse("10=5").unwrap(), Soles::ZERO)
        .await;
    assert!(
        first.is_ok(),
        "10 € notes exist in both: a first count, recounted below"
    );
    let wrong = CashCount::parse_in(Country::Peru, "0.05=1");
    assert!(matches!(wrong, Err(TillError::InvalidInput { .. })));
    let count = CashCount::parse_in(Country::Spain, "50=1,0.05=1").unwrap();
    let status = till.count_closing(count, Soles::ZERO).await.unwrap();
    assert!(
        status.reconciliation.differences.is_empty(),
        "no aCuotaz summary is missed in Spain: {:?}",
        status.reconciliation.differences
    );
    assert!(!status.reconciliation.needs_approval);
    let z = till.close_shift(None).await.unwrap();
    assert_eq!(z.shift.country, Country::Spain);
    assert_eq!(z.financing.confirmed(), (1, 12_980));

    // The papers: the PDF kept and the ticket on a thermal printer (a file here).
    let printer = s.dir.path().join("thermal.bin");
    std::fs::write(&printer, b"").unwrap();
    let settings = Settings {
        store_name: "Zapatería Núñez".to_owned(),
        country: Country::Spain,
        thermal_printer: Some(format!("file:{}", printer.display())),
        ..Settings::default()
    };
    let view = closing::deliver(z.clone(), settings, s.dir.path().to_owned(), false)
        .await
        .unwrap();
    let financing = view.reconciliation.financing.as_ref().unwrap();
    assert_eq!(financing.groups[0].amount.text, "129,80 €");
    assert_eq!(
        view.reconciliation.cash.as_ref().unwrap().expected.text,
        "50,05 €"
    );
    let text = pdf_text(Path::new(&view.pdf_path));
    for expected in [
        "Zapatería Núñez",
        "Caja · Aplazame",
        "Financiación (Aplazame)",
        "Confirmada (ok)",
        "129,80 €",
        "50,05 €",
        "0,05 €",
        "Financiaciones sin resolver",
        &waiting.order_id,
        "El cliente no ha terminado",
    ] {
        assert!(
            text.contains(expected),
            "«{expected}» missing from the Z:\n{text}"
        );
    }
    for absent in ["S/", "aCuotaz"] {
        assert!(!text.contains(absent), "«{absent}» on a Spanish Z:\n{text}");
    }
    // The shift's operations are its two checkouts (a Spanish till journals no aCuotaz rows).
    let operations = text
        .lines()
        .find(|line| line.contains("Operaciones"))
        .unwrap_or_default();
    assert!(operations.trim_end().ends_with('2'), "{operations}");
    let ticket = escpos_decode::decode(&std::fs::read(&printer).unwrap()).unwrap();
    let lines = ticket.texts().join("\n");
    for expected in ["Financiación (Aplazame)", "129,80 €", "50,05 €"] {
        assert!(
            lines.contains(expected),
            "«{expected}» missing from the ticket:\n{lines}"
        );
    }
    assert!(!lines.contains("S/"), "{lines}");
}
