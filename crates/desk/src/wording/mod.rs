//! The cashier's words: every error the till can raise, said in Spanish (the default) or English, with
//! what happened and what to do next, and the names of operations and their states. Errors carry facts;
//! only this module turns them into sentences. The CLI, the desktop and the PDF all read them here:
//! the desktop's screens their labels from [`screens`] (rendered to the UI's `words.ts`), the `caja`
//! command its messages from [`cli`], the PDF its words from [`report`].

pub mod aplazame;
mod audit;
pub mod backups;
pub mod central;
pub mod cli;
pub mod country;
mod database;
pub mod doctor;
pub mod financing;
mod input;
pub mod orders;
mod people;
mod provider;
pub mod receipt;
pub mod report;
pub mod screens;
mod secrets;
pub mod shift;
pub mod transfers;
pub mod updates;
pub mod vouchers;

pub use audit::audit_finding;
pub use provider::api_error;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use till::PaymentOrigin;
use till::error::TillError;
use till::journal::{OperationKind, OperationState};

pub use secrets::token_store_notice;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Es,
    En,
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "es" | "es-pe" => Ok(Lang::Es),
            "en" | "en-us" | "en-gb" => Ok(Lang::En),
            other => Err(format!("unknown language «{other}»: use es or en")),
        }
    }
}

/// Picks the Spanish or the English text.
fn say(lang: Lang, es: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Es => es.into(),
        Lang::En => en.into(),
    }
}

/// A till error said to a person: `error.message(lang)`.
pub trait Explain {
    fn message(&self, lang: Lang) -> String;
}

impl Explain for TillError {
    fn message(&self, lang: Lang) -> String {
        till_error(lang, self)
    }
}

/// The name of an operation, of its state or of how a down payment reached the store, as the screens,
/// the CLI, the printed report and the CSV all say it.
pub trait Label: Copy {
    fn label(self, lang: Lang) -> &'static str;

    fn label_es(self) -> &'static str {
        self.label(Lang::Es)
    }
}

impl Label for OperationKind {
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (OperationKind::Check, Lang::Es) => "Consulta",
            (OperationKind::PaidAndBilled, Lang::Es) => "Pagado y facturado",
            (OperationKind::UndoBilling, Lang::Es) => "Anular facturación",
            (OperationKind::Check, Lang::En) => "Check",
            (OperationKind::PaidAndBilled, Lang::En) => "Paid and billed",
            (OperationKind::UndoBilling, Lang::En) => "Undo billing",
        }
    }
}

impl Label for OperationState {
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (OperationState::Pending, Lang::Es) => "en curso",
            (OperationState::Confirmed, Lang::Es) => "confirmada",
            (OperationState::Rejected, Lang::Es) => "rechazada",
            (OperationState::Unknown, Lang::Es) => "resultado desconocido",
            (OperationState::Pending, Lang::En) => "in progress",
            (OperationState::Confirmed, Lang::En) => "confirmed",
            (OperationState::Rejected, Lang::En) => "rejected",
            (OperationState::Unknown, Lang::En) => "outcome unknown",
        }
    }
}

impl Label for PaymentOrigin {
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PaymentOrigin::Transfer, Lang::Es) => "Transferencia",
            (PaymentOrigin::Card, Lang::Es) => "Tarjeta",
            (PaymentOrigin::External, Lang::Es) => "En tienda",
            (PaymentOrigin::Transfer, Lang::En) => "Transfer",
            (PaymentOrigin::Card, Lang::En) => "Card",
            (PaymentOrigin::External, Lang::En) => "In store",
        }
    }
}

/// How a provider URL left to the mode's default is written: in `caja settings show`, and in the audit
/// record of a settings change.
pub fn default_api_url(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => "(predeterminada)",
        Lang::En => "(default)",
    }
}

pub fn till_error(lang: Lang, error: &TillError) -> String {
    match error {
        TillError::InvalidInput {
            field,
            value,
            problem,
        } => input::input_problem(lang, field, value, *problem),
        TillError::Refused { operation, cause }
        | TillError::OutcomeUnknown { operation, cause } => api_error(lang, *operation, cause),
        TillError::Unavailable { day, cause } => say(
            lang,
            format!(
                "{} Tampoco hay una copia guardada del {day}: reintente cuando vuelva la conexión.",
                api_error(lang, None, cause)
            ),
            format!(
                "{} There is no saved copy of {day} either: try again when the connection is back.",
                api_error(lang, None, cause)
            ),
        ),
        TillError::NotOffered { provider, country } => {
            country::not_offered(lang, *provider, *country)
        }
        TillError::MissingToken { mode } => say(
            lang,
            format!(
                "Falta el token del proveedor para el modo {mode}: defínalo en la variable CAJA_TOKEN \
                 o guárdelo con «caja token set»."
            ),
            format!(
                "The provider token for {mode} mode is missing: set CAJA_TOKEN or store it with \
                 «caja token set»."
            ),
        ),
        TillError::OperationOpen {
            funding_code,
            id,
            kind,
        } => say(
            lang,
            format!(
                "La operación n.° {id} («{}») del código {funding_code} todavía no tiene resultado: \
                 Caja la está verificando con aCuotaz. No entregue el producto ni repita la operación; \
                 vuelva a consultar en unos segundos.",
                kind.label(Lang::Es)
            ),
            format!(
                "Operation #{id} («{}») on code {funding_code} has no outcome yet: Caja is checking it \
                 with aCuotaz. Do not hand over the product or repeat the operation; check again in a \
                 few seconds.",
                kind.label(Lang::En)
            ),
        ),
        TillError::Sandbox { detail } => say(
            lang,
            format!("No se pudo iniciar el simulador de aCuotaz (sandbox): {detail}."),
            format!("The aCuotaz simulator (sandbox) could not start: {detail}."),
        ),
        TillError::SecretStore { detail } => say(
            lang,
            format!(
                "El almacén de secretos del sistema no guardó el token ({detail}). Inicie sesión en el \
                 escritorio con el llavero desbloqueado, o defina CAJA_TOKEN."
            ),
            format!(
                "The system secret store did not keep the token ({detail}). Log in to a desktop session \
                 with the keyring unlocked, or set CAJA_TOKEN."
            ),
        ),
        TillError::TokenFileTooOpen { path, mode } => {
            secrets::token_file_too_open(lang, path, *mode)
        }
        TillError::NoShiftOpen
        | TillError::ShiftAlreadyOpen { .. }
        | TillError::UnknownOperations { .. }
        | TillError::NotCounted
        | TillError::NoSuchZReport { .. } => shift::error(lang, error),
        TillError::NewerDatabase { found, known } => say(
            lang,
            format!(
                "La base de datos es de una versión más nueva de Caja (esquema {found}; esta versión \
                 conoce hasta {known}). Actualice Caja; no se modificó nada."
            ),
            format!(
                "The database was written by a newer Caja (schema {found}; this version knows up to \
                 {known}). Update Caja; nothing was changed."
            ),
        ),
        TillError::SignInRequired { .. }
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
        | TillError::Pin { .. } => people::words(lang, error),
        TillError::Storage { context, source } => database::storage(lang, context, source, None),
        TillError::DatabaseFile {
            path,
            context,
            source,
        } => database::storage(lang, context, source, Some(path)),
        TillError::SettingsUnconfirmed => say(
            lang,
            "Los ajustes de esta caja (settings.json) se cambiaron fuera de Caja. En modo real Caja no \
             hace ninguna operación hasta que un supervisor los revise y los confirme: Ajustes → Guardar \
             con su PIN, o `caja settings set --reason …`. No se envió nada.",
            "This till's settings (settings.json) were changed outside Caja. In live mode Caja does \
             nothing until a supervisor reviews and confirms them: Ajustes → Save with their PIN, or \
             `caja settings set --reason …`. Nothing was sent.",
        ),
        TillError::Migration(source) => say(
            lang,
            format!("La base de datos local no se puede preparar: {source}. Avise a sistemas."),
            format!("The local database cannot be prepared: {source}. Tell IT."),
        ),
        TillError::Order(error) => orders::error(lang, error),
        TillError::Voucher(error) => vouchers::error(lang, error),
        TillError::Aplazame(error) => aplazame::error(lang, error),
        TillError::Io { path, source } => say(
            lang,
            format!(
                "No se puede usar {}: {source}. Revise los permisos o elija otra carpeta con --data-dir.",
                path.display()
            ),
            format!(
                "Cannot use {}: {source}. Check its permissions or choose another folder with --data-dir.",
                path.display()
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use providers::http::ApiError;
    use till::error::InputProblem;

    #[test]
    fn every_input_problem_names_its_field_in_both_languages() {
        let error = TillError::invalid("funding_code", "12a", InputProblem::NotDigits);
        assert!(error.message(Lang::Es).contains("código de financiamiento"));
        assert!(error.message(Lang::En).contains("funding code"));
    }

    #[test]
    fn unknown_outcome_of_a_payment_says_not_to_hand_over() {
        let error = TillError::OutcomeUnknown {
            operation: Some(OperationKind::PaidAndBilled),
            cause: ApiError::Timeout { seconds: 20 },
        };
        assert!(error.message(Lang::Es).contains("NO entregue"));
        assert!(error.message(Lang::En).contains("do NOT hand over"));
        assert_eq!(error.code(), "provider_timeout");
    }

    #[test]
    fn a_refused_redirect_names_the_target_and_says_nothing_was_done() {
        let error = TillError::Refused {
            operation: Some(OperationKind::PaidAndBilled),
            cause: ApiError::InsecureRedirect {
                status: 302,
                to: "http://10.255.255.1".into(),
            },
        };
        assert_eq!(error.code(), "insecure_redirect");
        let spanish = error.message(Lang::Es);
        assert!(
            spanish.contains("sin cifrar (http://10.255.255.1)"),
            "{spanish}"
        );
        assert!(
            spanish.contains("no se hizo ninguna operación"),
            "{spanish}"
        );
        assert!(error.message(Lang::En).contains("nothing was done"));
        let looping = TillError::Refused {
            operation: None,
            cause: ApiError::TooManyRedirects { limit: 3 },
        };
        assert_eq!(looping.code(), "too_many_redirects");
        assert!(looping.message(Lang::Es).contains("más de 3 veces"));
    }

    #[test]
    fn a_refused_provider_url_says_what_to_change() {
        let plain = till::Mode::Live
            .check_api_url("http://192.168.1.10")
            .unwrap_err();
        assert!(plain.message(Lang::Es).contains("https://"));
        assert!(plain.message(Lang::En).contains("https://"));
        let credentials = till::Mode::Live
            .check_api_url("https://caja@apurata.com")
            .unwrap_err();
        assert!(credentials.message(Lang::Es).contains("quítelos"));
        assert!(credentials.message(Lang::En).contains("remove them"));
    }

    #[test]
    fn a_wrong_ruc_check_digit_and_a_newer_database_are_said_plainly() {
        let ruc = till::identity::parse_customer("10141421357").unwrap_err();
        assert!(ruc.message(Lang::Es).contains("dígito verificador"));
        let newer = TillError::NewerDatabase {
            found: 99,
            known: 5,
        };
        assert!(newer.message(Lang::Es).contains("más nueva"));
    }
}
