//! The till's Central client (`providers::central::client`) against the real Central: every signed
//! request it sends is accepted (so the signature holds over exactly what went on the wire), Central's
//! refusals keep their code, and the long poll outlives the client's usual time bound.

use std::time::{Duration, Instant};

use central::Server;
use providers::central::client::{self, CentralClient, CentralError};
use providers::central::signing::{TillRef, TillSigningKey};
use providers::central::wire::{AuditBatch, AuditEntry, EnrollRequest, GENESIS_HASH, entry_hash};
use providers::{HttpSettings, PlainHttp};

use crate::support;

/// Entries `from..=to` of a chain that starts at the genesis hash.
pub fn entries(from: i64, to: i64) -> Vec<AuditEntry> {
    let mut prev = GENESIS_HASH.to_owned();
    let mut out = Vec::new();
    for seq in 1..=to {
        let at = "2026-11-30T15:00:00Z".to_owned();
        let content = format!("{{\"n\":{seq}}}");
        let hash = entry_hash(&prev, seq, &at, "settings", seq, &content);
        if seq >= from {
            out.push(AuditEntry {
                seq,
                at,
                subject: "settings".into(),
                subject_id: seq,
                content,
                prev_hash: prev.clone(),
                hash: hash.clone(),
            });
        }
        prev = hash;
    }
    out
}

fn root(central: &Server) -> providers::ProviderRoot {
    client::parse_base_url(&central.base_url(), PlainHttp::LoopbackOnly).unwrap()
}

/// Enrolls T01/C1 through the client and returns the client of that till.
async fn enrolled(central: &Server, http: HttpSettings) -> CentralClient {
    let code = central::auth::enroll::issue_code(&central.state.pool, "T01", "C1", "test")
        .await
        .unwrap();
    let key = TillSigningKey::generate();
    let request = EnrollRequest {
        code,
        store: "T01".into(),
        till: "C1".into(),
        public_key: key.public_key(),
        label: "caja-test".into(),
    };
    let answer = client::enroll(&root(central), &request, HttpSettings::default())
        .await
        .unwrap();
    assert_eq!(
        (
            answer.store.as_str(),
            answer.till.as_str(),
            answer.store_name.as_str()
        ),
        ("T01", "C1", "Tienda Miraflores")
    );
    CentralClient::new(root(central), TillRef::new("T01", "C1"), key, http).unwrap()
}

#[tokio::test]
async fn every_call_of_the_client_is_accepted_and_answered() {
    let central = support::start_central().await;
    let api = enrolled(&central, HttpSettings::default()).await;
    let answer = api
        .push_audit(&AuditBatch {
            entries: entries(1, 3),
        })
        .await
        .unwrap();
    assert_eq!((answer.stored, answer.high_water), (3, 3));
    // The same batch again, and then its tail out of order: nothing new, nothing refused.
    let again = api
        .push_audit(&AuditBatch {
            entries: entries(2, 3),
        })
        .await
        .unwrap();
    assert_eq!((again.stored, again.high_water), (0, 3));
    let z = api.put_z("sandbox", 1, "{\"number\": 1}").await.unwrap();
    assert!(!z.verified, "no digest of that Z in the chain: {z:?}");
    let status = api.status().await.unwrap();
    assert_eq!(status.high_water, 3);
    let batch = api.events(0, 0).await.unwrap();
    assert!(batch.events.is_empty());
    let link = api.create_upload_link(&"ab".repeat(32)).await.unwrap();
    assert!(link.upload_url.contains("/subir/"), "{link:?}");
    let waiting = api.upload_link_status(link.id).await.unwrap();
    assert!(!waiting.received && !waiting.closed);
}

#[tokio::test]
async fn centrals_refusals_keep_their_code() {
    let central = support::start_central().await;
    let api = enrolled(&central, HttpSettings::default()).await;
    // More than Central takes in one batch.
    let error = api
        .push_audit(&AuditBatch {
            entries: entries(1, 1_001),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(&error, CentralError::Refused { status: 413, code, .. } if code == "batch_too_large"),
        "{error:?}"
    );
    // A till Central does not know, and a till with a key that is not its own.
    for (till, key) in [
        (TillRef::new("T09", "C9"), TillSigningKey::generate()),
        (TillRef::new("T01", "C1"), TillSigningKey::generate()),
    ] {
        let stranger =
            CentralClient::new(root(&central), till, key, HttpSettings::default()).unwrap();
        let error = stranger.status().await.unwrap_err();
        assert!(
            matches!(error, CentralError::Refused { status: 401, .. }),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn an_enrollment_code_for_another_till_is_refused() {
    let central = support::start_central().await;
    let code = central::auth::enroll::issue_code(&central.state.pool, "T01", "C2", "test")
        .await
        .unwrap();
    let request = EnrollRequest {
        code,
        store: "T01".into(),
        till: "C1".into(),
        public_key: TillSigningKey::generate().public_key(),
        label: String::new(),
    };
    let error = client::enroll(&root(&central), &request, HttpSettings::default())
        .await
        .unwrap_err();
    assert_eq!(error.api_code(), Some("enrollment_code_other_till"));
}

#[tokio::test]
async fn the_long_poll_outlives_the_usual_bound_and_returns_the_event() {
    let central = support::start_central().await;
    let short = HttpSettings {
        total_timeout: Duration::from_secs(1),
        ..HttpSettings::default()
    };
    let api = enrolled(&central, short).await;
    let started = Instant::now();
    let batch = api.events(0, 2).await.unwrap();
    assert!(batch.events.is_empty());
    assert!(
        started.elapsed() >= Duration::from_millis(1900),
        "{:?}",
        started.elapsed()
    );
    let webhook = support::http()
        .get(format!(
            "{}/webhooks/acuotaz/T01?order_id=T01-C1-000001&event=funded",
            central.base_url()
        ))
        .header("apurata-auth", "Bearer acuotaz-webhook-T01")
        .send()
        .await
        .unwrap();
    assert_eq!(webhook.status(), 200);
    let batch = api.events(0, 2).await.unwrap();
    assert_eq!(batch.events.len(), 1);
    assert_eq!(batch.events[0].reference, "T01-C1-000001");
    assert_eq!(batch.next, batch.events[0].id);
}
