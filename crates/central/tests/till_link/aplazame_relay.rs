//! An Aplazame checkout confirmed through the real Central: the till (SQLite, the simulator over
//! loopback) creates it with Central's `/webhooks/aplazame/T01` as its IPN URL and announces it
//! (`desk::central::forward_aplazame`); the simulator plays the buyer and asks the store to confirm.
//! With the till's auto-confirm rule Central answers `ok` by itself; with the rule off Central holds
//! Aplazame off (`503`, Aplazame asks again) until the cashier's decision, carried by the same link,
//! is there, and the checkout ends as the cashier decided.

use std::time::Duration;

use ::central::Server;
use desk::central;
use providers::apurata::downpayment::MOCK_TOKEN;
use providers::central::TillRef;
use sandbox::AplazameTiming;
use till::Till;
use till::aplazame::{Checkout, Decision};

use crate::aplazame_support::{sale, setup};
use crate::orders_support::{Store, store};

const CREATED_WITHIN: Duration = Duration::from_secs(15);

struct Rig {
    provider: sandbox::RunningSandbox,
    dir: tempfile::TempDir,
    till: Till,
    central: Server,
}

/// The simulator (IPNs retried every 100 ms for 20 s), Central reading it back with T01's key and
/// waiting `wait_ms` for a decision, and a till with Aplazame enrolled as T01/C1.
async fn rig(auto_confirm: bool, wait_ms: u64) -> Rig {
    let Store {
        provider,
        till,
        dir,
    } = store().await;
    provider.aplazame().set_timing(AplazameTiming {
        ipn_first_retry_ms: 100,
        ipn_window_ms: 20_000,
        ipn_attempt_timeout_ms: 5_000,
    });
    let root = format!("{}/aplazame/", provider.url().trim_end_matches('/'));
    let central = crate::support::start_with(|config| {
        config.providers.aplazame = root.parse().unwrap();
        config.aplazame_confirm_wait = Duration::from_millis(wait_ms);
        let t01 = config.stores.iter_mut().find(|s| s.code == "T01").unwrap();
        t01.aplazame_key = Some(providers::ApiToken::new(MOCK_TOKEN));
    })
    .await;
    let code = ::central::auth::enroll::issue_code(&central.state.pool, "T01", "C1", "test")
        .await
        .unwrap();
    central::enroll(
        &till,
        dir.path(),
        &TillRef::new("T01", "C1"),
        &central.base_url(),
        &code,
        false,
    )
    .await
    .unwrap();
    let ipn = format!("{}/webhooks/aplazame/T01", central.base_url());
    let till = till
        .with_country(till::Country::Spain)
        .with_aplazame(setup(&root, &ipn, auto_confirm))
        .unwrap();
    till.open_shift(till::CashCount::default()).await.unwrap();
    Rig {
        provider,
        dir,
        till,
        central,
    }
}

impl Rig {
    /// Creates the cart's checkout and tells Central; the buyer then finishes on their phone.
    async fn created_and_bought(&self) -> Checkout {
        let checkout = self
            .till
            .create_checkout(sale("lucia@example.es"))
            .await
            .unwrap();
        let told = central::forward_aplazame(&self.till, self.dir.path())
            .await
            .unwrap();
        assert_eq!(told.announced, vec![checkout.order_id.clone()], "{told:?}");
        let id = checkout.checkout_id.clone().unwrap();
        self.buyer_completes(id.as_str()).await;
        checkout
    }

    /// The buyer opens the checkout on their phone and completes it, at the simulator's control.
    async fn buyer_completes(&self, checkout_id: &str) {
        for action in ["start", "complete"] {
            let answer = reqwest::Client::new()
                .post(format!(
                    "{}/__sandbox/aplazame/checkouts/{checkout_id}/buyer",
                    self.provider.url(),
                ))
                .bearer_auth(MOCK_TOKEN)
                .json(&serde_json::json!({"action": action}))
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status(), 200, "{action}");
        }
    }

    /// Reads the checkout at Aplazame until it is `status` (15 s at most).
    async fn until(&self, order_id: &str, status: &str) -> Checkout {
        let started = std::time::Instant::now();
        loop {
            let checkout = self.till.refresh_checkout(order_id).await.unwrap();
            if checkout.status.as_deref() == Some(status) {
                return checkout;
            }
            assert!(
                started.elapsed() < CREATED_WITHIN,
                "never {status}: {checkout:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Who Central recorded as deciding `mid`, and whether Aplazame was given it.
    async fn central_decision(&self, mid: &str) -> (Option<String>, Option<String>) {
        let db = self.central.state.pool.get().await.unwrap();
        let row = db
            .query_one(
                "SELECT decision, decided_by FROM aplazame_confirmation WHERE mid = $1",
                &[&mid],
            )
            .await
            .unwrap();
        (row.get(0), row.get(1))
    }
}

#[tokio::test]
async fn the_tills_rule_announced_to_central_confirms_a_matching_checkout() {
    let rig = rig(true, 2_000).await;
    let checkout = rig.created_and_bought().await;
    let done = rig.until(&checkout.order_id, "ok").await;
    assert!(done.mismatch.is_empty());
    assert!(done.may_hand_over());
    let (decision, by) = rig.central_decision(&checkout.order_id).await;
    assert_eq!(decision.as_deref(), Some("ok"));
    assert_eq!(by.as_deref(), Some("rule"));
    assert_eq!(rig.provider.aplazame().checkouts().len(), 1);
}

#[tokio::test]
async fn without_the_rule_central_waits_for_the_cashiers_decision_carried_by_the_relay() {
    let rig = rig(false, 1_000).await;
    let checkout = rig.created_and_bought().await;
    // Central relays the IPN; the till reads it back and waits for the cashier.
    let started = std::time::Instant::now();
    let waiting = loop {
        central::relay_once(&rig.till, rig.dir.path(), 5)
            .await
            .unwrap();
        let now = rig.till.checkout(&checkout.order_id).await.unwrap();
        if now.awaits_confirmation() {
            break now;
        }
        assert!(started.elapsed() < CREATED_WITHIN, "{now:?}");
    };
    assert_eq!(waiting.decision, None);
    assert!(!waiting.may_hand_over());
    // Meanwhile Aplazame is held off, not answered `ko`.
    assert_eq!(rig.central_decision(&checkout.order_id).await.0, None);

    rig.till.confirm_checkout(&checkout.order_id).await.unwrap();
    let told = central::forward_aplazame(&rig.till, rig.dir.path())
        .await
        .unwrap();
    assert_eq!(told.decided, vec![checkout.order_id.clone()], "{told:?}");
    let done = rig.until(&checkout.order_id, "ok").await;
    assert!(done.may_hand_over());
    assert_eq!(done.decision, Some(Decision::Ok));
    assert!(done.decision_forwarded_at.is_some());
    let (decision, by) = rig.central_decision(&checkout.order_id).await;
    assert_eq!(decision.as_deref(), Some("ok"));
    assert_eq!(by.as_deref(), Some("Luis"));
}

#[tokio::test]
async fn a_cashiers_rejection_reaches_aplazame_through_central() {
    let rig = rig(false, 1_000).await;
    let checkout = rig.created_and_bought().await;
    let started = std::time::Instant::now();
    while !rig
        .till
        .refresh_checkout(&checkout.order_id)
        .await
        .unwrap()
        .awaits_confirmation()
    {
        assert!(started.elapsed() < CREATED_WITHIN);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    rig.till
        .reject_checkout(&checkout.order_id, "El cliente se llevó otro modelo")
        .await
        .unwrap();
    central::forward_aplazame(&rig.till, rig.dir.path())
        .await
        .unwrap();
    let done = rig.until(&checkout.order_id, "ko").await;
    assert_eq!(
        done.status_reason.as_deref(),
        Some("confirmation_rejected_by_merchant")
    );
    assert!(!done.may_hand_over());
}

#[tokio::test]
async fn an_ipn_naming_a_lost_create_is_kept_while_aplazame_cannot_be_read_and_settles_it_later() {
    let rig = rig(false, 1_000).await;
    rig.provider.aplazame().set_faults(sandbox::AplazameFaults {
        drop_create_answer: 1,
        ..sandbox::AplazameFaults::default()
    });
    let lost = rig.till.create_checkout(sale("lucia@example.es")).await;
    assert_eq!(lost.unwrap_err().code(), "checkout_outcome_unknown");
    let at_aplazame = rig.provider.aplazame().checkouts().remove(0);
    let order_id = at_aplazame.mid.clone();
    assert_eq!(
        rig.till.checkout(&order_id).await.unwrap().state,
        till::aplazame::CreateState::Unknown
    );
    // The buyer goes on: Aplazame's IPNs reach Central, which keeps them for this till.
    rig.buyer_completes(&at_aplazame.id).await;

    // Aplazame stops answering status reads: the IPN cannot be read back, and it is kept.
    rig.provider.aplazame().set_faults(sandbox::AplazameFaults {
        fail_status: 1_000,
        ..sandbox::AplazameFaults::default()
    });
    let cursor = || async {
        rig.till
            .with_central_db(|db| till::central::cursor(db))
            .await
    };
    let before = cursor().await.unwrap().relay_after;
    let started = std::time::Instant::now();
    let kept = loop {
        let report = central::relay_once(&rig.till, rig.dir.path(), 2)
            .await
            .unwrap();
        assert!(
            report.handled.iter().all(|h| h.provider != "aplazame"),
            "an Aplazame IPN was moved past while Aplazame was down: {report:?}"
        );
        if let Some(kept) = report.kept {
            break kept;
        }
        assert!(started.elapsed() < CREATED_WITHIN, "no IPN was relayed");
    };
    assert_eq!(kept.code, "checkout_outcome_unknown");
    assert_eq!(kept.reference, order_id);
    assert_eq!(
        cursor().await.unwrap().relay_after,
        before,
        "the IPN is kept"
    );
    assert_eq!(
        rig.till.checkout(&order_id).await.unwrap().state,
        till::aplazame::CreateState::Unknown
    );

    // Aplazame answers again: the same IPN settles the lost create, never sent twice.
    rig.provider
        .aplazame()
        .set_faults(sandbox::AplazameFaults::default());
    let report = central::relay_once(&rig.till, rig.dir.path(), 2)
        .await
        .unwrap();
    assert!(report.relay_after > before, "{report:?}");
    let settled = rig.till.checkout(&order_id).await.unwrap();
    assert_eq!(settled.state, till::aplazame::CreateState::Created);
    assert_eq!(
        settled.checkout_id.as_ref().map(|id| id.as_str()),
        Some(at_aplazame.id.as_str())
    );
    assert_eq!(rig.provider.aplazame().checkouts().len(), 1, "never twice");
}
