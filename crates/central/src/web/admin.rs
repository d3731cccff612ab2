//! `/admin/cajas`: the tills of the viewer's stores (enrolled when, last push, how far Central holds
//! their chain) and the form that issues a one-time enrollment code for a store's till. The code is
//! shown once, on the answer to the form; Central keeps only its hash ([`crate::auth::enroll`]).

use std::fmt::Write;

use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::Response;
use providers::central::wire::is_code;
use serde::Deserialize;

use super::layout::{escape, page, respond};
use super::session::{Viewer, unavailable};
use crate::state::AppState;

/// `GET /admin/cajas`.
pub async fn tills(State(state): State<AppState>, viewer: Viewer) -> Response {
    render(&state, &viewer, StatusCode::OK, "").await
}

#[derive(Deserialize)]
pub struct IssueForm {
    csrf: String,
    tienda: String,
    caja: String,
}

/// `POST /admin/cajas`: a new enrollment code for (tienda, caja).
pub async fn issue(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<IssueForm>,
) -> Response {
    if let Some(refused) = super::refused_store_form(&viewer, &form.csrf, &form.tienda) {
        return refused;
    }
    let till = form.caja.trim().to_uppercase();
    if !is_code(&till) {
        let message = r#"<p class="error" role="alert">El código de caja debe tener de 1 a 16 letras, dígitos o _ (por ejemplo C1), como en el ajuste «Caja» de la caja.</p>"#;
        return render(&state, &viewer, StatusCode::BAD_REQUEST, message).await;
    }
    match crate::auth::enroll::issue_code(&state.pool, &form.tienda, &till, &viewer.email).await {
        Ok(code) => {
            tracing::info!(store = %form.tienda, %till, by = %viewer.email, "enrollment code issued");
            let shown = format!(
                r#"<div class="notice" id="codigo-emitido"><p>Código de inscripción para la tienda <strong>{store}</strong>, caja <strong>{till}</strong>:</p>
<p class="code" id="codigo">{code}</p>
<p>En la caja, antes de 24 horas: un supervisor lo escribe en <strong>Ajustes › Caja Central</strong> con la URL <code>{public}</code>, o <code>caja central enroll --url {public} CÓDIGO</code>. Sirve una sola vez y <strong>no se volverá a mostrar</strong>.</p></div>"#,
                store = escape(&form.tienda),
                till = escape(&till),
                code = escape(&code),
                public = escape(state.config.public_url.as_str().trim_end_matches('/')),
            );
            render(&state, &viewer, StatusCode::OK, &shown).await
        }
        Err(failure) if failure.status == StatusCode::NOT_FOUND => super::forbidden(&viewer),
        Err(failure) => unavailable(&failure.message),
    }
}

async fn render(state: &AppState, viewer: &Viewer, status: StatusCode, notice: &str) -> Response {
    let client = match state.pool.get().await {
        Ok(client) => client,
        Err(error) => return unavailable(&error),
    };
    let rows = match client
        .query(
            "SELECT t.store_code, s.name, t.till_code, t.label,
                    to_char(t.enrolled_at AT TIME ZONE 'America/Lima', 'DD/MM/YYYY HH24:MI'),
                    to_char(t.last_push_at AT TIME ZONE 'America/Lima', 'DD/MM/YYYY HH24:MI'),
                    t.high_water, t.max_seq
             FROM till t JOIN store s ON s.store_code = t.store_code
             WHERE t.store_code = ANY($1) ORDER BY t.store_code, t.till_code",
            &[&viewer.stores],
        )
        .await
    {
        Ok(rows) => rows,
        Err(error) => return unavailable(&error),
    };
    let mut html = String::from("<h1>Cajas</h1>");
    html.push_str(notice);
    html.push_str(r#"<table class="tills-list"><tr><th>Tienda</th><th>Caja</th><th>Nombre</th><th>Inscrita</th><th>Último envío</th><th class="num">Cadena completa hasta</th><th class="num">Última recibida</th></tr>"#);
    if rows.is_empty() {
        html.push_str(
            r#"<tr><td colspan="7" class="muted">Ninguna caja inscrita todavía.</td></tr>"#,
        );
    }
    for row in &rows {
        let (high_water, max_seq): (i64, i64) = (row.get(6), row.get(7));
        let row_class = if high_water < max_seq {
            r#" class="bad""#
        } else {
            ""
        };
        let _ = write!(
            html,
            r#"<tr{row_class}><td>{} · {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{high_water}</td><td class="num">{max_seq}</td></tr>"#,
            escape(row.get(0)),
            escape(row.get(1)),
            escape(row.get(2)),
            escape(row.get(3)),
            escape(row.get(4)),
            escape(row.get::<_, Option<&str>>(5).unwrap_or("nunca")),
        );
    }
    html.push_str("</table>");
    let options: String = viewer
        .stores
        .iter()
        .map(|code| format!(r#"<option value="{0}">{0}</option>"#, escape(code)))
        .collect();
    let _ = write!(
        html,
        r#"<h2>Inscribir una caja</h2>
<p>Emita un código de un solo uso para una caja de su tienda. Vale 24 horas.</p>
<form class="filters noprint" method="post" action="/admin/cajas">
<input type="hidden" name="csrf" value="{csrf}">
<label>Tienda<select name="tienda" id="tienda">{options}</select></label>
<label>Caja<input name="caja" id="caja" placeholder="C1" maxlength="16" required></label>
<button type="submit" id="emitir">Emitir código</button>
</form>"#,
        csrf = escape(&viewer.csrf),
    );
    respond(status, page("Cajas", Some(viewer), &html))
}
