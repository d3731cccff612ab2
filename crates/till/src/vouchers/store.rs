//! The voucher table: writing a voucher with its exact register body before it leaves, finishing the
//! register with its outcome, recording what `info` and `cancel` say, a supervisor's resolution, and
//! reading it all back. Every change is sealed into the audit chain in the transaction that makes it.

use jiff::Timestamp;
use providers::Soles;
use providers::apagos::{RequestId, VoucherInfo, VoucherStatus};
use providers::apurata::downpayment::{CustomerId, FundingCode};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};

use super::model::{AmountDecision, Billing, Validated, Voucher, VoucherSale, VoucherState};
use crate::audit;
use crate::clock;
use crate::db::read::{optional, parsed, unreadable};
use crate::error::TillError;
use crate::mode::Mode;

fn failed() -> impl FnOnce(rusqlite::Error) -> TillError {
    TillError::storage("write the vouchers")
}

fn read_failed() -> impl FnOnce(rusqlite::Error) -> TillError {
    TillError::storage("read the vouchers")
}

/// A new voucher, as written before its register is sent.
pub(crate) struct NewVoucherRow {
    pub mode: Mode,
    pub amount: Soles,
    pub date: String,
    pub operation_number: String,
    pub bank_account_id: String,
    pub customer_dni: String,
    pub customer_fullname: String,
    pub detail: Option<String>,
    pub receipt: String,
    pub webhook: String,
    pub operator: Option<String>,
    pub sale: Option<VoucherSale>,
}

fn immediate(connection: &mut Connection) -> Result<Transaction<'_>, TillError> {
    connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(failed())
}

/// Takes the next sequence number, writes the voucher `sending` with the body `body_of(voucher_id)`
/// gives, and seals it, in one durable transaction. Returns Caja's voucher id.
pub(crate) fn insert(
    connection: &mut Connection,
    row: &NewVoucherRow,
    voucher_id_of: impl FnOnce(i64) -> String,
    body_of: impl FnOnce(&str) -> Result<String, TillError>,
) -> Result<String, TillError> {
    let now = Timestamp::now();
    let transaction = immediate(connection)?;
    let sequence: i64 = transaction
        .query_row(
            "INSERT INTO voucher_sequence (mode, last) VALUES (?1, 1) \
             ON CONFLICT (mode) DO UPDATE SET last = last + 1 RETURNING last",
            [row.mode.as_str()],
            |r| r.get(0),
        )
        .map_err(failed())?;
    let voucher_id = voucher_id_of(sequence);
    let body = body_of(&voucher_id)?;
    let shift_id = crate::journal::open_shift_id(&transaction, row.mode)?;
    transaction
        .execute(
            "INSERT INTO voucher (mode, voucher_id, amount_centimos, transfer_date, operation_number, \
             bank_account_id, customer_dni, customer_fullname, detail, receipt_url, webhook_url, \
             request_body, state, created_at, lima_day, operator_name, shift_id, \
             sale_customer_field, sale_customer_number, sale_funding_code, sale_collect_centimos) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'sending', ?13, ?14, ?15, ?16, \
             ?17, ?18, ?19, ?20)",
            params![
                row.mode.as_str(),
                voucher_id,
                row.amount.centimos(),
                row.date,
                row.operation_number,
                row.bank_account_id,
                row.customer_dni,
                row.customer_fullname,
                row.detail,
                row.receipt,
                row.webhook,
                body,
                now.to_string(),
                clock::lima_day(now).to_string(),
                row.operator,
                shift_id,
                row.sale.as_ref().map(|sale| sale.customer.field()),
                row.sale.as_ref().map(|sale| sale.customer.number()),
                row.sale.as_ref().map(|sale| sale.funding_code.as_str()),
                row.sale.as_ref().map(|sale| sale.collect.centimos()),
            ],
        )
        .map_err(failed())?;
    let id = transaction.last_insert_rowid();
    audit::seal_voucher(&transaction, id)?;
    audit::commit(transaction).map_err(failed())?;
    Ok(voucher_id)
}

/// How a register ended: `pending` with aPagos' id, `refused` or `unknown` with the words.
pub(crate) struct RegisterOutcome {
    pub state: VoucherState,
    pub request_id: Option<RequestId>,
    pub refusal: Option<String>,
    pub http_status: Option<u16>,
}

/// Finishes the register of a voucher still `sending` (or, for a supervisor's resolution, `unknown`).
pub(crate) fn finish_register(
    connection: &mut Connection,
    row: i64,
    from: VoucherState,
    outcome: &RegisterOutcome,
    resolution: Option<(&str, &str)>,
) -> Result<(), TillError> {
    let transaction = immediate(connection)?;
    transaction
        .execute(
            "UPDATE voucher SET state = ?3, request_id = ?4, refusal = COALESCE(?5, refusal), \
             http_status = COALESCE(?6, http_status), finished_at = ?7, \
             resolved_by = COALESCE(?8, resolved_by), resolution_reason = COALESCE(?9, resolution_reason) \
             WHERE id = ?1 AND state = ?2",
            params![
                row,
                from.as_str(),
                outcome.state.as_str(),
                outcome.request_id.as_ref().map(RequestId::as_str),
                outcome.refusal,
                outcome.http_status,
                Timestamp::now().to_string(),
                resolution.map(|(who, _)| who),
                resolution.map(|(_, why)| why),
            ],
        )
        .map_err(failed())?;
    audit::seal_voucher(&transaction, row)?;
    audit::commit(transaction).map_err(failed())
}

/// Records what `info` answered: the status and the validated values, beside the typed ones. Sealed
/// only when something changed.
pub(crate) fn record_info(
    connection: &mut Connection,
    row: i64,
    info: &VoucherInfo,
) -> Result<(), TillError> {
    let transaction = immediate(connection)?;
    let changed = transaction
        .execute(
            "UPDATE voucher SET status = ?2, validated_amount_centimos = ?3, validated_date = ?4, \
             validated_operation_number = ?5, validated_bank_account_id = ?6, \
             bank_operation_number = ?7, status_at = ?8 WHERE id = ?1 AND (status IS NOT ?2 \
             OR validated_amount_centimos IS NOT ?3 OR validated_date IS NOT ?4 \
             OR validated_operation_number IS NOT ?5 OR validated_bank_account_id IS NOT ?6 \
             OR bank_operation_number IS NOT ?7)",
            params![
                row,
                info.status.as_str(),
                info.amount.centimos(),
                info.date.to_string(),
                info.operation_number,
                info.bank_account_id,
                info.bank_operation_number,
                Timestamp::now().to_string(),
            ],
        )
        .map_err(failed())?;
    if changed > 0 {
        audit::seal_voucher(&transaction, row)?;
    }
    audit::commit(transaction).map_err(failed())
}

/// Records a status learned without `info` (a cancel's answer).
pub(crate) fn record_status(
    connection: &mut Connection,
    row: i64,
    status: &VoucherStatus,
) -> Result<(), TillError> {
    let transaction = immediate(connection)?;
    transaction
        .execute(
            "UPDATE voucher SET status = ?2, status_at = ?3 WHERE id = ?1",
            params![row, status.as_str(), Timestamp::now().to_string()],
        )
        .map_err(failed())?;
    audit::seal_voucher(&transaction, row)?;
    audit::commit(transaction).map_err(failed())
}

const COLUMNS: &str = "id, voucher_id, mode, amount_centimos, transfer_date, operation_number, \
    bank_account_id, customer_dni, customer_fullname, detail, receipt_url, webhook_url, request_body, \
    state, request_id, status, refusal, http_status, validated_amount_centimos, validated_date, \
    validated_operation_number, validated_bank_account_id, bank_operation_number, status_at, \
    created_at, finished_at, lima_day, operator_name, resolved_by, resolution_reason, shift_id, \
    sale_customer_field, sale_customer_number, sale_funding_code, sale_collect_centimos, \
    amount_decision, decided_by, decision_reason, billing, billed_entry, billing_problem";

/// One voucher by Caja's id.
pub(crate) fn voucher(
    connection: &Connection,
    mode: Mode,
    voucher_id: &str,
) -> Result<Option<Voucher>, TillError> {
    let sql = format!("SELECT {COLUMNS} FROM voucher WHERE mode = ?1 AND voucher_id = ?2");
    connection
        .query_row(&sql, params![mode.as_str(), voucher_id], voucher_of)
        .optional()
        .map_err(read_failed())
}

/// The vouchers registered during a shift, newest first.
pub(crate) fn of_shift(
    connection: &Connection,
    mode: Mode,
    shift_id: i64,
) -> Result<Vec<Voucher>, TillError> {
    let sql =
        format!("SELECT {COLUMNS} FROM voucher WHERE mode = ?1 AND shift_id = ?2 ORDER BY id DESC");
    let mut statement = connection.prepare(&sql).map_err(read_failed())?;
    statement
        .query_map(params![mode.as_str(), shift_id], voucher_of)
        .map_err(read_failed())?
        .collect::<Result<_, _>>()
        .map_err(read_failed())
}

/// Every voucher of the mode, newest first.
pub(crate) fn vouchers(connection: &Connection, mode: Mode) -> Result<Vec<Voucher>, TillError> {
    let sql = format!("SELECT {COLUMNS} FROM voucher WHERE mode = ?1 ORDER BY id DESC");
    let mut statement = connection.prepare(&sql).map_err(read_failed())?;
    statement
        .query_map([mode.as_str()], voucher_of)
        .map_err(read_failed())?
        .collect::<Result<_, _>>()
        .map_err(read_failed())
}

fn voucher_of(row: &Row<'_>) -> rusqlite::Result<Voucher> {
    let amount = Soles::from_centimos(row.get(3)?);
    let state: String = row.get(13)?;
    let request_id: Option<String> = row.get(14)?;
    let validated_amount: Option<i64> = row.get(18)?;
    let validated_date: Option<jiff::civil::Date> = optional(19, row.get(19)?)?;
    let validated = match (validated_amount, validated_date) {
        (Some(centimos), Some(date)) => Some(Validated {
            amount: Soles::from_centimos(centimos),
            date,
            operation_number: row.get::<_, Option<String>>(20)?.unwrap_or_default(),
            bank_account_id: row.get::<_, Option<String>>(21)?.unwrap_or_default(),
            bank_operation_number: row.get(22)?,
        }),
        _ => None,
    };
    Ok(Voucher {
        row: row.get(0)?,
        voucher_id: row.get(1)?,
        mode: parsed(2, &row.get::<_, String>(2)?)?,
        amount,
        date: parsed(4, &row.get::<_, String>(4)?)?,
        operation_number: row.get(5)?,
        bank_account_id: row.get(6)?,
        customer_dni: row.get(7)?,
        customer_fullname: row.get(8)?,
        detail: row.get(9)?,
        receipt: row.get(10)?,
        webhook: row.get(11)?,
        request_body: row.get(12)?,
        state: VoucherState::parse(&state).ok_or_else(|| unreadable(13, &state))?,
        request_id: match request_id {
            Some(text) => Some(RequestId::parse(&text).ok_or_else(|| unreadable(14, &text))?),
            None => None,
        },
        status: row
            .get::<_, Option<String>>(15)?
            .map(|text| VoucherStatus::from_text(&text)),
        refusal: row.get(16)?,
        http_status: row.get(17)?,
        amount_differs: validated.as_ref().is_some_and(|v| v.amount != amount),
        validated,
        status_at: optional(23, row.get(23)?)?,
        created_at: parsed(24, &row.get::<_, String>(24)?)?,
        finished_at: optional(25, row.get(25)?)?,
        lima_day: parsed(26, &row.get::<_, String>(26)?)?,
        operator: row.get(27)?,
        resolved_by: row.get(28)?,
        resolution_reason: row.get(29)?,
        shift_id: row.get(30)?,
        sale: sale_of(row)?,
        amount_decision: match row.get::<_, Option<String>>(35)? {
            Some(text) => Some(AmountDecision::parse(&text).ok_or_else(|| unreadable(35, &text))?),
            None => None,
        },
        decided_by: row.get(36)?,
        decision_reason: row.get(37)?,
        billing: match row.get::<_, Option<String>>(38)? {
            Some(text) => Some(Billing::parse(&text).ok_or_else(|| unreadable(38, &text))?),
            None => None,
        },
        billed_entry: row.get(39)?,
        billing_problem: row.get(40)?,
    })
}

fn sale_of(row: &Row<'_>) -> rusqlite::Result<Option<VoucherSale>> {
    let field: Option<String> = row.get(31)?;
    let number: Option<String> = row.get(32)?;
    let code: Option<String> = row.get(33)?;
    let collect: Option<i64> = row.get(34)?;
    let (Some(field), Some(number), Some(code), Some(collect)) = (field, number, code, collect)
    else {
        return Ok(None);
    };
    let customer = match field.as_str() {
        "dni" => providers::apurata::downpayment::Dni::parse(&number).map(CustomerId::Dni),
        _ => providers::apurata::downpayment::Ruc::parse(&number).map(CustomerId::Ruc),
    }
    .map_err(|_| unreadable(32, &number))?;
    Ok(Some(VoucherSale {
        customer,
        funding_code: FundingCode::parse(&code).map_err(|_| unreadable(33, &code))?,
        collect: Soles::from_centimos(collect),
    }))
}
