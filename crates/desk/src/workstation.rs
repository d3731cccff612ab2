//! A till ready to work: the settings in force, the till opened on them (with the store's country and
//! only that country's providers wired), and the embedded sandbox when sandbox mode has no URL of its
//! own. Both fronts (CLI, desktop) open one the same way, so they can never disagree on where the data
//! lives, which provider is called, or with which token. Opening reads the secret store and migrates
//! the database: that runs on blocking threads, so reopening after Ajustes does not stall the window.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use providers::apurata::downpayment::MOCK_TOKEN;
use providers::{ApiToken, HttpSettings};
use sandbox::{RunningSandbox, SandboxConfig};

use crate::aplazame_settings::AplazameInputs;
use crate::secrets;
use crate::settings::{Overrides, Settings};
use till::blocking;
use till::country::Provider;
use till::error::TillError;
use till::mode::Mode;
use till::settings_seal::{self, SettingsSeal};
use till::staff::Staff;
use till::{Till, TillConfig};

/// Where the embedded sandbox keeps its state between runs, so a payment made in one run is still there
/// in the next, as it would be at the provider.
pub const SANDBOX_STATE_FILE: &str = "sandbox-state.json";

pub struct Workstation {
    pub till: Till,
    pub settings: Settings,
    pub data_dir: PathBuf,
    /// The provider root actually called.
    pub api_url: String,
    sandbox: Option<RunningSandbox>,
}

impl Workstation {
    /// Loads the saved settings, applies `overrides`, and opens the till (starting the embedded sandbox
    /// when needed). Must run inside a tokio runtime.
    pub async fn open(data_dir: &Path, overrides: &Overrides) -> Result<Workstation, TillError> {
        let folder = data_dir.to_owned();
        let staff = Arc::new(blocking::run(move || crate::settings::open_staff(&folder)).await?);
        Workstation::open_with_staff(data_dir, overrides, staff).await
    }

    /// Opens the workstation sharing the front's [`Staff`] (who is signed in).
    pub async fn open_with_staff(
        data_dir: &Path,
        overrides: &Overrides,
        staff: Arc<Staff>,
    ) -> Result<Workstation, TillError> {
        let (folder, given) = (data_dir.to_owned(), overrides.clone());
        let (settings, token, edited_outside_caja) = blocking::run(move || {
            let settings = given.apply(&Settings::load(&folder)?);
            let token = resolve_token(&folder, settings.mode, given.token.as_deref())?;
            let edited = settings_seal::state(&folder)? == SettingsSeal::EditedOutsideCaja;
            Ok::<_, TillError>((settings, token, edited))
        })
        .await?;
        let (api_url, sandbox) = match (&settings.api_url, settings.mode) {
            (Some(url), _) => (url.trim().to_owned(), None),
            (None, Mode::Sandbox) => {
                let running = start_embedded_sandbox(data_dir).await?;
                (running.url().to_owned(), Some(running))
            }
            (None, mode) => (mode.default_api_url().unwrap_or_default().to_owned(), None),
        };
        let config = TillConfig {
            data_dir: data_dir.to_owned(),
            mode: settings.mode,
            api_url: api_url.clone(),
            token,
            http: HttpSettings {
                total_timeout: overrides
                    .http_timeout
                    .unwrap_or(HttpSettings::default().total_timeout),
                ..HttpSettings::default()
            },
        };
        let provider_token = config.token.clone();
        let rules = settings.shift_rules();
        // Only the country's providers are wired: the till refuses the others by name.
        let country = settings.country;
        let orders = settings
            .orders
            .setup(settings.mode)
            .ok()
            .filter(|_| country.offers(Provider::Acuotaz));
        let vouchers = settings
            .vouchers
            .setup(settings.mode, &api_url, &config.token, &settings.orders)
            .ok()
            .filter(|_| country.offers(Provider::Apagos));
        let mut till = blocking::run(move || {
            let till = Till::open_with_staff(config, staff)?
                .with_country(country)
                .with_shift_rules(rules);
            // Credit sales and transfers wait for their settings; everything else works. Their
            // screens say which setting is missing (`views::orders`, `views::vouchers`).
            let till = match orders {
                Some(setup) => till.with_orders(setup)?,
                None => till,
            };
            match vouchers {
                Some(setup) => till.with_vouchers(setup),
                None => Ok(till),
            }
        })
        .await?;
        // Aplazame waits for its key (and Central, outside the simulator); everything else works.
        if country.offers(Provider::Aplazame)
            && let Ok(setup) =
                aplazame_setup(&till, &settings, &api_url, &provider_token, data_dir).await
        {
            till = till.with_aplazame(setup)?;
        }
        if settings.mode.is_live() && edited_outside_caja {
            tracing::warn!(
                "settings.json was edited outside Caja: live mode waits for a supervisor"
            );
            till.hold_until_settings_confirmed();
        }
        Ok(Workstation {
            till,
            settings,
            data_dir: data_dir.to_owned(),
            api_url,
            sandbox,
        })
    }

    /// True when this workstation runs Caja's own simulator.
    pub fn runs_embedded_sandbox(&self) -> bool {
        self.sandbox.is_some()
    }

    /// Stops the embedded sandbox, if any, and waits for its port to be free.
    pub async fn close(self) {
        if let Some(sandbox) = self.sandbox {
            sandbox.shutdown().await;
        }
    }
}

/// Aplazame's setup of an open workstation, as it was wired (the doctor reads Aplazame with it).
pub(crate) async fn aplazame_setup_of(
    ws: &Workstation,
    from_environment: Option<&str>,
) -> Result<till::aplazame::AplazameSetup, TillError> {
    let (folder, mode, given) = (
        ws.data_dir.clone(),
        ws.settings.mode,
        from_environment.map(str::to_owned),
    );
    let token = blocking::run(move || resolve_token(&folder, mode, given.as_deref())).await?;
    aplazame_setup(&ws.till, &ws.settings, &ws.api_url, &token, &ws.data_dir).await
}

/// Aplazame's setup for this till: the store's key from the secret store (not read on the
/// simulator, which has its own) and Central's link, where Aplazame's IPNs go.
async fn aplazame_setup(
    till: &Till,
    settings: &Settings,
    api_url: &str,
    provider_token: &ApiToken,
    data_dir: &Path,
) -> Result<till::aplazame::AplazameSetup, TillError> {
    let mode = settings.mode;
    let folder = data_dir.to_owned();
    let stored_key = match mode {
        Mode::Sandbox => None,
        _ => blocking::run(move || secrets::load_aplazame_key(&folder, mode)).await?,
    };
    let central = till.with_central_db(|db| till::central::link(db)).await?;
    settings.aplazame.setup(AplazameInputs {
        mode,
        api_url,
        provider_token,
        stored_key,
        central: central.as_ref(),
        orders: &settings.orders,
    })
}

/// `CAJA_TOKEN`, else the secret store (or its owner-only fallback file), else (sandbox and mock only)
/// the provider's public test token. Empty in live mode when none is configured: opening the till then
/// says what to do. A fallback file others may read is an error, not a silent "no token".
pub fn resolve_token(
    data_dir: &Path,
    mode: Mode,
    from_env: Option<&str>,
) -> Result<ApiToken, TillError> {
    if let Some(token) = from_env.filter(|t| !t.trim().is_empty()) {
        return Ok(ApiToken::new(token));
    }
    if let Some(token) = secrets::load_token(data_dir, mode)? {
        return Ok(token);
    }
    Ok(match mode {
        Mode::Sandbox | Mode::Mock => ApiToken::new(MOCK_TOKEN),
        Mode::Live => ApiToken::new(""),
    })
}

async fn start_embedded_sandbox(data_dir: &Path) -> Result<RunningSandbox, TillError> {
    std::fs::create_dir_all(data_dir).map_err(|source| TillError::Io {
        path: data_dir.to_owned(),
        source,
    })?;
    let config = SandboxConfig {
        state_file: Some(data_dir.join(SANDBOX_STATE_FILE)),
        ..SandboxConfig::default()
    };
    sandbox::start(config)
        .await
        .map_err(|error| TillError::Sandbox {
            detail: error.to_string(),
        })
}
