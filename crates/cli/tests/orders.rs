//! `caja order` as IT and scripts use it: the built binary against the sandbox over loopback, a real
//! SQLite file, the customer's phone played with `caja sandbox customer`, and what reached the
//! provider read from the sandbox's own record.

mod orders_support;

use orders_support::{APPROVED, DENIED, LUIS, ON_HOLD, OrdersTill, ROSA, centimos, create_args};

#[test]
fn a_credit_sale_from_limits_to_refunds() {
    let till = OrdersTill::new();
    let limits = till.ok(None, &["order", "limits", "--amount", "1499.90"]);
    assert_eq!(limits["command"], "order");
    assert_eq!(centimos(&limits["limits"]["min"]), 10_000, "{limits}");
    assert_eq!(centimos(&limits["limits"]["max"]), 500_000, "{limits}");
    assert_eq!(limits["limits"]["fromCache"], false);
    let refreshed = till.ok(None, &["order", "limits", "--refresh"]);
    assert_eq!(refreshed["limits"]["maxSteps"], 8, "{refreshed}");

    let order = till.create(None, "1499.90", APPROVED);
    let id = order["orderId"].as_str().unwrap().to_owned();
    assert_eq!(id, "T01-C1-000001");
    assert_eq!(order["status"], "initial");
    assert_eq!(order["statusLabel"], "Esperando al cliente");
    assert_eq!(centimos(&order["amount"]), 149_990);
    assert_eq!(order["open"], true);
    assert_eq!(order["handoverAllowed"], false);
    let link = order["redirectTo"].as_str().unwrap();
    assert!(link.starts_with(till.provider.url()), "{link}");
    assert_eq!(till.provider_orders().len(), 1);

    till.customer(&id, "open");
    till.customer(&id, "apply");
    let approved = till.status(None, &id);
    assert_eq!(approved["status"], "approved", "{approved}");
    assert_eq!(approved["canConfirm"], true);
    let confirmed = till.ok(None, &["order", "confirm", &id]);
    assert_eq!(confirmed["action"], "confirm");
    assert_eq!(confirmed["order"]["confirmed"], true, "{confirmed}");
    assert!(till.provider_order(&id).confirmed);

    till.customer(&id, "pay-online");
    let waited = till.ok(None, &["order", "status", &id, "--wait", "20"]);
    assert_eq!(waited["order"]["status"], "funded", "{waited}");
    assert_eq!(waited["still_open"], false);
    assert_eq!(waited["order"]["handoverAllowed"], true);

    let listed = till.ok(None, &["order", "list"]);
    assert_eq!(listed["orders"][0]["orderId"], id.as_str(), "{listed}");
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("America/Lima").unwrap())
        .strftime("%d/%m/%Y")
        .to_string();
    let by_day = till.ok(None, &["order", "list", "--day", &today]);
    assert_eq!(by_day["orders"].as_array().unwrap().len(), 1, "{by_day}");
    let other_day = till.ok(None, &["order", "list", "--day", "01/01/2020"]);
    assert_eq!(other_day["orders"].as_array().unwrap().len(), 0);

    // Partial refunds add up; the total refund takes what is left; nothing is left after it.
    let refund = |extra: &[&str]| {
        let mut args = vec!["order", "refund", &id, "--reason", "Devolvió el producto"];
        args.extend_from_slice(extra);
        till.ok(None, &args)
    };
    let first = refund(&["--amount", "400.00"]);
    assert_eq!(first["refund"]["action"], "partial_refund", "{first}");
    assert_eq!(centimos(&first["refund"]["amount"]), 40_000);
    assert!(first["refund"]["trackingId"].as_str().is_some(), "{first}");
    assert!(
        first["refund"]["refundMethod"].as_str().is_some(),
        "{first}"
    );
    assert_eq!(centimos(&first["order"]["refundable"]), 109_990);
    refund(&["--amount", "99.90"]);
    let total = refund(&[]);
    assert_eq!(total["refund"]["action"], "total_refund", "{total}");
    assert_eq!(centimos(&total["refund"]["amount"]), 100_000);
    assert_eq!(centimos(&total["order"]["refunded"]), 149_990);
    let held = till.provider_order(&id);
    assert_eq!(held.refunded.centimos(), 149_990);
    assert_eq!(held.refunds.len(), 3);

    // Above what is left: refused here, nothing sent.
    let error = till.fails(
        None,
        &[
            "order",
            "refund",
            &id,
            "--amount",
            "1.00",
            "--reason",
            "Otra devolución",
        ],
        2,
        "refund_above_left",
    );
    assert_eq!(error["field"], "refund_amount");
    assert_eq!(till.provider_order(&id).refunds.len(), 3);
}

#[test]
fn an_amount_outside_the_limits_creates_nothing() {
    let till = OrdersTill::new();
    for amount in ["50.00", "5000.01"] {
        let error = till.fails(
            None,
            &create_args(amount, APPROVED),
            2,
            "amount_outside_limits",
        );
        assert_eq!(error["field"], "amount");
        let message = error["message"].as_str().unwrap();
        assert!(
            message.contains("S/ 100.00") && message.contains("S/ 5,000.00"),
            "{message}"
        );
    }
    assert!(till.provider_orders().is_empty());
    assert!(
        till.ok(None, &["order", "list"])["orders"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_provider_test_dnis_approve_deny_and_never_finish() {
    let till = OrdersTill::new();
    let mut ids = Vec::new();
    for dni in [APPROVED, DENIED, ON_HOLD] {
        let id = till.create(None, "800.00", dni)["orderId"]
            .as_str()
            .unwrap()
            .to_owned();
        till.customer(&id, "open");
        till.customer(&id, "apply");
        ids.push(id);
    }
    let approved = till.status(None, &ids[0]);
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["statusLabel"], "Aprobado — todavía no entregar");
    let denied = till.ok(None, &["order", "status", &ids[1], "--wait", "5"]);
    assert_eq!(denied["order"]["status"], "rejected", "{denied}");
    assert_eq!(denied["still_open"], false);
    assert_eq!(denied["order"]["tone"], "stop");
    let started = std::time::Instant::now();
    let waiting = till.ok(None, &["order", "status", &ids[2], "--wait", "2"]);
    assert!(started.elapsed() >= std::time::Duration::from_secs(2));
    assert_eq!(waiting["order"]["status"], "onhold", "{waiting}");
    assert_eq!(waiting["still_open"], true);
    assert_eq!(waiting["waited_seconds"], 2);
    let (output, text) = till.text(None, &["order", "status", &ids[2], "--wait", "1"]);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Estado: En revisión"), "{text}");
    assert!(text.contains("el pedido sigue abierto"), "{text}");
}

#[test]
fn confirm_and_cancel_refusals_are_worded_and_canceling_twice_is_done() {
    let till = OrdersTill::new();
    let early = till.create(None, "300.00", "20000001")["orderId"]
        .as_str()
        .unwrap()
        .to_owned();
    let error = till.fails(None, &["order", "confirm", &early], 3, "order_refused");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("aún no aprobó"), "{message}");

    let canceled = till.ok(None, &["order", "cancel", &early]);
    assert_eq!(canceled["order"]["status"], "canceled", "{canceled}");
    let again = till.ok(None, &["order", "cancel", &early]);
    assert_eq!(again["order"]["status"], "canceled", "{again}");
    assert_eq!(till.provider_order(&early).status.as_str(), "canceled");

    let confirmed = till.create(None, "300.00", "20000002")["orderId"]
        .as_str()
        .unwrap()
        .to_owned();
    till.customer(&confirmed, "open");
    till.customer(&confirmed, "apply");
    till.ok(None, &["order", "confirm", &confirmed]);
    let error = till.fails(None, &["order", "cancel", &confirmed], 3, "order_refused");
    assert!(
        error["message"].as_str().unwrap().contains("ya confirmado"),
        "{error}"
    );

    let funded = till.funded(None, "300.00", "20000003");
    let error = till.fails(None, &["order", "confirm", &funded], 3, "order_refused");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("ya está financiado"),
        "{error}"
    );
    // Refunding an order that is not funded is refused here.
    let error = till.fails(
        None,
        &["order", "refund", &early, "--reason", "No lo quiere"],
        2,
        "order_not_refundable",
    );
    assert!(
        error["message"].as_str().unwrap().contains("anúlelo"),
        "{error}"
    );
}

#[test]
fn bad_input_exits_2_naming_the_flag_and_sends_nothing() {
    let till = OrdersTill::new();
    let mut missing_phone = create_args("500.00", APPROVED);
    missing_phone.truncate(missing_phone.len() - 2);
    let error = till.fails(None, &missing_phone, 2, "invalid_input");
    assert_eq!(error["field"], "phone");
    assert!(error["message"].as_str().unwrap().contains("--phone"));

    let cases = [
        ("--phone", "12345", "phone"),
        ("--dni", "1415926", "dni"),
        ("--name", "R2-D2", "name"),
        ("--amount", "mil", "amount"),
        ("--description", "tv", "description"),
    ];
    for (flag, value, field) in cases {
        let mut args = create_args("500.00", APPROVED);
        let at = args.iter().position(|arg| *arg == flag).unwrap();
        args[at + 1] = value;
        let error = till.fails(None, &args, 2, "invalid_input");
        assert_eq!(error["field"], field, "{flag} {value}: {error}");
    }
    assert!(till.provider_orders().is_empty());

    till.fails(
        None,
        &["order", "status", "T01-C1-999999"],
        2,
        "no_such_order",
    );
    let error = till.fails(
        None,
        &["order", "status", "no es un id"],
        2,
        "invalid_input",
    );
    assert_eq!(error["field"], "order_id");
    let error = till.fails(
        None,
        &["order", "refund", "T01-C1-000001"],
        2,
        "invalid_input",
    );
    assert_eq!(error["field"], "reason");
    let error = till.fails(
        None,
        &["order", "list", "--day", "31/02/2026"],
        2,
        "invalid_input",
    );
    assert_eq!(error["field"], "day");

    let id = till.funded(None, "250.00", "20000004");
    let error = till.fails(
        None,
        &[
            "order", "refund", &id, "--amount", "250.01", "--reason", "x y z",
        ],
        2,
        "refund_above_left",
    );
    assert_eq!(error["field"], "refund_amount");
    assert!(till.provider_order(&id).refunds.is_empty());
}

#[test]
fn a_refund_needs_a_supervisor_and_records_who() {
    let till = OrdersTill::staffed();
    let id = till.funded(LUIS, "600.00", "20000005");
    let args = [
        "order",
        "refund",
        &id,
        "--amount",
        "100.00",
        "--reason",
        "Cambio de modelo",
    ];
    till.fails(LUIS, &args, 2, "approval_required");
    let wrong = [("CAJA_APPROVER_PIN", "0000")];
    let mut with_rosa = args.to_vec();
    with_rosa.extend_from_slice(&["--supervisor", "Rosa Quispe"]);
    let (code, answer) = till.run(LUIS, &wrong, &with_rosa);
    assert_eq!(code, 2, "{answer}");
    assert!(till.provider_order(&id).refunds.is_empty());

    let (code, answer) = till.run(LUIS, &[("CAJA_APPROVER_PIN", "2468")], &with_rosa);
    assert_eq!(code, 0, "{answer}");
    assert_eq!(answer["refund"]["operator"], "Luis Mamani", "{answer}");
    assert_eq!(answer["refund"]["approver"], "Rosa Quispe");
    // The signed-in supervisor approves with their own PIN.
    let total = till.ok(ROSA, &["order", "refund", &id, "--reason", "Devolución"]);
    assert_eq!(centimos(&total["refund"]["amount"]), 50_000, "{total}");
    assert_eq!(till.provider_order(&id).refunded.centimos(), 60_000);
}

#[test]
fn sync_resolves_a_lost_creation_and_a_lost_refund_without_doubling() {
    let till = OrdersTill::new();
    till.set_faults("order-create:drop-after-effect:1");
    let mut args = create_args("700.00", "20000006");
    args.push("--sms");
    till.fails(None, &args, 4, "order_outcome_unknown");
    let (output, text) = till.text(None, &["sync", "--timeout", "1"]);
    assert_eq!(output.status.code(), Some(4), "{text}");
    assert!(text.contains("Ventas a cuotas"), "{text}");
    till.set_faults("");
    let synced = till.ok(None, &["sync", "--timeout", "20"]);
    let resolved = &synced["orders"]["resolved"];
    assert_eq!(resolved[0]["action"], "create", "{synced}");
    assert_eq!(resolved[0]["state"], "confirmed", "{synced}");
    assert_eq!(till.provider_orders().len(), 1);
    let id = till.provider_orders()[0].order_id.clone();
    let view = till.status(None, &id);
    assert!(view["redirectTo"].as_str().is_some(), "{view}");
    assert_eq!(view["sendSms"], true);

    for step in ["open", "apply", "pay-online"] {
        till.customer(&id, step);
    }
    till.set_faults("partial-refund:drop-after-effect:1");
    let refund = [
        "order", "refund", &id, "--amount", "70.00", "--reason", "Falla",
    ];
    till.fails(None, &refund, 4, "order_outcome_unknown");
    // One refund open on the order at a time: another waits for the first's outcome.
    till.fails(None, &refund, 4, "order_operation_open");
    till.set_faults("");
    let synced = till.ok(None, &["sync", "--timeout", "20"]);
    assert_eq!(
        synced["orders"]["resolved"][0]["state"], "confirmed",
        "{synced}"
    );
    let held = till.provider_order(&id);
    assert_eq!(held.refunds.len(), 1, "one token, one refund");
    assert_eq!(held.refunded.centimos(), 7_000);
}

#[test]
fn text_is_spanish_by_default_and_english_on_request() {
    let till = OrdersTill::new();
    let (output, text) = till.text(None, &create_args("1200.00", APPROVED));
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Pedido creado: T01-C1-000001"), "{text}");
    assert!(text.contains("Enlace para el cliente: http"), "{text}");
    assert!(
        text.contains("caja order status T01-C1-000001 --wait 300"),
        "{text}"
    );
    let mut english = vec!["--lang", "en"];
    english.extend_from_slice(&["order", "status", "T01-C1-000001"]);
    let (_, text) = till.text(None, &english);
    assert!(text.contains("Status: Waiting for the customer"), "{text}");
    let (_, text) = till.text(None, &["--lang", "en", "order", "limits"]);
    assert!(
        text.contains("aCuotaz finances S/ 100.00 to S/ 5,000.00"),
        "{text}"
    );
    let (output, text) = till.text(None, &create_args("20.00", APPROVED));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text.contains("aCuotaz financia de S/ 100.00 a S/ 5,000.00"),
        "{text}"
    );
}
