//! `caja aplazame` as IT and scripts use it: the built binary against the sandbox's Aplazame simulator
//! over loopback and a real SQLite data folder; the buyer played at the simulator's admin route, what
//! reached Aplazame read from the simulator's own record.

mod orders_support;

use orders_support::{LUIS, OrdersTill, ROSA};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::AplazameFaults;
use serde_json::{Value, json};

const SHOES: &str = "Zapatillas;2;59,90;21;10,00";
const SOCKS: &str = "Calcetines;1;20,00;10";

fn checkout_args<'a>(email: &'a str, items: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "aplazame",
        "checkout",
        "--email",
        email,
        "--name",
        "Lucía Martín",
    ];
    for item in items {
        args.extend(["--item", item]);
    }
    args
}

/// A staffed till of a store in Spain whose settings turn the auto-confirm rule `auto_confirm`, its
/// shift open with a float of one 50 € note.
fn shop(auto_confirm: bool) -> OrdersTill {
    let till = OrdersTill::staffed();
    let settings = json!({"country": "ES", "aplazame": {"autoConfirm": auto_confirm}});
    std::fs::write(till.path().join("settings.json"), settings.to_string()).unwrap();
    let opened = till.ok(LUIS, &["shift", "open", "--count", "50=1"]);
    assert_eq!(opened["shift"]["float"]["text"], "50,00 €", "{opened}");
    till
}

/// Plays the buyer at the simulator's admin route.
fn buyer(till: &OrdersTill, checkout_id: &str, action: &str) {
    let url = format!(
        "{}/__sandbox/aplazame/checkouts/{checkout_id}/buyer",
        till.provider.url()
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = runtime.block_on(async {
        reqwest::Client::new()
            .post(url)
            .bearer_auth(MOCK_TOKEN)
            .json(&json!({"action": action}))
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200, "{action}");
}

fn held(till: &OrdersTill) -> Vec<sandbox::AplazameCheckout> {
    till.provider.aplazame().checkouts()
}

#[test]
fn a_checkout_is_created_followed_and_confirmed_from_the_command_line() {
    let till = shop(false);
    let answer = till.ok(LUIS, &checkout_args("lucia@example.es", &[SHOES, SOCKS]));
    assert_eq!(answer["action"], "checkout", "{answer}");
    let view = &answer["checkout"];
    assert_eq!(view["orderId"], "T01-C1-A000001");
    assert_eq!(view["state"], "created");
    assert_eq!(view["total"], json!({"cents": 12_980, "text": "129,80 €"}));
    assert_eq!(view["handoverAllowed"], false);
    let at_aplazame = held(&till);
    assert_eq!(at_aplazame.len(), 1);
    assert_eq!(at_aplazame[0].mid, "T01-C1-A000001");
    assert!(
        at_aplazame[0].sandbox,
        "sandbox mode asks in Aplazame's test mode"
    );
    assert_eq!(view["checkoutId"], at_aplazame[0].id.as_str());
    let id = "T01-C1-A000001";

    till.fails(
        LUIS,
        &["aplazame", "confirm", id],
        2,
        "checkout_no_decision_pending",
    );
    buyer(&till, &at_aplazame[0].id, "start");
    buyer(&till, &at_aplazame[0].id, "complete");
    let waited = till.ok(LUIS, &["aplazame", "status", id, "--wait", "5"]);
    let view = &waited["checkout"];
    assert_eq!(view["status"], "pending", "{waited}");
    assert_eq!(view["statusReason"], "confirmation_required", "{waited}");
    assert_eq!(view["canDecide"], true);
    assert_eq!(view["decision"], Value::Null, "the rule is off");
    let (_, text) = till.text(LUIS, &["aplazame", "status", id]);
    assert!(text.contains("129,80 €"), "{text}");
    assert!(
        text.contains("caja aplazame confirm T01-C1-A000001"),
        "{text}"
    );

    let confirmed = till.ok(LUIS, &["aplazame", "confirm", id]);
    assert_eq!(confirmed["checkout"]["decision"], "ok", "{confirmed}");
    assert_eq!(confirmed["checkout"]["decidedBy"], "Luis Mamani");
    till.fails(
        LUIS,
        &["aplazame", "confirm", id],
        2,
        "checkout_already_decided",
    );
    // With no Central, the simulator's stand-in for the store took the decision: Aplazame's next
    // notice is answered with it and the financing ends `ok`.
    let done = till.ok(LUIS, &["aplazame", "status", id, "--wait", "30"]);
    assert_eq!(done["checkout"]["status"], "ok", "{done}");
    assert_eq!(done["checkout"]["handoverAllowed"], true, "{done}");
    let listed = till.ok(LUIS, &["aplazame", "list"]);
    assert_eq!(listed["checkouts"].as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(held(&till).len(), 1);
}

#[test]
fn a_rejection_says_why_and_is_recorded() {
    let till = shop(false);
    till.ok(LUIS, &checkout_args("lucia@example.es", &[SOCKS]));
    let checkout = held(&till).remove(0);
    buyer(&till, &checkout.id, "start");
    buyer(&till, &checkout.id, "complete");
    let id = "T01-C1-A000001";
    till.ok(LUIS, &["aplazame", "status", id, "--wait", "5"]);
    let error = till.fails(LUIS, &["aplazame", "reject", id], 2, "invalid_input");
    assert_eq!(error["field"], "reason");
    let reason = "el cliente paga en efectivo";
    let rejected = till.ok(LUIS, &["aplazame", "reject", id, "--reason", reason]);
    assert_eq!(rejected["checkout"]["decision"], "ko", "{rejected}");
    assert_eq!(rejected["checkout"]["canDecide"], false);
}

#[test]
fn bad_articles_are_refused_naming_the_line_and_the_field_and_nothing_is_sent() {
    let till = shop(true);
    let cases = [
        (
            vec![SOCKS, "Zapatillas;dos;59,90;21"],
            "quantity",
            "Artículo 2",
        ),
        (vec!["Zapatillas;1;59.90.0;21"], "unit_price", "Artículo 1"),
        (vec!["Zapatillas;1;59,90;16"], "vat_rate", "21, 10, 4 o 0"),
        (
            vec!["Zapatillas;1;59,90;21;-3,00"],
            "discount",
            "Artículo 1",
        ),
        (vec!["Zapatillas"], "item", "nombre;cantidad"),
    ];
    for (items, field, words) in cases {
        let error = till.fails(
            LUIS,
            &checkout_args("lucia@example.es", &items),
            2,
            "invalid_checkout_line",
        );
        assert_eq!(error["field"], field, "{error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(words), "{message}");
    }
    let error = till.fails(
        LUIS,
        &["aplazame", "checkout", "--item", SOCKS],
        2,
        "invalid_input",
    );
    assert_eq!(error["field"], "email");
    let error = till.fails(
        LUIS,
        &checkout_args("lucia", &[SOCKS]),
        2,
        "invalid_checkout_field",
    );
    assert_eq!(error["field"], "email");
    let error = till.fails(
        LUIS,
        &checkout_args("lucia@example.es", &["Regalo;1;5,00;21;9,00"]),
        2,
        "invalid_cart",
    );
    assert!(
        error["message"].as_str().unwrap().contains("supera"),
        "{error}"
    );
    assert!(held(&till).is_empty());
    let listed = till.ok(LUIS, &["aplazame", "list"]);
    assert_eq!(listed["checkouts"], json!([]));
}

#[test]
fn not_financed_exits_3_and_a_lost_create_exits_4_is_never_sent_again_and_a_supervisor_resolves_it()
{
    let till = shop(true);
    let error = till.fails(
        LUIS,
        &checkout_args("ko.lucia@example.es", &[SOCKS]),
        3,
        "checkout_not_financed",
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("otro medio de pago"),
        "{error}"
    );
    till.provider.aplazame().set_faults(AplazameFaults {
        drop_create_answer: 1,
        ..AplazameFaults::default()
    });
    let error = till.fails(
        LUIS,
        &checkout_args("lucia@example.es", &[SOCKS]),
        4,
        "checkout_outcome_unknown",
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("No la envíe de nuevo"),
        "{error}"
    );
    assert_eq!(
        held(&till).len(),
        1,
        "the 403 created nothing, the lost one did"
    );
    let id = "T01-C1-A000002";
    let listed = till.ok(LUIS, &["aplazame", "list"]);
    assert_eq!(listed["checkouts"][0]["orderId"], id, "{listed}");
    assert_eq!(listed["checkouts"][0]["state"], "unknown");
    assert_eq!(listed["checkouts"][0]["canResolve"], true);
    let status = till.ok(LUIS, &["aplazame", "status", id]);
    assert_eq!(status["checkout"]["state"], "unknown");
    assert_eq!(
        held(&till).len(),
        1,
        "reading and listing never send it again"
    );

    let checkout_id = held(&till)[0].id.clone();
    let resolve = ["aplazame", "resolve", id, "--checkout-id", &checkout_id];
    till.fails(LUIS, &resolve, 2, "approval_required");
    let error = till.fails(ROSA, &["aplazame", "resolve", id], 2, "invalid_input");
    assert_eq!(error["field"], "checkout_id");
    let mut approved = resolve.to_vec();
    approved.extend(["--reason", "id del panel de Aplazame"]);
    let settled = till.ok(ROSA, &approved);
    assert_eq!(settled["checkout"]["state"], "created", "{settled}");
    assert_eq!(settled["checkout"]["status"], "pending");
    till.fails(ROSA, &approved, 2, "checkout_not_unknown");
    assert_eq!(held(&till).len(), 1);
}

#[test]
fn the_private_key_is_read_from_standard_input_kept_owner_only_and_never_shown() {
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    let till = shop(true);
    let key = "sk_test_7f3a9c0e5b21";
    for mode in ["sandbox", "mock"] {
        let mut command =
            till.command(ROSA, &[("CAJA_MODE", mode)], &["--json", "aplazame", "key"]);
        command.arg("--reason").arg("clave de Aplazame");
        command.stdin(std::process::Stdio::piped());
        let mut child = command.spawn().unwrap();
        writeln!(child.stdin.take().unwrap(), "  {key}  ").unwrap();
        let output = child.wait_with_output().unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(0), "{printed}");
        assert!(!printed.contains(key), "{printed}");
        let file = till.path().join(format!("secrets/aplazame-key-{mode}"));
        assert_eq!(std::fs::read_to_string(&file).unwrap().trim(), key);
        let permissions = std::fs::metadata(&file).unwrap().permissions();
        assert_eq!(permissions.mode() & 0o777, 0o600);
    }
    // Never in the settings, the database or its record.
    for name in ["settings.json", "caja.sqlite3"] {
        let bytes = std::fs::read(till.path().join(name)).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(key),
            "{name} holds the key"
        );
    }
    // Outside the simulator, Aplazame's IPNs need Caja Central: not set up without it, nothing sent.
    let mock = till.run(
        LUIS,
        &[("CAJA_MODE", "mock")],
        &checkout_args("lucia@example.es", &[SOCKS]),
    );
    assert_eq!(mock.0, 2, "{}", mock.1);
    assert_eq!(mock.1["error"]["code"], "aplazame_not_configured");
    assert!(held(&till).is_empty());
}
