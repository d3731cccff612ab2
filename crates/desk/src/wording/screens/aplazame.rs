//! The Aplazame screen (Spain, F1 in place of Cobro): the cart typed as on the shelf (prices with IVA),
//! the customer, "Pedir financiación", the card followed until Aplazame and the store agree, the
//! cashier's confirmation or rejection, and the creates without an answer that a supervisor settles.
//! Where a checkout stands (`headline`, `advice`) and every refusal come from the backend.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    ("nav.aplazame", "Aplazame", "Aplazame"),
    (
        "aplazame.title",
        "Aplazame: financiación en tienda",
        "Aplazame: in-store financing",
    ),
    (
        "aplazame.lead",
        "Escriba los artículos como en la etiqueta (precio con IVA) y los datos del cliente. Enter pasa al campo siguiente; Ctrl+Enter pide la financiación.",
        "Type the articles as on the label (price with VAT) and the customer's details. Enter moves to the next field; Ctrl+Enter asks for the financing.",
    ),
    ("aplazame.articles", "Artículos", "Articles"),
    ("aplazame.name", "Artículo", "Article"),
    ("aplazame.quantity", "Cant.", "Qty"),
    (
        "aplazame.unitPrice",
        "Precio con IVA (€)",
        "Price with VAT (€)",
    ),
    ("aplazame.vat", "IVA", "VAT"),
    ("aplazame.discount", "Descuento (€)", "Discount (€)"),
    ("aplazame.addLine", "Añadir artículo", "Add article"),
    ("aplazame.removeLine", "Quitar", "Remove"),
    ("aplazame.total", "Total a financiar", "Total to finance"),
    (
        "aplazame.totalPending",
        "Complete los artículos",
        "Fill in the articles",
    ),
    ("aplazame.customer", "Cliente", "Customer"),
    ("aplazame.customerName", "Nombre y apellidos", "Full name"),
    ("aplazame.email", "Correo electrónico", "E-mail"),
    ("aplazame.phone", "Teléfono móvil", "Mobile phone"),
    ("aplazame.document", "DNI / NIE / CIF", "DNI / NIE / CIF"),
    ("aplazame.optional", "opcional", "optional"),
    ("aplazame.create", "Pedir financiación", "Ask for financing"),
    (
        "aplazame.creating",
        "Enviando a Aplazame…",
        "Sending to Aplazame…",
    ),
    (
        "aplazame.cardTitle",
        "Financiación Aplazame",
        "Aplazame financing",
    ),
    (
        "aplazame.status",
        "Estado en Aplazame: {status}",
        "Status at Aplazame: {status}",
    ),
    (
        "aplazame.handover",
        "Entregue el producto",
        "Hand the product over",
    ),
    (
        "aplazame.noHandover",
        "NO entregue el producto",
        "Do NOT hand the product over",
    ),
    (
        "aplazame.following",
        "Caja consulta a Aplazame cada 2 segundos; no hace falta tocar nada.",
        "Caja asks Aplazame every 2 seconds; nothing needs touching.",
    ),
    (
        "aplazame.alert",
        "No es una venta. Distinto de lo enviado: {fields}",
        "This is not a sale. Different from what was sent: {fields}",
    ),
    ("aplazame.confirm", "Confirmar", "Confirm"),
    ("aplazame.reject", "Rechazar", "Reject"),
    (
        "aplazame.rejectReason",
        "Motivo del rechazo",
        "Why it is rejected",
    ),
    (
        "aplazame.rejectHint",
        "Por ejemplo: el cliente cambió de idea, el producto no está disponible.",
        "For instance: the customer changed their mind, the product is not available.",
    ),
    (
        "aplazame.rejectYes",
        "Rechazar la financiación",
        "Reject the financing",
    ),
    ("aplazame.back", "Volver", "Back"),
    (
        "aplazame.otherTender",
        "Ofrecer otro medio de pago",
        "Offer another tender",
    ),
    ("aplazame.new", "Nueva venta", "New sale"),
    ("aplazame.order", "Pedido", "Order"),
    ("aplazame.checkoutId", "Id. en Aplazame", "Aplazame id"),
    ("aplazame.created", "Creada", "Created"),
    (
        "aplazame.decided",
        "Decisión de la tienda",
        "The store's decision",
    ),
    (
        "aplazame.decidedOk",
        "Confirmada ({who})",
        "Confirmed ({who})",
    ),
    (
        "aplazame.decidedKo",
        "Rechazada ({who})",
        "Rejected ({who})",
    ),
    ("aplazame.byRule", "regla automática", "automatic rule"),
    (
        "aplazame.unknownTitle",
        "Solicitudes sin respuesta de Aplazame",
        "Requests without an answer from Aplazame",
    ),
    (
        "aplazame.unknownLead",
        "No se envían de nuevo. Un supervisor las resuelve: con el id. de Aplazame si aparece en su panel, o como no enviadas.",
        "They are never sent again. A supervisor resolves them: with Aplazame's id if its panel shows one, or as never sent.",
    ),
    ("aplazame.resolve", "Resolver", "Resolve"),
    (
        "aplazame.resolveQuestion",
        "¿Resolver la solicitud {order}?",
        "Resolve request {order}?",
    ),
    (
        "aplazame.resolveDetail",
        "Con el id. de Aplazame la solicitud se sigue como creada; vacío, queda como no enviada.",
        "With Aplazame's id the request is followed as created; empty, it stays as never sent.",
    ),
    (
        "aplazame.resolveId",
        "Id. en Aplazame (vacío: no enviada)",
        "Aplazame id (empty: never sent)",
    ),
];
