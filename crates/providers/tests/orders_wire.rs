//! The orders API's wire types against the literal JSON of `acuotaz-orders-api.txt` (its samples made
//! into JSON: the document writes Python's `True` and single quotes): what we send is what the document's
//! curl examples send, and what it says comes back parses to exact amounts.

mod common;

use common::fixture;
use providers::Soles;
use providers::apurata::orders::*;
use serde_json::Value;

fn value(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn sample_order() -> CreateOrder {
    CreateOrder {
        amount: Soles::from_centimos(12_330),
        acuotaz_send_sms: false,
        order_id: OrderId::parse("001").unwrap(),
        expiration_ts: None,
        pos_client_id: PosClientId::parse("tecno-tiendaz").unwrap(),
        description: Some("name:product x, total:200".to_owned()),
        url_redir_on_canceled: "https://tecnotiendaz.com/checkout".to_owned(),
        url_redir_on_rejected: "https://tecnotiendaz.com/checkout".to_owned(),
        url_redir_on_success: "https://tecnotiendaz.com/order_paid".to_owned(),
        url_redir_on_downpayment: "https://tecnotiendaz.com/checkout".to_owned(),
        url_redir_on_order_detail: None,
        customer_data: Some(CustomerData {
            dni: "14159265".parse().unwrap(),
            name: CustomerName::parse("Example ").unwrap(),
            phone: MobilePhone::parse("999999999").unwrap(),
            email: None,
            address: None,
            billing_city: None,
        }),
    }
}

#[test]
fn create_body_is_the_documented_one() {
    let body = CreateBody::of(&sample_order());
    assert_eq!(
        value(body.as_str()),
        value(&fixture("orders_create_request.json"))
    );
    // The journal keeps these bytes and sends them again unchanged.
    assert_eq!(CreateBody::from_journal(body.as_str().to_owned()), body);
}

#[test]
fn expiration_is_sent_in_utc_with_milliseconds() {
    let mut order = sample_order();
    let lima: jiff::Zoned = "2026-11-30T16:05:09-05:00[America/Lima]".parse().unwrap();
    order.expiration_ts = Some(ExpirationTs::at(lima.timestamp()));
    let sent = value(CreateBody::of(&order).as_str());
    assert_eq!(sent["expiration_ts"], "2026-11-30 21:05:09.000");
}

#[test]
fn answers_parse_to_exact_values() {
    let limits: LandingConfig =
        serde_json::from_str(&fixture("orders_landing_config_200.json")).unwrap();
    assert_eq!(limits.min_amount, Soles::from_centimos(10_000));
    assert_eq!(limits.max_amount, Soles::from_centimos(500_000));
    assert_eq!((limits.min_steps, limits.max_steps), (2, 8));
    assert!(limits.finances(Soles::from_centimos(10_000)));
    assert!(!limits.finances(Soles::from_centimos(9_999)));
    assert!(!limits.finances(Soles::from_centimos(500_001)));

    let created: Created = serde_json::from_str(&fixture("orders_create_200.json")).unwrap();
    assert_eq!(created.status, CreateStatus::NewOrder);
    assert!(
        created
            .redirect_to
            .starts_with("https://apurata.com/pos?client=tecno-tiendaz")
    );
    let again: Created =
        serde_json::from_str(r#"{"redirect_to": "https://x", "status": "already_created"}"#)
            .unwrap();
    assert_eq!(again.status, CreateStatus::AlreadyCreated);

    let info: OrderInfo = serde_json::from_str(&fixture("orders_info_200.json")).unwrap();
    assert_eq!(info.amount, Soles::from_centimos(12_330));
    assert_eq!(
        info.order_id, "48",
        "a numeric order id is read as its text"
    );
    assert_eq!(info.status, OrderStatus::Approved);
    assert!(!info.confirmed);

    let refund: RefundDone = serde_json::from_str(&fixture("orders_refund_200.json")).unwrap();
    assert_eq!(refund.refund_method, "transfer");
    assert_eq!(refund.tracking_id, "rf-7f3a9c");
    assert!(refund.successful);
}

#[test]
fn refund_bodies_are_the_documented_ones() {
    let total = TotalRefund {
        author: "Andy Sanchez".to_owned(),
        reason: "Customer returned the product".to_owned(),
    };
    assert_eq!(
        serde_json::to_value(&total).unwrap(),
        value(&fixture("orders_total_refund_request.json"))
    );
    let partial = PartialRefund {
        amount: Soles::from_centimos(12_352),
        author: "Andy Sanchez".to_owned(),
        reason: "Customer change the product".to_owned(),
    };
    assert_eq!(
        serde_json::to_value(&partial).unwrap(),
        value(&fixture("orders_partial_refund_request.json"))
    );
}

#[test]
fn every_documented_status_reads_and_unknown_ones_are_kept() {
    for (text, status) in [
        ("initial", OrderStatus::Initial),
        ("created", OrderStatus::Created),
        ("approved", OrderStatus::Approved),
        ("onhold", OrderStatus::OnHold),
        ("validated", OrderStatus::Validated),
        ("funded", OrderStatus::Funded),
        ("rejected", OrderStatus::Rejected),
        ("canceled", OrderStatus::Canceled),
        ("expired", OrderStatus::Expired),
    ] {
        let read: OrderStatus = serde_json::from_value(Value::String(text.to_owned())).unwrap();
        assert_eq!(read, status);
        assert_eq!(
            serde_json::to_value(&read).unwrap(),
            Value::String(text.to_owned())
        );
    }
    let new: OrderStatus = serde_json::from_str(r#""in_review""#).unwrap();
    assert_eq!(new, OrderStatus::Other("in_review".to_owned()));
    assert!(!new.is_final() && !new.allows_handover());
    assert!(OrderStatus::Funded.allows_handover());
    assert!(!OrderStatus::Approved.allows_handover());
}
