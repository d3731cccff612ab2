//! The doctor's report as both fronts show it: one line per check with its verdict and the fix, in
//! the till's language. `caja doctor --json` prints these views as an array; Supervisión lists them.

use serde::Serialize;
use ts_rs::TS;

use crate::doctor::{self, CheckName, CheckStatus, Outcome};
use crate::wording::{Lang, doctor as words};
use crate::workstation::Workstation;

/// One check: `{check, status, detail, fix}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DoctorCheckView {
    pub check: CheckName,
    /// The check's name in the till's language.
    pub title: String,
    pub status: CheckStatus,
    pub detail: String,
    pub fix: Option<String>,
}

/// The outcomes, worded.
pub fn check_views(lang: Lang, outcomes: &[Outcome]) -> Vec<DoctorCheckView> {
    outcomes
        .iter()
        .map(|outcome| {
            let (detail, fix) = words::finding(lang, &outcome.finding);
            DoctorCheckView {
                check: outcome.check,
                title: words::check_name(lang, outcome.check),
                status: outcome.status,
                detail,
                fix,
            }
        })
        .collect()
}

/// `doctor` (Supervisión's «Revisar de nuevo»): every check on the open till. The backups' facts come
/// from the saved settings: Ajustes saves them without reopening the till.
pub async fn doctor(ws: &Workstation) -> Vec<DoctorCheckView> {
    let from_environment = std::env::var("CAJA_TOKEN").ok();
    let data_dir = ws.data_dir.clone();
    let kept = ws.settings.clone();
    let facts = till::blocking::run(move || {
        let mut settings = kept;
        if let Ok(saved) = crate::settings::Settings::load(&data_dir) {
            settings.backup = saved.backup;
        }
        crate::backups::facts(&settings)
    })
    .await;
    let outcomes = doctor::examine(ws, from_environment.as_deref(), &facts).await;
    check_views(ws.settings.lang, &outcomes)
}

/// The report as text: `✔ Name: detail` and, under a line that is not ok, `  → Fix: …`; then the
/// counts.
pub fn doctor_text(lang: Lang, checks: &[DoctorCheckView]) -> String {
    let mut text = String::new();
    for check in checks {
        text += &format!(
            "{} {}: {}\n",
            words::mark(check.status),
            check.title,
            check.detail
        );
        if let Some(fix) = &check.fix {
            text += &format!("    → {}: {fix}\n", words::fix_label(lang));
        }
    }
    let count = |status| checks.iter().filter(|check| check.status == status).count();
    text += &words::summary(
        lang,
        count(CheckStatus::Ok),
        count(CheckStatus::Warn),
        count(CheckStatus::Fail),
    );
    text.push('\n');
    text
}
