//! The faults that break the connection: dropped before or after the effect, a body cut short, a hang.
//! The client must see a transport error (never a status) or an unreadable body, and the state must
//! show exactly whether the operation took effect.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{Outcome, billings, info_request, outcome, pay_request, start_faulty};
use providers::apurata::downpayment::{API_PREFIX, MOCK_TOKEN};
use sandbox::{Endpoint, FaultKind, FaultPlan, RunningSandbox, demo};

const CODE: &str = demo::DOCS_PAIR.funding_code;

fn billed(sandbox: &RunningSandbox) -> bool {
    sandbox.state().financing(CODE).unwrap().billed
}

/// Every byte a plain socket receives for one `GET info` until the sandbox closes the connection.
async fn raw_info_exchange(sandbox: &RunningSandbox) -> Vec<u8> {
    let address = sandbox.address();
    let request = format!(
        "GET {API_PREFIX}v2/info?dni=14159265&funding_code=1234567 HTTP/1.1\r\n\
         Host: {address}\r\nAuthorization: Bearer {MOCK_TOKEN}\r\n\r\n"
    );
    tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut received = Vec::new();
        let mut buffer = [0; 4096];
        loop {
            match stream.read(&mut buffer) {
                Ok(0) => return received,
                Ok(read) => received.extend_from_slice(&buffer[..read]),
                Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => {
                    return received;
                }
                Err(error) => panic!("the sandbox closes the connection: {error}"),
            }
        }
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn drop_before_effect_closes_the_connection_and_changes_nothing() {
    let sandbox = start_faulty("paid-and-billed:drop-before-effect", 1).await;
    let http = reqwest::Client::new();

    let error = pay_request(&http, &sandbox).send().await.unwrap_err();
    assert!(error.is_request(), "{error:?}");
    assert_eq!(error.status(), None);
    assert!(!billed(&sandbox));
    assert_eq!(billings(&sandbox, CODE), 0);

    // The read endpoint is not in the rule: it answers, and says the code is not billed.
    let info = outcome(info_request(&http, &sandbox)).await;
    let Outcome::Answered { status: 200, body } = info else {
        panic!("{info:?}")
    };
    assert!(body.contains(r#""billed_by_ecommerce":false"#), "{body}");

    let counts = sandbox.state().fault_counts();
    assert_eq!(
        counts.into_iter().collect::<Vec<_>>(),
        [((Endpoint::PaidAndBilled, FaultKind::DropBeforeEffect), 1)]
    );
}

#[tokio::test]
async fn drop_after_effect_bills_once_although_the_client_saw_an_error() {
    let sandbox = start_faulty("paid-and-billed:drop-after-effect", 1).await;
    let http = reqwest::Client::new();

    let error = pay_request(&http, &sandbox).send().await.unwrap_err();
    assert!(error.is_request(), "{error:?}");
    assert_eq!(error.status(), None);
    assert!(billed(&sandbox), "the sandbox committed");
    assert_eq!(billings(&sandbox, CODE), 1);

    // A retry under the same fault: the client still sees an error, nothing is billed twice.
    assert_eq!(
        outcome(pay_request(&http, &sandbox)).await,
        Outcome::NoAnswer
    );
    assert_eq!(billings(&sandbox, CODE), 1);

    // A retry once the fault is gone: the documented 200, still one billing.
    sandbox.state().set_fault_plan(FaultPlan::default());
    assert_eq!(
        outcome(pay_request(&http, &sandbox)).await,
        Outcome::Answered {
            status: 200,
            body: String::new()
        }
    );
    assert_eq!(billings(&sandbox, CODE), 1);
    assert_eq!(
        sandbox.state().fault_counts()[&(Endpoint::PaidAndBilled, FaultKind::DropAfterEffect)],
        2
    );
}

#[tokio::test]
async fn truncated_body_declares_the_whole_length_and_sends_half() {
    let sandbox = start_faulty("info:truncated-body", 1).await;
    let http = reqwest::Client::new();
    sandbox.state().set_fault_plan(FaultPlan::default());
    let whole = info_request(&http, &sandbox).send().await.unwrap();
    let whole_length = whole.bytes().await.unwrap().len() as u64;

    sandbox
        .state()
        .set_fault_plan("info:truncated-body".parse().unwrap());
    let response = info_request(&http, &sandbox).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.content_length(), Some(whole_length));
    let error = response.bytes().await.unwrap_err();
    assert!(error.is_body() || error.is_decode(), "{error:?}");
}

#[tokio::test]
async fn on_the_wire_a_drop_is_silence_and_a_truncation_is_half_a_body() {
    let sandbox = start_faulty("info:drop-before-effect", 1).await;
    assert_eq!(raw_info_exchange(&sandbox).await, b"");
    sandbox
        .state()
        .set_fault_plan("info:drop-after-effect".parse().unwrap());
    assert_eq!(raw_info_exchange(&sandbox).await, b"");

    sandbox
        .state()
        .set_fault_plan("info:truncated-body".parse().unwrap());
    let received = String::from_utf8(raw_info_exchange(&sandbox).await).unwrap();
    let (head, body) = received.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    let declared: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length: "))
        .expect("a content-length")
        .parse()
        .unwrap();
    assert_eq!(body.len(), declared / 2, "{body}");
    assert!(body.starts_with(r#"{"funding_code":"1234567""#), "{body}");
}

#[tokio::test]
async fn truncated_body_of_paid_and_billed_takes_effect() {
    let sandbox = start_faulty("paid-and-billed:truncated-body", 1).await;
    let http = reqwest::Client::new();
    // The documented answer is an empty 200: it is announced with one byte and cut anyway.
    assert_eq!(
        outcome(pay_request(&http, &sandbox)).await,
        Outcome::BrokenBody { status: 200 }
    );
    assert!(billed(&sandbox));
    assert_eq!(billings(&sandbox, CODE), 1);
}

#[tokio::test]
async fn hang_then_drop_has_no_effect() {
    let sandbox = start_faulty("paid-and-billed:hang=300", 1).await;
    let http = reqwest::Client::new();
    let started = Instant::now();
    assert_eq!(
        outcome(pay_request(&http, &sandbox)).await,
        Outcome::NoAnswer
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(!billed(&sandbox));
    assert_eq!(billings(&sandbox, CODE), 0);
}

#[tokio::test]
async fn hang_by_default_outlasts_the_client_timeout() {
    let sandbox = start_faulty("paid-and-billed:hang", 1).await;
    let http = reqwest::Client::new();
    let request = pay_request(&http, &sandbox).timeout(Duration::from_millis(400));
    assert_eq!(outcome(request).await, Outcome::TimedOut);
    assert!(!billed(&sandbox));
    assert_eq!(
        sandbox.state().fault_counts()[&(Endpoint::PaidAndBilled, FaultKind::Hang)],
        1
    );
}
