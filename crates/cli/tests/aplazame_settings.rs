//! Aplazame's settings from the command line, as IT sets a till in Spain up: `caja settings set
//! --aplazame-url … --aplazame-auto-confirm on|off` with a supervisor's approval, sealed in the audit
//! record like any settings change, shown by `caja settings show`, and a wrong URL refused by name with
//! the file left as it was. The built binary on a real data folder.

mod orders_support;

use orders_support::{LUIS, OrdersTill, ROSA};
use serde_json::Value;

const PROXY: &str = "https://aplazame.proxy.example.es/";

fn settings_audit(till: &OrdersTill) -> Vec<String> {
    let connection = rusqlite::Connection::open(till.path().join("caja.sqlite3")).unwrap();
    let mut statement = connection
        .prepare("SELECT content FROM audit_log WHERE subject = 'settings'")
        .unwrap();
    statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Aplazame's settings as `caja settings show --json` reads them back.
fn saved(till: &OrdersTill) -> Value {
    till.ok(ROSA, &["settings", "show"])["settings"]["aplazame"].clone()
}

#[test]
fn a_supervisor_sets_aplazames_url_and_rule_and_the_change_is_sealed_and_shown() {
    let till = OrdersTill::staffed();
    let set = [
        "settings",
        "set",
        "--aplazame-url",
        PROXY,
        "--aplazame-auto-confirm",
        "off",
    ];
    // A cashier alone cannot change where Aplazame is asked, nor the rule.
    till.fails(LUIS, &set, 2, "approval_required");
    assert_eq!(saved(&till)["autoConfirm"], true);

    let mut approved = set.to_vec();
    approved.extend(["--reason", "Proxy de la tienda"]);
    let answer = till.ok(ROSA, &approved);
    assert_eq!(
        answer["settings"]["aplazame"]["aplazameUrl"], PROXY,
        "{answer}"
    );
    assert_eq!(
        answer["settings"]["aplazame"]["autoConfirm"], false,
        "{answer}"
    );
    let sealed = settings_audit(&till).join("\n");
    assert!(
        sealed.contains("aplazame_url")
            && sealed.contains(PROXY)
            && sealed.contains("aplazame_auto_confirm")
            && sealed.contains("Proxy de la tienda"),
        "{sealed}"
    );

    let (output, text) = till.text(ROSA, &["settings", "show"]);
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains(&format!("URL de Aplazame: {PROXY}")),
        "{text}"
    );
    assert!(
        text.contains("Confirmar Aplazame automáticamente: no"),
        "{text}"
    );
    let shown = till.ok(ROSA, &["settings", "show"]);
    assert_eq!(shown["settings"]["aplazame"]["autoConfirm"], false);

    // Empty: back to the mode's own URL; the rule on again.
    let back = [
        "settings",
        "set",
        "--aplazame-url",
        "",
        "--aplazame-auto-confirm",
        "on",
        "--reason",
        "Sin proxy",
    ];
    let answer = till.ok(ROSA, &back);
    assert_eq!(answer["settings"]["aplazame"]["aplazameUrl"], Value::Null);
    assert_eq!(answer["settings"]["aplazame"]["autoConfirm"], true);
    let (_, text) = till.text(ROSA, &["settings", "show"]);
    assert!(text.contains("URL de Aplazame: (predeterminada)"), "{text}");
    assert!(
        text.contains("Confirmar Aplazame automáticamente: sí"),
        "{text}"
    );
    assert_eq!(settings_audit(&till).len(), 2);
}

#[test]
fn a_wrong_aplazame_url_is_named_and_nothing_is_saved() {
    let till = OrdersTill::staffed();
    let args = [
        "settings",
        "set",
        "--aplazame-url",
        "ftp://aplazame.example.es",
        "--aplazame-auto-confirm",
        "off",
        "--reason",
        "Prueba",
    ];
    let error = till.fails(ROSA, &args, 2, "invalid_input");
    assert_eq!(error["field"], "aplazame_url", "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("La URL de Aplazame «ftp://aplazame.example.es» no sirve"),
        "{message}"
    );
    assert!(message.contains("https://"), "{message}");
    assert_eq!(
        saved(&till)["autoConfirm"],
        true,
        "the rule did not change either"
    );
    assert!(settings_audit(&till).is_empty());

    // In English too, naming the field.
    let (output, text) = till.text(
        ROSA,
        &[
            "--lang",
            "en",
            "settings",
            "set",
            "--aplazame-url",
            "https://user:pw@aplazame.example.es",
            "--reason",
            "x",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("Aplazame's URL"), "{text}");
}
