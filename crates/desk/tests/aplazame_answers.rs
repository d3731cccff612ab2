//! Aplazame's answers checked against what the till sent, with a small server on loopback playing
//! Aplazame and answering what each test scripts: a status that says `sandbox: false` to a till in
//! sandbox mode, another total, another currency or another order's `mid` is an alert kept on the
//! checkout (never a sale, never handed over, never confirmed, never cleared); a status Aplazame may
//! add later is kept as written; a `400` with Aplazame's field errors is a typed refusal.

mod aplazame_support;
mod orders_support;

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use providers::aplazame::CheckoutId;
use providers::http::ApiError;
use serde_json::{Value, json};
use till::TillError;
use till::aplazame::CreateState;
use till::error::AplazameError;

use aplazame_support::{assert_intact, rosa, sale, setup};

/// What the fake Aplazame answers: the create (`None`: `201` with a new id) and the status fields
/// that override the ones the create asked for.
#[derive(Clone, Default)]
struct Script {
    create: Arc<Mutex<Option<(u16, Value)>>>,
    status: Arc<Mutex<Value>>,
    /// The order each checkout id was created for.
    orders: Arc<Mutex<std::collections::HashMap<String, Value>>>,
    creates: Arc<Mutex<usize>>,
    reads: Arc<Mutex<usize>>,
}

async fn create(State(script): State<Script>, body: axum::Json<Value>) -> Response {
    *script.creates.lock().unwrap() += 1;
    let id = format!("ch_{}", *script.creates.lock().unwrap());
    let order = body.0["order"].clone();
    script.orders.lock().unwrap().insert(id.clone(), order);
    if let Some((status, answer)) = script.create.lock().unwrap().clone() {
        return (StatusCode::from_u16(status).unwrap(), axum::Json(answer)).into_response();
    }
    (StatusCode::CREATED, axum::Json(json!({"id": id}))).into_response()
}

async fn status(State(script): State<Script>, Path(id): Path<String>) -> Response {
    *script.reads.lock().unwrap() += 1;
    let order = script.orders.lock().unwrap().get(&id).cloned();
    let Some(order) = order else {
        let body =
            json!({"error": {"message": "Object not found", "type": "ObjectNotFoundException"}});
        return (StatusCode::NOT_FOUND, axum::Json(body)).into_response();
    };
    let mut answer = json!({
        "id": id,
        "mid": order["id"],
        "total_amount": order["total_amount"],
        "currency": {"name": "Euro", "code": "EUR", "numeric": "978"},
        "status": "pending",
        "sandbox": true,
    });
    for (field, value) in script.status.lock().unwrap().as_object().unwrap() {
        answer[field] = value.clone();
    }
    axum::Json(answer).into_response()
}

struct Fake {
    _provider: sandbox::RunningSandbox,
    _dir: tempfile::TempDir,
    script: Script,
    till: till::Till,
}

async fn fake() -> Fake {
    fake_with(true).await
}

async fn fake_with(auto_confirm: bool) -> Fake {
    let script = Script {
        status: Arc::new(Mutex::new(json!({}))),
        ..Script::default()
    };
    let app = Router::new()
        .route("/aplazame/checkout/offline", post(create))
        .route("/aplazame/checkout/{id}/status", get(status))
        .with_state(script.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let root = format!("http://{}/aplazame/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let orders_support::Store {
        provider,
        till,
        dir,
    } = orders_support::store().await;
    // Nobody listens at the IPN URL: these tests read the status themselves.
    let till = till
        .with_country(till::Country::Spain)
        .with_aplazame(setup(&root, "http://127.0.0.1:9/ipn", auto_confirm))
        .unwrap();
    desk::test_support::open_shift(&till).await;
    Fake {
        _provider: provider,
        _dir: dir,
        script,
        till,
    }
}

impl Fake {
    fn answer(&self, fields: Value) {
        *self.script.status.lock().unwrap() = fields;
    }

    async fn created(&self) -> String {
        let checkout = self
            .till
            .create_checkout(sale("lucia@example.es"))
            .await
            .unwrap();
        assert_eq!(checkout.state, CreateState::Created);
        checkout.order_id
    }
}

#[tokio::test]
async fn a_live_answer_to_a_sandbox_till_is_an_alert_never_a_sale() {
    let f = fake().await;
    let order = f.created().await;
    f.answer(json!({"sandbox": false, "status_reason": "confirmation_required"}));
    let read = f.till.refresh_checkout(&order).await.unwrap();
    assert_eq!(read.mismatch, ["sandbox"]);
    assert_eq!(read.seen_sandbox, Some(false));
    assert!(read.awaits_confirmation());
    assert_eq!(read.decision, None, "the rule never confirms an alert");
    let confirm = f.till.confirm_checkout(&order).await.unwrap_err();
    assert!(
        matches!(&confirm, TillError::Aplazame(AplazameError::Mismatch { fields, .. }) if fields == &["sandbox"]),
        "{confirm:?}"
    );
    // Even `ok` afterwards, and a matching answer, leave the alert in place.
    f.answer(json!({"status": "ok"}));
    let ok = f.till.refresh_checkout(&order).await.unwrap();
    assert_eq!(ok.status.as_deref(), Some("ok"));
    assert_eq!(ok.mismatch, ["sandbox"]);
    assert!(!ok.may_hand_over());
    assert!(f.till.pending_decisions().await.unwrap().is_empty());
    assert_intact(&f.till);
}

#[tokio::test]
async fn another_total_currency_or_order_is_an_alert_naming_the_field() {
    let f = fake().await;
    let cases = [
        (
            json!({"status": "ok", "total_amount": 12_981}),
            "total_amount",
        ),
        (
            json!({"status": "ok", "currency": {"code": "USD"}}),
            "currency",
        ),
        (json!({"status": "ok", "mid": "T01-C1-A999999"}), "mid"),
    ];
    for (answer, field) in cases {
        let order = f.created().await;
        f.answer(answer);
        let read = f.till.refresh_checkout(&order).await.unwrap();
        assert_eq!(read.mismatch, [field]);
        assert_eq!(read.status.as_deref(), Some("ok"));
        assert!(!read.may_hand_over(), "{field}");
    }
    let orders = f.till.checkouts().await.unwrap();
    assert_eq!(orders[2].seen_total.map(|t| t.cents()), Some(12_981));
    assert_eq!(orders[1].seen_currency.as_deref(), Some("USD"));
    assert_eq!(orders[0].seen_mid.as_deref(), Some("T01-C1-A999999"));
    // The same answers, matching: handed over.
    let order = f.created().await;
    f.answer(json!({"status": "ok"}));
    assert!(
        f.till
            .refresh_checkout(&order)
            .await
            .unwrap()
            .may_hand_over()
    );
    assert_intact(&f.till);
}

#[tokio::test]
async fn a_status_aplazame_adds_later_is_kept_as_written() {
    let f = fake().await;
    let order = f.created().await;
    f.answer(json!({"status": "on_hold", "status_reason": "manual_review"}));
    let read = f.till.refresh_checkout(&order).await.unwrap();
    assert_eq!(read.status.as_deref(), Some("on_hold"));
    assert_eq!(read.status_reason.as_deref(), Some("manual_review"));
    assert!(read.mismatch.is_empty());
    assert!(!read.may_hand_over());
    let (headline, _, _) = desk::wording::aplazame::status(desk::wording::Lang::Es, &read);
    assert!(headline.contains("on_hold/manual_review"), "{headline}");
}

#[tokio::test]
async fn a_400_is_a_typed_refusal_and_a_supervisor_cannot_take_another_order() {
    let f = fake().await;
    *f.script.create.lock().unwrap() = Some((
        400,
        json!({"error": {"fields": {"customer.email": ["Enter a valid email address."]},
            "message": "API validation error", "type": "ApiValidationException"}}),
    ));
    let error = f
        .till
        .create_checkout(sale("lucia@example.es"))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, TillError::Aplazame(AplazameError::Refused { cause: ApiError::InvalidFields { fields }, .. })
            if fields.contains_key("customer.email")),
        "{error:?}"
    );
    let refused = f.till.checkout("T01-C1-A000001").await.unwrap();
    assert_eq!(refused.state, CreateState::Refused);
    assert!(refused.refusal.unwrap().contains("valid email"));
    // A lost answer (a 502), then a checkout id whose status names another order.
    *f.script.create.lock().unwrap() = Some((502, json!({})));
    let lost = f.till.create_checkout(sale("lucia@example.es")).await;
    assert_eq!(lost.unwrap_err().code(), "checkout_outcome_unknown");
    f.answer(json!({"mid": "T01-C1-A000077"}));
    let error = f
        .till
        .resolve_checkout_unknown(
            "T01-C1-A000002",
            Some(CheckoutId::parse("ch_2").unwrap()),
            rosa(),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), "checkout_not_ours");
    let still = f.till.checkout("T01-C1-A000002").await.unwrap();
    assert_eq!(still.state, CreateState::Unknown);
    assert_eq!(
        *f.script.creates.lock().unwrap(),
        2,
        "nothing was sent again"
    );
}

#[tokio::test]
async fn an_ipn_is_taken_only_for_our_order_and_its_own_checkout() {
    let f = fake().await;
    let order = f.created().await;
    let ipn = |id: &str, mid: &str| providers::aplazame::CheckoutStatus {
        id: id.to_owned(),
        mid: mid.to_owned(),
        total_amount: 12_980,
        currency: providers::aplazame::Currency {
            code: "EUR".to_owned(),
            name: None,
            numeric: None,
        },
        status: providers::aplazame::CheckoutState::Ok,
        status_reason: None,
        sandbox: true,
    };
    let unknown = f.till.aplazame_event(&ipn("ch_1", "T01-C1-A000999")).await;
    assert_eq!(unknown.unwrap_err().code(), "no_such_checkout");
    let other = f.till.aplazame_event(&ipn("ch_9", &order)).await;
    assert_eq!(other.unwrap_err().code(), "checkout_not_ours");
    // The IPN says `ok`; the till believes what it reads back at Aplazame: still `pending`.
    let read = f.till.aplazame_event(&ipn("ch_1", &order)).await.unwrap();
    assert_eq!(read.status.as_deref(), Some("pending"));
    assert!(!read.may_hand_over());
    // A refused create has nothing at Aplazame for an IPN to name.
    *f.script.create.lock().unwrap() =
        Some((400, json!({"error": {"message": "no", "type": "X"}})));
    let refused = f.till.create_checkout(sale("lucia@example.es")).await;
    assert_eq!(refused.unwrap_err().code(), "checkout_refused");
    let late = f.till.aplazame_event(&ipn("ch_2", "T01-C1-A000002")).await;
    assert_eq!(late.unwrap_err().code(), "checkout_not_created");
}

#[tokio::test]
async fn following_reads_what_is_due_and_backs_off() {
    let f = fake().await;
    let order = f.created().await;
    let reads = || *f.script.reads.lock().unwrap();
    f.till.follow_checkouts().await.unwrap();
    assert_eq!(reads(), 1, "a new checkout is due at once");
    f.till.follow_checkouts().await.unwrap();
    assert_eq!(reads(), 1, "the next read waits its back-off");
    f.answer(json!({"status": "ok"}));
    assert!(
        f.till
            .refresh_checkout(&order)
            .await
            .unwrap()
            .may_hand_over()
    );
    assert_eq!(reads(), 2);
    // A final status is never read again by the follower.
    tokio::time::sleep(std::time::Duration::from_millis(3_100)).await;
    f.till.follow_checkouts().await.unwrap();
    assert_eq!(reads(), 2);
    assert_eq!(*f.script.creates.lock().unwrap(), 1);
}

#[tokio::test]
async fn central_is_told_what_was_sent_and_each_decision_with_who_and_why() {
    use providers::central::confirmation::{Decision, DecisionRequest, Policy};
    for auto_confirm in [true, false] {
        let f = fake_with(auto_confirm).await;
        let yes = f.created().await;
        let no = f.created().await;
        f.answer(json!({"status_reason": "confirmation_required"}));
        for order in [&yes, &no] {
            f.till.refresh_checkout(order).await.unwrap();
        }
        let announced = f.till.checkout_announcement(&yes).await.unwrap();
        assert_eq!(announced.total_cents, 12_980);
        assert_eq!(announced.currency, "EUR");
        assert!(announced.sandbox);
        assert_eq!(announced.checkout_id.as_deref(), Some("ch_1"));
        let pending = f.till.pending_decisions().await.unwrap();
        let requests: Vec<_> = pending
            .iter()
            .map(|d| (d.order_id.as_str(), d.request()))
            .collect();
        let request = |decision, by: &str, reason: &str, id: &str| DecisionRequest {
            decision,
            decided_by: by.to_owned(),
            reason: reason.to_owned(),
            checkout_id: Some(id.to_owned()),
        };
        if auto_confirm {
            assert_eq!(announced.policy, Policy::Auto);
            assert_eq!(
                requests,
                [
                    (yes.as_str(), request(Decision::Ok, "auto", "", "ch_1")),
                    (no.as_str(), request(Decision::Ok, "auto", "", "ch_2")),
                ]
            );
        } else {
            assert_eq!(announced.policy, Policy::Ask);
            assert!(requests.is_empty(), "nothing decided yet");
            f.till.confirm_checkout(&yes).await.unwrap();
            f.till
                .reject_checkout(&no, "prefiere efectivo")
                .await
                .unwrap();
            let pending = f.till.pending_decisions().await.unwrap();
            let requests: Vec<_> = pending
                .iter()
                .map(|d| (d.order_id.as_str(), d.request()))
                .collect();
            assert_eq!(
                requests,
                [
                    (yes.as_str(), request(Decision::Ok, "Luis", "", "ch_1")),
                    (
                        no.as_str(),
                        request(Decision::Ko, "Luis", "prefiere efectivo", "ch_2")
                    ),
                ]
            );
        }
        assert!(f.till.decision_forwarded(&yes).await.unwrap());
        assert!(!f.till.decision_forwarded(&yes).await.unwrap(), "once");
        let left = f.till.pending_decisions().await.unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].order_id, no);
        assert_intact(&f.till);
    }
}
