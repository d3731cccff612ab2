//! The store's confirmation of an Aplazame checkout (issue 14). Aplazame asks the store to confirm a
//! checkout in `pending`/`confirmation_required` in its answer to that IPN, which reaches Central, not
//! the till. So the till announces each checkout it creates, with its policy (`auto`: confirm when
//! Aplazame's total, currency and test-mode flag match; `ask`: wait for the cashier), and posts the
//! cashier's decision ([`till_api`]); the IPN is answered from them (`crate::webhooks::confirmation`,
//! which keeps every answer given or deferred beside the checkout's row: tables `aplazame_confirmation`
//! and `aplazame_answer`). What was given to Aplazame is never contradicted.

pub mod till_api;

use axum::Router;
use axum::routing::{get, put};

use crate::state::AppState;

/// The till's confirmation routes, merged into Central's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/stores/{store}/tills/{till}/aplazame/checkouts/{mid}",
            get(till_api::show).put(till_api::announce),
        )
        .route(
            "/api/v1/stores/{store}/tills/{till}/aplazame/checkouts/{mid}/decision",
            put(till_api::decide),
        )
}
