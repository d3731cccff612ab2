//! The head office's pages, rendered on the server as plain HTML (no script): sign in ([`session`]),
//! the chain's day per store and till ([`day`]) and its CSV ([`csv`]), the tills and their enrollment
//! codes ([`admin`]), the desktop version each store gets ([`versions`]). Every page asks who is signed in first ([`session::Viewer`]) and reads only the
//! stores that person may see: a store manager's queries carry their stores, and a URL naming another
//! store is refused before any query runs.

mod admin;
mod csv;
mod day;
mod day_data;
pub mod layout;
pub mod session;
mod versions;

use axum::Router;
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use jiff::civil::Date;
use serde::Deserialize;

use crate::state::AppState;
use session::Viewer;

/// The pages' routes, merged into Central's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/dia") }))
        .route("/ingresar", get(session::login_form).post(session::login))
        .route("/salir", post(session::logout))
        .route("/dia", get(day::day))
        .route("/dia.csv", get(csv::day_csv))
        .route("/admin/cajas", get(admin::tills).post(admin::issue))
        .route(
            "/admin/versiones",
            get(versions::versions).post(versions::choose),
        )
}

/// `?fecha=YYYY-MM-DD&tienda=T01`, both optional.
#[derive(Debug, Default, Deserialize)]
pub struct DayQuery {
    pub fecha: Option<String>,
    pub tienda: Option<String>,
}

/// The day and the stores a page reads: the viewer's stores, or the one named if they may see it.
pub struct Scope {
    pub day: Date,
    pub stores: Vec<String>,
    /// The store the URL named, if any.
    pub store: Option<String>,
}

/// Why a URL's day or store was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    BadDate,
    /// Another store's code and a code that does not exist answer the same: no hint of which.
    OtherStore,
}

impl Refusal {
    pub fn page(self, viewer: &Viewer) -> Response {
        match self {
            Refusal::BadDate => layout::refusal(
                StatusCode::BAD_REQUEST,
                Some(viewer),
                "La fecha no es válida: use el formato AAAA-MM-DD.",
            ),
            Refusal::OtherStore => forbidden(viewer),
        }
    }
}

impl DayQuery {
    pub fn scope(&self, viewer: &Viewer) -> Result<Scope, Refusal> {
        let day = match self.fecha.as_deref().filter(|text| !text.is_empty()) {
            None => layout::lima_today(),
            Some(text) => text.parse::<Date>().map_err(|_| Refusal::BadDate)?,
        };
        let store = self.tienda.clone().filter(|code| !code.is_empty());
        let stores = match &store {
            None => viewer.stores.clone(),
            Some(code) if viewer.sees(code) => vec![code.clone()],
            Some(_) => return Err(Refusal::OtherStore),
        };
        Ok(Scope { day, stores, store })
    }
}

/// The page refusing a form posted by `viewer` about `store`, when its token is not this session's or
/// the store is not theirs; none when the form may be taken.
pub fn refused_store_form(viewer: &Viewer, csrf: &str, store: &str) -> Option<Response> {
    if !viewer.csrf_ok(csrf) {
        return Some(layout::refusal(
            StatusCode::FORBIDDEN,
            Some(viewer),
            "El formulario venció. Vuelva a la página e intente otra vez.",
        ));
    }
    (!viewer.sees(store)).then(|| forbidden(viewer))
}

pub fn forbidden(viewer: &Viewer) -> Response {
    layout::refusal(
        StatusCode::FORBIDDEN,
        Some(viewer),
        "No tiene acceso a esa tienda.",
    )
}

/// Operation kinds, states and tenders as the head office reads them; an unknown code shows as sent.
pub fn kind_label(kind: &str) -> &str {
    match kind {
        "check" => "Consulta",
        "paid_and_billed" => "Pago y factura",
        "undo_billing" => "Anulación",
        other => other,
    }
}

pub fn state_label(state: &str) -> &str {
    match state {
        "pending" => "pendiente",
        "confirmed" => "confirmada",
        "rejected" => "rechazada",
        "unknown" => "desconocida",
        other => other,
    }
}

pub fn tender_label(tender: &str) -> &str {
    match tender {
        "cash" => "Efectivo",
        "card" => "Tarjeta",
        "yape_plin" => "Yape/Plin",
        "transfer" => "Transferencia",
        "unknown" => "Sin medio registrado",
        other => other,
    }
}

/// A credit sale's status as aCuotaz names it, in Spanish when known.
pub fn order_status_label(status: &str) -> &str {
    match status {
        "pending" | "created" => "pendiente",
        "approved" => "aprobada",
        "funded" | "paid" => "desembolsada",
        "rejected" => "rechazada",
        "cancelled" | "canceled" => "anulada",
        "refunded" => "devuelta",
        "expired" => "vencida",
        other => other,
    }
}
