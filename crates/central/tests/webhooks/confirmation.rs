//! The store's confirmation of an Aplazame checkout, end to end over loopback: the real simulator
//! (`sandbox`) creates the checkout and plays the buyer, its IPNs reach a real Central (PostgreSQL)
//! whose answer decides the checkout, and the till speaks through its own client
//! (`providers::central::CentralClient`, signed like every till call).

use std::time::Duration;

use central::Server;
use providers::central::client::{CentralClient, CentralError, parse_base_url};
use providers::central::confirmation::{Announcement, Decision, DecisionRequest, Policy};
use providers::central::signing::TillSigningKey;
use providers::{HttpSettings, PlainHttp};
use sandbox::{AplazameTiming, RunningSandbox, SandboxConfig};
use serde_json::json;

use crate::support::{enroll, start_with};

const KEY: &str = providers::apurata::downpayment::MOCK_TOKEN;
/// The simulator's cart: 129,80 €.
pub const TOTAL: i64 = 12_980;

pub struct Rig {
    pub aplazame: RunningSandbox,
    pub central: Server,
    pub till: CentralClient,
}

/// The simulator, Central reading it back with T01's key and waiting `wait_ms` for a decision, and
/// till T01/C1 enrolled with its client.
pub async fn rig(wait_ms: u64, timing: AplazameTiming) -> Rig {
    let aplazame = sandbox::start(SandboxConfig::default()).await.unwrap();
    aplazame.aplazame().set_timing(timing);
    let root = format!("{}/aplazame/", aplazame.url());
    let central = start_with(|config| {
        config.providers.aplazame = root.parse().unwrap();
        config.aplazame_confirm_wait = Duration::from_millis(wait_ms);
        let t01 = config.stores.iter_mut().find(|s| s.code == "T01").unwrap();
        t01.aplazame_key = Some(providers::ApiToken::new(KEY));
    })
    .await;
    let enrolled = enroll(&central, "T01", "C1").await;
    let base = parse_base_url(&central.base_url(), PlainHttp::LoopbackOnly).unwrap();
    let key = TillSigningKey::from_base64(&enrolled.key.to_base64()).unwrap();
    let till = CentralClient::new(base, enrolled.till, key, HttpSettings::default()).unwrap();
    Rig {
        aplazame,
        central,
        till,
    }
}

pub fn quick() -> AplazameTiming {
    AplazameTiming {
        ipn_first_retry_ms: 100,
        ipn_window_ms: 10_000,
        ipn_attempt_timeout_ms: 3_000,
    }
}

impl Rig {
    /// Creates the checkout of `mid` (live, or in test mode) with Central's IPN URL; its id.
    pub async fn create(&self, mid: &str, test_mode: bool) -> String {
        let body = json!({
            "order": {"id": mid, "currency": "EUR", "total_amount": TOTAL, "articles": [
                {"id": "1", "name": "Zapatillas", "quantity": 2, "price": 4950, "tax_rate": 2100,
                 "discount": 413},
                {"id": "2", "name": "Calcetines", "quantity": 1, "price": 1818, "tax_rate": 1000}
            ]},
            "customer": {"email": "lucia@example.es", "first_name": "Lucía"},
            "merchant": {"ipn_url": format!("{}/webhooks/aplazame/T01", self.central.base_url())}
        });
        let accept = if test_mode {
            providers::aplazame::SANDBOX_MEDIA_TYPE
        } else {
            providers::aplazame::MEDIA_TYPE
        };
        let answer = reqwest::Client::new()
            .post(format!("{}/aplazame/checkout/offline", self.aplazame.url()))
            .bearer_auth(KEY)
            .header("accept", accept)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 201);
        let created: serde_json::Value = answer.json().await.unwrap();
        created["id"].as_str().unwrap().to_owned()
    }

    /// The buyer starts and completes: Aplazame asks the store to confirm.
    pub async fn buyer_completes(&self, id: &str) {
        for action in ["start", "complete"] {
            let answer = reqwest::Client::new()
                .post(format!(
                    "{}/__sandbox/aplazame/checkouts/{id}/buyer",
                    self.aplazame.url()
                ))
                .bearer_auth(KEY)
                .json(&json!({ "action": action }))
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status(), 200, "{action}");
        }
    }

    pub fn stage(&self, id: &str) -> String {
        self.aplazame.aplazame().checkout(id).unwrap().stage.label()
    }

    /// Waits (up to 15 s) for the checkout to leave `pending`; its final stage.
    pub async fn settled(&self, id: &str) -> String {
        for _ in 0..300 {
            let stage = self.stage(id);
            if !stage.starts_with("pending") {
                return stage;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("checkout {id} still {}", self.stage(id));
    }

    pub async fn announce(
        &self,
        mid: &str,
        id: Option<&str>,
        total: i64,
        sandbox: bool,
        policy: Policy,
    ) {
        let announcement = Announcement {
            checkout_id: id.map(str::to_owned),
            total_cents: total,
            currency: "EUR".into(),
            sandbox,
            policy,
        };
        let held = self
            .till
            .announce_aplazame(mid, &announcement)
            .await
            .unwrap();
        assert_eq!((held.policy, held.given), (Some(policy), None));
    }

    pub async fn decide(
        &self,
        mid: &str,
        decision: Decision,
    ) -> Result<providers::central::confirmation::Confirmation, CentralError> {
        let request = DecisionRequest {
            decision,
            decided_by: "Ana Pérez".into(),
            reason: "la clienta firmó".into(),
            checkout_id: None,
        };
        self.till.decide_aplazame(mid, &request).await
    }

    /// The answers Central logged for `mid`: (answer, reason).
    pub async fn answers(&self, mid: &str) -> Vec<(String, String)> {
        let client = self.central.state.pool.get().await.unwrap();
        client
            .query(
                "SELECT answer, reason FROM aplazame_answer WHERE mid = $1 ORDER BY id",
                &[&mid],
            )
            .await
            .unwrap()
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect()
    }
}

#[tokio::test]
async fn the_cashiers_ok_confirms_and_their_ko_rejects() {
    let rig = rig(5_000, quick()).await;
    for (mid, decision, ends) in [
        ("T01-C1-A000001", Decision::Ok, "ok"),
        (
            "T01-C1-A000002",
            Decision::Ko,
            "ko/confirmation_rejected_by_merchant",
        ),
    ] {
        let id = rig.create(mid, false).await;
        rig.announce(mid, Some(&id), TOTAL, false, Policy::Ask)
            .await;
        let held = rig.decide(mid, decision).await.unwrap();
        assert_eq!((held.decision, held.given), (Some(decision), None));
        rig.buyer_completes(&id).await;
        assert_eq!(rig.settled(&id).await, ends);
        let held = rig.till.aplazame_confirmation(mid).await.unwrap();
        assert_eq!(held.given, Some(decision));
        assert_eq!(held.decided_by.as_deref(), Some("Ana Pérez"));
        assert_eq!(held.decided_till.as_deref(), Some("C1"));
        assert!(held.given_at.is_some());
        let answers = rig.answers(mid).await;
        assert_eq!(
            answers,
            [(decision.as_str().to_owned(), "la clienta firmó".to_owned())]
        );
        // The simulator heard the decision in Central's answer.
        let ipns = rig.aplazame.aplazame().checkout(&id).unwrap().ipns;
        assert!(
            ipns.iter()
                .any(|ipn| ipn.decision.as_deref() == Some(decision.as_str())),
            "{ipns:?}"
        );
    }
}

#[tokio::test]
async fn the_auto_rule_confirms_a_matching_checkout_and_never_a_different_one() {
    let rig = rig(5_000, quick()).await;
    // As announced: confirmed by the rule, no one asked.
    let id = rig.create("T01-C1-A000011", true).await;
    rig.announce("T01-C1-A000011", Some(&id), TOTAL, true, Policy::Auto)
        .await;
    rig.buyer_completes(&id).await;
    assert_eq!(rig.settled(&id).await, "ok");
    let held = rig
        .till
        .aplazame_confirmation("T01-C1-A000011")
        .await
        .unwrap();
    assert_eq!(
        (held.given, held.decided_by.as_deref()),
        (Some(Decision::Ok), Some("rule"))
    );

    // Another total, or a live checkout announced as a test: rejected by the rule, with why, even
    // over a cashier's ok for the second.
    let cheaper = rig.create("T01-C1-A000012", false).await;
    rig.announce("T01-C1-A000012", None, 12_000, false, Policy::Auto)
        .await;
    rig.buyer_completes(&cheaper).await;
    assert_eq!(
        rig.settled(&cheaper).await,
        "ko/confirmation_rejected_by_merchant"
    );
    let held = rig
        .till
        .aplazame_confirmation("T01-C1-A000012")
        .await
        .unwrap();
    assert_eq!(
        (held.given, held.decided_by.as_deref()),
        (Some(Decision::Ko), Some("rule"))
    );
    let reason = held.given_reason.unwrap();
    assert!(
        reason.contains("total 12980 cents (announced 12000)"),
        "{reason}"
    );
    assert_eq!(held.checkout_id.as_deref(), Some(cheaper.as_str()));

    let live = rig.create("T01-C1-A000013", false).await;
    rig.announce("T01-C1-A000013", Some(&live), TOTAL, true, Policy::Ask)
        .await;
    rig.decide("T01-C1-A000013", Decision::Ok).await.unwrap();
    rig.buyer_completes(&live).await;
    assert_eq!(
        rig.settled(&live).await,
        "ko/confirmation_rejected_by_merchant"
    );
    let answers = rig.answers("T01-C1-A000013").await;
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].0, "ko");
    assert!(
        answers[0].1.contains("sandbox false (announced true)"),
        "{answers:?}"
    );
    // The cashier's ok stays on record as theirs; what Aplazame got was ko, and ok is now refused.
    let refused = rig
        .decide("T01-C1-A000013", Decision::Ok)
        .await
        .unwrap_err();
    assert_eq!(refused.api_code(), Some("already_answered"));
}

#[tokio::test]
async fn no_decision_in_time_is_deferred_then_the_retried_ipn_is_answered() {
    let timing = AplazameTiming {
        ipn_first_retry_ms: 300,
        ipn_window_ms: 20_000,
        ipn_attempt_timeout_ms: 3_000,
    };
    let rig = rig(200, timing).await;
    let mid = "T01-C1-A000021";
    let id = rig.create(mid, false).await;
    rig.announce(mid, Some(&id), TOTAL, false, Policy::Ask)
        .await;
    rig.buyer_completes(&id).await;

    // The cashier sees the checkout waiting: relayed to the till while Central waits for it.
    let mut after = 0;
    let mut events = Vec::new();
    while !events
        .iter()
        .any(|event: &String| event == "pending:confirmation_required")
    {
        let batch = rig.till.events(after, 5).await.unwrap();
        assert!(!batch.events.is_empty(), "no event relayed; got {events:?}");
        after = batch.next;
        events.extend(batch.events.into_iter().map(|event| event.event));
    }
    // Deferred at least twice: Aplazame was answered 503 and asked again.
    for _ in 0..100 {
        if rig.answers(mid).await.len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let answers = rig.answers(mid).await;
    assert!(
        answers.len() >= 2 && answers.iter().all(|a| a.0 == "deferred"),
        "{answers:?}"
    );
    assert_eq!(rig.stage(&id), "pending/confirmation_required");
    let ipns = rig.aplazame.aplazame().checkout(&id).unwrap().ipns;
    assert!(
        ipns.iter().any(|ipn| ipn.http_status == Some(503)),
        "{ipns:?}"
    );

    rig.decide(mid, Decision::Ok).await.unwrap();
    assert_eq!(rig.settled(&id).await, "ok");
    let answers = rig.answers(mid).await;
    assert_eq!(answers.last().unwrap().0, "ok");
    assert!(
        answers[..answers.len() - 1]
            .iter()
            .all(|a| a.0 == "deferred")
    );
    // The retries were kept, not relayed again.
    let client = rig.central.state.pool.get().await.unwrap();
    let relayed: i64 = client
        .query_one(
            "SELECT count(*) FROM relay_event WHERE event = 'pending:confirmation_required'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(relayed, 1);
}

#[tokio::test]
async fn a_decision_twice_is_idempotent_and_a_contrary_one_refused() {
    let rig = rig(5_000, quick()).await;
    let mid = "T01-C1-A000031";
    let id = rig.create(mid, false).await;
    // Before Aplazame is answered the cashier may change their mind; the same decision is fine.
    rig.decide(mid, Decision::Ko).await.unwrap();
    rig.decide(mid, Decision::Ok).await.unwrap();
    let again = rig.decide(mid, Decision::Ok).await.unwrap();
    assert_eq!((again.decision, again.given), (Some(Decision::Ok), None));
    rig.buyer_completes(&id).await;
    assert_eq!(rig.settled(&id).await, "ok");

    let same = rig.decide(mid, Decision::Ok).await.unwrap();
    assert_eq!(same.given, Some(Decision::Ok));
    let contrary = rig.decide(mid, Decision::Ko).await.unwrap_err();
    assert!(
        matches!(&contrary, CentralError::Refused { status: 409, code, message }
            if code == "already_answered" && message.contains("«ok»")),
        "{contrary:?}"
    );
    let held = rig.till.aplazame_confirmation(mid).await.unwrap();
    assert_eq!(
        (held.decision, held.given),
        (Some(Decision::Ok), Some(Decision::Ok))
    );
    // A contrary announcement after the answer is refused too, and another checkout id for the order.
    let other = Announcement {
        checkout_id: Some("ch_other".into()),
        total_cents: TOTAL,
        currency: "EUR".into(),
        sandbox: false,
        policy: Policy::Ask,
    };
    let refused = rig.till.announce_aplazame(mid, &other).await.unwrap_err();
    assert_eq!(refused.api_code(), Some("checkout_mismatch"));

    // A till speaks only for its own orders.
    let foreign = rig
        .decide("T01-C2-A000001", Decision::Ok)
        .await
        .unwrap_err();
    assert_eq!(foreign.api_code(), Some("wrong_till"));
    let unknown = rig
        .till
        .aplazame_confirmation("T01-C1-A000099")
        .await
        .unwrap_err();
    assert_eq!(unknown.api_code(), Some("not_found"));
}
