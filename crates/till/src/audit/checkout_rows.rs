//! The Aplazame checkouts' sealed columns: the row as journaled and at every change; the status reads'
//! back-off (`polls`, `next_poll_ms`) and the time a decision was forwarded to Central are bookkeeping,
//! left out.

use rusqlite::Connection;

use super::rows::{CREDIT_ORDERS, ORDER_OPERATIONS, SealedTable, VOUCHERS};
use super::{Subject, seal_row};
use crate::error::TillError;

/// The tables sealed whole, row by row, with their subject: what `verify` compares.
pub(super) fn sealed_tables() -> [(Subject, &'static SealedTable); 4] {
    [
        (Subject::CreditOrder, &CREDIT_ORDERS),
        (Subject::OrderOperation, &ORDER_OPERATIONS),
        (Subject::Voucher, &VOUCHERS),
        (Subject::AplazameCheckout, &APLAZAME_CHECKOUTS),
    ]
}

/// Seals an Aplazame checkout as stored now.
pub(crate) fn seal_checkout(connection: &Connection, id: i64) -> Result<(), TillError> {
    seal_row(
        connection,
        &APLAZAME_CHECKOUTS,
        Subject::AplazameCheckout,
        id,
    )
}

pub(crate) const APLAZAME_CHECKOUTS: SealedTable = SealedTable {
    name: "aplazame_checkout",
    columns: &[
        "id",
        "mode",
        "order_id",
        "total_cents",
        "currency",
        "customer_name",
        "customer_email",
        "customer_phone",
        "customer_document",
        "request_body",
        "expect_sandbox",
        "state",
        "checkout_id",
        "status",
        "status_reason",
        "status_at",
        "mismatch",
        "seen_mid",
        "seen_total_cents",
        "seen_currency",
        "seen_sandbox",
        "refusal",
        "http_status",
        "decision",
        "decided_by",
        "decision_reason",
        "decided_at",
        "created_at",
        "finished_at",
        "operator_name",
        "resolved_by",
        "resolution_reason",
        "shift_id",
    ],
    digested: &[],
    added_later: &[],
};
