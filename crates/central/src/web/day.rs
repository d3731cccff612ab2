//! `/dia?fecha=YYYY-MM-DD[&tienda=T01]`: the chain's day. First what needs someone's attention (tills
//! silent for too long, operations whose outcome is still not known, closings off by more than the
//! tolerance, a chain that was rewritten or has holes), then each store and each till: operations by
//! kind and state, what was collected by tender, shifts, Z reports, credit sales, and the Aplazame
//! checkouts with the store's decision and who made it. Only rows of the
//! configured mode; amounts are integer céntimos until they are written as soles.

use std::fmt::Write;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::day_data::{DayData, TillDay, load};
use super::layout::{date, escape, lima_time, page, respond, soles};
use super::session::{Viewer, unavailable};
use super::{DayQuery, Scope, kind_label, state_label, tender_label};
use crate::state::AppState;

pub async fn day(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<DayQuery>,
) -> Response {
    let scope = match query.scope(&viewer) {
        Ok(scope) => scope,
        Err(refused) => return refused.page(&viewer),
    };
    match load(&state, &scope).await {
        Ok(data) => {
            let body = render(&state, &viewer, &scope, &data);
            respond(
                StatusCode::OK,
                page(&format!("Día {}", date(scope.day)), Some(&viewer), &body),
            )
        }
        Err(error) => unavailable(&error),
    }
}

fn render(state: &AppState, viewer: &Viewer, scope: &Scope, data: &DayData) -> String {
    let mut html = String::new();
    let tolerance = state.config.tolerance_centimos;
    let store_param = scope.store.as_deref().unwrap_or("");
    let _ = write!(
        html,
        r#"<h1>Día {day}</h1>
<form class="filters" method="get" action="/dia">
<label>Fecha<input type="date" name="fecha" value="{iso}"></label>
<label>Tienda<select name="tienda"><option value="">Todas mis tiendas</option>{options}</select></label>
<button type="submit">Ver</button>
<a class="button" href="/dia.csv?fecha={iso}&amp;tienda={store}">Descargar CSV</a>
</form>"#,
        day = date(scope.day),
        iso = scope.day,
        store = escape(store_param),
        options = viewer
            .stores
            .iter()
            .map(|code| format!(
                r#"<option value="{code}"{selected}>{code}</option>"#,
                code = escape(code),
                selected = if code == store_param { " selected" } else { "" },
            ))
            .collect::<String>(),
    );
    attention(&mut html, state, data);
    if data.stores.is_empty() {
        html.push_str(r#"<p class="notice">No hay tiendas para mostrar.</p>"#);
    }
    for (code, (name, tills)) in &data.stores {
        let _ = write!(
            html,
            r#"<section class="store" id="tienda-{code}"><h2>{code} · {name}</h2>"#,
            code = escape(code),
            name = escape(name),
        );
        if tills.is_empty() {
            html.push_str(r#"<p class="muted">Ninguna caja inscrita.</p>"#);
        }
        html.push_str(r#"<div class="tills">"#);
        for (till, day) in tills {
            till_card(&mut html, till, day, tolerance);
        }
        html.push_str("</div></section>");
    }
    html
}

/// What needs someone: silent tills, open operations, closings off, chain findings and holes.
fn attention(html: &mut String, state: &AppState, data: &DayData) {
    let mut items = String::new();
    let tolerance = state.config.tolerance_centimos;
    for (store, (_, tills)) in &data.stores {
        for (till, day) in tills {
            let who = format!("{} / {}", escape(store), escape(till));
            if day.stale {
                let since = day
                    .last_push
                    .as_deref()
                    .map(|at| format!("desde {}", escape(at)))
                    .unwrap_or_else(|| "nunca".to_owned());
                let _ = write!(
                    items,
                    r#"<li class="stale"><span class="tag warn">Sin sincronizar</span> {who}: no envía datos {since} (más de {} min).</li>"#,
                    state.config.stale_after_minutes
                );
            }
            if day.high_water < day.max_seq {
                let _ = write!(
                    items,
                    r#"<li class="missing"><span class="tag bad">Faltan registros</span> {who}: faltan entradas de la cadena entre {} y {}.</li>"#,
                    day.high_water + 1,
                    day.max_seq
                );
            }
            for (number, difference, _) in &day.zs {
                if difference.abs() > tolerance {
                    let _ = write!(
                        items,
                        r#"<li class="difference"><span class="tag bad">Diferencia</span> {who}: Z {number} cerró con {} (tolerancia {}).</li>"#,
                        soles(*difference),
                        soles(tolerance)
                    );
                }
            }
        }
    }
    if !data.open.is_empty() {
        items.push_str(r#"<li><span class="tag warn">Sin resolver</span> Operaciones cuyo resultado aún no se conoce:<table class="open"><tr><th>Tienda</th><th>Caja</th><th>Día</th><th>Nº</th><th>Tipo</th><th>Estado</th><th class="num">Monto</th><th>Cajero</th></tr>"#);
        for (store, till, day, id, kind, state, centimos, operator) in &data.open {
            let _ = write!(
                items,
                r#"<tr><td>{}</td><td>{}</td><td>{}</td><td>{id}</td><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td></tr>"#,
                escape(store),
                escape(till),
                escape(&day.parse().map(date).unwrap_or_else(|_| day.clone())),
                escape(kind_label(kind)),
                escape(state_label(state)),
                centimos.map(soles).unwrap_or_default(),
                escape(operator.as_deref().unwrap_or("")),
            );
        }
        items.push_str("</table></li>");
    }
    for (store, till, seq, kind, detail, at) in &data.findings {
        // Central's own detail (English, for the logs) goes in the tooltip; the sentence is ours.
        let (what, why) = if kind == "rewritten" {
            (
                "reescrita",
                "la caja la envió de nuevo con otro contenido; se conserva la primera",
            )
        } else {
            (
                "rota",
                "su huella no corresponde a su contenido o a la entrada anterior",
            )
        };
        let _ = write!(
            items,
            r#"<li class="finding" title="{}"><span class="tag bad">Cadena {what}</span> {} / {}: entrada {seq}, {why} (visto el {}).</li>"#,
            escape(detail),
            escape(store),
            escape(till),
            escape(at),
        );
    }
    if !items.is_empty() {
        let _ = write!(
            html,
            r#"<div class="alert"><h2>Requiere atención</h2><ul>{items}</ul></div>"#
        );
    }
}

fn till_card(html: &mut String, till: &str, day: &TillDay, tolerance: i64) {
    let status = if day.stale {
        r#"<span class="tag warn">sin sincronizar</span>"#
    } else {
        r#"<span class="tag ok">al día</span>"#
    };
    let label = if day.label.is_empty() || day.label == till {
        String::new()
    } else {
        format!(r#" <span class="muted">{}</span>"#, escape(&day.label))
    };
    let _ = write!(
        html,
        r#"<div class="till" id="caja-{id}"><h3>Caja {till}{label} {status}</h3><p class="muted">Último envío: {last}</p>"#,
        id = escape(till),
        till = escape(till),
        last = escape(day.last_push.as_deref().unwrap_or("nunca")),
    );
    if day.operations.is_empty() && day.shifts.is_empty() && day.zs.is_empty() {
        html.push_str(r#"<p class="muted">Sin movimientos este día.</p>"#);
    }
    if !day.operations.is_empty() {
        html.push_str(r#"<table class="operations"><tr><th>Operación</th><th>Estado</th><th class="num">Cant.</th><th class="num">Monto</th></tr>"#);
        for (kind, state, count, centimos) in &day.operations {
            let row_class = if state == "unknown" || state == "pending" {
                r#" class="bad""#
            } else {
                ""
            };
            let _ = write!(
                html,
                r#"<tr{row_class}><td>{}</td><td>{}</td><td class="num">{count}</td><td class="num">{}</td></tr>"#,
                escape(kind_label(kind)),
                escape(state_label(state)),
                soles(*centimos)
            );
        }
        html.push_str("</table>");
    }
    if !day.collected.is_empty() {
        let total: i64 = day.collected.iter().map(|(_, _, centimos)| centimos).sum();
        html.push_str(r#"<table class="collected"><tr><th>Cobrado por medio</th><th class="num">Cant.</th><th class="num">Monto</th></tr>"#);
        for (tender, count, centimos) in &day.collected {
            let _ = write!(
                html,
                r#"<tr><td>{}</td><td class="num">{count}</td><td class="num">{}</td></tr>"#,
                escape(tender_label(tender)),
                soles(*centimos)
            );
        }
        let _ = write!(
            html,
            r#"<tr><th>Total</th><th></th><th class="num">{}</th></tr></table>"#,
            soles(total)
        );
    }
    if !day.shifts.is_empty() {
        html.push_str(
            r#"<table class="shifts"><tr><th>Turno abierto</th><th>Cerrado</th><th>Z</th></tr>"#,
        );
        for (opened_at, opened_by, closed_at, closed_by, z) in &day.shifts {
            let closed = match closed_at {
                Some(at) => format!("{} · {}", lima_time(at), closed_by.as_deref().unwrap_or("")),
                None => "abierto".to_owned(),
            };
            let _ = write!(
                html,
                "<tr><td>{} · {}</td><td>{}</td><td>{}</td></tr>",
                escape(&lima_time(opened_at)),
                escape(opened_by.as_deref().unwrap_or("")),
                escape(&closed),
                z.map(|number| number.to_string()).unwrap_or_default(),
            );
        }
        html.push_str("</table>");
    }
    if !day.zs.is_empty() {
        html.push_str(r#"<table class="z"><tr><th>Reporte Z</th><th class="num">Diferencia</th><th>Verificado</th></tr>"#);
        for (number, difference, verified) in &day.zs {
            let row_class = if difference.abs() > tolerance {
                r#" class="bad""#
            } else {
                ""
            };
            let _ = write!(
                html,
                r#"<tr{row_class}><td>Z {number}</td><td class="num">{}</td><td>{}</td></tr>"#,
                soles(*difference),
                if *verified { "sí" } else { "aún no" }
            );
        }
        html.push_str("</table>");
    }
    if !day.credit.is_empty() {
        html.push_str(r#"<table class="credit"><tr><th>Venta a crédito</th><th>Estado</th><th class="num">Monto</th></tr>"#);
        for (order, status, centimos) in &day.credit {
            let _ = write!(
                html,
                r#"<tr><td>{}</td><td>{}</td><td class="num">{}</td></tr>"#,
                escape(order),
                escape(super::order_status_label(status)),
                soles(*centimos)
            );
        }
        html.push_str("</table>");
    }
    aplazame_table(html, &day.aplazame);
    html.push_str("</div>");
}

/// The till's Aplazame checkouts: the store's decision, who made it (a person or `rule`), and whether
/// Aplazame has it.
fn aplazame_table(html: &mut String, rows: &[super::day_data::AplazameRow]) {
    if rows.is_empty() {
        return;
    }
    html.push_str(r#"<table class="aplazame"><tr><th>Aplazame</th><th class="num">Monto</th><th>Decisión</th><th>Por</th></tr>"#);
    for (mid, cents, decision, decided_by, given, sandbox) in rows {
        let word = match decision.as_deref() {
            Some("ok") => "confirmada",
            Some("ko") => "rechazada",
            _ => "esperando a la caja",
        };
        let _ = write!(
            html,
            r#"<tr><td>{}{}</td><td class="num">{}</td><td>{word}{}</td><td>{}</td></tr>"#,
            escape(mid),
            if *sandbox { " (prueba)" } else { "" },
            cents
                .map(|cents| providers::Euros::from_cents(cents).to_string())
                .unwrap_or_default(),
            if *given { " · enviada a Aplazame" } else { "" },
            escape(match decided_by.as_deref() {
                Some("rule") => "regla automática",
                Some(person) => person,
                None => "",
            }),
        );
    }
    html.push_str("</table>");
}
