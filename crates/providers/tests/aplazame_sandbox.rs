//! The Aplazame client against the sandbox's checkout simulator (written independently from the same
//! document), over loopback HTTP: a cart priced by Caja's rule is accepted as it is built, in test
//! mode the status says `sandbox: true`, a declined financing is `NotFinanced`, a repeated order id is
//! a refusal naming `order.id`, and a create whose answer is lost is an unknown outcome, never a
//! refusal (the checkout exists).

use proptest::prelude::*;
use providers::aplazame::cart::{Cart, ShelfLine, VatRate};
use providers::aplazame::wire::request::Customer;
use providers::aplazame::{
    AplazameApi, CheckoutState, Creation, Environment, NewCheckout, OrderId,
};
use providers::apurata::downpayment::MOCK_TOKEN;
use providers::http::ApiError;
use providers::{ApiToken, Euros, HttpSettings, PlainHttp, ProviderRoot};
use sandbox::{AplazameFaults, RunningSandbox, SandboxConfig};

async fn start() -> (RunningSandbox, AplazameApi) {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let root = ProviderRoot::parse(
        &format!("{}/aplazame/", provider.url()),
        PlainHttp::LoopbackOnly,
    )
    .unwrap();
    let api = AplazameApi::new(&root, ApiToken::new(MOCK_TOKEN), HttpSettings::default())
        .unwrap()
        .in_environment(Environment::Sandbox);
    (provider, api)
}

fn line(name: &str, quantity: u32, cents: i64, vat: VatRate, discount: Option<i64>) -> ShelfLine {
    ShelfLine {
        name: name.to_owned(),
        quantity,
        unit_price: Euros::from_cents(cents),
        vat,
        discount: discount.map(Euros::from_cents),
    }
}

fn checkout(id: &str, email: &str, lines: Vec<ShelfLine>) -> NewCheckout {
    let customer = Customer {
        email: email.to_owned(),
        first_name: None,
        last_name: None,
        phone: None,
        document_id: None,
    };
    NewCheckout::new(
        &OrderId::parse(id).unwrap(),
        &Cart::build(lines).unwrap(),
        customer,
        "http://127.0.0.1:9/ipn".parse().unwrap(),
    )
    .unwrap()
}

fn basket() -> Vec<ShelfLine> {
    vec![
        line("Zapatillas", 2, 5990, VatRate::General, Some(1000)),
        line("Libro", 3, 1890, VatRate::SuperReduced, None),
        line("Café", 1, 349, VatRate::Reduced, None),
    ]
}

#[tokio::test]
async fn a_checkout_is_created_and_read_back_in_test_mode() {
    let (_provider, api) = start().await;
    let Creation::Created(id) = api
        .create(&checkout("T01-C1-1", "lucia@example.es", basket()))
        .await
        .unwrap()
    else {
        panic!("declined");
    };
    let status = api.status(&id).await.unwrap();
    assert_eq!(status.mid, "T01-C1-1");
    assert_eq!(status.total_amount, 10_980 + 5_670 + 349);
    assert_eq!(status.status, CheckoutState::Pending);
    assert!(status.sandbox, "made in test mode");
}

#[tokio::test]
async fn declined_repeated_and_lost_creates_are_told_apart() {
    let (provider, api) = start().await;
    let declined = api
        .create(&checkout("T01-C1-1", "ko@example.es", basket()))
        .await;
    assert_eq!(declined, Ok(Creation::NotFinanced));

    let body = checkout("T01-C1-2", "lucia@example.es", basket());
    api.create(&body).await.unwrap();
    match api.create(&body).await {
        Err(ApiError::InvalidFields { fields }) => assert!(fields.contains_key("order.id")),
        other => panic!("{other:?}"),
    }

    provider.aplazame().set_faults(AplazameFaults {
        drop_create_answer: 1,
        garble_create_answer: 1,
        ..AplazameFaults::default()
    });
    let lost = api
        .create(&checkout("T01-C1-3", "lucia@example.es", basket()))
        .await
        .unwrap_err();
    assert!(!lost.is_refusal(), "{lost:?}");
    let garbled = api
        .create(&checkout("T01-C1-4", "lucia@example.es", basket()))
        .await
        .unwrap_err();
    assert!(matches!(
        garbled,
        ApiError::UnverifiedAnswer { status: 201, .. }
    ));
    assert_eq!(provider.aplazame().checkouts().len(), 3, "both exist");
}

/// Any cart Caja builds is one the simulator's total check accepts (and finances up to its limit).
#[test]
fn every_cart_caja_builds_is_accepted() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (provider, api) = runtime.block_on(start());
    let lines = proptest::collection::vec(
        (
            1u32..=20,
            1i64..=20_000,
            0usize..4,
            proptest::option::of(0i64..=90),
        ),
        1..8,
    );
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let counter = std::sync::atomic::AtomicUsize::new(0);
    runner
        .run(&lines, |lines| {
            let lines = lines
                .into_iter()
                .map(|(quantity, cents, rate, discount_percent)| {
                    // A discount is a share of the line (never more than it): Cart::build refuses
                    // one above the line, which is not what this property is about.
                    let discount =
                        discount_percent.map(|percent| i64::from(quantity) * cents * percent / 100);
                    line("Artículo", quantity, cents, VatRate::ALL[rate], discount)
                })
                .collect();
            let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let body = checkout(&format!("T01-C1-P{n}"), "lucia@example.es", lines);
            let created = runtime.block_on(api.create(&body));
            if body.total().cents() > sandbox::APLAZAME_FINANCING_LIMIT {
                prop_assert_eq!(created, Ok(Creation::NotFinanced));
            } else {
                prop_assert!(matches!(created, Ok(Creation::Created(_))), "{:?}", created);
            }
            Ok(())
        })
        .unwrap();
    drop(provider);
}
