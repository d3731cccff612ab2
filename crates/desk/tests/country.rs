//! The store's country as a setting (issue 14, point 1): chosen at the first run together with the
//! first supervisor, read back by the desktop's `AppInfo`, kept Peru's for settings saved before
//! countries existed, and changed later only with a supervisor's approval, sealed in the audit record.

use std::path::Path;

use desk::views::{self, SettingsInput};
use desk::{Approval, Country, Lang, Settings};
use till::{Mode, Role};

const PIN: &str = "2468";

fn ajustes(country: Option<Country>, approval: Option<Approval>) -> SettingsInput {
    SettingsInput {
        store_name: "Tienda Sol".to_owned(),
        country,
        mode: Mode::Sandbox,
        api_url: None,
        lang: Lang::Es,
        printer: None,
        idle_lock_minutes: None,
        till_name: None,
        closing_tolerance: None,
        movement_approval: None,
        thermal_printer: None,
        bank_accounts: None,
        aplazame_url: None,
        aplazame_auto_confirm: None,
        approval,
    }
}

fn settings_audit(dir: &Path) -> Vec<String> {
    let connection = rusqlite::Connection::open(dir.join(till::DATABASE_FILE)).unwrap();
    connection
        .prepare("SELECT content FROM audit_log WHERE subject = 'settings'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn the_first_run_saves_the_country_chosen_with_the_first_supervisor() {
    let dir = tempfile::tempdir().unwrap();
    let staff = desk::settings::open_staff(dir.path()).unwrap();
    assert_eq!(Settings::load(dir.path()).unwrap().country, Country::Peru);

    let rosa = views::first_run(&staff, dir.path(), "Rosa", PIN, Country::Spain).unwrap();
    assert_eq!(rosa.role, Role::Supervisor);
    assert_eq!(Settings::load(dir.path()).unwrap().country, Country::Spain);

    // A second "first run" is refused and changes nothing: the country is Ajustes' business now.
    let again = views::first_run(&staff, dir.path(), "Otra", PIN, Country::Peru).unwrap_err();
    assert_eq!(again.code(), "first_supervisor_exists");
    assert_eq!(Settings::load(dir.path()).unwrap().country, Country::Spain);
}

#[test]
fn a_refused_first_supervisor_leaves_the_country_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let staff = desk::settings::open_staff(dir.path()).unwrap();
    let refused = views::first_run(&staff, dir.path(), "Rosa", "12", Country::Spain).unwrap_err();
    assert_eq!(refused.code(), "invalid_input");
    assert_eq!(Settings::load(dir.path()).unwrap().country, Country::Peru);
    assert!(!staff.has_people().unwrap());
}

#[test]
fn settings_saved_before_countries_existed_are_peru() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(desk::settings::SETTINGS_FILE),
        r#"{"storeName":"Bodega Rosa","mode":"sandbox","lang":"es"}"#,
    )
    .unwrap();
    let settings = Settings::load(dir.path()).unwrap();
    assert_eq!(settings.store_name, "Bodega Rosa");
    assert_eq!(settings.country, Country::Peru);
}

#[test]
fn changing_the_country_later_needs_a_supervisor_and_is_sealed_in_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let staff = desk::settings::open_staff(dir.path()).unwrap();
    views::first_run(&staff, dir.path(), "Rosa", PIN, Country::Peru).unwrap();
    staff.add_person("Luis", Role::Cashier, "1357").unwrap();
    staff.sign_out();
    views::sign_in(&staff, "Luis", "1357").unwrap();

    let refused =
        views::save_settings(&staff, dir.path(), ajustes(Some(Country::Spain), None)).unwrap_err();
    assert_eq!(refused.code(), "approval_required");
    assert_eq!(Settings::load(dir.path()).unwrap().country, Country::Peru);

    // The same settings without a country keep the saved one and need no approval.
    views::save_settings(&staff, dir.path(), ajustes(None, None)).unwrap();
    assert_eq!(Settings::load(dir.path()).unwrap().country, Country::Peru);

    let approval = Approval {
        supervisor: "Rosa".to_owned(),
        pin: PIN.to_owned(),
        reason: "La tienda abre en Madrid".to_owned(),
    };
    views::save_settings(
        &staff,
        dir.path(),
        ajustes(Some(Country::Spain), Some(approval)),
    )
    .unwrap();
    assert_eq!(Settings::load(dir.path()).unwrap().country, Country::Spain);
    let sealed = settings_audit(dir.path());
    assert!(
        sealed
            .iter()
            .any(|content| content.contains("country") && content.contains("ES")),
        "{sealed:?}"
    );
    assert!(
        sealed
            .iter()
            .any(|content| content.contains("La tienda abre en Madrid"))
    );
}

#[tokio::test]
async fn the_country_waits_for_the_open_shift_and_amounts_are_typed_in_its_money() {
    let dir = tempfile::tempdir().unwrap();
    let staff = std::sync::Arc::new(desk::settings::open_staff(dir.path()).unwrap());
    views::first_run(&staff, dir.path(), "Rosa", PIN, Country::Peru).unwrap();
    let overrides = desk::Overrides {
        mode: Some(Mode::Sandbox),
        // Nothing answers here: the shift's papers are all this test needs.
        api_url: Some("http://127.0.0.1:9".to_owned()),
        token: Some(providers::apurata::downpayment::MOCK_TOKEN.to_owned()),
        ..desk::Overrides::default()
    };
    let ws = desk::Workstation::open_with_staff(dir.path(), &overrides, staff.clone())
        .await
        .unwrap();
    ws.till
        .open_shift(till::CashCount::parse("20=5").unwrap())
        .await
        .unwrap();
    let approval = || Approval {
        supervisor: "Rosa".to_owned(),
        pin: PIN.to_owned(),
        reason: "La tienda abre en Madrid".to_owned(),
    };
    let refused = views::save_settings(
        &staff,
        dir.path(),
        ajustes(Some(Country::Spain), Some(approval())),
    )
    .unwrap_err();
    assert_eq!(refused.code(), "invalid_input");
    assert_eq!(refused.field(), Some("country"));
    let said = desk::Explain::message(&refused, Lang::Es);
    assert!(said.contains("turno abierto"), "{said}");
    assert_eq!(Settings::load(dir.path()).unwrap().country, Country::Peru);

    // Closed (its Z filed), the country changes; the tolerance is then typed the Spanish way.
    ws.till
        .count_closing(till::CashCount::parse("20=5").unwrap(), till::Soles::ZERO)
        .await
        .unwrap();
    ws.till.close_shift(Some(&approval())).await.unwrap();
    let mut spain = ajustes(Some(Country::Spain), Some(approval()));
    spain.closing_tolerance = Some("1,50".to_owned());
    views::save_settings(&staff, dir.path(), spain).unwrap();
    let saved = Settings::load(dir.path()).unwrap();
    assert_eq!(saved.country, Country::Spain);
    assert_eq!(saved.closing_tolerance_centimos, 150);
    let mut ambiguous = ajustes(None, Some(approval()));
    ambiguous.closing_tolerance = Some("1.50".to_owned());
    let refused = views::save_settings(&staff, dir.path(), ambiguous).unwrap_err();
    assert_eq!(refused.field(), Some("closing_tolerance"));
}
