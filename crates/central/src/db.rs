//! The connection pool, the versioned migrations (embedded in the binary, applied in order at start,
//! each in its own transaction, one Central at a time), the stores of the configuration, and the day
//! partitions the big tables need before a row of a new day lands.

use std::collections::HashSet;
use std::str::FromStr;
use std::sync::Mutex;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use jiff::civil::Date;
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::config::Config;

/// Every schema step, oldest first. Append only: a released step is never edited.
const MIGRATIONS: &[(i32, &str, &str)] = &[
    (1, "tills", include_str!("../migrations/0001_tills.sql")),
    (
        2,
        "projections",
        include_str!("../migrations/0002_projections.sql"),
    ),
    (
        3,
        "webhooks",
        include_str!("../migrations/0003_webhooks.sql"),
    ),
    (4, "web", include_str!("../migrations/0004_web.sql")),
    (
        5,
        "webhook_relay_later",
        include_str!("../migrations/0005_webhook_relay_later.sql"),
    ),
    (
        6,
        "upload_links",
        include_str!("../migrations/0006_upload_links.sql"),
    ),
    (
        7,
        "aplazame_confirmation",
        include_str!("../migrations/0007_aplazame_confirmation.sql"),
    ),
    (8, "updates", include_str!("../migrations/0008_updates.sql")),
];

/// The tables partitioned by day.
const PARTITIONED: [&str; 2] = ["audit_entry", "operation"];

/// A database error from the pool or from PostgreSQL.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    #[error("{0}")]
    Postgres(#[from] tokio_postgres::Error),
}

/// How Central reaches PostgreSQL: TLS when the URL's `sslmode` asks for it (`require`), or when the
/// server offers it (`prefer`, the default), with the server's certificate checked against the
/// system's roots; plain TCP to a server that offers no TLS (the loopback clusters of the tests and the
/// demo) unless `sslmode=require`.
pub fn tls() -> anyhow::Result<MakeRustlsConnect> {
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone())
        .map_err(|error| anyhow::anyhow!("the system's certificate roots: {error}"))?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| anyhow::anyhow!("TLS for PostgreSQL: {error}"))?
        .dangerous()
        .with_custom_certificate_verifier(std::sync::Arc::new(verifier))
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// Builds the pool (connections are made when first needed).
pub fn pool(database_url: &str) -> anyhow::Result<Pool> {
    let pg_config = tokio_postgres::Config::from_str(database_url)
        .map_err(|error| anyhow::anyhow!("the database URL is not valid: {error}"))?;
    let manager = Manager::from_config(
        pg_config,
        tls()?,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(16)
        .wait_timeout(Some(std::time::Duration::from_secs(10)))
        .create_timeout(Some(std::time::Duration::from_secs(10)))
        .runtime(deadpool_postgres::Runtime::Tokio1)
        .build()
        .map_err(|error| anyhow::anyhow!("cannot build the database pool: {error}"))
}

/// Connects, migrates, and records the configured stores.
pub async fn connect(config: &Config) -> anyhow::Result<Pool> {
    let pool = pool(&config.database_url)?;
    let mut client = pool
        .get()
        .await
        .map_err(|error| anyhow::anyhow!("cannot connect to PostgreSQL: {error}"))?;
    migrate(&mut client)
        .await
        .map_err(|error| anyhow::anyhow!("cannot migrate the database: {error}"))?;
    for store in &config.stores {
        client
            .execute(
                "INSERT INTO store (store_code, name) VALUES ($1, $2)
                 ON CONFLICT (store_code) DO UPDATE SET name = EXCLUDED.name",
                &[&store.code, &store.name],
            )
            .await?;
    }
    Ok(pool)
}

/// Applies the steps the database has not seen.
pub async fn migrate(client: &mut deadpool_postgres::Client) -> Result<(), tokio_postgres::Error> {
    let transaction = client.transaction().await?;
    transaction
        .batch_execute(
            "SELECT pg_advisory_xact_lock(7423000);
             CREATE TABLE IF NOT EXISTS schema_migration (
                 version     integer     PRIMARY KEY,
                 name        text        NOT NULL,
                 applied_at  timestamptz NOT NULL DEFAULT now()
             );",
        )
        .await?;
    let applied: Vec<i32> = transaction
        .query("SELECT version FROM schema_migration", &[])
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
    for (version, name, sql) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        transaction.batch_execute(sql).await?;
        transaction
            .execute(
                "INSERT INTO schema_migration (version, name) VALUES ($1, $2)",
                &[version, name],
            )
            .await?;
        tracing::info!(version, name, "migration applied");
    }
    transaction.commit().await
}

/// Days whose partitions this process made sure of, per database.
#[derive(Debug, Default)]
pub struct Partitions(Mutex<HashSet<Date>>);

/// Makes sure every partitioned table has the partition of `day`. Cheap after the first time per day.
pub async fn ensure_day(pool: &Pool, ready: &Partitions, day: Date) -> Result<(), DbError> {
    if ready.0.lock().expect("not poisoned").contains(&day) {
        return Ok(());
    }
    let next = day.tomorrow().unwrap_or(day);
    let mut client = pool.get().await?;
    let transaction = client.transaction().await?;
    // Two Centrals creating the same partition at once would collide: one at a time.
    let mut sql = String::from("SELECT pg_advisory_xact_lock(7423001);");
    for table in PARTITIONED {
        sql.push_str(&format!(
            "CREATE TABLE IF NOT EXISTS {table}_{stamp} PARTITION OF {table} FOR VALUES FROM ('{day}') TO ('{next}');",
            stamp = day.strftime("%Y%m%d"),
        ));
    }
    transaction.batch_execute(&sql).await?;
    transaction.commit().await?;
    ready.0.lock().expect("not poisoned").insert(day);
    Ok(())
}
