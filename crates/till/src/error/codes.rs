//! Every code [`TillError::code`] can give, as one list. The fronts match on these codes (the desktop UI
//! picks a title and decides whether an outcome is unknown by them; desk renders them as the UI's
//! `ErrorCode` type), so the list must say exactly what `code()` says: the test below builds an error of
//! every variant, and of every provider answer and database problem that picks a code of its own, and
//! checks both directions.

/// What [`TillError::code`] answers, each once, in the order `code()` names them.
pub const ERROR_CODES: &[&str] = &[
    "invalid_input",
    "token_refused",
    "funding_code_not_found",
    "provider_field_error",
    "not_billed_yet",
    "insecure_redirect",
    "too_many_redirects",
    "provider_refused",
    "provider_unreachable",
    "provider_timeout",
    "outcome_unknown",
    "summary_unavailable",
    "provider_not_offered",
    "missing_token",
    "operation_open",
    "sign_in_required",
    "session_idle",
    "person_disabled",
    "wrong_pin",
    "person_locked",
    "person_unknown",
    "person_exists",
    "last_supervisor",
    "not_supervisor",
    "first_supervisor_exists",
    "approval_required",
    "settings_unconfirmed",
    "pin",
    "sandbox",
    "secret_store",
    "token_file_too_open",
    "no_shift_open",
    "shift_already_open",
    "unknown_operations",
    "not_counted",
    "no_such_z_report",
    "newer_database",
    "database_locked",
    "database_read_only",
    "database_damaged",
    "storage",
    "orders_not_configured",
    "amount_outside_limits",
    "limits_unavailable",
    "no_such_order",
    "order_not_created",
    "order_operation_open",
    "order_refused",
    "order_outcome_unknown",
    "order_not_refundable",
    "refund_above_left",
    "order_id_taken",
    "vouchers_not_configured",
    "no_such_voucher",
    "unknown_bank_account",
    "invalid_voucher_field",
    "voucher_refused",
    "voucher_outcome_unknown",
    "voucher_not_registered",
    "voucher_not_unknown",
    "voucher_not_ours",
    "voucher_status_changed",
    "transfer_not_usable",
    "voucher_no_decision_pending",
    "aplazame_not_configured",
    "no_such_checkout",
    "invalid_cart",
    "invalid_checkout_line",
    "invalid_checkout_field",
    "checkout_not_financed",
    "checkout_refused",
    "checkout_outcome_unknown",
    "checkout_not_created",
    "checkout_not_unknown",
    "checkout_not_ours",
    "checkout_mismatch",
    "checkout_no_decision_pending",
    "checkout_already_decided",
    "io",
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    use providers::http::ApiError;
    use rusqlite::ffi;

    use super::ERROR_CODES;
    use crate::error::{InputProblem, TillError};
    use crate::mode::Mode;
    use crate::operation::OperationKind;

    /// One of each provider error: `code()` words some of them apart.
    fn api_errors() -> Vec<ApiError> {
        let text = || "x".to_owned();
        let errors = vec![
            ApiError::Unauthorized { message: text() },
            ApiError::NotFound { message: text() },
            ApiError::InvalidFields {
                fields: [("dni".to_owned(), text())].into(),
            },
            ApiError::NotBilledYet { message: text() },
            ApiError::Refused {
                status: 409,
                message: text(),
            },
            ApiError::InsecureRedirect {
                status: 302,
                to: text(),
            },
            ApiError::TooManyRedirects { limit: 5 },
            ApiError::ServerError {
                status: 500,
                snippet: text(),
            },
            ApiError::Timeout { seconds: 10 },
            ApiError::Unreachable { detail: text() },
            ApiError::Transport { detail: text() },
            ApiError::BodyTooLarge { limit: 1 },
            ApiError::UnexpectedBody {
                status: 200,
                detail: text(),
            },
            ApiError::UnverifiedAnswer {
                status: 200,
                detail: text(),
            },
            ApiError::InvalidUrl { detail: text() },
        ];
        // No `_` arm: a new provider error stops this compiling until it is named here, beside the
        // samples above that it needs one in.
        for error in &errors {
            match error {
                ApiError::Unauthorized { .. }
                | ApiError::NotFound { .. }
                | ApiError::InvalidFields { .. }
                | ApiError::NotBilledYet { .. }
                | ApiError::Refused { .. }
                | ApiError::InsecureRedirect { .. }
                | ApiError::TooManyRedirects { .. }
                | ApiError::ServerError { .. }
                | ApiError::Timeout { .. }
                | ApiError::Unreachable { .. }
                | ApiError::Transport { .. }
                | ApiError::BodyTooLarge { .. }
                | ApiError::UnexpectedBody { .. }
                | ApiError::UnverifiedAnswer { .. }
                | ApiError::InvalidUrl { .. } => {}
            }
        }
        errors
    }

    /// One SQLite error of each [`crate::error::DatabaseProblem`].
    fn sqlite_errors() -> Vec<rusqlite::Error> {
        let failure = |code| rusqlite::Error::SqliteFailure(ffi::Error::new(code), None);
        vec![
            failure(ffi::SQLITE_BUSY),
            failure(ffi::SQLITE_READONLY),
            failure(ffi::SQLITE_NOTADB),
            rusqlite::Error::InvalidQuery,
        ]
    }

    /// An error of every variant, with every cause that picks a code of its own.
    fn one_of_each() -> Vec<TillError> {
        let name = || "Ana".to_owned();
        let detail = || "x".to_owned();
        let path = || PathBuf::from("/x");
        let mut errors = vec![
            TillError::invalid("dni", "1", InputProblem::DniLength),
            TillError::Unavailable {
                day: jiff::civil::date(2025, 1, 2),
                cause: ApiError::Timeout { seconds: 1 },
            },
            TillError::NotOffered {
                provider: crate::offers::Provider::Acuotaz,
                country: crate::offers::Country::Spain,
            },
            TillError::MissingToken { mode: Mode::Live },
            TillError::OperationOpen {
                funding_code: detail(),
                id: 1,
                kind: OperationKind::PaidAndBilled,
            },
            TillError::SignInRequired { no_people: false },
            TillError::SessionIdle {
                name: name(),
                minutes: 5,
            },
            TillError::PersonDisabled { name: name() },
            TillError::WrongPin {
                name: name(),
                remaining: 2,
            },
            TillError::PersonLocked {
                name: name(),
                until: jiff::Timestamp::UNIX_EPOCH,
            },
            TillError::PersonUnknown { name: name() },
            TillError::PersonExists { name: name() },
            TillError::LastSupervisor { name: name() },
            TillError::NotSupervisor { name: name() },
            TillError::FirstSupervisorExists,
            TillError::ApprovalRequired {
                what: "undo",
                no_people: false,
            },
            TillError::SettingsUnconfirmed,
            TillError::Pin { detail: detail() },
            TillError::Sandbox { detail: detail() },
            TillError::SecretStore { detail: detail() },
            TillError::TokenFileTooOpen {
                path: path(),
                mode: 0o644,
            },
            TillError::NoShiftOpen,
            TillError::ShiftAlreadyOpen {
                id: 1,
                opened_by: None,
            },
            TillError::UnknownOperations { ids: vec![1] },
            TillError::NotCounted,
            TillError::NoSuchZReport { number: 1 },
            TillError::NewerDatabase { found: 9, known: 1 },
            TillError::Migration(rusqlite_migration::Error::InvalidUserVersion),
        ];
        errors.extend(
            crate::error::OrderError::samples()
                .into_iter()
                .map(TillError::Order),
        );
        errors.extend(
            crate::error::VoucherError::samples()
                .into_iter()
                .map(TillError::Voucher),
        );
        errors.extend(
            crate::error::AplazameError::samples()
                .into_iter()
                .map(TillError::Aplazame),
        );
        errors.extend([TillError::Io {
            path: path(),
            source: std::io::Error::other("x"),
        }]);
        for cause in api_errors() {
            errors.push(TillError::Refused {
                operation: Some(OperationKind::PaidAndBilled),
                cause: cause.clone(),
            });
            errors.push(TillError::OutcomeUnknown {
                operation: None,
                cause,
            });
        }
        for source in sqlite_errors() {
            errors.push(TillError::Storage {
                context: "read",
                source,
            });
        }
        errors.push(
            TillError::Storage {
                context: "read",
                source: rusqlite::Error::InvalidQuery,
            }
            .in_file(&path()),
        );
        // No `_` arm: a new variant stops this compiling until it is named here, beside the samples
        // above that it needs one in.
        for error in &errors {
            match error {
                TillError::InvalidInput { .. }
                | TillError::Refused { .. }
                | TillError::OutcomeUnknown { .. }
                | TillError::Unavailable { .. }
                | TillError::NotOffered { .. }
                | TillError::MissingToken { .. }
                | TillError::OperationOpen { .. }
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
                | TillError::Pin { .. }
                | TillError::Sandbox { .. }
                | TillError::SecretStore { .. }
                | TillError::TokenFileTooOpen { .. }
                | TillError::NoShiftOpen
                | TillError::ShiftAlreadyOpen { .. }
                | TillError::UnknownOperations { .. }
                | TillError::NotCounted
                | TillError::NoSuchZReport { .. }
                | TillError::NewerDatabase { .. }
                | TillError::Storage { .. }
                | TillError::DatabaseFile { .. }
                | TillError::Migration(_)
                | TillError::Order(_)
                | TillError::Voucher(_)
                | TillError::Aplazame(_)
                | TillError::Io { .. } => {}
            }
        }
        errors
    }

    #[test]
    fn every_code_is_listed_and_every_listed_code_is_given() {
        let given: BTreeSet<&str> = one_of_each().iter().map(TillError::code).collect();
        let listed: BTreeSet<&str> = ERROR_CODES.iter().copied().collect();
        let unlisted: Vec<_> = given.difference(&listed).collect();
        let never_given: Vec<_> = listed.difference(&given).collect();
        assert!(
            unlisted.is_empty(),
            "codes missing from ERROR_CODES: {unlisted:?}"
        );
        assert!(
            never_given.is_empty(),
            "ERROR_CODES lists codes no error gives: {never_given:?}"
        );
        assert_eq!(listed.len(), ERROR_CODES.len(), "a code is listed twice");
    }
}
