//! The client's transport rules on the wire: a redirect is followed only to `https://` or to loopback,
//! for at most three hops, and a refused redirect ends in a typed error classified as a refusal, before
//! any connection to the refused target.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use common::fixture;
use providers::apurata::downpayment::*;
use providers::http::{ApiError, MAX_REDIRECTS};
use providers::target::check_target;
use providers::{ApiToken, HttpSettings, PlainHttp, ProviderRoot, Soles};
use reqwest::Url;

const V2: &str = "/pos/client/inhouse-downpayment/v2";
/// A non-routable address: a connection attempt to it would hang until the connect timeout.
const BLACKHOLE: &str = "http://10.255.255.1/steal?dni=14159265&funding_code=1234567";

/// Generous bounds, so that an answer arriving well within them proves nothing waited on the network.
fn client(root: &str) -> DownpaymentApi {
    let settings = HttpSettings {
        connect_timeout: Duration::from_secs(10),
        total_timeout: Duration::from_secs(15),
        max_body_bytes: 64 * 1024,
    };
    let root = ProviderRoot::parse(root, PlainHttp::LoopbackOnly).unwrap();
    DownpaymentApi::new(&root, Flavor::V2, ApiToken::new("t"), settings).unwrap()
}

fn dni() -> CustomerId {
    CustomerId::Dni("14159265".parse().unwrap())
}

fn code(text: &str) -> FundingCode {
    text.parse().unwrap()
}

fn redirect(status: StatusCode, location: &str) -> Response {
    (status, [(header::LOCATION, location.to_owned())]).into_response()
}

/// Serves `router` on 127.0.0.1:0 and returns its root URL.
async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    url
}

async fn within_a_second<T>(call: impl Future<Output = T>) -> T {
    let started = Instant::now();
    let result = tokio::time::timeout(Duration::from_secs(3), call)
        .await
        .expect("the refused redirect must not wait on the network");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    result
}

fn assert_insecure_redirect(error: ApiError, status: u16) {
    assert!(
        error.is_refusal(),
        "a refused redirect is a refusal: {error:?}"
    );
    assert_eq!(error.status(), Some(status));
    assert_eq!(error.provider_message(), None);
    match error {
        ApiError::InsecureRedirect { to, .. } => assert_eq!(to, "http://10.255.255.1"),
        other => panic!("expected InsecureRedirect, got {other:?}"),
    }
}

#[tokio::test]
async fn a_payment_redirected_to_plain_http_is_refused_before_leaving() {
    let router = Router::new().route(
        &format!("{V2}/paid-and-billed"),
        post(|| async { redirect(StatusCode::FOUND, BLACKHOLE) }),
    );
    let root = serve(router).await;
    let error = within_a_second(client(&root).paid_and_billed(&dni(), &code("1234567")))
        .await
        .unwrap_err();
    assert_insecure_redirect(error, 302);
}

#[tokio::test]
async fn a_check_redirected_to_plain_http_is_refused_before_leaving() {
    let router = Router::new().route(
        &format!("{V2}/info"),
        get(|| async { redirect(StatusCode::FOUND, BLACKHOLE) }),
    );
    let root = serve(router).await;
    let error = within_a_second(client(&root).info(&dni(), &code("1234567")))
        .await
        .unwrap_err();
    assert_insecure_redirect(error, 302);
    let text = ApiError::InsecureRedirect {
        status: 302,
        to: "http://10.255.255.1".into(),
    }
    .to_string();
    assert!(
        !text.contains("steal") && !text.contains("14159265"),
        "{text}"
    );
}

#[tokio::test]
async fn a_redirect_to_another_scheme_is_refused() {
    let router = Router::new().route(
        &format!("{V2}/info"),
        get(|| async { redirect(StatusCode::MOVED_PERMANENTLY, "ftp://files.example/x") }),
    );
    let root = serve(router).await;
    let error = client(&root)
        .info(&dni(), &code("1234567"))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ApiError::InsecureRedirect { status: 301, to } if to == "ftp://files.example"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_redirect_to_loopback_is_followed_with_the_request_intact() {
    let router = Router::new()
        .route(
            &format!("{V2}/info"),
            get(|| async {
                redirect(
                    StatusCode::FOUND,
                    "/moved/info?dni=14159265&funding_code=1234567",
                )
            }),
        )
        .route(
            "/moved/info",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    fixture("info_200.json"),
                )
            }),
        )
        .route(
            &format!("{V2}/paid-and-billed"),
            post(|| async { redirect(StatusCode::TEMPORARY_REDIRECT, "/moved/paid-and-billed") }),
        )
        .route(
            "/moved/paid-and-billed",
            post(|headers: HeaderMap, body: String| async move {
                // A 307 keeps the method and the body; the same origin keeps the token.
                let authorized = headers.get(header::AUTHORIZATION).is_some();
                if authorized && body.contains("\"funding_code\":\"1234567\"") {
                    StatusCode::OK
                } else {
                    StatusCode::BAD_REQUEST
                }
            }),
        );
    let root = serve(router).await;
    let api = client(&root);
    let info = api.info(&dni(), &code("1234567")).await.unwrap();
    assert_eq!(info.downpayment_amount, Soles::from_centimos(57_998));
    api.paid_and_billed(&dni(), &code("1234567")).await.unwrap();
}

#[tokio::test]
async fn a_redirect_loop_stops_after_three_hops() {
    let hits = Arc::new(AtomicUsize::new(0));
    let router = Router::new()
        .route(
            &format!("{V2}/info"),
            get(|| async { redirect(StatusCode::FOUND, "/hop/1") }),
        )
        .route(
            "/hop/{n}",
            any(
                |State(hits): State<Arc<AtomicUsize>>, Path(n): Path<usize>| async move {
                    hits.fetch_add(1, Ordering::SeqCst);
                    redirect(StatusCode::FOUND, &format!("/hop/{}", n + 1))
                },
            ),
        )
        .with_state(hits.clone());
    let root = serve(router).await;
    let error = client(&root)
        .info(&dni(), &code("1234567"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            ApiError::TooManyRedirects {
                limit: MAX_REDIRECTS
            }
        ),
        "{error:?}"
    );
    assert!(error.is_refusal());
    assert_eq!(hits.load(Ordering::SeqCst), MAX_REDIRECTS);
}

#[test]
fn secure_targets_are_https_or_loopback_http() {
    let secure =
        |url: &str| check_target(&Url::parse(url).unwrap(), PlainHttp::LoopbackOnly).is_ok();
    for allowed in [
        "https://apurata.com/x?y=1",
        "https://10.255.255.1/",
        "http://127.0.0.1:8080/",
        "http://127.8.9.10/",
        "http://[::1]:9/",
        "http://localhost/",
        "http://LocalHost:3000/",
    ] {
        assert!(secure(allowed), "{allowed}");
    }
    for refused in [
        "http://10.255.255.1/",
        "http://192.168.1.10/",
        "http://apurata.com/",
        "http://127.0.0.1.evil.com/",
        "http://localhost.evil.com/",
        "http://[::ffff:8.8.8.8]/",
        "ftp://127.0.0.1/",
        "file:///etc/passwd",
        "javascript:alert(1)",
    ] {
        assert!(!secure(refused), "{refused}");
    }
}
