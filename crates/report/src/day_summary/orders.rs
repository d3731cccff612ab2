//! The detail of the day's orders: one row per order, in the provider's order, numbered, with the
//! customer's DNI masked and the payment origin in words. Runs over as many pages as it needs.

use till::{OrderDetail, PaymentOrigin};

use super::{EMPTY_NOTE_HEIGHT, empty_note, section};
use crate::layout::Flow;
use crate::table::{Align, CELL, Column, HEADER_HEIGHT, ROW_BASELINE, ROW_HEIGHT, Table};

const COLUMNS: [Column; 5] = [
    Column {
        title: "N°",
        width: 40.0,
        align: Align::Right,
    },
    Column {
        title: "Pedido",
        width: 180.0,
        align: Align::Left,
    },
    Column {
        title: "DNI",
        width: 90.0,
        align: Align::Left,
    },
    Column {
        title: "Origen del pago",
        width: 100.0,
        align: Align::Left,
    },
    Column {
        title: "Monto",
        width: 90.0,
        align: Align::Right,
    },
];

pub(super) fn draw(flow: &mut Flow, orders: &[OrderDetail]) {
    let count = match orders.len() {
        1 => "1 pedido".to_owned(),
        n => format!("{n} pedidos"),
    };
    // The title stays with the column header and the first rows (or with the note of an empty day).
    let first_rows = 3.0 * ROW_HEIGHT;
    let keep_with = if orders.is_empty() {
        EMPTY_NOTE_HEIGHT
    } else {
        HEADER_HEIGHT + first_rows
    };
    section(flow, "Detalle de pedidos", &count, keep_with);
    if orders.is_empty() {
        empty_note(flow, "Sin pedidos financiados este día");
        return;
    }
    let mut table = Table::start(flow, &COLUMNS, first_rows);
    for (index, order) in orders.iter().enumerate() {
        let top = table.row(flow, ROW_HEIGHT);
        let baseline = top + ROW_BASELINE;
        let page = flow.page();
        table.cell(page, 0, baseline, CELL, &(index + 1).to_string());
        table.cell(page, 1, baseline, CELL, &order.order_id);
        table.cell(
            page,
            2,
            baseline,
            CELL,
            &till::identity::mask_document(&order.dni),
        );
        table.cell(page, 3, baseline, CELL, origin_words(order.payment_origin));
        table.cell(page, 4, baseline, CELL, &order.amount.to_string());
    }
    table.end(flow);
}

/// How the down payment reached the store, in the cashier's words.
fn origin_words(origin: PaymentOrigin) -> &'static str {
    match origin {
        PaymentOrigin::Transfer => "Transferencia",
        PaymentOrigin::Card => "Tarjeta",
        PaymentOrigin::External => "En tienda",
    }
}
