//! The journal row of a state-changing call is committed before the request leaves: a provider that
//! looks into the till's database the moment the request arrives already finds it, `pending`. And what
//! is read back from it is checked again: a row whose document or code was edited outside Caja is a
//! storage error, never an unchecked value the outbox could send.

use std::path::PathBuf;

use providers::apurata::downpayment::MOCK_TOKEN;
use till::identity::parse_dni;
use till::{ApiToken, HttpSettings, Mode, OperationState, Till, TillConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A provider stand-in that, on receiving the request, reads the till's SQLite file through its own
/// connection and reports the journal rows it saw, then answers 200.
async fn provider_that_inspects(
    database: PathBuf,
) -> (
    String,
    tokio::sync::oneshot::Receiver<Vec<(String, String)>>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, receiver) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buffer = [0u8; 8192];
        let _ = socket.read(&mut buffer).await.unwrap();
        let _ = sender.send(journal_rows(&database));
        let _ = socket
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            .await;
    });
    (url, receiver)
}

#[tokio::test]
async fn the_row_is_durable_before_the_request_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let (url, seen) = provider_that_inspects(dir.path().join(till::DATABASE_FILE)).await;
    let till = Till::open(TillConfig {
        data_dir: dir.path().to_owned(),
        mode: Mode::Sandbox,
        api_url: url,
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    })
    .unwrap();
    desk::test_support::open_shift(&till).await;
    let entry = till
        .pay(
            &parse_dni("14159265").unwrap(),
            &"1234567".parse().unwrap(),
            till::Payment::cash(None),
        )
        .await
        .unwrap();
    assert_eq!(
        seen.await.unwrap(),
        [("paid_and_billed".to_owned(), "pending".to_owned())]
    );
    assert_eq!(entry.state, OperationState::Confirmed);
    assert_eq!(
        till.history(None).unwrap()[0].state,
        OperationState::Confirmed
    );
}

#[tokio::test]
async fn a_row_edited_to_an_unchecked_id_reads_back_as_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (url, seen) = provider_that_inspects(dir.path().join(till::DATABASE_FILE)).await;
    let till = Till::open(TillConfig {
        data_dir: dir.path().to_owned(),
        mode: Mode::Sandbox,
        api_url: url,
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    })
    .unwrap();
    desk::test_support::open_shift(&till).await;
    till.pay(
        &parse_dni("14159265").unwrap(),
        &"1234567".parse().unwrap(),
        till::Payment::cash(None),
    )
    .await
    .unwrap();
    seen.await.unwrap();
    assert_eq!(till.history(None).unwrap().len(), 1);
    for edit in [
        "UPDATE journal SET funding_code = '12a4567'",
        "UPDATE journal SET funding_code = '1234567', customer_number = '1415926'",
        "UPDATE journal SET customer_field = 'ruc', customer_number = '10141421357'",
    ] {
        let connection = rusqlite::Connection::open(dir.path().join(till::DATABASE_FILE)).unwrap();
        connection.execute(edit, []).unwrap();
        drop(connection);
        let error = till.history(None).unwrap_err();
        assert_eq!(error.code(), "storage", "{edit}: {error:?}");
    }
}

fn journal_rows(database: &std::path::Path) -> Vec<(String, String)> {
    let connection = rusqlite::Connection::open(database).unwrap();
    let mut statement = connection
        .prepare("SELECT kind, state FROM journal")
        .unwrap();
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<Vec<(String, String)>, _>>()
        .unwrap()
}
