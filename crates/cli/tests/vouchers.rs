//! `caja voucher` as IT and scripts use it: the built binary against the sandbox's aPagos and aCuotaz
//! over loopback, a real SQLite data folder, receipts as files; what reached aPagos read from the
//! simulator's own record.

mod orders_support;
mod vouchers_support;

use orders_support::{LUIS, ROSA};
use sandbox::VoucherStatus;
use vouchers_support::{
    ACCOUNT, CODE, DNI, PNG, billings, file, held, lose_next_register, paying_args,
    ready_to_collect, register_args, strs, till, voucher,
};

#[test]
fn a_transfer_pays_the_down_payment_by_itself_once_apagos_validates_it_and_only_once() {
    let till = till(false, 400);
    ready_to_collect(&till, None);
    let pay = [
        "pay",
        "--dni",
        DNI,
        "--funding-code",
        CODE,
        "--tender",
        "transferencia",
    ];
    // No transfer registered yet: paying by transfer is refused, nothing sent.
    let error = till.fails(None, &pay, 2, "transfer_not_usable");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("registre primero")
    );

    let receipt = file(&till, "captura.png", PNG);
    let answer = till.ok(None, &strs(&paying_args("4455667", &receipt)));
    assert_eq!(answer["action"], "register", "{answer}");
    assert_eq!(answer["receipt"]["contentType"], "image/png", "{answer}");
    let registered = &answer["voucher"];
    let id = registered["voucherId"].as_str().unwrap().to_owned();
    assert_eq!(id, "T01-C1-V000001");
    assert_eq!(registered["state"], "pending");
    assert_eq!(registered["fundingCode"], CODE);
    assert_eq!(registered["handoverAllowed"], false);
    let at_apagos = held(&till);
    assert_eq!(at_apagos.len(), 1);
    assert_eq!(at_apagos[0].typed.order_id, id);
    assert!(
        at_apagos[0].typed.receipt.ends_with(".png"),
        "{at_apagos:?}"
    );

    let waited = till.ok(None, &["voucher", "status", &id, "--wait", "20"]);
    let view = &waited["voucher"];
    assert_eq!(view["status"], "VALIDATED", "{waited}");
    assert_eq!(view["billing"], "billed", "{waited}");
    assert_eq!(view["handoverAllowed"], true);
    assert_eq!(view["tone"], "go");
    assert_eq!(waited["still_deciding"], false);
    let entries = billings(&till);
    assert_eq!(entries.len(), 1, "billed once: {entries:?}");
    assert_eq!(entries[0]["state"], "confirmed");

    // The transfer paid it: a cashier's or a script's pay by transfer cannot use it again.
    let error = till.fails(None, &pay, 2, "transfer_not_usable");
    assert!(
        error["message"].as_str().unwrap().contains("ya pagó"),
        "{error}"
    );
    let check = till.ok(None, &["check", "--dni", DNI, "--funding-code", CODE]);
    assert_eq!(check["handover_allowed"], true, "{check}");
    let (output, text) = till.text(None, &["voucher", "status", &id]);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Pagado y facturado"), "{text}");
    assert!(text.contains("Entregue el producto"), "{text}");
    till.ok(None, &["sync", "--timeout", "5"]);
    assert_eq!(billings(&till).len(), 1);
    assert_eq!(held(&till).len(), 1);
}

#[test]
fn a_receipt_that_is_not_an_image_or_a_pdf_is_refused_and_nothing_reaches_apagos() {
    let till = till(false, 200);
    let page = file(
        &till,
        "recibo.html",
        b"<!DOCTYPE html><html><body>Yape</body></html>",
    );
    let error = till.fails(
        None,
        &strs(&register_args("100.00", "4455667", &page)),
        2,
        "invalid_voucher_field",
    );
    assert_eq!(error["field"], "receipt", "{error}");
    assert!(
        error["message"].as_str().unwrap().contains("página HTML"),
        "{error}"
    );
    let missing = till.path().join("no-existe.png");
    let missing = missing.to_string_lossy();
    let error = till.fails(
        None,
        &strs(&register_args("100.00", "4455667", &missing)),
        2,
        "invalid_input",
    );
    assert_eq!(error["field"], "receipt", "{error}");
    assert!(error["message"].as_str().unwrap().contains("no-existe.png"));
    assert!(held(&till).is_empty());
    let listed = till.ok(None, &["voucher", "list"]);
    assert!(
        listed["vouchers"].as_array().unwrap().is_empty(),
        "{listed}"
    );
}

#[test]
fn an_invalid_transfer_is_said_so_and_never_pays() {
    let till = till(false, 200);
    ready_to_collect(&till, None);
    let receipt = file(&till, "captura.png", PNG);
    // Starting with 9: aPagos answers INVALID.
    let id = voucher(&till, None, &strs(&paying_args("9000001", &receipt)))["voucherId"]
        .as_str()
        .unwrap()
        .to_owned();
    let waited = till.ok(None, &["voucher", "status", &id, "--wait", "10"]);
    assert_eq!(waited["voucher"]["status"], "INVALID", "{waited}");
    assert_eq!(waited["voucher"]["tone"], "stop");
    assert_eq!(waited["still_deciding"], false);
    let (output, text) = till.text(None, &["voucher", "status", &id]);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Transferencia inválida"), "{text}");
    assert!(text.contains("No entregue el producto"), "{text}");
    let (_, text) = till.text(None, &["--lang", "en", "voucher", "list"]);
    assert!(text.contains("Transfer invalid"), "{text}");
    assert!(billings(&till).is_empty());
}

#[test]
fn a_lost_register_is_never_sent_again_and_a_supervisor_settles_it() {
    let till = till(true, 200);
    lose_next_register(&till);
    let receipt = file(&till, "captura.png", PNG);
    let args = register_args("250.00", "3141592", &receipt);
    let (code, answer) = till.run(LUIS, &[], &strs(&args));
    assert_eq!(code, 4, "{answer}");
    assert_eq!(answer["error"]["code"], "voucher_outcome_unknown");
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(message.contains("No la registre de nuevo"), "{message}");
    assert!(
        message.contains("caja voucher resolve T01-C1-V000001"),
        "{message}"
    );
    assert_eq!(held(&till).len(), 1, "aPagos holds it");

    let listed = till.ok(LUIS, &["voucher", "list"]);
    let lost = &listed["vouchers"][0];
    assert_eq!(lost["voucherId"], "T01-C1-V000001", "{listed}");
    assert_eq!(lost["state"], "unknown");
    assert_eq!(lost["canResolve"], true);
    let id = "T01-C1-V000001";
    // Reading it never registers it again.
    let status = voucher(&till, LUIS, &["voucher", "status", id]);
    assert_eq!(status["state"], "unknown", "{status}");
    assert_eq!(held(&till).len(), 1);

    let request_id = held(&till)[0].request_id.clone();
    let resolve = ["voucher", "resolve", id, "--request-id", &request_id];
    till.fails(LUIS, &resolve, 2, "approval_required");
    let error = till.fails(ROSA, &["voucher", "resolve", id], 2, "invalid_input");
    assert_eq!(error["field"], "request_id");
    let mut approved = resolve.to_vec();
    approved.extend(["--reason", "Número del panel de aPagos"]);
    let settled = voucher(&till, ROSA, &approved);
    assert_eq!(settled["state"], "pending", "{settled}");
    assert_eq!(settled["canResolve"], false);
    till.fails(ROSA, &approved, 2, "voucher_not_unknown");
    let waited = till.ok(LUIS, &["voucher", "status", id, "--wait", "10"]);
    assert_eq!(waited["voucher"]["status"], "VALIDATED", "{waited}");
    assert_eq!(held(&till).len(), 1, "one voucher at aPagos");
}

#[test]
fn a_cancel_naming_a_stale_status_says_the_real_one_and_a_retry_cancels() {
    let till = till(true, 100);
    let receipt = file(&till, "captura.png", PNG);
    let id = voucher(
        &till,
        LUIS,
        &strs(&register_args("80.00", "2718281", &receipt)),
    )["voucherId"]
        .as_str()
        .unwrap()
        .to_owned();
    // aPagos validates it meanwhile; the till still knows it as PENDING.
    std::thread::sleep(std::time::Duration::from_millis(600));
    let cancel = ["voucher", "cancel", &id, "--reason", "El cliente desistió"];
    let error = till.fails(ROSA, &cancel, 3, "voucher_status_changed");
    assert!(
        error["message"].as_str().unwrap().contains("VALIDATED"),
        "{error}"
    );
    assert_eq!(held(&till)[0].status, VoucherStatus::Validated);
    let canceled = voucher(&till, ROSA, &cancel);
    assert_eq!(canceled["status"], "CANCELED", "{canceled}");
    assert_eq!(held(&till)[0].status, VoucherStatus::Canceled);
    till.fails(LUIS, &["voucher", "cancel", &id], 2, "approval_required");
}

#[test]
fn a_corrected_amount_waits_for_a_supervisor_then_bills() {
    let till = till(true, 100);
    ready_to_collect(&till, LUIS);
    let receipt = file(&till, "captura.png", PNG);
    // Ending in 77: aPagos validates S/ 10.00 more than typed.
    let id = voucher(&till, LUIS, &strs(&paying_args("1234577", &receipt)))["voucherId"]
        .as_str()
        .unwrap()
        .to_owned();
    let waited = till.ok(LUIS, &["voucher", "status", &id, "--wait", "10"]);
    let view = &waited["voucher"];
    assert_eq!(view["needsDecision"], true, "{waited}");
    assert_eq!(view["validated"]["amount"]["centimos"], 58_998);
    assert_eq!(waited["still_deciding"], false);
    assert!(billings(&till).is_empty(), "never billed undecided");
    let error = till.fails(ROSA, &["voucher", "decide", &id], 2, "invalid_input");
    assert_eq!(error["field"], "decision");
    let decided = till.ok(
        ROSA,
        &[
            "voucher",
            "decide",
            &id,
            "--accept",
            "--reason",
            "Pagó de más",
        ],
    );
    assert_eq!(decided["voucher"]["billing"], "billed", "{decided}");
    assert_eq!(billings(&till).len(), 1);
}

#[test]
fn bad_fields_are_named_exit_2_and_send_nothing() {
    let till = till(false, 200);
    let receipt = file(&till, "captura.png", PNG);
    let cases = [
        ("--amount", "mil", "invalid_input", "amount"),
        ("--amount", "0", "invalid_input", "amount"),
        (
            "--account",
            "BCP-DOLARES-9",
            "unknown_bank_account",
            "bank_account_id",
        ),
        (
            "--operation",
            "12AB",
            "invalid_voucher_field",
            "operation_number",
        ),
        ("--dni", "1415926", "invalid_input", "customer_dni"),
        ("--name", "A", "invalid_voucher_field", "customer_fullname"),
    ];
    for (flag, value, code, field) in cases {
        let mut args = register_args("100.00", "4455667", &receipt);
        let at = args.iter().position(|arg| arg == flag).unwrap();
        args[at + 1] = value.to_owned();
        let error = till.fails(None, &strs(&args), 2, code);
        assert_eq!(error["field"], field, "{flag} {value}: {error}");
    }
    let mut future = register_args("100.00", "4455667", &receipt);
    future.extend(["--date", "2099-01-01"].map(str::to_owned));
    let error = till.fails(None, &strs(&future), 2, "invalid_voucher_field");
    assert_eq!(error["field"], "date");
    assert!(
        error["message"].as_str().unwrap().contains("futura"),
        "{error}"
    );
    let mut garbled = register_args("100.00", "4455667", &receipt);
    garbled.extend(["--date", "ayer"].map(str::to_owned));
    let error = till.fails(None, &strs(&garbled), 2, "invalid_voucher_field");
    assert!(
        error["message"].as_str().unwrap().contains("AAAA-MM-DD"),
        "{error}"
    );
    let mut half = register_args("100.00", "4455667", &receipt);
    half.extend(["--customer", DNI].map(str::to_owned));
    let error = till.fails(None, &strs(&half), 2, "invalid_input");
    assert_eq!(error["field"], "funding_code");
    let mut missing = register_args("100.00", "4455667", &receipt);
    missing.truncate(4);
    let error = till.fails(None, &strs(&missing), 2, "invalid_input");
    assert!(
        error["message"].as_str().unwrap().contains("--operation"),
        "{error}"
    );
    let error = till.fails(
        None,
        &["voucher", "status", "T01-C1-V000009"],
        2,
        "no_such_voucher",
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("T01-C1-V000009")
    );
    assert!(held(&till).is_empty());
}

#[test]
fn the_stores_accounts_are_set_with_caja_settings() {
    let till = till(false, 200);
    let error = till.fails(
        None,
        &["settings", "set", "--bank-accounts", "BCP SOLES"],
        2,
        "invalid_voucher_field",
    );
    assert_eq!(error["field"], "bank_accounts");
    let saved = till.ok(
        None,
        &["settings", "set", "--bank-accounts", "BCP-SOLES-001, BBVA"],
    );
    let accounts = &saved["settings"]["vouchers"]["bankAccounts"];
    assert_eq!(
        accounts,
        &serde_json::json!(["BCP-SOLES-001", "BBVA"]),
        "{saved}"
    );
    let (_, text) = till.text(None, &["settings", "show"]);
    assert!(text.contains("BCP-SOLES-001, BBVA"), "{text}");
    let receipt = file(&till, "captura.png", PNG);
    let mut args = register_args("100.00", "4455667", &receipt);
    let at = args.iter().position(|arg| arg == ACCOUNT).unwrap();
    args[at] = "INTERBANK-003".to_owned();
    let error = till.fails(None, &strs(&args), 2, "unknown_bank_account");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("BCP-SOLES-001, BBVA"),
        "{error}"
    );
    assert!(held(&till).is_empty());
}

/// A register whose answer was lost waits for a supervisor however long it takes, so the list keeps
/// showing it after its day.
#[test]
fn an_unknown_register_of_an_earlier_day_is_still_listed() {
    let till = till(false, 200);
    lose_next_register(&till);
    let receipt = file(&till, "captura.png", PNG);
    let (code, answer) = till.run(
        None,
        &[],
        &strs(&register_args("90.00", "1618033", &receipt)),
    );
    assert_eq!(code, 4, "{answer}");
    // As if it had been registered on an earlier day (Lima).
    let db = rusqlite::Connection::open(till.path().join(till::DATABASE_FILE)).unwrap();
    db.execute("UPDATE voucher SET lima_day = '2020-01-02'", [])
        .unwrap();
    drop(db);
    let listed = till.ok(None, &["voucher", "list"]);
    let vouchers = listed["vouchers"].as_array().unwrap();
    assert_eq!(
        vouchers.len(),
        1,
        "the unknown register is listed: {listed}"
    );
    assert_eq!(vouchers[0]["state"], "unknown");
}
