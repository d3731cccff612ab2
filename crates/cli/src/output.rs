//! How results reach the terminal: text in the chosen language for people, or exactly one JSON object on
//! stdout with `--json`. Errors go to stderr as text (stdout as JSON), with the exit code the kind of
//! failure calls for.

use desk::wording::cli as words;
use desk::{Explain, Lang};
use serde_json::{Value, json};
use till::error::OrderError;
use till::{Soles, TillError};

/// Everything a command can fail with, and the exit code each kind maps to.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Till(#[from] TillError),
    #[error("{message}")]
    Other {
        code: &'static str,
        message: String,
        /// The flag to fix, when the error is about one.
        field: Option<&'static str>,
    },
    /// The papers of a filed Z report (its PDF, its ticket) could not be made: the desk's error.
    #[error("{}", .0.message)]
    Paper(desk::views::ErrorView),
    /// A Caja Central call (`caja central …`).
    #[error("{0}")]
    Central(desk::central::CentralFailure),
    /// `caja sync` ran out of time with operations still open.
    #[error("{count} operations still have no outcome")]
    Unresolved { count: usize },
    /// An error and the step to take next, already worded (a lost register's voucher id): the code,
    /// the field and the exit code are the error's.
    #[error("{error}")]
    WithNext { error: Box<CliError>, next: String },
}

/// The desk's voucher views answer `CentralFailure`: the till's own errors keep their codes and exit
/// codes, Central's are Central's.
impl From<desk::central::CentralFailure> for CliError {
    fn from(failure: desk::central::CentralFailure) -> Self {
        match failure {
            desk::central::CentralFailure::Till(error) => CliError::Till(error),
            other => CliError::Central(other),
        }
    }
}

impl CliError {
    pub fn other(code: &'static str, message: impl Into<String>) -> Self {
        CliError::Other {
            code,
            message: message.into(),
            field: None,
        }
    }

    /// A flag that is needed and was not given (exit 2, nothing sent).
    pub fn missing(field: &'static str, message: impl Into<String>) -> Self {
        CliError::Other {
            code: "invalid_input",
            message: message.into(),
            field: Some(field),
        }
    }

    /// 2 bad input (nothing sent); 3 provider refused; 4 outcome unknown or provider unreachable;
    /// 1 anything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::WithNext { error, .. } => error.exit_code(),
            CliError::Till(error) if error.is_bad_input() => 2,
            // A Z report number that does not exist is a typing mistake, as a bad flag is.
            CliError::Till(TillError::NoSuchZReport { .. }) => 2,
            CliError::Till(TillError::Order(error)) => order_exit_code(error),
            CliError::Till(TillError::Voucher(error)) if error.is_bad_input() => 2,
            CliError::Till(TillError::Voucher(till::error::VoucherError::OutcomeUnknown {
                ..
            })) => 4,
            CliError::Till(TillError::Voucher(_)) => 3,
            CliError::Till(TillError::Aplazame(error)) if error.is_bad_input() => 2,
            CliError::Till(TillError::Aplazame(till::error::AplazameError::OutcomeUnknown {
                ..
            })) => 4,
            CliError::Till(TillError::Aplazame(_)) => 3,
            CliError::Other {
                code: "invalid_input",
                ..
            } => 2,
            CliError::Till(TillError::Refused { .. }) => 3,
            CliError::Till(
                TillError::OutcomeUnknown { .. }
                | TillError::Unavailable { .. }
                | TillError::OperationOpen { .. },
            )
            | CliError::Unresolved { .. } => 4,
            CliError::Central(error) => central_exit_code(error),
            CliError::Till(_) | CliError::Other { .. } | CliError::Paper(_) => 1,
        }
    }

    fn code(&self) -> &str {
        match self {
            CliError::Till(error) => error.code(),
            CliError::Other { code, .. } => code,
            CliError::Paper(view) => &view.code,
            CliError::Unresolved { .. } => "outbox_unresolved",
            CliError::Central(error) => error.code(),
            CliError::WithNext { error, .. } => error.code(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            CliError::Till(error) => error.message(lang),
            CliError::Other { message, .. } => message.clone(),
            CliError::Paper(view) => view.message.clone(),
            CliError::Unresolved { count } => words::still_unresolved(lang, *count),
            CliError::Central(error) => desk::wording::central::failure(lang, error),
            CliError::WithNext { error, next } => format!("{}\n{next}", error.message(lang)),
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            CliError::Till(error) => error.field(),
            CliError::Other { field, .. } => *field,
            CliError::Paper(view) => view.field.as_deref(),
            CliError::Unresolved { .. } => None,
            CliError::Central(error) => error.field(),
            CliError::WithNext { error, .. } => error.field(),
        }
    }
}

/// A Caja Central failure: not enrolled or a bad URL or code is bad input, 2 (nothing sent); Central's
/// refusal 3; Central unreachable or answering what is not Central 4.
fn central_exit_code(error: &desk::central::CentralFailure) -> u8 {
    use desk::central::CentralFailure as F;
    use providers::central::CentralError as E;
    match error {
        F::NotEnrolled | F::NoCode | F::Central(E::InvalidUrl { .. }) => 2,
        F::Central(E::Refused { .. }) => 3,
        F::Central(E::Unreachable { .. } | E::BadAnswer { .. }) => 4,
        F::KeyMissing | F::Till(_) => 1,
    }
}

/// A credit sale's error: a local refusal (nothing sent) is bad input, 2; the provider's refusal 3; an
/// unknown outcome, a call still open or aCuotaz unreachable 4.
fn order_exit_code(error: &OrderError) -> u8 {
    match error {
        OrderError::NotConfigured { .. }
        | OrderError::OutsideLimits { .. }
        | OrderError::NoSuchOrder { .. }
        | OrderError::NotCreated { .. }
        | OrderError::NotRefundable { .. }
        | OrderError::RefundAboveLeft { .. } => 2,
        OrderError::Refused { .. } | OrderError::IdTaken { .. } => 3,
        OrderError::LimitsUnavailable { .. }
        | OrderError::OperationOpen { .. }
        | OrderError::OutcomeUnknown { .. } => 4,
    }
}

pub struct Printer {
    pub json: bool,
    pub lang: Lang,
}

impl Printer {
    pub fn new(json: bool, lang: Lang) -> Self {
        Printer { json, lang }
    }

    /// Prints a success: `details` merged into `{"ok": true, "command": ..}` with `--json`, else `text`.
    pub fn success(&self, command: &str, details: Value, text: &str) {
        if self.json {
            let mut object = json!({ "ok": true, "command": command });
            if let (Some(target), Value::Object(extra)) = (object.as_object_mut(), details) {
                target.extend(extra);
            }
            emit(&object.to_string());
        } else {
            emit(text.trim_end());
        }
    }

    /// Prints a failure and returns its exit code.
    pub fn failure(&self, command: &str, error: &CliError) -> u8 {
        let exit_code = error.exit_code();
        let message = error.message(self.lang);
        if self.json {
            let object = json!({
                "ok": false,
                "command": command,
                "exit_code": exit_code,
                "error": { "code": error.code(), "message": message, "field": error.field() },
            });
            emit(&object.to_string());
        } else {
            let label = words::error_prefix(self.lang);
            eprintln!("{label}: {message}");
        }
        exit_code
    }
}

/// Writes one line to stdout. A closed pipe (`caja summary | head`) is the reader's choice, not an
/// error worth a panic, so write failures are ignored.
fn emit(line: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
}

/// An amount for JSON: exact decimal text (`"1234.50"`), never a float a script could sum wrongly.
pub fn amount(soles: Soles) -> Value {
    Value::String(format!("{:.2}", soles.to_decimal()))
}

/// An amount of the tender and shift answers, as the desktop's views carry it: integer céntimos to
/// compute with and the store's text to show, `{"centimos": 2002, "text": "S/ 20.02"}`.
pub fn money(soles: Soles) -> Value {
    json!({ "centimos": soles.centimos(), "text": soles.to_string() })
}
