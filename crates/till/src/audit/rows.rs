//! The rows the chain seals, table by table: which columns are sealed, how a row becomes the content an
//! audit entry holds, and how the tables as stored are compared with the last content the chain holds
//! for each row (edited, deleted, or written behind Caja's back).
//!
//! A person's PIN hash is sealed as its SHA-256 digest: swapping a supervisor's hash is caught without
//! a second copy of the hash in the record. Bookkeeping that changes on every attempt (outbox attempts
//! and leases, the count of wrong PINs in a row) is left out: it says nothing about money or about who
//! may do what.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::TillError;

/// One table whose rows the chain seals.
pub(crate) struct SealedTable {
    pub name: &'static str,
    /// The sealed columns, the row id first.
    pub columns: &'static [&'static str],
    /// Columns sealed as the SHA-256 of their text rather than the text.
    pub digested: &'static [&'static str],
    /// Columns added after rows were already sealed: left out of the content while NULL, so a row
    /// sealed before they existed still matches its seal.
    pub added_later: &'static [&'static str],
}

pub(crate) const JOURNAL: SealedTable = SealedTable {
    name: "journal",
    columns: &[
        "id",
        "idempotency_key",
        "mode",
        "kind",
        "customer_field",
        "customer_number",
        "funding_code",
        "state",
        "reason",
        "http_status",
        "downpayment_centimos",
        "created_at",
        "finished_at",
        "operator_name",
        "approver_name",
        "approval_reason",
        "tender",
        "received_centimos",
        "card_last4",
        "card_authorization",
        "collect_centimos",
        "shift_id",
    ],
    digested: &[],
    added_later: &[
        "tender",
        "received_centimos",
        "card_last4",
        "card_authorization",
        "collect_centimos",
        "shift_id",
    ],
};

/// A credit sale (aCuotaz order): sealed when made and at every change of status it learns; the polling
/// bookkeeping is left out.
pub(crate) const CREDIT_ORDERS: SealedTable = SealedTable {
    name: "credit_order",
    columns: &[
        "id",
        "mode",
        "order_id",
        "amount_centimos",
        "description",
        "customer_dni",
        "customer_name",
        "customer_phone",
        "send_sms",
        "expires_at",
        "request_body",
        "redirect_to",
        "status",
        "confirmed",
        "status_at",
        "created_at",
        "lima_day",
        "operator_name",
        "shift_id",
    ],
    digested: &[],
    added_later: &[],
};

/// The orders' journal: every create, confirm, cancel and refund, with its token and outcome.
pub(crate) const ORDER_OPERATIONS: SealedTable = SealedTable {
    name: "order_operation",
    columns: &[
        "id",
        "idempotency_key",
        "mode",
        "order_row",
        "kind",
        "state",
        "reason",
        "http_status",
        "amount_centimos",
        "refund_reason",
        "refund_method",
        "tracking_id",
        "answer_status",
        "operator_name",
        "approver_name",
        "approval_reason",
        "created_at",
        "finished_at",
        "lima_day",
    ],
    digested: &[],
    added_later: &[],
};

/// A bank-transfer voucher (aPagos): sealed when journaled and at every change; the status reads'
/// back-off and the billing's claim are left out.
pub(crate) const VOUCHERS: SealedTable = SealedTable {
    name: "voucher",
    columns: &[
        "id",
        "mode",
        "voucher_id",
        "amount_centimos",
        "transfer_date",
        "operation_number",
        "bank_account_id",
        "customer_dni",
        "customer_fullname",
        "detail",
        "receipt_url",
        "webhook_url",
        "request_body",
        "state",
        "request_id",
        "status",
        "refusal",
        "http_status",
        "validated_amount_centimos",
        "validated_date",
        "validated_operation_number",
        "validated_bank_account_id",
        "bank_operation_number",
        "status_at",
        "created_at",
        "finished_at",
        "lima_day",
        "operator_name",
        "resolved_by",
        "resolution_reason",
        "shift_id",
        "sale_customer_field",
        "sale_customer_number",
        "sale_funding_code",
        "sale_collect_centimos",
        "amount_decision",
        "decided_by",
        "decision_reason",
        "billing",
        "billing_after_entry",
        "billed_entry",
        "billing_problem",
    ],
    digested: &[],
    added_later: &[
        "sale_customer_field",
        "sale_customer_number",
        "sale_funding_code",
        "sale_collect_centimos",
        "amount_decision",
        "decided_by",
        "decision_reason",
        "billing",
        "billing_after_entry",
        "billed_entry",
        "billing_problem",
    ],
};

pub(crate) const PEOPLE: SealedTable = SealedTable {
    name: "person",
    columns: &[
        "id",
        "name",
        "role",
        "pin_hash",
        "active",
        "locked_until_ms",
        "created_at",
        "created_by",
    ],
    digested: &["pin_hash"],
    added_later: &[],
};

/// How the rows of one table differ from their seals.
#[derive(Debug, Default)]
pub(crate) struct TableComparison {
    pub rows_checked: usize,
    /// Rows whose stored content differs from the seal, with the columns that differ.
    pub edited: Vec<(i64, Vec<String>)>,
    pub deleted: Vec<i64>,
    pub unsealed: Vec<i64>,
}

impl TableComparison {
    /// The differences as findings, in this order: edited, deleted, unsealed.
    pub fn findings<T>(
        self,
        edited: impl Fn(i64, Vec<String>) -> T,
        deleted: impl Fn(i64) -> T,
        unsealed: impl Fn(i64) -> T,
    ) -> impl Iterator<Item = T> {
        let edited = self
            .edited
            .into_iter()
            .map(move |(id, fields)| edited(id, fields));
        let deleted = self.deleted.into_iter().map(deleted);
        let unsealed = self.unsealed.into_iter().map(unsealed);
        edited.chain(deleted).chain(unsealed)
    }
}

impl SealedTable {
    /// The sealed content of one row as stored now, or `None` when there is no such row.
    pub fn content(
        &self,
        connection: &Connection,
        id: i64,
    ) -> Result<Option<serde_json::Value>, TillError> {
        let sql = format!(
            "SELECT {} FROM {} WHERE id = ?1",
            self.selected(connection)?,
            self.name
        );
        connection
            .query_row(&sql, [id], |row| self.row_content(row))
            .optional()
            .map_err(TillError::storage("read a sealed table"))
    }

    /// Compares every stored row with the last content the chain sealed for it.
    pub fn compare(
        &self,
        connection: &Connection,
        sealed: &BTreeMap<i64, serde_json::Value>,
    ) -> Result<TableComparison, TillError> {
        let sql = format!(
            "SELECT {} FROM {} ORDER BY id",
            self.selected(connection)?,
            self.name
        );
        let mut statement = connection
            .prepare(&sql)
            .map_err(TillError::storage("read a sealed table"))?;
        let stored: Vec<(i64, serde_json::Value)> = statement
            .query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, self.row_content(row)?))
            })
            .map_err(TillError::storage("read a sealed table"))?
            .collect::<Result<_, _>>()
            .map_err(TillError::storage("read a sealed table"))?;
        let present: HashMap<i64, &serde_json::Value> =
            stored.iter().map(|(id, content)| (*id, content)).collect();
        let mut comparison = TableComparison::default();
        for (id, content) in &stored {
            comparison.rows_checked += 1;
            match sealed.get(id) {
                None => comparison.unsealed.push(*id),
                Some(seal) if seal != content => {
                    comparison
                        .edited
                        .push((*id, self.differing_fields(seal, content)));
                }
                Some(_) => {}
            }
        }
        comparison.deleted = sealed
            .keys()
            .filter(|id| !present.contains_key(id))
            .copied()
            .collect();
        Ok(comparison)
    }

    /// The sealed columns as a select list. A column added later that the table does not have yet (a
    /// migration hook sealing rows before the step that adds it) is selected as NULL, which leaves it
    /// out of the content, as for a row that never had it.
    fn selected(&self, connection: &Connection) -> Result<String, TillError> {
        if self.added_later.is_empty() {
            return Ok(self.columns.join(", "));
        }
        let mut statement = connection
            .prepare_cached("SELECT name FROM pragma_table_info(?1)")
            .map_err(TillError::storage("read a sealed table"))?;
        let present: Vec<String> = statement
            .query_map([self.name], |row| row.get(0))
            .map_err(TillError::storage("read a sealed table"))?
            .collect::<Result<_, _>>()
            .map_err(TillError::storage("read a sealed table"))?;
        Ok(self
            .columns
            .iter()
            .map(|column| {
                if present.iter().any(|name| name == column) {
                    (*column).to_owned()
                } else {
                    format!("NULL AS {column}")
                }
            })
            .collect::<Vec<_>>()
            .join(", "))
    }

    fn row_content(&self, row: &rusqlite::Row<'_>) -> rusqlite::Result<serde_json::Value> {
        let mut object = serde_json::Map::new();
        for (index, column) in self.columns.iter().enumerate() {
            let value = match row.get_ref(index)? {
                rusqlite::types::ValueRef::Null if self.added_later.contains(column) => continue,
                rusqlite::types::ValueRef::Null => serde_json::Value::Null,
                rusqlite::types::ValueRef::Integer(number) => number.into(),
                rusqlite::types::ValueRef::Text(text) if self.digested.contains(column) => {
                    sha256_hex(text).into()
                }
                rusqlite::types::ValueRef::Text(text) => {
                    String::from_utf8_lossy(text).into_owned().into()
                }
                other => format!("{other:?}").into(),
            };
            object.insert((*column).to_owned(), value);
        }
        Ok(serde_json::Value::Object(object))
    }

    fn differing_fields(
        &self,
        sealed: &serde_json::Value,
        stored: &serde_json::Value,
    ) -> Vec<String> {
        let fields: Vec<String> = self
            .columns
            .iter()
            .filter(|column| sealed.get(**column) != stored.get(**column))
            .map(|column| (*column).to_owned())
            .collect();
        if fields.is_empty() {
            vec!["*".to_owned()]
        } else {
            fields
        }
    }
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
