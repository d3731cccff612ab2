//! How `caja shift` says its answers: the desk's views as they are under `--json` (amounts as
//! `{centimos, text}`, expected amounts null where the desktop hides them), and as text lines worded by
//! `desk::wording::cli`, picked and put in order here.

use desk::closing::{ZListItem, ZView};
use desk::views::{ErrorView, ReconciliationView, ShiftView};
use desk::wording::cli as words;
use jiff::Timestamp;
use serde_json::json;
use till::cash::CashCount;
use till::shift::z::ApprovalRecord;

use crate::output::Printer;

pub fn opened(printer: &Printer, view: &ShiftView, count: &CashCount, country: till::Country) {
    let text = words::shift_opened(printer.lang, view.id, &view.float.text, count, country);
    let details = json!({
        "action": "open",
        "shift": view,
        "count": { "pieces": count.pieces, "total": view.float },
    });
    printer.success("shift", details, &text);
}

pub fn status(printer: &Printer, view: Option<&ShiftView>) {
    let text = match view {
        Some(view) => shift_text(printer, view),
        None => words::no_shift(printer.lang),
    };
    printer.success("shift", json!({ "action": "status", "shift": view }), &text);
}

pub fn moved(printer: &Printer, view: &ShiftView) {
    let lang = printer.lang;
    let movement = view.movements.last();
    let text = movement
        .map(|m| {
            words::movement_recorded(
                lang,
                m.direction_label,
                &m.amount.text,
                view.id,
                &m.reason,
                m.approver.as_deref(),
            )
        })
        .unwrap_or_default();
    let action = match movement.map(|m| m.direction) {
        Some(till::shift::Direction::Out) => "cash_out",
        _ => "cash_in",
    };
    let details = json!({ "action": action, "movement": movement, "shift": view });
    printer.success("shift", details, &text);
}

pub fn x_report(printer: &Printer, view: &ReconciliationView) {
    let heading = words::x_heading(printer.lang, view.shift.id, &view.shift.day);
    let text = format!("{heading}\n{}", reconciliation_text(printer, view));
    printer.success("shift", json!({ "action": "x", "report": view }), &text);
}

pub fn counted(
    printer: &Printer,
    view: &ReconciliationView,
    count: &CashCount,
    country: till::Country,
) {
    let card_batch = view
        .tenders
        .get(1)
        .and_then(|line| line.counted.as_ref())
        .map(|money| money.text.clone())
        .unwrap_or_default();
    let heading = words::count_saved(
        printer.lang,
        &country.money_text(count.total().centimos()),
        &words::pieces(count),
        &card_batch,
    );
    let text = format!("{heading}\n{}", reconciliation_text(printer, view));
    printer.success("shift", json!({ "action": "count", "report": view }), &text);
}

/// The shift is closed and its Z filed whatever happened to its papers: a failed PDF or ticket is said,
/// with how to make them again, but is no failure of the closing (exit 0).
/// What the closing filed, known before its papers are made.
pub struct Filed {
    pub number: i64,
    pub shift_id: i64,
    pub closed_at: Option<Timestamp>,
    pub approval: Option<ApprovalRecord>,
}

pub fn closed(printer: &Printer, filed: &Filed, papers: Result<ZView, ErrorView>) {
    let lang = printer.lang;
    let Filed {
        number,
        shift_id,
        closed_at,
        ..
    } = *filed;
    let number_text = format!("{number:06}");
    let (text, z, paper_error) = match papers {
        Ok(view) => {
            let heading = words::shift_closed(
                lang,
                shift_id,
                &number_text,
                &view.closed_at_lima,
                view.closed_by.as_deref(),
            );
            let text = format!("{heading}\n{}", z_body(printer, &view));
            (text, Some(view), None)
        }
        Err(error) => {
            let closed_at = lima(closed_at.unwrap_or_else(Timestamp::now));
            let heading = words::shift_closed(lang, shift_id, &number_text, &closed_at, None);
            let mut text = heading;
            if let Some(approval) = &filed.approval {
                text += &format!(
                    "\n{}",
                    words::z_approved(lang, &approval.supervisor, &approval.reason)
                );
            }
            let failed = words::z_papers_failed(lang, number, &error.message);
            (format!("{text}\n{failed}"), None, Some(error))
        }
    };
    let details = json!({
        "action": "close",
        "shift_id": shift_id,
        "z_number": number,
        "approved_by": filed.approval.as_ref().map(|a| &a.supervisor),
        "approval_reason": filed.approval.as_ref().map(|a| &a.reason),
        "z": z,
        "paper_error": paper_error,
    });
    printer.success("shift", details, &text);
}

pub fn z_list(printer: &Printer, reports: &[(i64, Timestamp)]) {
    let items: Vec<ZListItem> = reports
        .iter()
        .map(|(number, at)| ZListItem {
            number: *number,
            number_text: format!("{number:06}"),
            closed_at_lima: lima(*at),
        })
        .collect();
    let rows: Vec<(String, String)> = items
        .iter()
        .map(|item| (item.number_text.clone(), item.closed_at_lima.clone()))
        .collect();
    let text = words::z_list(printer.lang, &rows);
    printer.success("shift", json!({ "action": "z", "z_reports": items }), &text);
}

pub fn z_report(printer: &Printer, view: &ZView) {
    let heading = words::z_heading(
        printer.lang,
        &view.number_text,
        &view.closed_at_lima,
        view.reprint,
    );
    let text = format!("{heading}\n{}", z_body(printer, view));
    printer.success("shift", json!({ "action": "z", "z": view }), &text);
}

/// A time as the Z reports show it, in Lima: `10/03/2026 18:05`.
fn lima(at: Timestamp) -> String {
    till::clock::in_lima(at)
        .strftime("%d/%m/%Y %H:%M")
        .to_string()
}

/// A filed Z: its reconciliation, who approved its differences, where its PDF is.
fn z_body(printer: &Printer, view: &ZView) -> String {
    let mut text = reconciliation_text(printer, &view.reconciliation);
    if let (Some(supervisor), Some(reason)) = (&view.approved_by, &view.approval_reason) {
        text += &format!("\n{}", words::z_approved(printer.lang, supervisor, reason));
    }
    let papers = words::z_papers(printer.lang, &view.pdf_path, view.printed_on.as_deref());
    format!("{text}\n{papers}")
}

/// The open shift: heading, figures, cash movements and the operations closing waits for.
fn shift_text(printer: &Printer, view: &ShiftView) -> String {
    let lang = printer.lang;
    let mut lines = vec![
        words::shift_heading(
            lang,
            view.id,
            &view.opened_at_lima,
            view.opened_by.as_deref(),
        ),
        words::shift_figures(
            lang,
            &view.float.text,
            view.payments,
            view.cash_expected.as_ref().map(|m| m.text.as_str()),
            view.counted,
        ),
    ];
    if !view.movements.is_empty() {
        lines.push(words::movements_heading(lang));
        lines.extend(view.movements.iter().map(|m| {
            words::movement_line(
                lang,
                &m.at_lima,
                m.direction_label,
                &m.amount.text,
                &m.reason,
                m.operator.as_deref(),
                m.approver.as_deref(),
            )
        }));
    }
    if !view.unknown_operations.is_empty() {
        lines.push(words::unknown_heading(lang));
        lines.extend(view.unknown_operations.iter().map(|entry| {
            words::unknown_line(
                lang,
                entry.id,
                entry.kind_label,
                &entry.funding_code,
                entry.state_label,
            )
        }));
    }
    lines.join("\n")
}

/// The reconciliation: tenders, the cash expected, aCuotaz's side, the differences, and whether closing
/// needs a supervisor.
fn reconciliation_text(printer: &Printer, view: &ReconciliationView) -> String {
    let lang = printer.lang;
    let text = |money: &Option<desk::views::Money>| money.as_ref().map(|m| m.text.clone());
    let mut lines = vec![words::tenders_heading(lang)];
    for line in &view.tenders {
        lines.push(words::tender_row(
            line.label,
            line.payments,
            text(&line.expected).as_deref(),
            text(&line.counted).as_deref(),
            text(&line.difference).as_deref(),
        ));
    }
    if !view.expected_visible {
        lines.push(words::expected_hidden(lang));
    }
    if let Some(cash) = &view.cash {
        lines.push(words::cash_breakdown(
            lang,
            &cash.opening_float.text,
            &cash.payments.text,
            &cash.cash_in.text,
            &cash.cash_out.text,
            &cash.expected.text,
        ));
    }
    if let Some(side) = &view.provider {
        lines.push(words::provider_side(
            lang,
            &words::ProviderFacts {
                day: &side.day,
                fetched_at: &side.fetched_at_lima,
                from_cache: side.from_cache,
                total_paid_in_store: &side.total_paid_in_store.text,
                this_shift: &side.this_shift.text,
                this_shift_payments: side.this_shift_payments,
                matched: side.matched,
                earlier_shifts: &side.earlier_shifts.text,
                elsewhere: &side.elsewhere.text,
            },
        ));
    }
    if let Some(financing) = &view.financing {
        lines.push(format!("  {} ({})", financing.title, financing.aside));
        for group in &financing.groups {
            lines.push(format!(
                "    {:<40} {:>4} {:>14}",
                group.label, group.count, group.amount.text
            ));
        }
        for open in &financing.open {
            lines.push(format!(
                "    {}  {}  {}",
                open.order_id, open.status_label, open.amount.text
            ));
        }
    }
    lines.push(words::differences_heading(
        lang,
        !view.differences.is_empty(),
    ));
    for difference in &view.differences {
        lines.push(words::difference_line(
            lang,
            &words::DifferenceFacts {
                title: difference.title,
                detail: difference.detail,
                amount: &difference.amount.text,
                order_id: difference.order_id.as_deref(),
                document_masked: difference.document_masked.as_deref(),
                operation_id: difference.operation_id,
                funding_code: difference.funding_code.as_deref(),
            },
        ));
    }
    lines.push(words::closing_needs(
        lang,
        &view.tolerance.text,
        view.needs_approval,
    ));
    lines.join("\n")
}
