//! The 80 mm papers: the customer's receipt of a down payment (constancia de pago de cuota inicial: not
//! a tax invoice, and it says so) and the Z report's ticket. With a thermal printer set in Ajustes they
//! go to it as ESC/POS; without one, a receipt is a small PDF kept in the reports folder. The last
//! receipt is printed again with one key (`journal_id` none): the newest confirmed payment.

use std::path::PathBuf;

use jiff::Timestamp;
use report::thermal::ThermalPrinter;
use report::ticket::{self, Ticket, TicketFormat, TicketLine};
use serde::Serialize;
use till::error::TillError;
use till::identity::mask_document;
use till::journal::{JournalEntry, OperationKind, OperationState};
use till::shift::z::ZReport;
use till::{blocking, clock};
use ts_rs::TS;

use crate::Desk;
use crate::settings::Settings;
use crate::views::{ErrorView, reports_dir};
use crate::wording;

/// Where a receipt went.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptView {
    pub journal_id: i64,
    /// The thermal printer it was sent to; null when none is set (then `pdfPath` holds it).
    pub printed_on: Option<String>,
    pub pdf_path: Option<String>,
    pub reprint: bool,
}

/// Prints the receipt of a confirmed payment (`journal_id`), or again the newest one when none is
/// given (the one-key reprint, marked REIMPRESIÓN).
pub async fn print_receipt(desk: &Desk, journal_id: Option<i64>) -> Result<ReceiptView, ErrorView> {
    let (entry, settings, data_dir) = desk
        .with(async |ws| {
            let journal = ws.till.journal(None).await?;
            let payments = journal.into_iter().filter(|entry| {
                entry.kind == OperationKind::PaidAndBilled
                    && entry.state == OperationState::Confirmed
            });
            let entry = match journal_id {
                Some(id) => payments.into_iter().find(|entry| entry.id == id),
                None => payments.into_iter().next(),
            };
            let entry = entry.ok_or(TillError::invalid(
                "journal_id",
                &journal_id.map(|id| id.to_string()).unwrap_or_default(),
                till::InputProblem::NoReceipt,
            ))?;
            Ok::<_, TillError>((entry, ws.settings.clone(), ws.data_dir.clone()))
        })
        .await?;
    let reprint = journal_id.is_none();
    blocking::run(move || deliver_receipt(&entry, &settings, data_dir, reprint))
        .await
        .map_err(|error| paper_error(&error))
}

/// Prints or keeps the receipt of `entry`; the CLI calls this after `caja pay` with `--receipt`.
pub fn deliver_receipt(
    entry: &JournalEntry,
    settings: &Settings,
    data_dir: PathBuf,
    reprint: bool,
) -> Result<ReceiptView, report::ReportError> {
    let ticket = receipt_ticket(entry, settings, reprint.then(Timestamp::now));
    let name = format!(
        "constancia-{}-{:06}{}.pdf",
        entry.mode,
        entry.id,
        if reprint { "-reimpresion" } else { "" }
    );
    let (printed_on, pdf_path) = deliver_ticket(&ticket, settings, &data_dir, &name)?;
    Ok(ReceiptView {
        journal_id: entry.id,
        printed_on,
        pdf_path,
        reprint,
    })
}

/// Sends a ticket to the thermal printer of the settings, or keeps it as a PDF named `pdf_name` in the
/// reports folder when none is set: where it went (the printer, or the PDF's path).
pub(crate) fn deliver_ticket(
    ticket: &Ticket,
    settings: &Settings,
    data_dir: &std::path::Path,
    pdf_name: &str,
) -> Result<(Option<String>, Option<String>), report::ReportError> {
    match thermal_printer(settings)? {
        Some(printer) => {
            printer.send(&ticket::escpos_bytes(ticket, &TicketFormat::default())?)?;
            Ok((Some(printer.to_string()), None))
        }
        None => {
            let pdf = ticket::render_ticket_pdf(ticket)?;
            let delivery = report::delivery::keep(&pdf, &reports_dir(data_dir), pdf_name)?;
            Ok((None, Some(delivery.display().to_string())))
        }
    }
}

/// The thermal printer of the settings, if one is set.
pub fn thermal_printer(settings: &Settings) -> Result<Option<ThermalPrinter>, report::ReportError> {
    settings
        .thermal_printer
        .as_deref()
        .map(ThermalPrinter::parse)
        .transpose()
}

/// A payment's receipt as ticket lines, in the till's language.
pub fn receipt_ticket(
    entry: &JournalEntry,
    settings: &Settings,
    reprint_at: Option<Timestamp>,
) -> Ticket {
    let lang = settings.lang;
    let words = wording::receipt::receipt(lang);
    let mut lines = vec![
        TicketLine::Title(words.title.to_owned()),
        TicketLine::Centered(settings.store_name.clone()),
        TicketLine::Centered(settings.till_name.clone()),
        TicketLine::Centered(format!(
            "{} ({})",
            clock::in_lima(entry.created_at).strftime("%d/%m/%Y %H:%M"),
            words.lima_time
        )),
    ];
    if let Some(at) = reprint_at {
        lines.push(TicketLine::Notice(format!(
            "{} {}",
            words.reprint,
            clock::in_lima(at).strftime("%d/%m/%Y %H:%M")
        )));
    }
    if !entry.mode.is_live() {
        lines.push(TicketLine::Notice(words.test_data.to_owned()));
    }
    lines.push(TicketLine::Rule);
    let document = format!(
        "{} {}",
        entry.customer.field().to_uppercase(),
        mask_document(entry.customer.number())
    );
    lines.push(pair(words.customer, document));
    lines.push(pair(words.funding_code, entry.funding_code.to_string()));
    lines.push(pair(words.operation, format!("{:06}", entry.id)));
    let amount = entry
        .collect
        .or(entry.downpayment_amount)
        .unwrap_or_default();
    lines.push(pair(words.amount, amount.to_string()));
    if let Some(payment) = &entry.payment {
        lines.push(pair(
            words.tender,
            wording::shift::tender(lang, payment.tender).to_owned(),
        ));
        if let Some(last4) = &payment.card_last4 {
            lines.push(pair(words.card, format!("**** {last4}")));
        }
        if let Some(code) = &payment.card_authorization {
            lines.push(pair(words.authorization, code.clone()));
        }
        if let Some(received) = payment.received {
            lines.push(pair(words.received, received.to_string()));
        }
        if let Some(change) = payment.change(Some(amount)) {
            lines.push(TicketLine::Big {
                label: words.change.to_owned(),
                value: change.to_string(),
            });
        }
    }
    if let Some(operator) = &entry.operator {
        lines.push(pair(words.operator, operator.clone()));
    }
    lines.push(TicketLine::Rule);
    lines.push(TicketLine::Notice(words.not_an_invoice.to_owned()));
    lines.push(TicketLine::Blank);
    lines.push(TicketLine::Text(words.not_an_invoice_detail.to_owned()));
    Ticket { lines }
}

fn pair(left: &str, right: String) -> TicketLine {
    TicketLine::Pair {
        left: left.to_owned(),
        right,
    }
}

/// Prints the Z on the thermal printer when one is set; says where.
pub fn print_z_ticket(
    report: &ZReport,
    settings: &Settings,
    reprint_at: Option<Timestamp>,
) -> Result<Option<String>, report::ReportError> {
    let Some(printer) = thermal_printer(settings)? else {
        return Ok(None);
    };
    let ticket = z_ticket(report, settings, reprint_at);
    printer.send(&ticket::escpos_bytes(&ticket, &TicketFormat::default())?)?;
    Ok(Some(printer.to_string()))
}

/// A layout, file or printer failure as it crosses the bridge (the report's own words).
pub(crate) fn paper_error(error: &report::ReportError) -> ErrorView {
    ErrorView {
        code: error.code().to_owned(),
        message: error.to_string(),
        field: None,
    }
}

/// The Z as an 80 mm ticket: the same figures, condensed.
pub fn z_ticket(report: &ZReport, settings: &Settings, reprint_at: Option<Timestamp>) -> Ticket {
    let lang = settings.lang;
    let words = wording::receipt::z(lang);
    let country = report.shift.country;
    let text = |amount: till::Soles| country.money_text(amount.centimos());
    let mut lines = vec![
        TicketLine::Title(format!("{} {:06}", words.title, report.number)),
        TicketLine::Centered(settings.store_name.clone()),
    ];
    if let Some(at) = reprint_at {
        lines.push(TicketLine::Notice(format!(
            "{} {}",
            words.reprint,
            crate::z_sheet::store_time(country, at)
        )));
    }
    for (label, value) in crate::z_sheet::facts(report, settings, &words)
        .into_iter()
        .skip(1)
    {
        lines.push(TicketLine::Pair {
            left: label,
            right: value,
        });
    }
    lines.push(TicketLine::Rule);
    for line in report
        .reconciliation
        .tenders
        .iter()
        .filter(|line| line.tender.offered_in(country))
    {
        lines.push(TicketLine::Pair {
            left: format!(
                "{} ({})",
                wording::shift::tender(lang, line.tender),
                line.payments
            ),
            right: text(line.expected),
        });
        if let (Some(counted), Some(difference)) = (line.counted, line.difference) {
            lines.push(TicketLine::Pair {
                left: format!("  {}", words.tender_columns[3]),
                right: text(counted),
            });
            lines.push(TicketLine::Pair {
                left: format!("  {}", words.tender_columns[4]),
                right: text(difference),
            });
        }
    }
    lines.extend(crate::z_transfers::ticket_lines(&report.transfers, lang));
    lines.extend(crate::z_financing::ticket_lines(
        &report.financing,
        country,
        lang,
    ));
    lines.push(TicketLine::Rule);
    for difference in &report.reconciliation.differences {
        let (title, _) = wording::shift::difference(lang, difference.kind);
        lines.push(TicketLine::Pair {
            left: title.to_owned(),
            right: text(difference.amount),
        });
    }
    if let Some(approval) = &report.approval {
        lines.push(TicketLine::Text(format!(
            "{} {} — {}",
            words.approved_by, approval.supervisor, approval.reason
        )));
    }
    lines.push(TicketLine::Blank);
    lines.push(TicketLine::Text(format!(
        "{}: ____________________",
        words.cashier_signature
    )));
    lines.push(TicketLine::Text(format!(
        "{}: ____________________",
        words.supervisor_signature
    )));
    Ticket { lines }
}
