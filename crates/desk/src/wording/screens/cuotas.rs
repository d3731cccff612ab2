//! Venta a cuotas (F7): the amounts aCuotaz finances, the form that starts a credit sale, the order
//! with its QR code, status and actions (confirm, cancel, refund with a supervisor's PIN), its refunds,
//! and today's orders. Each status's label and advice, the calls' names and every refusal come from the
//! backend (`statusLabel`, `advice`, `actionLabel`, `stateLabel`, the error's `message`) and are not
//! repeated here; so are the titles above the orders' errors.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    ("nav.cuotas", "Cuotas", "Credit"),
    (
        "cuotas.limits",
        "aCuotaz financia de {min} a {max}",
        "aCuotaz finances from {min} to {max}",
    ),
    (
        "cuotas.limitsSteps",
        "en {minSteps} a {maxSteps} cuotas",
        "in {minSteps} to {maxSteps} installments",
    ),
    ("cuotas.limitsRead", "leído {time}", "read {time}"),
    (
        "cuotas.limitsCached",
        "copia guardada del {time}: aCuotaz no respondió",
        "saved copy of {time}: aCuotaz did not answer",
    ),
    (
        "cuotas.limitsLoading",
        "Consultando los montos que financia aCuotaz…",
        "Asking aCuotaz which amounts it finances…",
    ),
    ("cuotas.limitsRefresh", "Actualizar", "Refresh"),
    ("cuotas.newTitle", "Nueva venta a cuotas", "New credit sale"),
    ("cuotas.amount", "Monto de la compra", "Purchase amount"),
    (
        "cuotas.amountHint",
        "En soles, por ejemplo 1499.90",
        "In soles, for example 1499.90",
    ),
    (
        "cuotas.amountInvalid",
        "Escriba el monto en soles, con hasta dos decimales (por ejemplo 1499.90).",
        "Type the amount in soles, with at most two decimals (for example 1499.90).",
    ),
    (
        "cuotas.outsideLimits",
        "aCuotaz no financia {amount}: solo compras de {min} a {max}. Ofrezca otro medio de pago.",
        "aCuotaz does not finance {amount}: only purchases from {min} to {max}. Offer another way to pay.",
    ),
    ("cuotas.description", "Qué compra", "What is being bought"),
    (
        "cuotas.descriptionHint",
        "Producto y modelo, de 3 a 200 caracteres",
        "Product and model, 3 to 200 characters",
    ),
    ("cuotas.dni", "DNI del cliente", "Customer's DNI"),
    ("cuotas.dniHint", "8 dígitos", "8 digits"),
    ("cuotas.name", "Nombre del cliente", "Customer's name"),
    (
        "cuotas.nameHint",
        "Nombres y apellidos",
        "Given names and surnames",
    ),
    ("cuotas.phone", "Celular del cliente", "Customer's mobile"),
    (
        "cuotas.phoneHint",
        "9 dígitos, empieza con 9",
        "9 digits, starting with 9",
    ),
    (
        "cuotas.sms",
        "Enviar el enlace por SMS",
        "Send the link by text message",
    ),
    ("cuotas.create", "Crear pedido", "Create the order"),
    (
        "cuotas.creating",
        "Creando el pedido en aCuotaz…",
        "Creating the order at aCuotaz…",
    ),
    (
        "cuotas.formKeys",
        "Enter pasa al campo siguiente; en el último, crea el pedido.",
        "Enter moves to the next field; on the last one it creates the order.",
    ),
    (
        "cuotas.scan",
        "El cliente escanea este código con la cámara de su celular",
        "The customer scans this code with their phone's camera",
    ),
    ("cuotas.printQr", "Imprimir QR", "Print the QR"),
    (
        "cuotas.qrPrinting",
        "Imprimiendo el código QR…",
        "Printing the QR code…",
    ),
    ("cuotas.qrPrinted", "Código QR impreso", "QR code printed"),
    ("cuotas.order", "Pedido", "Order"),
    ("cuotas.orderAmount", "Monto", "Amount"),
    ("cuotas.customer", "Cliente", "Customer"),
    ("cuotas.orderDescription", "Compra", "Purchase"),
    ("cuotas.expires", "Vence", "Expires"),
    ("cuotas.createdAt", "Creado", "Created"),
    (
        "cuotas.statusAt",
        "Estado leído {time}",
        "Status read {time}",
    ),
    (
        "cuotas.smsSent",
        "Enlace enviado por SMS al {phone}",
        "Link sent by text message to {phone}",
    ),
    (
        "cuotas.handover",
        "Puede entregar el producto",
        "You can hand the product over",
    ),
    (
        "cuotas.pendingCall",
        "{action}: sin respuesta, Caja reintenta",
        "{action}: no answer yet, Caja tries again",
    ),
    ("cuotas.confirm", "Confirmar", "Confirm"),
    ("cuotas.confirmedLabel", "Tienda", "Store"),
    (
        "cuotas.confirmedText",
        "Pedido confirmado: la tienda lo atiende",
        "Order confirmed: the store takes it",
    ),
    ("cuotas.cancel", "Anular", "Cancel the order"),
    ("cuotas.refund", "Devolución", "Refund"),
    ("cuotas.newSale", "Nueva venta", "New sale"),
    (
        "cuotas.working",
        "Enviando a aCuotaz…",
        "Sending to aCuotaz…",
    ),
    ("cuotas.cancelTitle", "Anular pedido", "Cancel the order"),
    (
        "cuotas.cancelQuestion",
        "¿Anular el pedido {order} de {amount}?",
        "Cancel order {order} of {amount}?",
    ),
    (
        "cuotas.cancelDetail",
        "El cliente ya no podrá completar este crédito. Para volver a vender a cuotas habrá que crear un pedido nuevo.",
        "The customer will no longer be able to complete this credit. Selling on credit again needs a new order.",
    ),
    ("cuotas.cancelYes", "Sí, anular", "Yes, cancel it"),
    ("cuotas.refundTitle", "Devolución", "Refund"),
    (
        "cuotas.refundQuestion",
        "Devolución del pedido {order}",
        "Refund of order {order}",
    ),
    (
        "cuotas.refundDetail",
        "Financiado {amount}; ya devuelto {refunded}; queda {left}. aCuotaz devuelve al cliente por su propio medio.",
        "Funded {amount}; refunded so far {refunded}; {left} left. aCuotaz pays the customer back its own way.",
    ),
    (
        "cuotas.refundTotal",
        "Total (todo lo que queda)",
        "Total (all that is left)",
    ),
    ("cuotas.refundPartial", "Parcial", "Partial"),
    (
        "cuotas.refundAmount",
        "Monto a devolver",
        "Amount to refund",
    ),
    (
        "cuotas.refundAbove",
        "Solo quedan {left} por devolver.",
        "Only {left} is left to refund.",
    ),
    ("cuotas.refundYes", "Devolver", "Refund"),
    ("cuotas.refunds", "Devoluciones", "Refunds"),
    ("cuotas.refundMethod", "Medio", "Method"),
    (
        "cuotas.refundTracking",
        "N.º de seguimiento",
        "Tracking number",
    ),
    ("cuotas.refundState", "Estado", "State"),
    ("cuotas.refundApprover", "Autorizó", "Approved by"),
    (
        "cuotas.refundedLeft",
        "Devuelto {refunded} · queda {left}",
        "Refunded {refunded} · {left} left",
    ),
    (
        "cuotas.listTitle",
        "Pedidos de hoy y abiertos",
        "Today's and open orders",
    ),
    (
        "cuotas.listEmpty",
        "Todavía no hay ventas a cuotas hoy.",
        "No credit sales today yet.",
    ),
    (
        "cuotas.listKeys",
        "↑ ↓ elige un pedido",
        "↑ ↓ picks an order",
    ),
    ("cuotas.open", "abierto", "open"),
    (
        "error.orders_not_configured",
        "Faltan ajustes de ventas a cuotas",
        "Credit sale settings missing",
    ),
    (
        "error.amount_outside_limits",
        "Monto fuera de lo que financia aCuotaz",
        "Amount outside what aCuotaz finances",
    ),
    (
        "error.limits_unavailable",
        "Sin los montos de aCuotaz",
        "aCuotaz's amounts unavailable",
    ),
    (
        "error.order_refused",
        "aCuotaz no lo aceptó",
        "aCuotaz did not accept it",
    ),
    (
        "error.order_outcome_unknown",
        "Sin respuesta de aCuotaz",
        "No answer from aCuotaz",
    ),
    (
        "error.order_not_refundable",
        "No se puede devolver",
        "Cannot be refunded",
    ),
    (
        "error.refund_above_left",
        "Más de lo que queda",
        "More than is left",
    ),
];
