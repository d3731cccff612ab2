//! Aplazame's IPN: read back with the store's key, the read recorded and relayed, a mismatch flagged;
//! a confirmation never given to an IPN that says another total than the read.

use serde_json::json;

use crate::peers::*;
use crate::support::enroll;

#[tokio::test]
async fn an_ipn_unlike_its_read_back_is_never_confirmed() {
    let (central, peers) = start().await;
    let till = enroll(&central, "T01", "C1").await;
    let mid = "T01-C1-A000005";
    let pending = checkout("ch_5", mid, "pending", "confirmation_required", 12_050);
    peers
        .checkouts
        .lock()
        .unwrap()
        .insert("ch_5".into(), pending.clone());
    let path = till.path(&format!("aplazame/checkouts/{mid}/decision"));
    let as_rule = json!({"decision": "ok", "decided_by": "Rule"});
    let refused = till
        .send("PUT", &path, as_rule.to_string().as_bytes())
        .await;
    assert_eq!(
        (refused.status, refused.code().as_str()),
        (400, "bad_request")
    );
    let decision = json!({"decision": "ok", "decided_by": "Ana"});
    let decided = till
        .send("PUT", &path, decision.to_string().as_bytes())
        .await;
    assert_eq!(decided.status, 200, "{}", decided.body);

    // Forged: a cheaper total, then a live checkout claimed as a test. Answered ko, nothing given.
    let mut cheaper = pending.clone();
    cheaper["total_amount"] = json!(50);
    let mut test_mode = pending.clone();
    test_mode["sandbox"] = json!(true);
    for forged in [cheaper, test_mode] {
        let answer = post_json(&central, "/webhooks/aplazame/T01", forged).await;
        assert_eq!(
            (answer.status, answer.json()),
            (200, json!({"status": "ko"}))
        );
    }
    let shown = till
        .send("GET", &till.path(&format!("aplazame/checkouts/{mid}")), b"")
        .await;
    assert_eq!(shown.json()["given"], json!(null), "{}", shown.body);

    // Aplazame's own IPN: the cashier's ok is given, and given again on a retry.
    for _ in 0..2 {
        let answer = post_json(&central, "/webhooks/aplazame/T01", pending.clone()).await;
        assert_eq!(
            (answer.status, answer.json()),
            (200, json!({"status": "ok"}))
        );
    }
    let client = central.state.pool.get().await.unwrap();
    let answers: Vec<(String, String)> = crate::support::pairs(
        &client,
        "SELECT answer, reason FROM aplazame_answer ORDER BY id",
    )
    .await;
    let words: Vec<_> = answers.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(words, ["ko", "ko", "ok", "ok"]);
    assert!(answers[0].1.contains("total_amount"), "{answers:?}");
    assert!(answers[1].1.contains("sandbox"), "{answers:?}");
}

#[tokio::test]
async fn an_aplazame_ipn_is_read_back_and_a_mismatch_flagged() {
    let (central, peers) = start().await;
    enroll(&central, "T01", "C1").await;
    let pending = checkout(
        "ch_1",
        "T01-C1-A000001",
        "pending",
        "confirmation_required",
        12_050,
    );
    peers
        .checkouts
        .lock()
        .unwrap()
        .insert("ch_1".into(), pending.clone());

    // Confirmation required and no decision from the till: 503, so that Aplazame asks again.
    let answer = post_json(&central, "/webhooks/aplazame/T01", pending.clone()).await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (503, "awaiting_decision")
    );
    let again = post_json(&central, "/webhooks/aplazame/T01", pending.clone()).await;
    assert_eq!(again.status, 503);

    // An IPN that says ok for a checkout Aplazame reads as ko: the read is recorded, and flagged.
    let ko = checkout("ch_2", "T01-C1-A000002", "ko", "ko_generic", 12_050);
    peers.checkouts.lock().unwrap().insert("ch_2".into(), ko);
    let claim = checkout("ch_2", "T01-C1-A000002", "ok", "", 99);
    assert_eq!(
        post_json(&central, "/webhooks/aplazame/T01", claim)
            .await
            .status,
        200
    );

    let events: Vec<_> = relayed(&central)
        .await
        .into_iter()
        .map(|e| (e.1, e.2, e.3))
        .collect();
    assert_eq!(events.len(), 2);
    assert_eq!(
        (events[0].0.as_str(), events[0].1.as_str()),
        ("T01-C1-A000001", "pending:confirmation_required")
    );
    assert_eq!(
        (events[1].1.as_str(), events[1].2["total_amount"].as_i64()),
        ("ko:ko_generic", Some(12_050))
    );
    let kept = rows(&central).await;
    assert_eq!(
        kept.iter().map(|row| row.0.as_str()).collect::<Vec<_>>(),
        ["accepted", "duplicate", "accepted"]
    );
    assert!(!kept[0].4.contains("differs"), "{}", kept[0].4);
    assert!(
        kept[2].4.contains(
            "the IPN differs from the status read back in: total_amount, status, status_reason"
        ),
        "{}",
        kept[2].4
    );

    // A checkout Aplazame does not know: {} and unverified. Store T02's key is refused: 503.
    let ghost = checkout("ch_9", "T01-C1-A000009", "ok", "", 1);
    assert_eq!(
        post_json(&central, "/webhooks/aplazame/T01", ghost.clone())
            .await
            .json(),
        json!({})
    );
    assert_eq!(
        post_json(&central, "/webhooks/aplazame/T02", ghost)
            .await
            .status,
        503
    );
    let garbage = send(
        &central,
        "POST",
        "/webhooks/aplazame/T01",
        &[],
        Some(("text/plain", b"hi".to_vec())),
    );
    assert_eq!(garbage.await.status, 400);
    assert_eq!(
        verdicts(&central).await[3..],
        ["unverified", "unverified", "refused"]
    );
    assert_eq!(relayed(&central).await.len(), 2);
}
