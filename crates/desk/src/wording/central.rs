//! Words about Caja Central: why an enrollment or a push failed (one sentence per code of Central's
//! `ApiError`), the last error the till kept (said again by its code, never as the raw text), and the
//! status line the screens and the CLI show.

use providers::central::CentralError;

use super::{Lang, say};
use crate::central::{CentralFailure, CentralState, PushReport};
use crate::wording::Explain;

/// What the cashier or the supervisor reads for a failure of a Central call.
pub fn failure(lang: Lang, failure: &CentralFailure) -> String {
    match failure {
        CentralFailure::NotEnrolled => say(
            lang,
            "Esta caja no está enrolada en Caja Central: enrólela con «caja central enroll --url URL \
             CÓDIGO» o en Ajustes.",
            "This till is not enrolled in Caja Central: enroll it with «caja central enroll --url URL \
             CODE» or in Ajustes.",
        ),
        CentralFailure::KeyMissing => say(
            lang,
            "La clave de esta caja para Caja Central no está en el almacén de secretos: enrole la caja \
             de nuevo con un código nuevo.",
            "This till's key for Caja Central is not in the secret store: enroll the till again with a \
             new code.",
        ),
        CentralFailure::NoCode => say(
            lang,
            "Escriba el código de un solo uso que dio la página de administración de Caja Central.",
            "Type the one-time code Caja Central's admin page gave.",
        ),
        CentralFailure::Central(error) => central_error(lang, error),
        CentralFailure::Till(error) => error.message(lang),
    }
}

fn central_error(lang: Lang, error: &CentralError) -> String {
    match error {
        CentralError::Unreachable { url, .. } => say(
            lang,
            format!(
                "No se pudo contactar a Caja Central ({url}). La caja sigue funcionando; se enviará después."
            ),
            format!(
                "Caja Central could not be reached ({url}). The till keeps working; it will send later."
            ),
        ),
        CentralError::BadAnswer { status, .. } => say(
            lang,
            format!(
                "Respondió algo que no es Caja Central (estado {status}): revise la URL o la red."
            ),
            format!(
                "Something that is not Caja Central answered (status {status}): check the URL or the network."
            ),
        ),
        CentralError::InvalidUrl { .. } => say(
            lang,
            "La URL de Caja Central debe empezar con https:// (http:// solo en esta máquina).",
            "Caja Central's URL must start with https:// (http:// only on this machine).",
        ),
        CentralError::Refused {
            status,
            code,
            message,
        } => refused(lang, *status, code, message),
    }
}

/// One sentence per code of Central's `ApiError`.
fn refused(lang: Lang, status: u16, code: &str, message: &str) -> String {
    match refused_words(code) {
        Some((es, en)) => say(lang, es, en),
        None if message.is_empty() => say(
            lang,
            format!("Caja Central rechazó la solicitud (estado {status})."),
            format!("Caja Central refused the request (status {status})."),
        ),
        None => say(
            lang,
            format!("Caja Central rechazó la solicitud ({status}): {message}"),
            format!("Caja Central refused the request ({status}): {message}"),
        ),
    }
}

/// The sentence of a code of Central's `ApiError`, when it is one Caja knows.
fn refused_words(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "enrollment_code_invalid" => (
            "El código de enrolamiento no existe: revise que esté bien escrito.",
            "The enrollment code does not exist: check it is typed correctly.",
        ),
        "enrollment_code_used" => (
            "Ese código de enrolamiento ya se usó: pida uno nuevo en Caja Central.",
            "That enrollment code was already used: ask Caja Central for a new one.",
        ),
        "enrollment_code_expired" => (
            "El código de enrolamiento venció: pida uno nuevo en Caja Central.",
            "The enrollment code expired: ask Caja Central for a new one.",
        ),
        "enrollment_code_other_till" => (
            "El código es para otra tienda o caja: revise los códigos de tienda y caja en Ajustes.",
            "The code is for another store or till: check the store and till codes in Ajustes.",
        ),
        "unauthenticated" | "bad_signature" => (
            "Caja Central no reconoce la firma de esta caja: enrole la caja de nuevo.",
            "Caja Central does not recognise this till's signature: enroll the till again.",
        ),
        "stale_request" => (
            "Caja Central rechazó la hora de esta caja: revise el reloj del equipo.",
            "Caja Central refused this till's time: check the computer's clock.",
        ),
        "replayed_request" => (
            "Caja Central vio esta solicitud antes; se reintentará.",
            "Caja Central saw this request before; it will be retried.",
        ),
        "unknown_till" => (
            "Caja Central no conoce esta caja: enrólela de nuevo.",
            "Caja Central does not know this till: enroll it again.",
        ),
        "wrong_till" | "other_store" => (
            "Caja Central dice que esta clave es de otra caja o tienda: enrole la caja de nuevo.",
            "Caja Central says this key belongs to another till or store: enroll the till again.",
        ),
        "batch_too_large" => (
            "Caja Central rechazó un envío demasiado grande.",
            "Caja Central refused a batch that was too large.",
        ),
        "bad_request" => (
            "Caja Central no entendió el envío.",
            "Caja Central did not understand the request.",
        ),
        "not_found" | "gone" => (
            "Caja Central no tiene esa dirección: revise la URL.",
            "Caja Central has no such address: check the URL.",
        ),
        "unsupported_file_type" => (
            "Caja Central solo acepta fotos JPEG, PNG, WebP o PDF.",
            "Caja Central accepts only JPEG, PNG, WebP or PDF.",
        ),
        "file_too_large" => (
            "El archivo es demasiado grande para Caja Central.",
            "The file is too large for Caja Central.",
        ),
        "unavailable" => (
            "Caja Central no está disponible ahora; se reintentará.",
            "Caja Central is not available now; it will be retried.",
        ),
        _ => return None,
    })
}

/// The cursor's last error (kept by [`CentralFailure::kept`]) said again in the till's language: never
/// shown raw on a screen; what cannot be read back gets a general sentence.
pub fn stored_error(lang: Lang, text: &str) -> String {
    match CentralFailure::from_kept(text) {
        Some(kept) => failure(lang, &kept),
        None => say(
            lang,
            "El último envío a Caja Central falló en esta caja; se reintentará.",
            "The last push to Caja Central failed on this till; it will be retried.",
        ),
    }
}

/// The status line: enrolled as which store and till, the last push, what is pending, the last error.
pub fn status_line(lang: Lang, state: &CentralState) -> String {
    let Some(link) = &state.link else {
        return say(
            lang,
            "Esta caja no está enrolada en Caja Central.",
            "This till is not enrolled in Caja Central.",
        );
    };
    let (store, till, pending) = (&link.store, &link.till, state.pending_entries);
    let last = match state.cursor.last_push_at {
        Some(at) => till::clock::in_lima(at)
            .strftime("%d/%m/%Y %H:%M")
            .to_string(),
        None => say(lang, "nunca", "never"),
    };
    let mut line = say(
        lang,
        format!(
            "Enrolada como {store}/{till}. Último envío: {last}. Entradas pendientes: {pending}."
        ),
        format!("Enrolled as {store}/{till}. Last push: {last}. Pending entries: {pending}."),
    );
    if let Some(error) = &state.cursor.last_error {
        let error = stored_error(lang, error);
        line += &say(
            lang,
            format!(" Último error: {error}"),
            format!(" Last error: {error}"),
        );
    }
    line
}

/// What one push did, for `caja central push` and `caja sync`.
pub fn push_report(lang: Lang, report: &PushReport) -> String {
    let mut text = say(
        lang,
        format!(
            "Enviadas a Caja Central: {} entradas (Central tiene hasta la {}), {} Z. Pendientes: {}.",
            report.entries_sent, report.high_water, report.zs_sent, report.pending_entries
        ),
        format!(
            "Sent to Caja Central: {} entries (Central holds up to {}), {} Z reports. Pending: {}.",
            report.entries_sent, report.high_water, report.zs_sent, report.pending_entries
        ),
    );
    if !report.missing.is_empty() || !report.rewritten.is_empty() || !report.broken.is_empty() {
        text += &say(
            lang,
            format!(
                "\nCaja Central encontró huecos en {} tramos, {} entradas reescritas y {} rotas: avise a la oficina.",
                report.missing.len(),
                report.rewritten.len(),
                report.broken.len()
            ),
            format!(
                "\nCaja Central found gaps in {} ranges, {} rewritten and {} broken entries: tell head office.",
                report.missing.len(),
                report.rewritten.len(),
                report.broken.len()
            ),
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kept text of a failure is said again exactly as the failure itself was: a screen reading the
    /// cursor's last error shows the same Spanish sentence the push's caller saw, never the English.
    #[test]
    fn a_kept_error_is_said_like_the_failure_it_came_from() {
        let failures = [
            CentralFailure::NotEnrolled,
            CentralFailure::KeyMissing,
            CentralFailure::Central(CentralError::Unreachable {
                url: "https://central.mitienda.pe/api/v1/audit".into(),
                detail: "connection refused: os error 111".into(),
            }),
            CentralFailure::Central(CentralError::Refused {
                status: 401,
                code: "bad_signature".into(),
                message: "the signature does not verify".into(),
            }),
            CentralFailure::Central(CentralError::BadAnswer {
                status: 200,
                detail: "text/html".into(),
            }),
            CentralFailure::Central(CentralError::InvalidUrl {
                detail: "ftp is not a scheme".into(),
            }),
        ];
        for failed in &failures {
            for lang in [Lang::Es, Lang::En] {
                assert_eq!(
                    stored_error(lang, &failed.kept()),
                    failure(lang, failed),
                    "{failed}"
                );
                assert!(!failed.kept().contains("os error"), "no detail is kept");
            }
        }
        let refused = CentralFailure::Central(CentralError::Refused {
            status: 500,
            code: "boom".into(),
            message: "internal detail".into(),
        });
        let unknown = stored_error(Lang::Es, &refused.kept());
        assert!(
            unknown.contains("500") && !unknown.contains("internal detail"),
            "{unknown}"
        );
        let other = stored_error(Lang::Es, "database is locked");
        assert!(other.starts_with("El último envío"), "{other}");
    }
}
