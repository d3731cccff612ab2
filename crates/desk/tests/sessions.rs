//! Sessions and PINs as someone outside would attack them (issue 8, point 4): wrong PINs tried all at
//! once get no more tries than wrong PINs tried one by one; a person turned off elsewhere is signed out
//! on their next command; a session left idle past the lock is refused by the till itself, not only by
//! the screen; and Ajustes cannot be changed by nobody.

use desk::Explain;
use std::path::Path;
use std::sync::{Arc, Barrier};

use desk::views::SettingsInput;
use desk::{Lang, Settings};
use jiff::{SignedDuration, Timestamp};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{SandboxConfig, demo};
use till::clock::Clock;
use till::identity::parse_dni;
use till::{ApiToken, HttpSettings, Mode, Role, Staff, Till, TillConfig};

const ATTEMPTS: usize = 20;

fn config(dir: &Path, provider: &sandbox::RunningSandbox) -> TillConfig {
    TillConfig {
        data_dir: dir.to_owned(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    }
}

/// A till with Rosa (supervisor, PIN 2468) and Luis (cashier, PIN 1357), nobody signed in.
fn staffed(staff: &Staff) {
    staff.create_first_supervisor("Rosa", "2468").unwrap();
    staff.add_person("Luis", Role::Cashier, "1357").unwrap();
    staff.sign_out();
}

fn audit_events(dir: &Path, event: &str) -> usize {
    let connection = rusqlite::Connection::open(dir.join(till::DATABASE_FILE)).unwrap();
    let contents: Vec<String> = connection
        .prepare("SELECT content FROM audit_log WHERE subject = 'person'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    contents
        .iter()
        .filter(|content| content.contains(&format!("\"{event}\"")))
        .count()
}

#[test]
fn wrong_pins_tried_at_once_get_no_more_than_five_checks() {
    let dir = tempfile::tempdir().unwrap();
    let first = desk::settings::open_staff(dir.path()).unwrap();
    staffed(&first);
    // Half the attempts share one Staff (one window), half come with their own connection, as other
    // windows, processes or scripts on the same data folder would.
    let shared = Arc::new(desk::settings::open_staff(dir.path()).unwrap());
    let start = Arc::new(Barrier::new(ATTEMPTS));
    let attempts: Vec<_> = (0..ATTEMPTS)
        .map(|attempt| {
            let (dir, shared, start) = (dir.path().to_owned(), shared.clone(), start.clone());
            std::thread::spawn(move || {
                let own = (attempt % 2 == 0).then(|| desk::settings::open_staff(&dir).unwrap());
                let staff = own.as_ref().unwrap_or(&shared);
                start.wait();
                staff.sign_in("Luis", "0000").unwrap_err().code().to_owned()
            })
        })
        .collect();
    let codes: Vec<String> = attempts
        .into_iter()
        .map(|attempt| attempt.join().unwrap())
        .collect();
    let told_wrong = codes.iter().filter(|code| *code == "wrong_pin").count();
    let locked_by_a_check = audit_events(dir.path(), "locked_after_wrong_pins");
    // Every PIN checked against the hash ends as "wrong, n left" or as the check that locks.
    let checked = told_wrong + locked_by_a_check;
    assert!(checked <= 5, "{checked} PINs were checked: {codes:?}");
    assert_eq!((told_wrong, locked_by_a_check), (4, 1), "{codes:?}");
    assert!(
        codes
            .iter()
            .all(|code| code == "wrong_pin" || code == "person_locked"),
        "{codes:?}"
    );
    let right_pin = first.sign_in("Luis", "1357").unwrap_err();
    assert_eq!(right_pin.code(), "person_locked", "the right PIN waits too");
}

#[tokio::test]
async fn a_person_turned_off_elsewhere_is_signed_out_on_their_next_command() {
    let dir = tempfile::tempdir().unwrap();
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let till = Till::open(config(dir.path(), &provider)).unwrap();
    let at_the_window = till.staff();
    staffed(at_the_window);
    at_the_window.sign_in("Luis", "1357").unwrap();
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    till.check(&customer, &demo::DOCS_PAIR.funding_code.parse().unwrap())
        .await
        .unwrap();

    desk::test_support::open_shift(&till).await;
    // Another window, or `caja users disable` on the same data folder: its own connection.
    let elsewhere = desk::settings::open_staff(dir.path()).unwrap();
    elsewhere.sign_in("Rosa", "2468").unwrap();
    elsewhere.set_person_active("Luis", false).unwrap();

    let refused = till
        .pay(
            &customer,
            &demo::DOCS_PAIR.funding_code.parse().unwrap(),
            till::Payment::cash(None),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "person_disabled", "{refused}");
    assert!(refused.is_bad_input());
    assert!(
        refused.message(Lang::Es).contains("Luis") && refused.message(Lang::En).contains("Luis"),
        "{refused}"
    );
    assert!(
        at_the_window.operator().is_none(),
        "the window shows nobody"
    );
    assert_eq!(till.history(None).unwrap().len(), 1, "nothing was sent");
    assert!(!provider.state().financing("1234567").unwrap().billed);
    let next = till
        .check(&customer, &demo::DOCS_PAIR.funding_code.parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(next.code(), "sign_in_required");

    // A supervisor turned off elsewhere loses what only supervisors may do, at once.
    at_the_window.sign_in("Rosa", "2468").unwrap();
    elsewhere
        .add_person("Ana", Role::Supervisor, "1111")
        .unwrap();
    elsewhere.sign_in("Ana", "1111").unwrap();
    elsewhere.set_person_active("Rosa", false).unwrap();
    let refused = at_the_window
        .add_person("Otra", Role::Cashier, "2222")
        .unwrap_err();
    assert_eq!(refused.code(), "person_disabled");
}

#[tokio::test]
async fn a_session_idle_past_the_lock_is_refused_by_the_till_itself() {
    let dir = tempfile::tempdir().unwrap();
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let clock = Clock::by_hand(Timestamp::now());
    let staff = Arc::new(desk::settings::open_staff_with_clock(dir.path(), clock.clone()).unwrap());
    let till = Till::open_with_staff(config(dir.path(), &provider), staff.clone()).unwrap();
    staffed(&staff);
    assert_eq!(Settings::load(dir.path()).unwrap().idle_lock_minutes, 5);
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code;

    staff.sign_in("Luis", "1357").unwrap();
    clock.advance(SignedDuration::from_mins(4));
    till.check(&customer, &code.parse().unwrap()).await.unwrap();
    clock.advance(SignedDuration::from_mins(4));
    till.check(&customer, &code.parse().unwrap()).await.unwrap();
    // Typing and clicking keep the session: the screen says so without running an operation.
    clock.advance(SignedDuration::from_mins(4));
    staff.note_activity().unwrap();
    clock.advance(SignedDuration::from_mins(4));
    till.check(&customer, &code.parse().unwrap())
        .await
        .expect("4 minutes after the last keystroke");

    desk::test_support::open_shift(&till).await;
    clock.advance(SignedDuration::from_mins(5) + SignedDuration::from_secs(1));
    let refused = till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "session_idle", "{refused}");
    assert!(refused.message(Lang::Es).contains("5 minutos"), "{refused}");
    assert!(staff.operator().is_none(), "the session is closed");
    assert_eq!(
        staff.note_activity().map(|()| staff.operator()).unwrap(),
        None,
        "a closed session is not revived by a keystroke"
    );
    assert!(!provider.state().financing("1234567").unwrap().billed);

    // A shorter idle lock, saved by a supervisor (here, or in another window), applies at once.
    staff.sign_in("Rosa", "2468").unwrap();
    let shorter = Settings {
        idle_lock_minutes: 1,
        ..Settings::load(dir.path()).unwrap()
    };
    shorter.save(dir.path()).unwrap();
    clock.advance(SignedDuration::from_secs(61));
    let refused = staff.add_person("Otra", Role::Cashier, "2222").unwrap_err();
    assert_eq!(refused.code(), "session_idle");
}

fn ajustes(store_name: &str, lang: Lang, printer: Option<&str>) -> SettingsInput {
    SettingsInput {
        store_name: store_name.to_owned(),
        country: None,
        mode: Mode::Sandbox,
        api_url: None,
        lang,
        printer: printer.map(str::to_owned),
        idle_lock_minutes: None,
        till_name: None,
        closing_tolerance: None,
        movement_approval: None,
        thermal_printer: None,
        bank_accounts: None,
        aplazame_url: None,
        aplazame_auto_confirm: None,
        approval: None,
    }
}

#[test]
fn the_store_name_language_and_printer_change_only_with_someone_signed_in() {
    let dir = tempfile::tempdir().unwrap();
    let staff = desk::settings::open_staff(dir.path()).unwrap();
    // The first run, before the till has anyone: the owner may name the store.
    desk::views::save_settings(&staff, dir.path(), ajustes("Bodega Rosa", Lang::Es, None)).unwrap();
    staffed(&staff);

    for change in [
        ajustes("Otra tienda", Lang::Es, None),
        ajustes("Bodega Rosa", Lang::En, None),
        ajustes("Bodega Rosa", Lang::Es, Some("caja-80mm")),
    ] {
        let refused = desk::views::save_settings(&staff, dir.path(), change).unwrap_err();
        assert_eq!(refused.code(), "sign_in_required", "{refused}");
    }
    let kept = Settings::load(dir.path()).unwrap();
    assert_eq!(
        (kept.store_name.as_str(), kept.lang, kept.printer),
        ("Bodega Rosa", Lang::Es, None)
    );

    staff.sign_in("Luis", "1357").unwrap();
    desk::views::save_settings(
        &staff,
        dir.path(),
        ajustes("Bodega Luis", Lang::En, Some("caja-80mm")),
    )
    .unwrap();
    let saved = Settings::load(dir.path()).unwrap();
    assert_eq!(
        (saved.store_name.as_str(), saved.lang),
        ("Bodega Luis", Lang::En)
    );
    assert_eq!(saved.printer.as_deref(), Some("caja-80mm"));
}
