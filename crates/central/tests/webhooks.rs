//! The providers' webhooks and the relay, against a real PostgreSQL and scripted aPagos and Aplazame
//! peers written from their documents: aCuotaz's bearer (good, missing, wrong), aPagos' callback taken
//! as a hint and checked against `info` (down, then up on the retry), Aplazame's IPN read back (a
//! mismatch flagged), duplicates kept but not relayed twice, bodies too big, references no till owns;
//! and a till's long-poll woken by a webhook, in the same Central and in another one on the database.

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use central::Server;
use providers::Soles;
use providers::apagos::VoucherInfo;
use providers::central::wire::RelayBatch;
use serde_json::{Value, json};
use support::{Answer, TestTill, enroll, http, start_with};

const VOUCHER: &str = "5fd166272826d9992620d028";

/// aPagos and Aplazame as their documents describe them, with what each knows and whether it is up.
#[derive(Clone, Default)]
struct Peers {
    apagos_down: Arc<AtomicBool>,
    vouchers: Arc<Mutex<HashMap<String, Value>>>,
    checkouts: Arc<Mutex<HashMap<String, Value>>>,
}

async fn apagos_info(
    State(peers): State<Peers>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> (StatusCode, String) {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer apagos-token-T01")
    {
        return (StatusCode::UNAUTHORIZED, String::new());
    }
    if peers.apagos_down.load(Ordering::SeqCst) {
        return (StatusCode::SERVICE_UNAVAILABLE, "maintenance".into());
    }
    match peers.vouchers.lock().unwrap().get(&id) {
        Some(info) => (StatusCode::OK, info.to_string()),
        None => (StatusCode::NOT_FOUND, String::new()),
    }
}

async fn aplazame_status(
    State(peers): State<Peers>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, StatusCode> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if header("authorization") != Some("Bearer aplazame-key-T01")
        || header("accept") != Some("application/vnd.aplazame.v3+json")
    {
        return Err(StatusCode::UNAUTHORIZED);
    }
    let found = peers.checkouts.lock().unwrap().get(&id).cloned();
    found.map(Json).ok_or(StatusCode::NOT_FOUND)
}

/// Central with the peers as its aPagos and Aplazame; store T02 holds credentials the peers refuse.
async fn start() -> (Server, Peers) {
    let peers = Peers::default();
    let app = Router::new()
        .route("/apagos/unchecked_payment/info/{id}", get(apagos_info))
        .route("/aplazame/checkout/{id}/status", get(aplazame_status))
        .with_state(peers.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let root = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let central = start_with(|config| {
        config.providers.apagos = format!("{root}/apagos/").parse().unwrap();
        config.providers.aplazame = format!("{root}/aplazame/").parse().unwrap();
        let t02 = config.stores.iter_mut().find(|s| s.code == "T02").unwrap();
        t02.apagos_token = Some(providers::ApiToken::new("apagos-token-wrong"));
        t02.aplazame_key = Some(providers::ApiToken::new("aplazame-key-wrong"));
    })
    .await;
    (central, peers)
}

async fn send(
    central: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, Vec<u8>)>,
) -> Answer {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = http().request(method, format!("{}{path}", central.base_url()));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some((content_type, bytes)) = body {
        request = request.header("content-type", content_type).body(bytes);
    }
    let response = request.send().await.expect("Central answers");
    Answer {
        status: response.status().as_u16(),
        body: response.text().await.unwrap(),
    }
}

fn bearer() -> [(&'static str, &'static str); 1] {
    [("apurata-auth", "Bearer acuotaz-webhook-T01")]
}

async fn acuotaz_get(central: &Server, order_id: &str, event: &str) -> Answer {
    let path = format!("/webhooks/acuotaz/T01?order_id={order_id}&event={event}");
    send(central, "GET", &path, &bearer(), None).await
}

async fn post_json(central: &Server, path: &str, body: Value) -> Answer {
    let bytes = body.to_string().into_bytes();
    send(
        central,
        "POST",
        path,
        &[],
        Some(("application/json", bytes)),
    )
    .await
}

/// The webhook rows, oldest first: verdict, reference, event, reason, and the whole row as text.
async fn rows(central: &Server) -> Vec<(String, Option<String>, Option<String>, String, String)> {
    let client = central.state.pool.get().await.unwrap();
    client
        .query(
            "SELECT verdict, reference, event, reason, row_to_json(w)::text FROM webhook w ORDER BY id",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4)))
        .collect()
}

async fn verdicts(central: &Server) -> Vec<String> {
    rows(central).await.into_iter().map(|row| row.0).collect()
}

async fn relayed(central: &Server) -> Vec<(String, String, String, Value)> {
    let client = central.state.pool.get().await.unwrap();
    client
        .query(
            "SELECT till_code, reference, event, payload::text FROM relay_event ORDER BY id",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|row| {
            let payload: String = row.get(3);
            (
                row.get(0),
                row.get(1),
                row.get(2),
                serde_json::from_str(&payload).unwrap(),
            )
        })
        .collect()
}

async fn poll(till: &TestTill, after: i64, wait: u64) -> RelayBatch {
    let path = till.path(&format!("events?after={after}&wait={wait}"));
    let answer = till.send("GET", &path, b"").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

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

fn voucher(order_id: &str, status: &str) -> Value {
    json!({
        "order_id": order_id,
        "status": status,
        "bank_account_id": "BBVA",
        "operation_number": "696",
        "amount": 123.30,
        "bank_operation_number": "00010696",
        "detail": "Some info about the payment",
        "date": "2020-10-30",
        "request_id": VOUCHER
    })
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

fn checkout(id: &str, mid: &str, status: &str, reason: &str, total: i64) -> Value {
    json!({
        "id": id,
        "mid": mid,
        "total_amount": total,
        "currency": {"name": "Euro", "code": "EUR", "numeric": "978"},
        "status": status,
        "status_reason": reason,
        "sandbox": false
    })
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

    let answer = post_json(&central, "/webhooks/aplazame/T01", pending.clone()).await;
    assert_eq!((answer.status, answer.json()), (200, json!({})));
    let again = post_json(&central, "/webhooks/aplazame/T01", pending.clone()).await;
    assert_eq!((again.status, again.json()), (200, json!({})));

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

#[tokio::test]
async fn a_long_poll_returns_its_tills_event_as_it_arrives_and_no_other_tills() {
    let (central, _) = start().await;
    let c1 = enroll(&central, "T01", "C1").await;
    let c2 = enroll(&central, "T01", "C2").await;

    let started = Instant::now();
    let waiting = tokio::spawn(async move {
        let batch = poll(&c1, 0, 10).await;
        (batch, started.elapsed(), c1)
    });
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        acuotaz_get(&central, "T01-C1-000001", "funded")
            .await
            .status,
        200
    );
    let (batch, elapsed, c1) = waiting.await.unwrap();
    assert!(
        elapsed < Duration::from_secs(3),
        "the poll took {elapsed:?}"
    );
    assert_eq!(batch.events.len(), 1);
    let event = &batch.events[0];
    assert_eq!(
        (
            event.provider.as_str(),
            event.reference.as_str(),
            event.event.as_str()
        ),
        ("acuotaz", "T01-C1-000001", "funded")
    );
    assert_eq!(batch.next, event.id);
    assert!(event.received_at.ends_with('Z'), "{}", event.received_at);

    // Handled: asking after it answers nothing (at once with wait=0) and keeps `next`.
    let later = poll(&c1, batch.next, 0).await;
    assert!(later.events.is_empty());
    assert_eq!(later.next, batch.next);
    assert_eq!(
        acuotaz_get(&central, "T01-C1-000002", "approved")
            .await
            .status,
        200
    );
    let second = poll(&c1, batch.next, 0).await;
    assert_eq!(second.events.len(), 1);
    assert_eq!(second.events[0].reference, "T01-C1-000002");
    assert_eq!(poll(&c1, 0, 0).await.events.len(), 2);

    // C2 sees none of C1's events, and cannot ask for them.
    assert!(poll(&c2, 0, 1).await.events.is_empty());
    let theft = c2.send("GET", &c1.path("events?after=0"), b"").await;
    assert_eq!((theft.status, theft.code().as_str()), (403, "wrong_till"));
    let unsigned = send(&central, "GET", &c1.path("events?after=0"), &[], None).await;
    assert_eq!(unsigned.status, 401);
}

#[tokio::test]
async fn another_central_on_the_database_wakes_by_notify_even_after_its_connection_dropped() {
    let (first, _) = start().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let second = Server::start((*first.state.config).clone(), listener)
        .await
        .unwrap();
    let mut c1 = enroll(&first, "T01", "C1").await;
    // The till polls the second Central; the webhook lands on the first.
    c1.base = second.base_url();
    let listeners = |first: &Server| {
        let pool = first.state.pool.clone();
        async move {
            let client = pool.get().await.unwrap();
            let count: i64 = client
                .query_one(
                    "SELECT count(*) FROM pg_stat_activity
                     WHERE application_name = $1 AND datname = current_database()",
                    &[&central::relay::APPLICATION_NAME],
                )
                .await
                .unwrap()
                .get(0);
            count
        }
    };
    for _ in 0..50 {
        if listeners(&first).await == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(listeners(&first).await, 2, "both Centrals listen");

    let c1 = Arc::new(c1);
    let mut next = 0;
    for (round, order) in ["T01-C1-000001", "T01-C1-000002"].into_iter().enumerate() {
        if round == 1 {
            // PostgreSQL drops the listening connections (as a restart would): they come back.
            first
                .state
                .pool
                .get()
                .await
                .unwrap()
                .execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE application_name = $1 AND datname = current_database()",
                    &[&central::relay::APPLICATION_NAME],
                )
                .await
                .unwrap();
            tokio::time::sleep(Duration::from_millis(2500)).await;
            assert_eq!(listeners(&first).await, 2, "the listeners reconnected");
        }
        let started = Instant::now();
        let till = c1.clone();
        let waiting = tokio::spawn(async move { (poll(&till, next, 10).await, started.elapsed()) });
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(acuotaz_get(&first, order, "funded").await.status, 200);
        let (batch, elapsed) = waiting.await.unwrap();
        assert!(
            elapsed < Duration::from_secs(4),
            "round {round}: the poll took {elapsed:?}"
        );
        assert_eq!(batch.events.len(), 1, "round {round}");
        assert_eq!(batch.events[0].reference, order);
        next = batch.next;
    }
}
