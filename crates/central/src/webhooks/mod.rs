//! The providers' webhooks: `/webhooks/acuotaz/{store}`, `/webhooks/apagos/{store}` and
//! `/webhooks/aplazame/{store}`. Each checks what its provider offers (aCuotaz's bearer; for aPagos and
//! Aplazame, whose notifications carry no documented authentication, a re-read of the provider's own
//! endpoint with the store's credentials), and every notification, whatever Central made of it, is
//! stored raw ([`record`]) so that what a provider said can always be shown. A verified notification is
//! routed to the till whose id the reference starts with and relayed to it (`crate::relay`); the same
//! (store, provider, reference, event) again is answered as before and not relayed twice.
//!
//! Status codes follow what the provider does with them: 2xx stops its retries, anything else makes it
//! try again. So a notification Central understood but cannot route (a till not enrolled, an id that is
//! not Caja's) is answered 200 and kept visible, while one Central could not verify for a passing reason
//! (the provider's read endpoint down) is answered 503 so that the provider's retry may succeed. An
//! Aplazame IPN asking the store's confirmation is answered from the till's decision ([`confirmation`]),
//! or 503 while there is none yet, so that Aplazame asks again.

pub mod acuotaz;
pub mod apagos;
pub mod aplazame;
pub mod confirmation;
pub mod forward;
pub mod record;

use std::net::SocketAddr;

use axum::Router;
use axum::body::{Bytes, to_bytes};
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};

use crate::config::StoreConfig;
use crate::error::Failure;
use crate::state::AppState;
use record::{Finding, Verdict};

/// The largest notification Central keeps; a bigger one is refused with 413 (the documented bodies
/// are a few hundred bytes).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The headers kept with a notification. Credentials are not among them: see [`CREDENTIAL_HEADERS`].
const KEPT_HEADERS: [&str; 8] = [
    "content-type",
    "content-length",
    "user-agent",
    "x-forwarded-for",
    "x-real-ip",
    "forwarded",
    "x-request-id",
    "accept",
];

/// Headers whose presence is kept but never their value.
const CREDENTIAL_HEADERS: [&str; 2] = ["authorization", "apurata-auth"];

/// The webhook routes, merged into Central's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/webhooks/acuotaz/{store}",
            get(acuotaz::notify).post(acuotaz::notify),
        )
        .route("/webhooks/apagos/{store}", post(apagos::callback))
        .route("/webhooks/aplazame/{store}", post(aplazame::ipn))
}

/// Who sent a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Acuotaz,
    Apagos,
    Aplazame,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Acuotaz => "acuotaz",
            Provider::Apagos => "apagos",
            Provider::Aplazame => "aplazame",
        }
    }
}

/// A notification as it arrived, for one of this Central's stores.
pub struct Incoming {
    pub provider: Provider,
    pub store: StoreConfig,
    pub method: String,
    pub query: String,
    pub headers: HeaderMap,
    pub peer: Option<String>,
    pub body: Bytes,
}

impl Incoming {
    /// Reads a notification for `store`: an unknown store is 404 (and not kept: nobody's data), more
    /// than `webhooks_per_minute` for the store and provider is 429 (not kept: a flood must not fill the
    /// disk; providers retry), a body over [`MAX_BODY_BYTES`] is kept as refused and answered 413.
    pub async fn read(
        state: &AppState,
        provider: Provider,
        store: &str,
        request: Request,
    ) -> Result<Incoming, Failure> {
        let Some(config) = state.config.store(store) else {
            return Err(Failure::not_found(format!(
                "store `{store}` is not one of this Central's stores"
            )));
        };
        if state
            .webhook_limit
            .check_key(&(store.to_owned(), provider.as_str()))
            .is_err()
        {
            tracing::warn!(
                store,
                provider = provider.as_str(),
                "webhook flood: answered 429"
            );
            return Err(Failure::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_notifications",
                format!(
                    "more than {} notifications a minute for this store: send it again later",
                    state.config.webhooks_per_minute
                ),
            ));
        }
        let (parts, body) = request.into_parts();
        let mut incoming = Incoming {
            provider,
            store: config.clone(),
            method: parts.method.as_str().to_owned(),
            query: parts.uri.query().unwrap_or_default().to_owned(),
            peer: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip().to_string()),
            headers: parts.headers,
            body: Bytes::new(),
        };
        let announced = incoming
            .header("content-length")
            .and_then(|length| length.parse::<usize>().ok());
        let body = match announced {
            Some(length) if length > MAX_BODY_BYTES => None,
            _ => to_bytes(body, MAX_BODY_BYTES).await.ok(),
        };
        match body {
            Some(body) => {
                incoming.body = body;
                Ok(incoming)
            }
            None => {
                let reason = format!("the body is over {MAX_BODY_BYTES} bytes (not kept)");
                let failure = Failure::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "body_too_large",
                    format!("a notification is at most {MAX_BODY_BYTES} bytes"),
                );
                Err(incoming.refuse(state, failure, reason).await)
            }
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The kept headers as a JSON object; credentials appear as `(present, not stored)`.
    pub fn kept_headers(&self) -> serde_json::Value {
        let mut kept = serde_json::Map::new();
        for name in KEPT_HEADERS {
            if let Some(value) = self.headers.get(name) {
                let text = String::from_utf8_lossy(value.as_bytes());
                kept.insert(
                    name.to_owned(),
                    text.chars().take(512).collect::<String>().into(),
                );
            }
        }
        for name in CREDENTIAL_HEADERS {
            if self.headers.contains_key(name) {
                kept.insert(name.to_owned(), "(present, not stored)".into());
            }
        }
        kept.into()
    }

    /// A field of the notification, from the query string, else a JSON object body, else a form body
    /// (Apurata's public plugin reads aCuotaz's `order_id` and `event` from the query; other senders
    /// post them). A JSON number is taken as its text.
    pub fn field(&self, name: &str) -> Option<String> {
        let from_query = url::form_urlencoded::parse(self.query.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned());
        let from_json = || {
            let value: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
            match value.get(name)? {
                serde_json::Value::String(text) => Some(text.clone()),
                serde_json::Value::Number(number) => Some(number.to_string()),
                _ => None,
            }
        };
        let from_form = || {
            url::form_urlencoded::parse(&self.body)
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.into_owned())
        };
        from_query
            .or_else(from_json)
            .or_else(from_form)
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    }

    /// Keeps the notification as refused with `reason` and gives back the failure to answer.
    pub async fn refuse(&self, state: &AppState, failure: Failure, reason: String) -> Failure {
        let finding = Finding {
            reason,
            ..Finding::default()
        };
        self.refuse_with(state, failure, finding).await
    }

    /// The same, with what is known of the notification.
    pub async fn refuse_with(
        &self,
        state: &AppState,
        failure: Failure,
        finding: Finding,
    ) -> Failure {
        match record::keep(state, self, Verdict::Refused, &finding).await {
            Ok(_) => failure,
            Err(storage) => storage,
        }
    }
}

/// The answer of a notification Central took (accepted, duplicate, unroutable or unverified for good):
/// 200, which stops the provider's retries.
pub fn taken(verdict: Verdict) -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "verdict": verdict.as_str() }))
}

/// The answer when the provider's read endpoint cannot confirm a notification just now: 503, so that
/// the provider sends it again.
pub fn not_confirmed_yet(provider: &str) -> Failure {
    Failure::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
        format!(
            "Central could not confirm this notification with {provider} just now; send it again"
        ),
    )
}

/// An identifier or event as sent: printable ASCII without spaces, at most `max` characters.
pub fn is_token(text: &str, max: usize) -> bool {
    (1..=max).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_graphic())
}

/// Bounds on a re-read of aPagos or Aplazame: short enough to answer the provider before it gives up
/// on the notification.
pub fn reread_settings() -> providers::HttpSettings {
    providers::HttpSettings {
        connect_timeout: std::time::Duration::from_secs(5),
        total_timeout: std::time::Duration::from_secs(10),
        max_body_bytes: 256 * 1024,
    }
}
