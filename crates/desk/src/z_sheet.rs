//! The Z report on paper: a filed [`ZReport`] said in the till's language as the report crate's plain
//! texts, as an A4 PDF ([`sheet`]: sections of the tenders, the count, the transfer vouchers with aPagos
//! when the shift had any (`z_transfers`), aCuotaz's side, the named differences and the movements); its
//! 80 mm ticket is `receipt::z_ticket`. Both read the same snapshot,
//! so a reprint any day later says exactly what the original did, marked REIMPRESIÓN.

use std::path::Path;

use jiff::Timestamp;
use report::{Emphasis, ZRow, ZSection, ZSheet, ZVerdict};
use till::country::Provider;
use till::identity::mask_document;
use till::shift::z::ZReport;
use till::{Country, Soles, Tender};

use crate::settings::Settings;
use crate::wording::receipt::{ZWords, z};
use crate::wording::{self, Lang};
use crate::z_drawer;

/// An instant on the store's clock, as the papers write it.
pub(crate) fn store_time(country: Country, at: Timestamp) -> String {
    crate::views::store_time_text(country, at, "%d/%m/%Y %H:%M")
}

/// An amount of the shift's money as written (`—` when there is none).
fn money(country: Country, amount: Option<Soles>) -> String {
    amount
        .map(|a| country.money_text(a.centimos()))
        .unwrap_or_else(|| "—".to_owned())
}

/// Renders the Z and keeps it at `path` (written whole, then renamed).
pub fn write_pdf(
    report: &ZReport,
    settings: &Settings,
    reprint_at: Option<Timestamp>,
    path: &Path,
) -> Result<(), report::ReportError> {
    let pdf = report::render_z_report(&sheet(report, settings, reprint_at, Timestamp::now()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    report::delivery::keep(&pdf, dir, &name).map(drop)
}

/// The facts under the title: store, till, shift, opening and closing, operations.
pub(crate) fn facts(
    report: &ZReport,
    settings: &Settings,
    words: &ZWords,
) -> Vec<(String, String)> {
    let shift = &report.shift;
    let lima = |at| store_time(shift.country, at);
    let by = |who: &Option<String>| {
        who.as_ref()
            .map(|name| format!(" {} {name}", words.by))
            .unwrap_or_default()
    };
    vec![
        (words.store.to_owned(), settings.store_name.clone()),
        (words.till.to_owned(), settings.till_name.clone()),
        (words.shift.to_owned(), format!("N.º {}", shift.id)),
        (
            words.opened.to_owned(),
            format!("{}{}", lima(shift.opened_at), by(&shift.opened_by)),
        ),
        (
            words.closed.to_owned(),
            format!(
                "{}{}",
                shift.closed_at.map(lima).unwrap_or_default(),
                by(&shift.closed_by)
            ),
        ),
        // The journal's rows and the Aplazame checkouts, kept apart: a Spanish shift has only the latter.
        (
            words.operations.to_owned(),
            (report.operations + report.financing.checkouts()).to_string(),
        ),
    ]
}

fn tenders(report: &ZReport, lang: Lang, words: &ZWords) -> ZSection {
    let reconciliation = &report.reconciliation;
    let country = report.shift.country;
    let text = |amount: Soles| country.money_text(amount.centimos());
    let mut rows: Vec<ZRow> = reconciliation
        .tenders
        .iter()
        .filter(|line| line.tender.offered_in(country))
        .map(|line| {
            // Transfers are counted by aPagos' validation when the shift had vouchers.
            let counted_here =
                matches!(line.tender, Tender::Cash | Tender::Card) || line.counted.is_some();
            let mut row = ZRow::plain(vec![
                wording::shift::tender(lang, line.tender).to_owned(),
                line.payments.to_string(),
                text(line.expected),
                if counted_here {
                    money(country, line.counted)
                } else {
                    words.not_counted_here.to_owned()
                },
                money(country, line.difference),
            ]);
            if line.difference.is_some_and(|d| d.centimos() != 0) {
                row.emphasis = Emphasis::Difference;
            }
            row
        })
        .collect();
    let cash = &reconciliation.cash;
    for (label, amount) in [
        (words.float, cash.opening_float),
        (words.cash_payments, cash.payments),
        (words.cash_in, cash.cash_in),
        (
            words.cash_out,
            Soles::from_centimos(-cash.cash_out.centimos()),
        ),
    ] {
        rows.push(ZRow::plain(vec![
            label.to_owned(),
            String::new(),
            text(amount),
        ]));
    }
    rows.push(ZRow {
        emphasis: Emphasis::Total,
        ..ZRow::plain(vec![
            words.cash_expected.to_owned(),
            String::new(),
            text(cash.expected),
        ])
    });
    ZSection {
        title: words.tenders_title.to_owned(),
        aside: Some(format!(
            "{} {}",
            words.tolerance,
            text(reconciliation.tolerance)
        )),
        columns: words
            .tender_columns
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
        numeric_from: 1,
        rows,
        empty: String::new(),
    }
}

fn provider(report: &ZReport, words: &ZWords) -> ZSection {
    let Some(side) = &report.reconciliation.provider else {
        return ZSection {
            title: words.provider_title.to_owned(),
            aside: None,
            columns: words
                .provider_columns
                .iter()
                .map(|c| (*c).to_owned())
                .collect(),
            numeric_from: 1,
            rows: Vec::new(),
            empty: words.provider_missing.to_owned(),
        };
    };
    let fetched = store_time(report.shift.country, side.fetched_at);
    let aside = if side.from_cache {
        format!("{} {fetched}", words.provider_cached)
    } else {
        format!("{} {fetched}", words.provider_fetched)
    };
    let rows = [
        (words.paid_in_store_all, side.total_paid_in_store),
        (words.this_shift, side.this_shift_amount),
        (words.matched, side.matched_amount),
        (words.earlier_shifts, side.earlier_shifts_amount),
        (words.elsewhere, side.elsewhere_amount),
    ]
    .into_iter()
    .map(|(label, amount)| {
        let amount = report.shift.country.money_text(amount.centimos());
        ZRow::plain(vec![label.to_owned(), amount])
    })
    .collect();
    ZSection {
        title: words.provider_title.to_owned(),
        aside: Some(aside),
        columns: words
            .provider_columns
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
        numeric_from: 1,
        rows,
        empty: String::new(),
    }
}

fn differences(report: &ZReport, lang: Lang, words: &ZWords) -> ZSection {
    let rows = report
        .reconciliation
        .differences
        .iter()
        .map(|difference| {
            let (title, detail) = wording::shift::difference(lang, difference.kind);
            let reference = [
                difference.order_id.clone(),
                difference.document.as_deref().map(mask_document),
                difference.operation_id.map(|id| format!("op. {id:06}")),
                difference.funding_code.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            let explained = if difference.kind.is_explained() {
                words.explained
            } else {
                words.unexplained
            };
            ZRow {
                cells: vec![
                    format!("{title} ({explained})"),
                    reference,
                    report
                        .shift
                        .country
                        .money_text(difference.amount.centimos()),
                ],
                note: Some(detail.to_owned()),
                emphasis: if difference.kind.is_explained() {
                    Emphasis::Normal
                } else {
                    Emphasis::Difference
                },
            }
        })
        .collect();
    ZSection {
        title: words.differences_title.to_owned(),
        aside: None,
        columns: words
            .difference_columns
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
        numeric_from: 2,
        rows,
        empty: words.no_differences.to_owned(),
    }
}

/// The Z as the report crate's sheet.
pub fn sheet(
    report: &ZReport,
    settings: &Settings,
    reprint_at: Option<Timestamp>,
    now: Timestamp,
) -> ZSheet {
    let lang = settings.lang;
    let words = z(lang);
    let country = report.shift.country;
    let lima = |at| store_time(country, at);
    let title = format!("{} {:06}", words.title, report.number);
    let verdict = match &report.approval {
        Some(approval) => Some(ZVerdict {
            title: words.approved_title.to_owned(),
            lines: vec![
                format!("{} {}", words.approved_by, approval.supervisor),
                format!("{} {}", words.reason, approval.reason),
            ],
            attention: true,
        }),
        None => Some(ZVerdict {
            title: words.within_tolerance.to_owned(),
            lines: vec![format!(
                "{} {}",
                words.tolerance,
                country.money_text(report.reconciliation.tolerance.centimos())
            )],
            attention: false,
        }),
    };
    let generated = wording::report::generated_in(lang, &lima(now), country);
    let mut sections = vec![
        tenders(report, lang, &words),
        z_drawer::count(report, &words),
    ];
    sections.extend(crate::z_transfers::sections(&report.transfers, lang));
    sections.extend(crate::z_financing::sections(
        &report.financing,
        country,
        lang,
    ));
    // A store without aCuotaz has no summary to reconcile with: no empty section saying it is missing.
    if country.offers(Provider::Acuotaz) {
        sections.push(provider(report, &words));
    }
    sections.extend([
        differences(report, lang, &words),
        z_drawer::movements(report, lang, &words),
    ]);
    ZSheet {
        store_name: settings.store_name.clone(),
        title: title.clone(),
        brand: brand(country).to_owned(),
        reprint: reprint_at.map(|at| format!("{} — {}", words.reprint, lima(at))),
        test_data: wording::report::test_data(lang, report.mode),
        facts: facts(report, settings, &words),
        sections,
        verdict,
        signatures: [
            words.cashier_signature.to_owned(),
            words.supervisor_signature.to_owned(),
        ],
        signer_name: words.signer_name.to_owned(),
        running_header: format!("{title} · {} · {}", settings.store_name, settings.till_name),
        footer: wording::report::footer(lang, &generated),
        page_number: words.page_number.to_owned(),
        document_title: format!("{title} — {}", settings.store_name),
        generated_at: now,
    }
}

/// The name under the title: whose sales the till reports.
pub(crate) fn brand(country: Country) -> &'static str {
    if country.offers(Provider::Acuotaz) {
        "Caja · aCuotaz"
    } else {
        "Caja · Aplazame"
    }
}
