//! The cashier's words: every error the till can raise, said in Spanish (the default) or English, with
//! what happened and what to do next, and the names of operations and their states. Errors carry facts;
//! only this module turns them into sentences. The CLI, the desktop and the PDF all read them here:
//! the desktop's screens their labels from [`screens`] (rendered to the UI's `words.ts`), the `caja`
//! command its messages from [`cli`], the PDF its words from [`report`].

mod audit;
pub mod cli;
mod database;
mod people;
mod provider;
pub mod report;
pub mod screens;
mod secrets;

pub use audit::audit_finding;
pub use provider::api_error;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use till::PaymentOrigin;
use till::error::{InputProblem, TillError, UrlProblem};
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
        } => input_problem(lang, field, value, *problem),
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

fn input_problem(lang: Lang, field: &str, value: &str, problem: InputProblem) -> String {
    use InputProblem::*;
    let what_es = match field {
        "customer" => "el DNI o RUC",
        "dni" => "el DNI",
        "ruc" => "el RUC",
        "funding_code" => "el código de financiamiento",
        "mode" => "el modo",
        "api_url" => "la URL del proveedor",
        "day" => "la fecha",
        "store_name" => "el nombre de la tienda",
        "token" => "el token",
        "lang" => "el idioma",
        _ => field,
    };
    let what_en = match field {
        "customer" => "the DNI or RUC",
        "funding_code" => "the funding code",
        "api_url" => "the provider URL",
        "day" => "the date",
        "store_name" => "the store name",
        _ => field,
    };
    match problem {
        Missing => say(
            lang,
            format!("Falta {what_es}. Escríbalo y vuelva a intentar."),
            format!("{what_en} is missing. Type it and try again."),
        ),
        NotDigits => say(
            lang,
            format!("«{value}» no sirve como {what_es}: solo se admiten números."),
            format!("«{value}» is not valid as {what_en}: digits only."),
        ),
        DocumentLength { digits } => say(
            lang,
            format!(
                "El documento «{value}» tiene {digits} dígitos: un DNI tiene 8 y un RUC 11. Revíselo \
                 con el cliente."
            ),
            format!(
                "The document «{value}» has {digits} digits: a DNI has 8 and a RUC 11. Check it with \
                 the customer."
            ),
        ),
        DniLength => say(
            lang,
            format!("El DNI «{value}» no es válido: debe tener exactamente 8 dígitos."),
            format!("The DNI «{value}» is not valid: it must have exactly 8 digits."),
        ),
        RucLength => say(
            lang,
            format!("El RUC «{value}» no es válido: debe tener exactamente 11 dígitos."),
            format!("The RUC «{value}» is not valid: it must have exactly 11 digits."),
        ),
        RucPrefix => say(
            lang,
            format!("El RUC {value} no es válido: debe empezar con 10, 15, 16, 17 o 20."),
            format!("The RUC {value} is not valid: it must start with 10, 15, 16, 17 or 20."),
        ),
        RucCheckDigit => say(
            lang,
            format!(
                "El RUC {value} no es válido: su dígito verificador no corresponde. Revise el número \
                 con el cliente."
            ),
            format!(
                "The RUC {value} is not valid: its check digit does not match. Check the number with \
                 the customer."
            ),
        ),
        TooLong { digits, max } => say(
            lang,
            format!(
                "{what_es} tiene {digits} dígitos y no puede pasar de {max}. Revíselo con el cliente."
            ),
            format!(
                "{what_en} has {digits} digits and cannot exceed {max}. Check it with the customer."
            ),
        ),
        UndoNeedsPersonRuc => say(
            lang,
            format!(
                "aCuotaz solo permite anular la facturación con el DNI o con un RUC que empieza con 10; \
                 el RUC {value} es de empresa. Use el DNI del cliente. No se envió nada."
            ),
            format!(
                "aCuotaz only undoes a billing by DNI or by a RUC starting with 10; RUC {value} belongs \
                 to a company. Use the customer's DNI. Nothing was sent."
            ),
        ),
        UnknownMode => say(
            lang,
            format!("El modo «{value}» no existe: use sandbox, mock o live."),
            format!("There is no «{value}» mode: use sandbox, mock or live."),
        ),
        UnknownLang => say(
            lang,
            format!("El idioma «{value}» no existe: use es o en."),
            format!("There is no «{value}» language: use es or en."),
        ),
        UnknownState => say(
            lang,
            format!("El estado «{value}» no existe: use pending, confirmed, rejected o unknown."),
            format!("There is no «{value}» state: use pending, confirmed, rejected or unknown."),
        ),
        ApiUrl(url_problem) => {
            let (es, en) = match url_problem {
                UrlProblem::Scheme => (
                    "debe empezar con https:// (o http:// solo para 127.0.0.1)",
                    "it must start with https:// (or http:// for 127.0.0.1 only)",
                ),
                UrlProblem::NoHost => {
                    ("falta el nombre del servidor", "the server name is missing")
                }
                UrlProblem::Malformed => (
                    "no está bien escrita; escríbala como https://apurata.com",
                    "it is not well formed; write it like https://apurata.com",
                ),
                UrlProblem::Credentials => (
                    "no debe llevar usuario ni contraseña (lo que va antes de @); quítelos: el token \
                     se guarda aparte, en Ajustes o con «caja token set»",
                    "it must not carry a user name or password (what comes before @); remove them: \
                     the token is kept apart, in Ajustes or with «caja token set»",
                ),
                UrlProblem::QueryOrFragment => (
                    "es la raíz del proveedor; quite lo que sigue a ? o #",
                    "it is the provider's root; remove what follows ? or #",
                ),
                UrlProblem::PlainHttpInLive => (
                    "en modo live solo se acepta https:// (http:// solo para direcciones de loopback)",
                    "live mode accepts https:// only (http:// only for loopback addresses)",
                ),
            };
            say(
                lang,
                format!("La URL del proveedor «{value}» no sirve: {es}."),
                format!("The provider URL «{value}» cannot be used: {en}."),
            )
        }
        Day => say(
            lang,
            format!(
                "La fecha «{value}» no es válida: use el formato AAAA-MM-DD, por ejemplo 2026-11-22."
            ),
            format!("The date «{value}» is not valid: use YYYY-MM-DD, for example 2026-11-22."),
        ),
        PersonName => say(
            lang,
            "El nombre debe tener entre 2 y 40 caracteres. Escriba el nombre de la persona.",
            "The name must have 2 to 40 characters. Type the person's name.",
        ),
        Pin => say(
            lang,
            "El PIN debe tener de 4 a 8 números. Escríbalo de nuevo.",
            "The PIN must have 4 to 8 digits. Type it again.",
        ),
        IdleMinutes => say(
            lang,
            format!("«{value}» minutos no sirve para el bloqueo por inactividad: use de 1 a 60."),
            format!("«{value}» minutes cannot be used for the idle lock: use 1 to 60."),
        ),
        Reason => say(
            lang,
            "Escriba el motivo (al menos 5 letras): queda en el registro de auditoría.",
            "Write the reason (at least 5 letters): it is kept in the audit record.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use providers::http::ApiError;

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
