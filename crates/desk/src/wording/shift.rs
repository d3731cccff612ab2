//! Words of shifts (turnos): the tenders, cash in and out, the differences a closing names, and the
//! refusals of the shift's rules, in Spanish and English. The Turno screen, the CLI, the receipt and
//! the Z report read them here.

use till::TillError;
use till::error::InputProblem;
use till::shift::Direction;
use till::shift::reconcile::DifferenceKind;
use till::tender::Tender;

use super::{Lang, say};

/// A tender as the cashier names it.
pub fn tender(lang: Lang, tender: Tender) -> &'static str {
    match (tender, lang) {
        (Tender::Cash, Lang::Es) => "Efectivo",
        (Tender::Cash, Lang::En) => "Cash",
        (Tender::Card, Lang::Es) => "Tarjeta",
        (Tender::Card, Lang::En) => "Card",
        (Tender::YapePlin, _) => "Yape/Plin",
        (Tender::Transfer, Lang::Es) => "Transferencia",
        (Tender::Transfer, Lang::En) => "Transfer",
        (Tender::Unknown, Lang::Es) => "Sin registrar",
        (Tender::Unknown, Lang::En) => "Not recorded",
    }
}

pub fn direction(lang: Lang, direction: Direction) -> &'static str {
    match (direction, lang) {
        (Direction::In, Lang::Es) => "Ingreso",
        (Direction::In, Lang::En) => "Cash in",
        (Direction::Out, Lang::Es) => "Retiro",
        (Direction::Out, Lang::En) => "Cash out",
    }
}

/// What a difference is, in a few words, and what to do about it.
pub fn difference(lang: Lang, kind: DifferenceKind) -> (&'static str, &'static str) {
    use DifferenceKind::*;
    match (kind, lang) {
        (PaidElsewhere, Lang::Es) => (
            "Pagado en tienda, no en esta caja",
            "aCuotaz lo muestra pagado en tienda y ninguna operación de esta caja lo explica: otra caja u otro sistema.",
        ),
        (PaidElsewhere, Lang::En) => (
            "Paid in store, not at this till",
            "aCuotaz shows it paid in the store and no operation of this till explains it: another till or another system.",
        ),
        (MissingAtProvider, Lang::Es) => (
            "Falta en aCuotaz",
            "Esta caja lo confirmó y el resumen de aCuotaz no lo muestra: revise la operación con aCuotaz.",
        ),
        (MissingAtProvider, Lang::En) => (
            "Missing at aCuotaz",
            "This till confirmed it and aCuotaz's summary does not show it: check the operation with aCuotaz.",
        ),
        (UndoneInDrawer, Lang::Es) => (
            "Facturación anulada",
            "Se anuló la facturación: la cuota inicial sigue pagada y el dinero queda en la caja.",
        ),
        (UndoneInDrawer, Lang::En) => (
            "Billing undone",
            "The billing was undone: the down payment stays paid and the money stays in the drawer.",
        ),
        (CashOver, Lang::Es) => (
            "Sobrante de efectivo",
            "Se contó más efectivo del esperado.",
        ),
        (CashOver, Lang::En) => ("Cash over", "More cash was counted than expected."),
        (CashShort, Lang::Es) => (
            "Faltante de efectivo",
            "Se contó menos efectivo del esperado.",
        ),
        (CashShort, Lang::En) => ("Cash short", "Less cash was counted than expected."),
        (CardOver, Lang::Es) => (
            "Tarjeta: el cierre del terminal es mayor",
            "El total del lote del terminal es mayor que los pagos con tarjeta.",
        ),
        (CardOver, Lang::En) => (
            "Card: the terminal's batch is higher",
            "The terminal's batch total is higher than the card payments.",
        ),
        (CardShort, Lang::Es) => (
            "Tarjeta: el cierre del terminal es menor",
            "El total del lote del terminal es menor que los pagos con tarjeta.",
        ),
        (CardShort, Lang::En) => (
            "Card: the terminal's batch is lower",
            "The terminal's batch total is lower than the card payments.",
        ),
        (TransferOver, Lang::Es) => (
            "Transferencias: aPagos validó más",
            "Lo que aPagos validó de las transferencias de este turno es mayor que los pagos con transferencia.",
        ),
        (TransferOver, Lang::En) => (
            "Transfers: aPagos validated more",
            "What aPagos validated of this shift's transfers is higher than the transfer payments.",
        ),
        (TransferShort, Lang::Es) => (
            "Transferencias: aPagos validó menos",
            "Lo que aPagos validó de las transferencias de este turno es menor que los pagos con transferencia: revise las que siguen sin validar.",
        ),
        (TransferShort, Lang::En) => (
            "Transfers: aPagos validated less",
            "What aPagos validated of this shift's transfers is lower than the transfer payments: check the ones not validated yet.",
        ),
        (SummaryUnavailable, Lang::Es) => (
            "Sin resumen de aCuotaz",
            "No se pudo obtener el resumen del día ni hay copia guardada: el lado de aCuotaz no se revisó.",
        ),
        (AmountUnknown, Lang::Es) => (
            "Monto cobrado desconocido",
            "Se marcó pagado sin consultar antes el financiamiento en esta caja: no se sabe cuánto se cobró.",
        ),
        (AmountUnknown, Lang::En) => (
            "Amount collected unknown",
            "It was marked paid without checking the financing at this till first: what was collected is not known.",
        ),
        (SummaryUnavailable, Lang::En) => (
            "No aCuotaz summary",
            "The day summary could not be fetched and no copy is kept: aCuotaz's side was not checked.",
        ),
    }
}

/// The refusals of the shift's rules.
pub(super) fn error(lang: Lang, error: &TillError) -> String {
    match error {
        TillError::NoShiftOpen => say(
            lang,
            "No hay un turno abierto. Abra el turno en Turno (F6) contando el fondo de caja, o con \
             «caja shift open --count 10=5,1=20». No se envió nada.",
            "No shift is open. Open it in Turno (F6) by counting the float, or with «caja shift open \
             --count 10=5,1=20». Nothing was sent.",
        ),
        TillError::ShiftAlreadyOpen { id, opened_by } => {
            let by = opened_by.clone().unwrap_or_else(|| "-".to_owned());
            say(
                lang,
                format!(
                    "Ya hay un turno abierto (n.° {id}, de {by}). Ciérrelo antes de abrir otro."
                ),
                format!(
                    "A shift is already open (#{id}, by {by}). Close it before opening another."
                ),
            )
        }
        TillError::UnknownOperations { ids } => {
            let list = ids
                .iter()
                .map(|id| format!("n.° {id}"))
                .collect::<Vec<_>>()
                .join(", ");
            say(
                lang,
                format!(
                    "No se puede cerrar el turno: operaciones sin resultado ({list}). Resuélvalas ahora \
                     con «Verificar pendientes» (o «caja resolve») y vuelva a cerrar."
                ),
                format!(
                    "The shift cannot be closed: operations without an outcome ({list}). Resolve them \
                     now with «Verificar pendientes» (or «caja resolve») and close again."
                ),
            )
        }
        TillError::NotCounted => say(
            lang,
            "Falta el conteo ciego: cuente el efectivo por denominación y escriba el total del terminal \
             de tarjetas antes de cerrar.",
            "The blind count is missing: count the cash by denomination and type the card terminal's \
             total before closing.",
        ),
        TillError::NoSuchZReport { number } => say(
            lang,
            format!(
                "No hay un reporte Z n.° {number} en esta caja. Vea la lista con «caja shift z»."
            ),
            format!(
                "There is no Z report #{number} on this till. See the list with «caja shift z»."
            ),
        ),
        other => other.code().to_owned(),
    }
}

/// What is wrong with a tender's detail, a count or an amount.
pub(super) fn input_problem(lang: Lang, problem: InputProblem, value: &str) -> String {
    use InputProblem::*;
    match problem {
        Tender => say(
            lang,
            format!(
                "«{value}» no es un medio de pago: use efectivo, tarjeta, yape o transferencia (1 a 4)."
            ),
            format!(
                "«{value}» is not a tender: use efectivo, tarjeta, yape or transferencia (1 to 4)."
            ),
        ),
        CardLast4 => say(
            lang,
            format!(
                "«{value}»: escriba los 4 últimos dígitos de la tarjeta, o deje el campo vacío."
            ),
            format!("«{value}»: type the card's last 4 digits, or leave the field empty."),
        ),
        CardAuthorization => say(
            lang,
            format!(
                "«{value}»: el código de autorización lleva hasta 12 letras y números, sin espacios."
            ),
            format!(
                "«{value}»: the authorization code has up to 12 letters and digits, no spaces."
            ),
        ),
        Received {
            short_by: Some(short),
        } => say(
            lang,
            format!(
                "El monto recibido {value} no alcanza: faltan {short}. Cobre el monto completo."
            ),
            format!(
                "The amount received {value} is not enough: {short} missing. Collect the full amount."
            ),
        ),
        Received { short_by: None } => say(
            lang,
            format!(
                "El monto recibido «{value}» no sirve: escriba cuánto entregó el cliente, por ejemplo 600.00."
            ),
            format!(
                "The amount received «{value}» cannot be used: type what the customer handed over, e.g. 600.00."
            ),
        ),
        Denomination => say(
            lang,
            format!(
                "«{value}» no es una moneda ni un billete de soles: use 0.10, 0.20, 0.50, 1, 2, 5, 10, 20, 50, 100 o 200."
            ),
            format!(
                "«{value}» is not a sol coin or note: use 0.10, 0.20, 0.50, 1, 2, 5, 10, 20, 50, 100 or 200."
            ),
        ),
        PieceCount => say(
            lang,
            format!(
                "«{value}»: la cantidad de piezas debe ser un número entero, de 0 en adelante."
            ),
            format!("«{value}»: the number of pieces must be a whole number, 0 or more."),
        ),
        CountFormat => say(
            lang,
            format!(
                "El conteo «{value}» no se entiende: escríbalo como 200=3,100=1,0.50=4 (denominación=piezas)."
            ),
            format!(
                "The count «{value}» cannot be read: write it like 200=3,100=1,0.50=4 (denomination=pieces)."
            ),
        ),
        Amount => say(
            lang,
            format!(
                "«{value}» no es un monto válido: escriba un monto mayor que cero, por ejemplo 50.00."
            ),
            format!(
                "«{value}» is not a valid amount: type an amount above zero, for example 50.00."
            ),
        ),
        ThermalPrinter => say(
            lang,
            format!(
                "La impresora térmica «{value}» no se entiende: escriba tcp:IP[:9100], cups:COLA o file:/dev/usb/lp0."
            ),
            format!(
                "The thermal printer «{value}» cannot be read: write tcp:IP[:9100], cups:QUEUE or file:/dev/usb/lp0."
            ),
        ),
        NoReceipt => say(
            lang,
            format!(
                "No hay un pago confirmado «{value}» para imprimir su constancia. Haga el cobro primero."
            ),
            format!(
                "There is no confirmed payment «{value}» to print a receipt of. Take the payment first."
            ),
        ),
        _ => value.to_owned(),
    }
}
