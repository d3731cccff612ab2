//! Aplazame's POS checkout as the sandbox serves it, read from the provider's document
//! (`aplazame-pos-checkout-api.txt`) and the "Aplazame POS checkout" notes of `NOTES.md`: the store
//! creates a checkout for a cart, the buyer goes on on their phone (here, an admin route plays them),
//! every change is pushed to the store as an IPN, and the store confirms or rejects a financing
//! Aplazame accepted in its answer to that IPN. The routes sit under `/aplazame/`, so a client whose
//! root is `{sandbox_url}/aplazame/` talks to it as to `https://api.aplazame.com/` (see `routes`).
//!
//! Modules: `checkout` (the record kept and its stages), `validate` (the create body, refused field by
//! field), `rules` (when Aplazame declines), `buyer` (the buyer's actions), `state` (the checkouts,
//! timing and faults behind one lock), `ipn` (the notifications and the store's confirmation),
//! `faults` (the Aplazame fault plan), `routes` (the two endpoints), `control` (the
//! `/__sandbox/aplazame/` admin routes) and `store_side` (the store's IPN endpoint for a till with no
//! Central, answering with the decision the till handed over).
//!
//! The rules the sandbox chose where the document is silent:
//!
//! | the store sends                                          | the answer                           |
//! |----------------------------------------------------------|--------------------------------------|
//! | a body that breaks a rule of `validate`                  | `400`, every bad field named         |
//! | an `order.id` a checkout already has                     | `400` naming `order.id` (Aplazame: "no permite diferentes pedidos con el mismo ID") |
//! | `total_amount` above 3.000,00 €, or an email starting with `ko` | `403` with no body: not financed, nothing kept (the order id stays free) |
//! | anything else                                            | `201 {"id"}`, the checkout `pending` with no reason until the buyer opens it |
//!
//! - The total is checked against the articles with Caja's rounding rule (net prices derived from the
//!   shelf prices with IVA, half up): it must be one the articles can come from.
//! - The buyer's actions move the checkout through the document's status table (see `buyer`):
//!   `start`, `complete`, `challenge`, `pass_challenge`, `fail_challenge`, `expire_challenge`,
//!   `expire`, `deny`.
//! - Every change is POSTed to `merchant.ipn_url` (see `ipn`): retried after 1 s, then twice as long
//!   each time, within 30 s (`AplazameState::set_timing` or `PUT /__sandbox/aplazame/timing`). For
//!   `pending`/`confirmation_required` the store's answer decides: `200 {"status": "ok"}` → `ok`,
//!   `200 {"status": "ko"}` → `ko`/`confirmation_rejected_by_merchant`, no decision within the window
//!   → `ko`/`merchant_failed_to_confirm`.
//! - A checkout made with the sandbox media type says `sandbox: true`; the status is answered in
//!   either media type.
//! - Checkouts live in memory only. Faults: the shared plan names only the aCuotaz endpoints, so
//!   Aplazame has its own counted plan (`faults`), set through `AplazameState::set_faults` or
//!   `/__sandbox/aplazame/faults`.

pub(crate) mod buyer;
pub(crate) mod checkout;
pub(crate) mod control;
pub(crate) mod faults;
pub(crate) mod ipn;
pub(crate) mod routes;
pub(crate) mod rules;
pub(crate) mod state;
pub(crate) mod store_side;
pub(crate) mod validate;

pub use buyer::BUYER_ACTIONS;
pub use checkout::{Checkout, IpnAttempt, KoReason, Stage};
pub use faults::AplazameFaults;
pub use rules::FINANCING_LIMIT;
pub use state::{AplazameState, AplazameTiming};
pub use store_side::{STORE_IPN_PATH, hand_decision};

/// The Aplazame endpoints and their admin routes, on their own state, ready to merge into the app.
pub(crate) fn router<S: Clone + Send + Sync + 'static>(
    token: crate::auth::Token,
    aplazame: AplazameState,
) -> axum::Router<S> {
    routes::router(token.clone())
        .merge(control::router(token))
        .with_state(aplazame)
        .merge(store_side::router())
}
