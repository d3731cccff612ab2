//! What the tamper-evident record covers beyond the journal (issue 8, point 3): people edited with an
//! SQLite tool (a cashier promoted, a supervisor's PIN hash swapped, a lockout lifted, a person added),
//! the newest operations deleted together with their newest audit entries (caught by the head anchored
//! outside the database), and `settings.json` edited by hand (live mode waits for a supervisor).

mod audit_support;

use audit_support::{tamper, verify, worked_day};
use desk::Explain;
use desk::views::{self, SettingsInput};
use desk::{Overrides, Settings, Workstation};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{SandboxConfig, demo};
use till::audit::Finding;
use till::identity::parse_dni;
use till::{Approval, Mode, Role, Staff};

const ROSA_PIN: &str = "2468";

/// A supervisor (id 1) and a cashier (id 2).
fn two_people() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let staff = Staff::open(dir.path()).unwrap();
    staff
        .create_first_supervisor("Rosa Quispe", ROSA_PIN)
        .unwrap();
    staff
        .add_person("Luis Mamani", Role::Cashier, "1357")
        .unwrap();
    dir
}

#[test]
fn people_as_caja_left_them_verify_intact() {
    let dir = two_people();
    let report = verify(dir.path());
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.people_checked, 2);
}

#[test]
fn a_cashier_promoted_with_an_sqlite_tool_is_named() {
    let dir = two_people();
    tamper(
        dir.path(),
        "UPDATE person SET role = 'supervisor' WHERE id = 2",
    );
    assert_eq!(
        verify(dir.path()).findings,
        vec![Finding::PersonEdited {
            id: 2,
            fields: vec!["role".to_owned()]
        }]
    );
}

#[test]
fn a_swapped_pin_hash_is_named() {
    let dir = two_people();
    tamper(
        dir.path(),
        "UPDATE person SET pin_hash = (SELECT pin_hash FROM person WHERE id = 2) WHERE id = 1",
    );
    assert_eq!(
        verify(dir.path()).findings,
        vec![Finding::PersonEdited {
            id: 1,
            fields: vec!["pin_hash".to_owned()]
        }]
    );
}

#[test]
fn a_lifted_lockout_and_a_person_added_behind_caja_are_named() {
    let dir = two_people();
    let staff = Staff::open(dir.path()).unwrap();
    for _ in 0..5 {
        assert!(staff.sign_in("Luis Mamani", "0000").is_err());
    }
    assert!(verify(dir.path()).is_intact(), "the lockout is Caja's own");
    tamper(
        dir.path(),
        "UPDATE person SET locked_until_ms = NULL WHERE id = 2; \
         INSERT INTO person (name, role, pin_hash, created_at) \
         VALUES ('Intruso', 'supervisor', 'x', '2026-11-30T10:00:00Z')",
    );
    assert_eq!(
        verify(dir.path()).findings,
        vec![
            Finding::PersonEdited {
                id: 2,
                fields: vec!["locked_until_ms".to_owned()]
            },
            Finding::PersonUnsealed { id: 3 }
        ]
    );
}

#[tokio::test]
async fn deleting_the_newest_operations_with_their_entries_is_caught_by_the_anchor() {
    let dir = worked_day().await;
    assert!(verify(dir.path()).is_intact());
    // The last payment and its two entries: what is left is a shorter, perfectly linked chain.
    tamper(
        dir.path(),
        "DELETE FROM journal WHERE id = 4; DELETE FROM audit_log WHERE seq IN (8, 9);",
    );
    assert_eq!(
        verify(dir.path()).findings,
        vec![Finding::HeadMissing {
            anchored_seq: 9,
            found_seq: 7
        }]
    );
}

#[tokio::test]
async fn an_anchor_edited_or_deleted_is_named() {
    let dir = worked_day().await;
    let anchor = dir.path().join(till::audit::anchor::ANCHOR_FILE);
    let text = std::fs::read_to_string(&anchor).unwrap();
    std::fs::write(&anchor, text.replace("\"seq\":9", "\"seq\":7")).unwrap();
    assert_eq!(verify(dir.path()).findings, vec![Finding::AnchorForged]);
    std::fs::remove_file(&anchor).unwrap();
    assert_eq!(
        verify(dir.path()).findings,
        vec![Finding::AnchorMissing { found_seq: 9 }]
    );
}

fn live_overrides(url: &str) -> Overrides {
    Overrides {
        mode: Some(Mode::Live),
        api_url: Some(url.to_owned()),
        token: Some(MOCK_TOKEN.to_owned()),
        ..Overrides::default()
    }
}

#[tokio::test]
async fn settings_edited_by_hand_hold_live_mode_until_a_supervisor_confirms() {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let staff = std::sync::Arc::new(Staff::open(data).unwrap());
    staff
        .create_first_supervisor("Rosa Quispe", ROSA_PIN)
        .unwrap();
    Settings {
        store_name: "Bodega Rosa".to_owned(),
        ..Settings::default()
    }
    .save(data)
    .unwrap();
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code;
    let overrides = live_overrides(provider.url());

    let ws = Workstation::open_with_staff(data, &overrides, staff.clone())
        .await
        .unwrap();
    ws.till
        .check(&customer, &code.parse().unwrap())
        .await
        .unwrap();

    // Someone points the saved provider URL elsewhere with a text editor.
    let file = data.join(desk::settings::SETTINGS_FILE);
    let edited = std::fs::read_to_string(&file)
        .unwrap()
        .replace("Bodega Rosa", "Bodega Rosa ");
    std::fs::write(&file, edited).unwrap();
    let ws = Workstation::open_with_staff(data, &overrides, staff.clone())
        .await
        .unwrap();
    let error = ws
        .till
        .check(&customer, &code.parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "settings_unconfirmed");
    assert!(error.message(desk::Lang::Es).contains("supervisor"));
    assert_eq!(provider.state().billing_events().len(), 0);
    assert_eq!(
        staff.verify_audit().unwrap().findings,
        vec![till::audit::Finding::SettingsEdited]
    );

    // Saving Ajustes as they are needs a supervisor's approval, which confirms the file.
    let input = || SettingsInput {
        store_name: "Bodega Rosa".to_owned(),
        country: None,
        mode: Mode::Sandbox,
        api_url: None,
        lang: desk::Lang::Es,
        printer: None,
        idle_lock_minutes: None,
        till_name: None,
        closing_tolerance: None,
        movement_approval: None,
        thermal_printer: None,
        bank_accounts: None,
        aplazame_url: None,
        aplazame_auto_confirm: None,
        approval: None,
    };
    let refused = views::save_settings(&staff, data, input()).unwrap_err();
    assert_eq!(refused.code(), "approval_required");
    views::save_settings(
        &staff,
        data,
        SettingsInput {
            approval: Some(Approval {
                supervisor: "Rosa Quispe".to_owned(),
                pin: ROSA_PIN.to_owned(),
                reason: "Revisé la URL".to_owned(),
            }),
            ..input()
        },
    )
    .unwrap();
    let ws = Workstation::open_with_staff(data, &overrides, staff.clone())
        .await
        .unwrap();
    ws.till
        .check(&customer, &code.parse().unwrap())
        .await
        .unwrap();
    let report = staff.verify_audit().unwrap();
    assert!(report.is_intact(), "{report:?}");
}
