//! A transfer's receipt file as the desktop's window sends it (`views::host_receipt_file`), on the
//! simulator without Caja Central: a PNG is put at an address aPagos can fetch, byte for byte; a file
//! over 10 MB is refused in the cashier's words before anything reads or sends it.

use desk::views::{self, RECEIPT_MAX_BYTES};
use desk::{Lang, Overrides, Worded, Workstation};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::SandboxConfig;
use till::{Mode, Staff};

/// The eight bytes every PNG starts with, then some of a picture.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR not really a picture";

async fn workstation(data: &std::path::Path, url: &str) -> Workstation {
    let overrides = Overrides {
        mode: Some(Mode::Sandbox),
        api_url: Some(url.to_owned()),
        token: Some(MOCK_TOKEN.to_owned()),
        ..Overrides::default()
    };
    let staff = std::sync::Arc::new(Staff::open(data).unwrap());
    Workstation::open_with_staff(data, &overrides, staff)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_png_is_hosted_as_sent_and_a_file_over_10_mb_is_refused_unread() {
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ws = workstation(dir.path(), provider.url()).await;

    let hosted = views::host_receipt_file(&ws, PNG).await.unwrap();
    assert_eq!(hosted.content_type, "image/png");
    let served = reqwest::get(&hosted.receipt_url).await.unwrap();
    assert!(served.status().is_success(), "{}", hosted.receipt_url);
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG);

    let mut huge = PNG.to_vec();
    huge.resize(RECEIPT_MAX_BYTES + 1, 0);
    let refused = views::host_receipt_file(&ws, &huge)
        .await
        .unwrap_err()
        .worded(Lang::Es);
    assert_eq!(refused.code, "invalid_voucher_field");
    assert_eq!(refused.field.as_deref(), Some("receipt_size"));
    assert!(refused.message.contains("10 MB"), "{}", refused.message);
    assert!(
        refused.message.contains("No se envió nada"),
        "{}",
        refused.message
    );
}
