//! The top of the first page: title, a large SANDBOX/MOCK warning when the figures are not real sales,
//! who and when (store, day, mode, generation time), a visible note when the figures are a cached copy,
//! and the provider's three totals.

use jiff::tz::TimeZone;
use till::{DayTotals, Mode};

use super::{BODY, section};
use crate::DayReport;
use crate::calendar;
use crate::canvas::Style;
use crate::fonts::Face;
use crate::layout::{CONTENT_WIDTH, Flow, LEFT, RIGHT};

const TITLE: Style = Style::new(Face::Bold, 18.0);
const BRAND: Style = Style::new(Face::Regular, 9.0).grey(0.35);
const LABEL: Style = Style::new(Face::Bold, 10.0).grey(0.3);
const MODE_LABEL: Style = Style::new(Face::Bold, 30.0);
const MODE_NOTE: Style = Style::new(Face::Bold, 11.0);
const MODE_DETAIL: Style = Style::new(Face::Regular, 9.0);
const CACHE_NOTE: Style = Style::new(Face::Bold, 10.0);
const TOTAL: Style = Style::new(Face::Bold, 10.0);

/// Left edge of the values in the "label: value" lines.
const VALUE_X: f32 = LEFT + 118.0;
const LINE: f32 = 15.0;
/// Right edge of the totals' amounts: close to their labels, as on a ledger, not across the page.
const TOTALS_RIGHT: f32 = LEFT + 300.0;

pub(super) fn draw(flow: &mut Flow, report: &DayReport<'_>, lima: &TimeZone) {
    let summary = report.summary;
    title(flow);
    if !summary.mode.is_live() {
        mode_banner(flow, summary.mode);
    }
    flow.advance(4.0);
    let generated = format!(
        "{} (hora de Lima)",
        calendar::date_time(lima, report.generated_at)
    );
    let fetched = calendar::date_time(lima, summary.fetched_at);
    let lines = [
        ("Tienda", report.store_name.to_owned()),
        ("Día", calendar::long_date(summary.day)),
        ("Modo", mode_words(summary.mode).to_owned()),
        ("Generado", generated),
        ("Cifras del proveedor", format!("al {fetched}")),
    ];
    for (label, value) in &lines {
        flow.advance(LINE);
        let baseline = flow.y();
        let page = flow.page();
        page.text(LEFT, baseline, LABEL, &format!("{label}:"));
        let value = BODY.face.fit(value, BODY.size, RIGHT - VALUE_X);
        page.text(VALUE_X, baseline, BODY, &value);
    }
    if summary.from_cache {
        cache_note(flow, &fetched);
    }
    totals(flow, &summary.totals);
}

fn title(flow: &mut Flow) {
    flow.advance(18.0);
    let baseline = flow.y();
    let page = flow.page();
    page.text(LEFT, baseline, TITLE, "Resumen del día — cuadre de caja");
    page.text_right(RIGHT, baseline, BRAND, "Caja · aCuotaz");
    page.rule(LEFT, RIGHT, baseline + 8.0, 1.5, 0.0);
    flow.advance(8.0);
}

/// A framed, large mode name, so a test day cannot pass for a real one at a glance.
fn mode_banner(flow: &mut Flow, mode: Mode) {
    const HEIGHT: f32 = 46.0;
    flow.advance(10.0);
    let top = flow.y();
    let page = flow.page();
    page.band(LEFT, top, CONTENT_WIDTH, HEIGHT, 0.92);
    page.frame(LEFT, top, CONTENT_WIDTH, HEIGHT, 2.0);
    let label = mode.as_str().to_uppercase();
    page.text(LEFT + 14.0, top + 34.0, MODE_LABEL, &label);
    let notes_x = LEFT + 28.0 + MODE_LABEL.width(&label);
    page.text(
        notes_x,
        top + 20.0,
        MODE_NOTE,
        "Datos de prueba: no son ventas reales",
    );
    page.text(
        notes_x,
        top + 34.0,
        MODE_DETAIL,
        "Este resumen no sirve para el cuadre real de la caja.",
    );
    flow.advance(HEIGHT);
}

fn mode_words(mode: Mode) -> &'static str {
    match mode {
        Mode::Live => "live (ventas reales)",
        Mode::Sandbox => "sandbox (simulador de Caja, datos de prueba)",
        Mode::Mock => "mock (entorno de prueba del proveedor)",
    }
}

/// The provider did not answer: these figures are the last copy fetched, and it says from when.
fn cache_note(flow: &mut Flow, fetched: &str) {
    const HEIGHT: f32 = 22.0;
    flow.advance(10.0);
    let top = flow.y();
    let page = flow.page();
    page.band(LEFT, top, CONTENT_WIDTH, HEIGHT, 0.88);
    let note = format!("Copia guardada el {fetched}: el proveedor no respondió");
    page.text(LEFT + 8.0, top + 15.0, CACHE_NOTE, &note);
    flow.advance(HEIGHT);
}

/// The three totals as a small ledger: purchases, minus what was paid in store, gives what was financed.
fn totals(flow: &mut Flow, totals: &DayTotals) {
    section(flow, "Totales del día", "según aCuotaz", 3.0 * LINE + 5.0);
    let rows = [
        ("Total de compras", totals.total_purchases, BODY),
        ("Pagado en tienda", totals.total_paid_in_store, BODY),
        ("Total financiado", totals.total_financed, TOTAL),
    ];
    for (index, (label, amount, style)) in rows.into_iter().enumerate() {
        let last = index == rows.len() - 1;
        if last {
            flow.advance(5.0);
            let y = flow.y();
            flow.page().rule(LEFT, TOTALS_RIGHT, y, 0.8, 0.0);
        }
        flow.advance(LINE);
        let baseline = flow.y();
        let page = flow.page();
        page.text(LEFT, baseline, style, label);
        page.text_right(TOTALS_RIGHT, baseline, style, &amount.to_string());
    }
}
