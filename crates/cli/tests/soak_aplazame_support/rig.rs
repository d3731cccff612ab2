//! What an Aplazame soak runs against: the sandbox in this process (its Aplazame simulator retrying
//! IPNs quickly within a window longer than the cashier takes), a real Caja Central on a PostgreSQL
//! cluster of the run's own (reading checkouts back at the simulator with the store's key,
//! answering confirmations from the till's announcements and decisions), and a data folder whose
//! till has a supervisor and a cashier, the auto-confirm rule off (the cashier decides) and is
//! enrolled in Central as T01/C1 with `caja central enroll`, so that its creates name Central's
//! webhook.

use std::time::Duration;

use central::pg_cluster::Cluster;
use central::{Config, Server, StoreConfig};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{AplazameTiming, RunningSandbox, SandboxConfig};
use serde_json::json;

use super::{AplazameSoakConfig, ROSA};
use crate::soak_support::issue::{Caja, Exit};

/// Kept alive for the run: dropping it stops Central, then the cluster, then removes the folder.
pub struct Rig {
    pub caja: Caja,
    pub provider: RunningSandbox,
    _central: Server,
    _cluster: Cluster,
    _dir: tempfile::TempDir,
}

pub fn start(runtime: &tokio::runtime::Runtime, config: &AplazameSoakConfig) -> Rig {
    let dir = tempfile::Builder::new()
        .prefix("caja-aplazame-soak-")
        .tempdir()
        .unwrap();
    let cluster = Cluster::temporary().expect("a PostgreSQL cluster of our own");
    let (provider, central, code) = runtime.block_on(async {
        let provider = sandbox::start(SandboxConfig::default())
            .await
            .expect("the sandbox starts");
        provider.aplazame().set_timing(AplazameTiming {
            ipn_first_retry_ms: config.ipn_first_retry_ms,
            ipn_window_ms: config.ipn_window_ms,
            ipn_attempt_timeout_ms: config.central_wait_ms + 2_000,
        });
        let database = cluster
            .create_database("aplazame_soak")
            .await
            .expect("a database");
        let mut t01 = StoreConfig::new("T01", "Tienda Sol");
        t01.aplazame_key = Some(providers::ApiToken::new(MOCK_TOKEN));
        let mut central_config = Config::for_database(&database, vec![t01]);
        let root = format!("{}/aplazame/", provider.url().trim_end_matches('/'));
        central_config.providers.aplazame = root.parse().unwrap();
        central_config.aplazame_confirm_wait = Duration::from_millis(config.central_wait_ms);
        central_config.webhooks_per_minute = 100_000;
        let central = Server::on_loopback(central_config)
            .await
            .expect("Central starts");
        let code = central::auth::enroll::issue_code(&central.state.pool, "T01", "C1", "soak")
            .await
            .unwrap();
        (provider, central, code)
    });
    let caja = Caja {
        data_dir: dir.path().to_owned(),
        api_url: provider.url().to_owned(),
        http_timeout_secs: config.http_timeout_secs,
    };
    staff(&caja);
    let settings = json!({"country": "ES", "aplazame": {"autoConfirm": false}});
    std::fs::write(dir.path().join("settings.json"), settings.to_string()).unwrap();
    let url = central.base_url();
    let enrolled = caja.run_with(&ROSA, &["central", "enroll", "--url", &url, &code], None);
    assert_eq!(
        enrolled.exit,
        Exit::Code(0),
        "enroll: {:?} {}",
        enrolled.json,
        enrolled.stderr
    );
    Rig {
        caja,
        provider,
        _central: central,
        _cluster: cluster,
        _dir: dir,
    }
}

/// Rosa Quispe (supervisor) and Luis Mamani (cashier).
fn staff(caja: &Caja) {
    let add = |who: &[(&str, &str)], name: &str, role: &str, pin: &str| {
        let mut env = who.to_vec();
        env.push(("CAJA_NEW_PIN", pin));
        let args = ["users", "add", "--name", name, "--role", role];
        let answer = caja.run_with(&env, &args, None);
        assert_eq!(answer.exit, Exit::Code(0), "{name}: {}", answer.stderr);
    };
    add(&[], "Rosa Quispe", "supervisor", "2468");
    add(&ROSA, "Luis Mamani", "cashier", "1357");
}
