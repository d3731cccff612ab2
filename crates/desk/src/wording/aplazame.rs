//! The cashier's words for Aplazame's POS checkouts (Spain): each refusal says what happened and what
//! to do; each status and reason of Aplazame's table says where the customer is and the next step;
//! statuses and reasons Aplazame may add later are shown as written. Aplazame's own error words are
//! shown as it wrote them.

use providers::aplazame::CartError;
use till::aplazame::{Checkout, CreateState, Decision};
use till::error::AplazameError;

pub use super::orders::Tone;

use super::{Lang, say};

/// An Aplazame error said to the cashier.
pub fn error(lang: Lang, error: &AplazameError) -> String {
    match error {
        AplazameError::NotConfigured => say(
            lang,
            "Aplazame no está configurado en esta caja. Pida a su supervisor que guarde la clave privada de Aplazame en Ajustes.",
            "Aplazame is not set up on this till. Ask your supervisor to save the Aplazame private key in Ajustes.",
        ),
        AplazameError::NoSuchCheckout { order_id } => say(
            lang,
            format!("No hay una financiación Aplazame «{order_id}» en esta caja."),
            format!("There is no Aplazame financing «{order_id}» at this till."),
        ),
        AplazameError::Cart(problem) => cart(lang, problem),
        AplazameError::InvalidLine { line, field, value } => {
            let (what_es, what_en, hint_es, hint_en) = match *field {
                "name" => (
                    "el nombre",
                    "the name",
                    "escriba el nombre del artículo",
                    "type the article's name",
                ),
                "quantity" => (
                    "la cantidad",
                    "the quantity",
                    "un número entero, al menos 1",
                    "a whole number, at least 1",
                ),
                "unit_price" => (
                    "el precio con IVA",
                    "the price with VAT",
                    "en euros, como 59,90",
                    "in euros, like 59,90",
                ),
                "vat_rate" => ("el IVA", "the VAT", "21, 10, 4 o 0", "21, 10, 4 or 0"),
                "discount" => (
                    "el descuento",
                    "the discount",
                    "en euros con IVA, como 10,00, o vacío",
                    "in euros with VAT, like 10,00, or empty",
                ),
                _ => (
                    "el artículo",
                    "the article",
                    "nombre;cantidad;precio con IVA;IVA;descuento",
                    "name;quantity;price with VAT;VAT;discount",
                ),
            };
            say(
                lang,
                format!(
                    "Artículo {line}: {what_es} «{value}» no es válido ({hint_es}). No se envió nada."
                ),
                format!(
                    "Article {line}: {what_en} «{value}» is not valid ({hint_en}). Nothing was sent."
                ),
            )
        }
        AplazameError::InvalidField { field, value } => invalid_field(lang, field, value),
        AplazameError::NotFinanced { .. } => say(
            lang,
            "Aplazame no financia esta compra. Ofrezca al cliente otro medio de pago. No se creó nada en Aplazame.",
            "Aplazame does not finance this purchase. Offer the customer another tender. Nothing was created at Aplazame.",
        ),
        AplazameError::Refused { cause, .. } => {
            let words = cause
                .provider_message()
                .unwrap_or_else(|| cause.to_string());
            say(
                lang,
                format!(
                    "Aplazame rechazó la solicitud: «{words}». Corrija el dato o tome otro medio de pago."
                ),
                format!(
                    "Aplazame refused the request: «{words}». Fix the value or take another tender."
                ),
            )
        }
        AplazameError::OutcomeUnknown { call, .. } if *call == "create" => say(
            lang,
            "No se sabe si Aplazame recibió la financiación. No la envíe de nuevo: se resuelve sola cuando Aplazame avise, o un supervisor la resuelve con el id de Aplazame, o la da por no enviada.",
            "It is not known whether Aplazame received the financing. Do not send it again: it settles by itself when Aplazame notifies, or a supervisor resolves it with Aplazame's id, or marks it as never sent.",
        ),
        AplazameError::OutcomeUnknown { .. } => say(
            lang,
            "No se pudo consultar Aplazame. Revise la conexión e intente de nuevo.",
            "Aplazame could not be reached. Check the connection and try again.",
        ),
        AplazameError::NotCreated { order_id, state } => say(
            lang,
            format!("La financiación «{order_id}» no existe en Aplazame ({state})."),
            format!("Financing «{order_id}» does not exist at Aplazame ({state})."),
        ),
        AplazameError::NotUnknown { order_id, state } => say(
            lang,
            format!("La financiación «{order_id}» ya está resuelta ({state})."),
            format!("Financing «{order_id}» is already settled ({state})."),
        ),
        AplazameError::NotOurs {
            checkout_id, mid, ..
        } => say(
            lang,
            format!(
                "En Aplazame, «{checkout_id}» es otro pedido («{mid}»). Revise el id de Aplazame."
            ),
            format!(
                "At Aplazame, «{checkout_id}» is another order («{mid}»). Check Aplazame's id."
            ),
        ),
        AplazameError::Mismatch { fields, .. } => say(
            lang,
            format!(
                "¡Alerta! La respuesta de Aplazame no coincide con lo enviado ({}). No es una venta: no entregue el producto y avise a su supervisor.",
                fields.join(", ")
            ),
            format!(
                "Alert! Aplazame's answer does not match what was sent ({}). This is not a sale: do not hand the product over and tell your supervisor.",
                fields.join(", ")
            ),
        ),
        AplazameError::NoDecisionPending { status, reason, .. } => say(
            lang,
            format!(
                "Aplazame no espera la confirmación de la tienda ahora ({status}/{reason}). Actualice el estado."
            ),
            format!(
                "Aplazame is not waiting for the store's confirmation now ({status}/{reason}). Refresh the status."
            ),
        ),
        AplazameError::AlreadyDecided { decision, .. } => say(
            lang,
            format!("La tienda ya decidió esta financiación ({decision})."),
            format!("The store already decided this financing ({decision})."),
        ),
    }
}

fn invalid_field(lang: Lang, field: &str, value: &str) -> String {
    match field {
        "email" => say(
            lang,
            format!(
                "«{value}» no es un correo electrónico. Aplazame necesita el correo del cliente."
            ),
            format!("«{value}» is not an email address. Aplazame needs the customer's email."),
        ),
        _ => say(
            lang,
            format!("El dato «{field}» no es válido: «{value}». No se envió nada."),
            format!("The value of «{field}» is not valid: «{value}». Nothing was sent."),
        ),
    }
}

/// A cart Aplazame could not finance as typed, line numbers as the cashier sees them.
pub fn cart(lang: Lang, problem: &CartError) -> String {
    let tail_es = " No se envió nada.";
    let tail_en = " Nothing was sent.";
    let (es, en) = match problem {
        CartError::Empty => (
            "La compra no tiene artículos.".to_owned(),
            "The purchase has no articles.".to_owned(),
        ),
        CartError::NoName { line } => (
            format!("El artículo {line} no tiene nombre."),
            format!("Article {line} has no name."),
        ),
        CartError::ZeroQuantity { line } => (
            format!("El artículo {line}: la cantidad debe ser al menos 1."),
            format!("Article {line}: the quantity must be at least 1."),
        ),
        CartError::NegativePrice { line } => (
            format!("El artículo {line}: el precio no puede ser negativo."),
            format!("Article {line}: the price cannot be negative."),
        ),
        CartError::NegativeDiscount { line } => (
            format!("El artículo {line}: el descuento no puede ser negativo."),
            format!("Article {line}: the discount cannot be negative."),
        ),
        CartError::DiscountAboveLine {
            line,
            discount,
            line_amount,
        } => (
            format!("El artículo {line}: el descuento {discount} supera el importe {line_amount}."),
            format!(
                "Article {line}: the discount {discount} is more than the amount {line_amount}."
            ),
        ),
        CartError::NothingToFinance => (
            "La compra suma 0,00 €: no hay nada que financiar.".to_owned(),
            "The purchase comes to 0,00 €: there is nothing to finance.".to_owned(),
        ),
        CartError::TooLarge => (
            "Los importes son demasiado grandes.".to_owned(),
            "The amounts are too large.".to_owned(),
        ),
        CartError::TotalMismatch { total, lines } => (
            format!("El total {total} no es la suma de los artículos ({lines})."),
            format!("The total {total} is not the sum of the articles ({lines})."),
        ),
        CartError::LineMismatch { line } => (
            format!("El artículo {line} no cuadra con su precio, cantidad, IVA y descuento."),
            format!("Article {line} does not match its price, quantity, VAT and discount."),
        ),
    };
    say(lang, es + tail_es, en + tail_en)
}

/// Where a checkout stands and what the cashier does next: a headline, the advice, and its tone.
pub fn status(lang: Lang, checkout: &Checkout) -> (String, String, Tone) {
    let (headline, advice, tone) = match checkout.state {
        CreateState::Sending => (
            say(lang, "Enviando a Aplazame…", "Sending to Aplazame…"),
            say(lang, "Espere la respuesta.", "Wait for the answer."),
            Tone::Waiting,
        ),
        CreateState::NotFinanced => (
            say(
                lang,
                "Aplazame no financia esta compra",
                "Aplazame does not finance this purchase",
            ),
            say(lang, "Ofrezca otro medio de pago.", "Offer another tender."),
            Tone::Stop,
        ),
        CreateState::Refused => (
            say(
                lang,
                "Aplazame rechazó la solicitud",
                "Aplazame refused the request",
            ),
            match &checkout.refusal {
                Some(words) => say(
                    lang,
                    format!("Aplazame dice: «{words}». Corrija el dato o tome otro medio de pago."),
                    format!("Aplazame says: «{words}». Fix the value or take another tender."),
                ),
                None => say(lang, "Tome otro medio de pago.", "Take another tender."),
            },
            Tone::Stop,
        ),
        CreateState::Unknown => (
            say(lang, "Sin respuesta de Aplazame", "No answer from Aplazame"),
            say(
                lang,
                "No la envíe de nuevo. Se resuelve sola cuando Aplazame avise; si no, un supervisor la resuelve. No entregue el producto.",
                "Do not send it again. It settles by itself when Aplazame notifies; otherwise a supervisor resolves it. Do not hand the product over.",
            ),
            Tone::Waiting,
        ),
        CreateState::Abandoned => (
            say(lang, "Dada por no enviada", "Marked as never sent"),
            say(lang, "Tome otro medio de pago.", "Take another tender."),
            Tone::Stop,
        ),
        CreateState::Created if !checkout.mismatch.is_empty() => (
            say(
                lang,
                "¡Alerta! Respuesta que no coincide",
                "Alert! An answer that does not match",
            ),
            say(
                lang,
                format!(
                    "Aplazame respondió algo distinto de lo enviado en: {}. No es una venta; no entregue el producto y avise a su supervisor.",
                    answer_fields(Lang::Es, &checkout.mismatch)
                ),
                format!(
                    "Aplazame answered something different from what was sent in: {}. This is not a sale; do not hand the product over and tell your supervisor.",
                    answer_fields(Lang::En, &checkout.mismatch)
                ),
            ),
            Tone::Stop,
        ),
        CreateState::Created => reason(
            lang,
            checkout.status.as_deref().unwrap_or("pending"),
            checkout.status_reason.as_deref(),
            checkout.decision,
        ),
    };
    (headline, advice, tone)
}

/// Every status and reason of Aplazame's table, and any other as written.
pub fn reason(
    lang: Lang,
    status: &str,
    reason: Option<&str>,
    decision: Option<Decision>,
) -> (String, String, Tone) {
    use Tone::{Go, Stop, Waiting};
    let no_hand_over = ("No entregue el producto.", "Do not hand the product over.");
    let other = ("Ofrezca otro medio de pago.", "Offer another tender.");
    let (es, en, next_es, next_en, tone) = match (status, reason) {
        ("ok", _) => (
            "Financiación aprobada",
            "Financing approved",
            "Aplazame aprobó y la tienda confirmó. Entregue el producto.",
            "Aplazame approved and the store confirmed. Hand the product over.",
            Go,
        ),
        ("pending", None | Some("")) => (
            "Esperando al cliente",
            "Waiting for the customer",
            "El cliente aún no abrió la financiación en su teléfono. No entregue el producto.",
            "The customer has not opened the financing on their phone yet. Do not hand the product over.",
            Waiting,
        ),
        ("pending", Some("in_process")) => (
            "El cliente está completando la solicitud",
            "The customer is filling in the request",
            "El cliente está completando la financiación en su teléfono. Espere. No entregue el producto.",
            "The customer is completing the financing on their phone. Wait. Do not hand the product over.",
            Waiting,
        ),
        ("pending", Some("challenge_required")) => (
            "Verificación de identidad pendiente",
            "Identity check pending",
            "El cliente debe terminar la verificación de identidad en su teléfono. No entregue el producto.",
            "The customer must finish the identity check on their phone. Do not hand the product over.",
            Waiting,
        ),
        ("pending", Some("confirmation_required")) => match decision {
            Some(Decision::Ok) => (
                "Confirmada por la tienda",
                "Confirmed by the store",
                "Aplazame recibe la confirmación de la tienda. No entregue el producto hasta que diga aprobada.",
                "Aplazame is receiving the store's confirmation. Do not hand the product over until it says approved.",
                Waiting,
            ),
            Some(Decision::Ko) => (
                "Rechazada por la tienda",
                "Rejected by the store",
                "Aplazame recibe el rechazo de la tienda. Ofrezca otro medio de pago.",
                "Aplazame is receiving the store's rejection. Offer another tender.",
                Stop,
            ),
            None => (
                "Aplazame aprobó: confirme la venta",
                "Aplazame approved: confirm the sale",
                "Aplazame aceptó la financiación y espera la confirmación de la tienda. Confirme o rechace la venta.",
                "Aplazame accepted the financing and waits for the store's confirmation. Confirm or reject the sale.",
                Waiting,
            ),
        },
        ("ko", Some("expired")) => (
            "Solicitud caducada",
            "Request expired",
            "La solicitud de financiación caducó. Ofrezca otro medio de pago o cree una nueva.",
            "The financing request expired. Offer another tender or create a new one.",
            Stop,
        ),
        ("ko", Some("expired_challenge")) => (
            "Verificación de identidad caducada",
            "Identity check expired",
            "El cliente no completó la verificación de identidad a tiempo. Ofrezca otro medio de pago.",
            "The customer did not finish the identity check in time. Offer another tender.",
            Stop,
        ),
        ("ko", Some("ko_generic")) => (
            "Aplazame no aprobó la financiación",
            "Aplazame did not approve the financing",
            "La solicitud no pasó los criterios de Aplazame. Ofrezca otro medio de pago.",
            "The request did not pass Aplazame's criteria. Offer another tender.",
            Stop,
        ),
        ("ko", Some("failed_challenge")) => (
            "Verificación de identidad fallida",
            "Identity check failed",
            "El cliente no superó la verificación de identidad. Ofrezca otro medio de pago.",
            "The customer did not pass the identity check. Offer another tender.",
            Stop,
        ),
        ("ko", Some("confirmation_rejected_by_merchant")) => (
            "Rechazada por la tienda",
            "Rejected by the store",
            "La tienda rechazó la financiación. Ofrezca otro medio de pago.",
            "The store rejected the financing. Offer another tender.",
            Stop,
        ),
        ("ko", Some("merchant_failed_to_confirm")) => (
            "La tienda no confirmó a tiempo",
            "The store did not confirm in time",
            "Aplazame no recibió la confirmación de la tienda y canceló la financiación. Ofrezca otro medio de pago o cree una nueva; avise a su supervisor.",
            "Aplazame did not receive the store's confirmation and canceled the financing. Offer another tender or create a new one; tell your supervisor.",
            Stop,
        ),
        ("ko", _) => (
            "Financiación no aprobada",
            "Financing not approved",
            other.0,
            other.1,
            Stop,
        ),
        _ => (
            "Estado de Aplazame",
            "Aplazame status",
            no_hand_over.0,
            no_hand_over.1,
            Waiting,
        ),
    };
    let known = matches!(
        (status, reason),
        ("ok", _)
            | ("pending", None | Some("") | Some("in_process"))
            | (
                "pending",
                Some("challenge_required" | "confirmation_required")
            )
            | (
                "ko",
                Some(
                    "expired"
                        | "expired_challenge"
                        | "ko_generic"
                        | "failed_challenge"
                        | "confirmation_rejected_by_merchant"
                        | "merchant_failed_to_confirm"
                )
            )
    );
    let headline = if known {
        say(lang, es, en)
    } else {
        // A status or reason Aplazame added later: shown as written.
        let raw = match reason {
            Some(reason) if !reason.is_empty() => format!("{status}/{reason}"),
            _ => status.to_owned(),
        };
        say(lang, format!("{es} ({raw})"), format!("{en} ({raw})"))
    };
    (headline, say(lang, next_es, next_en), tone)
}

/// The fields of an answer that did not match what was sent, in words, each with Aplazame's own name
/// after it for whoever looks it up: `modo de prueba (sandbox), importe (total_amount)`.
pub fn answer_fields(lang: Lang, fields: &[String]) -> String {
    fields
        .iter()
        .map(|field| {
            let (es, en) = match field.as_str() {
                "sandbox" => ("modo de prueba", "test mode"),
                "total_amount" => ("importe", "amount"),
                "currency" => ("moneda", "currency"),
                "mid" => ("número de pedido", "order number"),
                other => return other.to_owned(),
            };
            let word = match lang {
                Lang::Es => es,
                Lang::En => en,
            };
            format!("{word} ({field})")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of the document's status table, and the created checkout with no reason yet.
    const TABLE: [(&str, Option<&str>); 11] = [
        ("pending", None),
        ("pending", Some("in_process")),
        ("pending", Some("confirmation_required")),
        ("pending", Some("challenge_required")),
        ("ko", Some("expired")),
        ("ko", Some("expired_challenge")),
        ("ko", Some("ko_generic")),
        ("ko", Some("failed_challenge")),
        ("ko", Some("confirmation_rejected_by_merchant")),
        ("ko", Some("merchant_failed_to_confirm")),
        ("ok", None),
    ];

    #[test]
    fn every_row_of_the_table_has_its_own_words_and_next_step_in_both_languages() {
        let mut headlines = std::collections::BTreeSet::new();
        for (status, why) in TABLE {
            for lang in [Lang::Es, Lang::En] {
                let (headline, advice, tone) = reason(lang, status, why, None);
                assert!(!headline.contains('('), "{status}/{why:?}: {headline}");
                assert!(!advice.is_empty());
                assert_eq!(tone == Tone::Go, status == "ok", "{status}/{why:?}");
                headlines.insert((lang == Lang::Es, headline));
            }
        }
        // Each row says something of its own (the two store rejections excepted: same words).
        assert!(headlines.len() >= 2 * (TABLE.len() - 1), "{headlines:?}");
        let (_, advice, _) = reason(Lang::En, "pending", Some("challenge_required"), None);
        assert!(advice.contains("identity check on their phone"), "{advice}");
        let (_, advice, _) = reason(Lang::Es, "ko", Some("ko_generic"), None);
        assert!(advice.contains("otro medio de pago"), "{advice}");
    }

    #[test]
    fn a_status_or_reason_not_in_the_table_is_shown_as_written() {
        let (headline, _, tone) = reason(Lang::Es, "ko", Some("fraud_suspected"), None);
        assert!(headline.contains("ko/fraud_suspected"), "{headline}");
        assert_eq!(tone, Tone::Stop);
        let (headline, _, tone) = reason(Lang::En, "on_hold", None, None);
        assert!(headline.contains("(on_hold)"), "{headline}");
        assert_eq!(tone, Tone::Waiting);
    }
}
