//! `caja settings set|show` with the settings of credit sales: each flag checked before anything is
//! saved (https pages, codes, the order's lifetime) with the flag to fix, what is saved shown, and the
//! next order built from it (its id, the pages sent to the provider).

mod orders_support;

use orders_support::{APPROVED, OrdersTill};

#[test]
fn order_settings_are_checked_saved_and_shown() {
    let till = OrdersTill::new();
    let set = |args: &[&str]| {
        let mut all = vec!["settings", "set"];
        all.extend_from_slice(args);
        till.run(None, &[], &all)
    };
    let wrong = [
        (
            ["--url-success", "http://tienda.example/gracias"],
            "url_success",
        ),
        (["--url-canceled", "no es una url"], "url_canceled"),
        (["--store-code", "T 01"], "store_code"),
        (["--till-code", "CAJA-NUEVE"], "till_code"),
        (["--order-expiry-minutes", "5"], "order_expiry_minutes"),
        (["--order-expiry-minutes", "dos"], "order_expiry_minutes"),
        (["--pos-client-id", "mi tienda"], "pos_client_id"),
    ];
    for (args, field) in wrong {
        let (code, answer) = set(&args);
        assert_eq!(code, 2, "{args:?}: {answer}");
        assert_eq!(answer["error"]["field"], field, "{answer}");
    }
    let (code, answer) = set(&[
        "--store-code",
        "t02",
        "--till-code",
        "C3",
        "--url-success",
        "https://tienda.example/gracias",
        "--order-expiry-minutes",
        "60",
        "--till-name",
        "Caja 3",
    ]);
    assert_eq!(code, 0, "{answer}");
    let orders = &answer["settings"]["orders"];
    assert_eq!(orders["storeCode"], "T02", "{answer}");
    assert_eq!(orders["urlSuccess"], "https://tienda.example/gracias");
    assert_eq!(orders["expiryMinutes"], 60);
    assert_eq!(answer["settings"]["tillName"], "Caja 3");

    let (_, text) = till.text(None, &["settings", "show"]);
    assert!(
        text.contains("url_success: https://tienda.example/gracias"),
        "{text}"
    );
    assert!(text.contains("Vigencia de un pedido: 60 min"), "{text}");
    assert!(text.contains("url_rejected: (sin configurar)"), "{text}");
    let order = till.create(None, "450.00", APPROVED);
    assert_eq!(order["orderId"], "T02-C3-000001", "{order}");
    let held = till.provider_order("T02-C3-000001");
    assert_eq!(
        held.request["url_redir_on_success"],
        "https://tienda.example/gracias"
    );
    // Blank clears an optional setting back to "not set".
    let (code, answer) = set(&["--url-success", ""]);
    assert_eq!(code, 0, "{answer}");
    assert!(
        answer["settings"]["orders"]["urlSuccess"].is_null(),
        "{answer}"
    );
}
