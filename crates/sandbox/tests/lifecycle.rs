//! Starting and stopping: the URL is the provider root, a taken port is a typed error, shutdown frees
//! the port, and a dropped handle stops serving.

mod common;

use common::{Caller, TODAY, start, url};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{SandboxConfig, SandboxError};

#[tokio::test]
async fn url_is_the_provider_root_on_loopback() {
    let sandbox = start().await;
    let root = sandbox.url();
    assert!(root.starts_with("http://127.0.0.1:"), "{root}");
    assert!(!root.ends_with('/'));
    assert_eq!(root, format!("http://{}", sandbox.address()));
    assert_ne!(sandbox.address().port(), 0);
    assert_eq!(sandbox.state().today(), TODAY);
}

#[test]
fn default_config() {
    let config = SandboxConfig::default();
    assert_eq!(
        (config.port, config.token.as_str(), config.today),
        (0, MOCK_TOKEN, None)
    );
    assert!(
        !format!("{config:?}").contains(MOCK_TOKEN),
        "the token is never printed"
    );
}

#[tokio::test]
async fn a_taken_port_is_a_typed_error() {
    let first = start().await;
    let taken = SandboxConfig {
        port: first.address().port(),
        ..SandboxConfig::default()
    };
    match sandbox::start(taken).await {
        Err(error @ SandboxError::PortInUse { .. }) => {
            assert_eq!(error.code(), "sandbox_port_in_use");
            assert!(error.to_string().contains("already in use"), "{error}");
        }
        other => panic!("expected PortInUse, got {other:?}"),
    }
}

#[tokio::test]
async fn an_empty_token_is_refused() {
    let config = SandboxConfig {
        token: " ".into(),
        ..SandboxConfig::default()
    };
    assert!(matches!(
        sandbox::start(config).await,
        Err(SandboxError::EmptyToken)
    ));
}

#[tokio::test]
async fn shutdown_frees_the_port() {
    let sandbox = start().await;
    let address = sandbox.address();
    let info = url(&sandbox, "v2", "info");
    let answer = Caller::default()
        .get(&info, &[("dni", "14159265"), ("funding_code", "1234567")])
        .await;
    assert_eq!(answer.status, 200);
    sandbox.shutdown().await;
    let again = sandbox::start(SandboxConfig {
        port: address.port(),
        ..SandboxConfig::default()
    })
    .await
    .expect("the port is free again");
    assert_eq!(again.address(), address);
    again.shutdown().await;
}

#[tokio::test]
async fn dropping_the_handle_stops_serving() {
    let sandbox = start().await;
    let info = url(&sandbox, "v2", "info");
    drop(sandbox);
    let http = reqwest::Client::new();
    let mut refused = false;
    for _ in 0..50 {
        if http.get(&info).send().await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        refused,
        "the server still answers after its handle was dropped"
    );
}

#[tokio::test]
async fn state_is_shared_by_both_prefixes() {
    let sandbox = start().await;
    let caller = Caller::default();
    caller
        .post(
            &url(&sandbox, "mock", "paid-and-billed"),
            r#"{"dni": "14159265", "funding_code": "1234567"}"#,
        )
        .await
        .expect_empty_ok();
    let answer = caller
        .get(
            &url(&sandbox, "v2", "info"),
            &[("dni", "14159265"), ("funding_code", "1234567")],
        )
        .await;
    assert_eq!(answer.json()["billed_by_ecommerce"], true);
}

fn with_state_file(path: &std::path::Path) -> SandboxConfig {
    SandboxConfig {
        today: Some(TODAY),
        state_file: Some(path.to_owned()),
        ..SandboxConfig::default()
    }
}

#[tokio::test]
async fn a_state_file_carries_changes_to_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox-state.json");
    let pay = r#"{"dni": "14159265", "funding_code": "1234567"}"#;

    let first = common::start_with(with_state_file(&path)).await;
    assert!(!path.exists(), "nothing is written before the first change");
    Caller::default()
        .post(&url(&first, "v2", "paid-and-billed"), pay)
        .await
        .expect_empty_ok();
    let financings = first.state().financings();
    let events = first.state().billing_events();
    first.shutdown().await;
    assert!(path.exists());

    let second = common::start_with(with_state_file(&path)).await;
    assert_eq!(second.state().financings(), financings);
    assert_eq!(second.state().billing_events(), events);
    Caller::default()
        .post(&url(&second, "v2", "undo-billing"), pay)
        .await
        .expect_empty_ok();
    second.shutdown().await;

    let third = common::start_with(with_state_file(&path)).await;
    let docs_pair = third.state().financing("1234567").unwrap();
    assert!(!docs_pair.billed);
    assert!(
        docs_pair.payment.is_some(),
        "undo keeps the down payment paid"
    );
    assert_eq!(third.state().billing_events().len(), 2);
}

#[tokio::test]
async fn an_unreadable_state_file_is_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox-state.json");
    std::fs::write(&path, "{ not json").unwrap();
    match sandbox::start(with_state_file(&path)).await {
        Err(error @ SandboxError::StateFile { .. }) => {
            assert_eq!(error.code(), "sandbox_state_file_unreadable");
            assert!(error.to_string().contains("delete it"), "{error}");
        }
        other => panic!("expected StateFile, got {other:?}"),
    }
    std::fs::write(
        &path,
        r#"{"format": 99, "financings": [], "billing_events": []}"#,
    )
    .unwrap();
    assert!(matches!(
        sandbox::start(with_state_file(&path)).await,
        Err(SandboxError::StateFile { .. })
    ));
}
