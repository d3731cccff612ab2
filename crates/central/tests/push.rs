//! The audit push against a real PostgreSQL: the same batch twice is stored once, a batch out of order
//! fills in, a hole is named until it is filled, a rewritten or forged entry is refused and filed, a Z
//! report is verified against the digest its shift's closing sealed, whichever arrives first.

mod support;

use central::synthetic::{Payment, SyntheticTill};
use jiff::{SignedDuration, Timestamp};
use providers::central::wire::{AuditBatch, AuditEntry, PushAnswer, SeqRange};
use support::{TestTill, enroll, start_central};

const CASH: Payment<'static> = Payment {
    collect_centimos: 25_050,
    state: "confirmed",
    tender: "cash",
    operator: "Luis",
};

/// `count` payments (two entries each) starting now.
fn payments(till: &mut SyntheticTill, count: usize) -> Vec<AuditEntry> {
    let start = Timestamp::now() - SignedDuration::from_mins(30);
    (0..count)
        .flat_map(|i| till.payment(start + SignedDuration::from_secs(10 * i as i64), CASH))
        .collect()
}

async fn push(till: &TestTill, entries: &[AuditEntry]) -> PushAnswer {
    let body = serde_json::to_vec(&AuditBatch {
        entries: entries.to_vec(),
    })
    .unwrap();
    let answer = till.send("POST", &till.path("audit"), &body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

async fn count(central: &central::Server, sql: &str) -> i64 {
    let client = central.state.pool.get().await.unwrap();
    client.query_one(sql, &[]).await.unwrap().get(0)
}

#[tokio::test]
async fn the_same_batch_twice_is_stored_once() {
    let central = start_central().await;
    let till = enroll(&central, "T01", "C1").await;
    let entries = payments(&mut SyntheticTill::new("T01", "C1", "live"), 50);

    let first = push(&till, &entries).await;
    assert_eq!(
        (first.received, first.stored, first.duplicates),
        (100, 100, 0)
    );
    assert_eq!(first.high_water, 100);
    assert!(first.missing.is_empty() && first.rewritten.is_empty() && first.broken.is_empty());

    let again = push(&till, &entries).await;
    assert_eq!(
        (again.stored, again.duplicates, again.high_water),
        (0, 100, 100)
    );
    assert_eq!(
        count(&central, "SELECT count(*) FROM audit_entry").await,
        100
    );
    // 50 payments, each the newest of its two entries: confirmed.
    assert_eq!(
        count(
            &central,
            "SELECT count(*) FROM operation WHERE state = 'confirmed'"
        )
        .await,
        50
    );
    assert_eq!(
        count(
            &central,
            "SELECT sum(collect_centimos)::int8 FROM operation"
        )
        .await,
        50 * 25_050
    );
}

#[tokio::test]
async fn a_batch_out_of_order_fills_the_hole_it_left() {
    let central = start_central().await;
    let till = enroll(&central, "T01", "C1").await;
    let entries = payments(&mut SyntheticTill::new("T01", "C1", "live"), 10);

    let later = push(&till, &entries[10..]).await;
    assert_eq!((later.stored, later.high_water), (10, 0));
    assert_eq!(later.missing, vec![SeqRange { from: 1, to: 10 }]);

    let mut reversed = entries[..10].to_vec();
    reversed.reverse();
    let earlier = push(&till, &reversed).await;
    assert_eq!((earlier.stored, earlier.high_water), (10, 20));
    assert!(earlier.missing.is_empty() && earlier.broken.is_empty());
    // The projection kept the newest state even though the entries came backwards.
    assert_eq!(
        count(
            &central,
            "SELECT count(*) FROM operation WHERE state = 'confirmed'"
        )
        .await,
        10
    );
}

#[tokio::test]
async fn a_hole_is_named_until_it_is_filled() {
    let central = start_central().await;
    let till = enroll(&central, "T01", "C1").await;
    let entries = payments(&mut SyntheticTill::new("T01", "C1", "live"), 6);

    let mut sent: Vec<AuditEntry> = entries[..3].to_vec();
    sent.extend_from_slice(&entries[7..]);
    let answer = push(&till, &sent).await;
    assert_eq!(answer.high_water, 3);
    assert_eq!(answer.missing, vec![SeqRange { from: 4, to: 7 }]);

    let status = till.send("GET", &till.path("status"), b"").await.json();
    assert_eq!(status["high_water"], 3);
    assert_eq!(status["missing"][0]["from"], 4);
    assert_eq!(status["missing"][0]["to"], 7);

    let filled = push(&till, &entries[3..7]).await;
    assert_eq!((filled.high_water, filled.missing.len()), (12, 0));
}

#[tokio::test]
async fn a_rewritten_or_forged_entry_is_refused_and_filed() {
    let central = start_central().await;
    let till = enroll(&central, "T01", "C1").await;
    let entries = payments(&mut SyntheticTill::new("T01", "C1", "live"), 3);
    push(&till, &entries).await;

    // The till's file edited afterwards: entry 2 rewritten with a recomputed, self-consistent hash.
    let mut rewritten = entries[1].clone();
    rewritten.content = rewritten.content.replace("25050", "5050");
    rewritten.hash = rewritten.computed_hash();
    let answer = push(&till, &[rewritten]).await;
    assert_eq!(answer.rewritten, vec![2]);
    assert_eq!(answer.stored, 0);

    // An entry whose hash does not match its fields is not stored at all.
    let mut forged = SyntheticTill::new("T01", "C1", "live");
    let mut next = payments(&mut forged, 4)[6].clone();
    next.content.push(' ');
    let answer = push(&till, &[next]).await;
    assert_eq!(answer.broken, vec![7]);
    assert_eq!(answer.stored, 0);

    // A well-formed entry 7 that does not link to Central's entry 6: the chain does not carry across.
    let mut stranger = SyntheticTill::new("T01", "C1", "live");
    let unlinked = payments(&mut stranger, 4)[6].clone();
    let answer = push(&till, &[unlinked]).await;
    assert_eq!(answer.broken, vec![7]);
    assert_eq!(answer.high_water, 7);

    assert_eq!(
        count(
            &central,
            "SELECT count(*) FROM finding WHERE kind = 'rewritten' AND seq = 2"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &central,
            "SELECT count(*) FROM finding WHERE kind = 'broken' AND seq = 7"
        )
        .await,
        1
    );
    // The first version of entry 2 is the one kept.
    assert_eq!(
        count(
            &central,
            "SELECT count(*) FROM audit_entry WHERE seq = 2 AND content LIKE '%25050%'"
        )
        .await,
        1
    );
    let status = till.send("GET", &till.path("status"), b"").await.json();
    assert_eq!(status["findings"], 2);
}

#[tokio::test]
async fn a_z_report_is_verified_against_its_sealed_digest() {
    let central = start_central().await;
    let till = enroll(&central, "T01", "C1").await;
    let mut synthetic = SyntheticTill::new("T01", "C1", "live");
    let now = Timestamp::now() - SignedDuration::from_hours(1);
    let mut entries = vec![synthetic.open_shift(now, 20_000, "Rosa")];
    entries.extend(payments(&mut synthetic, 2));
    let (closed, snapshot) =
        synthetic.close_shift(now + SignedDuration::from_mins(50), 1, -250, "Rosa");

    // The Z first: held, not yet verified.
    let z_path = till.path("z/live/1");
    let early = till.send("PUT", &z_path, snapshot.as_bytes()).await;
    assert_eq!(early.status, 200, "{}", early.body);
    assert_eq!(early.json()["verified"], false);

    entries.push(closed);
    push(&till, &entries).await;
    let again = till.send("PUT", &z_path, snapshot.as_bytes()).await;
    assert_eq!(again.json()["verified"], true);
    assert_eq!(
        count(
            &central,
            "SELECT difference_centimos FROM z_report WHERE number = 1"
        )
        .await,
        -250
    );

    let other = till
        .send("PUT", &z_path, snapshot.replace("-2.5", "-3.5").as_bytes())
        .await;
    assert_eq!((other.status, other.code().as_str()), (409, "z_rewritten"));
    let bad = till
        .send("PUT", &till.path("z/test/1"), snapshot.as_bytes())
        .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn a_batch_over_the_limit_is_refused_whole() {
    let central = start_central().await;
    let till = enroll(&central, "T01", "C1").await;
    let entries = payments(&mut SyntheticTill::new("T01", "C1", "live"), 501);
    let body = serde_json::to_vec(&AuditBatch { entries }).unwrap();
    let answer = till.send("POST", &till.path("audit"), &body).await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (413, "batch_too_large")
    );
    assert_eq!(count(&central, "SELECT count(*) FROM audit_entry").await, 0);
}
