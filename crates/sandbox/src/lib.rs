//! A faithful, stateful simulator of the aCuotaz in-store down payment API v2, seeded with demo data,
//! and of the aCuotaz orders API.
//!
//! [`start`] binds `127.0.0.1` (any free port with `port: 0`), serves the four documented endpoints
//! under both `/pos/client/inhouse-downpayment/v2/` and `.../mock/` from one shared state, the orders
//! API's endpoints under `/pos/` (see `apurata::orders::routes`), and returns
//! a [`RunningSandbox`]: its [`url`](RunningSandbox::url) is the provider's root, to be used where
//! `https://apurata.com` would be. The app embeds it in sandbox mode, the CLI serves it, and the tests
//! of every crate start one and talk to it over HTTP.
//!
//! Modules: one per provider API, as in `providers`: `apurata::downpayment` holds `routes` (the API's
//! endpoints and the documented answers), `validate` (field formats), `state` (financings and the
//! rules), `financing` (the records the state keeps), [`demo`] (the seed) and `persist` (the optional
//! state file); `apurata::orders` holds the orders API (its own `routes`, `validate`, `rules`, `state`
//! inside the same ledger, and `customer`, the customer's phone); `apagos`, aPagos vouchers under `/apagos/`;
//! `aplazame`, Aplazame's POS checkouts under `/aplazame/`.
//! Beside them, shared by every API: `auth` (the token), `fault` (fault injection: the plan, its
//! text form and the broken answers), `admin` (the `/__sandbox/` routes: fault plan and state at run
//! time), `wire` (the flavors and answer shape the HTTP parts share), `lima` (the till's calendar day).
//! Imports between them point one way: the root composes the HTTP app from `routes`, `fault` and
//! `admin` ([`app`]), so none of those needs another.

mod admin;
mod apagos;
mod aplazame;
mod apurata;
mod auth;
mod fault;
mod lima;
mod wire;

use apurata::downpayment::{persist, routes};
use apurata::orders::clock::OrderClock;
use apurata::orders::routes as order_routes;
use apurata::orders::state::OrderSetup;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use providers::apurata::downpayment::MOCK_TOKEN;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use apagos::{
    ApagosFaults, ApagosState, ApagosTiming, CallbackAttempt, DEMO_BANK_ACCOUNTS, Registration,
    Voucher, VoucherStatus, host_receipt,
};
pub use aplazame::{
    AplazameFaults, AplazameState, AplazameTiming, BUYER_ACTIONS, Checkout as AplazameCheckout,
    FINANCING_LIMIT as APLAZAME_FINANCING_LIMIT, IpnAttempt, KoReason,
    STORE_IPN_PATH as APLAZAME_STORE_IPN, Stage as CheckoutStage,
    hand_decision as hand_aplazame_decision,
};
/// Where a till on the simulator with no Caja Central has aPagos call back (a sink).
pub const APAGOS_CALLBACK_SINK: &str = apagos::receipt_host::CALLBACKS_PATH;
pub use apurata::downpayment::demo;
pub use apurata::downpayment::financing::{BillingEvent, BillingKind, Financing, Payment};
pub use apurata::downpayment::state::SandboxState;
pub use apurata::downpayment::validate::ONLY_RUC_10;
pub use apurata::orders::customer::CUSTOMER_ACTIONS;
pub use apurata::orders::order::{Order, OrderStatus, Refund, RefundKind};
pub use apurata::orders::state::LandingLimits;
pub use fault::{
    DEFAULT_HANG_MILLIS, Endpoint, Fault, FaultCounts, FaultKind, FaultPlan, FaultPlanError,
    FaultRule,
};
pub use lima::today_in_lima;

/// The store the orders API knows by default (`pos_client_id`).
pub const DEFAULT_POS_CLIENT_ID: &str = "caja-demo";

/// How long [`RunningSandbox::shutdown`] lets open requests finish before cutting them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

#[derive(Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// Port on 127.0.0.1; `0` lets the system choose a free one.
    pub port: u16,
    /// The bearer token the sandbox accepts on every endpoint, `v2/` and `mock/` alike.
    pub token: String,
    /// Pins the sandbox's today (Lima calendar day): the seed is placed around it and payments land on
    /// it. `None`: the real day in Lima, moving on at midnight.
    pub today: Option<jiff::civil::Date>,
    /// Keeps the financings and the billing log in this JSON file between runs: read at start (the
    /// demo seed when it does not exist yet), rewritten after every change. `None`: memory only.
    pub state_file: Option<PathBuf>,
    /// The faults to inject from the first request on (see [`FaultPlan`]; the admin route
    /// `/__sandbox/faults` replaces it at run time). Empty: none.
    pub faults: FaultPlan,
    /// Seeds the generator that draws the faults' probabilities: the same seed and the same requests
    /// in the same order meet the same faults.
    pub fault_seed: u64,
    /// Extra financings for soak runs, added to the demo seed: see [`demo::soak_financings`]. Only a
    /// fresh seed gets them; a state file that already exists is read as it is. `0`: none.
    pub extra_financings: u32,
    /// The one store registered for the orders API: `create` with another `pos_client_id` is
    /// "Client not registered", the add-on with another `Client_id` is `401`.
    pub pos_client_id: String,
    /// What `landing_config` answers; `create` refuses amounts outside it.
    pub landing: LandingLimits,
}

impl Default for SandboxConfig {
    /// Any free port, the provider's documented mock token, the real day, memory only, no faults.
    fn default() -> Self {
        SandboxConfig {
            port: 0,
            token: MOCK_TOKEN.to_owned(),
            today: None,
            state_file: None,
            faults: FaultPlan::default(),
            fault_seed: 0,
            extra_financings: 0,
            pos_client_id: DEFAULT_POS_CLIENT_ID.to_owned(),
            landing: LandingLimits::default(),
        }
    }
}

impl std::fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("port", &self.port)
            .field("token", &"<redacted>")
            .field("today", &self.today)
            .field("state_file", &self.state_file)
            .field("faults", &self.faults.to_string())
            .field("fault_seed", &self.fault_seed)
            .field("extra_financings", &self.extra_financings)
            .field("pos_client_id", &self.pos_client_id)
            .field("landing", &self.landing)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error(
        "the sandbox cannot listen on {address}: the port is already in use (another sandbox or program?); choose another port, or 0 for any free one"
    )]
    PortInUse {
        address: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the sandbox cannot listen on {address}: {source}")]
    Bind {
        address: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the sandbox needs a non-empty token")]
    EmptyToken,
    #[error(
        "the sandbox cannot read its state file {}: {detail}; delete it to start again from the demo data",
        path.display()
    )]
    StateFile { path: PathBuf, detail: String },
}

impl SandboxError {
    /// Stable code for the `{code, message}` errors the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            SandboxError::PortInUse { .. } => "sandbox_port_in_use",
            SandboxError::Bind { .. } => "sandbox_bind_failed",
            SandboxError::EmptyToken => "sandbox_empty_token",
            SandboxError::StateFile { .. } => "sandbox_state_file_unreadable",
        }
    }
}

/// A sandbox serving in the background. Dropping it stops the server too.
#[derive(Debug)]
pub struct RunningSandbox {
    url: String,
    address: SocketAddr,
    state: SandboxState,
    apagos: ApagosState,
    aplazame: AplazameState,
    // Dropping the sender is what tells the server to stop.
    stop: oneshot::Sender<()>,
    server: JoinHandle<()>,
}

/// Binds `127.0.0.1:{port}`, seeds the state and starts serving on the current tokio runtime.
pub async fn start(config: SandboxConfig) -> Result<RunningSandbox, SandboxError> {
    if config.token.trim().is_empty() {
        return Err(SandboxError::EmptyToken);
    }
    let requested = SocketAddr::from((Ipv4Addr::LOCALHOST, config.port));
    let listener = TcpListener::bind(requested)
        .await
        .map_err(|source| bind_error(requested, source))?;
    let address = listener
        .local_addr()
        .map_err(|source| bind_error(requested, source))?;

    let clock = lima::Clock::new(config.today);
    if !config.faults.is_empty() {
        tracing::info!(faults = %config.faults, seed = config.fault_seed, "sandbox injects faults");
    }
    let url = format!("http://{address}");
    let state = open_state(clock, &config, &url)?;
    let apagos = apagos::demo_state();
    let aplazame = AplazameState::new();
    let app = app(
        state.clone(),
        apagos.clone(),
        aplazame.clone(),
        auth::Token(Arc::from(config.token)),
    );
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let serving = axum::serve(listener, app).with_graceful_shutdown(async {
            // Either an explicit stop or the handle being dropped.
            let _ = stopped.await;
        });
        if let Err(error) = serving.await {
            tracing::error!(%error, "sandbox server stopped");
        }
    });
    tracing::info!(%address, "sandbox listening");
    Ok(RunningSandbox {
        url,
        address,
        state,
        apagos,
        aplazame,
        stop,
        server,
    })
}

/// The whole HTTP app. The API (endpoints and their token check) sits behind the fault plan; the admin
/// routes are merged outside it, so they are never faulted; aPagos and Aplazame (endpoints and admin
/// routes) are merged outside it too, each with its own faults; every request, admin or not, is logged.
fn app(
    sandbox: SandboxState,
    apagos: ApagosState,
    aplazame: AplazameState,
    token: auth::Token,
) -> Router {
    routes::router(token.clone())
        .merge(order_routes::router(token.clone()))
        .layer(from_fn_with_state(
            Arc::clone(sandbox.fault_injector()),
            fault::apply,
        ))
        .merge(admin::router(token.clone()))
        .merge(apagos::router(token.clone(), apagos))
        .merge(aplazame::router(token, aplazame))
        .layer(from_fn(routes::log_request))
        .with_state(sandbox)
}

fn open_state(
    clock: lima::Clock,
    config: &SandboxConfig,
    root: &str,
) -> Result<SandboxState, SandboxError> {
    let state_file = config.state_file.clone();
    let saved = match &state_file {
        Some(path) => persist::load(path).map_err(|detail| SandboxError::StateFile {
            path: path.clone(),
            detail,
        })?,
        None => None,
    };
    let (financings, events, orders) = match saved {
        Some(saved) => (saved.financings, saved.billing_events, saved.orders),
        None => {
            let mut seed = demo::financings(clock.today());
            seed.extend(demo::soak_financings(
                config.extra_financings,
                clock.today(),
            ));
            (seed, Vec::new(), Vec::new())
        }
    };
    let order_setup = OrderSetup {
        root: root.to_owned(),
        pos_client_id: config.pos_client_id.clone(),
        limits: config.landing,
        clock: OrderClock::default(),
    };
    Ok(SandboxState::new(
        (financings, events, orders),
        clock,
        state_file,
        (config.faults.clone(), config.fault_seed),
        order_setup,
    ))
}

fn bind_error(address: SocketAddr, source: std::io::Error) -> SandboxError {
    if source.kind() == std::io::ErrorKind::AddrInUse {
        SandboxError::PortInUse { address, source }
    } else {
        SandboxError::Bind { address, source }
    }
}

impl RunningSandbox {
    /// The provider root, `http://127.0.0.1:PORT`, without a path or a trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// A handle on the live state (financings, billing log), shared with the server.
    pub fn state(&self) -> SandboxState {
        self.state.clone()
    }

    /// A handle on the aPagos vouchers, their timing and faults, shared with the server.
    pub fn apagos(&self) -> ApagosState {
        self.apagos.clone()
    }

    /// A handle on the Aplazame checkouts, their IPN timing and faults, shared with the server.
    pub fn aplazame(&self) -> AplazameState {
        self.aplazame.clone()
    }

    /// Stops accepting connections, lets open requests finish (a few seconds at most) and returns
    /// when the port is free.
    pub async fn shutdown(self) {
        let RunningSandbox {
            stop, mut server, ..
        } = self;
        let _ = stop.send(());
        if tokio::time::timeout(SHUTDOWN_GRACE, &mut server)
            .await
            .is_err()
        {
            server.abort();
            let _ = server.await;
        }
    }

    /// Serves until the process ends (or the server fails).
    pub async fn wait(self) {
        let RunningSandbox {
            stop: _keep_serving,
            server,
            ..
        } = self;
        let _ = server.await;
    }
}
