//! Receipt hosting against a real PostgreSQL: each allowed type (real files, made by an image tool)
//! is taken and served back byte for byte with headers that keep browsers from guessing; a file whose
//! bytes are not one of them is refused whatever it is called; a file over the limit is refused; a
//! fetch is logged; an expired URL answers 410 and an unknown one 404; an unsigned upload is refused.

#[path = "receipts/phone.rs"]
mod phone;
mod support;

use providers::central::wire::ReceiptAnswer;
use support::{enroll, http, start_central, start_with};

pub(crate) const PNG: &[u8] = include_bytes!("fixtures/recibo.png");
const JPEG: &[u8] = include_bytes!("fixtures/recibo.jpg");
const WEBP: &[u8] = include_bytes!("fixtures/recibo.webp");
/// The smallest PDF a reader opens: one empty page.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/// The path of a receipt URL (Central's public URL is not the test's loopback port).
pub(crate) fn path_of(url: &str) -> String {
    url::Url::parse(url).unwrap().path().to_owned()
}

#[tokio::test]
async fn each_allowed_type_is_hosted_and_served_back_as_it_came() {
    let central = start_central().await;
    let till = enroll(&central, "T01", "C1").await;
    let upload = till.path("receipts");
    for (bytes, content_type) in [
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (WEBP, "image/webp"),
        (PDF, "application/pdf"),
    ] {
        let answer = till.send("POST", &upload, bytes).await;
        assert_eq!(answer.status, 200, "{content_type}: {}", answer.body);
        let receipt: ReceiptAnswer = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(receipt.content_type, content_type);
        assert_eq!(receipt.bytes, bytes.len() as u64);
        assert!(
            receipt.url.starts_with("http://127.0.0.1:8470/recibos/"),
            "{}",
            receipt.url
        );
        let token = receipt.url.rsplit('/').next().unwrap();
        assert_eq!(token.len(), 43, "32 bytes in base64url: {token}");
        let expires: jiff::Timestamp = receipt.expires_at.parse().unwrap();
        let days = (expires - jiff::Timestamp::now()).get_seconds() / 86_400;
        assert!((29..=30).contains(&days), "30 days by default, not {days}");

        let served = http()
            .get(format!("{}{}", central.base_url(), path_of(&receipt.url)))
            .header("user-agent", "aPagos-checker/1.0")
            .send()
            .await
            .unwrap();
        assert_eq!(served.status(), 200);
        let header = |name: &str| served.headers()[name].to_str().unwrap().to_owned();
        assert_eq!(header("content-type"), content_type);
        assert_eq!(header("cache-control"), "private, no-store");
        assert_eq!(header("x-content-type-options"), "nosniff");
        assert_eq!(header("content-disposition"), "inline");
        assert_eq!(served.bytes().await.unwrap().as_ref(), bytes);
    }

    // The database holds the token's hash, never the token; every fetch was logged with who asked.
    let client = central.state.pool.get().await.unwrap();
    let stored: i64 = client
        .query_one("SELECT count(*) FROM receipt WHERE store_code = 'T01' AND till_code = 'C1' AND length(token_hash) = 64", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(stored, 4);
    let logged = client
        .query(
            "SELECT store_code, remote_addr, user_agent, status FROM receipt_fetch ORDER BY id",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(logged.len(), 4);
    for row in logged {
        let (store, remote, agent, status): (String, String, String, i16) =
            (row.get(0), row.get(1), row.get(2), row.get(3));
        assert_eq!(
            (store.as_str(), remote.as_str(), agent.as_str(), status),
            ("T01", "127.0.0.1", "aPagos-checker/1.0", 200)
        );
    }
}

#[tokio::test]
async fn a_file_is_judged_by_its_bytes_not_its_name() {
    let central = start_central().await;
    let till = enroll(&central, "T01", "C1").await;
    let upload = till.path("receipts");
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0".to_vec();
    elf.resize(512, 0);
    let html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>";
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";
    // A RIFF file that is not WebP (a WAV): the container alone is not enough.
    let wav = b"RIFF\x24\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0";
    for (bytes, looks_like) in [
        (&elf[..], "ELF"),
        (&html[..], "HTML"),
        (&svg[..], "SVG"),
        (&wav[..], "52 49 46 46"),
    ] {
        // Whatever the till calls it (the name never reaches Central: the body is the bytes).
        let answer = till.send("POST", &upload, bytes).await;
        assert_eq!(
            (answer.status, answer.code().as_str()),
            (415, "unsupported_file_type"),
            "{looks_like}"
        );
        let message = answer.json()["message"].as_str().unwrap().to_owned();
        assert!(message.contains(looks_like), "{message}");
    }
    let stored: i64 = central
        .state
        .pool
        .get()
        .await
        .unwrap()
        .query_one("SELECT count(*) FROM receipt", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused() {
    let central = start_with(|config| config.receipt_max_bytes = 1_000).await;
    let till = enroll(&central, "T01", "C1").await;
    let mut big = JPEG.to_vec();
    big.resize(1_001, 0);
    let answer = till.send("POST", &till.path("receipts"), &big).await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (413, "file_too_large")
    );
    assert!(
        answer.json()["message"]
            .as_str()
            .unwrap()
            .contains("1000 bytes")
    );
    // Far over (past what the signature check reads at all): refused the same way.
    let huge = vec![0xFFu8; 200_000];
    let answer = till.send("POST", &till.path("receipts"), &huge).await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (413, "file_too_large")
    );
    // At the limit exactly: taken.
    big.truncate(1_000);
    assert_eq!(
        till.send("POST", &till.path("receipts"), &big).await.status,
        200
    );
}

#[tokio::test]
async fn an_expired_url_is_gone_an_unknown_one_never_was_and_both_are_logged() {
    let central = start_central().await;
    let till = enroll(&central, "T01", "C1").await;
    let answer = till.send("POST", &till.path("receipts"), PNG).await;
    let receipt: ReceiptAnswer = serde_json::from_str(&answer.body).unwrap();
    let client = central.state.pool.get().await.unwrap();
    client
        .execute(
            "UPDATE receipt SET expires_at = now() - interval '1 minute'",
            &[],
        )
        .await
        .unwrap();
    let url = format!("{}{}", central.base_url(), path_of(&receipt.url));
    let gone = http().get(&url).send().await.unwrap();
    assert_eq!(gone.status(), 410);
    assert!(gone.text().await.unwrap().contains("venció"));

    let unknown = http()
        .get(format!("{}/recibos/{}", central.base_url(), "A".repeat(43)))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);

    let logged: Vec<(String, i16)> = support::pairs(
        &client,
        "SELECT store_code, status FROM receipt_fetch ORDER BY id",
    )
    .await;
    assert_eq!(logged, [("T01".to_owned(), 410), (String::new(), 404)]);

    // Nothing else is public: the pages and the till API want someone.
    let page = http()
        .get(format!("{}/recibos", central.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 404);
}

#[tokio::test]
async fn an_unsigned_upload_is_refused() {
    let central = start_central().await;
    let till = enroll(&central, "T01", "C1").await;
    let answer = till
        .send_with("POST", &till.path("receipts"), PNG, [])
        .await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (401, "unauthenticated")
    );
    // Signed by T01's till, for T02's path.
    let other = providers::central::wire::till_path("T02", "C1", "receipts");
    let answer = till.send("POST", &other, PNG).await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (403, "other_store")
    );
}
