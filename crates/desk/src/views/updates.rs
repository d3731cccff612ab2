//! Supervisión › Actualizaciones: the version running, what Central offers, whether it was verified
//! or refused and why, and whether it may be installed now; and the supervisor's postponement.

use serde::Serialize;
use ts_rs::TS;

use super::{ErrorView, store_time_text};
use crate::updates::{self, Blocker, UpdateOutcome, UpdateProblem};
use crate::wording::updates as words;
use crate::workstation::Workstation;
use till::error::TillError;
use till::people::Approval;
use till::staff::SettingsChange;

/// Where the update stands, worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum UpdateState {
    Unchecked,
    UpToDate,
    Ready,
    Refused,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateView {
    pub current_version: String,
    pub state: UpdateState,
    /// The version Central offered, if it offered one.
    pub offered_version: Option<String>,
    /// The release notes as published.
    pub notes: Option<String>,
    /// What happened, to be read by the person at the screen.
    pub message: String,
    /// Why a verified update is not installed now; none when it may be.
    pub blocker: Option<String>,
    /// Verified and nothing blocks it: the cashier may install it now.
    pub can_install: bool,
}

/// The view of `outcome` on this till now.
pub async fn update_view(
    ws: &Workstation,
    current_version: &str,
    outcome: &UpdateOutcome,
) -> Result<UpdateView, TillError> {
    let lang = ws.settings.lang;
    let country = ws.settings.country;
    let when = |at: jiff::Timestamp| store_time_text(country, at, "%d/%m/%Y %H:%M");
    let mut view = UpdateView {
        current_version: current_version.to_owned(),
        state: UpdateState::Unchecked,
        offered_version: None,
        notes: None,
        message: words::unchecked(lang),
        blocker: None,
        can_install: false,
    };
    match outcome {
        UpdateOutcome::Unchecked => {}
        UpdateOutcome::UpToDate { checked_at } => {
            view.state = UpdateState::UpToDate;
            let at = store_time_text(country, *checked_at, "%H:%M");
            view.message = words::up_to_date(lang, current_version, &at);
        }
        UpdateOutcome::Verified { version, notes } => {
            view.state = UpdateState::Ready;
            view.offered_version = Some(version.clone());
            view.notes = notes.clone().filter(|n| !n.trim().is_empty());
            view.message = words::ready(lang, version);
            let blocker: Option<Blocker> =
                updates::blocker(&ws.till, &ws.data_dir, version).await?;
            view.blocker = blocker.map(|b| words::blocker(lang, &b, when));
            view.can_install = view.blocker.is_none();
        }
        UpdateOutcome::Refused { version, problem } => {
            view.state = UpdateState::Refused;
            view.offered_version = Some(version.clone());
            view.message = words::problem(lang, problem);
        }
        UpdateOutcome::Failed(problem) => {
            view.state = UpdateState::Failed;
            view.message = words::problem(lang, problem);
        }
    }
    Ok(view)
}

/// Checks that the update may be installed now (the cashier said yes): the error says why not. When it
/// may, who asked to install which version is sealed in the audit record before anything is installed.
pub async fn ready_to_install(
    ws: &Workstation,
    current_version: &str,
    version: &str,
) -> Result<(), ErrorView> {
    let lang = ws.settings.lang;
    let worded = |error: TillError| ErrorView::new(&error, lang);
    let operator = ws.till.require_operator().await.map_err(worded)?;
    if let Some(blocker) = updates::blocker(&ws.till, &ws.data_dir, version)
        .await
        .map_err(worded)?
    {
        let when = |at| store_time_text(ws.settings.country, at, "%d/%m/%Y %H:%M");
        return Err(ErrorView {
            code: "update_not_now".to_owned(),
            message: words::blocker(lang, &blocker, when),
            field: None,
        });
    }
    let name = operator.map(|person| person.name);
    ws.till
        .staff()
        .record_settings_change(&SettingsChange {
            changes: vec![(
                "app_version".to_owned(),
                current_version.to_owned(),
                version.to_owned(),
            )],
            requested_by: name.clone(),
            approved_by: name.unwrap_or_else(|| "-".to_owned()),
            reason: "signed update verified against the chain's key".to_owned(),
        })
        .map_err(worded)
}

/// The signed request for Central's manifest, or why there is none (not enrolled, no key…), worded.
pub async fn update_request(
    ws: &Workstation,
    current_version: &str,
    target: &str,
) -> Result<updates::ManifestRequest, UpdateProblem> {
    updates::manifest_request(&ws.till, &ws.data_dir, current_version, target)
        .await
        .map_err(|failure| {
            UpdateProblem::Central(crate::wording::central::failure(ws.settings.lang, &failure))
        })
}

/// Installing or postponing with no verified update in hand.
pub fn update_not_ready(ws: &Workstation) -> ErrorView {
    ErrorView {
        code: "update_not_ready".to_owned(),
        message: words::not_ready(ws.settings.lang),
        field: None,
    }
}

/// A supervisor postpones `version` by `hours`.
pub fn postpone_update(
    ws: &Workstation,
    version: &str,
    hours: &str,
    approval: &Approval,
) -> Result<(), TillError> {
    updates::postpone(ws.till.staff(), &ws.data_dir, version, hours, approval).map(|_| ())
}
