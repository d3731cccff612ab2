//! The till's one error type. Each variant carries a stable `code` for machines (the CLI's `--json`, the
//! desktop bridge) and the facts (field, value, provider answer); the desk's wording turns those facts
//! into a message in the cashier's language that says what happened and what to do. `Display` here is a
//! short English line for logs, never shown to a cashier, and never carries a typed value (it could be
//! a PIN).

use std::path::PathBuf;

use jiff::civil::Date;
use providers::http::ApiError;

use crate::mode::Mode;
use crate::offers::{Country, Provider};
use crate::operation::OperationKind;
use crate::secret_file::SecretStoreError;

mod aplazame;
mod codes;
mod input;
mod orders;
mod vouchers;

pub use aplazame::{APLAZAME_ERROR_CODES, AplazameError};
pub use codes::ERROR_CODES;
pub use input::{InputProblem, UrlProblem};
pub use orders::{ORDER_ERROR_CODES, OrderAction, OrderError, OrderRefusal};
pub use vouchers::{TransferBlock, VOUCHER_ERROR_CODES, VoucherError};

/// What is wrong with the database file, told apart because each needs a different remedy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseProblem {
    /// Another program (or another Caja) holds the write lock past the busy timeout.
    Locked,
    /// The file or its folder cannot be written by this user, or the disk is full.
    ReadOnly,
    /// The file is not an SQLite database, or its pages are damaged.
    Damaged,
    Other,
}

impl DatabaseProblem {
    pub fn of(error: &rusqlite::Error) -> DatabaseProblem {
        use rusqlite::ErrorCode;
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => DatabaseProblem::Locked,
            Some(
                ErrorCode::ReadOnly
                | ErrorCode::CannotOpen
                | ErrorCode::PermissionDenied
                | ErrorCode::DiskFull,
            ) => DatabaseProblem::ReadOnly,
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => DatabaseProblem::Damaged,
            _ => DatabaseProblem::Other,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            DatabaseProblem::Locked => "database_locked",
            DatabaseProblem::ReadOnly => "database_read_only",
            DatabaseProblem::Damaged => "database_damaged",
            DatabaseProblem::Other => "storage",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TillError {
    /// Bad input caught before anything was sent.
    #[error("invalid input in {field}: {problem:?}")]
    InvalidInput {
        field: &'static str,
        value: String,
        problem: InputProblem,
    },
    /// The provider answered and refused; nothing changed there.
    #[error("the provider refused: {cause}")]
    Refused {
        operation: Option<OperationKind>,
        #[source]
        cause: ApiError,
    },
    /// The provider could not be reached, or its answer was lost or unreadable: the outcome is unknown.
    #[error("the outcome is unknown: {cause}")]
    OutcomeUnknown {
        operation: Option<OperationKind>,
        #[source]
        cause: ApiError,
    },
    /// The day summary could not be fetched and no copy of that day is cached.
    #[error("the day summary of {day} is unavailable and not cached: {cause}")]
    Unavailable {
        day: Date,
        #[source]
        cause: ApiError,
    },
    /// The store's country does not offer this provider: refused before anything was journaled or sent.
    #[error("{provider:?} is not offered in {country}")]
    NotOffered {
        provider: Provider,
        country: Country,
    },
    #[error("no provider token for {mode} mode")]
    MissingToken { mode: Mode },
    /// Another pay or undo on this funding code is in flight or has an unknown outcome: at most one at
    /// a time per code.
    #[error("operation #{id} ({kind}) is still open")]
    OperationOpen {
        funding_code: String,
        id: i64,
        kind: OperationKind,
    },
    /// Nobody is signed in and the operation needs someone (`no_people`: not even a first supervisor).
    #[error("sign-in required")]
    SignInRequired { no_people: bool },
    /// The signed-in person did nothing for the idle lock's minutes: the session was closed.
    #[error("the session was idle for {minutes} minutes")]
    SessionIdle { name: String, minutes: u32 },
    /// The signed-in person was turned off (here or by another window or process): signed out.
    #[error("the person was disabled")]
    PersonDisabled { name: String },
    #[error("wrong PIN ({remaining} attempts left)")]
    WrongPin { name: String, remaining: u32 },
    #[error("the person is locked until {until}")]
    PersonLocked {
        name: String,
        until: jiff::Timestamp,
    },
    /// No active person of that name.
    #[error("no such active person")]
    PersonUnknown { name: String },
    #[error("the person already exists")]
    PersonExists { name: String },
    #[error("the last active supervisor cannot be disabled")]
    LastSupervisor { name: String },
    #[error("not a supervisor")]
    NotSupervisor { name: String },
    #[error("the first supervisor already exists")]
    FirstSupervisorExists,
    /// `what` needs a supervisor's PIN and a reason.
    #[error("{what} needs a supervisor's approval")]
    ApprovalRequired { what: &'static str, no_people: bool },
    /// `settings.json` was changed outside Caja; in live mode nothing is done until a supervisor
    /// confirms the settings.
    #[error("settings.json was edited outside Caja and awaits a supervisor")]
    SettingsUnconfirmed,
    /// The PIN could not be hashed (the system's random source failed).
    #[error("the PIN could not be hashed: {detail}")]
    Pin { detail: String },
    /// The embedded simulator could not start (its port taken, its state file unreadable).
    #[error("the embedded sandbox could not start: {detail}")]
    Sandbox { detail: String },
    /// The system secret store refused to keep the token.
    #[error("the secret store failed: {detail}")]
    SecretStore { detail: String },
    /// The token's fallback file may be read by other users: it is not used until `chmod 600`.
    #[error("{} is readable by others (mode {mode:04o})", path.display())]
    TokenFileTooOpen { path: PathBuf, mode: u32 },
    /// Money operations need an open shift (turno); none is open in this mode.
    #[error("no shift is open")]
    NoShiftOpen,
    /// A shift is already open in this mode: one at a time per till.
    #[error("shift #{id} is already open")]
    ShiftAlreadyOpen { id: i64, opened_by: Option<String> },
    /// The shift cannot be closed while operations have an unknown outcome: resolve them first.
    #[error("{} operations have an unknown outcome", ids.len())]
    UnknownOperations { ids: Vec<i64> },
    /// Closing needs the blind count first.
    #[error("the closing count is missing")]
    NotCounted,
    /// No Z report with that number in this mode.
    #[error("no Z report number {number}")]
    NoSuchZReport { number: i64 },
    #[error("the database has schema {found}, newer than {known}")]
    NewerDatabase { found: i64, known: usize },
    #[error("storage error while trying to {context}: {source}")]
    Storage {
        context: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    /// A storage error while opening the database: the same facts, and which file it is.
    #[error("storage error in {} while trying to {context}: {source}", path.display())]
    DatabaseFile {
        path: PathBuf,
        context: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error("the database could not be migrated: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A credit sale's own refusal (aCuotaz orders).
    #[error(transparent)]
    Order(#[from] OrderError),
    /// A bank-transfer voucher's own refusal (aPagos).
    #[error(transparent)]
    Voucher(#[from] VoucherError),
    /// An Aplazame checkout's own refusal.
    #[error(transparent)]
    Aplazame(#[from] AplazameError),
    #[error("cannot use {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl TillError {
    /// Stable identifier of the error kind, for machines.
    pub fn code(&self) -> &'static str {
        match self {
            TillError::InvalidInput { .. } => "invalid_input",
            TillError::Refused { cause, .. } => match cause {
                ApiError::Unauthorized { .. } => "token_refused",
                ApiError::NotFound { .. } => "funding_code_not_found",
                ApiError::InvalidFields { .. } => "provider_field_error",
                ApiError::NotBilledYet { .. } => "not_billed_yet",
                ApiError::InsecureRedirect { .. } => "insecure_redirect",
                ApiError::TooManyRedirects { .. } => "too_many_redirects",
                _ => "provider_refused",
            },
            TillError::OutcomeUnknown { cause, .. } => match cause {
                ApiError::Unreachable { .. } => "provider_unreachable",
                ApiError::Timeout { .. } => "provider_timeout",
                _ => "outcome_unknown",
            },
            TillError::Unavailable { .. } => "summary_unavailable",
            TillError::NotOffered { .. } => "provider_not_offered",
            TillError::MissingToken { .. } => "missing_token",
            TillError::OperationOpen { .. } => "operation_open",
            TillError::SignInRequired { .. } => "sign_in_required",
            TillError::SessionIdle { .. } => "session_idle",
            TillError::PersonDisabled { .. } => "person_disabled",
            TillError::WrongPin { .. } => "wrong_pin",
            TillError::PersonLocked { .. } => "person_locked",
            TillError::PersonUnknown { .. } => "person_unknown",
            TillError::PersonExists { .. } => "person_exists",
            TillError::LastSupervisor { .. } => "last_supervisor",
            TillError::NotSupervisor { .. } => "not_supervisor",
            TillError::FirstSupervisorExists => "first_supervisor_exists",
            TillError::ApprovalRequired { .. } => "approval_required",
            TillError::SettingsUnconfirmed => "settings_unconfirmed",
            TillError::Pin { .. } => "pin",
            TillError::Sandbox { .. } => "sandbox",
            TillError::SecretStore { .. } => "secret_store",
            TillError::TokenFileTooOpen { .. } => "token_file_too_open",
            TillError::NoShiftOpen => "no_shift_open",
            TillError::ShiftAlreadyOpen { .. } => "shift_already_open",
            TillError::UnknownOperations { .. } => "unknown_operations",
            TillError::NotCounted => "not_counted",
            TillError::NoSuchZReport { .. } => "no_such_z_report",
            TillError::NewerDatabase { .. } => "newer_database",
            TillError::Storage { source, .. } | TillError::DatabaseFile { source, .. } => {
                DatabaseProblem::of(source).code()
            }
            TillError::Migration(_) => "storage",
            TillError::Order(error) => error.code(),
            TillError::Voucher(error) => error.code(),
            TillError::Aplazame(error) => error.code(),
            TillError::Io { .. } => "io",
        }
    }

    /// Refused here before anything was sent, because of what was typed or who typed it (a bad value, a
    /// missing token, sign-in or approval, a wrong PIN): the person can fix it and try again.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            TillError::InvalidInput { .. }
                | TillError::NotOffered { .. }
                | TillError::MissingToken { .. }
                | TillError::SignInRequired { .. }
                | TillError::SessionIdle { .. }
                | TillError::PersonDisabled { .. }
                | TillError::WrongPin { .. }
                | TillError::PersonLocked { .. }
                | TillError::PersonUnknown { .. }
                | TillError::PersonExists { .. }
                | TillError::LastSupervisor { .. }
                | TillError::NotSupervisor { .. }
                | TillError::FirstSupervisorExists
                | TillError::ApprovalRequired { .. }
                | TillError::SettingsUnconfirmed
                | TillError::NoShiftOpen
                | TillError::ShiftAlreadyOpen { .. }
                | TillError::UnknownOperations { .. }
                | TillError::NotCounted
        )
    }

    /// The field the error is about, when it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            TillError::InvalidInput { field, .. } => Some(field),
            TillError::Order(error) => error.field(),
            TillError::Voucher(error) => error.field(),
            TillError::Aplazame(error) => error.field(),
            TillError::Refused {
                cause: ApiError::InvalidFields { fields },
                ..
            } => fields.keys().next().map(String::as_str),
            _ => None,
        }
    }

    pub fn invalid(field: &'static str, value: &str, problem: InputProblem) -> TillError {
        TillError::InvalidInput {
            field,
            value: value.trim().to_owned(),
            problem,
        }
    }

    pub fn storage(context: &'static str) -> impl FnOnce(rusqlite::Error) -> TillError {
        move |source| TillError::Storage { context, source }
    }

    /// Names the database file in a storage error raised while opening it.
    pub fn in_file(self, path: &std::path::Path) -> TillError {
        match self {
            TillError::Storage { context, source } => TillError::DatabaseFile {
                path: path.to_owned(),
                context,
                source,
            },
            TillError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                TillError::DatabaseFile {
                    path: path.to_owned(),
                    context: "prepare the database",
                    source: err,
                }
            }
            other => other,
        }
    }
}

impl From<SecretStoreError> for TillError {
    fn from(error: SecretStoreError) -> Self {
        match error {
            SecretStoreError::Store(detail) => TillError::SecretStore { detail },
            SecretStoreError::FileTooOpen { path, mode } => {
                TillError::TokenFileTooOpen { path, mode }
            }
            SecretStoreError::File { path, source } => TillError::Io { path, source },
        }
    }
}
