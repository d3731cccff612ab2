//! Words for signing in, PINs, roles and supervisors' approvals: what happened and what to do, without
//! ever repeating a PIN.

use super::{Lang, say};
use till::clock;
use till::error::TillError;

pub(super) fn words(lang: Lang, error: &TillError) -> String {
    match error {
        TillError::SignInRequired { no_people: true } => say(
            lang,
            "Esta caja todavía no tiene personas registradas. Cree el primer supervisor (en la app, o con \
             «caja users add --name NOMBRE --role supervisor») y vuelva a intentar.",
            "This till has no people yet. Create the first supervisor (in the app, or with «caja users \
             add --name NAME --role supervisor») and try again.",
        ),
        TillError::SignInRequired { no_people: false } => say(
            lang,
            "Nadie ha iniciado sesión. Ingrese con su nombre y PIN (en la terminal: CAJA_USER y CAJA_PIN, \
             o --user y el PIN cuando se lo pida).",
            "Nobody is signed in. Sign in with your name and PIN (in a terminal: CAJA_USER and CAJA_PIN, \
             or --user and the PIN when asked).",
        ),
        TillError::SessionIdle { name, minutes } => say(
            lang,
            format!(
                "La sesión de {name} se cerró tras {minutes} minutos sin uso. Ingrese de nuevo con su \
                 PIN; no se hizo nada."
            ),
            format!(
                "{name}'s session was closed after {minutes} idle minutes. Sign in again with your PIN; \
                 nothing was done."
            ),
        ),
        TillError::PersonDisabled { name } => say(
            lang,
            format!(
                "{name} fue desactivado por un supervisor y su sesión se cerró. No se hizo nada; ingrese \
                 con otra persona."
            ),
            format!(
                "{name} was turned off by a supervisor and their session has ended. Nothing was done; \
                 sign in as someone else."
            ),
        ),
        TillError::WrongPin { name, remaining } => say(
            lang,
            format!(
                "PIN incorrecto para {name}. Quedan {remaining} intentos antes de bloquearse 5 minutos."
            ),
            format!("Wrong PIN for {name}. {remaining} tries left before a 5-minute lock."),
        ),
        TillError::PersonLocked { name, until } => {
            let until = clock::in_lima(*until).strftime("%H:%M").to_string();
            say(
                lang,
                format!(
                    "{name} está bloqueado por 5 PIN incorrectos hasta las {until} (hora de Lima). \
                     Espere o pida a otro supervisor."
                ),
                format!(
                    "{name} is locked after 5 wrong PINs until {until} (Lima time). Wait, or ask another \
                     supervisor."
                ),
            )
        }
        TillError::PersonUnknown { name } => say(
            lang,
            format!("No hay una persona activa llamada «{name}» en esta caja. Revise el nombre."),
            format!("There is no active person called «{name}» at this till. Check the name."),
        ),
        TillError::PersonExists { name } => say(
            lang,
            format!("Ya existe una persona llamada «{name}». Use otro nombre."),
            format!("Someone called «{name}» already exists. Use another name."),
        ),
        TillError::LastSupervisor { name } => say(
            lang,
            format!(
                "{name} es el único supervisor activo: agregue otro supervisor antes de desactivarlo."
            ),
            format!(
                "{name} is the only active supervisor: add another supervisor before disabling them."
            ),
        ),
        TillError::NotSupervisor { name } => say(
            lang,
            format!("{name} no es supervisor: esto lo autoriza un supervisor con su PIN."),
            format!("{name} is not a supervisor: a supervisor must authorise this with their PIN."),
        ),
        TillError::FirstSupervisorExists => say(
            lang,
            "Esta caja ya tiene un supervisor. Ingrese con su PIN para agregar personas.",
            "This till already has a supervisor. Sign in with their PIN to add people.",
        ),
        TillError::ApprovalRequired { what, no_people } => {
            let (es, en) = match *what {
                "undo_billing" => ("Anular la facturación", "Undoing a billing"),
                "settings" => (
                    "Cambiar el modo, la URL del proveedor, el token, el bloqueo por inactividad o los \
                     montos de cierre",
                    "Changing the mode, the provider URL, the token, the idle lock or the closing amounts",
                ),
                "cash_movement" => (
                    "Un ingreso o retiro de caja por encima del límite",
                    "Cash in or out above the limit",
                ),
                "shift_difference" => (
                    "Cerrar el turno con diferencias por encima de la tolerancia",
                    "Closing the shift with differences above the tolerance",
                ),
                "voucher_cancel" => (
                    "Anular una transferencia en aPagos",
                    "Canceling a transfer at aPagos",
                ),
                "voucher_resolve" => (
                    "Resolver una transferencia sin respuesta de aPagos",
                    "Settling a transfer without an answer from aPagos",
                ),
                "backup_restore" => ("Restaurar una copia de respaldo", "Restoring a backup"),
                "voucher_decide" => (
                    "Decidir sobre el monto que validó aPagos",
                    "Deciding on the amount aPagos validated",
                ),
                other => (other, other),
            };
            if *no_people {
                say(
                    lang,
                    format!(
                        "{es} necesita la autorización de un supervisor, y esta caja aún no tiene uno. \
                         Cree el primer supervisor y vuelva a intentar."
                    ),
                    format!(
                        "{en} needs a supervisor's approval, and this till has none yet. Create the first \
                         supervisor and try again."
                    ),
                )
            } else {
                say(
                    lang,
                    format!("{es} necesita el PIN de un supervisor y un motivo. No se hizo nada."),
                    format!("{en} needs a supervisor's PIN and a reason. Nothing was done."),
                )
            }
        }
        TillError::Pin { detail } => say(
            lang,
            format!("No se pudo proteger el PIN ({detail}). Avise a sistemas."),
            format!("The PIN could not be protected ({detail}). Tell IT."),
        ),
        other => other.code().to_owned(),
    }
}
