//! The orders in the optional state file: created orders, their statuses, their in-store financings
//! and their refunds (with the tokens, so a refund retried after a restart is still one refund) come
//! back at the next start; a file written before orders existed still reads.

mod common;
mod orders_support;

use common::{Caller, TODAY, start_with, url};
use orders_support::*;
use sandbox::SandboxConfig;
use serde_json::json;

fn with_state_file(path: &std::path::Path) -> SandboxConfig {
    SandboxConfig {
        today: Some(TODAY),
        state_file: Some(path.to_owned()),
        ..SandboxConfig::default()
    }
}

const REFUND: &str = r#"{"amount": 34.5, "author": "a", "reason": "r"}"#;

#[tokio::test]
async fn orders_refunds_and_codes_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox-state.json");

    let first = start_with(with_state_file(&path)).await;
    funded_order(&first, "online").await;
    let refunded = refund(
        &first,
        "online",
        "partial-refund",
        Some("token-0001"),
        REFUND,
    )
    .await;
    assert_eq!(refunded.status, 200, "{}", refunded.body);
    created(&first, "store", "44556677").await;
    let order = play(&first, "store", &["open", "apply", "pay-in-store"]).await;
    let code = order["funding_code"].as_str().unwrap().to_owned();
    let link = create(&first, &create_body("store", "44556677"))
        .await
        .json()["redirect_to"]
        .clone();
    let orders = first.state().orders();
    first.shutdown().await;

    let second = start_with(with_state_file(&path)).await;
    assert_eq!(second.state().orders(), orders);
    assert_eq!(status(&second, "online").await, "funded");
    assert_eq!(status(&second, "store").await, "validated");
    // The same token after the restart replays, and refunds nothing more.
    let replay = refund(
        &second,
        "online",
        "partial-refund",
        Some("token-0001"),
        REFUND,
    )
    .await;
    assert_eq!(replay.json(), refunded.json());
    assert_eq!(
        second.state().order("online").unwrap().refunded.centimos(),
        3450
    );
    // The same create answers already_created with the same ObjectId (the port may differ).
    let again = create(&second, &create_body("store", "44556677"))
        .await
        .json();
    assert_eq!(again["status"], "already_created");
    let object_id = |link: &serde_json::Value| {
        link.as_str()
            .unwrap()
            .rsplit('=')
            .next()
            .unwrap()
            .to_owned()
    };
    assert_eq!(object_id(&again["redirect_to"]), object_id(&link));
    // The in-store code is still there for the till, and paying it funds the order.
    Caller::default()
        .post_json(
            &url(&second, "v2", "paid-and-billed"),
            json!({"dni": "44556677", "funding_code": code}),
        )
        .await
        .expect_empty_ok();
    second.shutdown().await;

    let third = start_with(with_state_file(&path)).await;
    assert_eq!(status(&third, "store").await, "funded");
}

#[tokio::test]
async fn a_state_file_without_orders_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox-state.json");
    std::fs::write(
        &path,
        r#"{"format": 1, "financings": [], "billing_events": []}"#,
    )
    .unwrap();
    let sandbox = start_with(with_state_file(&path)).await;
    assert!(sandbox.state().orders().is_empty());
    created(&sandbox, "T1-000001", APPROVED_DNI).await;
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["orders"][0]["order_id"], "T1-000001");
}
