//! Enrollment and the refusals of the till API, against a real PostgreSQL: a code works once, only for
//! its till, not after it expires; a request without a signature, signed for another till or store,
//! stale, altered or replayed is refused with the code that says which.

mod support;

use providers::central::signing::{TillRef, TillSigningKey};
use providers::central::wire::EnrollRequest;
use support::{enroll, http, start_central};

async fn try_enroll(base: &str, code: &str, store: &str, till: &str) -> support::Answer {
    let response = http()
        .post(format!("{base}/api/v1/enroll"))
        .json(&EnrollRequest {
            code: code.into(),
            store: store.into(),
            till: till.into(),
            public_key: TillSigningKey::generate().public_key(),
            label: String::new(),
        })
        .send()
        .await
        .unwrap();
    support::Answer {
        status: response.status().as_u16(),
        body: response.text().await.unwrap(),
    }
}

#[tokio::test]
async fn a_code_enrolls_its_till_once_and_no_other() {
    let central = start_central().await;
    let pool = &central.state.pool;
    let code = central::auth::enroll::issue_code(pool, "T01", "C1", "test")
        .await
        .unwrap();
    assert_eq!(code.len(), 11, "five, a dash, five: {code}");

    let other = try_enroll(&central.base_url(), &code, "T01", "C2").await;
    assert_eq!(
        (other.status, other.code().as_str()),
        (403, "enrollment_code_other_till")
    );
    assert!(
        other.json()["message"]
            .as_str()
            .unwrap()
            .contains("store T01, till C1")
    );

    // Typed in lower case with a space instead of the dash: the same code.
    let typed = code.to_lowercase().replace('-', " ");
    let first = try_enroll(&central.base_url(), &typed, "T01", "C1").await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.json()["store_name"], "Tienda Miraflores");

    let again = try_enroll(&central.base_url(), &code, "T01", "C1").await;
    assert_eq!(
        (again.status, again.code().as_str()),
        (401, "enrollment_code_used")
    );
    let unknown = try_enroll(&central.base_url(), "AAAAA-BBBBB", "T01", "C1").await;
    assert_eq!(
        (unknown.status, unknown.code().as_str()),
        (401, "enrollment_code_invalid")
    );

    let expired = central::auth::enroll::issue_code(pool, "T01", "C3", "test")
        .await
        .unwrap();
    pool.get()
        .await
        .unwrap()
        .execute(
            "UPDATE enrollment_code SET expires_at = now() - interval '1 minute' WHERE till_code = 'C3'",
            &[],
        )
        .await
        .unwrap();
    let late = try_enroll(&central.base_url(), &expired, "T01", "C3").await;
    assert_eq!(
        (late.status, late.code().as_str()),
        (401, "enrollment_code_expired")
    );

    let nowhere = central::auth::enroll::issue_code(pool, "T99", "C1", "test").await;
    assert!(nowhere.unwrap_err().message.contains("T99"));
}

#[tokio::test]
async fn every_till_request_is_refused_unless_signed_fresh_by_that_till() {
    let central = start_central().await;
    let c1 = enroll(&central, "T01", "C1").await;
    let t02 = enroll(&central, "T02", "C1").await;
    let status = c1.path("status");

    let fine = c1.send("GET", &status, b"").await;
    assert_eq!(fine.status, 200, "{}", fine.body);
    assert_eq!(fine.json()["high_water"], 0);

    let bare = c1.send_with("GET", &status, b"", []).await;
    assert_eq!(
        (bare.status, bare.code().as_str()),
        (401, "unauthenticated")
    );

    // C1's key, asking for C2's resources.
    let c2_status = providers::central::wire::till_path("T01", "C2", "status");
    let wrong = c1.send("GET", &c2_status, b"").await;
    assert_eq!((wrong.status, wrong.code().as_str()), (403, "wrong_till"));
    // Store T02's till, asking for store T01's.
    let other = t02.send("GET", &status, b"").await;
    assert_eq!((other.status, other.code().as_str()), (403, "other_store"));

    // Claiming to be C1 without C1's key.
    let impostor = TillSigningKey::generate().sign(&TillRef::new("T01", "C1"), "GET", &status, b"");
    let forged = c1.send_with("GET", &status, b"", pairs(&impostor)).await;
    assert_eq!(
        (forged.status, forged.code().as_str()),
        (401, "bad_signature")
    );

    // The same signed request twice: the second is a replay.
    let signed = c1.key.sign(&c1.till, "GET", &status, b"");
    let once = c1.send_with("GET", &status, b"", pairs(&signed)).await;
    assert_eq!(once.status, 200);
    let replay = c1.send_with("GET", &status, b"", pairs(&signed)).await;
    assert_eq!(
        (replay.status, replay.code().as_str()),
        (401, "replayed_request")
    );

    // Signed ten minutes ago: stale, whatever the nonce.
    let old = jiff::Timestamp::now().as_second() - 600;
    let stale = c1
        .key
        .sign_at(&c1.till, "GET", &status, b"", old, "0123456789abcdef0123");
    let late = c1.send_with("GET", &status, b"", pairs(&stale)).await;
    assert_eq!((late.status, late.code().as_str()), (401, "stale_request"));

    // A body altered after signing.
    let audit = c1.path("audit");
    let signed = c1.key.sign(&c1.till, "POST", &audit, br#"{"entries":[]}"#);
    let altered = c1
        .send_with("POST", &audit, br#"{"entries":[ ]}"#, pairs(&signed))
        .await;
    assert_eq!(
        (altered.status, altered.code().as_str()),
        (401, "bad_signature")
    );

    // A till nobody enrolled.
    let stranger = support::TestTill {
        till: TillRef::new("T03", "C9"),
        key: TillSigningKey::generate(),
        base: central.base_url(),
        http: http(),
    };
    let unknown = stranger.send("GET", &stranger.path("status"), b"").await;
    assert_eq!(
        (unknown.status, unknown.code().as_str()),
        (401, "unknown_till")
    );
}

fn pairs(headers: &providers::central::SignedHeaders) -> Vec<(&'static str, String)> {
    headers
        .pairs()
        .iter()
        .map(|(name, value)| (*name, value.to_string()))
        .collect()
}
