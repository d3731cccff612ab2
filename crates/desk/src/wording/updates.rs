//! The words of signed updates: what the check found, why an update was refused or is not installed
//! now, in Spanish and English. The facts are [`crate::update_facts`].

use super::{Lang, say};
use crate::update_facts::{Blocker, UpdateProblem};

/// Why an update was not offered, downloaded or installed, and what to do.
pub fn problem(lang: Lang, problem: &UpdateProblem) -> String {
    match problem {
        UpdateProblem::Central(words) => say(
            lang,
            format!("No se pudo consultar las actualizaciones en Caja Central: {words}"),
            format!("Could not ask Caja Central for updates: {words}"),
        ),
        UpdateProblem::Signature => say(
            lang,
            "La actualización se descargó pero su firma no es la de la cadena: se alteró en el camino o no \
             la publicó la cadena. Se descartó y no se instaló nada. Avise a TI.",
            "The update was downloaded but its signature is not the chain's: it was altered on the way or \
             not published by the chain. It was discarded and nothing was installed. Tell IT.",
        ),
        UpdateProblem::SignedVersion { signed, announced } => say(
            lang,
            format!(
                "Caja Central anunció la versión {announced}, pero el paquete está firmado como {signed}: \
                 se rechazó y no se instaló nada. Avise a TI."
            ),
            format!(
                "Caja Central announced version {announced}, but the package is signed as {signed}: it \
                 was refused and nothing was installed. Tell IT."
            ),
        ),
        UpdateProblem::UnsignedVersion => say(
            lang,
            "La firma del paquete no dice para qué versión es: se rechazó y no se instaló nada. TI debe \
             firmarlo con --app-version.",
            "The package's signature does not say which version it is for: it was refused and nothing \
             was installed. IT must sign it with --app-version.",
        ),
        UpdateProblem::Manifest(detail) => say(
            lang,
            format!(
                "Caja Central respondió algo que no es un anuncio de actualización válido ({detail}). Avise a TI."
            ),
            format!(
                "Caja Central answered something that is not a valid update manifest ({detail}). Tell IT."
            ),
        ),
        UpdateProblem::Download(detail) => say(
            lang,
            format!(
                "La descarga de la actualización no terminó ({detail}). Se volverá a intentar más tarde."
            ),
            format!(
                "The update's download did not finish ({detail}). It will be tried again later."
            ),
        ),
        UpdateProblem::Install(detail) => say(
            lang,
            format!(
                "La actualización no se pudo instalar ({detail}). La caja sigue con su versión actual; avise a TI."
            ),
            format!(
                "The update could not be installed ({detail}). The till keeps its current version; tell IT."
            ),
        ),
        UpdateProblem::NoKey => say(
            lang,
            "Esta compilación de Caja no tiene la clave de la cadena para verificar actualizaciones: no se \
             instalará ninguna. TI debe compilarla con CAJA_UPDATE_PUBKEY.",
            "This build of Caja has no chain key to verify updates with: none will be installed. IT must \
             build it with CAJA_UPDATE_PUBKEY.",
        ),
    }
}

/// Why a verified update waits.
pub fn blocker(lang: Lang, blocker: &Blocker, when: impl Fn(jiff::Timestamp) -> String) -> String {
    match blocker {
        Blocker::ShiftOpen { shift } => say(
            lang,
            format!(
                "El turno {shift} está abierto: la actualización se instalará después del cierre (Z)."
            ),
            format!("Shift {shift} is open: the update will be installed after the closing (Z)."),
        ),
        Blocker::OperationsUnsettled { count } => say(
            lang,
            format!(
                "Hay {count} operación(es) sin respuesta del proveedor: resuélvalas en Pendientes antes de actualizar."
            ),
            format!(
                "{count} operation(s) have no answer from the provider yet: settle them in Pending before updating."
            ),
        ),
        Blocker::Postponed(postponement) => say(
            lang,
            format!(
                "Pospuesta por {} hasta el {}.",
                postponement.by,
                when(postponement.until)
            ),
            format!(
                "Postponed by {} until {}.",
                postponement.by,
                when(postponement.until)
            ),
        ),
    }
}

/// The line under the version when an update is ready.
pub fn ready(lang: Lang, version: &str) -> String {
    say(
        lang,
        format!(
            "Caja {version} se descargó y su firma es la de la cadena. Al instalarla, la caja se cierra y se vuelve a abrir (menos de un minuto)."
        ),
        format!(
            "Caja {version} was downloaded and its signature is the chain's. Installing it closes and reopens the till (under a minute)."
        ),
    )
}

pub fn up_to_date(lang: Lang, current: &str, at: &str) -> String {
    say(
        lang,
        format!("Caja {current} está al día (consultado a las {at})."),
        format!("Caja {current} is up to date (checked at {at})."),
    )
}

pub fn unchecked(lang: Lang) -> String {
    say(
        lang,
        "Todavía no se consultó a Caja Central en esta sesión.",
        "Caja Central has not been asked yet in this session.",
    )
}

pub fn not_ready(lang: Lang) -> String {
    say(
        lang,
        "No hay una actualización descargada y verificada: use «Buscar actualización» primero.",
        "There is no downloaded and verified update: use «Check for updates» first.",
    )
}
