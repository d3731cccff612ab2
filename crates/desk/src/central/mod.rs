//! Caja Central from the till's side: enrolling (a new key, the store and till codes of the orders'
//! settings, the link saved in SQLite and the key in the secret store), the status the screens and the
//! CLI show, and the client every other call opens from the link and the key. Pushing lives in [`push`],
//! the relayed provider events in [`relay`].
//!
//! Central is optional and adds, never gates: nothing here runs inside a cashier's operation. The fronts
//! call these from the background (the desktop's task, `caja sync`), with bounded timeouts, and a failure
//! is reported (and kept as the cursor's last error), never raised into the cashier's flow.

mod aplazame_link;
mod push;
mod relay;

use std::path::Path;

use providers::central::client::{self, CentralClient, CentralError};
use providers::central::wire::EnrollRequest;
use providers::central::{TillRef, TillSigningKey};
use providers::{HttpSettings, PlainHttp};
use till::central::{self as store, CentralCursor, CentralLink};
use till::{Till, TillError, blocking};

use crate::secrets;

pub use aplazame_link::{AplazameForwarded, forward_aplazame, forward_to_simulator};
pub use push::{PushReport, push_to_central, push_when_due};
pub use relay::{RelayHandled, RelayKept, RelayReport, relay_once};

/// The codes of a Central failure that are not the till's own.
pub const ERROR_CODES: &[&str] = &[
    "central_not_enrolled",
    "central_key_missing",
    "central_unreachable",
    "central_refused",
    "central_bad_answer",
    "central_url_invalid",
];

/// Why a Central call did not happen or did not succeed: facts, worded by `wording::central`.
#[derive(Debug, thiserror::Error)]
pub enum CentralFailure {
    #[error("this till is not enrolled in Caja Central")]
    NotEnrolled,
    #[error("the till's key for Caja Central is not in the secret store")]
    KeyMissing,
    #[error("no enrollment code was given")]
    NoCode,
    #[error(transparent)]
    Central(#[from] CentralError),
    #[error(transparent)]
    Till(#[from] TillError),
}

impl CentralFailure {
    pub fn code(&self) -> &'static str {
        match self {
            CentralFailure::NotEnrolled => "central_not_enrolled",
            CentralFailure::KeyMissing => "central_key_missing",
            CentralFailure::NoCode => "invalid_input",
            CentralFailure::Central(CentralError::Unreachable { .. }) => "central_unreachable",
            CentralFailure::Central(CentralError::Refused { .. }) => "central_refused",
            CentralFailure::Central(CentralError::BadAnswer { .. }) => "central_bad_answer",
            CentralFailure::Central(CentralError::InvalidUrl { .. }) => "central_url_invalid",
            CentralFailure::Till(error) => error.code(),
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            CentralFailure::NoCode => Some("code"),
            CentralFailure::Central(CentralError::InvalidUrl { .. }) => Some("url"),
            CentralFailure::Till(error) => error.field(),
            _ => None,
        }
    }
}

/// A failure as the cursor keeps it: what its words need (codes, a status, the URL), never a message or a
/// detail, which may be long, English, or a server's text.
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptFailure {
    code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    api_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

impl CentralFailure {
    /// The failure as the cursor keeps it (a small JSON object): enough to word it again, in the till's
    /// language of the moment, with [`CentralFailure::from_kept`].
    pub fn kept(&self) -> String {
        let (status, api_code, url) = match self {
            CentralFailure::Central(CentralError::Unreachable { url, .. }) => {
                (None, None, Some(url.clone()))
            }
            CentralFailure::Central(CentralError::Refused { status, code, .. }) => {
                (Some(*status), Some(code.clone()), None)
            }
            CentralFailure::Central(CentralError::BadAnswer { status, .. }) => {
                (Some(*status), None, None)
            }
            _ => (None, None, None),
        };
        let kept = KeptFailure {
            code: self.code().to_owned(),
            status,
            api_code,
            url,
        };
        serde_json::to_string(&kept).unwrap_or_default()
    }

    /// A kept failure back, without its details; `None` for the till's own failures (a code of its
    /// storage) and for anything else, such as the plain text an earlier version kept.
    pub fn from_kept(text: &str) -> Option<CentralFailure> {
        let kept: KeptFailure = serde_json::from_str(text).ok()?;
        let central = |error| Some(CentralFailure::Central(error));
        match kept.code.as_str() {
            "central_not_enrolled" => Some(CentralFailure::NotEnrolled),
            "central_key_missing" => Some(CentralFailure::KeyMissing),
            "central_unreachable" => central(CentralError::Unreachable {
                url: kept.url.unwrap_or_default(),
                detail: String::new(),
            }),
            "central_refused" => central(CentralError::Refused {
                status: kept.status.unwrap_or_default(),
                code: kept.api_code.unwrap_or_default(),
                message: String::new(),
            }),
            "central_bad_answer" => central(CentralError::BadAnswer {
                status: kept.status.unwrap_or_default(),
                detail: String::new(),
            }),
            "central_url_invalid" => central(CentralError::InvalidUrl {
                detail: String::new(),
            }),
            _ => None,
        }
    }
}

impl From<till::secret_file::SecretStoreError> for CentralFailure {
    fn from(error: till::secret_file::SecretStoreError) -> Self {
        CentralFailure::Till(error.into())
    }
}

/// What the till knows of its link to Central: facts, for the views to word. Never the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentralState {
    pub link: Option<CentralLink>,
    pub cursor: CentralCursor,
    /// Audit entries after the acknowledged high water.
    pub pending_entries: i64,
    /// Z reports Central holds, and how many of them it verified.
    pub zs_sent: i64,
    pub zs_verified: i64,
}

/// Bounds of the calls made from the background: short, so nothing waits on Central for long.
pub fn background_http() -> HttpSettings {
    HttpSettings {
        connect_timeout: std::time::Duration::from_secs(3),
        total_timeout: std::time::Duration::from_secs(10),
        ..HttpSettings::default()
    }
}

/// Enrolls this till: a new key, its public half sent with the one-time `code` and the till's store
/// and till codes; on Central's yes, the link is saved in SQLite and the key in the secret store.
/// `plain_http_anywhere` allows `http://` beyond this machine (a test network, said explicitly).
pub async fn enroll(
    till: &Till,
    data_dir: &Path,
    codes: &TillRef,
    base_url: &str,
    code: &str,
    plain_http_anywhere: bool,
) -> Result<CentralState, CentralFailure> {
    let code = code.trim();
    if code.is_empty() {
        return Err(CentralFailure::NoCode);
    }
    let rule = if plain_http_anywhere {
        PlainHttp::Anywhere
    } else {
        PlainHttp::LoopbackOnly
    };
    let root = client::parse_base_url(base_url, rule)?;
    let key = TillSigningKey::generate();
    let request = EnrollRequest {
        code: code.to_owned(),
        store: codes.store.clone(),
        till: codes.till.clone(),
        public_key: key.public_key(),
        label: machine_label(),
    };
    let answer = client::enroll(&root, &request, HttpSettings::default()).await?;
    let folder = data_dir.to_owned();
    blocking::run(move || secrets::save_central_key(&folder, &key)).await?;
    let link = CentralLink {
        base_url: root.to_string().trim_end_matches('/').to_owned(),
        plain_http_anywhere,
        store: answer.store,
        till: answer.till,
        store_name: answer.store_name,
        enrolled_at: jiff::Timestamp::now(),
    };
    till.with_central_db(move |db| store::save_link(db, &link))
        .await?;
    tracing::info!(till = %codes, "enrolled in Caja Central");
    central_state(till).await
}

/// The link, the cursor and what is pending, as the till last heard from Central.
pub async fn central_state(till: &Till) -> Result<CentralState, CentralFailure> {
    Ok(till
        .with_central_db(|db| {
            let cursor = store::cursor(db)?;
            let link = store::link(db)?;
            let pending = match link {
                Some(_) => store::count_after(db, cursor.pushed_seq)?,
                None => 0,
            };
            let (zs_sent, zs_verified) = store::zs_sent(db)?;
            Ok(CentralState {
                link,
                cursor,
                pending_entries: pending,
                zs_sent,
                zs_verified,
            })
        })
        .await?)
}

/// The client of the enrolled till, from its link and its key; `NotEnrolled` without a link.
pub(crate) async fn open_client(
    till: &Till,
    data_dir: &Path,
    http: HttpSettings,
) -> Result<CentralClient, CentralFailure> {
    let link = till
        .with_central_db(|db| store::link(db))
        .await?
        .ok_or(CentralFailure::NotEnrolled)?;
    let folder = data_dir.to_owned();
    let key = blocking::run(move || secrets::load_central_key(&folder))
        .await?
        .ok_or(CentralFailure::KeyMissing)?;
    let rule = if link.plain_http_anywhere {
        PlainHttp::Anywhere
    } else {
        PlainHttp::LoopbackOnly
    };
    let root = client::parse_base_url(&link.base_url, rule)?;
    Ok(CentralClient::new(
        root,
        TillRef::new(link.store, link.till),
        key,
        http,
    )?)
}

/// A label for people in Central's list of tills: the machine's name when it has one.
fn machine_label() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|name| name.trim().to_owned())
        .unwrap_or_default()
}
