//! Ajustes: saving the settings and the token. Wherever the rules apply, saving Ajustes needs someone
//! signed in (the store's name goes on every report; the language and the printer are the till's);
//! changing what decides where money goes (the country, the mode, the provider URL, the token,
//! Aplazame's URL and auto-confirm rule) or how long an idle till stays open also needs a supervisor's
//! PIN and a reason; the change, who asked and who approved are sealed in the audit record. So does
//! saving a `settings.json` that was edited outside Caja: that save is the supervisor's confirmation
//! of the file (see [`till::settings_seal`]).

use std::path::Path;

use serde::Deserialize;
use ts_rs::TS;

use crate::secrets::{self, TokenStore};
use crate::settings::{IDLE_LOCK_MINUTES, Overrides, Settings};
use crate::settings_change::{approve_and_save, differing};
use crate::wording::{self, Lang};
use till::country::Country;
use till::error::TillError;
use till::mode::Mode;
use till::people::Approval;
use till::staff::{SettingsChange, Staff};

/// Ajustes as the UI sends them.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsInput {
    pub store_name: String,
    /// The store's country; none keeps the saved one. A change needs a supervisor.
    #[serde(default)]
    pub country: Option<Country>,
    pub mode: Mode,
    /// Empty or none: the mode's default.
    pub api_url: Option<String>,
    pub lang: Lang,
    pub printer: Option<String>,
    #[serde(default)]
    pub idle_lock_minutes: Option<u32>,
    /// This till's name on receipts and Z reports; none keeps the saved one.
    #[serde(default)]
    pub till_name: Option<String>,
    /// The closing tolerance, typed in soles (`1.00`); none keeps the saved one.
    #[serde(default)]
    pub closing_tolerance: Option<String>,
    /// Cash movements above this (soles) need a supervisor; none keeps the saved one.
    #[serde(default)]
    pub movement_approval: Option<String>,
    /// The thermal printer (`tcp:HOST[:PORT]`, `cups:QUEUE`, `file:PATH`); empty: none.
    #[serde(default)]
    pub thermal_printer: Option<String>,
    /// The store's bank accounts at aPagos, one per line or separated by commas; none keeps the
    /// saved ones, an empty text clears them (the simulator's demo accounts then stand in).
    #[serde(default)]
    pub bank_accounts: Option<String>,
    /// Aplazame's API root (Spain); none keeps the saved one, an empty text goes back to the mode's.
    #[serde(default)]
    pub aplazame_url: Option<String>,
    /// Aplazame's rule "confirm when total and currency match" (Spain); none keeps the saved one.
    #[serde(default)]
    pub aplazame_auto_confirm: Option<bool>,
    /// Needed when the country, the mode, the URL, the bank accounts, Aplazame's settings or the idle
    /// lock change.
    #[serde(default)]
    pub approval: Option<Approval>,
}

/// Checks and saves Ajustes (empty texts mean "the default"). The caller reopens the till.
pub fn save_settings(
    staff: &Staff,
    data_dir: &Path,
    input: SettingsInput,
) -> Result<(), TillError> {
    let blank_to_none =
        |text: Option<String>| text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let store_name = input.store_name.trim();
    if store_name.is_empty() {
        return Err(TillError::invalid(
            "store_name",
            "",
            till::InputProblem::Missing,
        ));
    }
    let saved = Settings::load(data_dir)?;
    let idle_lock_minutes = input.idle_lock_minutes.unwrap_or(saved.idle_lock_minutes);
    if !IDLE_LOCK_MINUTES.contains(&idle_lock_minutes) {
        return Err(TillError::invalid(
            "idle_lock_minutes",
            &idle_lock_minutes.to_string(),
            till::InputProblem::IdleMinutes,
        ));
    }
    let country = input.country.unwrap_or(saved.country);
    if country != saved.country && !staff.open_shifts()?.is_empty() {
        return Err(TillError::invalid(
            "country",
            country.code(),
            till::InputProblem::CountryWithShiftOpen,
        ));
    }
    // Typed as the store writes its money: `1.50` in Peru, `1,50` in Spain.
    let money = |field: &'static str, typed: Option<String>, saved: i64| match blank_to_none(typed)
    {
        None => Ok(saved),
        Some(text) => country
            .parse_money(&text)
            .filter(|minor| *minor >= 0)
            .ok_or_else(|| TillError::invalid(field, &text, till::InputProblem::Amount)),
    };
    let thermal_printer = match input.thermal_printer {
        Some(text) => blank_to_none(Some(text)),
        None => saved.thermal_printer.clone(),
    };
    if let Some(text) = &thermal_printer
        && !["tcp:", "cups:", "file:", "usb:"]
            .iter()
            .any(|p| text.starts_with(p))
    {
        return Err(TillError::invalid(
            "thermal_printer",
            text,
            till::InputProblem::ThermalPrinter,
        ));
    }
    let wanted = Settings {
        store_name: store_name.to_owned(),
        country,
        mode: input.mode,
        api_url: blank_to_none(input.api_url),
        lang: input.lang,
        printer: blank_to_none(input.printer),
        idle_lock_minutes,
        till_name: blank_to_none(input.till_name).unwrap_or_else(|| saved.till_name.clone()),
        closing_tolerance_centimos: money(
            "closing_tolerance",
            input.closing_tolerance,
            saved.closing_tolerance_centimos,
        )?,
        movement_approval_centimos: money(
            "movement_approval",
            input.movement_approval,
            saved.movement_approval_centimos,
        )?,
        thermal_printer,
        orders: saved.orders.clone(),
        vouchers: crate::voucher_settings::VoucherSettings {
            bank_accounts: match input.bank_accounts {
                Some(text) => bank_accounts(&text)?,
                None => saved.vouchers.bank_accounts.clone(),
            },
            ..saved.vouchers.clone()
        },
        aplazame: saved.aplazame.changed(
            input.aplazame_url.as_deref(),
            input.aplazame_auto_confirm,
            input.mode,
        )?,
        backup: saved.backup.clone(),
        updates: saved.updates.clone(),
    };
    if let Some(url) = &wanted.api_url {
        wanted.mode.check_api_url(url)?;
    }
    // The record keeps a change as it was written, in the till's default language whatever the screen
    // speaks, so one change reads the same to every supervisor and to the records written before.
    let shown = |url: &Option<String>| {
        url.clone()
            .unwrap_or_else(|| wording::default_api_url(Lang::Es).to_owned())
    };
    let mut changes = differing([
        (
            "country",
            saved.country.to_string(),
            wanted.country.to_string(),
        ),
        ("mode", saved.mode.to_string(), wanted.mode.to_string()),
        ("api_url", shown(&saved.api_url), shown(&wanted.api_url)),
        (
            "idle_lock_minutes",
            saved.idle_lock_minutes.to_string(),
            wanted.idle_lock_minutes.to_string(),
        ),
        (
            "closing_tolerance",
            saved.country.money_text(saved.closing_tolerance_centimos),
            wanted.country.money_text(wanted.closing_tolerance_centimos),
        ),
        (
            "movement_approval",
            saved.country.money_text(saved.movement_approval_centimos),
            wanted.country.money_text(wanted.movement_approval_centimos),
        ),
        (
            "bank_accounts",
            saved.vouchers.bank_accounts.join(", "),
            wanted.vouchers.bank_accounts.join(", "),
        ),
    ]);
    changes.extend(
        saved
            .aplazame
            .changes(&wanted.aplazame, wording::default_api_url(Lang::Es)),
    );
    // Leaving live or entering it is judged by the stricter of the two modes.
    let strictest = if saved.mode == Mode::Live {
        saved.mode
    } else {
        wanted.mode
    };
    approve_and_save(
        staff,
        strictest,
        data_dir,
        changes,
        input.approval.as_ref(),
        || wanted.save(data_dir),
    )
}

/// The accounts typed in Ajustes, one per line or comma-separated: letters, digits, `-` and `_`.
fn bank_accounts(text: &str) -> Result<Vec<String>, TillError> {
    let mut accounts: Vec<String> = Vec::new();
    for account in text.split([',', '\n', ';']).map(str::trim) {
        if account.is_empty() || accounts.iter().any(|known| known == account) {
            continue;
        }
        let fine = account.len() <= 40
            && account
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !fine {
            return Err(TillError::from(till::error::VoucherError::InvalidField {
                field: "bank_accounts",
                value: account.to_owned(),
            }));
        }
        accounts.push(account.to_owned());
    }
    Ok(accounts)
}

/// Keeps the token of the mode in force in the system secret store, or in the owner-only file when there
/// is none, and says which (the fronts warn about the file); with a supervisor's approval where the
/// rules apply. The caller reopens the till.
pub fn save_token(
    staff: &Staff,
    data_dir: &Path,
    overrides: &Overrides,
    token: &str,
    approval: Option<&Approval>,
) -> Result<TokenStore, TillError> {
    if token.trim().is_empty() {
        return Err(TillError::invalid("token", "", till::InputProblem::Missing));
    }
    let mode = overrides.apply(&Settings::load(data_dir)?).mode;
    let approved = staff.approval_for(mode, approval, "settings")?;
    let kept = secrets::save_token(data_dir, mode, token)?;
    if let Some(approved) = approved {
        staff.record_settings_change(&SettingsChange {
            changes: vec![(
                format!("token_{mode}"),
                "-".to_owned(),
                "replaced".to_owned(),
            )],
            requested_by: staff.operator().map(|person| person.name),
            approved_by: approved.supervisor.name,
            reason: approved.reason,
        })?;
    }
    Ok(kept)
}

/// Keeps the store's Aplazame private key for the mode in force in the secret store, with a
/// supervisor's approval where the rules ask for one; the change (never the key) is sealed in the
/// audit record.
pub fn save_aplazame_key(
    staff: &Staff,
    data_dir: &Path,
    overrides: &Overrides,
    key: &str,
    approval: Option<&Approval>,
) -> Result<TokenStore, TillError> {
    if key.trim().is_empty() {
        return Err(TillError::invalid(
            "aplazame_key",
            "",
            till::InputProblem::Missing,
        ));
    }
    let mode = overrides.apply(&Settings::load(data_dir)?).mode;
    let approved = staff.approval_for(mode, approval, "settings")?;
    let kept = secrets::save_aplazame_key(data_dir, mode, key)?;
    if let Some(approved) = approved {
        staff.record_settings_change(&SettingsChange {
            changes: vec![(
                format!("aplazame_key_{mode}"),
                "-".to_owned(),
                "replaced".to_owned(),
            )],
            requested_by: staff.operator().map(|person| person.name),
            approved_by: approved.supervisor.name,
            reason: approved.reason,
        })?;
    }
    Ok(kept)
}
