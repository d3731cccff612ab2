//! "Operaciones de esta caja": this till's own journal for the day, oldest first, so the manager can
//! set what the cashier did beside what the provider reports. A rejected operation, or one whose
//! outcome is unknown, carries its reason on a line beneath it.

use jiff::tz::TimeZone;
use till::{CustomerId, JournalEntry, OperationState};

use super::{EMPTY_NOTE_HEIGHT, empty_note, section};
use crate::calendar;
use crate::canvas::Style;
use crate::fonts::Face;
use crate::layout::Flow;
use crate::table::{Align, CELL, Column, HEADER_HEIGHT, ROW_BASELINE, ROW_HEIGHT, Table};

const COLUMNS: [Column; 6] = [
    Column {
        title: "Hora",
        width: 40.0,
        align: Align::Left,
    },
    Column {
        title: "Operación",
        width: 100.0,
        align: Align::Left,
    },
    Column {
        title: "Código",
        width: 85.0,
        align: Align::Left,
    },
    Column {
        title: "Documento",
        width: 85.0,
        align: Align::Left,
    },
    Column {
        title: "Estado",
        width: 110.0,
        align: Align::Left,
    },
    Column {
        title: "Inicial",
        width: 80.0,
        align: Align::Right,
    },
];

const REASON: Style = Style::new(Face::Regular, 8.0).grey(0.3);
/// The extra height of a row with a reason line.
const REASON_LINE: f32 = 10.0;

pub(super) fn draw(flow: &mut Flow, operations: &[JournalEntry], lima: &TimeZone) {
    let count = match operations.len() {
        1 => "1 operación".to_owned(),
        n => format!("{n} operaciones"),
    };
    // The title stays with the column header and the first rows (or with the note of an empty till).
    let first_rows = 2.0 * (ROW_HEIGHT + REASON_LINE);
    let keep_with = if operations.is_empty() {
        EMPTY_NOTE_HEIGHT
    } else {
        HEADER_HEIGHT + first_rows
    };
    section(flow, "Operaciones de esta caja", &count, keep_with);
    if operations.is_empty() {
        empty_note(flow, "Sin operaciones registradas en esta caja");
        return;
    }
    let mut in_order: Vec<&JournalEntry> = operations.iter().collect();
    in_order.sort_by_key(|entry| (entry.created_at, entry.id));

    let mut table = Table::start(flow, &COLUMNS, first_rows);
    for entry in in_order {
        let reason = shown_reason(entry);
        let height = ROW_HEIGHT + if reason.is_some() { REASON_LINE } else { 0.0 };
        let top = table.row(flow, height);
        let baseline = top + ROW_BASELINE;
        let page = flow.page();
        table.cell(
            page,
            0,
            baseline,
            CELL,
            &calendar::time(lima, entry.created_at),
        );
        table.cell(page, 1, baseline, CELL, kind_label(entry.kind));
        table.cell(page, 2, baseline, CELL, &entry.funding_code);
        table.cell(page, 3, baseline, CELL, &document(&entry.customer));
        table.cell(page, 4, baseline, CELL, state_label(entry.state));
        let downpayment = entry
            .downpayment_amount
            .map_or_else(|| "—".to_owned(), |a| a.to_string());
        table.cell(page, 5, baseline, CELL, &downpayment);
        if let Some(reason) = reason {
            table.note(
                page,
                1,
                baseline + REASON_LINE,
                REASON,
                &format!("Motivo: {reason}"),
            );
        }
    }
    table.end(flow);
}

/// `DNI 14****65` or `RUC 20*******45`: which document, and only as much of it as identifies the row.
fn document(customer: &CustomerId) -> String {
    let kind = match customer {
        CustomerId::Dni(_) => "DNI",
        CustomerId::Ruc(_) => "RUC",
    };
    format!(
        "{kind} {}",
        till::identity::mask_document(customer.number())
    )
}

/// The reason worth printing: why it was rejected, or what went wrong when the outcome is unknown. It
/// comes from the provider or the network, so it is flattened to one line (the table cuts its length).
fn shown_reason(entry: &JournalEntry) -> Option<String> {
    let worth_showing = matches!(
        entry.state,
        OperationState::Rejected | OperationState::Unknown
    );
    let reason = entry.reason.as_deref().filter(|_| worth_showing)?.trim();
    (!reason.is_empty()).then(|| reason.split_whitespace().collect::<Vec<_>>().join(" "))
}

// Interim: the labels move to the desk's wording with the report's own input structs.
fn kind_label(kind: till::OperationKind) -> &'static str {
    match kind {
        till::OperationKind::Check => "Consulta",
        till::OperationKind::PaidAndBilled => "Pagado y facturado",
        till::OperationKind::UndoBilling => "Anular facturación",
    }
}

fn state_label(state: OperationState) -> &'static str {
    match state {
        OperationState::Pending => "en curso",
        OperationState::Confirmed => "confirmada",
        OperationState::Rejected => "rechazada",
        OperationState::Unknown => "resultado desconocido",
    }
}
