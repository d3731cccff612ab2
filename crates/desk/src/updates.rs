//! Signed updates from the till's side. Caja Central offers the version the store was given; the
//! desktop's updater (tauri-plugin-updater) fetches that manifest with the request built here (signed
//! like every call to Central), downloads the bundle and checks its minisign signature, and the version
//! it was signed for, against the chain's key built into the app. This module owns the rule of when a
//! verified update may be installed: never while a shift is open or an operation is unsettled (the
//! restart would cut it), never while a supervisor's postponement holds; the cashier is asked, and a
//! supervisor (PIN and reason, sealed in the audit record) may postpone it by hours.

use std::path::Path;

use jiff::{SignedDuration, Timestamp};

use crate::central::{CentralFailure, background_http, open_client};
use crate::settings::Settings;
pub use crate::update_facts::{
    Blocker, Postponement, UpdateOutcome, UpdateProblem, UpdateSettings,
};
use till::Till;
use till::error::{InputProblem, TillError};
use till::people::Approval;
use till::staff::{SettingsChange, Staff};

/// The codes of the desktop's update errors that are not the till's own.
pub const ERROR_CODES: &[&str] = &["update_not_now", "update_not_ready"];

/// The hours a supervisor may postpone an update by.
pub const POSTPONE_HOURS: std::ops::RangeInclusive<u32> = 1..=72;

/// The manifest's request: Central's URL for this till and the signature headers (valid once).
#[derive(Debug, Clone)]
pub struct ManifestRequest {
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
}

/// `GET …/update?current=…&target=…` signed by this till.
/// `target` is the Tauri updater's `{os}-{arch}-{bundle}` of the running app (`linux-x86_64-deb`), as
/// Central keys its bundles.
pub async fn manifest_request(
    till: &Till,
    data_dir: &Path,
    current_version: &str,
    target: &str,
) -> Result<ManifestRequest, CentralFailure> {
    let client = open_client(till, data_dir, background_http()).await?;
    let rest = format!("update?current={current_version}&target={target}");
    let (url, headers) = client.signed_get(&rest)?;
    Ok(ManifestRequest {
        url: url.to_string(),
        headers: headers
            .pairs()
            .iter()
            .map(|(name, value)| (*name, (*value).to_owned()))
            .collect(),
    })
}

/// What keeps `version` from being installed now, if anything. The postponement is read from
/// `settings.json` (a supervisor may have saved one since the till was opened).
pub async fn blocker(
    till: &Till,
    data_dir: &Path,
    version: &str,
) -> Result<Option<Blocker>, TillError> {
    let busy = till.in_flight().await?;
    if let Some(shift) = busy.open_shift {
        return Ok(Some(Blocker::ShiftOpen { shift }));
    }
    if !busy.operations.is_empty() {
        return Ok(Some(Blocker::OperationsUnsettled {
            count: busy.operations.len(),
        }));
    }
    Ok(Settings::load(data_dir)?
        .updates
        .postponed
        .filter(|p| p.version == version && p.until > Timestamp::now())
        .map(Blocker::Postponed))
}

/// A supervisor postpones `version` by `hours`: checked, saved, and sealed in the audit record.
pub fn postpone(
    staff: &Staff,
    data_dir: &Path,
    version: &str,
    hours: &str,
    approval: &Approval,
) -> Result<Postponement, TillError> {
    let hours_typed = hours;
    let hours = hours
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|h| POSTPONE_HOURS.contains(h))
        .ok_or_else(|| {
            TillError::invalid("postpone_hours", hours_typed, InputProblem::PostponeHours)
        })?;
    let approved = staff.approve(approval)?;
    let mut settings = Settings::load(data_dir)?;
    let postponement = Postponement {
        version: version.to_owned(),
        until: Timestamp::now() + SignedDuration::from_hours(i64::from(hours)),
        by: approved.supervisor.name.clone(),
    };
    let before = settings
        .updates
        .postponed
        .as_ref()
        .map(|p| format!("{} until {}", p.version, p.until))
        .unwrap_or_else(|| "-".to_owned());
    settings.updates.postponed = Some(postponement.clone());
    settings.save(data_dir)?;
    staff.record_settings_change(&SettingsChange {
        changes: vec![(
            "update_postponed".to_owned(),
            before,
            format!("{version} until {}", postponement.until),
        )],
        requested_by: staff.operator().map(|person| person.name),
        approved_by: approved.supervisor.name,
        reason: approved.reason,
    })?;
    tracing::info!(%version, hours, by = %postponement.by, "update postponed");
    Ok(postponement)
}
