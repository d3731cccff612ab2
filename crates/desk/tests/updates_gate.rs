//! When a verified update may be installed, against a real database and the sandbox: never while a
//! shift is open, never while an operation is unsettled (an unknown payment), never while a supervisor's
//! postponement holds (for that version only); the postponement needs a supervisor's PIN and reason, a
//! number of hours in range, and is sealed in the audit record.

use desk::updates::{self, Blocker};
use desk::{Explain, Lang};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{SandboxConfig, demo};
use till::identity::parse_dni;
use till::{ApiToken, Approval, HttpSettings, Mode, Till, TillConfig};

fn till_at(dir: &std::path::Path, url: &str) -> Till {
    Till::open(TillConfig {
        data_dir: dir.to_owned(),
        mode: Mode::Sandbox,
        api_url: url.to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings {
            total_timeout: std::time::Duration::from_secs(3),
            ..HttpSettings::default()
        },
    })
    .unwrap()
}

fn approval(pin: &str, reason: &str) -> Approval {
    Approval {
        supervisor: "Rosa Quispe".to_owned(),
        pin: pin.to_owned(),
        reason: reason.to_owned(),
    }
}

#[tokio::test]
async fn an_open_shift_and_an_unsettled_payment_keep_an_update_out() {
    let dir = tempfile::tempdir().unwrap();
    // A provider that was there and is gone: the payment's outcome is not known.
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let url = provider.url().to_owned();
    provider.shutdown().await;
    let till = till_at(dir.path(), &url);
    assert_eq!(
        updates::blocker(&till, dir.path(), "0.2.0").await.unwrap(),
        None
    );

    desk::test_support::open_shift(&till).await;
    let shift = till.in_flight().await.unwrap().open_shift.unwrap();
    assert_eq!(
        updates::blocker(&till, dir.path(), "0.2.0").await.unwrap(),
        Some(Blocker::ShiftOpen { shift })
    );

    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code.parse().unwrap();
    let error = till
        .pay(&customer, &code, till::Payment::cash(None))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "provider_unreachable");
    let busy = till.in_flight().await.unwrap();
    assert_eq!(busy.operations.len(), 1, "{busy:?}");
    assert!(!busy.is_quiet());
}

#[tokio::test]
async fn a_supervisor_postpones_one_version_for_some_hours_and_it_is_sealed() {
    let dir = tempfile::tempdir().unwrap();
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let till = till_at(dir.path(), provider.url());
    let staff = till.staff();
    staff
        .create_first_supervisor("Rosa Quispe", "2468")
        .unwrap();

    for typed in ["0", "73", "ocho", ""] {
        let refused = updates::postpone(
            staff,
            dir.path(),
            "0.2.0",
            typed,
            &approval("2468", "Inventario"),
        )
        .unwrap_err();
        assert_eq!(
            refused.field(),
            Some("postpone_hours"),
            "{typed}: {refused}"
        );
        assert!(refused.message(Lang::Es).contains("de 1 a 72"), "{refused}");
    }
    let wrong_pin = updates::postpone(
        staff,
        dir.path(),
        "0.2.0",
        "8",
        &approval("1111", "Inventario"),
    )
    .unwrap_err();
    assert_eq!(wrong_pin.code(), "wrong_pin", "{wrong_pin}");
    assert_eq!(
        updates::blocker(&till, dir.path(), "0.2.0").await.unwrap(),
        None
    );

    let postponed = updates::postpone(
        staff,
        dir.path(),
        "0.2.0",
        "8",
        &approval("2468", "Inventario esta noche"),
    )
    .unwrap();
    assert_eq!(postponed.by, "Rosa Quispe");
    let hours = (postponed.until.as_second() - jiff::Timestamp::now().as_second()) / 3600;
    assert!((7..=8).contains(&hours), "{hours} h");
    assert_eq!(
        updates::blocker(&till, dir.path(), "0.2.0").await.unwrap(),
        Some(Blocker::Postponed(postponed.clone()))
    );
    // Another version is not postponed by it.
    assert_eq!(
        updates::blocker(&till, dir.path(), "0.3.0").await.unwrap(),
        None
    );

    let connection = rusqlite::Connection::open(dir.path().join("caja.sqlite3")).unwrap();
    let sealed = till::audit::verify(&connection).unwrap();
    assert!(sealed.is_intact(), "{sealed:?}");
    let record: String = connection
        .query_row(
            "SELECT content FROM audit_log WHERE content LIKE '%update_postponed%'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(
        record.contains("0.2.0") && record.contains("Inventario esta noche"),
        "{record}"
    );
}
