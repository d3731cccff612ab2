//! A till whose database file is locked by another program or damaged says so plainly, names the file,
//! and sends nothing: an operation that cannot be journaled first never reaches the provider.
//! (A read-only file is tested through the CLI, as another user: see `crates/cli/tests/storage.rs`.)

use desk::Explain;
use std::time::Duration;

use desk::Lang;
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{RunningSandbox, SandboxConfig, demo};
use till::identity::parse_dni;
use till::{ApiToken, HttpSettings, Mode, Till, TillConfig, TillError};

fn config(dir: &std::path::Path, provider: &RunningSandbox) -> TillConfig {
    TillConfig {
        data_dir: dir.to_owned(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    }
}

async fn provider() -> RunningSandbox {
    sandbox::start(SandboxConfig::default()).await.unwrap()
}

fn requests_seen(provider: &RunningSandbox) -> usize {
    provider.state().billing_events().len()
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_refused_by_name() {
    let provider = provider().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(till::DATABASE_FILE);
    std::fs::write(
        &file,
        b"this is the cashier's shopping list, not a database\n".repeat(200),
    )
    .unwrap();
    let before = std::fs::read(&file).unwrap();

    let error = Till::open(config(dir.path(), &provider)).err().unwrap();
    assert_eq!(error.code(), "database_damaged", "{error}");
    let words = error.message(Lang::Es);
    assert!(words.contains(&file.display().to_string()), "{words}");
    assert!(words.contains("dañad"), "{words}");
    assert!(
        words.contains("caja backup list") && words.contains("caja backup restore"),
        "names the real procedure: {words}"
    );
    assert!(error.message(Lang::En).contains("damaged"));
    assert!(error.message(Lang::En).contains("caja backup restore"));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the file is left as it was"
    );
}

#[tokio::test]
async fn a_database_locked_by_another_program_sends_nothing() {
    let provider = provider().await;
    let dir = tempfile::tempdir().unwrap();
    let till = Till::open(TillConfig {
        http: HttpSettings {
            total_timeout: Duration::from_secs(5),
            ..HttpSettings::default()
        },
        ..config(dir.path(), &provider)
    })
    .unwrap();
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();

    desk::test_support::open_shift(&till).await;
    // Another program takes the write lock and keeps it.
    let intruder = rusqlite::Connection::open(dir.path().join(till::DATABASE_FILE)).unwrap();
    intruder.execute_batch("BEGIN EXCLUSIVE").unwrap();

    let error = till
        .pay(
            &customer,
            &demo::DOCS_PAIR.funding_code.parse().unwrap(),
            till::Payment::cash(None),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), "database_locked", "{error}");
    let words = error.message(Lang::Es);
    assert!(words.contains("otro programa"), "{words}");
    assert!(words.contains("No se envió nada"), "{words}");
    assert_eq!(requests_seen(&provider), 0, "nothing reached the provider");

    intruder.execute_batch("ROLLBACK").unwrap();
    drop(intruder);
    let entry = till
        .pay(
            &customer,
            &demo::DOCS_PAIR.funding_code.parse().unwrap(),
            till::Payment::cash(None),
        )
        .await
        .unwrap();
    assert_eq!(entry.state, till::OperationState::Confirmed);
    assert_eq!(
        till.history(None).unwrap().len(),
        1,
        "no partial row was left"
    );
    assert_eq!(requests_seen(&provider), 1);
}

#[test]
fn damage_is_told_apart_from_other_storage_errors() {
    let damaged = TillError::Storage {
        context: "read the journal",
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            None,
        ),
    };
    assert_eq!(damaged.code(), "database_damaged");
    let read_only = TillError::Storage {
        context: "write to the journal",
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            None,
        ),
    };
    assert_eq!(read_only.code(), "database_read_only");
    assert!(
        read_only
            .message(Lang::Es)
            .contains("escribir el registro de operaciones"),
        "{}",
        read_only.message(Lang::Es)
    );
}
