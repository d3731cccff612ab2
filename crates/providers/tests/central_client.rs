//! The Central client against the stand-in written from the wire contract (`sandbox::central`), not a
//! real Central: what it puts on the wire (signed headers whose signature verifies over exactly what
//! was sent), and what it makes of answers a careful client must survive.

use std::time::{Duration, Instant};

use providers::central::client::{self, CentralClient, CentralError, NOT_AN_API_ERROR};
use providers::central::signing::{self, RequestParts, TillRef, TillSigningKey};
use providers::central::wire::{AuditBatch, AuditEntry, EnrollRequest, GENESIS_HASH, entry_hash};
use providers::{HttpSettings, PlainHttp};
use sandbox::central::CentralStandIn;

fn entries(from: i64, to: i64) -> Vec<AuditEntry> {
    let mut prev = GENESIS_HASH.to_owned();
    let mut out = Vec::new();
    for seq in 1..=to {
        let at = "2026-11-30T15:00:00Z".to_owned();
        let content = format!("{{\"n\":{seq}}}");
        let hash = entry_hash(&prev, seq, &at, "journal", seq, &content);
        let entry = AuditEntry {
            seq,
            at,
            subject: "journal".into(),
            subject_id: seq,
            content,
            prev_hash: prev.clone(),
            hash: hash.clone(),
        };
        prev = hash;
        if seq >= from {
            out.push(entry);
        }
    }
    out
}

/// A stand-in with this till enrolled, and the client of that till.
async fn enrolled() -> (CentralStandIn, CentralClient, TillSigningKey) {
    let central = CentralStandIn::start().await.unwrap();
    central.add_code("ABC-123", "T01", "C1");
    let key = TillSigningKey::generate();
    let root = client::parse_base_url(central.url(), PlainHttp::LoopbackOnly).unwrap();
    let request = EnrollRequest {
        code: "ABC-123".into(),
        store: "T01".into(),
        till: "C1".into(),
        public_key: key.public_key(),
        label: "caja-test".into(),
    };
    let answer = client::enroll(&root, &request, HttpSettings::default())
        .await
        .unwrap();
    assert_eq!((answer.store.as_str(), answer.till.as_str()), ("T01", "C1"));
    let copy = TillSigningKey::from_base64(&key.to_base64()).unwrap();
    let till = TillRef::new("T01", "C1");
    let api = CentralClient::new(root, till, copy, HttpSettings::default()).unwrap();
    (central, api, key)
}

#[tokio::test]
async fn every_signed_request_verifies_over_exactly_what_was_sent() {
    let (central, api, key) = enrolled().await;
    let answer = api
        .push_audit(&AuditBatch {
            entries: entries(1, 3),
        })
        .await
        .unwrap();
    assert_eq!((answer.stored, answer.high_water), (3, 3));
    api.put_z("sandbox", 1, "{\"z\": 1}").await.unwrap();
    api.status().await.unwrap();
    let batch = api.events(0, 0).await.unwrap();
    assert!(batch.events.is_empty());
    let public = signing::parse_public_key(&key.public_key()).unwrap();
    let received = central.received();
    assert_eq!(received.len(), 5, "enroll, push, z, status, events");
    assert!(
        received[0].header("authorization").is_none(),
        "enroll is unsigned"
    );
    for request in &received[1..] {
        assert_eq!(request.header(signing::TILL_HEADER), Some("T01/C1"));
        assert_eq!(
            request.signature_ok,
            Some(true),
            "{}",
            request.path_and_query
        );
        let parts = RequestParts {
            till: &TillRef::new("T01", "C1"),
            method: &request.method,
            path_and_query: &request.path_and_query,
            body: &request.body,
            timestamp: request
                .header(signing::TIMESTAMP_HEADER)
                .unwrap()
                .parse()
                .unwrap(),
            nonce: request.header(signing::NONCE_HEADER).unwrap(),
        };
        signing::verify(&public, request.header("authorization").unwrap(), parts).unwrap();
    }
    assert_eq!(received[2].method, "PUT");
    assert_eq!(
        received[2].path_and_query,
        "/api/v1/stores/T01/tills/C1/z/sandbox/1"
    );
    assert_eq!(received[2].body, b"{\"z\": 1}");
    assert_eq!(received[2].header("content-type"), Some("application/json"));
    assert_eq!(
        received[4].path_and_query,
        "/api/v1/stores/T01/tills/C1/events?after=0&wait=0"
    );
}

#[tokio::test]
async fn a_success_with_an_html_body_is_a_bad_answer() {
    let (central, api, _) = enrolled().await;
    central.script(200, "text/html", "<html><body>Wi-Fi login</body></html>");
    let error = api
        .push_audit(&AuditBatch {
            entries: entries(1, 1),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(error, CentralError::BadAnswer { status: 200, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn central_refusals_keep_their_code_and_a_non_json_error_its_status() {
    let (central, api, _) = enrolled().await;
    central.script(
        413,
        "application/json",
        r#"{"code": "batch_too_large", "message": "at most 1000"}"#,
    );
    let error = api.status().await.unwrap_err();
    assert_eq!(
        error,
        CentralError::Refused {
            status: 413,
            code: "batch_too_large".into(),
            message: "at most 1000".into()
        }
    );
    central.script(502, "text/html", "<html>Bad gateway</html>");
    let error = api.status().await.unwrap_err();
    assert!(
        matches!(&error, CentralError::Refused { status: 502, code, .. } if code == NOT_AN_API_ERROR),
        "{error:?}"
    );
    // A till the stand-in does not know is refused with the contract's code.
    let root = client::parse_base_url(central.url(), PlainHttp::LoopbackOnly).unwrap();
    let stranger = CentralClient::new(
        root,
        TillRef::new("T09", "C9"),
        TillSigningKey::generate(),
        HttpSettings::default(),
    )
    .unwrap();
    assert_eq!(
        stranger.status().await.unwrap_err().api_code(),
        Some("unknown_till")
    );
}

#[tokio::test]
async fn an_enrollment_code_for_another_till_is_refused() {
    let central = CentralStandIn::start().await.unwrap();
    central.add_code("ABC-123", "T01", "C2");
    let root = client::parse_base_url(central.url(), PlainHttp::LoopbackOnly).unwrap();
    let request = EnrollRequest {
        code: "ABC-123".into(),
        store: "T01".into(),
        till: "C1".into(),
        public_key: TillSigningKey::generate().public_key(),
        label: String::new(),
    };
    let error = client::enroll(&root, &request, HttpSettings::default())
        .await
        .unwrap_err();
    assert_eq!(error.api_code(), Some("enrollment_code_other_till"));
}

#[tokio::test]
async fn an_unreachable_central_fails_fast_and_names_the_url() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let root = client::parse_base_url(&url, PlainHttp::LoopbackOnly).unwrap();
    let settings = HttpSettings {
        connect_timeout: Duration::from_secs(2),
        ..HttpSettings::default()
    };
    let api = CentralClient::new(
        root,
        TillRef::new("T01", "C1"),
        TillSigningKey::generate(),
        settings,
    )
    .unwrap();
    let started = Instant::now();
    let error = api.status().await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    match error {
        CentralError::Unreachable { url: named, .. } => assert!(named.starts_with(&url), "{named}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_long_poll_waits_for_an_event_longer_than_the_usual_bound() {
    let (central, _, key) = enrolled().await;
    let root = client::parse_base_url(central.url(), PlainHttp::LoopbackOnly).unwrap();
    let short = HttpSettings {
        total_timeout: Duration::from_secs(1),
        ..HttpSettings::default()
    };
    let api = CentralClient::new(root, TillRef::new("T01", "C1"), key, short).unwrap();
    let started = Instant::now();
    let batch = api.events(0, 2).await.unwrap();
    assert!(batch.events.is_empty());
    assert!(
        started.elapsed() >= Duration::from_millis(1900),
        "{:?}",
        started.elapsed()
    );
    central.add_event("acuotaz", "T01-C1-000001", "funded");
    let batch = api.events(0, 2).await.unwrap();
    assert_eq!((batch.events.len(), batch.next), (1, 1));
}

#[test]
fn plain_http_beyond_loopback_needs_an_explicit_allowance() {
    assert!(matches!(
        client::parse_base_url("http://central.example", PlainHttp::LoopbackOnly),
        Err(CentralError::InvalidUrl { .. })
    ));
    assert!(client::parse_base_url("http://central.example", PlainHttp::Anywhere).is_ok());
}
