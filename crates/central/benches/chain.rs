//! The chain at scale: `cargo bench -p central --bench chain`. 200 tills (BENCH_TILLS) push 1,000,000
//! audit entries (BENCH_ROWS) through the real till API (signed HTTP over loopback, batches of
//! BENCH_BATCH, BENCH_CONCURRENCY tills at a time) into a PostgreSQL of its own; the entries spread over
//! 25 days as a year's tills would. Then the chain's day page is asked for today, as a chain admin, and
//! timed. Prints the figures and the plan of the page's main query; exits 1 below the goals
//! (20,000 rows/s ingest, the day page under 300 ms). Under `cargo test --all-targets` (no `--bench`
//! argument) it only says how to run it.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use central::pg_cluster::Cluster;
use central::synthetic::{Payment, SyntheticTill};
use central::{Config, Server, StoreConfig};
use jiff::{SignedDuration, Timestamp};
use providers::central::signing::{TillRef, TillSigningKey};
use providers::central::wire::{AuditBatch, EnrollRequest, till_path};
use tokio::sync::Semaphore;
use tokio_postgres::NoTls;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn main() -> ExitCode {
    if !std::env::args().any(|arg| arg == "--bench") {
        println!("chain bench: skipped outside `cargo bench -p central --bench chain`");
        return ExitCode::SUCCESS;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    match runtime.block_on(run()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("chain bench: {error:#}");
            ExitCode::from(2)
        }
    }
}

struct Till {
    till: TillRef,
    key: TillSigningKey,
    bodies: Vec<Vec<u8>>,
}

async fn run() -> anyhow::Result<bool> {
    let tills = setting("BENCH_TILLS", 200);
    let rows = setting("BENCH_ROWS", 1_000_000);
    let batch = setting("BENCH_BATCH", 500);
    let concurrency = setting("BENCH_CONCURRENCY", 8);
    let per_till = rows / tills;

    let cluster = Cluster::temporary()?;
    let (admin, connection) = tokio_postgres::connect(&cluster.url("postgres"), NoTls).await?;
    tokio::spawn(connection);
    admin.batch_execute("CREATE DATABASE bench").await?;
    let stores: Vec<StoreConfig> = (1..=20)
        .map(|n| StoreConfig::new(&format!("T{n:02}"), &format!("Tienda {n}")))
        .collect();
    let config = Config::for_database(&cluster.url("bench"), stores);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let server = Server::start(config, listener).await?;
    let base = server.base_url();
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()?;

    println!(
        "chain bench: {tills} tills × {per_till} entries, batches of {batch}, {concurrency} at a time"
    );
    let prepared = Instant::now();
    let mut prepared_tills = Vec::new();
    let start = Timestamp::now() - SignedDuration::from_hours(24 * 25);
    for n in 0..tills {
        let store = format!("T{:02}", n % 20 + 1);
        let till_code = format!("C{}", n / 20 + 1);
        let code =
            central::auth::enroll::issue_code(&server.state.pool, &store, &till_code, "bench")
                .await
                .map_err(|failure| anyhow::anyhow!(failure.message))?;
        let key = TillSigningKey::generate();
        let enrolled = http
            .post(format!("{base}/api/v1/enroll"))
            .json(&EnrollRequest {
                code,
                store: store.clone(),
                till: till_code.clone(),
                public_key: key.public_key(),
                label: "bench".into(),
            })
            .send()
            .await?;
        anyhow::ensure!(enrolled.status() == 200, "enrollment failed");
        let mut synthetic = SyntheticTill::new(&store, &till_code, "live");
        let step = SignedDuration::from_secs(24 * 25 * 3600 / (per_till as i64 / 2).max(1));
        let mut entries = Vec::with_capacity(per_till);
        let mut at = start;
        while entries.len() < per_till {
            entries.extend(synthetic.payment(
                at,
                Payment {
                    collect_centimos: 9_990 + (entries.len() as i64 % 13) * 1_000,
                    state: "confirmed",
                    tender: ["cash", "card", "yape_plin"][entries.len() % 3],
                    operator: "Luis",
                },
            ));
            at += step;
        }
        entries.truncate(per_till);
        let bodies = entries
            .chunks(batch)
            .map(|chunk| {
                serde_json::to_vec(&AuditBatch {
                    entries: chunk.to_vec(),
                })
                .expect("JSON")
            })
            .collect();
        prepared_tills.push(Till {
            till: TillRef::new(store, till_code),
            key,
            bodies,
        });
    }
    println!(
        "  prepared {} tills in {:.1} s (enrollment over HTTP, entries hashed)",
        prepared_tills.len(),
        prepared.elapsed().as_secs_f64()
    );

    let gate = Arc::new(Semaphore::new(concurrency));
    let began = Instant::now();
    let mut tasks = Vec::new();
    for till in prepared_tills {
        let gate = gate.clone();
        let http = http.clone();
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await.expect("open");
            let path = till_path(&till.till.store, &till.till.till, "audit");
            for body in &till.bodies {
                let headers = till.key.sign(&till.till, "POST", &path, body);
                let mut request = http.post(format!("{base}{path}")).body(body.clone());
                for (name, value) in headers.pairs() {
                    request = request.header(name, value);
                }
                let answer = request.send().await?;
                anyhow::ensure!(
                    answer.status() == 200,
                    "push refused: {}",
                    answer.text().await?
                );
            }
            Ok(())
        }));
    }
    for task in tasks {
        task.await??;
    }
    let elapsed = began.elapsed().as_secs_f64();
    let client = server.state.pool.get().await?;
    let stored: i64 = client
        .query_one("SELECT count(*) FROM audit_entry", &[])
        .await?
        .get(0);
    let findings: i64 = client
        .query_one("SELECT count(*) FROM finding", &[])
        .await?
        .get(0);
    let rate = stored as f64 / elapsed;
    println!(
        "  ingest: {stored} entries in {elapsed:.1} s = {rate:.0} rows/s (goal ≥ 20,000); findings: {findings}"
    );

    let page = day_page(&server, &http, &client).await?;
    drop(client);
    drop(server);
    drop(cluster);
    Ok(rate >= 20_000.0 && stored as usize == per_till * tills && findings == 0 && page)
}

/// Signs in as a chain admin through the login form, asks for today's page 20 times, prints the times
/// and the plan of the page's main aggregate. True when the median is under 300 ms.
async fn day_page(
    server: &Server,
    http: &reqwest::Client,
    client: &deadpool_postgres::Client,
) -> anyhow::Result<bool> {
    let base = server.base_url();
    central::users::add_user(
        &server.state.pool,
        "bench@caja.pe",
        "Bench",
        central::users::Role::ChainAdmin,
        &[],
        "bench-password-2026",
    )
    .await?;
    let form = http.get(format!("{base}/ingresar")).send().await?;
    let login_cookie = cookie_pair(&form, "caja_ingreso").unwrap_or_default();
    let html = form.text().await?;
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned();
    // The session cookie comes on the redirect after the form: read it there, do not follow.
    let no_redirect = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let signed_in = no_redirect
        .post(format!("{base}/ingresar"))
        .header("cookie", login_cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "email=bench%40caja.pe&password=bench-password-2026&csrf={}",
            url::form_urlencoded::byte_serialize(csrf.as_bytes()).collect::<String>()
        ))
        .send()
        .await?;
    let session = cookie_pair(&signed_in, "caja_sesion")
        .ok_or_else(|| anyhow::anyhow!("the bench could not sign in"))?;
    let today = Timestamp::now().in_tz("America/Lima")?.date().to_string();
    let mut times = Vec::new();
    for _ in 0..20 {
        let began = Instant::now();
        let page = http
            .get(format!("{base}/dia?fecha={today}"))
            .header("cookie", &session)
            .send()
            .await?;
        anyhow::ensure!(
            page.status() == 200,
            "the day page answered {}",
            page.status()
        );
        let body = page.text().await?;
        times.push(began.elapsed().as_secs_f64() * 1000.0);
        anyhow::ensure!(body.contains("T20"), "the page lists the chain's stores");
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    let today_rows: i64 = client
        .query_one(
            "SELECT count(*) FROM operation WHERE day = $1::text::date",
            &[&today],
        )
        .await?
        .get(0);
    println!(
        "  day page ({today}, {today_rows} operations that day, 1 of 25 days held): median {median:.0} ms, max {:.0} ms (goal < 300 ms)",
        times[times.len() - 1]
    );
    let plan = client
        .query(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT store_code, till_code, kind, state, count(*),
                    COALESCE(sum(collect_centimos), 0)::int8
             FROM operation WHERE day = $1::text::date AND mode = 'live'
             GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
            &[&today],
        )
        .await?;
    println!("  plan of the page's main aggregate:");
    for row in plan {
        println!("    {}", row.get::<_, String>(0));
    }
    Ok(median < 300.0)
}

fn cookie_pair(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .find(|pair| pair.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}
