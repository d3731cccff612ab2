//! `/admin/versiones`: the desktop versions published for the chain and, for each of the viewer's
//! stores, the version its tills are offered; a chain admin or a store manager changes it here. A till
//! only ever moves forward (the updater refuses an older version), so a version chosen below what a
//! store runs simply stops being offered.

use std::fmt::Write;

use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::layout::{escape, page, respond};
use super::session::{Viewer, unavailable};
use crate::state::AppState;
use crate::updates::release;

/// `GET /admin/versiones`.
pub async fn versions(State(state): State<AppState>, viewer: Viewer) -> Response {
    render(&state, &viewer, StatusCode::OK, "").await
}

#[derive(Deserialize)]
pub struct ChooseForm {
    csrf: String,
    tienda: String,
    version: String,
}

/// `POST /admin/versiones`: the version one store's tills get.
pub async fn choose(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ChooseForm>,
) -> Response {
    if let Some(refused) = super::refused_store_form(&viewer, &form.csrf, &form.tienda) {
        return refused;
    }
    match release::assign(&state.pool, &form.tienda, &form.version, &viewer.email).await {
        Ok(()) => {
            let notice = format!(
                r#"<p class="notice" id="version-elegida">Las cajas de la tienda <strong>{}</strong> recibirán la versión <strong>{}</strong> la próxima vez que consulten (cada pocas horas, o desde Supervisión › Actualizaciones). Ninguna se instala con un turno abierto.</p>"#,
                escape(&form.tienda),
                escape(form.version.trim()),
            );
            render(&state, &viewer, StatusCode::OK, &notice).await
        }
        Err(failure) if failure.status == StatusCode::NOT_FOUND => {
            let notice = format!(
                r#"<p class="error" role="alert">No se eligió: la versión «{}» no está publicada en esta Central.</p>"#,
                escape(form.version.trim())
            );
            render(&state, &viewer, StatusCode::BAD_REQUEST, &notice).await
        }
        Err(failure) => unavailable(&failure.message),
    }
}

async fn render(state: &AppState, viewer: &Viewer, status: StatusCode, notice: &str) -> Response {
    let releases = match release::published(&state.pool).await {
        Ok(releases) => releases,
        Err(failure) => return unavailable(&failure.message),
    };
    let client = match state.pool.get().await {
        Ok(client) => client,
        Err(error) => return unavailable(&error),
    };
    let stores = match client
        .query(
            "SELECT s.store_code, s.name, r.version, r.chosen_by,
                    to_char(r.chosen_at AT TIME ZONE 'America/Lima', 'DD/MM/YYYY HH24:MI')
             FROM store s LEFT JOIN store_release r ON r.store_code = s.store_code
             WHERE s.store_code = ANY($1) ORDER BY s.store_code",
            &[&viewer.stores],
        )
        .await
    {
        Ok(rows) => rows,
        Err(error) => return unavailable(&error),
    };
    let mut html = String::from("<h1>Versiones de Caja</h1>");
    html.push_str(notice);
    html.push_str(r#"<h2>Publicadas</h2><table class="releases"><tr><th>Versión</th><th>Paquetes</th><th>Publicada</th><th>Novedades</th></tr>"#);
    if releases.is_empty() {
        html.push_str(r#"<tr><td colspan="4" class="muted">Ninguna versión publicada todavía: <code>caja-central release publish</code>.</td></tr>"#);
    }
    for published in &releases {
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&published.version),
            escape(&published.targets.join(", ")),
            escape(&published.published_at),
            escape(&published.notes),
        );
    }
    html.push_str("</table><h2>Por tienda</h2>");
    html.push_str(r#"<table class="store-versions"><tr><th>Tienda</th><th>Versión ofrecida</th><th>Elegida por</th><th class="noprint">Cambiar</th></tr>"#);
    for row in &stores {
        let code: &str = row.get(0);
        let chosen: Option<&str> = row.get(2);
        let options: String = releases
            .iter()
            .map(|published| {
                let selected = if chosen == Some(published.version.as_str()) {
                    " selected"
                } else {
                    ""
                };
                format!(
                    r#"<option value="{0}"{selected}>{0}</option>"#,
                    escape(&published.version)
                )
            })
            .collect();
        let by = match (row.get::<_, Option<&str>>(3), row.get::<_, Option<&str>>(4)) {
            (Some(by), Some(at)) => format!("{} · {}", escape(by), escape(at)),
            _ => "—".to_owned(),
        };
        let _ = write!(
            html,
            r#"<tr id="tienda-{code_attr}"><td>{code} · {name}</td><td>{chosen}</td><td>{by}</td><td class="noprint"><form method="post" action="/admin/versiones" class="inline"><input type="hidden" name="csrf" value="{csrf}"><input type="hidden" name="tienda" value="{code_attr}"><select name="version" aria-label="Versión para {code_attr}">{options}</select> <button type="submit">Elegir</button></form></td></tr>"#,
            code = escape(code),
            code_attr = escape(code),
            name = escape(row.get(1)),
            chosen = chosen
                .map(escape)
                .unwrap_or_else(|| "ninguna (no se actualiza)".to_owned()),
            csrf = escape(&viewer.csrf),
        );
    }
    html.push_str("</table>");
    respond(status, page("Versiones", Some(viewer), &html))
}
