//! The receipt sent from the customer's phone: the till asks for a one-time link, the phone's page takes
//! one file (the type judged from its bytes; a disguised file is refused in Spanish and the link stays
//! open), the till learns it arrived, the receipt is served at the URL only the till knows, and a used,
//! expired or other till's link gives nothing.

use providers::central::wire::{UploadLinkAnswer, UploadLinkStatus};
use sha2::{Digest, Sha256};

use crate::support::{TestTill, enroll, http, start_central};
use crate::{PNG, path_of};

/// A link for `till`, with the receipt token the till made.
async fn link(till: &TestTill, receipt_token: &str) -> UploadLinkAnswer {
    let body = serde_json::json!({
        "receipt_token_sha256": hex::encode(Sha256::digest(receipt_token.as_bytes()))
    });
    let answer = till
        .send(
            "POST",
            &till.path("upload-links"),
            body.to_string().as_bytes(),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

async fn link_status(till: &TestTill, id: i64) -> (u16, Option<UploadLinkStatus>) {
    let answer = till
        .send("GET", &till.path(&format!("upload-links/{id}")), b"")
        .await;
    (answer.status, serde_json::from_str(&answer.body).ok())
}

/// What the phone's browser sends: the form's one file field.
async fn send_file(base: &str, page: &str, bytes: &[u8], name: &str) -> (u16, String) {
    let boundary = "----cajaTestBoundary7MA4YWxk";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"comprobante\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let answer = http()
        .post(format!("{base}{page}"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    (answer.status().as_u16(), answer.text().await.unwrap())
}

async fn get(url: String) -> (u16, Vec<u8>) {
    let answer = http().get(url).send().await.unwrap();
    (
        answer.status().as_u16(),
        answer.bytes().await.unwrap().to_vec(),
    )
}

#[tokio::test]
async fn a_receipt_sent_from_the_phone_reaches_the_till_once() {
    let central = start_central().await;
    let base = central.base_url();
    let c1 = enroll(&central, "T01", "C1").await;
    let token = "la-clave-que-solo-conoce-la-caja-0123456789";
    let link = link(&c1, token).await;
    assert!(link.receipt_url_base.ends_with("/recibos/"), "{link:?}");
    let page = path_of(&link.upload_url);
    assert!(page.starts_with("/subir/"), "{page}");

    let (status, form) = get(format!("{base}{page}")).await;
    let form = String::from_utf8(form).unwrap();
    // CAJA_KEEP_PAGE=FILE keeps the phone's page, to look at in a browser.
    if let Some(keep) = std::env::var_os("CAJA_KEEP_PAGE") {
        std::fs::write(keep, &form).unwrap();
    }
    assert_eq!(status, 200);
    assert!(form.contains("enctype=\"multipart/form-data\"") && form.contains("Enviar a la caja"));

    // A file that is not a receipt, named like one: refused in Spanish, the link still open.
    let (status, refused) = send_file(&base, &page, b"MZ\x90\0 a program", "recibo.png").await;
    assert_eq!(status, 415);
    assert!(
        refused.contains("no es una imagen JPEG, PNG o WebP ni un PDF"),
        "{refused}"
    );
    let (_, waiting) = link_status(&c1, link.id).await;
    assert!(!waiting.unwrap().received);

    let (status, done) = send_file(&base, &page, PNG, "captura.png").await;
    assert_eq!(status, 200, "{done}");
    assert!(done.contains("la caja recibió su comprobante"), "{done}");
    let (_, arrived) = link_status(&c1, link.id).await;
    let arrived = arrived.unwrap();
    assert!(arrived.received && arrived.closed);
    assert_eq!(arrived.content_type.as_deref(), Some("image/png"));
    assert_eq!(arrived.bytes, Some(PNG.len() as u64));

    // Served where only the till knows: its own token after the base.
    let (status, served) = get(format!("{base}/recibos/{token}")).await;
    assert_eq!((status, served.as_slice()), (200, PNG));

    // Once only.
    let (status, again) = send_file(&base, &page, PNG, "captura.png").await;
    assert_eq!(status, 410);
    assert!(again.contains("ya se usó"), "{again}");
    // Another till cannot read this link.
    let c2 = enroll(&central, "T01", "C2").await;
    assert_eq!(link_status(&c2, link.id).await.0, 404);
}

#[tokio::test]
async fn an_expired_or_unknown_link_says_so_and_takes_nothing() {
    let central = start_central().await;
    let base = central.base_url();
    let c1 = enroll(&central, "T01", "C1").await;
    let link = link(&c1, "otra-clave-de-la-caja-abcdefghijklmnopqrstu").await;
    let db = central.state.pool.get().await.unwrap();
    db.execute(
        "UPDATE upload_link SET expires_at = now() - interval '1 minute' WHERE id = $1",
        &[&link.id],
    )
    .await
    .unwrap();
    let page = path_of(&link.upload_url);
    let (status, text) = send_file(&base, &page, PNG, "captura.png").await;
    assert_eq!(status, 410);
    assert!(text.contains("venció"), "{text}");
    let (status, _) = get(format!("{base}/subir/no-existe")).await;
    assert_eq!(status, 404);
    let (_, closed) = link_status(&c1, link.id).await;
    let closed = closed.unwrap();
    assert!(closed.closed && !closed.received);
    // A bad request: not the hash of a token.
    let answer = c1
        .send(
            "POST",
            &c1.path("upload-links"),
            br#"{"receipt_token_sha256": "abc"}"#,
        )
        .await;
    assert_eq!(answer.status, 400);
}
