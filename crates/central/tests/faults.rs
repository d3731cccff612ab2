//! Central's storage failing under a till: PostgreSQL stopped as a crash would stop it while a till is
//! pushing, then started again. The pushes in flight fail (the till is told to send again), and once
//! the till has sent everything Central holds every entry exactly once and the chain intact. And a
//! database URL that requires TLS is never served in plain text by a server that offers none.

mod support;

use std::time::Duration;

use central::pg_cluster::Cluster;
use central::synthetic::{Payment, SyntheticTill};
use central::{Config, Server};
use jiff::{SignedDuration, Timestamp};
use providers::central::wire::{AuditBatch, PushAnswer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restarted_mid_push_loses_and_doubles_nothing() {
    // A cluster of this test's own: restarting the shared one would disturb the other tests.
    let cluster = Cluster::temporary().expect("a cluster");
    let database = cluster.create_database("faults").await.unwrap();
    let config = Config::for_database(&database, support::stores());
    let central = Server::on_loopback(config).await.unwrap();
    let till = support::enroll(&central, "T01", "C1").await;

    let mut synthetic = SyntheticTill::new("T01", "C1", "live");
    let start = Timestamp::now() - SignedDuration::from_hours(5);
    let entries: Vec<_> = (0..1500)
        .flat_map(|i| {
            synthetic.payment(
                start + SignedDuration::from_secs(7 * i),
                Payment {
                    collect_centimos: 10_000 + i,
                    state: "confirmed",
                    tender: "cash",
                    operator: "Luis",
                },
            )
        })
        .collect();
    let total = entries.len() as i64;

    // The till's loop: send from the acknowledged high water, 100 at a time; on failure wait and send
    // again, as desk's push does.
    let progress = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(0));
    let seen = progress.clone();
    let pusher = tokio::spawn(async move {
        let mut high_water = 0i64;
        let (mut failures, mut sends) = (0, 0);
        while high_water < total {
            let from = usize::try_from(high_water).unwrap();
            let batch = &entries[from..(from + 100).min(entries.len())];
            let body = serde_json::to_vec(&AuditBatch {
                entries: batch.to_vec(),
            })
            .unwrap();
            sends += 1;
            let answer = till.send("POST", &till.path("audit"), &body).await;
            if answer.status == 200 {
                let pushed: PushAnswer = serde_json::from_str(&answer.body).unwrap();
                assert!(
                    pushed.rewritten.is_empty() && pushed.broken.is_empty(),
                    "{pushed:?}"
                );
                high_water = pushed.high_water;
                seen.store(high_water, std::sync::atomic::Ordering::SeqCst);
            } else {
                assert_eq!(
                    answer.status, 503,
                    "a storage failure is `unavailable`: {}",
                    answer.body
                );
                failures += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            assert!(sends < 2_000, "the push never recovered");
        }
        (failures, sends)
    });
    // Crash PostgreSQL once a third of the chain is in, with the till still pushing.
    while progress.load(std::sync::atomic::Ordering::SeqCst) < total / 3 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let restart = tokio::task::spawn_blocking(move || {
        cluster.restart().expect("PostgreSQL starts again");
        cluster
    });
    let cluster = restart.await.unwrap();
    let (failures, sends) = pusher.await.unwrap();
    println!("pushes: {sends}, refused while PostgreSQL was down: {failures}");
    assert!(
        failures > 0,
        "PostgreSQL went down while the till was pushing"
    );

    let client = central.state.pool.get().await.unwrap();
    let row = client
        .query_one(
            "SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM audit_entry",
            &[],
        )
        .await
        .unwrap();
    let (count, distinct, min, max): (i64, i64, i64, i64) =
        (row.get(0), row.get(1), row.get(2), row.get(3));
    assert_eq!((count, distinct, min, max), (total, total, 1, total));
    let till_row = client
        .query_one("SELECT high_water, max_seq FROM till", &[])
        .await
        .unwrap();
    assert_eq!(
        (till_row.get::<_, i64>(0), till_row.get::<_, i64>(1)),
        (total, total)
    );
    let findings: i64 = client
        .query_one("SELECT count(*) FROM finding", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(findings, 0);
    let operations: i64 = client
        .query_one(
            "SELECT count(*) FROM operation WHERE state = 'confirmed'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(operations, 1500);
    drop(client);
    drop(central);
    drop(cluster);
}

#[tokio::test]
async fn a_url_that_requires_tls_does_not_fall_back_to_plain_text() {
    let database = support::fresh_database().await;
    let config = Config::for_database(&format!("{database}?sslmode=require"), support::stores());
    let Err(error) = Server::on_loopback(config).await else {
        panic!("Central connected in plain text to a URL that requires TLS");
    };
    let text = format!("{error:#}").to_lowercase();
    assert!(
        text.contains("tls") || text.contains("ssl"),
        "the failure says why: {text}"
    );
}
