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
use providers::apurata::downpayment::{CustomerId, FundingCode};
use serde::{Deserialize, Serialize};

pub use crate::operation::{OperationKind, OperationState};

mod queue;
mod shift_rows;

pub(crate) use queue::{Claim, claim, close_abandoned_checks, open_operations};
pub(crate) use shift_rows::{of_shift, open_shift_id};

use crate::audit;
use crate::clock;
use crate::error::TillError;
use crate::mode::Mode;
use crate::people::Approved;
use crate::tender::{Payment, Tender};

/// One row of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub id: i64,
    pub idempotency_key: String,
    pub mode: Mode,
    pub kind: OperationKind,
    pub customer: CustomerId,
    pub funding_code: FundingCode,
    pub state: OperationState,
    /// The provider's reason for a rejection, or what went wrong for an unknown outcome.
    pub reason: Option<String>,
    pub http_status: Option<u16>,
    /// The down payment the provider reported for this code (from the check, or the last check before
    /// a payment), when known.
    pub downpayment_amount: Option<Soles>,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    /// How many times the outbox has tried to resolve an unknown outcome.
    pub attempts: u32,
    /// Who was signed in when it was issued (none on a till without people).
    pub operator: Option<String>,
    /// The supervisor who approved it, and why (undo-billing).
    pub approver: Option<String>,
    pub approval_reason: Option<String>,
    /// How a payment was paid (none on checks and undos, and on payments journaled before tenders).
    pub payment: Option<Payment>,
    /// What the cashier was told to collect: the down payment while it was pending, zero when it was
    /// already paid (online, or before an undo). Checks record it; a payment carries its check's.
    pub collect: Option<Soles>,
    /// The shift (turno) it belongs to.
    pub shift_id: Option<i64>,
}

impl JournalEntry {
    /// The money this operation brought into the till: a confirmed payment's collected amount.
    pub fn collected(&self) -> Soles {
        if self.kind == OperationKind::PaidAndBilled && self.state == OperationState::Confirmed {
            // A payment never checked here: the down payment, when known, is what was collected.
            self.collect
                .or(self.downpayment_amount)
                .unwrap_or(Soles::ZERO)
        } else {
            Soles::ZERO
        }
    }

    /// The tender of a payment; [`Tender::Unknown`] when it was not recorded.
    pub fn tender(&self) -> Tender {
        self.payment
            .as_ref()
            .map_or(Tender::Unknown, |payment| payment.tender)
    }
}

/// What is written before a request leaves.
pub(crate) struct NewOperation<'a> {
    pub mode: Mode,
    pub kind: OperationKind,
    pub customer: &'a CustomerId,
    pub funding_code: &'a FundingCode,
    pub downpayment_amount: Option<Soles>,
    pub operator: Option<&'a str>,
    pub approval: Option<&'a Approved>,
    pub payment: Option<&'a Payment>,
    pub collect: Option<Soles>,
}

/// How an operation (or one attempt at resolving it) ended.
pub(crate) struct Outcome {
    pub state: OperationState,
    pub reason: Option<String>,
    pub http_status: Option<u16>,
    pub downpayment_amount: Option<Soles>,
    /// For `unknown`: when the outbox may try again (epoch ms).
    pub next_attempt_ms: Option<i64>,
    /// For a check: what the cashier is told to collect.
    pub collect: Option<Soles>,
}

const COLUMNS: &str = "id, idempotency_key, mode, kind, customer_field, customer_number, funding_code, \
                       state, reason, http_status, downpayment_centimos, created_at, finished_at, attempts, \
                       operator_name, approver_name, approval_reason, tender, received_centimos, \
                       card_last4, card_authorization, collect_centimos, shift_id";

/// Writes a `pending` row with a fresh idempotency key and commits it (durably: `synchronous=FULL`),
/// holding it for `lease_ms` (the process that sends the request owns it until then).
///
/// For a state-changing kind, the same write transaction first makes sure no other operation on that
/// funding code is still open (in flight, or with an unknown outcome): at most one at a time per code,
/// across windows and processes, so a double click cannot bill twice and a pay and an undo happen in the
/// order they were issued.
pub(crate) fn begin(
    connection: &mut rusqlite::Connection,
    operation: &NewOperation<'_>,
    lease_ms: i64,
) -> Result<JournalEntry, TillError> {
    let failed = || TillError::storage("write to the journal");
    let now = Timestamp::now();
    let key = uuid::Uuid::new_v4().to_string();
    let approver_name = operation
        .approval
        .map(|approved| approved.supervisor.name.clone());
    let approval_reason = operation.approval.map(|approved| approved.reason.clone());
    let payment = operation.payment;
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(failed())?;
    // Read in the same transaction as the insert: a shift closed by another window cannot take a
    // payment after its Z.
    let shift_id = open_shift_id(&transaction, operation.mode)?;
    if operation.kind.changes_state() && shift_id.is_none() {
        return Err(TillError::NoShiftOpen);
    }
    if operation.kind.changes_state()
        && let Some(open) = open_on_code(&transaction, operation.mode, operation.funding_code)?
    {
        return Err(TillError::OperationOpen {
            funding_code: operation.funding_code.to_string(),
            id: open.0,
            kind: open.1,
        });
    }
    transaction
        .execute(
            "INSERT INTO journal (idempotency_key, mode, kind, customer_field, customer_number, \
             funding_code, state, downpayment_centimos, created_at, lima_day, lease_until_ms, \
             operator_name, approver_name, approval_reason, tender, received_centimos, card_last4, \
             card_authorization, collect_centimos, shift_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
             ?17, ?18, ?19)",
            rusqlite::params![
                key,
                operation.mode.as_str(),
                operation.kind.as_str(),
                operation.customer.field(),
                operation.customer.number(),
                operation.funding_code.as_str(),
                operation.downpayment_amount.map(Soles::centimos),
                now.to_string(),
                clock::lima_day(now).to_string(),
                now.as_millisecond() + lease_ms,
                operation.operator,
                approver_name,
                approval_reason,
                payment.map(|p| p.tender.as_str()),
                payment.and_then(|p| p.received).map(Soles::centimos),
                payment.and_then(|p| p.card_last4.as_deref()),
                payment.and_then(|p| p.card_authorization.as_deref()),
                operation.collect.map(Soles::centimos),
                shift_id,
            ],
        )
        .map_err(failed())?;
    let id = transaction.last_insert_rowid();
    audit::seal_journal_row(&transaction, id)?;
    audit::commit(transaction).map_err(failed())?;
    Ok(JournalEntry {
        id,
        idempotency_key: key,
        mode: operation.mode,
        kind: operation.kind,
        customer: operation.customer.clone(),
        funding_code: operation.funding_code.clone(),
        state: OperationState::Pending,
        reason: None,
        http_status: None,
        downpayment_amount: operation.downpayment_amount,
        created_at: now,
        finished_at: None,
        attempts: 0,
        operator: operation.operator.map(str::to_owned),
        approver: approver_name,
        approval_reason,
        payment: payment.cloned(),
        collect: operation.collect,
        shift_id,
    })
}

/// The open (pending or unknown) state-changing operation on a code, if any: its id and kind.
fn open_on_code(
    connection: &rusqlite::Connection,
    mode: Mode,
    funding_code: &FundingCode,
) -> Result<Option<(i64, OperationKind)>, TillError> {
    use rusqlite::OptionalExtension;
    let row = connection
        .query_row(
            "SELECT id, kind FROM journal WHERE mode = ?1 AND funding_code = ?2 \
             AND kind != 'check' AND state IN ('pending', 'unknown') ORDER BY id LIMIT 1",
            rusqlite::params![mode.as_str(), funding_code.as_str()],
            |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
        )
        .optional()
        .map_err(TillError::storage("read the journal"))?;
    Ok(row.and_then(|(id, kind)| kind.parse().ok().map(|kind| (id, kind))))
}

/// Records how an open row ended (or, for `unknown`, how this attempt ended and when to try again).
/// A row that already ended as confirmed or rejected is never rewritten.
pub(crate) fn finish(
    connection: &rusqlite::Connection,
    mut entry: JournalEntry,
    outcome: Outcome,
) -> Result<JournalEntry, TillError> {
    let now = Timestamp::now();
    let amount = outcome.downpayment_amount.or(entry.downpayment_amount);
    let transaction = connection
        .unchecked_transaction()
        .map_err(TillError::storage("finish a journal row"))?;
    let changed = transaction
        .execute(
            "UPDATE journal SET state = ?1, reason = ?2, http_status = ?3, downpayment_centimos = ?4, \
             finished_at = ?5, lease_until_ms = NULL, next_attempt_ms = ?6, \
             collect_centimos = coalesce(?8, collect_centimos) \
             WHERE id = ?7 AND state IN ('pending', 'unknown')",
            rusqlite::params![
                outcome.state.as_str(),
                outcome.reason,
                outcome.http_status,
                amount.map(Soles::centimos),
                now.to_string(),
                outcome.next_attempt_ms,
                entry.id,
                outcome.collect.map(Soles::centimos),
            ],
        )
        .map_err(TillError::storage("finish a journal row"))?;
    if changed > 0 {
        audit::seal_journal_row(&transaction, entry.id)?;
    }
    audit::commit(transaction).map_err(TillError::storage("finish a journal row"))?;
    entry.state = outcome.state;
    entry.reason = outcome.reason;
    if outcome.collect.is_some() {
        entry.collect = outcome.collect;
    }
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

/// The down payment amount of the newest confirmed check of a code, to note beside a payment, and what
/// that check said to collect (none when the check predates tenders).
pub(crate) fn last_known_downpayment(
    connection: &rusqlite::Connection,
    mode: Mode,
    funding_code: &str,
) -> Result<(Option<Soles>, Option<Soles>), TillError> {
    use rusqlite::OptionalExtension;
    connection
        .query_row(
            "SELECT downpayment_centimos, collect_centimos FROM journal WHERE mode = ?1 \
             AND funding_code = ?2 AND kind = 'check' AND state = 'confirmed' \
             AND downpayment_centimos IS NOT NULL ORDER BY id DESC LIMIT 1",
            rusqlite::params![mode.as_str(), funding_code],
            |row| Ok((row.get::<_, i64>(0)?, row.get::<_, Option<i64>>(1)?)),
        )
        .optional()
        .map(|found| match found {
            Some((amount, collect)) => (
                Some(Soles::from_centimos(amount)),
                collect.map(Soles::from_centimos),
            ),
            None => (None, None),
        })
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
    // Checked on the way back too: a row edited outside Caja is a storage error, not an unchecked id.
    let customer_field: String = row.get(4)?;
    let finished_at: Option<String> = row.get(12)?;
    Ok(JournalEntry {
        id: row.get(0)?,
        idempotency_key: row.get(1)?,
        mode: parsed::<Mode>(row, 2)?,
        kind: parsed(row, 3)?,
        customer: if customer_field == "ruc" {
            CustomerId::Ruc(parsed(row, 5)?)
        } else {
            CustomerId::Dni(parsed(row, 5)?)
        },
        funding_code: parsed(row, 6)?,
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
        attempts: row.get(13)?,
        operator: row.get(14)?,
        approver: row.get(15)?,
        approval_reason: row.get(16)?,
        payment: match row.get::<_, Option<String>>(17)? {
            None => None,
            Some(_) => Some(Payment {
                tender: parsed::<Tender>(row, 17).unwrap_or(Tender::Unknown),
                received: row.get::<_, Option<i64>>(18)?.map(Soles::from_centimos),
                card_last4: row.get(19)?,
                card_authorization: row.get(20)?,
            }),
        },
        collect: row.get::<_, Option<i64>>(21)?.map(Soles::from_centimos),
        shift_id: row.get(22)?,
    })
}
