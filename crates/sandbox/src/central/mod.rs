//! A stand-in for Caja Central's till API, written from the wire contract
//! (`providers::central::{wire, signing}`), for the till's tests and demos: it is not Central (no
//! PostgreSQL, no web page, no provider webhooks). It enrolls tills with one-time codes, checks every
//! signed request with `signing::verify` over exactly what arrived, keeps each till's audit entries by
//! seq and answers a push with the high water, holes, rewritten and broken seqs as the contract defines
//! them, takes Z snapshots, queues relay events for the long poll, and records every request. A test
//! can script the next answers (an HTML page, an `ApiError`) and cap the acknowledged high water.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use providers::central::signing::{self, RequestParts, TillRef};
use providers::central::wire::{
    API_PREFIX, ApiError, AuditEntry, EnrollAnswer, EnrollRequest, RelayBatch, RelayEvent,
};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

mod chain;
use chain::{push, put_z, status};

/// One request as it arrived, and whether its signature held.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path_and_query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// `Some(true)` when a signed request verified against the till's enrolled key.
    pub signature_ok: Option<bool>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// An answer a test puts in front of the contract's own.
#[derive(Debug, Clone)]
pub struct Scripted {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
}

#[derive(Default)]
pub(crate) struct TillRecord {
    pub(crate) public_key: Option<[u8; 32]>,
    pub(crate) entries: BTreeMap<i64, AuditEntry>,
    pub(crate) rewritten: Vec<i64>,
    pub(crate) zs: BTreeMap<(String, i64), String>,
    pub(crate) last_push_at: Option<String>,
}

#[derive(Default)]
pub(crate) struct State {
    pub(crate) codes: HashMap<String, TillRef>,
    pub(crate) tills: HashMap<TillRef, TillRecord>,
    pub(crate) events: Vec<RelayEvent>,
    pub(crate) received: Vec<Received>,
    pub(crate) scripted: VecDeque<Scripted>,
    /// Acknowledge at most this high water (a Central that has not stored everything yet).
    pub(crate) cap: Option<i64>,
}

/// The running stand-in; dropped, it stops serving.
pub struct CentralStandIn {
    url: String,
    state: Arc<Mutex<State>>,
    _stop: oneshot::Sender<()>,
}

impl CentralStandIn {
    /// Serves on `127.0.0.1` at a free port.
    pub async fn start() -> std::io::Result<CentralStandIn> {
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await?;
        let url = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let app = Router::new().fallback(move |method, uri, headers, body| {
            let state = shared.clone();
            async move { answer(state, method, uri, headers, body).await }
        });
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(CentralStandIn {
            url,
            state,
            _stop: stop,
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// A one-time enrollment code for `store/till`.
    pub fn add_code(&self, code: &str, store: &str, till: &str) {
        self.state()
            .codes
            .insert(code.to_owned(), TillRef::new(store, till));
    }

    /// A provider notification for the till that owns `reference`; returns its id.
    pub fn add_event(&self, provider: &str, reference: &str, event: &str) -> i64 {
        let mut state = self.state();
        let id = state.events.len() as i64 + 1;
        state.events.push(RelayEvent {
            id,
            provider: provider.to_owned(),
            reference: reference.to_owned(),
            event: event.to_owned(),
            received_at: jiff::Timestamp::now().to_string(),
            payload: serde_json::json!({ "order_id": reference, "event": event }),
        });
        id
    }

    /// The next answer, whatever the request.
    pub fn script(&self, status: u16, content_type: &'static str, body: &str) {
        self.state().scripted.push_back(Scripted {
            status,
            content_type,
            body: body.to_owned(),
        });
    }

    /// Acknowledge at most `high_water` from now on (`None`: all that is held).
    pub fn cap_high_water(&self, high_water: Option<i64>) {
        self.state().cap = high_water;
    }

    pub fn received(&self) -> Vec<Received> {
        self.state().received.clone()
    }

    /// The seqs held for `store/till`, in order.
    pub fn held(&self, store: &str, till: &str) -> Vec<i64> {
        let state = self.state();
        let till = TillRef::new(store, till);
        state
            .tills
            .get(&till)
            .map(|record| record.entries.keys().copied().collect())
            .unwrap_or_default()
    }

    /// The Z snapshots held for `store/till`, as `(mode, number)`.
    pub fn zs(&self, store: &str, till: &str) -> Vec<(String, i64)> {
        let state = self.state();
        state
            .tills
            .get(&TillRef::new(store, till))
            .map(|record| record.zs.keys().cloned().collect())
            .unwrap_or_default()
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) fn error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = ApiError {
        code: code.to_owned(),
        message: message.to_owned(),
    };
    (status, axum::Json(body)).into_response()
}

async fn answer(
    state: Arc<Mutex<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match respond(&state, method, &uri, &headers, &body) {
        Ok(response) => response,
        Err((after, wait)) => events(&state, after, wait).await,
    }
}

/// The answer to one request, or the long poll to wait on (`Err`: after, wait), which must not hold the
/// state's lock while it waits.
fn respond(
    state: &Mutex<State>,
    method: Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, (i64, u64)> {
    let path_and_query = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let mut received = Received {
        method: method.to_string(),
        path_and_query: path_and_query.clone(),
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
            .collect(),
        body: body.to_vec(),
        signature_ok: None,
    };
    let mut guard = lock(state);
    let scripted = guard.scripted.pop_front();
    let path = uri.path().strip_prefix(API_PREFIX).unwrap_or("").to_owned();
    if path == "/enroll" && method == Method::POST {
        let response = scripted.map_or_else(|| enroll(&mut guard, body), script_response);
        guard.received.push(received);
        return Ok(response);
    }
    let parts: Vec<&str> = path.trim_start_matches('/').splitn(5, '/').collect();
    let (store, till, rest) = match parts.as_slice() {
        ["stores", store, "tills", till, rest] => (*store, *till, *rest),
        _ => return Ok(error(StatusCode::NOT_FOUND, "not_found", "no such path")),
    };
    let verdict = check_signature(&guard, &received, &path_and_query);
    received.signature_ok = Some(verdict.is_ok());
    guard.received.push(received);
    if let Some(scripted) = scripted {
        return Ok(script_response(scripted));
    }
    let signer = match verdict {
        Ok(signer) => signer,
        Err(code) => return Ok(error(StatusCode::UNAUTHORIZED, code, "refused")),
    };
    if signer != TillRef::new(store, till) {
        let message = "signed for another till";
        return Ok(error(StatusCode::FORBIDDEN, "wrong_till", message));
    }
    Ok(match (method, rest) {
        (Method::POST, "audit") => push(&mut guard, &signer, body),
        (Method::GET, "status") => status(&guard, &signer),
        (Method::PUT, z) if z.starts_with("z/") => put_z(&mut guard, &signer, z, body),
        (Method::GET, "events") => return Err(events_query(uri.query().unwrap_or(""))),
        _ => error(StatusCode::NOT_FOUND, "not_found", "no such resource"),
    })
}

fn script_response(scripted: Scripted) -> Response {
    let status = StatusCode::from_u16(scripted.status).unwrap_or(StatusCode::OK);
    (
        status,
        [(header::CONTENT_TYPE, scripted.content_type)],
        scripted.body,
    )
        .into_response()
}

fn enroll(state: &mut State, body: &[u8]) -> Response {
    let Ok(request) = serde_json::from_slice::<EnrollRequest>(body) else {
        return error(StatusCode::BAD_REQUEST, "bad_request", "not an enrollment");
    };
    let Some(meant) = state.codes.get(&request.code).cloned() else {
        return error(
            StatusCode::UNAUTHORIZED,
            "enrollment_code_invalid",
            "no such code",
        );
    };
    let asked = TillRef::new(&request.store, &request.till);
    if meant != asked {
        let message = "the code is for another till";
        return error(StatusCode::CONFLICT, "enrollment_code_other_till", message);
    }
    let Ok(key) = signing::parse_public_key(&request.public_key) else {
        return error(StatusCode::BAD_REQUEST, "bad_request", "bad public key");
    };
    state.codes.remove(&request.code);
    state.tills.entry(asked).or_default().public_key = Some(key);
    let answer = EnrollAnswer {
        store: request.store,
        till: request.till,
        store_name: "Tienda de prueba".to_owned(),
    };
    axum::Json(answer).into_response()
}

/// The till that signed the request, when its signature verifies against that till's enrolled key;
/// else the contract's code for why not.
fn check_signature(
    state: &State,
    request: &Received,
    path_and_query: &str,
) -> Result<TillRef, &'static str> {
    let unauthenticated = || "unauthenticated";
    let till = request
        .header(signing::TILL_HEADER)
        .and_then(TillRef::parse)
        .ok_or_else(unauthenticated)?;
    let timestamp = request
        .header(signing::TIMESTAMP_HEADER)
        .and_then(|text| text.parse::<i64>().ok())
        .ok_or_else(unauthenticated)?;
    let nonce = request
        .header(signing::NONCE_HEADER)
        .ok_or_else(unauthenticated)?;
    let authorization = request
        .header("authorization")
        .ok_or_else(unauthenticated)?;
    let Some(key) = state.tills.get(&till).and_then(|record| record.public_key) else {
        return Err("unknown_till");
    };
    let parts = RequestParts {
        till: &till,
        method: &request.method,
        path_and_query,
        body: &request.body,
        timestamp,
        nonce,
    };
    signing::verify(&key, authorization, parts)
        .map(|()| till.clone())
        .map_err(|_| "bad_signature")
}

fn events_query(query: &str) -> (i64, u64) {
    let mut after = 0;
    let mut wait = 0;
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("after", value)) => after = value.parse().unwrap_or(0),
            Some(("wait", value)) => wait = value.parse().unwrap_or(0),
            _ => {}
        }
    }
    (after, wait.min(30))
}

async fn events(state: &Mutex<State>, after: i64, wait: u64) -> Response {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(wait);
    loop {
        let events: Vec<RelayEvent> = lock(state)
            .events
            .iter()
            .filter(|event| event.id > after)
            .cloned()
            .collect();
        if !events.is_empty() || tokio::time::Instant::now() >= deadline {
            let next = events.last().map_or(after, |event| event.id);
            return axum::Json(RelayBatch { events, next }).into_response();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
