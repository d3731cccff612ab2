//! Caja Central: the store chain's server. Tills enroll with a one-time code and then push their audit
//! chain (every journal row, shift, Z report and change they made), append-only and idempotent by
//! (till, seq); providers' webhooks land here, are checked, stored raw and relayed to the till that owns
//! the operation (the store's confirmation of an Aplazame checkout answered from its till's decision);
//! aPagos' receipt images are hosted at unguessable expiring URLs; the head office reads
//! the chain's day on server-rendered pages; the chain's signed desktop releases are offered to each
//! store's tills in the version its manager chose. PostgreSQL holds it all, keyed by store and partitioned by
//! day (see `migrations/` and `docs/ARCHITECTURE.md`).
//!
//! The till never waits for Central and works fully without it: Central adds, never gates.

pub mod app;
pub mod auth;
pub mod config;
pub mod confirmation;
pub mod db;
pub mod demo;
pub mod error;
pub mod housekeeping;
pub mod ingest;
pub mod pg_cluster;
pub mod phone_upload;
pub mod receipts;
pub mod relay;
pub mod state;
pub mod synthetic;
pub mod updates;
pub mod users;
pub mod web;
pub mod webhooks;

pub use app::{Server, router};
pub use config::{Config, StoreConfig};
pub use state::AppState;
