//! Signing in and out, and who is asking. The session cookie holds 32 random bytes; the database keeps
//! their SHA-256, the e-mail, when it ends (12 hours after sign-in, however active) and the session's
//! CSRF token, which every POST form carries back. The cookie is HttpOnly and SameSite=Strict (Secure
//! when Central is served over https). The sign-in form has no session yet: its CSRF token is a
//! second, short-lived cookie the form must repeat (double submit).
//!
//! A failed sign-in says only "correo o contraseña incorrectos", whether the e-mail exists or not, and
//! takes as long either way. Five failures for one e-mail within 15 minutes stop further tries for it.

use axum::extract::{Form, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::{SignedDuration, Timestamp};
use rand_core::{OsRng, RngCore};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::layout::{escape, page, respond};
use crate::state::AppState;
use crate::users::{Role, verify_password};

const SESSION_COOKIE: &str = "caja_sesion";
const LOGIN_CSRF_COOKIE: &str = "caja_ingreso";
const SESSION_HOURS: i64 = 12;
const MAX_FAILURES: i64 = 5;
const FAILURE_WINDOW_MINUTES: i64 = 15;
const WRONG: &str = "Correo o contraseña incorrectos.";

/// The person behind the request, with the stores they may see (every store for a chain admin).
#[derive(Debug, Clone)]
pub struct Viewer {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Store codes, sorted; every query of the pages is filtered by them.
    pub stores: Vec<String>,
    pub csrf: String,
}

impl Viewer {
    pub fn sees(&self, store: &str) -> bool {
        self.stores.iter().any(|code| code == store)
    }

    pub fn role_label(&self) -> &'static str {
        match self.role {
            Role::ChainAdmin => "administración de la cadena",
            Role::StoreManager => "jefe de tienda",
        }
    }

    /// Whether a form's CSRF token is this session's (compared in constant time).
    pub fn csrf_ok(&self, sent: &str) -> bool {
        bool::from(self.csrf.as_bytes().ct_eq(sent.as_bytes()))
    }
}

impl FromRequestParts<AppState> for Viewer {
    /// Anyone not signed in is sent to the sign-in page.
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let to_login = || Redirect::to("/ingresar").into_response();
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_login());
        };
        let client = state
            .pool
            .get()
            .await
            .map_err(|error| unavailable(&error))?;
        let row = client
            .query_opt(
                "SELECT u.email, u.display_name, u.role, s.csrf_token
                 FROM web_session s JOIN app_user u ON u.email = s.email
                 WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled",
                &[&digest(&token)],
            )
            .await
            .map_err(|error| unavailable(&error))?;
        let Some(row) = row else {
            return Err(to_login());
        };
        let (email, name, role, csrf): (String, String, String, String) =
            (row.get(0), row.get(1), row.get(2), row.get(3));
        let role = Role::parse(&role).ok_or_else(to_login)?;
        let stores = client
            .query(
                "SELECT store_code FROM store
                 WHERE $2 OR store_code IN (SELECT store_code FROM user_store WHERE email = $1)
                 ORDER BY store_code",
                &[&email, &(role == Role::ChainAdmin)],
            )
            .await
            .map_err(|error| unavailable(&error))?
            .iter()
            .map(|row| row.get(0))
            .collect();
        Ok(Viewer {
            email,
            name,
            role,
            stores,
            csrf,
        })
    }
}

/// The page for a database that failed: logged with its cause, shown without it.
pub fn unavailable(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "a page could not read the database");
    super::layout::refusal(
        StatusCode::SERVICE_UNAVAILABLE,
        None,
        "Caja Central no puede leer sus datos en este momento. Vuelva a intentarlo en un momento.",
    )
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn set_cookie(state: &AppState, name: &str, value: &str, max_age_seconds: i64) -> HeaderValue {
    let secure = if state.config.public_url.scheme() == "https" {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_seconds}{secure}"
    ))
    .expect("a cookie of URL-safe characters")
}

/// `GET /ingresar`.
pub async fn login_form(State(state): State<AppState>) -> Response {
    login_page(&state, StatusCode::OK, "", None)
}

fn login_page(state: &AppState, status: StatusCode, email: &str, error: Option<&str>) -> Response {
    let csrf = random_token();
    let error = error
        .map(|text| format!(r#"<p class="error" role="alert">{}</p>"#, escape(text)))
        .unwrap_or_default();
    let body = format!(
        r#"<div class="login"><h1>Ingresar</h1>{error}
<form method="post" action="/ingresar">
<input type="hidden" name="csrf" value="{csrf}">
<label>Correo<input type="email" name="email" value="{email}" autocomplete="username" required autofocus></label>
<label>Contraseña<input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Ingresar</button>
</form></div>"#,
        email = escape(email),
    );
    let mut response = respond(status, page("Ingresar", None, &body));
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(state, LOGIN_CSRF_COOKIE, &csrf, 30 * 60),
    );
    response
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    csrf: String,
}

/// `POST /ingresar`.
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !bool::from(expected.as_bytes().ct_eq(form.csrf.as_bytes())) {
        return login_page(
            &state,
            StatusCode::FORBIDDEN,
            &form.email,
            Some("El formulario venció. Vuelva a escribir su contraseña."),
        );
    }
    let email = form.email.trim().to_lowercase();
    match sign_in(&state, &email, &form.password).await {
        Ok(Some(token)) => {
            let mut response = Redirect::to("/dia").into_response();
            let cookies = response.headers_mut();
            cookies.append(
                header::SET_COOKIE,
                set_cookie(&state, SESSION_COOKIE, &token, SESSION_HOURS * 3600),
            );
            cookies.append(
                header::SET_COOKIE,
                set_cookie(&state, LOGIN_CSRF_COOKIE, "", 0),
            );
            response
        }
        Ok(None) => login_page(&state, StatusCode::UNAUTHORIZED, &email, Some(WRONG)),
        Err(SignInError::Throttled) => login_page(
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            &email,
            Some(
                "Demasiados intentos fallidos con este correo. Espere 15 minutos y vuelva a intentarlo.",
            ),
        ),
        Err(SignInError::Db(error)) => unavailable(&error),
    }
}

enum SignInError {
    Throttled,
    Db(String),
}

impl From<tokio_postgres::Error> for SignInError {
    fn from(error: tokio_postgres::Error) -> Self {
        SignInError::Db(error.to_string())
    }
}

impl From<deadpool_postgres::PoolError> for SignInError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        SignInError::Db(error.to_string())
    }
}

/// A new session's token when the password is right, `None` when not.
async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
) -> Result<Option<String>, SignInError> {
    let client = state.pool.get().await?;
    let window_start =
        (Timestamp::now() - SignedDuration::from_mins(FAILURE_WINDOW_MINUTES)).to_string();
    let failures: i64 = client
        .query_one(
            "SELECT count(*) FROM login_failure WHERE email = $1 AND failed_at > $2::text::timestamptz",
            &[&email, &window_start],
        )
        .await?
        .get(0);
    if failures >= MAX_FAILURES {
        return Err(SignInError::Throttled);
    }
    let hash: Option<String> = client
        .query_opt(
            "SELECT password_hash FROM app_user WHERE email = $1 AND NOT disabled",
            &[&email],
        )
        .await?
        .map(|row| row.get(0));
    let password = password.to_owned();
    let right = tokio::task::spawn_blocking(move || verify_password(&password, hash.as_deref()))
        .await
        .unwrap_or(false);
    if !right {
        client
            .execute("INSERT INTO login_failure (email) VALUES ($1)", &[&email])
            .await?;
        tracing::info!(%email, "a sign-in failed");
        return Ok(None);
    }
    let token = random_token();
    let expires_at = (Timestamp::now() + SignedDuration::from_hours(SESSION_HOURS)).to_string();
    client
        .execute(
            "INSERT INTO web_session (token_hash, email, csrf_token, expires_at)
             VALUES ($1, $2, $3, $4::text::timestamptz)",
            &[&digest(&token), &email, &random_token(), &expires_at],
        )
        .await?;
    client
        .execute("DELETE FROM login_failure WHERE email = $1", &[&email])
        .await?;
    // Housekeeping rides on sign-ins: ended sessions and old failures are of no use.
    client
        .batch_execute(
            "DELETE FROM web_session WHERE expires_at < now();
             DELETE FROM login_failure WHERE failed_at < now() - interval '1 day';",
        )
        .await?;
    tracing::info!(%email, "signed in");
    Ok(Some(token))
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// `POST /salir`: ends this session (the row goes, so a copied cookie stops working too).
pub async fn logout(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !viewer.csrf_ok(&form.csrf) {
        return super::layout::refusal(
            StatusCode::FORBIDDEN,
            Some(&viewer),
            "El formulario venció. Vuelva a la página e intente otra vez.",
        );
    }
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        let deleted = match state.pool.get().await {
            Ok(client) => client
                .execute(
                    "DELETE FROM web_session WHERE token_hash = $1",
                    &[&digest(&token)],
                )
                .await
                .map_err(|error| error.to_string()),
            Err(error) => Err(error.to_string()),
        };
        if let Err(error) = deleted {
            return unavailable(&error);
        }
    }
    let mut response = Redirect::to("/ingresar").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&state, SESSION_COOKIE, "", 0),
    );
    response
}
