//! The Aplazame fault plan and admin routes over loopback HTTP: a create that fails before anything
//! happens, one whose answer is lost or garbled after the checkout exists (so the same order id is then
//! refused), a failing and a lost status, the plan and the timing read and replaced, and the list of
//! checkouts with their IPN attempts.

mod aplazame_support;
mod common;

use aplazame_support::*;
use common::{Caller, start};
use reqwest::Method;
use sandbox::{AplazameFaults, AplazameTiming};
use serde_json::json;

#[tokio::test]
async fn fail_create_answers_a_proxy_page_and_creates_nothing() {
    let sandbox = start().await;
    sandbox.aplazame().set_faults(AplazameFaults {
        fail_create: 1,
        failure_code: 502,
        ..AplazameFaults::default()
    });
    let body = order("T01-C1-1", "a@b.es", None);
    let failed = create_as(&sandbox, LIVE, &body).await;
    assert_eq!(failed.status, 502);
    assert!(failed.content_type.unwrap().starts_with("text/html"));
    assert!(sandbox.aplazame().checkouts().is_empty());
    create(&sandbox, &body).await;
    assert_eq!(sandbox.aplazame().faults().fail_create, 0, "used up");
}

#[tokio::test]
async fn a_lost_or_garbled_create_answer_leaves_a_checkout_the_store_cannot_make_again() {
    let sandbox = start().await;
    sandbox.aplazame().set_faults(AplazameFaults {
        drop_create_answer: 1,
        garble_create_answer: 1,
        ..AplazameFaults::default()
    });
    let lost = Caller::default()
        .http
        .post(checkout_url(&sandbox, "offline"))
        .bearer_auth(providers::apurata::downpayment::MOCK_TOKEN)
        .header("accept", LIVE)
        .json(&order("T01-C1-1", "a@b.es", None))
        .send()
        .await;
    assert!(lost.is_err(), "the connection closes without an answer");
    let garbled = create_as(&sandbox, LIVE, &order("T01-C1-2", "a@b.es", None)).await;
    assert_eq!(garbled.status, 201);
    assert!(garbled.body.contains("<html"), "{garbled:?}");
    let kept: Vec<String> = sandbox
        .aplazame()
        .checkouts()
        .into_iter()
        .map(|checkout| checkout.mid)
        .collect();
    assert_eq!(kept, ["T01-C1-1", "T01-C1-2"]);
    for mid in ["T01-C1-1", "T01-C1-2"] {
        let again = create_as(&sandbox, LIVE, &order(mid, "a@b.es", None)).await;
        assert_eq!(again.status, 400, "{mid}: {again:?}");
    }
}

#[tokio::test]
async fn a_refused_create_uses_up_no_drop_fault() {
    let sandbox = start().await;
    sandbox.aplazame().set_faults(AplazameFaults {
        drop_create_answer: 1,
        ..AplazameFaults::default()
    });
    let declined = create_as(&sandbox, LIVE, &order("T01-C1-1", "ko@b.es", None)).await;
    assert_eq!(declined.status, 403);
    assert_eq!(sandbox.aplazame().faults().drop_create_answer, 1);
}

#[tokio::test]
async fn the_status_fails_or_is_lost_as_planned() {
    let sandbox = start().await;
    let id = create(&sandbox, &order("T01-C1-1", "a@b.es", None)).await;
    sandbox.aplazame().set_faults(AplazameFaults {
        fail_status: 1,
        drop_status_answer: 1,
        ..AplazameFaults::default()
    });
    let failed = status(&sandbox, &id).await;
    assert_eq!(failed.status, 503);
    let lost = Caller::default()
        .http
        .get(checkout_url(&sandbox, &format!("{id}/status")))
        .bearer_auth(providers::apurata::downpayment::MOCK_TOKEN)
        .header("accept", LIVE)
        .send()
        .await;
    assert!(lost.is_err());
    assert_eq!(status(&sandbox, &id).await.status, 200);
}

#[tokio::test]
async fn the_plan_and_the_timing_are_read_and_replaced_over_http() {
    let sandbox = start().await;
    let caller = Caller::default();
    let faults = admin(&sandbox, "faults");
    caller.get(&faults, &[]).await.expect(
        200,
        json!({"drop_create_answer": 0, "garble_create_answer": 0, "fail_create": 0,
               "drop_status_answer": 0, "fail_status": 0, "failure_code": 503}),
    );
    let set = caller
        .put(
            &faults,
            r#"{"fail_status": 2}"#.to_owned(),
            "application/json",
        )
        .await;
    assert_eq!(set.json()["fail_status"], 2);
    assert_eq!(sandbox.aplazame().faults().fail_status, 2);
    let typo = caller
        .put(
            &faults,
            r#"{"fail_statuss": 2}"#.to_owned(),
            "application/json",
        )
        .await;
    assert_eq!(typo.status, 400);
    assert_eq!(caller.delete(&faults).await.json()["fail_status"], 0);

    let timing = admin(&sandbox, "timing");
    caller.get(&timing, &[]).await.expect(
        200,
        json!({"ipn_first_retry_ms": 1000, "ipn_window_ms": 30000, "ipn_attempt_timeout_ms": 10000}),
    );
    caller
        .put(
            &timing,
            r#"{"ipn_window_ms": 500}"#.to_owned(),
            "application/json",
        )
        .await;
    assert_eq!(
        sandbox.aplazame().timing(),
        AplazameTiming {
            ipn_window_ms: 500,
            ..AplazameTiming::default()
        }
    );
    let refused = Caller::with_token(None).get(&faults, &[]).await;
    assert_eq!(refused.status, 401);
}

#[tokio::test]
async fn the_list_shows_each_checkout_with_its_ipn_attempts() {
    let sandbox = start().await;
    let store = Store::start(&[Reply::Receipt]).await;
    let id = create(&sandbox, &order("T01-C1-1", "a@b.es", Some(&store.url))).await;
    play(&sandbox, &id, &["start"]).await;
    wait_for_attempts(&sandbox, &id, 1).await;
    let listed = Caller::default()
        .get(&admin(&sandbox, "checkouts"), &[])
        .await
        .json();
    let checkout = &listed["checkouts"][0];
    assert_eq!(checkout["id"], json!(id));
    assert_eq!(checkout["mid"], "T01-C1-1");
    assert_eq!(checkout["stage"], "pending/in_process");
    assert_eq!(checkout["ipn_url"], json!(store.url));
    assert_eq!(checkout["request"]["order"]["total_amount"], 12980);
    assert_eq!(checkout["ipns"][0]["status"], "pending/in_process");
    assert_eq!(checkout["ipns"][0]["http_status"], 200);
    let one = Caller::default()
        .get(&admin(&sandbox, &format!("checkouts/{id}")), &[])
        .await;
    assert_eq!(one.json()["id"], json!(id));
    let none = send(
        Method::GET,
        &admin(&sandbox, "checkouts/nope"),
        None,
        None,
        None,
    )
    .await;
    assert_eq!(none.status, 401, "the token first");
}
