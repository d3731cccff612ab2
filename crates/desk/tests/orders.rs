//! Credit sales (aCuotaz orders) end to end against the sandbox over loopback and a real SQLite file:
//! the limits checked before any order exists, a sale followed from the customer's application to
//! funded, confirm and cancel through the documented state machine, refunds that add up and stop at
//! what is left, the three test DNIs, expiry, the down payment paid at this till through Cobro, and the
//! orders surviving a restart with the audit chain intact.

mod orders_support;

use desk::{Explain, Lang};
use orders_support::{id, open_till, rosa, sale, store};
use providers::apurata::orders::OrderStatus;
use till::error::{OrderError, OrderRefusal, TillError};
use till::orders::RefundAsk;
use till::{Payment, Soles};

#[tokio::test]
async fn a_sale_from_limits_to_funded_then_refunds_that_add_up() {
    let store = store().await;
    let limits = store.till.order_limits(false).await.unwrap();
    assert_eq!(limits.min_amount, Soles::from_centimos(10_000));
    assert_eq!(limits.max_amount, Soles::from_centimos(500_000));
    let add_on = store
        .till
        .order_add_on(Soles::from_centimos(147_600))
        .await
        .unwrap();
    assert!(add_on.contains("Paga tu compra en partes"), "{add_on}");

    let order = store
        .till
        .create_order(sale(147_600, "14159265"))
        .await
        .unwrap();
    assert_eq!(order.order_id.as_str(), "T01-C1-000001");
    assert!(order.is_created() && !order.handover_allowed());
    let held = store.held(&id(&order));
    assert_eq!(held.amount, Soles::from_centimos(147_600));
    assert!(
        order
            .redirect_to
            .as_deref()
            .unwrap()
            .ends_with(&held.acuotaz_order),
        "the QR carries the provider's own link"
    );
    assert_eq!(held.request["customer_data"]["dni"], "14159265");
    assert_eq!(held.request["pos_client_id"], "caja-demo");
    assert!(held.request["expiration_ts"].as_str().unwrap().len() == 23);

    store.customer(&id(&order), "apply").await;
    let approved = store.till.refresh_order(&id(&order)).await.unwrap();
    assert_eq!(approved.status, OrderStatus::Approved);
    assert!(!approved.handover_allowed(), "approved is not funded");
    let confirmed = store.till.confirm_order(&id(&order)).await.unwrap();
    assert!(confirmed.confirmed && store.held(&id(&order)).confirmed);

    store.customer(&id(&order), "pay-online").await;
    let funded = store.till.refresh_order(&id(&order)).await.unwrap();
    assert_eq!(funded.status, OrderStatus::Funded);
    assert!(funded.handover_allowed());

    let partial = RefundAsk {
        amount: Some(Soles::from_centimos(40_000)),
        reason: "Cambio de color".to_owned(),
    };
    let refunded = store
        .till
        .refund_order(&id(&order), partial, Some(&rosa("Cambio de color")))
        .await
        .unwrap();
    let refund = refunded.operations.last().unwrap();
    assert!(refund.tracking_id.as_deref().is_some_and(|t| !t.is_empty()));
    assert_eq!(
        refund.operator.as_deref(),
        Some("Luis"),
        "author is who is signed in"
    );
    assert_eq!(refund.approver.as_deref(), Some("Rosa Quispe"));
    assert_eq!(refunded.refundable(), Soles::from_centimos(107_600));

    let above = RefundAsk {
        amount: Some(Soles::from_centimos(107_601)),
        reason: "Devolución".to_owned(),
    };
    let error = store
        .till
        .refund_order(&id(&order), above, Some(&rosa("Devolución")))
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        TillError::Order(OrderError::RefundAboveLeft { left, .. }) if left == Soles::from_centimos(107_600)
    ));
    assert!(
        error.message(Lang::Es).contains("S/ 1,076.00"),
        "{}",
        error.message(Lang::Es)
    );
    assert_eq!(
        store.held(&id(&order)).refunded,
        Soles::from_centimos(40_000),
        "nothing sent"
    );

    let without_supervisor = RefundAsk {
        amount: None,
        reason: "Devolución".to_owned(),
    };
    assert_eq!(
        store
            .till
            .refund_order(&id(&order), without_supervisor.clone(), None)
            .await
            .unwrap_err()
            .code(),
        "approval_required"
    );
    let total = store
        .till
        .refund_order(&id(&order), without_supervisor, Some(&rosa("Devolución")))
        .await
        .unwrap();
    assert_eq!(total.refunded(), Soles::from_centimos(147_600));
    assert_eq!(total.refundable(), Soles::ZERO);
    assert_eq!(
        store.held(&id(&order)).refunded,
        Soles::from_centimos(147_600)
    );
    let report = store.till.staff().verify_audit().unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
}

#[tokio::test]
async fn an_amount_outside_the_limits_never_becomes_an_order() {
    let store = store().await;
    for centimos in [9_999, 500_001] {
        let error = store
            .till
            .create_order(sale(centimos, "14159265"))
            .await
            .unwrap_err();
        assert_eq!(error.code(), "amount_outside_limits");
        assert_eq!(error.field(), Some("amount"));
        let words = error.message(Lang::Es);
        assert!(
            words.contains("S/ 100.00") && words.contains("S/ 5,000.00"),
            "{words}"
        );
    }
    assert!(store.provider.state().orders().is_empty());
    assert!(store.till.credit_orders(None).await.unwrap().is_empty());
}

#[tokio::test]
async fn confirm_and_cancel_follow_the_documented_state_machine() {
    let store = store().await;
    let early = store
        .till
        .create_order(sale(30_000, "14159265"))
        .await
        .unwrap();
    let refused = store.till.confirm_order(&id(&early)).await.unwrap_err();
    assert!(matches!(
        &refused,
        TillError::Order(OrderError::Refused {
            refusal: OrderRefusal::ConfirmBeforeApproved,
            ..
        })
    ));
    assert!(refused.message(Lang::Es).contains("aún no aprobó"));
    let canceled = store.till.cancel_order(&id(&early)).await.unwrap();
    assert_eq!(canceled.status, OrderStatus::Canceled);
    assert!(!canceled.is_open());
    // Canceling again: the provider answers "It is already canceled", a success.
    let again = store.till.cancel_order(&id(&early)).await.unwrap();
    assert_eq!(again.status, OrderStatus::Canceled);

    let taken = store
        .till
        .create_order(sale(30_000, "14159265"))
        .await
        .unwrap();
    store.customer(&id(&taken), "apply").await;
    store.till.confirm_order(&id(&taken)).await.unwrap();
    let refused = store.till.cancel_order(&id(&taken)).await.unwrap_err();
    assert!(matches!(
        &refused,
        TillError::Order(OrderError::Refused {
            refusal: OrderRefusal::CannotCancelConfirmed,
            ..
        })
    ));
    assert!(refused.message(Lang::En).contains("make a refund"));
    store.customer(&id(&taken), "pay-online").await;
    let refused = store.till.confirm_order(&id(&taken)).await.unwrap_err();
    assert!(matches!(
        &refused,
        TillError::Order(OrderError::Refused {
            refusal: OrderRefusal::ConfirmFunded,
            ..
        })
    ));
    let error = store
        .till
        .refund_order(
            &id(&early),
            RefundAsk {
                amount: None,
                reason: "Devolución".to_owned(),
            },
            Some(&rosa("Devolución")),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), "order_not_refundable");
}

#[tokio::test]
async fn the_providers_test_dnis_and_expiry() {
    let store = store().await;
    let denied = store
        .till
        .create_order(sale(30_000, "71828182"))
        .await
        .unwrap();
    store.customer(&id(&denied), "apply").await;
    let denied = store.till.refresh_order(&id(&denied)).await.unwrap();
    assert_eq!(denied.status, OrderStatus::Rejected);
    assert!(!denied.handover_allowed() && !denied.is_open());

    let pending = store
        .till
        .create_order(sale(30_000, "61803398"))
        .await
        .unwrap();
    store.customer(&id(&pending), "apply").await;
    let pending = store.till.refresh_order(&id(&pending)).await.unwrap();
    assert_eq!(pending.status, OrderStatus::OnHold);
    assert!(pending.is_open());

    store
        .provider
        .state()
        .advance_orders_clock(std::time::Duration::from_secs(3 * 3600));
    let expired = store.till.refresh_order(&id(&pending)).await.unwrap();
    assert_eq!(
        expired.status,
        OrderStatus::Canceled,
        "expiry arrives as a cancellation"
    );
    assert!(!expired.is_open());
}

#[tokio::test]
async fn a_down_payment_paid_at_this_till_funds_the_order_through_cobro() {
    let store = store().await;
    desk::test_support::open_shift(&store.till).await;
    let order = store
        .till
        .create_order(sale(200_000, "14159265"))
        .await
        .unwrap();
    store.customer(&id(&order), "apply").await;
    let held = store.customer(&id(&order), "pay-in-store").await;
    let code: till::FundingCode = held["funding_code"].as_str().unwrap().parse().unwrap();
    let validated = store.till.refresh_order(&id(&order)).await.unwrap();
    assert_eq!(validated.status, OrderStatus::Validated);
    assert!(!validated.handover_allowed());

    let customer = till::identity::parse_dni("14159265").unwrap();
    let check = store.till.check(&customer, &code).await.unwrap();
    assert_eq!(check.amount_to_collect, Soles::from_centimos(40_000));
    let paid = store
        .till
        .pay(
            &customer,
            &code,
            Payment::cash(Some(Soles::from_centimos(40_000))),
        )
        .await
        .unwrap();
    assert_eq!(paid.state, till::OperationState::Confirmed);
    let funded = store.till.refresh_order(&id(&order)).await.unwrap();
    assert_eq!(funded.status, OrderStatus::Funded);
    assert!(funded.handover_allowed());
}

#[tokio::test]
async fn open_orders_survive_a_restart() {
    let store = store().await;
    let order = store
        .till
        .create_order(sale(80_000, "14159265"))
        .await
        .unwrap();
    let reopened = open_till(store.dir.path(), &store.provider);
    let listed = reopened
        .credit_orders(Some(till::clock::lima_today()))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].order_id, order.order_id);
    assert!(listed[0].is_open());
    let next = {
        reopened.staff().sign_in("Luis", "1357").unwrap();
        reopened
            .create_order(sale(80_000, "14159265"))
            .await
            .unwrap()
    };
    assert_eq!(
        next.order_id.as_str(),
        "T01-C1-000002",
        "the sequence carries on"
    );
}

#[tokio::test]
async fn the_day_summary_pdf_lists_the_tills_credit_sales() {
    let store = store().await;
    let funded = store
        .till
        .create_order(sale(147_600, "14159265"))
        .await
        .unwrap();
    store.customer(&id(&funded), "apply").await;
    store.customer(&id(&funded), "pay-online").await;
    store.till.refresh_order(&id(&funded)).await.unwrap();
    let ask = RefundAsk {
        amount: Some(Soles::from_centimos(40_000)),
        reason: "Cambio de color".to_owned(),
    };
    store
        .till
        .refund_order(&id(&funded), ask, Some(&rosa("Cambio de color")))
        .await
        .unwrap();
    store
        .till
        .create_order(sale(30_000, "71828182"))
        .await
        .unwrap();

    let today = till::clock::lima_today();
    let summary = store.till.day_summary(today).await.unwrap();
    let operations = store.till.journal(Some(today)).await.unwrap();
    let credit_sales = store.till.credit_orders_of(today).await.unwrap();
    let pdf = desk::day_sheet::render(
        &summary,
        &operations,
        &credit_sales,
        "Tienda Miraflores",
        jiff::Timestamp::now(),
        Lang::Es,
    )
    .unwrap();
    let path = store.dir.path().join("resumen.pdf");
    std::fs::write(&path, pdf).unwrap();
    let text = orders_support::pdf_text(&path);
    assert!(
        text.contains("Ventas a cuotas de esta caja (aCuotaz)"),
        "{text}"
    );
    assert!(text.contains("2 pedidos"), "{text}");
    let funded_line = text
        .lines()
        .find(|line| line.contains("T01-C1-000001"))
        .unwrap();
    for expected in ["DNI 14****65", "S/ 1,476.00", "Financiado", "S/ 400.00"] {
        assert!(
            funded_line.contains(expected),
            "{expected} in «{funded_line}»"
        );
    }
    let waiting = text
        .lines()
        .find(|line| line.contains("T01-C1-000002"))
        .unwrap();
    assert!(waiting.contains("Esperando al cliente"), "{waiting}");
}
