//! The cashier's words for bank-transfer vouchers (aPagos): each refusal says what happened and what to
//! do; aPagos' own words (its `400` answers are plain text) are shown as it wrote them.

use providers::apagos::VoucherStatus;
use till::error::{TransferBlock, VoucherError};
use till::vouchers::{AmountDecision, Billing, Voucher, VoucherState};

pub use super::orders::Tone;

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
        VoucherError::InvalidField { field, value } => invalid_field(lang, field, value),
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
        VoucherError::TransferNotUsable { why, .. } => transfer_blocked(lang, why),
        VoucherError::NoDecisionPending { voucher_id } => say(
            lang,
            format!(
                "La transferencia «{voucher_id}» no espera una decisión: su monto validado es el de la inicial, o aún no está validada."
            ),
            format!(
                "Transfer «{voucher_id}» awaits no decision: its validated amount is the down payment's, or it is not validated yet."
            ),
        ),
    }
}

/// Which field of the voucher form is wrong, what is wrong with it, what to do.
fn invalid_field(lang: Lang, field: &str, value: &str) -> String {
    match field {
        "operation_number" => say(
            lang,
            format!(
                "El número de operación «{value}» no es válido: son de 4 a 20 dígitos, como aparecen en el comprobante. No se envió nada."
            ),
            format!(
                "Operation number «{value}» is not valid: 4 to 20 digits, as the receipt shows them. Nothing was sent."
            ),
        ),
        "customer_fullname" => say(
            lang,
            "Escriba el nombre completo del cliente (de 3 a 100 letras). No se envió nada.",
            "Type the customer's full name (3 to 100 letters). Nothing was sent.",
        ),
        "bank_accounts" => say(
            lang,
            format!(
                "La cuenta «{value}» no es válida: use letras, dígitos, «-» o «_» (40 como máximo), una por línea."
            ),
            format!(
                "Account «{value}» is not valid: use letters, digits, «-» or «_» (40 at most), one per line."
            ),
        ),
        "webhook" => say(
            lang,
            "aPagos no tiene a dónde avisar: enrole esta caja en Caja Central (Ajustes).",
            "aPagos has nowhere to call back: enroll this till in Caja Central (Ajustes).",
        ),
        "detail" => say(
            lang,
            "El detalle es de 200 caracteres como máximo. Acórtelo. No se envió nada.",
            "The detail is 200 characters at most. Shorten it. Nothing was sent.",
        ),
        "date" if value.parse::<jiff::civil::Date>().is_err() => say(
            lang,
            format!(
                "«{value}» no es una fecha: escríbala AAAA-MM-DD, como 2026-11-30, la del comprobante. No se envió nada."
            ),
            format!(
                "«{value}» is not a date: write it YYYY-MM-DD, like 2026-11-30, the receipt's. Nothing was sent."
            ),
        ),
        "date" => say(
            lang,
            format!(
                "La fecha «{value}» es futura: use la fecha del comprobante (hora de Lima). No se envió nada."
            ),
            format!(
                "Date «{value}» is in the future: use the receipt's date (Lima time). Nothing was sent."
            ),
        ),
        "receipt_size" => say(
            lang,
            "El comprobante pesa más de 10 MB. Pida al cliente una captura de pantalla (no una foto de la pantalla). No se envió nada.",
            "The receipt is over 10 MB. Ask the customer for a screenshot (not a photo of the screen). Nothing was sent.",
        ),
        "receipt" => say(
            lang,
            format!(
                "El comprobante debe ser una imagen JPEG, PNG o WebP, o un PDF; esto es {}. Pida al cliente otra captura. No se envió nada.",
                looks_like_es(value)
            ),
            format!(
                "The receipt must be a JPEG, PNG or WebP image, or a PDF; this is {value}. Ask the customer for another screenshot. Nothing was sent."
            ),
        ),
        _ => say(
            lang,
            format!("Revise «{field}»: «{value}» no es válido para aPagos. No se envió nada."),
            format!("Check «{field}»: «{value}» is not valid for aPagos. Nothing was sent."),
        ),
    }
}

/// What a refused receipt looks like (`providers::apagos::receipt_type::sniff` says it in English), in
/// Spanish.
fn looks_like_es(value: &str) -> String {
    let known = [
        ("an empty file", "un archivo vacío"),
        ("a Linux program (ELF)", "un programa de Linux (ELF)"),
        ("a Windows program (EXE)", "un programa de Windows (EXE)"),
        ("an HTML page", "una página HTML"),
        ("an SVG or XML document", "un documento SVG o XML"),
        ("a GIF image", "una imagen GIF"),
        (
            "a ZIP archive (or an Office document)",
            "un archivo ZIP (o un documento de Office)",
        ),
    ];
    if let Some((_, es)) = known.iter().find(|(en, _)| *en == value) {
        return (*es).to_owned();
    }
    match value.strip_prefix("an unknown file starting with ") {
        Some(head) => format!("un archivo desconocido que empieza con {head}"),
        None => value.to_owned(),
    }
}

/// Why a transfer cannot pay the down payment yet, and what to do.
fn transfer_blocked(lang: Lang, why: &TransferBlock) -> String {
    match why {
        TransferBlock::NoVoucher => say(
            lang,
            "Para cobrar por transferencia, registre primero el comprobante del cliente (Transferencia / Yape). No entregue el producto.",
            "To take a transfer, register the customer's receipt first (Transferencia / Yape). Do not hand the product over.",
        ),
        TransferBlock::NotValidated(status) => say(
            lang,
            format!(
                "aPagos aún no valida la transferencia ({status}). No entregue el producto: Caja factura sola cuando aPagos la valide."
            ),
            format!(
                "aPagos has not validated the transfer yet ({status}). Do not hand the product over: Caja bills by itself once aPagos validates it."
            ),
        ),
        TransferBlock::NeedsDecision => say(
            lang,
            "aPagos validó un monto distinto de la inicial: un supervisor decide si se acepta. No entregue el producto.",
            "aPagos validated an amount other than the down payment: a supervisor decides whether to accept it. Do not hand the product over.",
        ),
        TransferBlock::Rejected => say(
            lang,
            "Un supervisor no aceptó esta transferencia. Tome otro medio de pago.",
            "A supervisor did not accept this transfer. Take another tender.",
        ),
        TransferBlock::InProgress => say(
            lang,
            "La facturación de esta transferencia ya está en curso. Espere unos segundos y consulte de nuevo.",
            "This transfer's billing is already on its way. Wait a few seconds and check again.",
        ),
        TransferBlock::AlreadyBilled => say(
            lang,
            "Esta transferencia ya pagó la inicial. Consulte el código: si aCuotaz la muestra pagada, entregue el producto.",
            "This transfer paid the down payment already. Check the code: if aCuotaz shows it paid, hand the product over.",
        ),
    }
}

/// Where a voucher stands for the cashier: a headline, what to do now, and its tone (amber while
/// aPagos validates, green once billed, red when it cannot pay, grey when Caja cannot tell).
pub fn standing(lang: Lang, voucher: &Voucher) -> (String, String, Tone) {
    let (headline, advice, tone) = match (voucher.state, &voucher.status) {
        (VoucherState::Sending, _) => (
            say(
                lang,
                "Registrando la transferencia…",
                "Registering the transfer…",
            ),
            say(
                lang,
                "Espere. No la registre de nuevo.",
                "Wait. Do not register it again.",
            ),
            Tone::Waiting,
        ),
        (VoucherState::Unknown, _) => (
            say(lang, "Sin respuesta de aPagos", "No answer from aPagos"),
            say(
                lang,
                "No registre otra transferencia: llegará el aviso de aPagos, o un supervisor la resuelve. No entregue el producto.",
                "Do not register another transfer: aPagos' notice will arrive, or a supervisor resolves it. Do not hand the product over.",
            ),
            Tone::Unknown,
        ),
        (VoucherState::Refused, _) => (
            say(
                lang,
                "aPagos rechazó el registro",
                "aPagos refused the registration",
            ),
            format!(
                "«{}» {}",
                voucher.refusal.as_deref().unwrap_or("-"),
                say(
                    lang,
                    "Corrija el dato o tome otro medio de pago.",
                    "Fix the value or take another tender."
                )
            ),
            Tone::Stop,
        ),
        (VoucherState::Abandoned, _) => (
            say(lang, "Dada por no enviada", "Marked as never sent"),
            say(lang, "Tome otro medio de pago.", "Take another tender."),
            Tone::Stop,
        ),
        (VoucherState::Pending, Some(VoucherStatus::Validated)) => validated(lang, voucher),
        (VoucherState::Pending, Some(VoucherStatus::Invalid)) => (
            say(lang, "Transferencia inválida", "Transfer invalid"),
            say(
                lang,
                "aPagos no encontró esta transferencia en la cuenta de la tienda. Pida al cliente otro comprobante o tome otro medio de pago. No entregue el producto.",
                "aPagos did not find this transfer in the store's account. Ask the customer for another receipt or take another tender. Do not hand the product over.",
            ),
            Tone::Stop,
        ),
        (VoucherState::Pending, Some(VoucherStatus::Canceled)) => (
            say(lang, "Transferencia anulada", "Transfer canceled"),
            say(lang, "Tome otro medio de pago.", "Take another tender."),
            Tone::Stop,
        ),
        (VoucherState::Pending, status) => (
            match status {
                Some(VoucherStatus::Other(text)) => say(
                    lang,
                    format!("Transferencia en validación ({text})"),
                    format!("Transfer being validated ({text})"),
                ),
                _ => say(
                    lang,
                    "Transferencia en validación",
                    "Transfer being validated",
                ),
            },
            say(
                lang,
                "aPagos está revisando el comprobante. No entregue el producto: Caja factura sola cuando aPagos la valide.",
                "aPagos is checking the receipt. Do not hand the product over: Caja bills by itself once aPagos validates it.",
            ),
            Tone::Waiting,
        ),
    };
    (headline, advice, tone)
}

fn validated(lang: Lang, voucher: &Voucher) -> (String, String, Tone) {
    let amount = voucher.counted_amount();
    if voucher.sale.is_none() {
        return (
            say(
                lang,
                format!("Transferencia validada: {amount}"),
                format!("Transfer validated: {amount}"),
            ),
            say(
                lang,
                "aPagos encontró la transferencia en la cuenta de la tienda.",
                "aPagos found the transfer in the store's account.",
            ),
            Tone::Go,
        );
    }
    if voucher.needs_decision() {
        return (
            say(
                lang,
                format!("Validada por otro monto: {amount}"),
                format!("Validated for another amount: {amount}"),
            ),
            say(
                lang,
                "aPagos validó un monto distinto de la inicial. Un supervisor decide si se acepta. No entregue el producto.",
                "aPagos validated an amount other than the down payment. A supervisor decides whether to accept it. Do not hand the product over.",
            ),
            Tone::Waiting,
        );
    }
    match (voucher.amount_decision, voucher.billing) {
        (Some(AmountDecision::Rejected), _) => (
            say(
                lang,
                "Monto no aceptado por el supervisor",
                "Amount not accepted by the supervisor",
            ),
            say(lang, "Tome otro medio de pago.", "Take another tender."),
            Tone::Stop,
        ),
        (_, Some(Billing::Billed)) => (
            say(lang, "Pagado y facturado", "Paid and billed"),
            say(
                lang,
                format!(
                    "aPagos validó la transferencia ({amount}) y aCuotaz confirmó el pago. Entregue el producto."
                ),
                format!(
                    "aPagos validated the transfer ({amount}) and aCuotaz confirmed the payment. Hand the product over."
                ),
            ),
            Tone::Go,
        ),
        (_, Some(Billing::Failed)) => (
            say(
                lang,
                "Validada, pero aCuotaz rechazó la facturación",
                "Validated, but aCuotaz refused the billing",
            ),
            say(
                lang,
                "Consulte el código y llame a su supervisor. No entregue el producto.",
                "Check the code and call your supervisor. Do not hand the product over.",
            ),
            Tone::Stop,
        ),
        _ => (
            say(lang, "Validada: facturando…", "Validated: billing…"),
            match voucher.billing_problem.as_deref() {
                Some(problem) => say(
                    lang,
                    format!("Caja reintenta sola ({problem}). No entregue el producto todavía."),
                    format!(
                        "Caja tries again by itself ({problem}). Do not hand the product over yet."
                    ),
                ),
                None => say(
                    lang,
                    "Caja envía el pagado y facturado. No entregue el producto todavía.",
                    "Caja is sending paid-and-billed. Do not hand the product over yet.",
                ),
            },
            Tone::Waiting,
        ),
    }
}

/// aPagos' status as the cashier reads it (statuses aPagos may add later are shown as they come).
pub fn status_label(lang: Lang, status: Option<&VoucherStatus>) -> String {
    match status {
        None | Some(VoucherStatus::Pending) => say(lang, "Pendiente", "Pending"),
        Some(VoucherStatus::Validated) => say(lang, "Validada", "Validated"),
        Some(VoucherStatus::Invalid) => say(lang, "Inválida", "Invalid"),
        Some(VoucherStatus::Canceled) => say(lang, "Anulada", "Canceled"),
        Some(VoucherStatus::Other(text)) if text == "IN_REVIEW" => {
            say(lang, "En revisión", "In review")
        }
        Some(VoucherStatus::Other(text)) => text.clone(),
    }
}
