//! `caja-central demo`: a chain of three stores to look at on a fresh machine. It starts a PostgreSQL of
//! its own in a folder (kept between runs), and fills today with tills that worked all day (synthetic
//! chains pushed through the same ingest as real ones): payments in every tender, a closing short of
//! cash above the tolerance, an operation whose outcome is still unknown, credit sales, and a till that
//! has not synced for hours. Store T01's till C1 is left for a real till: the demo prints its code.

use std::path::Path;

use jiff::{SignedDuration, Timestamp};
use tokio_postgres::NoTls;

use crate::config::{Config, StoreConfig};
use crate::ingest::{push, z};
use crate::pg_cluster::Cluster;
use crate::state::AppState;
use crate::synthetic::{Payment, SyntheticTill};

/// The demo people's password (printed in the README; a demo only).
pub const DEMO_PASSWORD: &str = "demo-central-2026";

/// The demo's stores.
pub fn stores() -> Vec<StoreConfig> {
    vec![
        StoreConfig::new("T01", "Tienda Miraflores"),
        StoreConfig::new("T02", "Tienda San Isidro"),
        StoreConfig::new("T03", "Tienda Arequipa"),
    ]
}

/// Starts (or restarts) the demo's PostgreSQL in `dir` and makes sure its database exists.
pub async fn database(dir: &Path, port: u16) -> anyhow::Result<(Cluster, String)> {
    let cluster = Cluster::start(dir, port)?;
    let (client, connection) = tokio_postgres::connect(&cluster.url("postgres"), NoTls).await?;
    tokio::spawn(connection);
    let exists = client
        .query_opt(
            "SELECT 1 FROM pg_database WHERE datname = 'caja_central'",
            &[],
        )
        .await?
        .is_some();
    if !exists {
        client.batch_execute("CREATE DATABASE caja_central").await?;
    }
    let url = cluster.url("caja_central");
    Ok((cluster, url))
}

/// The demo's configuration: sandbox mode, the three stores.
pub fn config(database_url: &str, listen: std::net::SocketAddr) -> Config {
    let mut config = Config::for_database(database_url, stores());
    config.listen = listen;
    config.public_url = url::Url::parse(&format!("http://{listen}/")).expect("a valid URL");
    config.mode = "sandbox".to_owned();
    config
}

/// Fills today once (a second run finds it done).
pub async fn seed(state: &AppState) -> anyhow::Result<bool> {
    let client = state.pool.get().await?;
    let seeded = client
        .query_one("SELECT count(*) FROM till", &[])
        .await?
        .get::<_, i64>(0)
        > 0;
    if seeded {
        return Ok(false);
    }
    let now = Timestamp::now();
    let plan: [(&str, &str, i64, i64, bool); 5] = [
        // store, till, payments, closing difference, closed
        ("T01", "C2", 18, 50, true),
        ("T02", "C1", 24, 0, false),
        ("T02", "C2", 15, -350, true),
        ("T03", "C1", 9, 0, false),
        ("T03", "C2", 12, -80, true),
    ];
    for (store, till, count, difference, closed) in plan {
        enroll_synthetic(state, store, till).await?;
        let mut synthetic = SyntheticTill::new(store, till, "sandbox");
        let opened = now - SignedDuration::from_hours(7);
        let mut entries = vec![synthetic.open_shift(opened, 20_000, "Rosa Quispe")];
        let tenders = ["cash", "card", "yape_plin", "cash", "transfer"];
        for i in 0..count {
            let at = opened + SignedDuration::from_mins(15 + 20 * i);
            let state = if store == "T02" && i == 5 {
                "unknown"
            } else {
                "confirmed"
            };
            entries.extend(synthetic.payment(
                at,
                Payment {
                    collect_centimos: 8_990 + 1_250 * (i % 7),
                    state,
                    tender: tenders[(i % 5) as usize],
                    operator: if i % 2 == 0 {
                        "Luis Ramos"
                    } else {
                        "Ana Torres"
                    },
                },
            ));
        }
        entries.push(synthetic.credit_order(
            opened + SignedDuration::from_hours(2),
            129_900,
            "funded",
        ));
        entries.push(synthetic.credit_order(
            opened + SignedDuration::from_hours(3),
            45_000,
            "approved",
        ));
        let mut snapshot = None;
        if closed {
            let (entry, text) = synthetic.close_shift(
                opened + SignedDuration::from_mins(20 * count + 40),
                1,
                difference,
                "Rosa Quispe",
            );
            entries.push(entry);
            snapshot = Some(text);
        }
        push::ingest(state, store, till, entries)
            .await
            .map_err(|failure| anyhow::anyhow!(failure.message))?;
        if let Some(text) = snapshot {
            z::store_z(state, store, till, "sandbox", 1, &text)
                .await
                .map_err(|failure| anyhow::anyhow!(failure.message))?;
        }
    }
    // The head office and the manager of Miraflores sign in with the README's password.
    crate::users::add_user(
        &state.pool,
        "admin@caja.pe",
        "Jefa de tiendas",
        crate::users::Role::ChainAdmin,
        &[],
        DEMO_PASSWORD,
    )
    .await?;
    crate::users::add_user(
        &state.pool,
        "gerente.miraflores@caja.pe",
        "Gerente de Miraflores",
        crate::users::Role::StoreManager,
        &["T01".to_owned()],
        DEMO_PASSWORD,
    )
    .await?;
    // Arequipa's first till lost its connection this morning.
    client
        .execute(
            "UPDATE till SET last_push_at = now() - interval '3 hours 20 minutes'
             WHERE store_code = 'T03' AND till_code = 'C1'",
            &[],
        )
        .await?;
    Ok(true)
}

/// A till enrolled with a key nobody holds: it exists only through what the demo pushes for it.
async fn enroll_synthetic(state: &AppState, store: &str, till: &str) -> anyhow::Result<()> {
    let key = providers::central::TillSigningKey::generate();
    let public = providers::central::signing::parse_public_key(&key.public_key())
        .map_err(|error| anyhow::anyhow!(error))?;
    state
        .pool
        .get()
        .await?
        .execute(
            "INSERT INTO till (store_code, till_code, label, public_key) VALUES ($1, $2, 'demo', $3)",
            &[&store, &till, &public.to_vec()],
        )
        .await?;
    Ok(())
}
