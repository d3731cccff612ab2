//! The Caja Central section of Ajustes and `caja central status`: the link's state as a view (never the
//! key), and a Central failure said in the till's language.

use serde::Serialize;
use ts_rs::TS;

use super::{ErrorView, lima_text};
use crate::central::{CentralFailure, CentralState};
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
    pub last_error: Option<String>,
    pub zs_sent: i64,
    pub zs_verified: i64,
    pub relay_after: i64,
    /// The status in one sentence, in the till's language.
    pub line: String,
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
            last_error: state.cursor.last_error.clone(),
            zs_sent: state.zs_sent,
            zs_verified: state.zs_verified,
            relay_after: state.cursor.relay_after,
            line: crate::wording::central::status_line(lang, state),
        }
    }
}

impl Worded for CentralFailure {
    fn worded(&self, lang: Lang) -> ErrorView {
        ErrorView {
            code: self.code().to_owned(),
            message: crate::wording::central::failure(lang, self),
            field: self.field().map(str::to_owned),
        }
    }
}

/// `central_status`: the state of the link, for Ajustes.
pub async fn central_status(ws: &Workstation) -> Result<CentralStatusView, CentralFailure> {
    let state = crate::central::central_state(&ws.till).await?;
    Ok(CentralStatusView::new(&state, ws.settings.lang))
}

/// `enroll_central`: enrolls with the store and till codes of the orders' settings.
pub async fn enroll_central(
    ws: &Workstation,
    url: String,
    code: String,
) -> Result<CentralStatusView, CentralFailure> {
    let orders = &ws.settings.orders;
    let codes = providers::central::TillRef::new(&orders.store_code, &orders.till_code);
    let state = crate::central::enroll(&ws.till, &ws.data_dir, &codes, &url, &code, false).await?;
    Ok(CentralStatusView::new(&state, ws.settings.lang))
}
