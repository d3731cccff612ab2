//! The buyer played through `/__sandbox/aplazame/checkouts/{id}/buyer` over loopback HTTP: each action
//! and the status it leaves, the refusals, every change sent to the store as an IPN in order, and the
//! store's confirmation in its answer both ways, retried, and failed.

mod aplazame_support;
mod common;

use aplazame_support::*;
use common::start;
use serde_json::json;

#[tokio::test]
async fn each_action_leaves_the_status_of_the_documents_table() {
    let sandbox = start().await;
    for (actions, expected) in [
        (&["start"][..], "pending/in_process"),
        (&["start", "challenge"], "pending/challenge_required"),
        (
            &["start", "challenge", "fail_challenge"],
            "ko/failed_challenge",
        ),
        (
            &["start", "challenge", "expire_challenge"],
            "ko/expired_challenge",
        ),
        (&["expire"], "ko/expired"),
        (&["start", "expire"], "ko/expired"),
        (&["start", "deny"], "ko/ko_generic"),
    ] {
        let mid = format!("T01-C1-{}", actions.join("-"));
        let id = create(&sandbox, &order(&mid, "lucia@example.es", None)).await;
        play(&sandbox, &id, actions).await;
        assert_eq!(stage(&sandbox, &id).await, expected, "{actions:?}");
    }
}

#[tokio::test]
async fn an_action_that_does_not_apply_now_is_refused_saying_what_does() {
    let sandbox = start().await;
    let id = create(&sandbox, &order("T01-C1-1", "lucia@example.es", None)).await;
    let early = buyer(&sandbox, &id, "complete").await;
    assert_eq!(early.status, 409, "{early:?}");
    let message = early.json()["error"].as_str().unwrap().to_owned();
    assert!(
        message.contains("pending") && message.contains("start, expire"),
        "{message}"
    );
    let unknown = buyer(&sandbox, &id, "pay").await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.body.contains("pass_challenge"));
    assert_eq!(buyer(&sandbox, "nope", "start").await.status, 404);
    play(&sandbox, &id, &["expire"]).await;
    let after = buyer(&sandbox, &id, "start").await;
    assert_eq!(after.status, 409);
    assert!(after.body.contains("the buyer has finished"), "{after:?}");
    assert_eq!(stage(&sandbox, &id).await, "ko/expired");
}

#[tokio::test]
async fn every_change_is_sent_to_the_store_in_order_as_the_status_object() {
    let sandbox = start().await;
    let store = Store::start(&[Reply::Receipt]).await;
    let id = create(&sandbox, &order("T01-C1-1", "a@b.es", Some(&store.url))).await;
    play(&sandbox, &id, &["start", "challenge", "expire_challenge"]).await;
    let stages = store.wait_for(3).await;
    assert_eq!(
        stages,
        [
            "pending/in_process",
            "pending/challenge_required",
            "ko/expired_challenge"
        ]
    );
    assert_eq!(
        store.received()[2],
        json!({
            "id": id, "mid": "T01-C1-1", "total_amount": 12980,
            "currency": {"code": "EUR", "name": "Euro", "numeric": "978"},
            "status": "ko", "status_reason": "expired_challenge", "sandbox": false
        })
    );
    let attempts = wait_for_attempts(&sandbox, &id, 3).await;
    assert!(
        attempts.iter().all(|(_, code)| *code == Some(200)),
        "{attempts:?}"
    );
}

#[tokio::test]
async fn the_store_confirms_in_its_answer_and_the_checkout_is_ok() {
    let sandbox = start().await;
    let store = Store::start(&[Reply::Confirm]).await;
    let id = create(&sandbox, &order("T01-C1-1", "a@b.es", Some(&store.url))).await;
    play(&sandbox, &id, &["start", "complete"]).await;
    wait_for_stage(&sandbox, &id, "ok").await;
    assert_eq!(
        store.wait_for(3).await,
        ["pending/in_process", "pending/confirmation_required", "ok"]
    );
    assert_eq!(store.received()[2]["status_reason"], json!(null));
    let ipns = sandbox.aplazame().checkout(&id).unwrap().ipns;
    assert_eq!(ipns[1].decision.as_deref(), Some("ok"));
}

#[tokio::test]
async fn the_store_rejects_in_its_answer_after_a_challenge() {
    let sandbox = start().await;
    let store = Store::start(&[Reply::Reject]).await;
    let id = create(&sandbox, &order("T01-C1-1", "a@b.es", Some(&store.url))).await;
    play(&sandbox, &id, &["start", "challenge", "pass_challenge"]).await;
    wait_for_stage(&sandbox, &id, "ko/confirmation_rejected_by_merchant").await;
    assert_eq!(
        store.wait_for(4).await,
        [
            "pending/in_process",
            "pending/challenge_required",
            "pending/confirmation_required",
            "ko/confirmation_rejected_by_merchant"
        ]
    );
}

#[tokio::test]
async fn an_ipn_and_a_confirmation_are_asked_again_until_delivered_and_decided() {
    let sandbox = start().await;
    fast(&sandbox, 5_000);
    use Reply::*;
    let store = Store::start(&[Fail, Receipt, Fail, Receipt, Confirm]).await;
    let id = create(&sandbox, &order("T01-C1-1", "a@b.es", Some(&store.url))).await;
    play(&sandbox, &id, &["start", "complete"]).await;
    wait_for_stage(&sandbox, &id, "ok").await;
    let attempts = wait_for_attempts(&sandbox, &id, 6).await;
    let expected = [
        ("pending/in_process", Some(500)),
        ("pending/in_process", Some(200)),
        ("pending/confirmation_required", Some(500)),
        ("pending/confirmation_required", Some(200)),
        ("pending/confirmation_required", Some(200)),
        ("ok", Some(200)),
    ];
    assert_eq!(
        attempts,
        expected.map(|(label, code)| (label.to_owned(), code))
    );
    let decisions: Vec<Option<String>> = sandbox
        .aplazame()
        .checkout(&id)
        .unwrap()
        .ipns
        .into_iter()
        .map(|ipn| ipn.decision)
        .collect();
    assert_eq!(decisions[3], None, "a receipt without a decision");
    assert_eq!(decisions[4].as_deref(), Some("ok"));
}

#[tokio::test]
async fn no_decision_within_the_window_is_merchant_failed_to_confirm() {
    let sandbox = start().await;
    fast(&sandbox, 600);
    for (n, replies) in [
        [Reply::Receipt, Reply::Receipt],
        [Reply::Receipt, Reply::Fail],
    ]
    .into_iter()
    .enumerate()
    {
        let store = Store::start(&replies).await;
        let mid = format!("T01-C1-{n}");
        let id = create(&sandbox, &order(&mid, "a@b.es", Some(&store.url))).await;
        play(&sandbox, &id, &["start", "complete"]).await;
        wait_for_stage(&sandbox, &id, "ko/merchant_failed_to_confirm").await;
        let asked = sandbox
            .aplazame()
            .checkout(&id)
            .unwrap()
            .ipns
            .iter()
            .filter(|ipn| ipn.status.label() == "pending/confirmation_required")
            .count();
        assert!(asked >= 2, "{replies:?}: asked {asked} times");
        // The failure is a change too: announced once the window closed.
        let stages = store.wait_for(asked + 2).await;
        assert_eq!(
            stages.last().unwrap(),
            "ko/merchant_failed_to_confirm",
            "{replies:?}"
        );
    }
}

#[tokio::test]
async fn without_an_ipn_url_nothing_is_sent_and_no_one_confirms() {
    let sandbox = start().await;
    let id = create(&sandbox, &order("T01-C1-1", "a@b.es", None)).await;
    play(&sandbox, &id, &["start", "complete"]).await;
    wait_for_stage(&sandbox, &id, "ko/merchant_failed_to_confirm").await;
    assert!(sandbox.aplazame().checkout(&id).unwrap().ipns.is_empty());
}
