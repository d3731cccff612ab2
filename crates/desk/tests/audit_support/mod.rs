//! A till with a day of real operations behind it, and the two things every audit test does to it:
//! tamper with its SQLite file as an outsider would, and verify the record. Shared by the audit tests.

// Each test binary that includes this module uses a part of it.
#![allow(dead_code)]

use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{SandboxConfig, demo};
use till::identity::parse_dni;
use till::{ApiToken, HttpSettings, Mode, Till, TillConfig};

/// A till with a few real operations in its journal; returns its data folder.
pub async fn worked_day() -> tempfile::TempDir {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let till = Till::open(TillConfig {
        data_dir: dir.path().to_owned(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    })
    .unwrap();
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code;
    // The shift's opening is the chain's first entry; the operations' follow.
    desk::test_support::open_shift(&till).await;
    till.check(&customer, &code.parse().unwrap()).await.unwrap();
    till.pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap();
    till.undo(&customer, &code.parse().unwrap(), None)
        .await
        .unwrap();
    till.pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap();
    dir
}

pub fn verify(dir: &std::path::Path) -> till::audit::AuditReport {
    till::Staff::open(dir).unwrap().verify_audit().unwrap()
}

pub fn tamper(dir: &std::path::Path, sql: &str) {
    let connection = rusqlite::Connection::open(dir.join(till::DATABASE_FILE)).unwrap();
    connection.execute_batch(sql).unwrap();
}
