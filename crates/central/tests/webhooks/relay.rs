//! The relay: a till's long-poll returns its own events as they arrive, skips what it handled, never
//! sees another till's; a second Central on the same database is woken by NOTIFY, also after
//! PostgreSQL dropped its listening connection.

use std::sync::Arc;
use std::time::{Duration, Instant};

use central::Server;

use crate::peers::*;
use crate::support::enroll;

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

#[tokio::test]
async fn what_arrived_before_a_till_enrolled_reaches_it_once_when_it_enrolls() {
    let (central, _) = start().await;
    // The provider's first try and its retry, both before till C3 exists in Central.
    for _ in 0..2 {
        let kept = acuotaz_get(&central, "T01-C3-000007", "funded").await;
        assert_eq!(kept.json()["verdict"], "unroutable");
    }
    let other = acuotaz_get(&central, "T01-C4-000001", "funded").await;
    assert_eq!(other.json()["verdict"], "unroutable");
    let c3 = enroll(&central, "T01", "C3").await;
    let batch = poll(&c3, 0, 0).await;
    let events: Vec<(&str, &str)> = batch
        .events
        .iter()
        .map(|event| (event.reference.as_str(), event.event.as_str()))
        .collect();
    assert_eq!(events, [("T01-C3-000007", "funded")]);
    assert_eq!(
        verdicts(&central).await,
        ["accepted", "duplicate", "unroutable"],
        "C4's stays kept until C4 enrolls"
    );
    // The provider's next retry is a duplicate, not a second event.
    let again = acuotaz_get(&central, "T01-C3-000007", "funded").await;
    assert_eq!(again.json()["verdict"], "duplicate");
    assert!(poll(&c3, batch.next, 0).await.events.is_empty());
    // Enrolled again (a reinstalled machine): nothing is relayed twice.
    let c3 = enroll(&central, "T01", "C3").await;
    assert!(poll(&c3, batch.next, 0).await.events.is_empty());
}

#[tokio::test]
async fn an_apagos_callback_from_the_simulator_reaches_the_till_as_info_reads_it() {
    use providers::apagos::{ApagosApi, NewVoucher};
    use providers::apurata::downpayment::MOCK_TOKEN;

    let provider = sandbox::start(sandbox::SandboxConfig::default())
        .await
        .unwrap();
    provider.apagos().set_timing(sandbox::ApagosTiming {
        validation_delay_ms: 200,
        ..sandbox::ApagosTiming::default()
    });
    let apagos_root = format!("{}/apagos/", provider.url().trim_end_matches('/'));
    let central = crate::support::start_with(|config| {
        config.providers.apagos = apagos_root.parse().unwrap();
        let t01 = config.stores.iter_mut().find(|s| s.code == "T01").unwrap();
        t01.apagos_token = Some(providers::ApiToken::new(MOCK_TOKEN));
    })
    .await;
    let c1 = enroll(&central, "T01", "C1").await;
    let root =
        providers::ProviderRoot::parse(&apagos_root, providers::PlainHttp::LoopbackOnly).unwrap();
    let api = ApagosApi::new(
        &root,
        providers::ApiToken::new(MOCK_TOKEN),
        Default::default(),
    )
    .unwrap();
    let voucher = NewVoucher {
        amount: providers::Soles::from_centimos(58_000),
        date: jiff::civil::date(2026, 11, 30),
        operation_number: "4477".into(),
        bank_account_id: "BBVA".into(),
        order_id: "T01-C1-V000001".into(),
        webhook: format!("{}/webhooks/apagos/T01", central.base_url())
            .parse()
            .unwrap(),
        customer_dni: "14159265".into(),
        customer_fullname: "Ana María Quispe".into(),
        receipt: "https://central.example/recibos/captura.png"
            .parse()
            .unwrap(),
        detail: None,
    };
    let request_id = api.register(&voucher).await.unwrap();
    // The simulator decides after 200 ms and calls Central back; the till's long poll wakes.
    let batch = poll(&c1, 0, 10).await;
    assert_eq!(batch.events.len(), 1, "{batch:?}");
    let event = &batch.events[0];
    assert_eq!(
        (
            event.provider.as_str(),
            event.reference.as_str(),
            event.event.as_str()
        ),
        ("apagos", "T01-C1-V000001", "VALIDATED")
    );
    // What is relayed is what info read: the corrected amount, not the typed one.
    assert_eq!(event.payload["request_id"], request_id.as_str());
    assert_eq!(event.payload["amount"], serde_json::json!(590.0));
    assert_eq!(verdicts(&central).await, ["accepted"]);
    let attempts = provider
        .apagos()
        .voucher(request_id.as_str())
        .unwrap()
        .callbacks;
    assert_eq!(
        attempts.len(),
        1,
        "Central answered the first callback 2xx: {attempts:?}"
    );
}
