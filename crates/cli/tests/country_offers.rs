//! The store's country decides which providers the till offers, as IT and scripts meet it: the built
//! `caja` binary against the sandbox over loopback and a real SQLite data folder. A till set up for
//! Spain refuses aCuotaz (check, pay, credit sales) and aPagos (vouchers) with the cashier's words and
//! exit 2, journaling and sending nothing; a till in Peru refuses Aplazame the same way. What the
//! journal already holds stays readable.

mod orders_support;
mod vouchers_support;

use orders_support::{LUIS, OrdersTill, ROSA};
use serde_json::Value;
use vouchers_support::{CODE, DNI, PNG, file, held, paying_args, strs};

/// A staffed till whose country a supervisor set to Spain (`caja settings set --country ES`).
fn spanish_till() -> OrdersTill {
    let till = OrdersTill::staffed();
    let args = [
        "settings",
        "set",
        "--country",
        "ES",
        "--reason",
        "Tienda de Madrid",
    ];
    let answer = till.ok(ROSA, &args);
    assert_eq!(answer["settings"]["country"], "ES", "{answer}");
    till
}

/// The refusal: exit 2, its code, and the cashier's words naming the provider and the country.
fn refused(till: &OrdersTill, args: &[&str], provider: &str, country: &str) -> Value {
    let error = till.fails(LUIS, args, 2, "provider_not_offered");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains(provider), "{message}");
    assert!(
        message.contains(&format!("configurada para {country}")),
        "{message}"
    );
    assert!(
        message.contains("No se registró ni se envió nada"),
        "{message}"
    );
    assert!(message.contains("Ajustes"), "{message}");
    error
}

/// Nothing in the till's journal.
fn journal_is_empty(till: &OrdersTill) {
    let history = till.ok(ROSA, &["history"]);
    assert_eq!(history["entries"], serde_json::json!([]), "{history}");
}

#[test]
fn a_spanish_till_refuses_acuotaz_and_journals_nothing() {
    let till = spanish_till();
    let check = ["check", "--dni", DNI, "--funding-code", CODE];
    let error = refused(&till, &check, "aCuotaz", "España");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("caja settings set --country PE"),
        "{error}"
    );
    let pay = [
        "pay",
        "--dni",
        DNI,
        "--funding-code",
        CODE,
        "--tender",
        "efectivo",
    ];
    refused(&till, &pay, "aCuotaz", "España");
    let order = orders_support::create_args("300.00", orders_support::APPROVED);
    refused(&till, &order, "aCuotaz", "España");
    journal_is_empty(&till);
    assert!(till.provider_orders().is_empty());

    // As a person reads it: the same words on the terminal, and a failing exit status.
    let (output, text) = till.text(LUIS, &check);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("aquí no se ofrece aCuotaz"), "{text}");
    journal_is_empty(&till);
}

#[test]
fn a_spanish_till_refuses_apagos_vouchers_and_sends_nothing() {
    let till = spanish_till();
    let receipt = file(&till, "yape.png", PNG);
    let register = paying_args("OP-1", &receipt);
    refused(&till, &strs(&register), "aPagos", "España");
    assert!(held(&till).is_empty(), "nothing reached aPagos");
    journal_is_empty(&till);
    // What exists stays readable: the list answers, empty.
    let listed = till.ok(LUIS, &["voucher", "list"]);
    assert_eq!(listed["vouchers"], serde_json::json!([]), "{listed}");
}

#[test]
fn a_peruvian_till_refuses_aplazame_and_sends_nothing() {
    let till = OrdersTill::staffed();
    let checkout = [
        "aplazame",
        "checkout",
        "--email",
        "lucia@example.es",
        "--name",
        "Lucía Martín",
        "--item",
        "Zapatillas;2;59,90;21;10,00",
    ];
    let error = refused(&till, &checkout, "Aplazame", "Perú");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("caja settings set --country ES"),
        "{error}"
    );
    assert!(till.provider.aplazame().checkouts().is_empty());
    let listed = till.ok(LUIS, &["aplazame", "list"]);
    assert_eq!(listed["checkouts"], serde_json::json!([]), "{listed}");
}
