//! Aplazame POS checkouts at the till, against the sandbox's Aplazame simulator over loopback and a
//! real SQLite file: a create journaled with the exact body the simulator received (`201`), one not
//! financed (`403`), every status and reason of the document's table driven through the buyer, the
//! store's confirmation and rejection recorded and forwarded, a lost create that is never sent again and
//! is settled by an IPN or a supervisor; the audit chain verifies after each.

mod aplazame_support;
mod orders_support;

use aplazame_support::{assert_intact, rosa, sale, shop};
use providers::aplazame::CheckoutId;
use sandbox::AplazameFaults;
use till::TillError;
use till::aplazame::{AUTO_CONFIRM, CreateState, Decision};
use till::error::AplazameError;

#[tokio::test]
async fn a_201_is_created_with_the_body_aplazame_got_and_followed_to_ok() {
    let s = shop(true, 5_000).await;
    let checkout = s
        .till
        .create_checkout(sale(" lucia@example.es "))
        .await
        .unwrap();
    assert_eq!(checkout.state, CreateState::Created);
    assert_eq!(checkout.order_id, "T01-C1-A000001");
    assert_eq!(checkout.total.cents(), 12_980);
    assert_eq!(checkout.total.to_string(), "129,80 €");
    assert_eq!(checkout.http_status, Some(201));
    assert!(checkout.operator.as_deref() == Some("Luis"));
    let id = checkout.checkout_id.clone().unwrap();
    let held = s.provider.aplazame().checkout(id.as_str()).unwrap();
    let journaled: serde_json::Value = serde_json::from_str(&checkout.request_body).unwrap();
    assert_eq!(
        journaled, held.request,
        "the journaled body is what Aplazame got"
    );
    assert_eq!(held.mid, "T01-C1-A000001");
    assert!(
        held.sandbox,
        "the sandbox mode asks in Aplazame's test mode"
    );
    assert_eq!(journaled["customer"]["first_name"], "Lucía");
    assert_eq!(journaled["customer"]["last_name"], "Martín Pérez");
    assert_eq!(journaled["customer"]["email"], "lucia@example.es");
    assert!(!checkout.may_hand_over());

    let created = s.until(&checkout.order_id, "pending", None).await;
    assert!(created.mismatch.is_empty());
    s.buyer(id.as_str(), "start").await;
    s.buyer(id.as_str(), "complete").await;
    // The IPN reaches the till through the relay, the rule confirms, the relay answers `ok`.
    let done = s.until(&checkout.order_id, "ok", None).await;
    assert_eq!(done.decision, Some(Decision::Ok));
    assert_eq!(done.decided_by.as_deref(), Some(AUTO_CONFIRM));
    assert!(done.decision_forwarded_at.is_some());
    assert!(done.may_hand_over());
    assert!(s.till.pending_decisions().await.unwrap().is_empty());
    assert_eq!(s.created_at_aplazame(), 1);
    assert_intact(&s.till);
}

#[tokio::test]
async fn a_403_is_not_financed_and_nothing_exists_at_aplazame() {
    let s = shop(true, 5_000).await;
    let error = s
        .till
        .create_checkout(sale("ko.lucia@example.es"))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, TillError::Aplazame(AplazameError::NotFinanced { order_id }) if order_id == "T01-C1-A000001"),
        "{error:?}"
    );
    assert_eq!(error.code(), "checkout_not_financed");
    let checkout = s.till.checkout("T01-C1-A000001").await.unwrap();
    assert_eq!(checkout.state, CreateState::NotFinanced);
    assert_eq!(checkout.http_status, Some(403));
    assert!(!checkout.may_hand_over());
    assert_eq!(s.created_at_aplazame(), 0);
    // Nothing to read, nothing to decide.
    let refresh = s.till.refresh_checkout("T01-C1-A000001").await.unwrap_err();
    assert_eq!(refresh.code(), "checkout_not_created");
    assert_intact(&s.till);
}

#[tokio::test]
async fn the_till_refuses_what_aplazame_could_not_use_before_journaling() {
    let s = shop(true, 5_000).await;
    let error = s.till.create_checkout(sale("lucia")).await.unwrap_err();
    assert_eq!(error.code(), "invalid_checkout_field");
    assert_eq!(error.field(), Some("email"));
    let mut empty = sale("lucia@example.es");
    empty.lines.clear();
    let error = s.till.create_checkout(empty).await.unwrap_err();
    assert_eq!(error.code(), "invalid_cart");
    assert!(s.till.checkouts().await.unwrap().is_empty());
    assert_eq!(s.created_at_aplazame(), 0);
    // The first checkout sent still takes the first number.
    let first = s
        .till
        .create_checkout(sale("lucia@example.es"))
        .await
        .unwrap();
    assert_eq!(first.order_id, "T01-C1-A000001");
}

/// Each buyer path and the status and reason the till reads after it, as Aplazame writes them.
#[tokio::test]
async fn every_status_and_reason_of_the_document_is_read_as_written() {
    let s = shop(false, 60_000).await;
    let paths: [(&[&str], &str, Option<&str>); 7] = [
        (&["start"], "pending", Some("in_process")),
        (
            &["start", "challenge"],
            "pending",
            Some("challenge_required"),
        ),
        (&["expire"], "ko", Some("expired")),
        (
            &["start", "challenge", "expire_challenge"],
            "ko",
            Some("expired_challenge"),
        ),
        (&["start", "deny"], "ko", Some("ko_generic")),
        (
            &["start", "challenge", "fail_challenge"],
            "ko",
            Some("failed_challenge"),
        ),
        (
            &["start", "challenge", "pass_challenge"],
            "pending",
            Some("confirmation_required"),
        ),
    ];
    for (actions, status, reason) in paths {
        let checkout = s
            .till
            .create_checkout(sale("lucia@example.es"))
            .await
            .unwrap();
        let id = checkout.checkout_id.clone().unwrap();
        for action in actions {
            s.buyer(id.as_str(), action).await;
        }
        let read = s.until(&checkout.order_id, status, reason).await;
        assert!(read.mismatch.is_empty());
        assert!(!read.may_hand_over(), "{status}/{reason:?}");
        assert_eq!(
            read.awaits_confirmation(),
            reason == Some("confirmation_required")
        );
        assert_eq!(read.decision, None, "the rule is off");
    }
    assert_eq!(s.created_at_aplazame(), 7);
    assert_intact(&s.till);
}

#[tokio::test]
async fn the_cashier_confirms_or_rejects_and_central_is_given_the_decision() {
    let s = shop(false, 60_000).await;
    let yes = s
        .till
        .create_checkout(sale("lucia@example.es"))
        .await
        .unwrap();
    let no = s
        .till
        .create_checkout(sale("pablo@example.es"))
        .await
        .unwrap();
    // Not awaiting a confirmation yet: nothing to decide.
    let early = s.till.confirm_checkout(&yes.order_id).await.unwrap_err();
    assert_eq!(early.code(), "checkout_no_decision_pending");
    for checkout in [&yes, &no] {
        let id = checkout.checkout_id.clone().unwrap();
        s.buyer(id.as_str(), "start").await;
        s.buyer(id.as_str(), "complete").await;
        s.until(&checkout.order_id, "pending", Some("confirmation_required"))
            .await;
    }
    let rejected = s
        .till
        .reject_checkout(&no.order_id, "  ")
        .await
        .unwrap_err();
    assert_eq!(rejected.code(), "invalid_input", "a rejection says why");
    let confirmed = s.till.confirm_checkout(&yes.order_id).await.unwrap();
    assert_eq!(confirmed.decision, Some(Decision::Ok));
    assert_eq!(confirmed.decided_by.as_deref(), Some("Luis"));
    let rejected = s
        .till
        .reject_checkout(&no.order_id, "el cliente prefiere pagar en efectivo")
        .await
        .unwrap();
    assert_eq!(rejected.decision, Some(Decision::Ko));
    assert_eq!(
        rejected.decision_reason.as_deref(),
        Some("el cliente prefiere pagar en efectivo")
    );
    let twice = s.till.confirm_checkout(&yes.order_id).await.unwrap_err();
    assert_eq!(twice.code(), "checkout_already_decided");
    // The relay forwards them at Aplazame's next IPN attempt.
    let ok = s.until(&yes.order_id, "ok", None).await;
    assert!(ok.may_hand_over());
    let ko = s
        .until(
            &no.order_id,
            "ko",
            Some("confirmation_rejected_by_merchant"),
        )
        .await;
    assert!(!ko.may_hand_over());
    assert!(s.till.pending_decisions().await.unwrap().is_empty());
    assert_intact(&s.till);
}

#[tokio::test]
async fn a_confirmation_never_given_ends_merchant_failed_to_confirm() {
    let s = shop(false, 400).await;
    let checkout = s
        .till
        .create_checkout(sale("lucia@example.es"))
        .await
        .unwrap();
    let id = checkout.checkout_id.clone().unwrap();
    s.buyer(id.as_str(), "start").await;
    s.buyer(id.as_str(), "complete").await;
    let failed = s
        .until(&checkout.order_id, "ko", Some("merchant_failed_to_confirm"))
        .await;
    assert!(!failed.may_hand_over());
    let late = s
        .till
        .confirm_checkout(&checkout.order_id)
        .await
        .unwrap_err();
    assert_eq!(late.code(), "checkout_no_decision_pending");
}

#[tokio::test]
async fn a_lost_create_is_never_sent_again_and_an_ipn_naming_our_mid_settles_it() {
    let s = shop(false, 60_000).await;
    s.provider.aplazame().set_faults(AplazameFaults {
        drop_create_answer: 1,
        ..AplazameFaults::default()
    });
    let error = s
        .till
        .create_checkout(sale("lucia@example.es"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "checkout_outcome_unknown");
    let lost = s.till.checkout("T01-C1-A000001").await.unwrap();
    assert_eq!(lost.state, CreateState::Unknown);
    assert_eq!(lost.checkout_id, None);
    // Following the checkouts sends nothing again.
    for _ in 0..3 {
        s.till.follow_checkouts().await.unwrap();
    }
    assert_eq!(s.created_at_aplazame(), 1);
    // The buyer opens it: Aplazame's IPN names our mid; the till reads it back and takes it.
    let held = s.provider.aplazame().checkouts().remove(0);
    assert_eq!(held.mid, "T01-C1-A000001");
    s.buyer(&held.id, "start").await;
    let mut settled = lost;
    for _ in 0..100 {
        settled = s.till.checkout("T01-C1-A000001").await.unwrap();
        if settled.state == CreateState::Created {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(settled.state, CreateState::Created);
    assert_eq!(
        settled.checkout_id.as_ref().map(CheckoutId::as_str),
        Some(held.id.as_str())
    );
    assert_eq!(settled.status.as_deref(), Some("pending"));
    assert_eq!(settled.status_reason.as_deref(), Some("in_process"));
    assert_eq!(s.created_at_aplazame(), 1);
    assert_intact(&s.till);
}

#[tokio::test]
async fn a_supervisor_resolves_a_lost_create_with_its_checkout_id_or_as_never_sent() {
    let s = shop(false, 60_000).await;
    s.provider.aplazame().set_faults(AplazameFaults {
        garble_create_answer: 1,
        fail_create: 0,
        ..AplazameFaults::default()
    });
    let first = s.till.create_checkout(sale("lucia@example.es")).await;
    assert_eq!(first.unwrap_err().code(), "checkout_outcome_unknown");
    s.provider.aplazame().set_faults(AplazameFaults {
        fail_create: 1,
        ..AplazameFaults::default()
    });
    let second = s.till.create_checkout(sale("pablo@example.es")).await;
    assert_eq!(second.unwrap_err().code(), "checkout_outcome_unknown");
    assert_eq!(s.created_at_aplazame(), 1, "the 503 created nothing");
    let held = s.provider.aplazame().checkouts().remove(0);
    // A second, real checkout of another order: not ours to take.
    let other = s
        .till
        .create_checkout(sale("ana@example.es"))
        .await
        .unwrap();
    let wrong = other.checkout_id.clone().unwrap();
    let error = s
        .till
        .resolve_checkout_unknown("T01-C1-A000001", Some(wrong), rosa())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, TillError::Aplazame(AplazameError::NotOurs { mid, .. }) if mid == "T01-C1-A000003"),
        "{error:?}"
    );
    let resolved = s
        .till
        .resolve_checkout_unknown(
            "T01-C1-A000001",
            Some(CheckoutId::parse(&held.id).unwrap()),
            rosa(),
        )
        .await
        .unwrap();
    assert_eq!(resolved.state, CreateState::Created);
    assert_eq!(resolved.resolved_by.as_deref(), Some("Rosa Quispe"));
    assert_eq!(resolved.status.as_deref(), Some("pending"));
    let abandoned = s
        .till
        .resolve_checkout_unknown("T01-C1-A000002", None, rosa())
        .await
        .unwrap();
    assert_eq!(abandoned.state, CreateState::Abandoned);
    let again = s
        .till
        .resolve_checkout_unknown("T01-C1-A000002", None, rosa())
        .await
        .unwrap_err();
    assert_eq!(again.code(), "checkout_not_unknown");
    assert_eq!(s.created_at_aplazame(), 2);
    assert_intact(&s.till);
}

#[tokio::test]
async fn a_live_checkout_read_by_a_sandbox_till_is_an_alert_at_the_real_simulator() {
    let s = shop(true, 60_000).await;
    // A till in sandbox mode whose setup asks in Aplazame's live mode: the simulator says
    // `sandbox: false`, which the sandbox till never takes for one of its own.
    let root = format!("{}/aplazame/", s.provider.url().trim_end_matches('/'));
    let mut live = aplazame_support::setup(&root, &s.relay.url, true);
    live.environment = providers::aplazame::Environment::Live;
    let dir = tempfile::tempdir().unwrap();
    let till = orders_support::open_till(dir.path(), &s.provider)
        .with_country(till::Country::Spain)
        .with_aplazame(live)
        .unwrap();
    desk::test_support::open_shift(&till).await;
    let checkout = till
        .create_checkout(sale("lucia@example.es"))
        .await
        .unwrap();
    let id = checkout.checkout_id.clone().unwrap();
    assert!(!s.provider.aplazame().checkout(id.as_str()).unwrap().sandbox);
    s.buyer(id.as_str(), "start").await;
    s.buyer(id.as_str(), "complete").await;
    let read = till.refresh_checkout(&checkout.order_id).await.unwrap();
    assert_eq!(read.mismatch, ["sandbox"]);
    assert_eq!(read.seen_sandbox, Some(false));
    assert!(read.awaits_confirmation());
    assert_eq!(read.decision, None, "never confirmed by the rule");
    assert!(!read.may_hand_over());
    assert_intact(&till);
}
