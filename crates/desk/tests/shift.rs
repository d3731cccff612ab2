//! A shift end to end against the sandbox over loopback and a real SQLite file: opening with a counted
//! float, payments in every tender, cash in and out (with a supervisor above the threshold), the X
//! report, the blind count, the reconciliation with aCuotaz's real day summary, the approval of a
//! difference, the Z numbered across restarts, and the refusals (no shift, an unknown outcome open).

use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{RunningSandbox, SandboxConfig, demo};
use till::cash::CashCount;
use till::identity::{parse_dni, parse_ruc_customer};
use till::shift::Direction;
use till::shift::reconcile::DifferenceKind;
use till::{
    ApiToken, Approval, HttpSettings, Mode, Payment, Role, Soles, Tender, Till, TillConfig,
};

const ROSA_PIN: &str = "2468";

fn till_in(dir: &std::path::Path, provider: &RunningSandbox) -> Till {
    Till::open(TillConfig {
        data_dir: dir.to_owned(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    })
    .unwrap()
}

/// A till with a supervisor (Rosa) and a cashier (Luis, signed in): the rules of people apply.
async fn staffed_till(dir: &std::path::Path, provider: &RunningSandbox) -> Till {
    let till = till_in(dir, provider);
    till.staff()
        .create_first_supervisor("Rosa Quispe", ROSA_PIN)
        .unwrap();
    till.staff()
        .add_person("Luis", Role::Cashier, "1357")
        .unwrap();
    till.staff().sign_in("Luis", "1357").unwrap();
    till
}

fn rosa(reason: &str) -> Approval {
    Approval {
        supervisor: "Rosa Quispe".to_owned(),
        pin: ROSA_PIN.to_owned(),
        reason: reason.to_owned(),
    }
}

fn cash(received: i64) -> Payment {
    Payment::cash(Some(Soles::from_centimos(received)))
}

#[tokio::test]
async fn a_full_shift_reconciles_three_ways_and_files_z_1() {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let till = staffed_till(dir.path(), &provider).await;
    let dni = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let ruc = parse_ruc_customer(demo::PERSON_RUC.ruc.unwrap()).unwrap();

    let refused = till
        .pay(
            &dni,
            &demo::DOCS_PAIR.funding_code.parse().unwrap(),
            cash(60_000),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "no_shift_open");

    let float = CashCount::parse("20=2,10=4,1=10,0.50=4").unwrap();
    let shift = till.open_shift(float).await.unwrap();
    assert_eq!(shift.opening.total(), Soles::from_centimos(9_200));
    assert_eq!(shift.opened_by.as_deref(), Some("Luis"));
    assert_eq!(
        till.open_shift(CashCount::default())
            .await
            .unwrap_err()
            .code(),
        "shift_already_open"
    );

    // Cash with change: S/ 579.98 paid with S/ 600.00.
    let code = demo::DOCS_PAIR.funding_code.parse().unwrap();
    till.check(&dni, &code).await.unwrap();
    let short = till.pay(&dni, &code, cash(50_000)).await.unwrap_err();
    assert_eq!(short.field(), Some("received"), "nothing sent: {short}");
    let paid = till.pay(&dni, &code, cash(60_000)).await.unwrap();
    assert_eq!(paid.tender(), Tender::Cash);
    assert_eq!(paid.collect, Some(Soles::from_centimos(57_998)));
    let change = paid.payment.as_ref().unwrap().change(paid.collect);
    assert_eq!(change, Some(Soles::from_centimos(2_002)));

    // Card, with the voucher's last digits and authorization code.
    let ruc_code = demo::PERSON_RUC.funding_code.parse().unwrap();
    till.check(&ruc, &ruc_code).await.unwrap();
    let mut card = Payment::plain(Tender::Card);
    card.card_last4 = Some("4242".into());
    card.card_authorization = Some("A1B2C3".into());
    let paid_by_card = till.pay(&ruc, &ruc_code, card).await.unwrap();
    assert_eq!(
        paid_by_card.payment.unwrap().card_last4.as_deref(),
        Some("4242")
    );

    // Cash in, and out: above S/ 200.00 a supervisor approves.
    till.move_cash(
        Direction::In,
        Soles::from_centimos(5_000),
        "Sencillo del banco",
        None,
    )
    .await
    .unwrap();
    let refused = till
        .move_cash(
            Direction::Out,
            Soles::from_centimos(50_000),
            "Depósito a la caja fuerte",
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "approval_required");
    let deposit = till
        .move_cash(
            Direction::Out,
            Soles::from_centimos(50_000),
            "Depósito a la caja fuerte",
            Some(&rosa("Depósito de mediodía")),
        )
        .await
        .unwrap();
    assert_eq!(deposit.approver.as_deref(), Some("Rosa Quispe"));

    // X report: read-only; the summary is aCuotaz's, fetched now.
    let x = till.x_report().await.unwrap();
    // 92.00 + 579.98 + 50.00 - 500.00
    assert_eq!(x.reconciliation.cash.expected, Soles::from_centimos(22_198));
    assert!(x.count.is_none());
    let side = x.reconciliation.provider.as_ref().unwrap();
    assert!(!side.from_cache);
    assert_eq!(side.matched, 2, "both payments are in aCuotaz's summary");
    let elsewhere: Vec<_> = x
        .reconciliation
        .differences
        .iter()
        .filter(|d| d.kind == DifferenceKind::PaidElsewhere)
        .map(|d| d.amount)
        .collect();
    assert_eq!(
        elsewhere.iter().copied().map(Soles::centimos).sum::<i64>(),
        demo::ALREADY_BILLED.downpayment_amount.centimos()
            + demo::OTHER_TILL.downpayment_amount.centimos(),
        "the rows of another till are named"
    );

    // Closing before counting is refused; the blind count is S/ 5.00 short.
    assert_eq!(
        till.close_shift(None).await.unwrap_err().code(),
        "not_counted"
    );
    let counted = till
        .count_closing(
            CashCount::parse("200=1,10=1,5=1,2=2").unwrap(),
            Soles::from_centimos(24_690),
        )
        .await
        .unwrap();
    let reconciliation = &counted.reconciliation;
    assert_eq!(
        reconciliation.tenders[0].counted,
        Some(Soles::from_centimos(21_900))
    );
    assert_eq!(
        reconciliation.tenders[0].difference,
        Some(Soles::from_centimos(-298))
    );
    assert_eq!(reconciliation.tenders[1].difference, Some(Soles::ZERO));
    assert!(reconciliation.needs_approval);
    assert_eq!(
        till.close_shift(None).await.unwrap_err().code(),
        "approval_required"
    );

    let z = till
        .close_shift(Some(&rosa("Faltante revisado con el cajero")))
        .await
        .unwrap();
    assert_eq!(z.number, 1);
    assert_eq!(z.approval.as_ref().unwrap().supervisor, "Rosa Quispe");
    assert_eq!(z.movements.len(), 2);
    assert_eq!(z.shift.closed_by.as_deref(), Some("Luis"));
    assert!(till.shift_status().await.unwrap().is_none());
    assert_eq!(
        till.z_report(1).await.unwrap(),
        z,
        "the filed Z reads back as it was"
    );

    // Every step is in the audit chain, and the chain is intact.
    let report = till.staff().verify_audit().unwrap();
    assert!(report.is_intact(), "{report:?}");
}

#[tokio::test]
async fn z_numbers_never_repeat_or_skip_across_restarts() {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    for expected in 1..=3 {
        let till = till_in(dir.path(), &provider);
        till.open_shift(CashCount::parse("10=1").unwrap())
            .await
            .unwrap();
        till.count_closing(CashCount::parse("10=1").unwrap(), Soles::ZERO)
            .await
            .unwrap();
        let z = till.close_shift(None).await.unwrap();
        assert_eq!(z.number, expected);
    }
    let till = till_in(dir.path(), &provider);
    let numbers: Vec<i64> = till
        .z_reports()
        .await
        .unwrap()
        .iter()
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(numbers, [3, 2, 1]);
    assert_eq!(
        till.z_report(9).await.unwrap_err().code(),
        "no_such_z_report"
    );
}

#[tokio::test]
async fn closing_waits_for_an_unknown_outcome() {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let till = till_in(dir.path(), &provider);
    till.open_shift(CashCount::default()).await.unwrap();
    let dni = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code.parse().unwrap();
    till.check(&dni, &code).await.unwrap();
    let url = provider.url().to_owned();
    provider.shutdown().await;
    let unknown = till.pay(&dni, &code, cash(57_998)).await.unwrap_err();
    assert_eq!(unknown.code(), "provider_unreachable");
    till.count_closing(
        CashCount::parse("200=2,100=1,50=1,20=1,5=1,2=1,0.50=1,0.20=2,0.10=0").unwrap(),
        Soles::ZERO,
    )
    .await
    .unwrap();
    match till.close_shift(None).await.unwrap_err() {
        till::TillError::UnknownOperations { ids } => assert_eq!(ids.len(), 1),
        other => panic!("{other:?}"),
    }
    assert!(
        till.shift_status().await.unwrap().is_some(),
        "the shift stays open"
    );
    assert!(url.starts_with("http://127.0.0.1"));
}
