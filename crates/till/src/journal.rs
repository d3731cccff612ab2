//! The operation journal: this till's own record of every call it made to the provider.
//!
//! A state-changing call (`paid-and-billed`, `undo-billing`) is written with its idempotency key and
//! committed durably *before* the request leaves, then finished as `confirmed`, `rejected` (with the
//! provider's reason) or `unknown`. A row left `pending` by a crash is an unknown outcome too. Checks
//! (`info`) are journaled the same way so the till can show its own history.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::Date;
use providers::Soles;
use providers::apurata::downpayment::CustomerId;
use serde::{Deserialize, Serialize};

use crate::clock;
use crate::error::TillError;
use crate::mode::Mode;
use crate::wording::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// `GET info`: read only.
    Check,
    /// `POST paid-and-billed`.
    PaidAndBilled,
    /// `POST undo-billing`.
    UndoBilling,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationState {
    /// Written, request sent or about to be; no answer yet.
    Pending,
    /// The provider answered 200.
    Confirmed,
    /// The provider answered and refused; `reason` holds its message.
    Rejected,
    /// No usable answer (timeout, dropped connection, 5xx, unreadable body): the outcome is not known.
    Unknown,
}

/// One row of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub id: i64,
    pub idempotency_key: String,
    pub mode: Mode,
    pub kind: OperationKind,
    pub customer: CustomerId,
    pub funding_code: String,
    pub state: OperationState,
    /// The provider's reason for a rejection, or what went wrong for an unknown outcome.
    pub reason: Option<String>,
    pub http_status: Option<u16>,
    /// The down payment the provider reported for this code (from the check, or the last check before
    /// a payment), when known.
    pub downpayment_amount: Option<Soles>,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
}

macro_rules! text_enum {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok($name::$variant),)+
                    other => Err(format!("unknown {} «{other}»", stringify!($name))),
                }
            }
        }
    };
}

text_enum!(OperationKind {
    Check => "check",
    PaidAndBilled => "paid_and_billed",
    UndoBilling => "undo_billing",
});

text_enum!(OperationState {
    Pending => "pending",
    Confirmed => "confirmed",
    Rejected => "rejected",
    Unknown => "unknown",
});

impl OperationKind {
    /// Words for people (reports, CLI).
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (OperationKind::Check, Lang::Es) => "Consulta",
            (OperationKind::PaidAndBilled, Lang::Es) => "Pagado y facturado",
            (OperationKind::UndoBilling, Lang::Es) => "Anular facturación",
            (OperationKind::Check, Lang::En) => "Check",
            (OperationKind::PaidAndBilled, Lang::En) => "Paid and billed",
            (OperationKind::UndoBilling, Lang::En) => "Undo billing",
        }
    }

    pub fn label_es(self) -> &'static str {
        self.label(Lang::Es)
    }

    pub fn changes_state(self) -> bool {
        self != OperationKind::Check
    }
}

impl OperationState {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (OperationState::Pending, Lang::Es) => "en curso",
            (OperationState::Confirmed, Lang::Es) => "confirmada",
            (OperationState::Rejected, Lang::Es) => "rechazada",
            (OperationState::Unknown, Lang::Es) => "resultado desconocido",
            (OperationState::Pending, Lang::En) => "in progress",
            (OperationState::Confirmed, Lang::En) => "confirmed",
            (OperationState::Rejected, Lang::En) => "rejected",
            (OperationState::Unknown, Lang::En) => "outcome unknown",
        }
    }

    pub fn label_es(self) -> &'static str {
        self.label(Lang::Es)
    }
}

/// What is written before a request leaves.
pub(crate) struct NewOperation<'a> {
    pub mode: Mode,
    pub kind: OperationKind,
    pub customer: &'a CustomerId,
    pub funding_code: &'a str,
    pub downpayment_amount: Option<Soles>,
}

/// How an operation ended.
pub(crate) struct Outcome {
    pub state: OperationState,
    pub reason: Option<String>,
    pub http_status: Option<u16>,
    pub downpayment_amount: Option<Soles>,
}

const COLUMNS: &str = "id, idempotency_key, mode, kind, customer_field, customer_number, funding_code, \
                       state, reason, http_status, downpayment_centimos, created_at, finished_at";

/// Writes a `pending` row with a fresh idempotency key and commits it (durably: `synchronous=FULL`).
pub(crate) fn begin(
    connection: &rusqlite::Connection,
    operation: &NewOperation<'_>,
) -> Result<JournalEntry, TillError> {
    let now = Timestamp::now();
    let key = uuid::Uuid::new_v4().to_string();
    connection
        .execute(
            "INSERT INTO journal (idempotency_key, mode, kind, customer_field, customer_number, \
             funding_code, state, downpayment_centimos, created_at, lima_day) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8, ?9)",
            rusqlite::params![
                key,
                operation.mode.as_str(),
                operation.kind.as_str(),
                operation.customer.field(),
                operation.customer.number(),
                operation.funding_code,
                operation.downpayment_amount.map(Soles::centimos),
                now.to_string(),
                clock::lima_day(now).to_string(),
            ],
        )
        .map_err(TillError::storage("write to the journal"))?;
    Ok(JournalEntry {
        id: connection.last_insert_rowid(),
        idempotency_key: key,
        mode: operation.mode,
        kind: operation.kind,
        customer: operation.customer.clone(),
        funding_code: operation.funding_code.to_owned(),
        state: OperationState::Pending,
        reason: None,
        http_status: None,
        downpayment_amount: operation.downpayment_amount,
        created_at: now,
        finished_at: None,
    })
}

/// Records how a `pending` row ended. A row that already ended is never rewritten.
pub(crate) fn finish(
    connection: &rusqlite::Connection,
    mut entry: JournalEntry,
    outcome: Outcome,
) -> Result<JournalEntry, TillError> {
    let now = Timestamp::now();
    let amount = outcome.downpayment_amount.or(entry.downpayment_amount);
    connection
        .execute(
            "UPDATE journal SET state = ?1, reason = ?2, http_status = ?3, downpayment_centimos = ?4, \
             finished_at = ?5 WHERE id = ?6 AND state = 'pending'",
            rusqlite::params![
                outcome.state.as_str(),
                outcome.reason,
                outcome.http_status,
                amount.map(Soles::centimos),
                now.to_string(),
                entry.id,
            ],
        )
        .map_err(TillError::storage("finish a journal row"))?;
    entry.state = outcome.state;
    entry.reason = outcome.reason;
    entry.http_status = outcome.http_status;
    entry.downpayment_amount = amount;
    entry.finished_at = Some(now);
    Ok(entry)
}

/// This till's journal in one mode, newest first, optionally one Lima day only.
pub(crate) fn list(
    connection: &rusqlite::Connection,
    mode: Mode,
    day: Option<Date>,
) -> Result<Vec<JournalEntry>, TillError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM journal WHERE mode = ?1 AND (?2 IS NULL OR lima_day = ?2) ORDER BY id DESC"
    );
    let mut statement = connection
        .prepare_cached(&sql)
        .map_err(TillError::storage("read the journal"))?;
    let rows = statement
        .query_map(
            rusqlite::params![mode.as_str(), day.map(|d| d.to_string())],
            read_row,
        )
        .map_err(TillError::storage("read the journal"))?;
    rows.collect::<Result<Vec<_>, _>>()
        .map_err(TillError::storage("read the journal"))
}

/// The down payment amount of the newest confirmed check of a code, to note beside a payment.
pub(crate) fn last_known_downpayment(
    connection: &rusqlite::Connection,
    mode: Mode,
    funding_code: &str,
) -> Result<Option<Soles>, TillError> {
    use rusqlite::OptionalExtension;
    connection
        .query_row(
            "SELECT downpayment_centimos FROM journal WHERE mode = ?1 AND funding_code = ?2 \
             AND kind = 'check' AND state = 'confirmed' AND downpayment_centimos IS NOT NULL \
             ORDER BY id DESC LIMIT 1",
            rusqlite::params![mode.as_str(), funding_code],
            |row| row.get::<_, i64>(0),
        )
        .optional()
        .map(|centimos| centimos.map(Soles::from_centimos))
        .map_err(TillError::storage("read the journal"))
}

fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<JournalEntry> {
    fn parsed<T: FromStr>(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<T>
    where
        T::Err: fmt::Display,
    {
        let text: String = row.get(index)?;
        text.parse::<T>().map_err(|error| {
            rusqlite::Error::FromSqlConversionFailure(
                index,
                rusqlite::types::Type::Text,
                error.to_string().into(),
            )
        })
    }
    let customer_field: String = row.get(4)?;
    let customer_number: String = row.get(5)?;
    let finished_at: Option<String> = row.get(12)?;
    Ok(JournalEntry {
        id: row.get(0)?,
        idempotency_key: row.get(1)?,
        mode: parsed::<Mode>(row, 2)?,
        kind: parsed(row, 3)?,
        customer: if customer_field == "ruc" {
            CustomerId::Ruc(customer_number)
        } else {
            CustomerId::Dni(customer_number)
        },
        funding_code: row.get(6)?,
        state: parsed(row, 7)?,
        reason: row.get(8)?,
        http_status: row.get(9)?,
        downpayment_amount: row.get::<_, Option<i64>>(10)?.map(Soles::from_centimos),
        created_at: parsed(row, 11)?,
        finished_at: finished_at
            .map(|text| text.parse::<Timestamp>())
            .transpose()
            .map_err(|error| {
                rusqlite::Error::FromSqlConversionFailure(
                    12,
                    rusqlite::types::Type::Text,
                    error.to_string().into(),
                )
            })?,
    })
}
