//! People and roles against a real database and the sandbox: PINs hashed, five wrong PINs lock, the
//! rules apply once the till has people (and always in live mode), undo needs a supervisor's PIN and a
//! reason, and the journal records who did it and who approved.

use desk::{Explain, Lang};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{SandboxConfig, demo};
use till::identity::parse_dni;
use till::{ApiToken, Approval, HttpSettings, Mode, Role, Staff, Till, TillConfig};

async fn till_in(dir: &std::path::Path) -> (Till, sandbox::RunningSandbox) {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let till = Till::open(TillConfig {
        data_dir: dir.to_owned(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    })
    .unwrap();
    (till, provider)
}

fn approval(supervisor: &str, pin: &str, reason: &str) -> Approval {
    Approval {
        supervisor: supervisor.to_owned(),
        pin: pin.to_owned(),
        reason: reason.to_owned(),
    }
}

#[tokio::test]
async fn a_till_with_people_needs_someone_signed_in_and_records_who() {
    let dir = tempfile::tempdir().unwrap();
    let (till, _provider) = till_in(dir.path()).await;
    let staff = till.staff();
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code;

    staff
        .create_first_supervisor("Rosa Quispe", "2468")
        .unwrap();
    staff
        .add_person("Luis Mamani", Role::Cashier, "1357")
        .unwrap();
    staff.sign_out();
    let refused = till
        .check(&customer, &code.parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "sign_in_required");

    staff.sign_in("luis mamani", "1357").unwrap();
    desk::test_support::open_shift(&till).await;
    let paid = till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap();
    assert_eq!(paid.operator.as_deref(), Some("Luis Mamani"));

    // A cashier cannot approve; undo without approval is refused before anything is sent.
    let no_approval = till
        .undo(&customer, &code.parse().unwrap(), None)
        .await
        .unwrap_err();
    assert_eq!(no_approval.code(), "approval_required");
    let by_cashier = till
        .undo(
            &customer,
            &code.parse().unwrap(),
            Some(&approval("Luis Mamani", "1357", "cambio de color")),
        )
        .await
        .unwrap_err();
    assert_eq!(by_cashier.code(), "not_supervisor");
    let short_reason = till
        .undo(
            &customer,
            &code.parse().unwrap(),
            Some(&approval("Rosa Quispe", "2468", "x")),
        )
        .await
        .unwrap_err();
    assert_eq!(short_reason.code(), "invalid_input");
    assert_eq!(short_reason.field(), Some("reason"));

    let undone = till
        .undo(
            &customer,
            &code.parse().unwrap(),
            Some(&approval(
                "Rosa Quispe",
                "2468",
                "El cliente cambió de color",
            )),
        )
        .await
        .unwrap();
    assert_eq!(undone.operator.as_deref(), Some("Luis Mamani"));
    assert_eq!(undone.approver.as_deref(), Some("Rosa Quispe"));
    assert_eq!(
        undone.approval_reason.as_deref(),
        Some("El cliente cambió de color")
    );
    let history = till.history(None).unwrap();
    assert_eq!(history[0].approver.as_deref(), Some("Rosa Quispe"));

    // Cashiers cannot manage people.
    let refused = staff.add_person("Otra", Role::Cashier, "9999").unwrap_err();
    assert_eq!(refused.code(), "not_supervisor");
}

#[tokio::test]
async fn five_wrong_pins_lock_that_person_for_five_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let staff = Staff::open(dir.path()).unwrap();
    staff.create_first_supervisor("Rosa", "2468").unwrap();
    staff.add_person("Luis", Role::Cashier, "1357").unwrap();
    for remaining in (1..=4).rev() {
        let error = staff.sign_in("Luis", "0000").unwrap_err();
        assert_eq!(error.code(), "wrong_pin");
        assert!(
            error
                .message(Lang::Es)
                .contains(&format!("Quedan {remaining}")),
            "{error}"
        );
    }
    let locked = staff.sign_in("Luis", "0000").unwrap_err();
    assert_eq!(locked.code(), "person_locked");
    let still = staff.sign_in("Luis", "1357").unwrap_err();
    assert_eq!(still.code(), "person_locked", "the right PIN waits too");
    // Others are not affected.
    staff.sign_in("Rosa", "2468").unwrap();
    let listed = staff.people().unwrap();
    let luis = listed.iter().find(|p| p.name == "Luis").unwrap();
    assert!(luis.locked_until.is_some());
}

#[test]
fn pins_are_kept_only_as_argon2id_hashes() {
    let dir = tempfile::tempdir().unwrap();
    let staff = Staff::open(dir.path()).unwrap();
    staff.create_first_supervisor("Rosa", "24682468").unwrap();
    drop(staff);
    let connection = rusqlite::Connection::open(dir.path().join(till::DATABASE_FILE)).unwrap();
    let hash: String = connection
        .query_row("SELECT pin_hash FROM person", [], |row| row.get(0))
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("24682468"));
    let audit: String = connection
        .query_row("SELECT group_concat(content) FROM audit_log", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert!(
        !audit.contains("24682468") && !audit.contains("argon2"),
        "{audit}"
    );
}

#[test]
fn the_first_person_is_a_supervisor_and_the_last_supervisor_stays() {
    let dir = tempfile::tempdir().unwrap();
    let staff = Staff::open(dir.path()).unwrap();
    assert!(!staff.rules_apply(Mode::Sandbox).unwrap());
    assert!(staff.rules_apply(Mode::Live).unwrap(), "live always asks");
    staff.create_first_supervisor("Rosa", "2468").unwrap();
    assert!(staff.rules_apply(Mode::Sandbox).unwrap());
    assert_eq!(
        staff
            .create_first_supervisor("Otro", "1111")
            .unwrap_err()
            .code(),
        "first_supervisor_exists"
    );
    assert_eq!(
        staff.set_person_active("Rosa", false).unwrap_err().code(),
        "last_supervisor"
    );
    assert_eq!(
        staff
            .add_person("Rosa", Role::Cashier, "1111")
            .unwrap_err()
            .code(),
        "person_exists"
    );
    assert_eq!(
        staff
            .add_person("Ana", Role::Cashier, "12")
            .unwrap_err()
            .field(),
        Some("pin")
    );
    staff.add_person("Ana", Role::Cashier, "1111").unwrap();
    staff.set_person_active("Ana", false).unwrap();
    assert_eq!(
        staff.sign_in("Ana", "1111").unwrap_err().code(),
        "person_unknown"
    );
}
