//! Credit sales when the network misbehaves, against the sandbox's fault injection: a lost answer to a
//! creation or a refund is resolved by sending the very same request again (the same bytes, the same
//! `X-Unique-Token`), never by a second order or a second refund; a success status whose body is not
//! aCuotaz's is not believed; a call without an answer blocks the next call on the same order.

mod orders_support;

use orders_support::{id, rosa, sale, store};
use providers::apurata::orders::OrderStatus;
use sandbox::{Endpoint, Fault, FaultPlan, FaultRule};
use till::OperationState;
use till::Soles;
use till::error::{OrderAction, OrderError, TillError};
use till::orders::RefundAsk;

fn always(endpoint: Endpoint, fault: Fault) -> FaultPlan {
    FaultPlan::new(vec![FaultRule::always(Some(endpoint), fault)])
}

fn is_unknown(error: &TillError, action: OrderAction) -> bool {
    matches!(error, TillError::Order(OrderError::OutcomeUnknown { action: a, .. }) if *a == action)
}

#[tokio::test]
async fn a_lost_creation_is_sent_again_byte_for_byte_and_makes_one_order() {
    let store = store().await;
    store.faults(always(Endpoint::OrderCreate, Fault::DropAfterEffect));
    let error = store
        .till
        .create_order(sale(120_000, "14159265"))
        .await
        .unwrap_err();
    assert!(is_unknown(&error, OrderAction::Create), "{error:?}");
    assert_eq!(
        store.provider.state().orders().len(),
        1,
        "the sandbox did create it"
    );
    let journaled = store.till.credit_orders(None).await.unwrap().remove(0);
    assert_eq!(journaled.creation().unwrap().state, OperationState::Unknown);
    assert!(!journaled.handover_allowed());

    store.faults(FaultPlan::default());
    let settled = store.till.refresh_order(&id(&journaled)).await.unwrap();
    assert!(settled.is_created(), "already_created is a success");
    let held = store.held(&id(&settled));
    assert_eq!(
        store.provider.state().orders().len(),
        1,
        "never a second order"
    );
    assert!(
        settled
            .redirect_to
            .as_deref()
            .unwrap()
            .ends_with(&held.acuotaz_order)
    );
    assert_eq!(held.request["amount"], 1200.0);
}

#[tokio::test]
async fn a_portal_page_or_a_strange_body_is_not_an_order() {
    for fault in [Fault::PortalPage, Fault::WrongShape, Fault::TruncatedBody] {
        let store = store().await;
        store.faults(always(Endpoint::OrderCreate, fault));
        let error = store
            .till
            .create_order(sale(120_000, "14159265"))
            .await
            .unwrap_err();
        assert!(
            is_unknown(&error, OrderAction::Create),
            "{fault:?}: {error:?}"
        );
        let order = store.till.credit_orders(None).await.unwrap().remove(0);
        assert!(
            !order.is_created() && order.redirect_to.is_none(),
            "{fault:?}"
        );
        store.faults(FaultPlan::default());
        let settled = store.till.refresh_order(&id(&order)).await.unwrap();
        assert!(settled.is_created(), "{fault:?}");
        assert_eq!(store.provider.state().orders().len(), 1, "{fault:?}");
    }
}

#[tokio::test]
async fn a_lost_refund_is_retried_with_its_token_and_paid_once() {
    let store = store().await;
    let order = store
        .till
        .create_order(sale(150_000, "14159265"))
        .await
        .unwrap();
    store.customer(&id(&order), "apply").await;
    store.customer(&id(&order), "pay-online").await;
    store.till.refresh_order(&id(&order)).await.unwrap();

    store.faults(always(Endpoint::PartialRefund, Fault::DropAfterEffect));
    let ask = RefundAsk {
        amount: Some(Soles::from_centimos(50_000)),
        reason: "Devolución parcial".to_owned(),
    };
    let error = store
        .till
        .refund_order(&id(&order), ask.clone(), Some(&rosa("Devolución parcial")))
        .await
        .unwrap_err();
    assert!(is_unknown(&error, OrderAction::PartialRefund), "{error:?}");
    let held = store.held(&id(&order));
    assert_eq!(held.refunded, Soles::from_centimos(50_000));
    let journaled = store.till.credit_order(&id(&order)).await.unwrap();
    let refund = journaled.operations.last().unwrap().clone();
    assert_eq!(refund.state, OperationState::Unknown);
    assert!(
        held.refunds.contains_key(&refund.idempotency_key),
        "the journaled token was sent"
    );
    assert_eq!(
        journaled.refundable(),
        Soles::from_centimos(100_000),
        "an open refund counts"
    );

    // Another call on the order waits for this one.
    let blocked = store.till.cancel_order(&id(&order)).await.unwrap_err();
    assert!(
        matches!(
            blocked,
            TillError::Order(OrderError::OperationOpen { .. })
                | TillError::Order(OrderError::OutcomeUnknown { .. })
        ),
        "{blocked:?}"
    );

    store.faults(FaultPlan::default());
    let settled = store.till.refresh_order(&id(&order)).await.unwrap();
    let refund = settled
        .operations
        .iter()
        .find(|o| o.id == refund.id)
        .unwrap();
    assert_eq!(refund.state, OperationState::Confirmed);
    assert!(refund.tracking_id.is_some());
    assert_eq!(
        store.held(&id(&order)).refunded,
        Soles::from_centimos(50_000),
        "paid once"
    );
    assert_eq!(store.held(&id(&order)).refunds.len(), 1);
    assert_eq!(settled.refunded(), Soles::from_centimos(50_000));
}

#[tokio::test]
async fn a_lost_total_refund_and_a_lost_cancel_settle_without_doubling() {
    let store = store().await;
    let order = store
        .till
        .create_order(sale(90_000, "14159265"))
        .await
        .unwrap();
    store.customer(&id(&order), "apply").await;
    store.customer(&id(&order), "pay-online").await;
    store.faults(always(Endpoint::TotalRefund, Fault::ServerError));
    let ask = RefundAsk {
        amount: None,
        reason: "Devolución total".to_owned(),
    };
    let error = store
        .till
        .refund_order(&id(&order), ask, Some(&rosa("Devolución total")))
        .await
        .unwrap_err();
    assert!(is_unknown(&error, OrderAction::TotalRefund), "{error:?}");
    assert_eq!(
        store.held(&id(&order)).refunded,
        Soles::ZERO,
        "a 500 had no effect"
    );
    store.faults(FaultPlan::default());
    let settled = store.till.refresh_order(&id(&order)).await.unwrap();
    assert_eq!(settled.refunded(), Soles::from_centimos(90_000));
    assert_eq!(
        store.held(&id(&order)).refunded,
        Soles::from_centimos(90_000)
    );

    let other = store
        .till
        .create_order(sale(90_000, "14159265"))
        .await
        .unwrap();
    store.faults(always(Endpoint::OrderCancel, Fault::DropAfterEffect));
    let error = store.till.cancel_order(&id(&other)).await.unwrap_err();
    assert!(is_unknown(&error, OrderAction::Cancel), "{error:?}");
    store.faults(FaultPlan::default());
    let settled = store.till.refresh_order(&id(&other)).await.unwrap();
    assert_eq!(
        settled.status,
        OrderStatus::Canceled,
        "already canceled settles it"
    );
    assert!(
        settled
            .operations
            .iter()
            .all(|o| o.state == OperationState::Confirmed)
    );
}

#[tokio::test]
async fn the_outbox_pass_settles_open_calls_and_follows_statuses() {
    let store = store().await;
    store.faults(always(Endpoint::OrderCreate, Fault::Hang { millis: 3_000 }));
    let error = store
        .till
        .create_order(sale(60_000, "14159265"))
        .await
        .unwrap_err();
    assert!(is_unknown(&error, OrderAction::Create), "{error:?}");
    assert!(
        store.provider.state().orders().is_empty(),
        "a hang had no effect"
    );
    store.faults(FaultPlan::default());
    // The background pass (what the fronts run every few seconds): retried once its back-off is over.
    let mut created = false;
    for _ in 0..40 {
        store.till.follow_due().await.unwrap();
        let order = store.till.credit_orders(None).await.unwrap().remove(0);
        if order.is_created() {
            created = true;
            store.customer(&id(&order), "apply").await;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert!(created, "the outbox created it");
    let mut approved = false;
    for _ in 0..40 {
        let orders = store.till.follow_orders().await.unwrap();
        if orders[0].status == OrderStatus::Approved {
            approved = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert!(approved, "the status was followed to approved");
    assert_eq!(store.provider.state().orders().len(), 1);
}

#[tokio::test]
async fn the_limits_read_today_serve_when_acuotaz_cannot_be_asked() {
    let store = store().await;
    store.faults(always(Endpoint::LandingConfig, Fault::ServerError));
    let error = store.till.order_limits(false).await.unwrap_err();
    assert_eq!(
        error.code(),
        "limits_unavailable",
        "no copy yet: nothing to check against"
    );
    assert!(
        store
            .till
            .create_order(sale(60_000, "14159265"))
            .await
            .is_err()
    );
    assert!(store.provider.state().orders().is_empty());

    store.faults(FaultPlan::default());
    let fresh = store.till.order_limits(false).await.unwrap();
    assert!(!fresh.from_cache);
    store.faults(always(Endpoint::LandingConfig, Fault::ServerError));
    let kept = store.till.order_limits(true).await.unwrap();
    assert!(
        kept.from_cache,
        "asked again, aCuotaz failed: the copy, marked so"
    );
    assert_eq!(kept.max_amount, fresh.max_amount);
    assert_eq!(kept.fetched_at, fresh.fetched_at);
    let order = store
        .till
        .create_order(sale(60_000, "14159265"))
        .await
        .unwrap();
    assert!(order.is_created(), "the day's copy checks the amount");
}
