//! Looking back at a day: the day field Resumen, Historial and Supervisión share (and its complaints
//! about what was typed), the day summary and the till's history.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    ("day.placeholder", "dd/mm/aaaa", "dd/mm/yyyy"),
    (
        "day.keys",
        "Escriba dd/mm/aaaa y Enter. ↑ ↓ o + − cambian un día.",
        "Type dd/mm/yyyy and Enter. ↑ ↓ or + − move one day.",
    ),
    ("day.prev", "Día anterior", "Previous day"),
    ("day.next", "Día siguiente", "Next day"),
    ("day.today", "Hoy", "Today"),
    (
        "day.empty",
        "{field}: falta la fecha. Escriba dd/mm/aaaa, por ejemplo {example}.",
        "{field}: the date is missing. Type it day first, dd/mm/yyyy, for example {example}.",
    ),
    (
        "day.shape",
        "{field}: «{text}» no es una fecha. Escriba dd/mm/aaaa (día, mes y año de 4 cifras), por ejemplo {example}.",
        "{field}: «{text}» is not a date. Type it day first, dd/mm/yyyy (day, month, 4-digit year), for example {example}.",
    ),
    (
        "day.year",
        "{field}: el año {year} es anterior a {first}. Escriba el año con 4 cifras, por ejemplo {example}.",
        "{field}: the year {year} is before {first}. Type the 4-digit year, for example {example}.",
    ),
    (
        "day.month",
        "{field}: el mes {month} no existe. Escriba dd/mm/aaaa, con el mes de 01 a 12, por ejemplo {example}.",
        "{field}: there is no month {month}. Type dd/mm/yyyy with the month from 01 to 12, for example {example}.",
    ),
    (
        "day.date",
        "{field}: la fecha {shown} no existe ({monthName} de {year} tiene {days} días). Escriba dd/mm/aaaa, por ejemplo {example}.",
        "{field}: the date {shown} does not exist ({monthName} {year} has {days} days). Type dd/mm/yyyy, for example {example}.",
    ),
    (
        "day.after",
        "{field}: el {shown} todavía no llega. Escriba hoy, {max}, o un día anterior.",
        "{field}: {shown} has not come yet. Type today, {max}, or an earlier day.",
    ),
    ("summary.title", "Resumen del día", "Day summary"),
    (
        "summary.notOffered",
        "Esta caja está configurada para España: ofrece Aplazame (F1). El resumen del día es de \
         aCuotaz (Perú) y aquí no se usa.",
        "This till is set up for Spain: it offers Aplazame (F1). The day summary is aCuotaz's (Peru) \
         and is not used here.",
    ),
    ("summary.day", "Día", "Day"),
    (
        "summary.loading",
        "Cargando el resumen…",
        "Loading the summary…",
    ),
    (
        "summary.totalPurchases",
        "Total de compras",
        "Total purchases",
    ),
    (
        "summary.totalPaidInStore",
        "Pagado en tienda",
        "Paid in store",
    ),
    (
        "summary.totalFinanced",
        "Total financiado",
        "Total financed",
    ),
    (
        "summary.cached",
        "Sin conexión: copia guardada a las {time}",
        "Offline: copy saved at {time}",
    ),
    (
        "summary.fetched",
        "Actualizado a las {time}",
        "Updated at {time}",
    ),
    (
        "summary.orders",
        "Pedidos del día: {count}",
        "Orders of the day: {count}",
    ),
    (
        "summary.empty",
        "No hay pedidos en este día.",
        "No orders on this day.",
    ),
    ("summary.colOrder", "Pedido", "Order"),
    ("summary.colDni", "DNI", "DNI"),
    ("summary.colOrigin", "Origen", "Origin"),
    ("summary.colAmount", "Monto", "Amount"),
    (
        "summary.print",
        "Imprimir resumen (PDF)",
        "Print summary (PDF)",
    ),
    ("summary.printing", "Generando el PDF…", "Making the PDF…"),
    (
        "summary.printedTo",
        "Enviado a la impresora {printer}.",
        "Sent to printer {printer}.",
    ),
    (
        "summary.openedInViewer",
        "No hay impresora: el PDF se abrió en el visor.",
        "No printer: the PDF was opened in the viewer.",
    ),
    (
        "summary.notOpened",
        "No hay impresora y el visor de PDF no se pudo abrir: abra el archivo guardado para imprimirlo.",
        "No printer, and the PDF viewer could not be opened: open the kept file to print it.",
    ),
    (
        "summary.keptAt",
        "PDF guardado en {path}",
        "PDF kept at {path}",
    ),
    ("history.title", "Historial", "History"),
    ("history.day", "Día", "Day"),
    ("history.allDays", "Todos los días", "All days"),
    ("history.state", "Estado", "State"),
    ("history.refresh", "Actualizar", "Refresh"),
    (
        "history.loading",
        "Cargando el historial…",
        "Loading the history…",
    ),
    (
        "history.count",
        "{count} operaciones, la más reciente primero",
        "{count} operations, newest first",
    ),
    (
        "history.empty",
        "No hay operaciones con estos filtros.",
        "No operations match these filters.",
    ),
    ("history.colTime", "Hora", "Time"),
    ("history.colKind", "Operación", "Operation"),
    ("history.colDocument", "Documento", "Document"),
    ("history.colCode", "Código", "Code"),
    ("history.colState", "Estado", "State"),
    ("history.colDownpayment", "Cuota inicial", "Down payment"),
    ("history.colReason", "Motivo", "Reason"),
    ("history.colWho", "Quién", "Who"),
    (
        "history.approvedBy",
        "autorizó {name}",
        "approved by {name}",
    ),
    (
        "history.aplazameSales",
        "Ventas financiadas con Aplazame",
        "Sales financed with Aplazame",
    ),
    (
        "history.aplazameEmpty",
        "No hay ventas con Aplazame este día.",
        "No Aplazame sales this day.",
    ),
    ("history.colCustomer", "Cliente", "Customer"),
    ("history.colHandover", "Entrega", "Hand-over"),
    ("history.handoverYes", "Entregado", "Handed over"),
    ("history.handoverNo", "No entregar", "Do not hand over"),
    (
        "history.aplazameCount",
        "Compras: {count} · confirmadas: {confirmed} por {amount}",
        "Purchases: {count} · confirmed: {confirmed} for {amount}",
    ),
    (
        "history.creditSales",
        "Ventas a cuotas (aCuotaz)",
        "Credit sales (aCuotaz)",
    ),
    (
        "history.creditSalesEmpty",
        "No hay ventas a cuotas este día.",
        "No credit sales this day.",
    ),
    ("history.colOrder", "Pedido", "Order"),
    ("history.colAmount", "Monto", "Amount"),
    (
        "history.colOrderStatus",
        "Estado del pedido",
        "Order status",
    ),
    ("state.all", "Todos", "All"),
    ("state.confirmed", "Confirmada", "Confirmed"),
    ("state.rejected", "Rechazada", "Rejected"),
    ("state.unknown", "Resultado desconocido", "Outcome unknown"),
    ("state.pending", "En curso", "In progress"),
];
