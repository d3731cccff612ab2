//! Signed updates in the desktop: tauri-plugin-updater fetches Caja Central's manifest (the request,
//! signed by the till, comes from `desk::updates`), downloads the bundle and verifies its signature and
//! signed version against the key built into this binary; it keeps the verified bytes until the cashier
//! installs them, which `desk` allows only with no shift open and nothing unsettled. The plugin's own
//! commands are not granted to the window: the page can only ask through these.

use std::sync::Mutex;
use std::time::Duration;

use desk::Approval;
use desk::Desk;
use desk::central_task::CentralTask;
use desk::updates::{UpdateOutcome, UpdateProblem};
use desk::views::{self, ErrorView, UpdateView};
use tauri::{AppHandle, State};
use tauri_plugin_updater::{Error as UpdaterError, Update, UpdaterExt};

type Answer<T> = Result<T, ErrorView>;

/// The version of this binary (the workspace's).
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The development key's public half: what a debug build trusts (its secret is in tests/fixtures).
const DEVELOPMENT_KEY: &str = include_str!("../updates/dev-key.pub");

/// The key updates must be signed with: the chain's, given at build time; a debug build falls back to
/// the development key, a release build without one trusts nothing.
pub fn built_in_key() -> Option<&'static str> {
    match option_env!("CAJA_UPDATE_PUBKEY").map(str::trim) {
        Some(key) if !key.is_empty() => Some(key),
        _ if cfg!(debug_assertions) => Some(DEVELOPMENT_KEY.trim()),
        _ => None,
    }
}

/// The updater target of the running app, as Central keys its bundles: the package it was installed
/// from (an AppImage updates to an AppImage), the Debian package for a build not installed at all.
fn target() -> String {
    use tauri::utils::config::BundleType;
    let bundle = match tauri::utils::platform::bundle_type() {
        Some(BundleType::AppImage) => "appimage",
        Some(BundleType::Msi) => "msi",
        Some(BundleType::Nsis) => "nsis",
        _ => "deb",
    };
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        os => os,
    };
    format!("{os}-{}-{bundle}", std::env::consts::ARCH)
}

/// What the last check found, and the verified bundle while it waits to be installed.
#[derive(Default)]
pub struct UpdateSlot(Mutex<Slot>);

#[derive(Default)]
struct Slot {
    outcome: UpdateOutcome,
    verified: Option<(Update, Vec<u8>)>,
}

impl UpdateSlot {
    fn outcome(&self) -> UpdateOutcome {
        self.0
            .lock()
            .map(|slot| slot.outcome.clone())
            .unwrap_or_default()
    }

    fn keep(&self, outcome: UpdateOutcome, verified: Option<(Update, Vec<u8>)>) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Slot { outcome, verified };
        }
    }
}

#[tauri::command]
pub async fn update_status(
    desk: State<'_, Desk>,
    slot: State<'_, UpdateSlot>,
) -> Answer<UpdateView> {
    let outcome = slot.outcome();
    desk.with(async |ws| views::update_view(ws, VERSION, &outcome).await)
        .await
}

/// Asks Central, and downloads and verifies what it offers.
#[tauri::command]
pub async fn check_update(
    app: AppHandle,
    desk: State<'_, Desk>,
    slot: State<'_, UpdateSlot>,
) -> Answer<UpdateView> {
    let request = desk
        .with(async |ws| Ok::<_, ErrorView>(views::update_request(ws, VERSION, &target()).await))
        .await?;
    let (outcome, verified) = match request {
        Ok(request) => check_and_download(&app, request).await,
        Err(problem) => (UpdateOutcome::Failed(problem), None),
    };
    slot.keep(outcome.clone(), verified);
    desk.with(async |ws| views::update_view(ws, VERSION, &outcome).await)
        .await
}

/// The cashier said yes: installed if nothing blocks it (the request sealed in the audit record), then
/// the till is closed in order and the app starts again on the new version.
#[tauri::command]
pub async fn install_update(
    app: AppHandle,
    desk: State<'_, Desk>,
    task: State<'_, CentralTask>,
    slot: State<'_, UpdateSlot>,
) -> Answer<UpdateView> {
    let verified = slot.0.lock().ok().and_then(|slot| slot.verified.clone());
    let Some((update, bytes)) = verified else {
        return Err(not_ready(&desk).await);
    };
    desk.with(async |ws| views::ready_to_install(ws, VERSION, &update.version).await)
        .await?;
    tracing::info!(from = VERSION, to = %update.version, "installing the update");
    // `install` verifies the bytes again, then waits for dpkg: off the async workers.
    let installing = update.clone();
    let installed = tauri::async_runtime::spawn_blocking(move || installing.install(&bytes)).await;
    let failure = match installed {
        Ok(Ok(())) => None,
        Ok(Err(error)) => Some(error.to_string()),
        Err(error) => Some(error.to_string()),
    };
    if let Some(detail) = failure {
        tracing::error!(%detail, "the update was not installed");
        let outcome = UpdateOutcome::Failed(UpdateProblem::Install(detail));
        slot.keep(outcome.clone(), None);
        return desk
            .with(async |ws| views::update_view(ws, VERSION, &outcome).await)
            .await;
    }
    tracing::info!(version = %update.version, "update installed; starting again");
    task.stop();
    desk.close().await;
    app.restart()
}

#[tauri::command]
pub async fn postpone_update(
    desk: State<'_, Desk>,
    slot: State<'_, UpdateSlot>,
    hours: String,
    approval: Approval,
) -> Answer<UpdateView> {
    let outcome = slot.outcome();
    let UpdateOutcome::Verified { version, .. } = &outcome else {
        return Err(not_ready(&desk).await);
    };
    desk.with(async |ws| views::postpone_update(ws, version, &hours, &approval))
        .await?;
    desk.with(async |ws| views::update_view(ws, VERSION, &outcome).await)
        .await
}

/// «No verified update in hand», in the till's language.
async fn not_ready(desk: &Desk) -> ErrorView {
    match desk
        .with(async |ws| Ok::<_, ErrorView>(views::update_not_ready(ws)))
        .await
    {
        Ok(error) | Err(error) => error,
    }
}

async fn check_and_download(
    app: &AppHandle,
    request: desk::updates::ManifestRequest,
) -> (UpdateOutcome, Option<(Update, Vec<u8>)>) {
    let Some(key) = built_in_key() else {
        return (UpdateOutcome::Failed(UpdateProblem::NoKey), None);
    };
    let updater = (|| {
        let endpoint = url::Url::parse(&request.url).map_err(UpdaterError::from)?;
        let mut builder = app
            .updater_builder()
            .pubkey(key)
            .target(target())
            .timeout(Duration::from_secs(120))
            .endpoints(vec![endpoint])?;
        for (name, value) in &request.headers {
            builder = builder.header(*name, value.as_str())?;
        }
        builder.build()
    })();
    let update = match updater {
        Ok(updater) => updater.check().await,
        Err(error) => Err(error),
    };
    let update = match update {
        Ok(Some(update)) => update,
        Ok(None) => {
            let checked_at = jiff::Timestamp::now();
            return (UpdateOutcome::UpToDate { checked_at }, None);
        }
        Err(error) => {
            tracing::warn!(%error, "the update check failed");
            return (UpdateOutcome::Failed(problem(error)), None);
        }
    };
    match update.download(|_, _| {}, || {}).await {
        Ok(bytes) => {
            tracing::info!(version = %update.version, bytes = bytes.len(), "update downloaded and verified");
            let outcome = UpdateOutcome::Verified {
                version: update.version.clone(),
                notes: update.body.clone(),
            };
            (outcome, Some((update, bytes)))
        }
        Err(error) => {
            tracing::error!(version = %update.version, %error, "update refused");
            let problem = problem(error);
            let outcome = match problem {
                UpdateProblem::Download(_) => UpdateOutcome::Failed(problem),
                _ => UpdateOutcome::Refused {
                    version: update.version.clone(),
                    problem,
                },
            };
            (outcome, None)
        }
    }
}

/// The updater's error as the facts `desk` words.
fn problem(error: UpdaterError) -> UpdateProblem {
    match error {
        UpdaterError::Minisign(_) | UpdaterError::Base64(_) | UpdaterError::SignatureUtf8(_) => {
            UpdateProblem::Signature
        }
        UpdaterError::SignedVersionMismatch { signed, announced } => {
            UpdateProblem::SignedVersion { signed, announced }
        }
        UpdaterError::MissingSignedVersion => UpdateProblem::UnsignedVersion,
        UpdaterError::ReleaseNotFound => UpdateProblem::Central(
            "no respondió con un anuncio (¿la caja sigue inscrita? mire Ajustes › Caja Central)"
                .to_owned(),
        ),
        UpdaterError::InsecureTransportProtocol => UpdateProblem::Central(
            "se usa por http; las actualizaciones exigen https en una caja de producción"
                .to_owned(),
        ),
        error @ (UpdaterError::Serialization(_)
        | UpdaterError::TargetNotFound(_)
        | UpdaterError::TargetsNotFound(_)
        | UpdaterError::Semver(_)) => UpdateProblem::Manifest(error.to_string()),
        error => UpdateProblem::Download(error.to_string()),
    }
}
