//! The customer's phone page in a real browser: the till asks for a link, Chromium opens it, picks the
//! receipt's screenshot in the file input and sends it, the page says it arrived, and the till learns
//! so; the receipt is then served at the URL only the till knows.

use providers::central::wire::{UploadLinkAnswer, UploadLinkStatus};
use sha2::{Digest, Sha256};

use crate::browser::Browser;
use crate::support::{enroll, http, start_central};

#[tokio::test]
async fn a_customer_sends_the_receipt_from_a_browser() {
    let central = start_central().await;
    let base = central.base_url();
    let c1 = enroll(&central, "T01", "C1").await;
    let token = "token-de-la-caja-para-el-recibo-0123456789a";
    let body = serde_json::json!({
        "receipt_token_sha256": hex::encode(Sha256::digest(token.as_bytes()))
    });
    let answer = c1
        .send(
            "POST",
            &c1.path("upload-links"),
            body.to_string().as_bytes(),
        )
        .await;
    let link: UploadLinkAnswer = serde_json::from_str(&answer.body).unwrap();
    let page = url::Url::parse(&link.upload_url).unwrap().path().to_owned();

    let browser = Browser::start().await;
    browser.goto(&format!("{base}{page}")).await;
    assert!(
        browser.text("#mensaje").await.contains("Tienda Miraflores"),
        "the page names the store"
    );
    let screenshot =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recibo.png");
    browser.choose_file("#comprobante", &screenshot).await;
    browser.submit("form button").await;
    let said = browser.text("#mensaje").await;
    assert!(said.contains("la caja recibió su comprobante"), "{said}");
    browser.stop().await;

    let answer = c1
        .send("GET", &c1.path(&format!("upload-links/{}", link.id)), b"")
        .await;
    let status: UploadLinkStatus = serde_json::from_str(&answer.body).unwrap();
    assert!(status.received, "{status:?}");
    assert_eq!(status.content_type.as_deref(), Some("image/png"));
    let served = http()
        .get(format!("{base}/recibos/{token}"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(
        served.as_ref(),
        std::fs::read(screenshot).unwrap().as_slice()
    );
}
