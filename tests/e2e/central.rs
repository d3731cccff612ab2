//! Caja Central from Ajustes, against a real Caja Central on a PostgreSQL of its own: a wrong one-time
//! code is refused in Spanish on the code's input, the right one enrolls the till (the section then
//! names the store as Central knows it), and "Enviar ahora" leaves Central holding every entry of the
//! till's audit record.

use central::pg_cluster::Cluster;
use central::{Config, Server, StoreConfig};

use crate::support::{self, App};
use crate::turno::open_shift;

/// Central with the store the till's default codes name (T01, till C1), on a loopback port.
async fn start_central(cluster: &Cluster) -> Server {
    let stores = vec![StoreConfig::new("T01", "Tienda Miraflores")];
    let config = Config::for_database(&cluster.url("postgres"), stores);
    Server::on_loopback(config).await.expect("Central starts")
}

/// How many entries of the till's audit record there are, and the last seq, in the till's own SQLite.
fn till_audit(app: &App) -> (i64, i64) {
    let database = app.data_dir.path().join("caja.sqlite3");
    let connection = rusqlite::Connection::open(&database).expect("the till's database");
    connection
        .query_row("SELECT count(*), max(seq) FROM audit_log", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .expect("the till's audit record")
}

/// The same, as Central holds it for store T01, till C1.
async fn central_audit(server: &Server) -> (i64, Option<i64>) {
    let client = server.state.pool.get().await.expect("Central's database");
    let row = client
        .query_one(
            "SELECT count(*), max(seq) FROM audit_entry WHERE store_code = 'T01' AND till_code = 'C1'",
            &[],
        )
        .await
        .expect("Central's audit entries");
    (row.get(0), row.get(1))
}

/// Fills the enrollment form and sends it.
pub(crate) async fn enroll_with(app: &App, url: &str, code: &str) {
    app.type_into("central-url-input", url).await;
    let allow_http = app.wait_for("central-allow-http").await;
    if allow_http.prop("checked").await.ok().flatten().as_deref() != Some("true") {
        allow_http.click().await.expect("tick «permitir http»");
    }
    app.type_into("central-code-input", code).await;
    app.click("central-enroll").await;
}

/// Brings the section into the window, for a person to look at it.
async fn show_section(app: &App) {
    app.client
        .execute(
            "document.querySelector('[data-testid=\"central-section\"]').scrollIntoView({block: 'center'});",
            vec![],
        )
        .await
        .expect("scroll to the section");
}

pub(crate) async fn a_supervisor_enrolls_the_till_in_ajustes_and_sends_its_record_to_central() {
    let cluster = Cluster::temporary().expect("a PostgreSQL cluster of our own");
    let server = start_central(&cluster).await;
    let code = central::auth::enroll::issue_code(&server.state.pool, "T01", "C1", "test")
        .await
        .expect("a one-time code");
    let app = support::launch().await;
    app.click("nav-ajustes").await;
    app.wait_for_attr("central-status", "data-enrolled", "false")
        .await;
    assert!(
        app.text("central-status")
            .await
            .contains("no está enrolada"),
        "the status line says it in Spanish"
    );

    // A code Central never issued: refused, said in Spanish, on the code's input.
    enroll_with(&app, &server.base_url(), "ZZZZZ-ZZZZZ").await;
    app.wait_for_attr("error-message", "data-field", "code")
        .await;
    let refused = app.text("error-message").await;
    assert!(
        refused.contains("código de enrolamiento") && refused.contains("Caja Central"),
        "{refused}"
    );
    assert!(!refused.contains("enrollment"), "no English: {refused}");
    app.wait_for_attr("central-code-input", "aria-invalid", "true")
        .await;
    app.wait_for_focus("central-code-input").await;

    enroll_with(&app, &server.base_url(), &code).await;
    app.wait_for_attr("central-status", "data-enrolled", "true")
        .await;
    app.wait_for("central-enrolled").await;
    let store = app.text("central-store").await;
    assert!(
        store.contains("Tienda Miraflores") && store.contains("T01"),
        "{store}"
    );
    assert_eq!(app.text("central-till").await, "C1");
    assert!(app.text("central-status").await.contains("T01/C1"));
    assert!(
        app.text("central-url")
            .await
            .starts_with("http://127.0.0.1:")
    );

    // The relay's long poll is open now (25 s): saving Ajustes reopens the till without waiting for it.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    app.type_into("settings-store-name", "Tienda Miraflores")
        .await;
    let saving = std::time::Instant::now();
    app.click("settings-save").await;
    app.wait_for("settings-saved").await;
    assert!(
        saving.elapsed() < std::time::Duration::from_secs(5),
        "saving waited {:?} for Central",
        saving.elapsed()
    );
    app.wait_for_text("settings-info", "Tienda Miraflores")
        .await;

    // More of the till's record (a shift opened), then sent at once.
    open_shift(&app).await;
    app.click("nav-ajustes").await;
    app.click("central-push").await;
    let pushed = app
        .wait_for_text("central-pushed", "Enviadas a Caja Central")
        .await;
    assert!(pushed.contains("Pendientes: 0"), "{pushed}");
    assert_eq!(app.text("central-pending").await, "0");
    let (entries, last) = till_audit(&app);
    assert!(entries > 0, "the till has a record to send");
    assert_eq!(
        central_audit(&server).await,
        (entries, Some(last)),
        "Central holds every entry of the till's audit record"
    );
    assert!(
        !app.text("central-last-push").await.contains("Nunca"),
        "the last push is shown"
    );

    show_section(&app).await;
    app.screenshot("ajustes-central").await;
    app.quit().await;
    drop(server);
    drop(cluster);
}
