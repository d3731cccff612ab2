//! An order's life: the customer's phone (the admin control), the test DNIs, one open application per
//! customer, confirm and cancel from every status, and expiry at the earlier of `expiration_ts` and
//! the provider's 13-hour cut-off, arriving as a cancellation.

mod common;
mod orders_support;

use std::time::Duration;

use common::{Caller, start};
use orders_support::*;
use serde_json::json;

const ID: &str = "T1-000001";

#[tokio::test]
async fn the_test_dnis_decide_the_application() {
    let sandbox = start().await;
    for (id, dni, expected) in [
        ("A", APPROVED_DNI, "approved"),
        ("D", DENIED_DNI, "rejected"),
        ("H", ONHOLD_DNI, "onhold"),
        ("O", "44556677", "approved"),
    ] {
        created(&sandbox, id, dni).await;
        let after_open = play(&sandbox, id, &["open"]).await;
        assert_eq!(after_open["status"], "created");
        let after = play(&sandbox, id, &["apply"]).await;
        assert_eq!(after["status"], expected, "{dni}");
        assert_eq!(after["dni"], dni);
        assert_eq!(status(&sandbox, id).await, expected);
    }
    // 61803398 never finishes by itself: hours later it is still on hold (until its expiry).
    sandbox
        .state()
        .advance_orders_clock(Duration::from_secs(12 * 3600));
    assert_eq!(status(&sandbox, "H").await, "onhold");
}

#[tokio::test]
async fn the_customer_may_apply_with_another_dni_than_the_store_sent() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    play(&sandbox, ID, &["open"]).await;
    let answer = customer_with(&sandbox, ID, json!({"action": "apply", "dni": DENIED_DNI})).await;
    assert_eq!(answer.json()["status"], "rejected");
    assert_eq!(answer.json()["dni"], DENIED_DNI);
}

#[tokio::test]
async fn one_open_application_per_customer() {
    let sandbox = start().await;
    created(&sandbox, "first", APPROVED_DNI).await;
    play(&sandbox, "first", &["open", "apply"]).await;
    created(&sandbox, "second", APPROVED_DNI).await;
    let second = play(&sandbox, "second", &["open", "apply"]).await;
    assert_eq!(second["status"], "rejected");

    // Once the first is finished (funded), the customer may apply again.
    play(&sandbox, "first", &["pay-online"]).await;
    created(&sandbox, "third", APPROVED_DNI).await;
    assert_eq!(
        play(&sandbox, "third", &["open", "apply"]).await["status"],
        "approved"
    );
}

#[tokio::test]
async fn a_step_that_makes_no_sense_is_refused_naming_status_and_action() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    play(&sandbox, ID, &["open"]).await;
    customer(&sandbox, ID, "open")
        .await
        .expect(400, error("cannot open an order that is created"));
    customer(&sandbox, ID, "pay-in-store")
        .await
        .expect(400, error("cannot pay-in-store an order that is created"));
    play(&sandbox, ID, &["hold", "approve", "pay-online"]).await;
    customer(&sandbox, ID, "expire")
        .await
        .expect(400, error("cannot expire an order that is funded"));
    customer(&sandbox, ID, "reject")
        .await
        .expect(400, error("cannot reject an order that is funded"));
    let unknown = customer(&sandbox, ID, "pay").await;
    assert_eq!(unknown.status, 400);
    let message = unknown.json()["error"].as_str().unwrap().to_owned();
    assert!(
        message.contains("`pay`") && message.contains("pay-in-store"),
        "{message}"
    );
    customer(&sandbox, "nope", "open")
        .await
        .expect(404, error("Order does not exist"));
    assert_eq!(status(&sandbox, ID).await, "funded");
}

#[tokio::test]
async fn the_control_needs_the_token_and_lists_every_order() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    let url = format!("{}/__sandbox/orders/{ID}/customer", sandbox.url());
    Caller::with_token(None)
        .post_json(&url, json!({"action": "open"}))
        .await
        .expect(401, error("Wrong or missing client token"));
    assert_eq!(status(&sandbox, ID).await, "initial");

    play(&sandbox, ID, &["open", "apply", "pay-online"]).await;
    let list = Caller::default()
        .get(&format!("{}/__sandbox/orders", sandbox.url()), &[])
        .await
        .json();
    let order = &list["orders"][0];
    assert_eq!(order["order_id"], ID);
    assert_eq!(order["status"], "funded");
    assert_eq!(order["confirmed"], false);
    assert_eq!(order["refunded"], json!(0.0));
    assert_eq!(order["funding_code"], json!(null));
    assert_eq!(order["paid_online"], true);
    let state = Caller::default()
        .get(&format!("{}/__sandbox/state", sandbox.url()), &[])
        .await
        .json();
    assert_eq!(state["orders"][0]["order_id"], ID);
}

#[tokio::test]
async fn confirm_only_after_approval_and_never_once_funded() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    let before = error("Cannot confirm an order before it is approved");
    post_action(&sandbox, ID, "confirm")
        .await
        .expect(400, before.clone());
    play(&sandbox, ID, &["open"]).await;
    post_action(&sandbox, ID, "confirm")
        .await
        .expect(400, before.clone());
    play(&sandbox, ID, &["hold"]).await;
    post_action(&sandbox, ID, "confirm")
        .await
        .expect(400, before.clone());
    play(&sandbox, ID, &["approve"]).await;
    post_action(&sandbox, ID, "confirm")
        .await
        .expect(200, json!({"modified_orders": 1}));
    assert_eq!(get_order(&sandbox, ID).await.json()["confirmed"], true);
    play(&sandbox, ID, &["pay-online"]).await;
    post_action(&sandbox, ID, "confirm")
        .await
        .expect(400, error("Cannot confirm a funded order"));

    for (id, dni) in [("R", DENIED_DNI), ("C", APPROVED_DNI)] {
        created(&sandbox, id, dni).await;
        play(&sandbox, id, &["open", "apply"]).await;
    }
    post_action(&sandbox, "C", "cancel").await;
    post_action(&sandbox, "R", "confirm")
        .await
        .expect(400, before.clone());
    post_action(&sandbox, "C", "confirm")
        .await
        .expect(400, before);
}

#[tokio::test]
async fn a_validated_order_can_be_confirmed() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    play(&sandbox, ID, &["open", "apply", "pay-in-store"]).await;
    assert_eq!(status(&sandbox, ID).await, "validated");
    post_action(&sandbox, ID, "confirm")
        .await
        .expect(200, json!({"modified_orders": 1}));
}

#[tokio::test]
async fn cancel_refuses_confirmed_and_funded_orders_and_repeats_harmlessly() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    post_action(&sandbox, ID, "cancel")
        .await
        .expect(200, json!({"modified_orders": 1}));
    assert_eq!(status(&sandbox, ID).await, "canceled");
    post_action(&sandbox, ID, "cancel")
        .await
        .expect(200, json!({"result": "It is already canceled"}));
    customer(&sandbox, ID, "open")
        .await
        .expect(400, error("cannot open an order that is canceled"));

    // Another customer: one open application per DNI.
    created(&sandbox, "confirmed", "44556677").await;
    play(&sandbox, "confirmed", &["open", "apply"]).await;
    post_action(&sandbox, "confirmed", "confirm").await;
    post_action(&sandbox, "confirmed", "cancel")
        .await
        .expect(400, error("Cannot cancel a confirmed order"));
    assert_eq!(status(&sandbox, "confirmed").await, "approved");

    funded_order(&sandbox, "funded").await;
    post_action(&sandbox, "funded", "cancel")
        .await
        .expect(400, error("Cannot cancel a confirmed order"));
    assert_eq!(status(&sandbox, "funded").await, "funded");

    created(&sandbox, "rejected", DENIED_DNI).await;
    play(&sandbox, "rejected", &["open", "apply"]).await;
    post_action(&sandbox, "rejected", "cancel")
        .await
        .expect(200, json!({"modified_orders": 1}));
}

#[tokio::test]
async fn orders_expire_at_the_cut_off_thirteen_hours_after_creation() {
    let sandbox = start().await;
    created(&sandbox, "open", APPROVED_DNI).await;
    funded_order(&sandbox, "funded").await;
    created(&sandbox, "approved", "44556677").await;
    play(&sandbox, "approved", &["open", "apply"]).await;
    post_action(&sandbox, "approved", "confirm").await;

    sandbox
        .state()
        .advance_orders_clock(Duration::from_secs(12 * 3600 + 59 * 60));
    assert_eq!(status(&sandbox, "open").await, "initial");
    sandbox
        .state()
        .advance_orders_clock(Duration::from_secs(60));
    assert_eq!(status(&sandbox, "open").await, "canceled");
    assert_eq!(
        status(&sandbox, "approved").await,
        "canceled",
        "even confirmed"
    );
    assert_eq!(
        status(&sandbox, "funded").await,
        "funded",
        "a funded order stays"
    );
    post_action(&sandbox, "open", "cancel")
        .await
        .expect(200, json!({"result": "It is already canceled"}));
    customer(&sandbox, "open", "open")
        .await
        .expect(400, error("cannot open an order that is canceled"));
}

#[tokio::test]
async fn an_earlier_expiration_ts_wins_and_a_later_one_does_not() {
    let sandbox = start().await;
    let now = sandbox.state().orders_now();
    let utc = |hours: i64| {
        let at = now + jiff::SignedDuration::from_hours(hours);
        at.to_zoned(jiff::tz::TimeZone::UTC)
            .strftime("%Y-%m-%d %H:%M:%S.000")
            .to_string()
    };
    let mut soon = create_body("soon", APPROVED_DNI);
    soon["expiration_ts"] = json!(utc(2));
    let mut late = create_body("late", "44556677");
    late["expiration_ts"] = json!(utc(48));
    assert_eq!(create(&sandbox, &soon).await.status, 200);
    assert_eq!(create(&sandbox, &late).await.status, 200);
    assert_eq!(
        get_order(&sandbox, "soon").await.json()["expiration_ts"],
        utc(2)
    );
    play(&sandbox, "soon", &["open", "apply"]).await;

    // Through the admin route, as another process would move the clock.
    let clock = format!("{}/__sandbox/clock", sandbox.url());
    let moved = Caller::default()
        .post_json(&clock, json!({"advance_seconds": 2 * 3600 + 1}))
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(status(&sandbox, "soon").await, "canceled");
    assert_eq!(status(&sandbox, "late").await, "initial");
    sandbox
        .state()
        .advance_orders_clock(Duration::from_secs(11 * 3600));
    assert_eq!(
        status(&sandbox, "late").await,
        "canceled",
        "the 13 h cut-off"
    );
    for wrong in [
        json!({"advance_seconds": "soon"}),
        json!({}),
        json!({"advance_seconds": -5}),
    ] {
        assert_eq!(Caller::default().post_json(&clock, wrong).await.status, 400);
    }
}

#[tokio::test]
async fn expire_from_the_phone_cancels_at_once() {
    let sandbox = start().await;
    created(&sandbox, ID, APPROVED_DNI).await;
    play(&sandbox, ID, &["open", "apply"]).await;
    assert_eq!(play(&sandbox, ID, &["expire"]).await["status"], "canceled");
    assert_eq!(status(&sandbox, ID).await, "canceled");
}
