//! Signed releases against a real PostgreSQL: a bundle is published only when its signature holds
//! against the chain's release key and names the version; a store is offered the version chosen for
//! it, in the Tauri updater's manifest format, and nothing (204) when it runs that version or newer
//! or nothing was chosen; the manifest's bundle URL serves the bytes to whoever holds it for an hour,
//! then answers 410; an unsigned request for the manifest is refused.

mod support;

use central::updates::release::{self, NewRelease};
use support::releases::{release_key, sign};
use support::{enroll, http, start_with};

fn new_release(version: &str, bundle: &[u8], signature: String) -> NewRelease {
    NewRelease {
        version: version.into(),
        target: "linux-x86_64-deb".into(),
        notes: "Cuadre más rápido".into(),
        bundle: bundle.to_vec(),
        signature,
    }
}

#[test]
fn a_signature_is_checked_for_the_bundle_the_key_and_the_version() {
    let (public, secret) = release_key();
    let (other_public, other_secret) = release_key();
    let bundle = b"!<arch>\ndebian-binary 2.0".as_slice();
    let signed = sign(&secret, bundle, Some("0.2.0"));
    assert_eq!(release::verify(&public, bundle, &signed, "0.2.0"), Ok(()));
    assert_eq!(release::verify(&public, bundle, &signed, "v0.2.0"), Ok(()));

    let mut tampered = bundle.to_vec();
    tampered[3] ^= 1;
    assert_eq!(
        release::verify(&public, &tampered, &signed, "0.2.0"),
        Err(release::ReleaseRefusal::Mismatch)
    );
    assert_eq!(
        release::verify(&other_public, bundle, &signed, "0.2.0"),
        Err(release::ReleaseRefusal::Mismatch)
    );
    let by_another_key = sign(&other_secret, bundle, Some("0.2.0"));
    assert_eq!(
        release::verify(&public, bundle, &by_another_key, "0.2.0"),
        Err(release::ReleaseRefusal::Mismatch)
    );
    assert!(matches!(
        release::verify(&public, bundle, &signed, "0.3.0"),
        Err(release::ReleaseRefusal::VersionMismatch { .. })
    ));
    assert!(matches!(
        release::verify(&public, bundle, &sign(&secret, bundle, None), "0.2.0"),
        Err(release::ReleaseRefusal::NoSignedVersion(_))
    ));
    assert!(matches!(
        release::verify(&public, bundle, "bm90IGEgc2lnbmF0dXJl", "0.2.0"),
        Err(release::ReleaseRefusal::BadSignature(_))
    ));
}

#[tokio::test]
async fn a_store_is_offered_its_chosen_version_and_downloads_it_by_ticket() {
    let (public, secret) = release_key();
    let key = public.clone();
    let central = start_with(move |config| config.update_public_key = Some(key)).await;
    let pool = &central.state.pool;
    let bundle = b"!<arch>\ndebian-binary   the 0.2.0 package".to_vec();

    // Refused at publish: no key configured is tested below; here a tampered bundle and a wrong version.
    let mut tampered = bundle.clone();
    tampered[10] ^= 0x20;
    let refused = release::publish(
        pool,
        Some(&public),
        &new_release("0.2.0", &tampered, sign(&secret, &bundle, Some("0.2.0"))),
        "test",
    )
    .await
    .unwrap_err();
    assert!(refused.message.contains("does not hold"), "{refused:?}");
    let refused = release::publish(
        pool,
        Some(&public),
        &new_release("0.3.0", &bundle, sign(&secret, &bundle, Some("0.2.0"))),
        "test",
    )
    .await
    .unwrap_err();
    assert!(
        refused
            .message
            .contains("signed as version 0.2.0, not 0.3.0")
    );
    let refused = release::publish(
        pool,
        None,
        &new_release("0.2.0", &bundle, sign(&secret, &bundle, Some("0.2.0"))),
        "test",
    )
    .await
    .unwrap_err();
    assert!(refused.message.contains("update_public_key"));
    let refused = release::assign(pool, "T01", "0.2.0", "test")
        .await
        .unwrap_err();
    assert!(refused.message.contains("never published"), "{refused:?}");

    let signature = sign(&secret, &bundle, Some("0.2.0"));
    release::publish(
        pool,
        Some(&public),
        &new_release("0.2.0", &bundle, signature.clone()),
        "test",
    )
    .await
    .unwrap();

    let till = enroll(&central, "T01", "C1").await;
    let other = enroll(&central, "T02", "C1").await;
    let ask = |current: &str| format!("update?current={current}&target=linux-x86_64-deb");

    // Nothing chosen yet: nothing offered.
    assert_eq!(
        till.send("GET", &till.path(&ask("0.1.0")), b"")
            .await
            .status,
        204
    );
    release::assign(pool, "T01", "0.2.0", "test").await.unwrap();

    let answer = till.send("GET", &till.path(&ask("0.1.0")), b"").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let manifest = answer.json();
    assert_eq!(manifest["version"], "0.2.0");
    assert_eq!(manifest["notes"], "Cuadre más rápido");
    assert!(manifest["pub_date"].as_str().unwrap().ends_with('Z'));
    let platform = &manifest["platforms"]["linux-x86_64-deb"];
    assert_eq!(platform["signature"], signature.as_str());
    let url = url::Url::parse(platform["url"].as_str().unwrap()).unwrap();
    assert!(url.path().starts_with("/actualizaciones/"));

    // The bundle by ticket, byte for byte; a made-up ticket is 404.
    let fetched = http()
        .get(format!("{}{}", central.base_url(), url.path()))
        .send()
        .await
        .unwrap();
    assert_eq!(fetched.status(), 200);
    assert_eq!(fetched.bytes().await.unwrap().as_ref(), bundle.as_slice());
    let unknown = http()
        .get(format!(
            "{}/actualizaciones/{}",
            central.base_url(),
            "ab".repeat(32)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);

    // A ticket an hour old is gone.
    let client = pool.get().await.unwrap();
    client
        .execute(
            "UPDATE update_ticket SET expires_at = now() - interval '1 minute'",
            &[],
        )
        .await
        .unwrap();
    let expired = http()
        .get(format!("{}{}", central.base_url(), url.path()))
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), 410);

    // Already there, or newer: nothing. Another store: nothing. Another target: nothing.
    assert_eq!(
        till.send("GET", &till.path(&ask("0.2.0")), b"")
            .await
            .status,
        204
    );
    assert_eq!(
        till.send("GET", &till.path(&ask("0.3.1")), b"")
            .await
            .status,
        204
    );
    assert_eq!(
        other
            .send("GET", &other.path(&ask("0.1.0")), b"")
            .await
            .status,
        204
    );
    let appimage = "update?current=0.1.0&target=linux-x86_64-appimage";
    assert_eq!(
        till.send("GET", &till.path(appimage), b"").await.status,
        204
    );
    let bad = till
        .send(
            "GET",
            &till.path("update?current=uno&target=linux-x86_64-deb"),
            b"",
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("current=`uno`"), "{}", bad.body);

    // Unsigned: refused.
    let unsigned = http()
        .get(format!(
            "{}{}",
            central.base_url(),
            till.path(&ask("0.1.0"))
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 401);
}
