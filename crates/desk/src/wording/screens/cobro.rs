//! Cobro, the checkout: the form, the card that says what to collect and whether the product may be
//! handed over, the operations still waiting for an outcome, and the questions before paying or undoing.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    ("cobro.title", "Cobro con aCuotaz", "Checkout with aCuotaz"),
    ("cobro.customer", "DNI o RUC", "DNI or RUC"),
    (
        "cobro.customerHint",
        "DNI: 8 dígitos · RUC: 11 dígitos",
        "DNI: 8 digits · RUC: 11 digits",
    ),
    ("cobro.code", "Código de financiamiento", "Funding code"),
    (
        "cobro.codeHint",
        "El que muestra el celular del cliente",
        "The one on the customer's phone",
    ),
    ("cobro.check", "Consultar", "Check"),
    (
        "cobro.checking",
        "Consultando a aCuotaz…",
        "Asking aCuotaz…",
    ),
    (
        "cobro.paying",
        "Registrando el pago en aCuotaz…",
        "Recording the payment with aCuotaz…",
    ),
    (
        "cobro.undoing",
        "Anulando la facturación…",
        "Undoing the billing…",
    ),
    ("cobro.new", "Nuevo cobro", "New checkout"),
    (
        "cobro.keys",
        "Enter: siguiente · Esc: nuevo cobro",
        "Enter: next · Esc: new checkout",
    ),
    (
        "card.pending",
        "CUOTA INICIAL PENDIENTE — COBRAR EN TIENDA",
        "DOWN PAYMENT PENDING — COLLECT IN STORE",
    ),
    (
        "card.paid",
        "CUOTA INICIAL PAGADA — FALTA FACTURAR",
        "DOWN PAYMENT PAID — NOT BILLED YET",
    ),
    ("card.done", "PAGADO Y FACTURADO", "PAID AND BILLED"),
    ("card.unknown", "RESULTADO DESCONOCIDO", "OUTCOME UNKNOWN"),
    (
        "card.collect",
        "Cobrar al cliente",
        "Collect from the customer",
    ),
    (
        "card.nothingToCollect",
        "Nada que cobrar: la cuota inicial ya está pagada",
        "Nothing to collect: the down payment is already paid",
    ),
    (
        "card.nothingToCollectOnline",
        "Nada que cobrar: ya se pagó en línea",
        "Nothing to collect: paid online",
    ),
    (
        "card.handover",
        "Puede entregar el producto",
        "You may hand over the product",
    ),
    (
        "card.unknownBig",
        "NO entregue el producto todavía",
        "Do NOT hand over the product yet",
    ),
    (
        "card.unknownText",
        "aCuotaz no confirmó la operación: vuelva a consultar antes de entregar.",
        "aCuotaz did not confirm the operation: check again before handing over.",
    ),
    ("card.recheck", "Consultar de nuevo", "Check again"),
    (
        "pending.title",
        "Resultado por confirmar ({count}):",
        "Outcome to be confirmed ({count}):",
    ),
    (
        "pending.text",
        "Caja lo está verificando con aCuotaz. No entregue esos productos hasta que desaparezcan de esta lista.",
        "Caja is verifying it with aCuotaz. Do not hand over those products until they leave this list.",
    ),
    ("card.customer", "Cliente", "Customer"),
    ("card.code", "Código", "Code"),
    ("card.total", "Total de la compra", "Purchase total"),
    ("card.downpayment", "Cuota inicial", "Down payment"),
    ("card.channel", "Canal de pago", "Payment channel"),
    ("card.billing", "Facturación", "Billing"),
    ("card.billed", "Facturado", "Billed"),
    ("card.notBilled", "Sin facturar", "Not billed"),
    (
        "card.pay",
        "Marcar pagado y facturado",
        "Mark paid and billed",
    ),
    ("card.undo", "Anular facturación", "Undo billing"),
    ("channel.Tienda", "Pago en tienda", "Paid in store"),
    (
        "channel.aCuotaz",
        "Pagado en línea (aCuotaz)",
        "Paid online (aCuotaz)",
    ),
    ("confirm.payTitle", "Confirmar pago", "Confirm payment"),
    (
        "confirm.payQuestion",
        "¿Recibió {amount} del cliente?",
        "Did you receive {amount} from the customer?",
    ),
    (
        "confirm.payZeroQuestion",
        "¿Marcar el código {code} como facturado?",
        "Mark code {code} as billed?",
    ),
    (
        "confirm.payDetail",
        "Se marcará el código {code} como pagado y facturado en aCuotaz.",
        "Code {code} will be marked paid and billed at aCuotaz.",
    ),
    (
        "confirm.payZeroDetail",
        "La cuota inicial ya está pagada; no cobre nada al cliente.",
        "The down payment is already paid; collect nothing from the customer.",
    ),
    ("confirm.payYes", "Sí, marcar pagado", "Yes, mark paid"),
    ("confirm.undoTitle", "Anular facturación", "Undo billing"),
    (
        "confirm.undoQuestion",
        "¿Anular la facturación del código {code}?",
        "Undo the billing of code {code}?",
    ),
    (
        "confirm.undoDetail",
        "La cuota inicial sigue pagada; solo se anula la facturación.",
        "The down payment stays paid; only the billing is undone.",
    ),
    ("confirm.undoYes", "Sí, anular", "Yes, undo"),
    ("confirm.cancel", "Cancelar", "Cancel"),
    (
        "confirm.keys",
        "Enter: confirmar · Esc: cancelar",
        "Enter: confirm · Esc: cancel",
    ),
];
