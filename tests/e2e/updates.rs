//! Signed updates at the window, against a real Caja Central on a PostgreSQL of its own: the chain's
//! release (a bundle signed with the development key by the Tauri CLI's own signer, as a release
//! manager signs one) is published and chosen for the store; Supervisión › Actualizaciones finds it,
//! the app's updater downloads it and verifies its signature with the key built into the binary, and
//! it may be installed while no shift is open. With a shift open it waits (said why); a supervisor
//! postpones it with PIN and reason. A bundle changed in Central after publishing is refused, and so
//! is a manifest announcing another version than the one signed. The install itself (dpkg) is not
//! run here: this binary is not an installed package.

use std::path::Path;

use central::pg_cluster::Cluster;
use central::updates::release::{self, NewRelease};
use central::{Config, Server, StoreConfig};

use crate::central::enroll_with;
use crate::support::{self, App};
use crate::turno::open_shift;

/// The version after this build's: what Central offers.
fn next_version() -> String {
    let version = semver::Version::parse(env!("CARGO_PKG_VERSION")).expect("a version");
    format!("{}.{}.{}", version.major, version.minor, version.patch + 1)
}

/// Signs `file` as the release manager does: `tauri signer sign --app-version`, with the development
/// key (tests/fixtures/updates). Returns the `.sig` file's text.
pub(crate) fn sign_with_tauri_cli(file: &Path, version: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = std::process::Command::new(root.join("ui/node_modules/.bin/tauri"))
        .args(["signer", "sign", "-f"])
        .arg(root.join("tests/fixtures/updates/dev-key"))
        .args(["-p", "", "--app-version", version])
        .arg(file)
        .output()
        .expect("the Tauri CLI (ui/node_modules, installed by ./test)");
    assert!(
        output.status.success(),
        "tauri signer sign: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut signature = file.as_os_str().to_owned();
    signature.push(".sig");
    std::fs::read_to_string(signature).expect("the .sig file")
}

/// Central with the store T01, the development key as the chain's release key, and its public URL on
/// the loopback port it serves (the manifest's bundle URL is built on it).
pub(crate) async fn start_central(cluster: &Cluster) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let mut config = Config::for_database(
        &cluster.url("postgres"),
        vec![StoreConfig::new("T01", "Tienda Miraflores")],
    );
    config.public_url = format!("http://{}/", listener.local_addr().expect("an address"))
        .parse()
        .expect("a URL");
    config.update_public_key = Some(
        include_str!("../../src-tauri/updates/dev-key.pub")
            .trim()
            .to_owned(),
    );
    Server::start(config, listener)
        .await
        .expect("Central starts")
}

/// Publishes `bundle` (signed by `signature`) as `version` for this machine's target, and chooses it
/// for store T01.
pub(crate) async fn publish_for_t01(
    server: &Server,
    version: &str,
    bundle: Vec<u8>,
    signature: String,
    notes: &str,
) {
    let published = NewRelease {
        version: version.to_owned(),
        target: format!("linux-{}-deb", std::env::consts::ARCH),
        notes: notes.to_owned(),
        bundle,
        signature,
    };
    release::publish(
        &server.state.pool,
        server.state.config.update_public_key.as_deref(),
        &published,
        "test",
    )
    .await
    .expect("Central takes the signed release");
    release::assign(&server.state.pool, "T01", version, "test")
        .await
        .expect("T01 gets it");
}

/// Enrolls the app's till (T01/C1) in `server` from Ajustes.
pub(crate) async fn enroll_in_central(app: &App, server: &Server) {
    let code = central::auth::enroll::issue_code(&server.state.pool, "T01", "C1", "test")
        .await
        .expect("a one-time code");
    app.click("nav-ajustes").await;
    enroll_with(app, &server.base_url(), &code).await;
    app.wait_for_attr("central-status", "data-enrolled", "true")
        .await;
}

/// «Buscar actualización», then the message once it is in `state` and says `words` (the state alone
/// may be the previous check's).
pub(crate) async fn check(app: &App, state: &str, words: &str) -> String {
    app.click("update-check").await;
    app.wait_for_attr("update-message", "data-state", state)
        .await;
    app.wait_for_text("update-message", words).await
}

async fn show_panel(app: &App) {
    app.client
        .execute(
            "document.querySelector('[data-testid=\"updates\"]').scrollIntoView({block: 'center'});",
            vec![],
        )
        .await
        .expect("scroll to the panel");
}

pub(crate) async fn a_signed_update_from_central_is_verified_waits_for_the_shift_and_a_tampered_one_is_refused()
 {
    let cluster = Cluster::temporary().expect("a PostgreSQL cluster of our own");
    let server = start_central(&cluster).await;
    let version = next_version();
    let folder = tempfile::tempdir().expect("a folder");
    let bundle_path = folder.path().join(format!("Caja_{version}_amd64.deb"));
    let bundle =
        format!("!<arch>\ndebian-binary   Caja {version}, as the chain built it\n").into_bytes();
    std::fs::write(&bundle_path, &bundle).expect("the bundle");
    let signature = sign_with_tauri_cli(&bundle_path, &version);
    publish_for_t01(
        &server,
        &version,
        bundle.clone(),
        signature,
        "Cuadre más rápido",
    )
    .await;

    let app = support::launch().await;
    app.click("nav-supervision").await;
    let before = check(&app, "failed", "no está enrolada").await;
    assert!(
        before.contains("no está enrolada"),
        "not enrolled yet: {before}"
    );

    enroll_in_central(&app, &server).await;

    // Offered, downloaded, verified: installable with no shift open.
    app.click("nav-supervision").await;
    let ready = check(&app, "ready", "firma es la de la cadena").await;
    assert!(ready.contains("firma es la de la cadena"), "{ready}");
    assert!(app.text("update-offered").await.contains(&version));
    let install = app.wait_for("update-install").await;
    assert_eq!(
        install.attr("disabled").await.ok().flatten(),
        None,
        "installable"
    );
    show_panel(&app).await;
    app.screenshot("actualizacion-lista").await;

    // With a shift open it waits, and says why.
    open_shift(&app).await;
    app.click("nav-supervision").await;
    let blocker = app.wait_for_text("update-blocker", "abierto").await;
    assert!(blocker.contains("después del cierre"), "{blocker}");
    let install = app.wait_for("update-install").await;
    assert!(install.attr("disabled").await.ok().flatten().is_some());

    // A supervisor postpones it: PIN and reason, sealed in the settings' audit record.
    app.click("update-postpone").await;
    app.type_into("update-hours", "8").await;
    app.approve("Inventario esta noche").await;
    app.wait_for("update-postponed").await;
    let settings = std::fs::read_to_string(app.data_dir.path().join("settings.json")).unwrap();
    assert!(
        settings.contains("postponed") && settings.contains(&version),
        "{settings}"
    );

    // The bundle changed in Central after it was published: the signature no longer holds.
    let client = server.state.pool.get().await.expect("Central's database");
    client
        .execute(
            "UPDATE app_release SET bundle = bundle || '\\x00'::bytea",
            &[],
        )
        .await
        .expect("tamper with the bundle");
    let refused = check(&app, "refused", "no es la de la cadena").await;
    assert!(
        refused.contains("no es la de la cadena") && refused.contains("no se instaló nada"),
        "{refused}"
    );
    assert!(
        app.client
            .find(fantoccini::Locator::Css("[data-testid=update-install]"))
            .await
            .is_err()
    );
    show_panel(&app).await;
    app.screenshot("actualizacion-rechazada").await;

    // The manifest announces a newer version than the bytes were signed for: refused too.
    client
        .execute("UPDATE app_release SET bundle = $1", &[&bundle])
        .await
        .expect("the right bytes again");
    let inflated = format!("{version}9");
    client
        .execute("UPDATE app_release SET version = $1", &[&inflated])
        .await
        .expect("a forged version");
    client
        .execute("UPDATE store_release SET version = $1", &[&inflated])
        .await
        .expect("offered to T01");
    let forged = check(&app, "refused", "firmado como").await;
    assert!(
        forged.contains(&inflated) && forged.contains(&format!("firmado como {version}")),
        "{forged}"
    );

    app.quit().await;
    drop(server);
    drop(cluster);
}
