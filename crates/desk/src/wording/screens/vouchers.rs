//! Cobro's "Transferencia / Yape" (aPagos vouchers): the form that registers the customer's transfer
//! (its receipt from a file or from the customer's phone through a QR code), the card that follows it
//! until aPagos validates it and Caja bills it, the supervisor's decisions on it, the transfers without
//! an answer in the open-operations strip, and Ajustes' bank accounts. Where a voucher stands
//! (`headline`, `advice`, `statusLabel`) and every refusal come from the backend and are not repeated.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    // The picker's key 4: aPagos checks bank transfers and Yape transfers to the store's accounts.
    (
        "tender.transferVoucher",
        "Transferencia / Yape",
        "Transfer / Yape",
    ),
    (
        "tender.transferHint",
        "Enter abre el registro del comprobante del cliente. aPagos lo valida y Caja factura sola.",
        "Enter opens the customer's receipt form. aPagos validates it and Caja bills by itself.",
    ),
    ("tender.next", "Continuar", "Continue"),
    (
        "voucher.formTitle",
        "Transferencia / Yape: comprobante del cliente",
        "Transfer / Yape: the customer's receipt",
    ),
    (
        "voucher.formFor",
        "Cuota inicial del código {code}: {amount}",
        "Down payment of code {code}: {amount}",
    ),
    (
        "voucher.amount",
        "Monto transferido (S/)",
        "Amount transferred (S/)",
    ),
    (
        "voucher.amountHint",
        "Empieza con la cuota inicial; escriba lo que dice el comprobante.",
        "Starts at the down payment; type what the receipt says.",
    ),
    // Short: the day field's three buttons sit beside it.
    ("voucher.date", "Fecha (dd/mm/aaaa)", "Date (dd/mm/yyyy)"),
    (
        "voucher.operation",
        "Número de operación",
        "Operation number",
    ),
    (
        "voucher.operationHint",
        "De 4 a 20 dígitos, como en el comprobante",
        "4 to 20 digits, as on the receipt",
    ),
    (
        "voucher.account",
        "Cuenta de la tienda que recibió",
        "Store account that received it",
    ),
    ("voucher.dni", "DNI de quien transfirió", "DNI of the payer"),
    (
        "voucher.name",
        "Nombre completo de quien transfirió",
        "Full name of the payer",
    ),
    (
        "voucher.nameHint",
        "Como aparece en el comprobante",
        "As the receipt shows it",
    ),
    ("voucher.detail", "Detalle (opcional)", "Detail (optional)"),
    (
        "voucher.receipt",
        "Comprobante (captura o PDF)",
        "Receipt (screenshot or PDF)",
    ),
    ("voucher.receiptPick", "Elegir archivo", "Choose file"),
    (
        "voucher.receiptDrop",
        "o arrástrelo aquí, o péguelo con Ctrl+V",
        "or drag it here, or paste it with Ctrl+V",
    ),
    (
        "voucher.receiptUploading",
        "Subiendo el comprobante…",
        "Uploading the receipt…",
    ),
    (
        "voucher.receiptReady",
        "Comprobante listo ({kind})",
        "Receipt ready ({kind})",
    ),
    (
        "voucher.receiptChange",
        "Elegir otro archivo",
        "Choose another file",
    ),
    (
        "voucher.receiptNeeded",
        "Adjunte el comprobante del cliente antes de registrar.",
        "Attach the customer's receipt before registering.",
    ),
    (
        "voucher.phoneStart",
        "QR para el celular del cliente",
        "QR for the customer's phone",
    ),
    (
        "voucher.phoneText",
        "El cliente escanea el código con su celular y envía la captura. Sin app. Vence a las {time}.",
        "The customer scans the code with their phone and sends the screenshot. No app. Expires at {time}.",
    ),
    (
        "voucher.phoneWaiting",
        "Esperando la captura del cliente…",
        "Waiting for the customer's screenshot…",
    ),
    (
        "voucher.phoneReceived",
        "Captura recibida desde el celular del cliente",
        "Screenshot received from the customer's phone",
    ),
    (
        "voucher.phoneClosed",
        "El enlace venció o ya se usó: muestre otro QR.",
        "The link expired or was used: show another QR.",
    ),
    (
        "voucher.register",
        "Registrar transferencia",
        "Register transfer",
    ),
    (
        "voucher.registering",
        "Registrando en aPagos…",
        "Registering with aPagos…",
    ),
    (
        "voucher.keys",
        "Enter: siguiente campo · Enter en el último: registrar · Esc: volver",
        "Enter: next field · Enter on the last: register · Esc: back",
    ),
    (
        "voucher.cardTitle",
        "TRANSFERENCIA / YAPE",
        "TRANSFER / YAPE",
    ),
    // The title above a register or a read without an answer (the message says what to do).
    (
        "voucher.noAnswer",
        "Sin respuesta de aPagos",
        "No answer from aPagos",
    ),
    (
        "voucher.noHandover",
        "NO entregue el producto",
        "Do NOT hand over the product",
    ),
    (
        "voucher.following",
        "Caja consulta a aPagos sola; no hace falta hacer nada.",
        "Caja asks aPagos by itself; nothing to do meanwhile.",
    ),
    ("voucher.typed", "Registrado", "Registered"),
    ("voucher.validated", "Según aPagos", "According to aPagos"),
    ("voucher.rowAmount", "Monto", "Amount"),
    ("voucher.rowDate", "Fecha", "Date"),
    ("voucher.rowOperation", "N.º de operación", "Operation no."),
    ("voucher.rowAccount", "Cuenta", "Account"),
    ("voucher.status", "aPagos: {status}", "aPagos: {status}"),
    ("voucher.id", "Transferencia", "Transfer"),
    ("voucher.payer", "Pagó", "Paid by"),
    ("voucher.registered", "Registrada", "Registered at"),
    (
        "voucher.bankOperation",
        "Operación del banco",
        "Bank's operation",
    ),
    (
        "voucher.corrected",
        "aPagos corrigió lo registrado: valen sus datos (en rojo).",
        "aPagos corrected what was registered: its values count (in red).",
    ),
    (
        "voucher.differs",
        "aPagos validó {validated}; la cuota inicial es {collect}.",
        "aPagos validated {validated}; the down payment is {collect}.",
    ),
    (
        "voucher.accept",
        "Aceptar el monto (supervisor)",
        "Accept the amount (supervisor)",
    ),
    (
        "voucher.reject",
        "Rechazar (supervisor)",
        "Reject (supervisor)",
    ),
    ("voucher.acceptYes", "Sí, aceptar", "Yes, accept"),
    ("voucher.rejectYes", "Sí, rechazar", "Yes, reject"),
    (
        "voucher.acceptTitle",
        "Aceptar el monto validado",
        "Accept the validated amount",
    ),
    (
        "voucher.acceptQuestion",
        "¿Aceptar {validated} como pago de la cuota inicial de {collect}?",
        "Accept {validated} as payment of the {collect} down payment?",
    ),
    (
        "voucher.acceptDetail",
        "Caja enviará el pagado y facturado a aCuotaz. La diferencia se arregla con el cliente.",
        "Caja will send paid-and-billed to aCuotaz. The difference is settled with the customer.",
    ),
    (
        "voucher.rejectTitle",
        "Rechazar la transferencia",
        "Reject the transfer",
    ),
    (
        "voucher.rejectQuestion",
        "¿Rechazar {validated} para la cuota inicial de {collect}?",
        "Reject {validated} for the {collect} down payment?",
    ),
    (
        "voucher.rejectDetail",
        "No se factura nada. El cajero cobra la inicial de otra forma.",
        "Nothing is billed. The cashier takes the down payment another way.",
    ),
    ("voucher.cancel", "Anular transferencia", "Cancel transfer"),
    (
        "voucher.cancelQuestion",
        "¿Anular la transferencia {id} en aPagos?",
        "Cancel transfer {id} at aPagos?",
    ),
    (
        "voucher.cancelDetail",
        "aPagos deja de validarla y no se factura. Si ya cambió de estado, Caja lo dice antes de insistir.",
        "aPagos stops validating it and nothing is billed. If its status changed, Caja says so before trying again.",
    ),
    ("voucher.cancelYes", "Sí, anular", "Yes, cancel"),
    (
        "voucher.cancelAgain",
        "Sí, anular de todos modos",
        "Yes, cancel anyway",
    ),
    (
        "voucher.otherTender",
        "Cobrar de otra forma",
        "Take another tender",
    ),
    (
        "voucher.unknownTitle",
        "Transferencias sin respuesta de aPagos ({count}):",
        "Transfers without an answer from aPagos ({count}):",
    ),
    (
        "voucher.unknownText",
        "No registre otra para esos códigos ni entregue el producto: llegará el aviso de aPagos, o un supervisor la resuelve.",
        "Do not register another for those codes nor hand over the product: aPagos' notice will arrive, or a supervisor resolves it.",
    ),
    ("voucher.resolve", "Resolver", "Resolve"),
    (
        "voucher.resolveTitle",
        "Resolver una transferencia sin respuesta",
        "Resolve a transfer without an answer",
    ),
    (
        "voucher.resolveQuestion",
        "¿Qué pasó con la transferencia {id}?",
        "What happened to transfer {id}?",
    ),
    (
        "voucher.resolveDetail",
        "Búsquela en aPagos por su número de orden ({id}). Si está, escriba su número de aPagos; si no está, deje el número vacío: queda como no enviada y puede registrarse otra.",
        "Look it up at aPagos by its order number ({id}). If it is there, type its aPagos number; if not, leave the number empty: it is marked as never sent and another may be registered.",
    ),
    (
        "voucher.requestId",
        "Número de aPagos (request_id, 24 caracteres)",
        "aPagos number (request_id, 24 characters)",
    ),
    (
        "voucher.requestIdHint",
        "Vacío: aPagos no la tiene (no se envió)",
        "Empty: aPagos does not have it (never sent)",
    ),
    ("voucher.resolveYes", "Resolver", "Resolve"),
    (
        "settings.bankAccounts",
        "Cuentas bancarias (aPagos)",
        "Bank accounts (aPagos)",
    ),
    (
        "settings.bankAccountsHint",
        "Una por línea, como las registró aPagos (BCP-SOLES-001). Vacío en el simulador: sus cuentas de prueba. Cambiarlas pide un supervisor.",
        "One per line, as aPagos registered them (BCP-SOLES-001). Empty on the simulator: its demo accounts. Changing them needs a supervisor.",
    ),
];
