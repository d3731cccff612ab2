//! What the webhook tests share: aPagos and Aplazame as scripted peers written from their documents
//! (each knows some vouchers or checkouts, checks the store's credentials, and aPagos can be down),
//! Central started against them, and the requests and reads the tests make.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use central::Server;
use providers::central::wire::RelayBatch;
use serde_json::{Value, json};

use crate::support::{Answer, TestTill, http, start_with};

pub const VOUCHER: &str = "5fd166272826d9992620d028";

/// aPagos and Aplazame as their documents describe them, with what each knows and whether it is up.
#[derive(Clone, Default)]
pub struct Peers {
    pub apagos_down: Arc<AtomicBool>,
    pub vouchers: Arc<Mutex<HashMap<String, Value>>>,
    pub checkouts: Arc<Mutex<HashMap<String, Value>>>,
}

pub async fn apagos_info(
    State(peers): State<Peers>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> (StatusCode, String) {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer apagos-token-T01")
    {
        return (StatusCode::UNAUTHORIZED, String::new());
    }
    if peers.apagos_down.load(Ordering::SeqCst) {
        return (StatusCode::SERVICE_UNAVAILABLE, "maintenance".into());
    }
    match peers.vouchers.lock().unwrap().get(&id) {
        Some(info) => (StatusCode::OK, info.to_string()),
        None => (StatusCode::NOT_FOUND, String::new()),
    }
}

pub async fn aplazame_status(
    State(peers): State<Peers>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, StatusCode> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if header("authorization") != Some("Bearer aplazame-key-T01")
        || header("accept") != Some("application/vnd.aplazame.v3+json")
    {
        return Err(StatusCode::UNAUTHORIZED);
    }
    let found = peers.checkouts.lock().unwrap().get(&id).cloned();
    found.map(Json).ok_or(StatusCode::NOT_FOUND)
}

/// Central with the peers as its aPagos and Aplazame; store T02 holds credentials the peers refuse.
pub async fn start() -> (Server, Peers) {
    let peers = Peers::default();
    let app = Router::new()
        .route("/apagos/unchecked_payment/info/{id}", get(apagos_info))
        .route("/aplazame/checkout/{id}/status", get(aplazame_status))
        .with_state(peers.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let root = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let central = start_with(|config| {
        config.providers.apagos = format!("{root}/apagos/").parse().unwrap();
        config.providers.aplazame = format!("{root}/aplazame/").parse().unwrap();
        config.aplazame_confirm_wait = std::time::Duration::from_millis(100);
        let t02 = config.stores.iter_mut().find(|s| s.code == "T02").unwrap();
        t02.apagos_token = Some(providers::ApiToken::new("apagos-token-wrong"));
        t02.aplazame_key = Some(providers::ApiToken::new("aplazame-key-wrong"));
    })
    .await;
    (central, peers)
}

pub async fn send(
    central: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, Vec<u8>)>,
) -> Answer {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = http().request(method, format!("{}{path}", central.base_url()));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some((content_type, bytes)) = body {
        request = request.header("content-type", content_type).body(bytes);
    }
    let response = request.send().await.expect("Central answers");
    Answer {
        status: response.status().as_u16(),
        body: response.text().await.unwrap(),
    }
}

pub fn bearer() -> [(&'static str, &'static str); 1] {
    [("apurata-auth", "Bearer acuotaz-webhook-T01")]
}

pub async fn acuotaz_get(central: &Server, order_id: &str, event: &str) -> Answer {
    let path = format!("/webhooks/acuotaz/T01?order_id={order_id}&event={event}");
    send(central, "GET", &path, &bearer(), None).await
}

pub async fn post_json(central: &Server, path: &str, body: Value) -> Answer {
    let bytes = body.to_string().into_bytes();
    send(
        central,
        "POST",
        path,
        &[],
        Some(("application/json", bytes)),
    )
    .await
}

/// The webhook rows, oldest first: verdict, reference, event, reason, and the whole row as text.
pub async fn rows(
    central: &Server,
) -> Vec<(String, Option<String>, Option<String>, String, String)> {
    let client = central.state.pool.get().await.unwrap();
    client
        .query(
            "SELECT verdict, reference, event, reason, row_to_json(w)::text FROM webhook w ORDER BY id",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4)))
        .collect()
}

pub async fn verdicts(central: &Server) -> Vec<String> {
    rows(central).await.into_iter().map(|row| row.0).collect()
}

pub async fn relayed(central: &Server) -> Vec<(String, String, String, Value)> {
    let client = central.state.pool.get().await.unwrap();
    client
        .query(
            "SELECT till_code, reference, event, payload::text FROM relay_event ORDER BY id",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|row| {
            let payload: String = row.get(3);
            (
                row.get(0),
                row.get(1),
                row.get(2),
                serde_json::from_str(&payload).unwrap(),
            )
        })
        .collect()
}

pub async fn poll(till: &TestTill, after: i64, wait: u64) -> RelayBatch {
    let path = till.path(&format!("events?after={after}&wait={wait}"));
    let answer = till.send("GET", &path, b"").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

pub fn voucher(order_id: &str, status: &str) -> Value {
    json!({
        "order_id": order_id,
        "status": status,
        "bank_account_id": "BBVA",
        "operation_number": "696",
        "amount": 123.30,
        "bank_operation_number": "00010696",
        "detail": "Some info about the payment",
        "date": "2020-10-30",
        "request_id": VOUCHER
    })
}

pub fn checkout(id: &str, mid: &str, status: &str, reason: &str, total: i64) -> Value {
    json!({
        "id": id,
        "mid": mid,
        "total_amount": total,
        "currency": {"name": "Euro", "code": "EUR", "numeric": "978"},
        "status": status,
        "status_reason": reason,
        "sandbox": false
    })
}
