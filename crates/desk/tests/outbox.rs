//! The outbox against the real sandbox: an operation whose outcome is unknown is resolved once the
//! provider answers again, never guessed; and at most one operation per code is open at a time.

use std::time::Duration;

use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{SandboxConfig, demo};
use till::identity::parse_dni;
use till::{
    ApiToken, FundingCode, HttpSettings, Mode, OperationKind, OperationState, Till, TillConfig,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn till_for(dir: &std::path::Path, url: &str) -> Till {
    Till::open(TillConfig {
        data_dir: dir.to_owned(),
        mode: Mode::Sandbox,
        api_url: url.to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings {
            total_timeout: Duration::from_secs(3),
            ..HttpSettings::default()
        },
    })
    .unwrap()
}

/// A provider that goes away and comes back on the same port with the same state.
async fn provider_outage(dir: &std::path::Path) -> (String, u16, std::path::PathBuf) {
    let state_file = dir.join("provider-state.json");
    let provider = sandbox::start(SandboxConfig {
        state_file: Some(state_file.clone()),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let url = provider.url().to_owned();
    let port = provider.address().port();
    provider.shutdown().await;
    (url, port, state_file)
}

async fn provider_back(port: u16, state_file: std::path::PathBuf) -> sandbox::RunningSandbox {
    sandbox::start(SandboxConfig {
        port,
        state_file: Some(state_file),
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn an_unknown_payment_is_resolved_when_the_provider_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let (url, port, state_file) = provider_outage(dir.path()).await;
    let till = till_for(dir.path(), &url);
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code;
    desk::test_support::open_shift(&till).await;

    let error = till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "provider_unreachable");
    assert_eq!(till.open_operations().unwrap().len(), 1);

    // The cashier presses again: the open payment is tried first, and a second one is not started.
    let again = till
        .pay(&customer, &code.parse().unwrap(), till::Payment::cash(None))
        .await
        .unwrap_err();
    assert_eq!(again.code(), "operation_open", "{again}");
    let open = till.open_operations().unwrap();
    assert_eq!(open.len(), 1, "still one operation, not two");
    assert!(open[0].attempts >= 1);

    let provider = provider_back(port, state_file).await;
    let report = till.drain(Duration::from_secs(20)).await.unwrap();
    assert!(report.still_open.is_empty(), "{report:?}");
    assert_eq!(report.resolved.len(), 1);
    assert_eq!(report.resolved[0].state, OperationState::Confirmed);
    assert!(provider.state().financing(code).unwrap().billed);

    let check = till.check(&customer, &code.parse().unwrap()).await.unwrap();
    assert!(check.handover_allowed);
    assert!(check.open_operation.is_none());
}

#[tokio::test]
async fn an_unknown_undo_is_confirmed_by_asking_not_by_repeating() {
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join("provider-state.json");
    let provider = sandbox::start(SandboxConfig {
        state_file: Some(state_file.clone()),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let port = provider.address().port();
    let till = till_for(dir.path(), provider.url());
    let customer = parse_dni(demo::ALREADY_BILLED.dni).unwrap();
    let code = demo::ALREADY_BILLED.funding_code;
    provider.shutdown().await;
    desk::test_support::open_shift(&till).await;

    assert_eq!(
        till.undo(&customer, &code.parse().unwrap(), None)
            .await
            .unwrap_err()
            .code(),
        "provider_unreachable"
    );
    let provider = provider_back(port, state_file).await;
    let report = till.drain(Duration::from_secs(20)).await.unwrap();
    assert_eq!(report.resolved.len(), 1, "{report:?}");
    assert_eq!(report.resolved[0].kind, OperationKind::UndoBilling);
    assert_eq!(report.resolved[0].state, OperationState::Confirmed);
    assert!(!provider.state().financing(code).unwrap().billed);
    let unbillings = provider.state().billing_events().len();
    assert_eq!(unbillings, 1, "one undo took effect, not two");
}

#[tokio::test]
async fn a_double_click_starts_one_operation() {
    let dir = tempfile::tempdir().unwrap();
    let url = slow_provider(Duration::from_millis(600)).await;
    let till = till_for(dir.path(), &url);
    let customer = parse_dni("14159265").unwrap();
    let code: FundingCode = "1234567".parse().unwrap();
    desk::test_support::open_shift(&till).await;
    let (first, second) = tokio::join!(
        till.pay(&customer, &code, till::Payment::cash(None)),
        till.pay(&customer, &code, till::Payment::cash(None))
    );
    let outcomes = [first.map(|e| e.state), second.map(|e| e.state)];
    let confirmed = outcomes
        .iter()
        .filter(|o| matches!(o, Ok(OperationState::Confirmed)))
        .count();
    let refused = outcomes
        .iter()
        .filter(|o| matches!(o, Err(error) if error.code() == "operation_open"))
        .count();
    assert_eq!((confirmed, refused), (1, 1), "{outcomes:?}");
    let journal = till.history(None).unwrap();
    assert_eq!(journal.len(), 1, "the refused click wrote nothing");
}

#[tokio::test]
async fn different_codes_do_not_wait_for_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let url = slow_provider(Duration::from_millis(300)).await;
    let till = till_for(dir.path(), &url);
    let customer = parse_dni("14159265").unwrap();
    let (one, other): (FundingCode, FundingCode) =
        ("1111111".parse().unwrap(), "2222222".parse().unwrap());
    desk::test_support::open_shift(&till).await;
    let (first, second) = tokio::join!(
        till.pay(&customer, &one, till::Payment::cash(None)),
        till.pay(&customer, &other, till::Payment::cash(None))
    );
    assert!(first.is_ok() && second.is_ok());
}

/// Answers 200 to every request after `delay`, like a slow provider.
async fn slow_provider(delay: Duration) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                break;
            };
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                let _ = socket.read(&mut buffer).await;
                tokio::time::sleep(delay).await;
                let _ = socket
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                    .await;
            });
        }
    });
    url
}
