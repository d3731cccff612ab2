//! A provider URL that answers with a redirect to plain HTTP, as the cashier meets it: the payment is
//! refused with its own code and words, the journal keeps it `rejected` (a redirect answers instead of
//! processing the request), and the outbox has nothing to retry.

use desk::Explain;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use desk::Lang;
use till::identity::parse_dni;
use till::{ApiToken, HttpSettings, Mode, OperationKind, OperationState, Till, TillConfig};

/// Answers every request with `302 Location: http://10.255.255.1/...`; returns its root URL.
async fn redirecting_peer() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0u8; 8192];
                let _ = socket.read(&mut request).await;
                let answer = "HTTP/1.1 302 Found\r\nlocation: http://10.255.255.1/pay?dni=14159265\r\n\
                              content-length: 0\r\nconnection: close\r\n\r\n";
                let _ = socket.write_all(answer.as_bytes()).await;
                tokio::time::sleep(Duration::from_millis(200)).await;
            });
        }
    });
    url
}

#[tokio::test]
async fn a_payment_redirected_to_plain_http_is_rejected_not_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let till = Till::open(TillConfig {
        data_dir: dir.path().to_owned(),
        mode: Mode::Live,
        api_url: redirecting_peer().await,
        token: ApiToken::new("live-token-for-tests"),
        http: HttpSettings::default(),
    })
    .unwrap();
    // Live mode always needs someone signed in: the first supervisor is.
    till.staff()
        .create_first_supervisor("Rosa Quispe", "2468")
        .unwrap();
    let customer = parse_dni("14159265").unwrap();
    desk::test_support::open_shift(&till).await;

    let error = till
        .pay(
            &customer,
            &"1234567".parse().unwrap(),
            till::Payment::cash(None),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), "insecure_redirect");
    let words = error.message(Lang::Es);
    assert!(words.contains("http://10.255.255.1"), "{words}");
    assert!(
        !words.contains("14159265"),
        "the target's query stays out: {words}"
    );

    let history = till.history(None).unwrap();
    let payment = history
        .iter()
        .find(|entry| entry.kind == OperationKind::PaidAndBilled)
        .unwrap();
    assert_eq!(payment.state, OperationState::Rejected);
    assert_eq!(payment.http_status, Some(302));
    assert!(till.open_operations().unwrap().is_empty());
}
