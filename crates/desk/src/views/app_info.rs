//! The till as the UI needs to know it (mode, store, language, who is signed in, where the token is
//! kept), also when the till could not be opened. Gathering it asks the secret store over D-Bus and
//! reads the database, so [`app_info`] does it on a blocking thread.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use super::{ErrorView, Money, PersonView};
use crate::secrets;
use crate::settings::{Overrides, Settings};
use crate::wording::{self, Lang};
use crate::workstation::Workstation;
use till::blocking;
use till::error::TillError;
use till::mode::Mode;
use till::staff::Staff;

/// The till as the UI needs to know it; also built when the till could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: &'static str,
    pub mode: Mode,
    /// The provider root actually called (the embedded sandbox's loopback URL in sandbox mode).
    pub api_url: String,
    pub embedded_sandbox: bool,
    pub store_name: String,
    /// Where the store sells (its currency, documents and providers follow).
    pub country: till::country::Country,
    pub lang: Lang,
    pub printer: Option<String>,
    /// The saved provider URL; none for the mode's default.
    pub saved_api_url: Option<String>,
    pub token_configured: bool,
    /// Said when the token is kept in the owner-only file because there is no secret store.
    pub token_warning: Option<String>,
    /// Which settings the environment (`CAJA_*`) overrides, so Ajustes can say why a change won't apply.
    pub overridden: Vec<Overridable>,
    /// Today on the store's clock (Lima's in Peru, Madrid's in Spain), YYYY-MM-DD.
    pub today: String,
    pub data_dir: String,
    pub reports_dir: String,
    /// Why the till could not be opened with these settings, if it could not.
    pub startup_error: Option<ErrorView>,
    /// Minutes without activity before the screen locks.
    pub idle_lock_minutes: u32,
    /// Whether the till has anyone yet (the first run creates the first supervisor).
    pub has_people: bool,
    /// Whether this till asks for sign-in (live mode, or once it has people).
    pub sign_in_required: bool,
    pub signed_in: Option<PersonView>,
    /// `settings.json` was edited outside Caja: saving Ajustes with a supervisor's approval confirms it
    /// (in live mode nothing is sent until then).
    pub settings_unconfirmed: bool,
    /// This till's name on receipts and Z reports.
    pub till_name: String,
    /// A difference at closing up to this needs no supervisor.
    pub closing_tolerance: Money,
    /// Cash in or out above this needs a supervisor.
    pub movement_approval: Money,
    /// The thermal printer (`tcp:…`, `cups:…`, `file:…`, `usb:…`); none: receipts as PDF.
    pub thermal_printer: Option<String>,
    /// The store's bank accounts at aPagos as saved in Ajustes (none saved: the simulator's demo
    /// accounts stand in, live mode takes no transfers).
    pub bank_accounts: Vec<String>,
    /// A transfer is registered with aPagos and pays only once validated (Cobro's "Transferencia /
    /// Yape" opens the voucher form); without aPagos it is the cashier's word.
    pub transfer_vouchers: bool,
    /// Aplazame's API root as saved in Ajustes (Spain); none for the mode's own.
    pub aplazame_url: Option<String>,
    /// Aplazame's rule "confirm when total and currency match" (Spain).
    pub aplazame_auto_confirm: bool,
}

/// A setting the environment can override, named as Ajustes' fields are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Overridable {
    Mode,
    ApiUrl,
    StoreName,
    Lang,
    Token,
}

/// What [`AppInfo`] needs of an open workstation, taken so the rest can be gathered off the runtime.
#[derive(Debug, Clone)]
pub struct OpenedTill {
    pub api_url: String,
    pub embedded_sandbox: bool,
    pub transfer_vouchers: bool,
}

impl From<&Workstation> for OpenedTill {
    fn from(ws: &Workstation) -> Self {
        OpenedTill {
            api_url: ws.api_url.clone(),
            embedded_sandbox: ws.runs_embedded_sandbox(),
            transfer_vouchers: ws.till.voucher_setup().is_ok(),
        }
    }
}

/// [`AppInfo`] gathered on a blocking thread: it asks the secret store (D-Bus) and the database.
pub async fn app_info(
    staff: Arc<Staff>,
    data_dir: PathBuf,
    overrides: Overrides,
    opened: Result<OpenedTill, ErrorView>,
) -> Result<AppInfo, TillError> {
    blocking::run(move || {
        let saved = Settings::load(&data_dir)?;
        Ok(AppInfo::new(&staff, &data_dir, &saved, &overrides, opened))
    })
    .await
}

impl AppInfo {
    pub fn new(
        staff: &Staff,
        data_dir: &Path,
        saved: &Settings,
        overrides: &Overrides,
        opened: Result<OpenedTill, ErrorView>,
    ) -> AppInfo {
        let effective = overrides.apply(saved);
        let token_store = secrets::where_kept(data_dir, effective.mode);
        let (api_url, embedded_sandbox, transfer_vouchers, startup_error) = match opened {
            Ok(till) => (
                till.api_url,
                till.embedded_sandbox,
                till.transfer_vouchers,
                None,
            ),
            Err(error) => (
                effective.api_url.clone().unwrap_or_default(),
                false,
                false,
                Some(error),
            ),
        };
        let overridden = [
            (Overridable::Mode, overrides.mode.is_some()),
            (Overridable::ApiUrl, overrides.api_url.is_some()),
            (Overridable::StoreName, overrides.store_name.is_some()),
            (Overridable::Lang, overrides.lang.is_some()),
            (Overridable::Token, overrides.token.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect();
        AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            mode: effective.mode,
            api_url,
            embedded_sandbox,
            store_name: effective.store_name,
            country: effective.country,
            lang: effective.lang,
            printer: saved.printer.clone(),
            saved_api_url: saved.api_url.clone(),
            token_configured: overrides.token.is_some() || token_store.is_some(),
            token_warning: token_store
                .and_then(|store| wording::token_store_notice(effective.lang, &store)),
            overridden,
            today: effective.country.day_of(jiff::Timestamp::now()).to_string(),
            data_dir: data_dir.display().to_string(),
            reports_dir: reports_dir(data_dir).display().to_string(),
            startup_error,
            idle_lock_minutes: saved.idle_lock_minutes,
            has_people: staff.has_people().unwrap_or(false),
            sign_in_required: staff.rules_apply(effective.mode).unwrap_or(true),
            signed_in: staff.operator().as_ref().map(PersonView::from),
            settings_unconfirmed: till::settings_seal::state(data_dir)
                .is_ok_and(|seal| seal == till::settings_seal::SettingsSeal::EditedOutsideCaja),
            till_name: saved.till_name.clone(),
            closing_tolerance: Money::of(saved.country, saved.closing_tolerance_centimos),
            movement_approval: Money::of(saved.country, saved.movement_approval_centimos),
            thermal_printer: saved.thermal_printer.clone(),
            bank_accounts: saved.vouchers.bank_accounts.clone(),
            transfer_vouchers,
            aplazame_url: saved.aplazame.aplazame_url.clone(),
            aplazame_auto_confirm: saved.aplazame.auto_confirm,
        }
    }
}

/// Where printed reports are kept.
pub fn reports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("reports")
}
