//! Signed updates of the desktop app. The chain's release manager publishes a version's bundle and its
//! minisign signature ([`release::publish`], `caja-central release publish`), which Central checks
//! against the chain's release key before keeping it; a chain admin or a store manager chooses the
//! version each store gets ([`release::assign`], the page `/admin/versiones`). A till asks for its
//! store's version ([`offer`]): Central answers in the Tauri updater's manifest format, or 204 when
//! there is nothing newer, and names the bundle by a one-hour ticket URL the updater downloads from.
//! The till checks the signature again with the key built into it: Central is trusted to choose, never
//! to vouch for the bytes.

pub mod offer;
pub mod release;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

/// The till's manifest (signed) and the bundle's download (by ticket).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/stores/{store}/tills/{till}/update",
            get(offer::offer),
        )
        .route("/actualizaciones/{token}", get(offer::bundle))
}
