//! The simulator's stand-in for Central's receipt hosting, over loopback: a phone's screenshot of a
//! few MB is kept and served back byte for byte, one over 10 MB and one that is no image are refused
//! in words that say why.

mod common;

use common::start;

/// A PNG of `size` bytes: the signature, then filler (the type is read from the first bytes).
fn png_of(size: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.resize(size, 7);
    bytes
}

#[tokio::test]
async fn a_screenshot_of_several_megabytes_is_kept_and_served_back() {
    let sandbox = start().await;
    let receipt = png_of(3 * 1024 * 1024 + 17);
    let url = sandbox::host_receipt(sandbox.url(), receipt.clone())
        .await
        .expect("a 3 MB PNG is kept");
    assert!(url.ends_with(".png"), "{url}");
    let served = reqwest::get(&url).await.expect("the receipt is served");
    assert_eq!(served.status(), 200);
    assert_eq!(
        served.headers()["content-type"].to_str().unwrap(),
        "image/png"
    );
    assert_eq!(served.bytes().await.unwrap().to_vec(), receipt);
}

#[tokio::test]
async fn a_receipt_over_ten_megabytes_is_refused_saying_the_limit() {
    let sandbox = start().await;
    let refused = sandbox::host_receipt(sandbox.url(), png_of(10 * 1024 * 1024 + 1))
        .await
        .expect_err("over 10 MB is refused");
    assert!(refused.contains("10 MB"), "{refused}");
    sandbox::host_receipt(sandbox.url(), png_of(10 * 1024 * 1024))
        .await
        .expect("exactly 10 MB is kept");
}

#[tokio::test]
async fn a_file_that_is_no_receipt_is_refused_saying_what_it_looks_like() {
    let sandbox = start().await;
    let refused = sandbox::host_receipt(sandbox.url(), b"hola, soy un texto".to_vec())
        .await
        .expect_err("text is refused");
    assert!(refused.contains("JPEG, PNG, WebP or PDF"), "{refused}");
}
