//! What every handler shares: the pool, the configuration, the bell the relay rings when a provider's
//! event for a till arrives (long-polls wait on it instead of asking the database in a loop), the bell a
//! till's Aplazame decision rings, and the webhooks' rate limit.

use std::num::NonZeroU32;
use std::sync::Arc;

use deadpool_postgres::Pool;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio::sync::Notify;

use crate::config::Config;
use crate::db::Partitions;

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub config: Arc<Config>,
    /// Rung when a relay event is stored (in this process, or in another through PostgreSQL's
    /// `LISTEN caja_relay`).
    pub relay_bell: Arc<Notify>,
    /// Rung when a till posts its decision on an Aplazame checkout: an IPN waiting for it looks again
    /// at once (`webhooks::confirmation`; other Centrals' decisions are seen by polling).
    pub decision_bell: Arc<Notify>,
    /// Day partitions known to exist.
    pub partitions: Arc<Partitions>,
    /// Re-reads of aPagos and Aplazame (bounded timeouts, no redirects).
    pub http: reqwest::Client,
    /// Notifications per (store, provider): a flood is answered 429 before anything is kept.
    pub webhook_limit: Arc<DefaultKeyedRateLimiter<(String, &'static str)>>,
}

impl AppState {
    pub fn new(pool: Pool, config: Config) -> Self {
        let http = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(5))
            .timeout(std::time::Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client with a TLS backend");
        let per_minute = NonZeroU32::new(config.webhooks_per_minute).unwrap_or(NonZeroU32::MIN);
        let webhook_limit = Arc::new(RateLimiter::keyed(Quota::per_minute(per_minute)));
        AppState {
            pool,
            config: Arc::new(config),
            relay_bell: Arc::new(Notify::new()),
            decision_bell: Arc::new(Notify::new()),
            partitions: Arc::new(Partitions::default()),
            http,
            webhook_limit,
        }
    }
}
