//! The routes and the running server: the till API under `/api/v1`, the providers' webhooks under
//! `/webhooks`, hosted receipts under `/recibos`, and the web pages for people.

use std::net::SocketAddr;

use axum::Router;
use axum::routing::{get, post, put};
use tokio::net::TcpListener;

use crate::config::Config;
use crate::error::Failure;
use crate::state::AppState;
use crate::{
    auth, confirmation, db, housekeeping, ingest, phone_upload, receipts, relay, updates, web,
    webhooks,
};

/// Every route of Central.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/v1/enroll", post(auth::enroll::enroll))
        .route(
            "/api/v1/stores/{store}/tills/{till}/audit",
            post(ingest::push::push),
        )
        .route(
            "/api/v1/stores/{store}/tills/{till}/z/{mode}/{number}",
            put(ingest::z::put_z),
        )
        .route(
            "/api/v1/stores/{store}/tills/{till}/status",
            get(ingest::status::status),
        )
        .merge(webhooks::routes())
        .merge(relay::routes())
        .merge(confirmation::routes())
        .merge(receipts::routes())
        .merge(updates::routes())
        .merge(phone_upload::routes(state.config.receipt_max_bytes))
        .merge(web::routes())
        .fallback(|| async { Failure::not_found("no such page or endpoint") })
        .with_state(state)
}

/// A running Central.
pub struct Server {
    pub addr: SocketAddr,
    pub state: AppState,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Connects, migrates and serves on `listener` until dropped.
    pub async fn start(config: Config, listener: TcpListener) -> anyhow::Result<Server> {
        let pool = db::connect(&config).await?;
        let state = AppState::new(pool, config);
        let addr = listener.local_addr()?;
        let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        let housekeeping = housekeeping::every_minute(state.clone());
        let relay_listener = relay::listen(state.clone());
        let task = tokio::spawn(async move {
            tokio::select! {
                served = axum::serve(listener, app) => {
                    if let Err(error) = served {
                        tracing::error!(%error, "Central stopped serving");
                    }
                }
                () = housekeeping => {}
                () = relay_listener => {}
            }
        });
        Ok(Server { addr, state, task })
    }

    /// Serves on a free loopback port: what the tests and the desktop's end-to-end tests start.
    pub async fn on_loopback(config: Config) -> anyhow::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        Server::start(config, listener).await
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Serves until the process is asked to stop (Ctrl-C or SIGTERM), then returns so that what the
    /// caller holds (the demo's PostgreSQL) is stopped in order.
    pub async fn run_until_stopped(self) {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            () = async {
                match terminate.as_mut() {
                    Some(signal) => { signal.recv().await; }
                    None => std::future::pending::<()>().await,
                }
            } => {}
        }
        self.task.abort();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}
