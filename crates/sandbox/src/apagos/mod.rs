//! aPagos vouchers as the sandbox serves them, read only from the provider's document
//! (`apagos-vouchers-api.txt`) and the "aPagos vouchers" notes of `NOTES.md`: the store registers a bank
//! transfer's receipt, aPagos matches it against the store's account after a while, answers `VALIDATED`
//! or `INVALID` through the webhook and `info`, and `cancel` sets `CANCELED` when the store names the
//! status the voucher is really in. The routes sit under `/apagos/`, so a client whose root is
//! `{sandbox_url}/apagos/` talks to it as to `https://apurata.com/apagos/` (see `routes`).
//!
//! Modules: `voucher` (the record kept and its statuses), `validate` (the register and cancel bodies,
//! refused in plain text naming the field), `rules` (what the validation decides from the typed data),
//! `state` (the vouchers, timing and faults behind one lock), `callback` (the webhook and its retries),
//! `faults` (the aPagos fault plan), `routes` (the three endpoints) and `control` (the
//! `/__sandbox/apagos/` admin routes).
//!
//! The validation rules, checked in this order on the data the register typed, once the validation
//! delay has passed (5 s of real time by default; `ApagosState::set_timing` or
//! `PUT /__sandbox/apagos/timing` changes it):
//!
//! | the register typed                                          | after the delay                      |
//! |-------------------------------------------------------------|--------------------------------------|
//! | `receipt` whose path's last segment has an extension other than jpeg, jpg, png, gif, bmp, webp, raw, ico, pdf, tiff (any case) | `INVALID` (the document: "we invalidate automatically") |
//! | `operation_number` starting with `9`                        | `INVALID`                            |
//! | `operation_number` starting with `8`                        | `IN_REVIEW`, a status the document never lists; no callback |
//! | `operation_number` ending in `77`                           | `VALIDATED`, corrected: `amount` + S/ 10.00, `date` one day earlier, `operation_number` `"00"` + typed |
//! | `operation_number` ending in `66`                           | `VALIDATED`, `bank_account_id` moved to the next onboarded account (in the list's order, the last one wraps to the first) |
//! | anything else                                               | `VALIDATED` with the typed values    |
//!
//! A `VALIDATED` voucher's `bank_operation_number` is `"0001"` + its (validated) `operation_number`;
//! before validation, and for any other status, it is `null`. A receipt without an extension is not
//! judged by its format. Only a voucher still `PENDING` is decided: one canceled before the delay stays
//! `CANCELED`. Other facts the sandbox chose where the document is silent:
//! - `info` answers `PENDING` before the decision (the document lists only `VALIDATED` and `INVALID`
//!   for `info`, `cancel` shows `PENDING` exists); `detail` is `null` when the register sent none.
//! - `cancel` succeeds from any status the caller names rightly, `CANCELED` included (it stays so).
//! - Every `VALIDATED` or `INVALID` decision (rule or admin) POSTs `{"request_id", "order_id",
//!   "status"}` as JSON to the voucher's `webhook`, without authentication, and tries again while the
//!   answer is not a `2xx`: after 1 s, then twice as long each time, until 45 s have passed since the
//!   first attempt (all configurable). Every attempt is kept on the voucher.
//! - A second register with the same `order_id` is a second voucher: aPagos does not use the field.
//! - `401` (token missing or wrong, checked first) and `404` (unknown or malformed `request_id`)
//!   have an empty body; `400` is `text/plain`, except `cancel`'s `invalid_status` JSON.
//! - The onboarded accounts: `BBVA` (the document's example), `BCP-SOLES-001`, `BBVA-SOLES-002`,
//!   `INTERBANK-003` ([`DEMO_BANK_ACCOUNTS`]).
//! - Vouchers live in memory only (the state file keeps the aCuotaz data, not these).
//! - Faults: the shared fault plan names only the aCuotaz endpoints, so aPagos has its own counted
//!   plan (`faults`), set through `ApagosState::set_faults` or `/__sandbox/apagos/faults`.

pub(crate) mod callback;
pub(crate) mod control;
pub(crate) mod faults;
pub(crate) mod receipt_host;
pub(crate) mod routes;
pub(crate) mod rules;
pub(crate) mod state;
pub(crate) mod validate;
pub(crate) mod voucher;

pub use faults::ApagosFaults;
pub use receipt_host::host_receipt;
pub use state::{ApagosState, ApagosTiming};
pub use voucher::{CallbackAttempt, Registration, Voucher, VoucherStatus};

/// The store's onboarded bank accounts: the only `bank_account_id`s a register may name.
pub const DEMO_BANK_ACCOUNTS: [&str; 4] =
    ["BBVA", "BCP-SOLES-001", "BBVA-SOLES-002", "INTERBANK-003"];

/// The aPagos endpoints and their admin routes, on their own state, ready to merge into the app.
pub(crate) fn router<S: Clone + Send + Sync + 'static>(
    token: crate::auth::Token,
    apagos: ApagosState,
) -> axum::Router<S> {
    routes::router(token.clone())
        .merge(control::router(token.clone()))
        .with_state(apagos)
        .merge(receipt_host::router())
}

/// A fresh aPagos state with the demo accounts.
pub(crate) fn demo_state() -> ApagosState {
    ApagosState::new(DEMO_BANK_ACCOUNTS.map(str::to_owned).to_vec())
}
