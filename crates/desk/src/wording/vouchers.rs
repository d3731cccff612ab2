//! The cashier's words for bank-transfer vouchers (aPagos): each refusal says what happened and what to
//! do; aPagos' own words (its `400` answers are plain text) are shown as it wrote them.

use till::error::VoucherError;

use super::{Lang, say};

/// A voucher error said to the cashier.
pub fn error(lang: Lang, error: &VoucherError) -> String {
    match error {
        VoucherError::NotConfigured => say(
            lang,
            "Las transferencias con aPagos no están configuradas en esta caja. Pida a su supervisor que las configure en Ajustes.",
            "Transfers with aPagos are not set up on this till. Ask your supervisor to set them up in Ajustes.",
        ),
        VoucherError::NoSuchVoucher { voucher_id } => say(
            lang,
            format!("No hay una transferencia «{voucher_id}» en esta caja."),
            format!("There is no transfer «{voucher_id}» at this till."),
        ),
        VoucherError::UnknownBankAccount { account, known } => say(
            lang,
            format!(
                "La cuenta «{account}» no es una de las cuentas de la tienda ({}). Elija la cuenta a la que transfirió el cliente. No se envió nada.",
                known.join(", ")
            ),
            format!(
                "Account «{account}» is not one of the store's accounts ({}). Choose the account the customer transferred to. Nothing was sent.",
                known.join(", ")
            ),
        ),
        VoucherError::InvalidField { field, value } => say(
            lang,
            format!("Revise «{field}»: «{value}» no es válido para aPagos. No se envió nada."),
            format!("Check «{field}»: «{value}» is not valid for aPagos. Nothing was sent."),
        ),
        VoucherError::Refused { cause, .. } => {
            let words = cause
                .provider_message()
                .unwrap_or_else(|| cause.to_string());
            say(
                lang,
                format!(
                    "aPagos rechazó la transferencia: «{words}». Corrija el dato o tome otro medio de pago."
                ),
                format!(
                    "aPagos refused the transfer: «{words}». Fix the value or take another tender."
                ),
            )
        }
        VoucherError::OutcomeUnknown { call, .. } if *call == "register" => say(
            lang,
            "No se sabe si aPagos recibió la transferencia. No la registre de nuevo: un supervisor la resuelve con el número de aPagos, o la da por no enviada.",
            "It is not known whether aPagos received the transfer. Do not register it again: a supervisor resolves it with aPagos' number, or marks it as never sent.",
        ),
        VoucherError::OutcomeUnknown { .. } => say(
            lang,
            "No se pudo consultar aPagos. Revise la conexión e intente de nuevo.",
            "aPagos could not be reached. Check the connection and try again.",
        ),
        VoucherError::NotRegistered { voucher_id, state } => say(
            lang,
            format!("La transferencia «{voucher_id}» no está registrada en aPagos ({state})."),
            format!("Transfer «{voucher_id}» is not registered at aPagos ({state})."),
        ),
        VoucherError::NotUnknown { voucher_id, state } => say(
            lang,
            format!("La transferencia «{voucher_id}» ya está resuelta ({state})."),
            format!("Transfer «{voucher_id}» is already settled ({state})."),
        ),
        VoucherError::NotOurs {
            request_id,
            order_id,
            ..
        } => say(
            lang,
            format!(
                "En aPagos, «{request_id}» es otra transferencia («{order_id}»). Revise el número."
            ),
            format!(
                "At aPagos, «{request_id}» is another transfer («{order_id}»). Check the number."
            ),
        ),
        VoucherError::StatusChanged { actual, detail, .. } => say(
            lang,
            format!(
                "En aPagos la transferencia ya está en {actual} ({detail}). Confirme si aún desea anularla."
            ),
            format!(
                "At aPagos the transfer is now {actual} ({detail}). Confirm whether you still want to cancel it."
            ),
        ),
    }
}
