//! A real till (SQLite, the sandbox over loopback) and a real Central (PostgreSQL): the till enrolls,
//! then Central is down for a whole shift — opening, payments in cash and card, the count, the Z — and the
//! till never notices beyond a push that fails fast; Central comes back and the till catches up: every
//! entry of its chain, its operations, its shift and its Z verified against the sealed digest. The
//! till's client, its `desk::central` side, a transfer validated through Central and an Aplazame
//! checkout confirmed through it are in the modules below.

#[path = "till_link/aplazame_relay.rs"]
mod aplazame_relay;
#[path = "../../desk/tests/aplazame_support/mod.rs"]
mod aplazame_support;
#[path = "till_link/client.rs"]
mod client;
#[path = "till_link/desk_side.rs"]
mod desk_side;
#[path = "../../desk/tests/orders_support/mod.rs"]
mod orders_support;
mod support;
#[path = "till_link/voucher_relay.rs"]
mod voucher_relay;
#[path = "../../desk/tests/vouchers_support/mod.rs"]
mod vouchers_support;

use desk::central::{self, CentralFailure};
use providers::HttpSettings;
use providers::central::TillRef;
use sandbox::{SandboxConfig, demo};
use till::cash::CashCount;
use till::identity::{parse_dni, parse_ruc_customer};
use till::{Payment, Soles, Tender};

fn quick() -> HttpSettings {
    HttpSettings {
        connect_timeout: std::time::Duration::from_secs(2),
        total_timeout: std::time::Duration::from_secs(10),
        ..HttpSettings::default()
    }
}

#[tokio::test]
async fn central_down_for_a_whole_shift_then_the_till_catches_up() {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let central = support::start_central().await;
    let (address, database_url) = (central.addr, central.state.config.database_url.clone());
    let dir = tempfile::tempdir().unwrap();
    let till = orders_support::open_till(dir.path(), &provider);

    let code = ::central::auth::enroll::issue_code(&central.state.pool, "T01", "C1", "test")
        .await
        .unwrap();
    let codes = TillRef::new("T01", "C1");
    let enrolled = central::enroll(&till, dir.path(), &codes, &central.base_url(), &code, false)
        .await
        .unwrap();
    assert!(enrolled.link.is_some());
    drop(central);

    // The whole shift with Central down.
    till.open_shift(CashCount::parse("20=2,10=4").unwrap())
        .await
        .unwrap();
    let dni = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let cash_code = demo::DOCS_PAIR.funding_code.parse().unwrap();
    till.check(&dni, &cash_code).await.unwrap();
    let paid = till
        .pay(
            &dni,
            &cash_code,
            Payment::cash(Some(Soles::from_centimos(60_000))),
        )
        .await
        .unwrap();
    assert_eq!(paid.collect, Some(Soles::from_centimos(57_998)));
    let ruc = parse_ruc_customer(demo::PERSON_RUC.ruc.unwrap()).unwrap();
    let card_code = demo::PERSON_RUC.funding_code.parse().unwrap();
    till.check(&ruc, &card_code).await.unwrap();
    till.pay(&ruc, &card_code, Payment::plain(Tender::Card))
        .await
        .unwrap();
    let failed = central::push_to_central(&till, dir.path(), quick()).await;
    assert!(
        matches!(failed, Err(CentralFailure::Central(_))),
        "Central is down: {failed:?}"
    );
    let drawer = CashCount::parse("20=2,10=4,100=5,50=1,20=1,5=1,2=1,1=1,0.50=1,0.20=2").unwrap();
    till.count_closing(drawer, Soles::ZERO).await.unwrap();
    let z = till
        .close_shift(None)
        .await
        .unwrap_or_else(|error| panic!("the closing does not wait for Central: {error}"));
    assert_eq!(z.number, 1);
    let state = central::central_state(&till).await.unwrap();
    assert!(state.pending_entries > 0, "{state:?}");

    // Central is back, on the same address and database.
    let mut config = ::central::Config::for_database(&database_url, support::stores());
    config.listen = address;
    let listener = tokio::net::TcpListener::bind(address).await.unwrap();
    let central = ::central::Server::start(config, listener).await.unwrap();
    let report = central::push_to_central(&till, dir.path(), quick())
        .await
        .unwrap();
    let head = till.staff().verify_audit().unwrap();
    assert!(head.is_intact());
    assert_eq!(report.pending_entries, 0, "{report:?}");
    assert_eq!(report.zs_sent, 1);
    assert!(report.missing.is_empty() && report.rewritten.is_empty() && report.broken.is_empty());

    let db = central.state.pool.get().await.unwrap();
    let (entries, high_water): (i64, i64) = {
        let row = db
            .query_one(
                "SELECT (SELECT count(*) FROM audit_entry), high_water FROM till
                 WHERE store_code = 'T01' AND till_code = 'C1'",
                &[],
            )
            .await
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!(
        (entries, high_water),
        (report.high_water, report.high_water)
    );
    let paid: Vec<(String, Option<String>, Option<i64>)> = db
        .query(
            "SELECT state, tender, collect_centimos FROM operation
             WHERE kind = 'paid_and_billed' ORDER BY journal_id",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2)))
        .collect();
    assert_eq!(paid.len(), 2, "{paid:?}");
    assert_eq!(
        paid[0],
        ("confirmed".into(), Some("cash".into()), Some(57_998))
    );
    assert_eq!(paid[1].1.as_deref(), Some("card"));
    let z_row = db
        .query_one(
            "SELECT z.verified, s.closed_at IS NOT NULL FROM z_report z
             JOIN shift s ON s.store_code = z.store_code AND s.till_code = z.till_code
                         AND s.z_number = z.number
             WHERE z.number = 1",
            &[],
        )
        .await
        .unwrap();
    assert!(
        z_row.get::<_, bool>(0),
        "the Z matches the digest the chain sealed"
    );
    assert!(z_row.get::<_, bool>(1));

    // Pushing again sends nothing new.
    let again = central::push_to_central(&till, dir.path(), quick())
        .await
        .unwrap();
    assert_eq!((again.entries_sent, again.zs_sent), (0, 0));
}
