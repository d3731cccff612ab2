//! The doctor: what IT asks of a till before blaming the network or the cashier. Each check reads,
//! never changes anything (no payment, no print, no write outside a probe file it removes): the
//! provider reached and the token accepted through one harmless read (and aPagos' when transfers are
//! set up), the clock against the time the
//! provider's (or Central's) answer carries, the database and its audit chain, the free disk, the
//! backups, the printers, the secret store, Central, and the operations still open. Each ends in an
//! [`Outcome`]: a status and a [`Finding`], facts only; `wording::doctor` says them and the fix, and
//! `views::doctor` shapes them for the CLI and the desktop. The support bundle is [`bundle`].

pub mod bundle;
mod local;
mod printer;
mod remote;
mod transfers;

use std::path::PathBuf;

pub use crate::diagnosis::{CheckName, CheckStatus, Finding, Outcome, ProviderName, TimeSource};
use crate::workstation::Workstation;
use jiff::Timestamp;
use till::error::TillError;
pub use transfers::transfers;

/// What the doctor is told about backups: the folder they go to and when the newest was made, both
/// unknown until backups are configured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackupFacts {
    pub folder: Option<PathBuf>,
    pub newest: Option<Timestamp>,
}

/// Every check, on an open till. `token_from_environment` says the provider token came from
/// `CAJA_TOKEN` (the secret store is then not where it is read from).
pub async fn examine(
    ws: &Workstation,
    token_from_environment: Option<&str>,
    backup: &BackupFacts,
) -> Vec<Outcome> {
    let (provider, date) = remote::provider(ws, token_from_environment).await;
    let central = remote::central(ws).await;
    let clock = remote::clock(date, &central.1).await;
    let mut outcomes = vec![provider];
    outcomes.extend(transfers(&ws.till).await);
    outcomes.push(clock);
    outcomes.extend(local::database(ws).await);
    outcomes.push(local::disk(&ws.data_dir));
    outcomes.push(local::backup_of(ws.settings.mode, backup));
    let printers = (
        ws.settings.thermal_printer.clone(),
        ws.settings.printer.clone(),
    );
    outcomes.push(printer::check(printers.0, printers.1).await);
    outcomes.push(local::secret_store(ws, token_from_environment).await);
    outcomes.push(central.0);
    outcomes.push(local::pending(ws).await);
    outcomes
}

/// What can still be said when the till does not open: why, under the check it belongs to (no
/// token: the secret store; a bad URL: the provider; anything else: the database), and the disk.
pub fn unopened(data_dir: &std::path::Path, error: TillError) -> Vec<Outcome> {
    let check = match &error {
        TillError::MissingToken { .. } => CheckName::SecretStore,
        TillError::InvalidInput {
            field: "api_url", ..
        } => CheckName::Provider,
        _ => CheckName::Database,
    };
    vec![
        Outcome::new(check, CheckStatus::Fail, Finding::TillUnopened { error }),
        local::disk(data_dir),
    ]
}

/// The worst status, as the exit code: 0 all ok, 1 warnings, 2 failures.
pub fn exit_code(outcomes: &[Outcome]) -> u8 {
    match outcomes.iter().map(|outcome| outcome.status).max() {
        Some(CheckStatus::Fail) => 2,
        Some(CheckStatus::Warn) => 1,
        _ => 0,
    }
}
