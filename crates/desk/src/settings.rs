//! The till's saved settings and how they combine with the environment.
//!
//! Settings (store name, mode, provider URL, language, printer) live in `settings.json` in the data
//! folder, written atomically. The token is never among them: it lives in the system secret store or in
//! `CAJA_TOKEN`. The environment (`CAJA_MODE`, `CAJA_API_URL`, `CAJA_TOKEN`, `CAJA_STORE_NAME`,
//! `CAJA_LANG`) overrides what is saved, so IT can deploy a pre-configured till and tests can point it
//! anywhere; the CLI's flags feed the same overrides.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::wording::Lang;
use till::clock::Clock;
use till::country::Country;
use till::error::TillError;
use till::mode::Mode;
use till::staff::Staff;

pub use till::settings_seal::SETTINGS_FILE;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Settings {
    pub store_name: String,
    /// Where the store sells: its currency, time zone, documents and providers ([`Country`]). Chosen
    /// at first run; a change needs a supervisor. Settings saved before countries existed are Peru's.
    pub country: Country,
    pub mode: Mode,
    /// The provider root; `None` means the mode's default (the embedded simulator in sandbox mode).
    pub api_url: Option<String>,
    pub lang: Lang,
    /// The CUPS printer for reports; `None` means the system default, if any.
    pub printer: Option<String>,
    /// Minutes without a keystroke or click after which the desktop locks (a supervisor sets it).
    pub idle_lock_minutes: u32,
    /// This till's name in the store, printed on receipts and Z reports: `Caja 1`.
    pub till_name: String,
    /// A difference at closing up to this (céntimos) needs no supervisor; S/ 1.00 by default.
    pub closing_tolerance_centimos: i64,
    /// Cash in or out above this (céntimos) needs a supervisor; S/ 200.00 by default.
    pub movement_approval_centimos: i64,
    /// The 80 mm thermal printer for receipts and Z reports (`tcp:192.168.1.50:9100`, `cups:QUEUE`,
    /// `file:/dev/usb/lp0`); `None`: receipts are small PDFs.
    pub thermal_printer: Option<String>,
    /// Credit sales (aCuotaz orders): see [`crate::order_settings`].
    pub orders: crate::order_settings::OrderSettings,
    /// Bank-transfer vouchers (aPagos): see [`crate::voucher_settings`].
    pub vouchers: crate::voucher_settings::VoucherSettings,
    /// Aplazame's POS checkouts (Spain): see [`crate::aplazame_settings`].
    pub aplazame: crate::aplazame_settings::AplazameSettings,
    /// Backups: see [`crate::backup_settings`].
    pub backup: crate::backup_settings::BackupSettings,
    /// Signed updates: a supervisor's postponement, see [`crate::updates`].
    pub updates: crate::update_facts::UpdateSettings,
}

/// The idle lock a supervisor may choose, in minutes.
pub const IDLE_LOCK_MINUTES: std::ops::RangeInclusive<u32> = 1..=60;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            store_name: "Mi tienda".to_owned(),
            country: Country::Peru,
            mode: Mode::Sandbox,
            api_url: None,
            lang: Lang::Es,
            printer: None,
            idle_lock_minutes: 5,
            till_name: "Caja 1".to_owned(),
            closing_tolerance_centimos: 100,
            movement_approval_centimos: 20_000,
            thermal_printer: None,
            orders: crate::order_settings::OrderSettings::default(),
            vouchers: crate::voucher_settings::VoucherSettings::default(),
            aplazame: crate::aplazame_settings::AplazameSettings::default(),
            backup: crate::backup_settings::BackupSettings::default(),
            updates: crate::update_facts::UpdateSettings::default(),
        }
    }
}

impl Settings {
    /// The money rules of shifts these settings set.
    pub fn shift_rules(&self) -> till::shift::ShiftRules {
        till::shift::ShiftRules {
            tolerance: till::Soles::from_centimos(self.closing_tolerance_centimos.max(0)),
            movement_approval_above: till::Soles::from_centimos(
                self.movement_approval_centimos.max(0),
            ),
        }
    }

    /// The saved settings, or the defaults when none were saved yet.
    pub fn load(data_dir: &Path) -> Result<Settings, TillError> {
        let path = data_dir.join(SETTINGS_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|error| TillError::Io {
                path,
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, error),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(source) => Err(TillError::Io { path, source }),
        }
    }

    /// Checks and saves; a half-written file is never left behind (write, then rename).
    pub fn save(&self, data_dir: &Path) -> Result<(), TillError> {
        if let Some(url) = &self.api_url {
            self.mode.check_api_url(url)?;
        }
        let io = |path: PathBuf| move |source| TillError::Io { path, source };
        std::fs::create_dir_all(data_dir).map_err(io(data_dir.to_owned()))?;
        let path = data_dir.join(SETTINGS_FILE);
        let temporary = data_dir.join(format!("{SETTINGS_FILE}.tmp"));
        let bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        std::fs::write(&temporary, bytes).map_err(io(temporary.clone()))?;
        std::fs::rename(&temporary, &path).map_err(io(path.clone()))?;
        till::settings_seal::seal(data_dir)
    }
}

/// Values that win over the saved settings: the environment, and the CLI's flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub mode: Option<Mode>,
    pub api_url: Option<String>,
    pub store_name: Option<String>,
    pub lang: Option<Lang>,
    /// The token from `CAJA_TOKEN`; never saved.
    pub token: Option<String>,
    /// How long a provider request may take (`CAJA_HTTP_TIMEOUT`, seconds) before its outcome counts
    /// as unknown; the default is 20 s.
    pub http_timeout: Option<std::time::Duration>,
}

impl Overrides {
    /// Reads `CAJA_MODE`, `CAJA_API_URL`, `CAJA_STORE_NAME`, `CAJA_LANG` and `CAJA_TOKEN`. Empty values
    /// count as unset; a mode or language that does not exist is an error, not a silent default.
    pub fn from_env() -> Result<Overrides, TillError> {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        Ok(Overrides {
            mode: var("CAJA_MODE").map(|m| m.parse()).transpose()?,
            api_url: var("CAJA_API_URL"),
            store_name: var("CAJA_STORE_NAME"),
            lang: var("CAJA_LANG")
                .map(|l| {
                    l.parse().map_err(|_| {
                        TillError::invalid("lang", &l, till::InputProblem::UnknownLang)
                    })
                })
                .transpose()?,
            token: var("CAJA_TOKEN"),
            http_timeout: var("CAJA_HTTP_TIMEOUT")
                .map(|seconds| {
                    seconds
                        .parse::<u64>()
                        .ok()
                        .filter(|s| (1..=300).contains(s))
                        .map(std::time::Duration::from_secs)
                        .ok_or_else(|| {
                            TillError::invalid(
                                "http_timeout",
                                &seconds,
                                till::InputProblem::NotDigits,
                            )
                        })
                })
                .transpose()?,
        })
    }

    /// The settings in force: each override replaces the saved value. A URL saved for one mode is not
    /// carried into another mode chosen by an override.
    pub fn apply(&self, saved: &Settings) -> Settings {
        let mode = self.mode.unwrap_or(saved.mode);
        let saved_url = if mode == saved.mode {
            saved.api_url.clone()
        } else {
            None
        };
        Settings {
            store_name: self
                .store_name
                .clone()
                .unwrap_or_else(|| saved.store_name.clone()),
            mode,
            api_url: self.api_url.clone().or(saved_url),
            lang: self.lang.unwrap_or(saved.lang),
            printer: saved.printer.clone(),
            idle_lock_minutes: saved.idle_lock_minutes,
            ..saved.clone()
        }
    }
}

/// Who is at the till in `data_dir`, with the idle lock of the saved settings, read on every check so a
/// supervisor's change (here, in another window, or from the CLI) applies to open sessions at once.
/// Unreadable settings count as the default (opening the till reports them).
pub fn open_staff(data_dir: &Path) -> Result<Staff, TillError> {
    open_staff_with_clock(data_dir, Clock::system())
}

/// [`open_staff`] with a given clock (a test moves it instead of waiting out the idle lock).
pub fn open_staff_with_clock(data_dir: &Path, clock: Clock) -> Result<Staff, TillError> {
    let folder = data_dir.to_owned();
    Ok(
        Staff::open_with_clock(data_dir, clock)?.with_idle_lock(Box::new(move || {
            Settings::load(&folder)
                .unwrap_or_default()
                .idle_lock_minutes
        })),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_loads_without_the_token() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap(), Settings::default());
        let settings = Settings {
            store_name: "Bodega Señor de Muruhuay".into(),
            country: Country::Spain,
            mode: Mode::Mock,
            api_url: Some("https://apurata.com".into()),
            lang: Lang::En,
            printer: Some("caja-80mm".into()),
            idle_lock_minutes: 10,
            till_name: "Caja 2".into(),
            closing_tolerance_centimos: 250,
            movement_approval_centimos: 50_000,
            thermal_printer: Some("tcp:192.168.1.50:9100".into()),
            orders: crate::order_settings::OrderSettings {
                pos_client_id: Some("tecno-tiendaz".into()),
                url_success: Some("https://tienda.pe/gracias".into()),
                ..Default::default()
            },
            vouchers: crate::voucher_settings::VoucherSettings {
                bank_accounts: vec!["BCP-SOLES-001".into()],
                apagos_url: None,
            },
            aplazame: crate::aplazame_settings::AplazameSettings {
                aplazame_url: None,
                auto_confirm: false,
            },
            backup: crate::backup_settings::BackupSettings::default(),
            updates: crate::update_facts::UpdateSettings::default(),
        };
        settings.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap(), settings);
        let text = std::fs::read_to_string(dir.path().join(SETTINGS_FILE)).unwrap();
        assert!(!text.to_lowercase().contains("token"));
    }

    #[test]
    fn refuses_a_plain_http_url_for_live() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings {
            mode: Mode::Live,
            api_url: Some("http://apurata.com".into()),
            ..Settings::default()
        };
        assert_eq!(
            settings.save(dir.path()).unwrap_err().field(),
            Some("api_url")
        );
        assert!(!dir.path().join(SETTINGS_FILE).exists());
    }

    #[test]
    fn overrides_win_and_do_not_carry_urls_across_modes() {
        let saved = Settings {
            mode: Mode::Live,
            api_url: Some("https://proxy.tienda.pe".into()),
            ..Settings::default()
        };
        let sandbox = Overrides {
            mode: Some(Mode::Sandbox),
            ..Overrides::default()
        };
        let effective = sandbox.apply(&saved);
        assert_eq!(effective.mode, Mode::Sandbox);
        assert_eq!(effective.api_url, None);
        assert_eq!(Overrides::default().apply(&saved), saved);
    }
}
