//! Words for what the provider answered, or failed to: its refusals (token, unknown code, field
//! errors, not billed yet) and every way an answer can be lost, which always ends in "do not hand over
//! the product yet" for a payment.

use providers::apurata::downpayment::messages;
use providers::http::ApiError;

use super::{Lang, say};
use till::journal::OperationKind;

/// Explains a provider error about `operation` (or about a read such as the day summary when `None`).
pub fn api_error(lang: Lang, operation: Option<OperationKind>, error: &ApiError) -> String {
    let unknown_outcome = match operation {
        Some(OperationKind::PaidAndBilled) => say(
            lang,
            " No se sabe si quedó pagado y facturado: NO entregue el producto todavía. Vuelva a \
             consultar el código; Caja guardó la operación como «resultado desconocido».",
            " It is not known whether it was marked paid and billed: do NOT hand over the product yet. \
             Check the code again; Caja kept the operation as «outcome unknown».",
        ),
        Some(OperationKind::UndoBilling) => say(
            lang,
            " No se sabe si la facturación se anuló: vuelva a consultar el código antes de seguir. \
             Caja guardó la operación como «resultado desconocido».",
            " It is not known whether the billing was undone: check the code again before going on. \
             Caja kept the operation as «outcome unknown».",
        ),
        Some(OperationKind::Check) | None => {
            say(lang, " Reintente en un momento.", " Try again in a moment.")
        }
    };
    match error {
        ApiError::Unauthorized { .. } => say(
            lang,
            "El proveedor rechazó el token de la tienda (401). Pida a sistemas que revise el token \
             configurado en Caja; no se hizo ninguna operación.",
            "The provider refused the store's token (401). Ask IT to check the token configured in \
             Caja; nothing was done.",
        ),
        ApiError::NotFound { .. } => say(
            lang,
            "aCuotaz no encuentra ese código de financiamiento para ese DNI o RUC, o ya no está activo \
             (404). Revise ambos datos con el celular del cliente.",
            "aCuotaz does not know that funding code for that DNI or RUC, or it is no longer active \
             (404). Check both against the customer's phone.",
        ),
        ApiError::NotBilledYet { .. } => say(
            lang,
            "Ese código todavía no está facturado, así que no hay facturación que anular. No se hizo \
             ningún cambio.",
            "That code is not billed yet, so there is no billing to undo. Nothing was changed.",
        ),
        ApiError::InvalidFields { fields } => {
            let parts: Vec<String> = fields
                .iter()
                .map(|(field, message)| field_error(lang, field, message))
                .collect();
            say(
                lang,
                format!(
                    "El proveedor rechazó los datos: {}. Corríjalos y vuelva a intentar.",
                    parts.join("; ")
                ),
                format!(
                    "The provider rejected the data: {}. Correct it and try again.",
                    parts.join("; ")
                ),
            )
        }
        ApiError::Refused { status, message } => say(
            lang,
            format!(
                "El proveedor rechazó la operación ({status}): «{message}». No se hizo ningún cambio."
            ),
            format!(
                "The provider refused the operation ({status}): «{message}». Nothing was changed."
            ),
        ),
        ApiError::InsecureRedirect { to, .. } => say(
            lang,
            format!(
                "aCuotaz redirigió la solicitud a una dirección sin cifrar ({to}): Caja no la sigue. \
                 Avise a sistemas; no se hizo ninguna operación."
            ),
            format!(
                "aCuotaz redirected the request to an unencrypted address ({to}): Caja does not follow \
                 it. Tell IT; nothing was done."
            ),
        ),
        ApiError::TooManyRedirects { limit } => say(
            lang,
            format!(
                "aCuotaz redirigió la solicitud más de {limit} veces: Caja no la sigue. Avise a \
                 sistemas; no se hizo ninguna operación."
            ),
            format!(
                "aCuotaz redirected the request more than {limit} times: Caja does not follow it. Tell \
                 IT; nothing was done."
            ),
        ),
        ApiError::Unreachable { .. } => say(
            lang,
            format!("No hay conexión con aCuotaz: revise la red de la tienda.{unknown_outcome}"),
            format!("aCuotaz cannot be reached: check the store's network.{unknown_outcome}"),
        ),
        ApiError::Timeout { seconds } => say(
            lang,
            format!("aCuotaz no respondió en {seconds} segundos.{unknown_outcome}"),
            format!("aCuotaz did not answer within {seconds} seconds.{unknown_outcome}"),
        ),
        ApiError::ServerError { status, .. } => say(
            lang,
            format!("aCuotaz tuvo un error interno ({status}).{unknown_outcome}"),
            format!("aCuotaz had an internal error ({status}).{unknown_outcome}"),
        ),
        ApiError::UnverifiedAnswer { .. } => say(
            lang,
            format!(
                "Llegó una respuesta que no es de aCuotaz (quizá la página de acceso de una red Wi-Fi o \
                 un proxy) y aCuotaz no pudo confirmar la operación.{unknown_outcome} Si se repite, \
                 avise a sistemas: algo se interpone entre la caja y aCuotaz."
            ),
            format!(
                "An answer came that is not aCuotaz's (perhaps a Wi-Fi sign-in page or a proxy) and \
                 aCuotaz could not confirm the operation.{unknown_outcome} If it happens again, tell \
                 IT: something stands between the till and aCuotaz."
            ),
        ),
        ApiError::Transport { .. }
        | ApiError::BodyTooLarge { .. }
        | ApiError::UnexpectedBody { .. } => say(
            lang,
            format!("La respuesta de aCuotaz se perdió o no se pudo leer.{unknown_outcome}"),
            format!("aCuotaz's answer was lost or could not be read.{unknown_outcome}"),
        ),
        ApiError::InvalidUrl { detail } => say(
            lang,
            format!("La URL del proveedor no sirve ({detail}): revise la configuración de Caja."),
            format!("The provider URL cannot be used ({detail}): check Caja's configuration."),
        ),
    }
}

fn field_error(lang: Lang, field: &str, message: &str) -> String {
    let known = match message {
        messages::DNI_FORMAT => Some((
            "el DNI no tiene el formato correcto (8 dígitos)",
            "the DNI is not well formed (8 digits)",
        )),
        messages::RUC_FORMAT => Some((
            "el RUC no tiene el formato correcto (11 dígitos)",
            "the RUC is not well formed (11 digits)",
        )),
        messages::FUNDING_CODE_FORMAT => Some((
            "el código de financiamiento no tiene el formato correcto (solo números)",
            "the funding code is not well formed (digits only)",
        )),
        messages::DAY_FORMAT => Some((
            "la fecha no es válida (AAAA-MM-DD)",
            "the date is not valid (YYYY-MM-DD)",
        )),
        _ => None,
    };
    match known {
        Some((es, en)) => say(lang, es, en),
        None => format!("{field}: {message}"),
    }
}
