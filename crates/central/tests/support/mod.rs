//! What Central's tests share: one PostgreSQL cluster per test binary (started from the distribution's
//! packages as a non-root user, stopped when the binary ends), a fresh database per test, a Central
//! serving on a loopback port, and tills that enroll and sign their requests as a real till does.
#![allow(dead_code)]

pub mod releases;

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use central::pg_cluster::Cluster;
use central::{Config, Server, StoreConfig};
use providers::central::signing::{TillRef, TillSigningKey};
use providers::central::wire::{EnrollAnswer, EnrollRequest};

static CLUSTER: OnceLock<Cluster> = OnceLock::new();
static DATABASES: AtomicUsize = AtomicUsize::new(0);

pub fn cluster() -> &'static Cluster {
    CLUSTER.get_or_init(|| Cluster::temporary().expect("a PostgreSQL cluster of our own"))
}

/// A new, empty database on the binary's cluster.
pub async fn fresh_database() -> String {
    let name = format!(
        "t{}_{}",
        std::process::id(),
        DATABASES.fetch_add(1, Ordering::SeqCst)
    );
    cluster()
        .create_database(&name)
        .await
        .expect("create a database")
}

/// The three stores of the tests.
pub fn stores() -> Vec<StoreConfig> {
    let mut miraflores = StoreConfig::new("T01", "Tienda Miraflores");
    miraflores.acuotaz_webhook_token = Some(providers::ApiToken::new("acuotaz-webhook-T01"));
    miraflores.apagos_token = Some(providers::ApiToken::new("apagos-token-T01"));
    miraflores.aplazame_key = Some(providers::ApiToken::new("aplazame-key-T01"));
    vec![
        miraflores,
        StoreConfig::new("T02", "Tienda San Isidro"),
        StoreConfig::new("T03", "Tienda Arequipa"),
    ]
}

/// Central on a fresh database with the test stores, serving on a loopback port.
pub async fn start_central() -> Server {
    start_with(|_| {}).await
}

/// The same, with the configuration adjusted first.
pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> Server {
    let mut config = Config::for_database(&fresh_database().await, stores());
    adjust(&mut config);
    Server::on_loopback(config).await.expect("Central starts")
}

/// A till as Central sees it: its codes, its key, and an HTTP client.
pub struct TestTill {
    pub till: TillRef,
    pub key: TillSigningKey,
    pub base: String,
    pub http: reqwest::Client,
}

/// The answer of a request: status and body text.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|_| panic!("not JSON ({}): {}", self.status, self.body))
    }

    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("an HTTP client")
}

/// Issues a code and enrolls a new till with it.
pub async fn enroll(server: &Server, store: &str, till: &str) -> TestTill {
    let code = central::auth::enroll::issue_code(&server.state.pool, store, till, "test")
        .await
        .expect("a code");
    let key = TillSigningKey::generate();
    let answer = http()
        .post(format!("{}/api/v1/enroll", server.base_url()))
        .json(&EnrollRequest {
            code,
            store: store.into(),
            till: till.into(),
            public_key: key.public_key(),
            label: "test".into(),
        })
        .send()
        .await
        .expect("enroll");
    assert_eq!(answer.status(), 200, "enrollment of {store}/{till}");
    let enrolled: EnrollAnswer = answer.json().await.expect("an enrollment answer");
    assert_eq!(
        (enrolled.store.as_str(), enrolled.till.as_str()),
        (store, till)
    );
    TestTill {
        till: TillRef::new(store, till),
        key,
        base: server.base_url(),
        http: http(),
    }
}

impl TestTill {
    /// Sends a request signed by this till.
    pub async fn send(&self, method: &str, path: &str, body: &[u8]) -> Answer {
        let headers = self.key.sign(&self.till, method, path, body);
        self.send_with(
            method,
            path,
            body,
            headers.pairs().iter().map(|(k, v)| (*k, v.to_string())),
        )
        .await
    }

    /// Sends a request with the given headers, whatever they are.
    pub async fn send_with(
        &self,
        method: &str,
        path: &str,
        body: &[u8],
        headers: impl IntoIterator<Item = (&'static str, String)>,
    ) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .body(body.to_vec());
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let response = request.send().await.expect("Central answers");
        Answer {
            status: response.status().as_u16(),
            body: response.text().await.unwrap_or_default(),
        }
    }

    /// The path of one of this till's resources.
    pub fn path(&self, rest: &str) -> String {
        providers::central::wire::till_path(&self.till.store, &self.till.till, rest)
    }
}

/// The rows of a two-column query, as pairs.
pub async fn pairs<A, B>(client: &tokio_postgres::Client, sql: &str) -> Vec<(A, B)>
where
    A: for<'a> tokio_postgres::types::FromSql<'a>,
    B: for<'a> tokio_postgres::types::FromSql<'a>,
{
    client
        .query(sql, &[])
        .await
        .unwrap_or_else(|error| panic!("{sql}: {error}"))
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect()
}
