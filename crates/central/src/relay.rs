//! Providers' events to the tills that own them. A till asks
//! `GET /api/v1/stores/{store}/tills/{till}/events?after=N&wait=S` (signed, like every till request) and
//! gets its events with an id above `N`, oldest first; when there are none it waits up to `S` seconds
//! (at most [`MAX_WAIT_SECONDS`]) for one to arrive, so that an event reaches a connected till within a
//! moment of the provider's call without the till asking in a loop.
//!
//! The wait is on `AppState::relay_bell`. A webhook rings it in the process that stored the event; the
//! other Centrals on the same database (behind a load balancer) hear of it through PostgreSQL's
//! `NOTIFY caja_relay`, which [`listen`] turns into a ring of their own bell. [`listen`] reconnects when
//! its connection drops (PostgreSQL restarted) and rings once after each connection, since events may
//! have landed while it was deaf; a waiting poll also looks again every [`RECHECK`] whatever happens.

use std::str::FromStr;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::Uri;
use axum::routing::get;
use providers::central::wire::{RelayBatch, RelayEvent};
use tokio::time::Instant;
use tokio_postgres::AsyncMessage;

use crate::auth::SignedTill;
use crate::error::{Failure, StorageContext};
use crate::state::AppState;
use crate::webhooks::record::CHANNEL;

/// The longest a poll waits.
pub const MAX_WAIT_SECONDS: u64 = 30;
/// The most events one answer carries; the till asks again from `next`.
pub const MAX_EVENTS: i64 = 100;
/// How often a waiting poll looks again even without a ring (a NOTIFY lost while [`listen`] was
/// reconnecting).
pub const RECHECK: Duration = Duration::from_secs(10);
/// How the listening connection names itself in `pg_stat_activity`.
pub const APPLICATION_NAME: &str = "caja-central-relay";

/// The relay's route, merged into Central's router.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/stores/{store}/tills/{till}/events", get(events))
}

/// `GET …/tills/{till}/events?after=N&wait=S`.
pub async fn events(
    State(state): State<AppState>,
    uri: Uri,
    signed: SignedTill,
) -> Result<Json<RelayBatch>, Failure> {
    // Read after the signature held: an unsigned caller learns nothing, not even about its query.
    let (after, wait) = parameters(uri.query().unwrap_or_default())?;
    let deadline = Instant::now() + Duration::from_secs(wait.min(MAX_WAIT_SECONDS));
    let (store, till) = (&signed.till.store, &signed.till.till);
    loop {
        // Listen before looking, so that a ring between the look and the wait is not lost.
        let rung = state.relay_bell.notified();
        tokio::pin!(rung);
        rung.as_mut().enable();
        let events = read(&state, store, till, after).await?;
        let now = Instant::now();
        if !events.is_empty() || now >= deadline {
            let next = events.last().map_or(after, |event| event.id);
            return Ok(Json(RelayBatch { events, next }));
        }
        let until = deadline.min(now + RECHECK);
        tokio::select! {
            () = &mut rung => {}
            () = tokio::time::sleep_until(until) => {}
        }
    }
}

/// `after` (default 0) and `wait` in seconds (default 0; more than [`MAX_WAIT_SECONDS`] waits that long).
fn parameters(query: &str) -> Result<(i64, u64), Failure> {
    let mut after = 0;
    let mut wait = 0;
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let bad = || Failure::bad_request(format!("{name}=`{value}` is not a whole number"));
        match name.as_ref() {
            "after" => after = value.parse().map_err(|_| bad())?,
            "wait" => wait = value.parse().map_err(|_| bad())?,
            _ => {}
        }
    }
    Ok((after, wait))
}

async fn read(
    state: &AppState,
    store: &str,
    till: &str,
    after: i64,
) -> Result<Vec<RelayEvent>, Failure> {
    let client = state.pool.get().await.storage("read the till's events")?;
    let rows = client
        .query(
            "SELECT id, provider, reference, event,
                    to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),
                    payload::text
             FROM relay_event
             WHERE store_code = $1 AND till_code = $2 AND id > $3
             ORDER BY id LIMIT $4",
            &[&store, &till, &after, &MAX_EVENTS],
        )
        .await
        .storage("read the till's events")?;
    Ok(rows
        .iter()
        .map(|row| RelayEvent {
            id: row.get(0),
            provider: row.get(1),
            reference: row.get(2),
            event: row.get(3),
            received_at: row.get(4),
            payload: serde_json::from_str(row.get::<_, &str>(5)).unwrap_or_default(),
        })
        .collect())
}

/// Rings `state.relay_bell` whenever any Central on the database relays an event, for as long as it is
/// polled: `LISTEN caja_relay` on a connection of its own, made again (after a growing pause, at most
/// 30 s) whenever it drops.
pub async fn listen(state: AppState) {
    let mut pause = Duration::from_secs(1);
    loop {
        let started = Instant::now();
        match listen_once(&state).await {
            Ok(()) => tracing::warn!("the relay's PostgreSQL connection closed; reconnecting"),
            Err(error) => tracing::warn!(%error, "the relay's PostgreSQL connection failed"),
        }
        // A connection that held for a while earns a quick retry; a failing one, a longer pause.
        if started.elapsed() > Duration::from_secs(60) {
            pause = Duration::from_secs(1);
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(30));
    }
}

async fn listen_once(state: &AppState) -> anyhow::Result<()> {
    let mut config = tokio_postgres::Config::from_str(&state.config.database_url)?;
    config
        .application_name(APPLICATION_NAME)
        .connect_timeout(Duration::from_secs(10))
        .keepalives_idle(Duration::from_secs(30));
    let (client, mut connection) = config.connect(crate::db::tls()?).await?;
    let bell = state.relay_bell.clone();
    // The connection carries both the LISTEN's answer and the notifications: drive it here.
    let messages = async move {
        loop {
            match std::future::poll_fn(|cx| connection.poll_message(cx)).await {
                Some(Ok(AsyncMessage::Notification(_))) => bell.notify_waiters(),
                Some(Ok(_)) => {}
                Some(Err(error)) => return Err(error),
                None => return Ok(()),
            }
        }
    };
    let subscribe = async {
        client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
        tracing::info!("the relay listens for other Centrals' events");
        // Whatever was relayed while this process was not listening is looked at now.
        state.relay_bell.notify_waiters();
        std::future::pending::<Result<(), tokio_postgres::Error>>().await
    };
    tokio::select! {
        ended = messages => Ok(ended?),
        failed = subscribe => Ok(failed?),
    }
}
