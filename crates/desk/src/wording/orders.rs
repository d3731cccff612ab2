//! Words for credit sales (aCuotaz orders): each status in the cashier's words with what to do next,
//! the calls' names, the provider's documented refusals said for the cashier, and what is wrong with
//! what was typed for an order or set for credit sales in Ajustes.

use providers::apurata::orders::OrderStatus;
use till::error::{InputProblem, OrderAction, OrderError, OrderRefusal};

use super::{Explain, Lang, say};

/// How a status looks: waiting (amber), go (green, hand over), stop (red: nothing to hand over),
/// unknown (grey: Caja cannot tell yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    Waiting,
    Go,
    Stop,
    Unknown,
}

/// A status's label, what the cashier does now, and its tone.
pub fn status(lang: Lang, status: &OrderStatus) -> (String, String, Tone) {
    use OrderStatus::*;
    let (es, en, advice_es, advice_en, tone) = match status {
        Initial => (
            "Esperando al cliente",
            "Waiting for the customer",
            "Pida al cliente que escanee el código QR con su celular (o abra el SMS) y complete la solicitud. Todavía no entregue el producto.",
            "Ask the customer to scan the QR code with their phone (or open the text message) and fill in the application. Do not hand the product over yet.",
            Tone::Waiting,
        ),
        Created => (
            "Solicitud en curso",
            "Application in progress",
            "El cliente está llenando la solicitud en su celular. Espere; todavía no entregue el producto.",
            "The customer is filling in the application on their phone. Wait; do not hand the product over yet.",
            Tone::Waiting,
        ),
        OnHold => (
            "En revisión",
            "On hold",
            "aCuotaz está revisando la solicitud. Puede tardar unos minutos: atienda a otro cliente y vuelva. No entregue el producto.",
            "aCuotaz is reviewing the application. It may take a few minutes: serve another customer and come back. Do not hand the product over.",
            Tone::Waiting,
        ),
        Approved => (
            "Aprobado — todavía no entregar",
            "Approved — do not hand over yet",
            "El crédito fue aprobado. Confirme el pedido si tiene el producto; el cliente paga la inicial (en línea o en esta caja con su código). Entregue solo cuando diga «Financiado».",
            "The credit was approved. Confirm the order if the product is in stock; the customer pays the down payment (online or at this till with their code). Hand over only when it says «Funded».",
            Tone::Waiting,
        ),
        Validated => (
            "Validado — esperando el desembolso",
            "Validated — waiting for funding",
            "La inicial está validada. Si el cliente eligió pagarla aquí, cóbrela en Cobro con su DNI y código. Entregue solo cuando diga «Financiado».",
            "The down payment is validated. If the customer chose to pay it here, take it in Cobro with their DNI and code. Hand over only when it says «Funded».",
            Tone::Waiting,
        ),
        Funded => (
            "Financiado — puede entregar",
            "Funded — hand the product over",
            "aCuotaz financió la compra. Emita el comprobante y entregue el producto.",
            "aCuotaz funded the purchase. Issue the invoice and hand the product over.",
            Tone::Go,
        ),
        Rejected => (
            "Rechazado",
            "Rejected",
            "aCuotaz no aprobó el crédito. No entregue el producto; ofrezca otro medio de pago.",
            "aCuotaz did not approve the credit. Do not hand the product over; offer another way to pay.",
            Tone::Stop,
        ),
        Canceled => (
            "Anulado",
            "Canceled",
            "El pedido fue anulado (o venció). No entregue el producto; si el cliente aún quiere comprar, cree un pedido nuevo.",
            "The order was canceled (or expired). Do not hand the product over; if the customer still wants to buy, create a new order.",
            Tone::Stop,
        ),
        Expired => (
            "Vencido",
            "Expired",
            "El pedido venció sin completarse. No entregue el producto; cree un pedido nuevo si el cliente aún quiere comprar.",
            "The order expired unfinished. Do not hand the product over; create a new order if the customer still wants to buy.",
            Tone::Stop,
        ),
        Other(text) => {
            return (
                text.clone(),
                say(
                    lang,
                    format!(
                        "aCuotaz indica «{text}», un estado que Caja no conoce. No entregue el producto; consulte con su supervisor."
                    ),
                    format!(
                        "aCuotaz says «{text}», a status Caja does not know. Do not hand the product over; ask your supervisor."
                    ),
                ),
                Tone::Unknown,
            );
        }
    };
    (say(lang, es, en), say(lang, advice_es, advice_en), tone)
}

/// A creation journaled and not answered yet.
pub fn sending(lang: Lang) -> (String, String, Tone) {
    (
        say(lang, "Enviando a aCuotaz…", "Sending to aCuotaz…"),
        say(
            lang,
            "Espere la respuesta; no cree el pedido otra vez.",
            "Wait for the answer; do not create the order again.",
        ),
        Tone::Waiting,
    )
}

/// A creation whose answer was lost: Caja sends the same body again until it knows.
pub fn creation_unknown(lang: Lang) -> (String, String, Tone) {
    (
        say(lang, "Sin respuesta de aCuotaz", "No answer from aCuotaz"),
        say(
            lang,
            "No se sabe si el pedido se creó. Caja reenvía exactamente el mismo pedido hasta saberlo (nunca crea dos). No entregue el producto.",
            "It is not known whether the order was created. Caja sends exactly the same order again until it knows (never two). Do not hand the product over.",
        ),
        Tone::Unknown,
    )
}

/// A creation the provider refused, with its words.
pub fn not_created(
    lang: Lang,
    creation: Option<&till::orders::OrderOperation>,
) -> (String, String, Tone) {
    let reason = creation.and_then(|c| c.reason.clone()).unwrap_or_default();
    (
        say(lang, "No se creó", "Not created"),
        say(
            lang,
            format!(
                "aCuotaz no creó el pedido: «{reason}». No entregue el producto; corrija los datos y cree uno nuevo u ofrezca otro medio de pago."
            ),
            format!(
                "aCuotaz did not create the order: «{reason}». Do not hand the product over; fix the details and create a new one, or offer another way to pay."
            ),
        ),
        Tone::Stop,
    )
}

/// The words of the order's paper (the QR on the 80 mm printer).
pub struct PaperWords {
    pub title: &'static str,
    pub order: &'static str,
    pub amount: &'static str,
    pub scan: &'static str,
    pub expires: &'static str,
    pub notice: &'static str,
}

pub fn paper(lang: Lang) -> PaperWords {
    match lang {
        Lang::Es => PaperWords {
            title: "VENTA A CUOTAS",
            order: "Pedido",
            amount: "Monto a financiar",
            scan: "Escanee con su celular para pedir su crédito aCuotaz:",
            expires: "Vence:",
            notice: "NO ES COMPROBANTE DE PAGO",
        },
        Lang::En => PaperWords {
            title: "CREDIT SALE",
            order: "Order",
            amount: "Amount to finance",
            scan: "Scan with your phone to apply for aCuotaz credit:",
            expires: "Expires:",
            notice: "NOT A PAYMENT RECEIPT",
        },
    }
}

/// The name of a call on an order.
pub fn action(lang: Lang, action: OrderAction) -> &'static str {
    match (action, lang) {
        (OrderAction::Create, Lang::Es) => "Crear pedido",
        (OrderAction::Confirm, Lang::Es) => "Confirmar pedido",
        (OrderAction::Cancel, Lang::Es) => "Anular pedido",
        (OrderAction::TotalRefund, Lang::Es) => "Devolución total",
        (OrderAction::PartialRefund, Lang::Es) => "Devolución parcial",
        (OrderAction::Create, Lang::En) => "Create order",
        (OrderAction::Confirm, Lang::En) => "Confirm order",
        (OrderAction::Cancel, Lang::En) => "Cancel order",
        (OrderAction::TotalRefund, Lang::En) => "Total refund",
        (OrderAction::PartialRefund, Lang::En) => "Partial refund",
    }
}

fn refusal(lang: Lang, refusal: OrderRefusal, provider_words: &str) -> String {
    use OrderRefusal::*;
    match refusal {
        CannotCancelConfirmed => say(
            lang,
            "aCuotaz no anula un pedido ya confirmado. Si el cliente devuelve el producto, haga una devolución (con su supervisor).",
            "aCuotaz does not cancel a confirmed order. If the customer returns the product, make a refund (with your supervisor).",
        ),
        ConfirmBeforeApproved => say(
            lang,
            "Todavía no se puede confirmar: aCuotaz aún no aprobó el crédito. Espere a que diga «Aprobado».",
            "It cannot be confirmed yet: aCuotaz has not approved the credit. Wait until it says «Approved».",
        ),
        ConfirmFunded => say(
            lang,
            "El pedido ya está financiado: no hace falta confirmarlo. Puede entregar el producto.",
            "The order is already funded: it needs no confirmation. You may hand the product over.",
        ),
        CannotModify => say(
            lang,
            "aCuotaz ya tiene un pedido con ese número y otros datos: no se envió nada. Cree un pedido nuevo.",
            "aCuotaz already holds an order with that number and other details: nothing was sent. Create a new order.",
        ),
        ClientNotRegistered => say(
            lang,
            "aCuotaz no reconoce el código de tienda (pos_client_id) de Ajustes. Pida a su supervisor que lo revise.",
            "aCuotaz does not know the store code (pos_client_id) in Ajustes. Ask your supervisor to check it.",
        ),
        RefundOfCanceled => say(
            lang,
            "El pedido está anulado: no hay nada que devolver.",
            "The order is canceled: there is nothing to refund.",
        ),
        DisbursementFailed => say(
            lang,
            "aCuotaz no pudo hacer la devolución. No devuelva dinero en efectivo; intente más tarde o llame a aCuotaz.",
            "aCuotaz could not make the refund. Do not give cash back; try later or call aCuotaz.",
        ),
        AmountNotPositive => say(
            lang,
            "El monto a devolver debe ser mayor que cero.",
            "The amount to refund must be more than zero.",
        ),
        AmountAboveApproved => say(
            lang,
            "aCuotaz dice que ese monto supera lo aprobado del pedido. Revise el monto.",
            "aCuotaz says that amount is above what the order approved. Check the amount.",
        ),
        NotFound => say(
            lang,
            "aCuotaz no encuentra ese pedido.",
            "aCuotaz cannot find that order.",
        ),
        Token => say(
            lang,
            "aCuotaz rechazó el token de la tienda. Pida a su supervisor que lo revise en Ajustes.",
            "aCuotaz refused the store's token. Ask your supervisor to check it in Ajustes.",
        ),
        Validation | Other => say(
            lang,
            format!("aCuotaz rechazó el pedido: «{provider_words}». No se cobró nada."),
            format!("aCuotaz refused: «{provider_words}». Nothing was charged."),
        ),
    }
}

/// An order error said to the cashier.
pub fn error(lang: Lang, error: &OrderError) -> String {
    match error {
        OrderError::NotConfigured { missing } => say(
            lang,
            format!(
                "Las ventas a cuotas no están configuradas: falta «{missing}» en Ajustes. Pida a su supervisor que lo complete."
            ),
            format!(
                "Credit sales are not set up: «{missing}» is missing in Ajustes. Ask your supervisor to fill it in."
            ),
        ),
        OrderError::OutsideLimits { amount, min, max } => say(
            lang,
            format!(
                "aCuotaz financia de {min} a {max}; {amount} está fuera de ese rango. Ofrezca otro medio de pago o cambie el monto."
            ),
            format!(
                "aCuotaz finances {min} to {max}; {amount} is outside that range. Offer another way to pay or change the amount."
            ),
        ),
        OrderError::LimitsUnavailable { .. } => say(
            lang,
            "No se pudo consultar los montos que financia aCuotaz y no hay una copia guardada. Revise la conexión e intente de nuevo.",
            "The amounts aCuotaz finances could not be read and no copy is kept. Check the connection and try again.",
        ),
        OrderError::NoSuchOrder { order_id } => say(
            lang,
            format!("No hay un pedido «{order_id}» en esta caja."),
            format!("There is no order «{order_id}» at this till."),
        ),
        OrderError::NotCreated { order_id } => say(
            lang,
            format!(
                "El pedido {order_id} no llegó a crearse en aCuotaz: no se puede confirmar, anular ni devolver."
            ),
            format!(
                "Order {order_id} was never created at aCuotaz: it cannot be confirmed, canceled or refunded."
            ),
        ),
        OrderError::OperationOpen {
            order_id,
            action: open,
        } => say(
            lang,
            format!(
                "«{}» del pedido {order_id} aún no tiene respuesta. Caja lo reintenta sola; espere un momento.",
                self::action(Lang::Es, *open)
            ),
            format!(
                "«{}» on order {order_id} has no answer yet. Caja retries it by itself; wait a moment.",
                self::action(Lang::En, *open)
            ),
        ),
        OrderError::Refused {
            refusal: kind,
            cause,
            ..
        } => refusal(lang, *kind, &cause.provider_message().unwrap_or_default()),
        OrderError::OutcomeUnknown { action: what, .. } => say(
            lang,
            format!(
                "«{}»: no llegó la respuesta de aCuotaz. Caja vuelve a enviar exactamente lo mismo hasta saber el resultado; no lo repita a mano.",
                action(Lang::Es, *what)
            ),
            format!(
                "«{}»: aCuotaz's answer did not arrive. Caja sends exactly the same again until the outcome is known; do not repeat it by hand.",
                action(Lang::En, *what)
            ),
        ),
        OrderError::NotRefundable { status } => say(
            lang,
            format!(
                "Solo se devuelve un pedido financiado; este está «{status}». Si aún no se financió, anúlelo."
            ),
            format!(
                "Only a funded order is refunded; this one is «{status}». If it was not funded yet, cancel it."
            ),
        ),
        OrderError::RefundAboveLeft { asked, left } => say(
            lang,
            format!("No se puede devolver {asked}: del pedido quedan {left} por devolver."),
            format!("{asked} cannot be refunded: {left} of the order is left to refund."),
        ),
        OrderError::IdTaken { order_id } => say(
            lang,
            format!(
                "aCuotaz ya tiene otro pedido con el número {order_id}. No se envió nada: cree el pedido de nuevo (Caja usará el número siguiente)."
            ),
            format!(
                "aCuotaz already holds another order numbered {order_id}. Nothing was sent: create the order again (Caja takes the next number)."
            ),
        ),
    }
}

/// What is wrong with what was typed for an order, or set for credit sales.
pub(super) fn input_problem(lang: Lang, problem: InputProblem, field: &str, value: &str) -> String {
    use InputProblem::*;
    match problem {
        HttpsUrl => say(
            lang,
            format!(
                "«{value}» no sirve para {field}: escriba la dirección completa de la página de la tienda, con https://."
            ),
            format!(
                "«{value}» cannot be used for {field}: write the store page's full address, with https://."
            ),
        ),
        OrderDescription => say(
            lang,
            "Escriba qué se está comprando (de 3 a 200 caracteres), por ejemplo «Refrigeradora LG 420 L».",
            "Write what is being bought (3 to 200 characters), for example «LG fridge 420 L».",
        ),
        CustomerName => say(
            lang,
            format!(
                "«{value}» no sirve como nombre del cliente: escriba nombres y apellidos, solo letras."
            ),
            format!(
                "«{value}» cannot be the customer's name: write first and last names, letters only."
            ),
        ),
        Phone => say(
            lang,
            format!(
                "«{value}» no es un celular: escriba los 9 dígitos, empezando por 9 (por ejemplo 987 654 321)."
            ),
            format!(
                "«{value}» is not a mobile number: type its 9 digits, starting with 9 (for example 987 654 321)."
            ),
        ),
        OrderId => say(
            lang,
            format!("«{value}» no sirve para {field}: use letras, números, «-», «_» o «.»."),
            format!("«{value}» cannot be used for {field}: use letters, digits, «-», «_» or «.»."),
        ),
        StoreCode => say(
            lang,
            format!(
                "«{value}» no sirve para {field}: de 1 a 8 letras o números, sin espacios (por ejemplo T01)."
            ),
            format!(
                "«{value}» cannot be used for {field}: 1 to 8 letters or digits, no spaces (for example T01)."
            ),
        ),
        ExpiryMinutes => say(
            lang,
            format!("«{value}» minutos no sirve como vigencia de un pedido: use de 10 a 720."),
            format!("«{value}» minutes cannot be an order's lifetime: use 10 to 720."),
        ),
        _ => value.to_owned(),
    }
}

impl Explain for OrderError {
    fn message(&self, lang: Lang) -> String {
        error(lang, self)
    }
}
