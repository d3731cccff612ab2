//! Cobro's payment: how a down payment was paid (the tender picker and its details), the change
//! (vuelto), the receipt, and the banner when no shift is open to take money in.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    (
        "cobro.noShift",
        "No hay turno abierto — ábralo en Turno (F6)",
        "No shift is open — open it in Turno (F6)",
    ),
    (
        "cobro.noShiftPay",
        "No hay un turno abierto: ábralo en Turno (F6) contando el fondo de caja. No se envió nada.",
        "No shift is open: open it in Turno (F6) by counting the float. Nothing was sent.",
    ),
    // The tenders' names: the same words as `wording::shift::tender` (a test below keeps them equal).
    ("tender.cash", "Efectivo", "Cash"),
    ("tender.card", "Tarjeta", "Card"),
    ("tender.yapePlin", "Yape/Plin", "Yape/Plin"),
    ("tender.transfer", "Transferencia", "Transfer"),
    (
        "tender.question",
        "¿Cómo pagó el cliente?",
        "How did the customer pay?",
    ),
    (
        "tender.amount",
        "Cuota inicial a cobrar",
        "Down payment to collect",
    ),
    (
        "tender.received",
        "Monto recibido (S/)",
        "Amount received (S/)",
    ),
    (
        "tender.receivedHint",
        "Lo que entregó el cliente; ya dice el monto exacto.",
        "What the customer handed over; it starts at the exact amount.",
    ),
    ("tender.change", "Vuelto", "Change"),
    ("tender.short", "Falta", "Short by"),
    ("tender.changeToGive", "Vuelto a entregar", "Change to give"),
    ("tender.collected", "Cobrado", "Collected"),
    ("tender.none", "Sin medio de pago", "No tender"),
    (
        "tender.last4",
        "Últimos 4 dígitos de la tarjeta (opcional)",
        "Card's last 4 digits (optional)",
    ),
    (
        "tender.authorization",
        "Código de autorización (opcional)",
        "Authorization code (optional)",
    ),
    (
        "tender.cardHint",
        "Los que imprime el voucher del terminal de la tienda.",
        "As printed on the store terminal's voucher.",
    ),
    (
        "tender.accountHint",
        "Revise que el pago llegó a la cuenta de la tienda antes de confirmar.",
        "Check the payment reached the store's account before confirming.",
    ),
    (
        "tender.pickHint",
        "Pulse 1, 2, 3 o 4 para elegir.",
        "Press 1, 2, 3 or 4 to choose.",
    ),
    (
        "tender.needed",
        "Elija cómo pagó el cliente (1–4) antes de confirmar.",
        "Choose how the customer paid (1–4) before confirming.",
    ),
    (
        "tender.notReady",
        "Revise el monto recibido o los dígitos de la tarjeta.",
        "Check the amount received or the card's digits.",
    ),
    (
        "tender.keys",
        "1–4: medio de pago · Enter: confirmar · Esc: volver",
        "1–4: tender · Enter: confirm · Esc: back",
    ),
    ("receipt.print", "Imprimir comprobante", "Print receipt"),
    (
        "receipt.reprintKey",
        "F8: reimprimir el último comprobante",
        "F8: print the last receipt again",
    ),
    (
        "receipt.printing",
        "Imprimiendo el comprobante…",
        "Printing the receipt…",
    ),
    ("receipt.printed", "Comprobante impreso", "Receipt printed"),
    (
        "receipt.reprinted",
        "Comprobante reimpreso",
        "Receipt printed again",
    ),
    ("receipt.on", "en {printer}.", "on {printer}."),
    ("receipt.pdf", "como PDF: {path}", "as a PDF: {path}"),
];

#[cfg(test)]
mod tests {
    use super::WORDS;
    use crate::wording::{Lang, shift};
    use till::tender::Tender;

    /// The picker's names are the tenders' names the backend answers with (`tenderLabel`).
    #[test]
    fn the_tenders_are_named_as_the_backend_names_them() {
        for (key, tender) in [
            ("tender.cash", Tender::Cash),
            ("tender.card", Tender::Card),
            ("tender.yapePlin", Tender::YapePlin),
            ("tender.transfer", Tender::Transfer),
        ] {
            let (_, es, en) = WORDS.iter().find(|word| word.0 == key).expect(key);
            assert_eq!(*es, shift::tender(Lang::Es, tender), "{key}");
            assert_eq!(*en, shift::tender(Lang::En, tender), "{key}");
        }
    }
}
