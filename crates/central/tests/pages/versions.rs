//! `/admin/versiones` in a real browser: a store manager sees the published versions and only their
//! store, chooses the version T01's tills get (the page says so, and a till of T01 is then offered it),
//! and cannot choose one for another store even by forging the form.

use central::updates::release::{self, NewRelease};

use super::browser::{self, Browser};
use super::data::{MANAGER, PASSWORD, a_day_of_three_stores};
use super::support::releases::{release_key, sign};
use super::support::{enroll, start_with};

#[tokio::test]
async fn a_store_manager_chooses_the_version_of_their_store_only() {
    let (public, secret) = release_key();
    let key = public.clone();
    let central = start_with(move |config| config.update_public_key = Some(key)).await;
    a_day_of_three_stores(&central).await;
    let bundle = b"!<arch>\ndebian-binary Caja 0.2.0".to_vec();
    release::publish(
        &central.state.pool,
        Some(&public),
        &NewRelease {
            version: "0.2.0".into(),
            target: "linux-x86_64-deb".into(),
            notes: "Cuadre más rápido".into(),
            signature: sign(&secret, &bundle, Some("0.2.0")),
            bundle,
        },
        "test",
    )
    .await
    .unwrap();
    let base = central.base_url();
    let browser = Browser::start().await;
    browser.goto(&format!("{base}/admin/versiones")).await;
    browser.sign_in(MANAGER, PASSWORD).await;
    browser.goto(&format!("{base}/admin/versiones")).await;

    let published = browser.text("table.releases").await;
    assert!(
        published.contains("0.2.0")
            && published.contains("linux-x86_64-deb")
            && published.contains("Cuadre más rápido"),
        "{published}"
    );
    let stores = browser.text("table.store-versions").await;
    assert!(
        stores.contains("T01") && stores.contains("ninguna") && !stores.contains("T02"),
        "{stores}"
    );
    browser
        .find("#tienda-T01 select")
        .await
        .select_by_value("0.2.0")
        .await
        .unwrap();
    browser.submit("#tienda-T01 button").await;
    let notice = browser.text("#version-elegida").await;
    assert!(
        notice.contains("T01") && notice.contains("0.2.0"),
        "{notice}"
    );
    let stores = browser.text("table.store-versions").await;
    assert!(stores.contains(MANAGER), "who chose it: {stores}");
    browser.screenshot("central-versiones", 700).await;

    // A till of T01 is offered it now.
    let till = enroll(&central, "T01", "C8").await;
    let offered = till
        .send(
            "GET",
            &till.path("update?current=0.1.0&target=linux-x86_64-deb"),
            b"",
        )
        .await;
    assert_eq!(offered.status, 200, "{}", offered.body);
    assert_eq!(offered.json()["version"], "0.2.0");

    // Another store's version, even with a valid form token: refused.
    let cookie = browser.session_cookie().await;
    let csrf = browser.csrf().await;
    let other_store = [
        ("csrf", csrf.as_str()),
        ("tienda", "T02"),
        ("version", "0.2.0"),
    ];
    let status =
        browser::post_form(&format!("{base}/admin/versiones"), &cookie, &other_store).await;
    assert_eq!(status, 403);
    browser.stop().await;
}
