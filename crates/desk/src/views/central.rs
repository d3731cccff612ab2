//! The Caja Central section of Ajustes and `caja central status`: the link's state as a view (never the
//! key, never an English error), enrolling (a signed-in supervisor only) and pushing now from the
//! desktop, and a Central failure said in the till's language.

use providers::central::CentralError;
use serde::Serialize;
use ts_rs::TS;

use super::{ErrorView, lima_text};
use crate::central::{CentralFailure, CentralState, PushReport};
use crate::{Lang, Worded, Workstation};

/// What the screens and `caja central status` show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CentralStatusView {
    pub enrolled: bool,
    pub base_url: Option<String>,
    pub store: Option<String>,
    pub till: Option<String>,
    pub store_name: Option<String>,
    /// dd/mm/aaaa hh:mm, Lima.
    pub enrolled_at: Option<String>,
    /// The seq Central last acknowledged holding without a hole.
    pub pushed_seq: i64,
    pub pending_entries: i64,
    pub last_push_at: Option<String>,
    /// The last failure, said again in the till's language (never the raw error text).
    pub last_error: Option<String>,
    pub zs_sent: i64,
    pub zs_verified: i64,
    pub relay_after: i64,
    /// The status in one sentence, in the till's language.
    pub line: String,
    /// What the push this view answers did (Ajustes' "Enviar ahora"); `None` for a plain status.
    pub pushed: Option<CentralPushView>,
}

/// What one push did, for the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CentralPushView {
    pub entries_sent: i64,
    /// Central's high water after the push.
    pub high_water: i64,
    pub zs_sent: i64,
    pub pending_entries: i64,
    /// Central found gaps, rewritten or broken entries: head office must hear of it.
    pub findings: bool,
    /// What was sent in a sentence, in the till's language.
    pub line: String,
}

impl CentralPushView {
    fn new(report: &PushReport, lang: Lang) -> Self {
        let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        CentralPushView {
            entries_sent: count(report.entries_sent),
            high_water: report.high_water,
            zs_sent: count(report.zs_sent),
            pending_entries: report.pending_entries,
            findings: !report.missing.is_empty()
                || !report.rewritten.is_empty()
                || !report.broken.is_empty(),
            line: crate::wording::central::push_report(lang, report),
        }
    }
}

impl CentralStatusView {
    pub fn new(state: &CentralState, lang: Lang) -> Self {
        let link = state.link.as_ref();
        CentralStatusView {
            enrolled: link.is_some(),
            base_url: link.map(|link| link.base_url.clone()),
            store: link.map(|link| link.store.clone()),
            till: link.map(|link| link.till.clone()),
            store_name: link.map(|link| link.store_name.clone()),
            enrolled_at: link.map(|link| lima_text(link.enrolled_at, "%d/%m/%Y %H:%M")),
            pushed_seq: state.cursor.pushed_seq,
            pending_entries: state.pending_entries,
            last_push_at: state
                .cursor
                .last_push_at
                .map(|at| lima_text(at, "%d/%m/%Y %H:%M:%S")),
            last_error: state
                .cursor
                .last_error
                .as_deref()
                .map(|text| crate::wording::central::stored_error(lang, text)),
            zs_sent: state.zs_sent,
            zs_verified: state.zs_verified,
            relay_after: state.cursor.relay_after,
            line: crate::wording::central::status_line(lang, state),
            pushed: None,
        }
    }

    /// `push_central`: a push now (the desktop's "Enviar ahora"), with the usual bounds, and the status
    /// after it with what it did.
    pub async fn push_now(ws: &Workstation) -> Result<Self, CentralFailure> {
        let http = providers::HttpSettings::default();
        let report = crate::central::push_to_central(&ws.till, &ws.data_dir, http).await?;
        let mut view = central_status(ws).await?;
        view.pushed = Some(CentralPushView::new(&report, ws.settings.lang));
        Ok(view)
    }
}

impl Worded for CentralFailure {
    fn worded(&self, lang: Lang) -> ErrorView {
        // A refused enrollment code belongs to the code's input: the screen marks it and goes back to it.
        let code_refused = matches!(
            self,
            CentralFailure::Central(CentralError::Refused { code, .. })
                if code.starts_with("enrollment_code_") && code != "enrollment_code_other_till"
        );
        ErrorView {
            code: self.code().to_owned(),
            message: crate::wording::central::failure(lang, self),
            field: if code_refused {
                Some("code".to_owned())
            } else {
                self.field().map(str::to_owned)
            },
        }
    }
}

/// `central_status`: the state of the link, for Ajustes.
pub async fn central_status(ws: &Workstation) -> Result<CentralStatusView, CentralFailure> {
    let state = crate::central::central_state(&ws.till).await?;
    Ok(CentralStatusView::new(&state, ws.settings.lang))
}

/// `enroll_central`: a signed-in supervisor enrolls the till with the store and till codes of the
/// orders' settings (as `caja central enroll` does). `allow_http` allows `http://` beyond this machine,
/// said explicitly on the form.
pub async fn enroll_central(
    ws: &Workstation,
    url: String,
    code: String,
    allow_http: bool,
) -> Result<CentralStatusView, CentralFailure> {
    let staff = ws.till.staff().clone();
    till::blocking::run(move || staff.require_supervisor()).await?;
    let orders = &ws.settings.orders;
    let codes = providers::central::TillRef::new(&orders.store_code, &orders.till_code);
    let (dir, url) = (&ws.data_dir, url.trim());
    let state = crate::central::enroll(&ws.till, dir, &codes, url, &code, allow_http).await?;
    Ok(CentralStatusView::new(&state, ws.settings.lang))
}
