//! [`Desk`]: what a front keeps open for as long as it runs. The environment's overrides, read once at
//! start, who is at the till (`Staff`, kept across reopenings so a supervisor who fixes Ajustes stays
//! signed in), and the workstation opened on the saved settings. Opening can fail (live mode without a token, say); the window still opens so
//! Ajustes can fix it, and every command answers with the reason until then.
//!
//! Nothing here blocks a worker of the async runtime: who-is-at-the-till work (argon2, SQLite, the
//! secret store over D-Bus) runs on blocking threads, and so does opening the till.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::views::{self, AppInfo, ErrorView, OpenedTill, SettingsInput};
use crate::{Lang, Overrides, Settings, Workstation};
use till::{Approval, Staff, TillError, blocking};
use tokio::sync::RwLock;

pub struct Desk {
    pub data_dir: PathBuf,
    pub overrides: Overrides,
    /// The last automatic backup's failure, for the supervisor ([`crate::backup_panel`]).
    pub backup_notice: crate::backups::Notice,
    staff: Option<Arc<Staff>>,
    workstation: RwLock<Result<Workstation, TillError>>,
    ui_seen: AtomicBool,
}

impl Desk {
    pub async fn open(data_dir: PathBuf, overrides: Overrides) -> Desk {
        let folder = data_dir.clone();
        let staff = blocking::run(move || crate::settings::open_staff(&folder))
            .await
            .ok()
            .map(Arc::new);
        let workstation = open_workstation(&data_dir, &overrides, staff.as_ref()).await;
        if let Err(error) = &workstation {
            tracing::warn!(
                code = error.code(),
                "the till could not be opened; see Ajustes"
            );
        }
        Desk {
            data_dir,
            overrides,
            backup_notice: crate::backups::Notice::default(),
            staff,
            workstation: RwLock::new(workstation),
            ui_seen: AtomicBool::new(false),
        }
    }

    /// Runs `body` on the open workstation; errors come back worded in the till's language.
    pub async fn with<T, E: Worded>(
        &self,
        body: impl AsyncFnOnce(&Workstation) -> Result<T, E>,
    ) -> Result<T, ErrorView> {
        let guard = self.workstation.read().await;
        match &*guard {
            Ok(workstation) => body(workstation)
                .await
                .map_err(|error| error.worded(workstation.settings.lang)),
            Err(error) => Err(ErrorView::new(error, self.lang())),
        }
    }

    /// Runs `body` on who is at the till, on a blocking thread (PINs are checked with argon2, slow on
    /// purpose); works even when the workstation could not open (a provider setting to fix). Without
    /// `Staff` the database itself could not be opened, and the workstation's error says why.
    pub async fn with_staff<T: Send + 'static>(
        &self,
        body: impl FnOnce(&Staff) -> Result<T, TillError> + Send + 'static,
    ) -> Result<T, ErrorView> {
        self.with_staff_and_settings(move |staff, _, _| body(staff))
            .await
    }

    /// Like [`Desk::with_staff`], with the settings in force and the data folder.
    pub async fn with_staff_and_settings<T: Send + 'static>(
        &self,
        body: impl FnOnce(&Staff, &Settings, &Path) -> Result<T, TillError> + Send + 'static,
    ) -> Result<T, ErrorView> {
        let staff = self.staff_or_why().await?;
        let (data_dir, overrides) = (self.data_dir.clone(), self.overrides.clone());
        blocking::run(move || {
            let settings = overrides.apply(&Settings::load(&data_dir).unwrap_or_default());
            body(&staff, &settings, &data_dir)
                .map_err(|error| ErrorView::new(&error, settings.lang))
        })
        .await
    }

    async fn staff_or_why(&self) -> Result<Arc<Staff>, ErrorView> {
        match (&self.staff, &*self.workstation.read().await) {
            (Some(staff), _) => Ok(staff.clone()),
            (None, Err(error)) => Err(ErrorView::new(error, self.lang())),
            (None, Ok(workstation)) => Ok(workstation.till.staff().clone()),
        }
    }

    /// The first run: the store's country (none: the one saved, Peru by default) and the first
    /// supervisor, signed in; the till reopens in the country chosen.
    pub async fn first_run(
        &self,
        name: String,
        pin: String,
        country: Option<till::country::Country>,
    ) -> Result<AppInfo, ErrorView> {
        self.with_staff_and_settings(move |staff, settings, data_dir| {
            let country = country.unwrap_or(settings.country);
            views::first_run(staff, data_dir, &name, &pin, country)
        })
        .await?;
        self.reopen().await;
        self.info().await
    }

    /// Saves Ajustes (with the approval they carry) and reopens the till on them.
    pub async fn save_settings(&self, input: SettingsInput) -> Result<AppInfo, ErrorView> {
        let data_dir = self.data_dir.clone();
        self.with_staff(move |staff| views::save_settings(staff, &data_dir, input))
            .await?;
        self.reopen().await;
        self.info().await
    }

    /// Keeps the token in the secret store and reopens the till with it.
    pub async fn save_token(
        &self,
        token: String,
        approval: Option<Approval>,
    ) -> Result<AppInfo, ErrorView> {
        let (data_dir, overrides) = (self.data_dir.clone(), self.overrides.clone());
        self.with_staff(move |staff| {
            views::save_token(staff, &data_dir, &overrides, &token, approval.as_ref())
        })
        .await?;
        self.reopen().await;
        self.info().await
    }

    /// What the UI needs to know about the till, also when it could not be opened.
    pub async fn info(&self) -> Result<AppInfo, ErrorView> {
        if !self.ui_seen.swap(true, Ordering::Relaxed) {
            // The UI asks for this first thing when it mounts; the start-up benchmark waits for it.
            tracing::info!("ui ready: the window asked for the till's info");
        }
        let staff = self.staff_or_why().await?;
        let opened = match &*self.workstation.read().await {
            Ok(workstation) => Ok(OpenedTill::from(workstation)),
            Err(error) => Err(ErrorView::new(error, self.lang())),
        };
        views::app_info(staff, self.data_dir.clone(), self.overrides.clone(), opened)
            .await
            .map_err(|error| ErrorView::new(&error, self.lang()))
    }

    /// Closes the workstation (stopping its sandbox) and opens it again on the current settings.
    pub async fn reopen(&self) {
        let mut guard = self.workstation.write().await;
        let placeholder = Err(TillError::Sandbox {
            detail: "reopening".to_owned(),
        });
        if let Ok(old) = std::mem::replace(&mut *guard, placeholder) {
            old.close().await;
        }
        *guard = open_workstation(&self.data_dir, &self.overrides, self.staff.as_ref()).await;
    }

    /// Stops the embedded sandbox on exit.
    pub async fn close(&self) {
        let mut guard = self.workstation.write().await;
        let closed = Err(TillError::Sandbox {
            detail: "closed".to_owned(),
        });
        if let Ok(old) = std::mem::replace(&mut *guard, closed) {
            old.close().await;
        }
    }

    fn lang(&self) -> Lang {
        self.overrides
            .apply(&Settings::load(&self.data_dir).unwrap_or_default())
            .lang
    }
}

async fn open_workstation(
    data_dir: &std::path::Path,
    overrides: &Overrides,
    staff: Option<&Arc<Staff>>,
) -> Result<Workstation, TillError> {
    match staff {
        Some(staff) => Workstation::open_with_staff(data_dir, overrides, staff.clone()).await,
        // The database could not be opened for people either: opening the workstation says why.
        None => Workstation::open(data_dir, overrides).await,
    }
}

/// An error that can be said to the cashier in their language.
pub trait Worded {
    fn worded(&self, lang: Lang) -> ErrorView;
}

impl Worded for TillError {
    fn worded(&self, lang: Lang) -> ErrorView {
        ErrorView::new(self, lang)
    }
}

impl Worded for ErrorView {
    fn worded(&self, _lang: Lang) -> ErrorView {
        self.clone()
    }
}
