//! The accountant's copy: one Lima day of this till's journal as CSV (one row per operation, headers in
//! Spanish, amounts as exact decimals, documents with their middle digits masked as on the report).

use std::io::Write;

use jiff::civil::Date;

use crate::wording::{Label, Lang};
use till::error::TillError;
use till::identity::mask_document;
use till::mode::Mode;
use till::staff::Staff;

const HEADERS: [&str; 14] = [
    "operacion_n",
    "fecha_hora_lima",
    "modo",
    "operacion",
    "estado",
    "documento",
    "codigo_financiamiento",
    "cuota_inicial_soles",
    "motivo_del_proveedor",
    "http",
    "cajero",
    "aprobado_por",
    "motivo_de_la_aprobacion",
    "clave_idempotencia",
];

/// The accountant's CSV of a day, written from who is at the till (it reads the journal).
pub trait ExportCsv {
    /// Writes the day's operations of `mode`, oldest first, and returns how many rows were written.
    fn export_day(&self, mode: Mode, day: Date, out: impl Write) -> Result<usize, TillError>;
}

impl ExportCsv for Staff {
    fn export_day(&self, mode: Mode, day: Date, out: impl Write) -> Result<usize, TillError> {
        let mut entries = self.journal_of_day(mode, day)?;
        entries.reverse();
        let failed = |error: csv::Error| TillError::Io {
            path: "CSV".into(),
            source: std::io::Error::other(error),
        };
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(HEADERS).map_err(failed)?;
        for entry in &entries {
            let amount = entry
                .downpayment_amount
                .map(|amount| amount.to_decimal().to_string())
                .unwrap_or_default();
            writer
                .write_record([
                    entry.id.to_string(),
                    till::clock::in_lima(entry.created_at)
                        .strftime("%Y-%m-%d %H:%M:%S")
                        .to_string(),
                    entry.mode.to_string(),
                    entry.kind.label(Lang::Es).to_owned(),
                    entry.state.label(Lang::Es).to_owned(),
                    format!(
                        "{} {}",
                        entry.customer.field().to_uppercase(),
                        mask_document(entry.customer.number())
                    ),
                    entry.funding_code.to_string(),
                    amount,
                    entry.reason.clone().unwrap_or_default(),
                    entry.http_status.map(|s| s.to_string()).unwrap_or_default(),
                    entry.operator.clone().unwrap_or_default(),
                    entry.approver.clone().unwrap_or_default(),
                    entry.approval_reason.clone().unwrap_or_default(),
                    entry.idempotency_key.clone(),
                ])
                .map_err(failed)?;
        }
        writer.flush().map_err(|source| TillError::Io {
            path: "CSV".into(),
            source,
        })?;
        Ok(entries.len())
    }
}
