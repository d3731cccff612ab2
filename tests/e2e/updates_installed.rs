//! The swap, on the installed package (run by scripts/package-test.sh only, which installs the .deb,
//! repacks it as the next version and signs that with the development key): Central offers the next
//! version, the installed app verifies it, the cashier installs it with no shift open, the updater
//! hands the verified .deb to dpkg, and the app starts again. dpkg then says the next version is
//! installed. Registered only when `CAJA_E2E_UPDATE_DEB` names the package, so the workspace's own
//! run never touches the system's packages.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use central::pg_cluster::Cluster;

use crate::support;
use crate::updates::{check, enroll_in_central, publish_for_t01, start_central};

/// The package to offer, named by the package test.
pub(crate) const UPDATE_DEB: &str = "CAJA_E2E_UPDATE_DEB";

fn installed_version() -> String {
    let output = std::process::Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "caja"])
        .output()
        .expect("dpkg-query");
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

fn app_processes() -> Vec<String> {
    let output = std::process::Command::new("pgrep")
        .args(["-f", "^/usr/bin/caja-desktop"])
        .output()
        .expect("pgrep");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

pub(crate) async fn the_installed_app_installs_a_signed_update_and_starts_again() {
    let deb = PathBuf::from(std::env::var(UPDATE_DEB).expect("the package to offer"));
    let version = std::env::var("CAJA_E2E_UPDATE_VERSION").expect("its version");
    let signature = std::fs::read_to_string(format!("{}.sig", deb.display()))
        .expect("its .sig, from tauri signer sign");
    assert_ne!(
        installed_version(),
        version,
        "the next version is not installed yet"
    );

    let cluster = Cluster::temporary().expect("a PostgreSQL cluster of our own");
    let server = start_central(&cluster).await;
    let bundle = std::fs::read(&deb).expect("the package");
    publish_for_t01(&server, &version, bundle, signature, "La versión siguiente").await;

    let app = support::launch().await;
    enroll_in_central(&app, &server).await;
    app.click("nav-supervision").await;
    check(&app, "ready", "firma es la de la cadena").await;
    app.screenshot("instalada-actualizacion-lista").await;
    let before = app_processes();
    assert!(!before.is_empty(), "the installed app runs");
    app.click("update-install").await;

    // dpkg installs it; the app exits and starts again (a process that was not there before).
    let deadline = Instant::now() + Duration::from_secs(180);
    while installed_version() != version {
        assert!(
            Instant::now() < deadline,
            "dpkg never installed {version}: {}",
            installed_version()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let restarted = loop {
        let now = app_processes();
        if let Some(new) = now.iter().find(|pid| !before.contains(pid)) {
            break new.clone();
        }
        assert!(
            Instant::now() < deadline,
            "the app did not start again after the update"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    eprintln!(
        "caja {version} installed by the app's updater; the app started again (pid {restarted})"
    );
    let _ = std::process::Command::new("kill").arg(&restarted).status();
    drop(app);
    drop(server);
    drop(cluster);
}
