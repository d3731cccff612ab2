//! The providers' webhooks and the relay, against a real PostgreSQL and scripted aPagos and Aplazame
//! peers written from their documents: aCuotaz's bearer (good, missing, wrong), aPagos' callback taken
//! as a hint and checked against `info` (down, then up on the retry), Aplazame's IPN read back (a
//! mismatch flagged), duplicates kept but not relayed twice, bodies too big, references no till owns;
//! a till's long-poll woken by a webhook, in the same Central and in another one on the database; and
//! the store's confirmation of an Aplazame checkout answered from the till's decision, against the
//! real simulator.

#[path = "webhooks/aplazame.rs"]
mod aplazame;
#[path = "webhooks/confirmation.rs"]
mod confirmation;
#[path = "webhooks/confirmation_page.rs"]
mod confirmation_page;
#[path = "webhooks/confirmation_unenrolled.rs"]
mod confirmation_unenrolled;
#[path = "webhooks/peers.rs"]
mod peers;
#[path = "webhooks/relay.rs"]
mod relay;
mod support;
#[path = "webhooks/upkeep.rs"]
mod upkeep;

use std::sync::atomic::Ordering;

use peers::*;
use providers::Soles;
use providers::apagos::VoucherInfo;
use serde_json::json;
use support::enroll;

#[tokio::test]
async fn acuotaz_needs_the_stores_bearer_and_relays_each_event_once() {
    let (central, _) = start().await;
    enroll(&central, "T01", "C1").await;
    let query = "/webhooks/acuotaz/T01?order_id=T01-C1-000001&event=funded";

    let bare = send(&central, "GET", query, &[], None).await;
    assert_eq!(
        (bare.status, bare.code().as_str()),
        (401, "unauthenticated")
    );
    let wrong = [("apurata-auth", "Bearer acuotaz-webhook-T02")];
    assert_eq!(
        send(&central, "POST", query, &wrong, None).await.status,
        401
    );
    let scheme = [("apurata-auth", "Basic acuotaz-webhook-T01")];
    assert_eq!(
        send(&central, "GET", query, &scheme, None).await.status,
        401
    );
    // The right token on another store's URL: T02 has no aCuotaz token at all.
    let other = "/webhooks/acuotaz/T02?order_id=T02-C1-000001&event=funded";
    assert_eq!(
        send(&central, "GET", other, &bearer(), None).await.status,
        401
    );
    let unknown = "/webhooks/acuotaz/T99?order_id=T99-C1-000001&event=funded";
    assert_eq!(
        send(&central, "GET", unknown, &bearer(), None).await.status,
        404
    );

    let first = acuotaz_get(&central, "T01-C1-000001", "funded").await;
    assert_eq!(
        (first.status, first.json()["verdict"].as_str()),
        (200, Some("accepted"))
    );
    // aCuotaz retries: the same event again, this time as a JSON body.
    let body = json!({"order_id": "T01-C1-000001", "event": "funded"});
    let again = send(
        &central,
        "POST",
        "/webhooks/acuotaz/T01",
        &bearer(),
        Some(("application/json", body.to_string().into_bytes())),
    )
    .await;
    assert_eq!(again.json()["verdict"], "duplicate");
    // `validated` arriving with `funded`, as a form: another event, relayed.
    let form = b"order_id=T01-C1-000001&event=validated".to_vec();
    let validated = send(
        &central,
        "POST",
        "/webhooks/acuotaz/T01",
        &bearer(),
        Some(("application/x-www-form-urlencoded", form)),
    )
    .await;
    assert_eq!(validated.json()["verdict"], "accepted");

    let events: Vec<_> = relayed(&central)
        .await
        .into_iter()
        .map(|e| (e.0, e.2))
        .collect();
    assert_eq!(
        events,
        [
            ("C1".into(), "funded".into()),
            ("C1".into(), "validated".into())
        ]
    );
    let kept = rows(&central).await;
    assert_eq!(
        kept.iter().map(|row| row.0.as_str()).collect::<Vec<_>>(),
        [
            "refused",
            "refused",
            "refused",
            "refused",
            "accepted",
            "duplicate",
            "accepted"
        ]
    );
    assert_eq!(kept[0].3, "no Apurata-Auth header");
    assert_eq!(kept[1].3, "Apurata-Auth does not carry the store's token");
    for row in &kept {
        assert!(
            !row.4.contains("acuotaz-webhook-T0"),
            "a token was kept: {}",
            row.4
        );
    }
    assert!(kept[1].4.contains("(present, not stored)"), "{}", kept[1].4);
}

#[tokio::test]
async fn acuotaz_references_no_enrolled_till_owns_are_kept_visible() {
    let (central, _) = start().await;
    enroll(&central, "T01", "C1").await;
    let absent = acuotaz_get(&central, "T01-C7-000001", "approved").await;
    assert_eq!(
        (absent.status, absent.json()["verdict"].as_str()),
        (200, Some("unroutable"))
    );
    let foreign = acuotaz_get(&central, "601e8d0d4e5f4000201a3a33", "approved").await;
    assert_eq!(foreign.json()["verdict"], "unroutable");
    let other_store = acuotaz_get(&central, "T02-C1-000001", "funded").await;
    assert_eq!(
        (other_store.status, other_store.code().as_str()),
        (403, "other_store")
    );
    let no_event = send(
        &central,
        "GET",
        "/webhooks/acuotaz/T01?order_id=T01-C1-1",
        &bearer(),
        None,
    )
    .await;
    assert_eq!(no_event.status, 400);

    let huge = vec![b'x'; 64 * 1024 + 1];
    let too_big = send(
        &central,
        "POST",
        "/webhooks/acuotaz/T01",
        &bearer(),
        Some(("application/json", huge)),
    )
    .await;
    assert_eq!(
        (too_big.status, too_big.code().as_str()),
        (413, "body_too_large")
    );
    let big_apagos = send(
        &central,
        "POST",
        "/webhooks/apagos/T01",
        &[],
        Some(("application/json", vec![b' '; 70_000])),
    )
    .await;
    assert_eq!(big_apagos.status, 413);

    assert_eq!(
        verdicts(&central).await,
        [
            "unroutable",
            "unroutable",
            "refused",
            "refused",
            "refused",
            "refused"
        ]
    );
    let kept = rows(&central).await;
    assert_eq!(kept[0].3, "till T01/C7 is not enrolled in this Central");
    assert!(kept[4].3.contains("over 65536 bytes"), "{}", kept[4].3);
    assert!(relayed(&central).await.is_empty());
}

#[tokio::test]
async fn an_apagos_callback_is_recorded_only_as_info_reads_it() {
    let (central, peers) = start().await;
    enroll(&central, "T01", "C1").await;
    let callback = json!({"request_id": VOUCHER, "order_id": "T01-C1-V000001"});

    // aPagos' info is down: 503 so that aPagos calls again; kept as unverified, nothing relayed.
    peers.apagos_down.store(true, Ordering::SeqCst);
    let down = post_json(&central, "/webhooks/apagos/T01", callback.clone()).await;
    assert_eq!((down.status, down.code().as_str()), (503, "unavailable"));
    assert!(relayed(&central).await.is_empty());

    // The retry, once info answers: VALIDATED, with info's values.
    peers.apagos_down.store(false, Ordering::SeqCst);
    peers
        .vouchers
        .lock()
        .unwrap()
        .insert(VOUCHER.into(), voucher("T01-C1-V000001", "VALIDATED"));
    let retry = post_json(&central, "/webhooks/apagos/T01", callback.clone()).await;
    assert_eq!(
        (retry.status, retry.json()["verdict"].as_str()),
        (200, Some("accepted"))
    );
    let again = post_json(&central, "/webhooks/apagos/T01", callback.clone()).await;
    assert_eq!(again.json()["verdict"], "duplicate");

    let events = relayed(&central).await;
    assert_eq!(events.len(), 1);
    let (till, reference, event, payload) = &events[0];
    assert_eq!(
        (till.as_str(), reference.as_str(), event.as_str()),
        ("C1", "T01-C1-V000001", "VALIDATED")
    );
    let info: VoucherInfo = serde_json::from_value(payload.clone()).unwrap();
    assert_eq!(info.amount, Soles::from_centimos(12_330));
    assert_eq!(info.bank_operation_number.as_deref(), Some("00010696"));
    assert_eq!(
        verdicts(&central).await,
        ["unverified", "accepted", "duplicate"]
    );
    let kept = rows(&central).await;
    assert!(kept[0].3.contains("503"), "{}", kept[0].3);
    assert!(
        kept[1]
            .4
            .contains("\"bank_operation_number\": \"00010696\""),
        "{}",
        kept[1].4
    );
}

#[tokio::test]
async fn an_apagos_callback_cannot_say_what_info_does_not() {
    let (central, peers) = start().await;
    enroll(&central, "T01", "C1").await;
    peers
        .vouchers
        .lock()
        .unwrap()
        .insert(VOUCHER.into(), voucher("T01-C1-V000002", "INVALID"));
    // A forged callback claims another order and a validation; info says INVALID for V000002.
    let forged =
        json!({"request_id": VOUCHER, "order_id": "T01-C1-V000009", "status": "VALIDATED"});
    let answer = post_json(&central, "/webhooks/apagos/T01", forged).await;
    assert_eq!(answer.json()["verdict"], "accepted");
    let events = relayed(&central).await;
    assert_eq!(
        (events[0].1.as_str(), events[0].2.as_str()),
        ("T01-C1-V000002", "INVALID")
    );
    let kept = rows(&central).await;
    assert!(
        kept[0]
            .4
            .contains("the callback names order_id T01-C1-V000009"),
        "{}",
        kept[0].4
    );

    // A voucher aPagos does not know: 200, kept unverified, not relayed. As a form, and in the query.
    let unknown = b"request_id=aaaaaaaaaaaaaaaaaaaaaaaa".to_vec();
    let form = ("application/x-www-form-urlencoded", unknown);
    let answer = send(&central, "POST", "/webhooks/apagos/T01", &[], Some(form)).await;
    assert_eq!(
        (answer.status, answer.json()["verdict"].as_str()),
        (200, Some("unverified"))
    );
    let query = format!("/webhooks/apagos/T01?request_id={VOUCHER}");
    assert_eq!(
        send(&central, "POST", &query, &[], None).await.json()["verdict"],
        "duplicate"
    );
    // No request id, or not an aPagos one: refused.
    assert_eq!(
        post_json(&central, "/webhooks/apagos/T01", json!({}))
            .await
            .status,
        400
    );
    let path_trick = json!({"request_id": "../../../pos/order/1"});
    assert_eq!(
        post_json(&central, "/webhooks/apagos/T01", path_trick)
            .await
            .status,
        400
    );
    // Store T02's token is refused by aPagos: Central cannot verify, aPagos should retry.
    let t02 = post_json(
        &central,
        "/webhooks/apagos/T02",
        json!({"request_id": VOUCHER}),
    )
    .await;
    assert_eq!(t02.status, 503);
    assert_eq!(
        post_json(&central, "/webhooks/apagos/T99", json!({}))
            .await
            .status,
        404
    );
    assert_eq!(
        verdicts(&central).await,
        [
            "accepted",
            "unverified",
            "duplicate",
            "refused",
            "refused",
            "unverified"
        ]
    );
    assert_eq!(relayed(&central).await.len(), 1);
}
