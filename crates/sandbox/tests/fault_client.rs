//! The faults as Caja's own provider client meets them: every one ends in an error that is not a
//! refusal (the outcome is unknown to the till) or, for latency and a shape the POST ignores, in the
//! success that did take effect.

mod common;

use std::time::Duration;

use common::{TODAY, billings, start_faulty};
use providers::apurata::downpayment::{
    CustomerId, DownpaymentApi, Flavor, FundingCode, MOCK_TOKEN,
};
use providers::http::ApiError;
use providers::{ApiToken, HttpSettings, PlainHttp, ProviderRoot};
use sandbox::{RunningSandbox, demo};

const CODE: &str = demo::DOCS_PAIR.funding_code;

fn client(sandbox: &RunningSandbox) -> DownpaymentApi {
    let settings = HttpSettings {
        total_timeout: Duration::from_millis(500),
        ..HttpSettings::default()
    };
    DownpaymentApi::new(
        &ProviderRoot::parse(sandbox.url(), PlainHttp::LoopbackOnly).unwrap(),
        Flavor::V2,
        ApiToken::new(MOCK_TOKEN),
        settings,
    )
    .unwrap()
}

fn customer() -> CustomerId {
    CustomerId::Dni(demo::DOCS_PAIR.dni.parse().unwrap())
}

fn code() -> FundingCode {
    CODE.parse().unwrap()
}

#[tokio::test]
async fn every_failing_fault_is_an_unknown_outcome_for_the_client() {
    for (fault, billed_after) in [
        ("server-error", 0),
        ("bad-gateway", 0),
        ("unavailable", 0),
        ("drop-before-effect", 0),
        ("drop-after-effect", 1),
        ("truncated-body", 1),
        ("hang", 0),
    ] {
        let sandbox = start_faulty(&format!("*:{fault}"), 1).await;
        let api = client(&sandbox);
        let error = api.paid_and_billed(&customer(), &code()).await.unwrap_err();
        assert!(!error.is_refusal(), "{fault}: {error:?}");
        match fault {
            "server-error" | "bad-gateway" | "unavailable" => {
                assert!(matches!(error, ApiError::ServerError { .. }), "{error:?}");
                assert!(error.to_string().contains("<html>"), "{error}");
            }
            "hang" => assert!(matches!(error, ApiError::Timeout { .. }), "{error:?}"),
            _ => assert!(matches!(error, ApiError::Transport { .. }), "{error:?}"),
        }
        assert_eq!(billings(&sandbox, CODE), billed_after, "{fault}");
        // The read endpoint fails the same way.
        let error = api.info(&customer(), &code()).await.unwrap_err();
        assert!(!error.is_refusal(), "{fault}: {error:?}");
    }
}

#[tokio::test]
async fn wrong_shape_breaks_the_reads_and_not_the_post_that_took_effect() {
    let sandbox = start_faulty("*:wrong-shape", 1).await;
    let api = client(&sandbox);
    let error = api.info(&customer(), &code()).await.unwrap_err();
    assert!(
        matches!(error, ApiError::UnexpectedBody { status: 200, .. }),
        "{error:?}"
    );
    let error = api.day_totals(TODAY).await.unwrap_err();
    assert!(
        matches!(error, ApiError::UnexpectedBody { .. }),
        "{error:?}"
    );
    api.paid_and_billed(&customer(), &code()).await.unwrap();
    assert_eq!(billings(&sandbox, CODE), 1);
}

#[tokio::test]
async fn latency_within_the_timeout_is_only_slower() {
    let sandbox = start_faulty("*:latency=100", 1).await;
    let api = client(&sandbox);
    let info = api.info(&customer(), &code()).await.unwrap();
    assert_eq!(info.funding_code, CODE);
    api.paid_and_billed(&customer(), &code()).await.unwrap();
    assert_eq!(billings(&sandbox, CODE), 1);
}
