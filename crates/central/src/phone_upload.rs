//! The customer's phone sends the transfer receipt straight to Central: the till asks for a one-time
//! link (signed, [`create`]) and shows it as a QR code; the customer opens it — a plain page, no app, no
//! JavaScript — picks the screenshot and sends it ([`page`], [`receive`]); the till asks whether it
//! arrived ([`status`]). The receipt is stored as any other (`receipts::store`: type from the bytes,
//! size bounded) under the token hash the till chose, so only the till knows its public URL. A link
//! lasts [`LINK_MINUTES`] and takes one file; after that its page says so (410).

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jiff::{SignedDuration, Timestamp};
use providers::central::TillRef;
use providers::central::wire::{UploadLinkAnswer, UploadLinkRequest, UploadLinkStatus};

use crate::auth::SignedTill;
use crate::error::{Failure, StorageContext};
use crate::receipts::{self, token_hash};
use crate::state::AppState;
use crate::web::layout::escape;

/// How long a link can be used: the customer is standing at the till.
pub const LINK_MINUTES: i64 = 15;

pub fn routes(max_file_bytes: usize) -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/stores/{store}/tills/{till}/upload-links",
            post(create),
        )
        .route(
            "/api/v1/stores/{store}/tills/{till}/upload-links/{id}",
            get(status),
        )
        .route(
            "/subir/{token}",
            get(page)
                .post(receive)
                .layer(DefaultBodyLimit::max(max_file_bytes + 64 * 1024)),
        )
}

/// `POST …/upload-links`: a new one-time link for the signing till.
async fn create(
    State(state): State<AppState>,
    signed: SignedTill,
) -> Result<Json<UploadLinkAnswer>, Failure> {
    let request: UploadLinkRequest = serde_json::from_slice(&signed.body).map_err(|error| {
        Failure::bad_request(format!("the body is not {{receipt_token_sha256}}: {error}"))
    })?;
    let receipt_hash = request.receipt_token_sha256.to_ascii_lowercase();
    if receipt_hash.len() != 64 || !receipt_hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Failure::bad_request(
            "receipt_token_sha256 is the hex SHA-256 of the receipt's token (64 hex digits)",
        ));
    }
    let token = providers::central::receipt_token::new_receipt_token();
    let expires_at = Timestamp::now() + SignedDuration::from_mins(LINK_MINUTES);
    let client = state.pool.get().await.storage("make the upload link")?;
    let id: i64 = client
        .query_one(
            "INSERT INTO upload_link (store_code, till_code, token_hash, receipt_token_hash, expires_at)
             VALUES ($1, $2, $3, $4, $5::text::timestamptz) RETURNING id",
            &[
                &signed.till.store,
                &signed.till.till,
                &token_hash(&token),
                &receipt_hash,
                &expires_at.to_string(),
            ],
        )
        .await
        .storage("make the upload link")?
        .get(0);
    let public = &state.config.public_url;
    let join = |path: String| {
        public
            .join(&path)
            .map(|url| url.to_string())
            .map_err(|error| Failure::storage("build the upload link", error))
    };
    Ok(Json(UploadLinkAnswer {
        id,
        upload_url: join(format!("subir/{token}"))?,
        expires_at: expires_at.to_string(),
        receipt_url_base: join("recibos/".to_owned())?,
    }))
}

/// `GET …/upload-links/{id}`: whether the phone sent the receipt (the signing till's links only).
async fn status(
    State(state): State<AppState>,
    Path((_, _, id)): Path<(String, String, i64)>,
    signed: SignedTill,
) -> Result<Json<UploadLinkStatus>, Failure> {
    let client = state.pool.get().await.storage("read the upload link")?;
    let row = client
        .query_opt(
            "SELECT l.used_at IS NOT NULL, l.used_at IS NOT NULL OR l.expires_at <= now(),
                    r.content_type, r.size, r.expires_at::text
             FROM upload_link l
             LEFT JOIN receipt r ON r.store_code = l.store_code AND r.token_hash = l.receipt_token_hash
             WHERE l.store_code = $1 AND l.till_code = $2 AND l.id = $3",
            &[&signed.till.store, &signed.till.till, &id],
        )
        .await
        .storage("read the upload link")?
        .ok_or_else(|| Failure::not_found("this till has no upload link with this id"))?;
    Ok(Json(UploadLinkStatus {
        received: row.get(0),
        closed: row.get(1),
        content_type: row.get(2),
        bytes: row.get::<_, Option<i64>>(3).map(|size| size.max(0) as u64),
        receipt_expires_at: row.get(4),
    }))
}

/// An open link: who it is for and where the receipt goes.
struct OpenLink {
    till: TillRef,
    store_name: String,
    id: i64,
    receipt_hash: String,
}

/// The link of `token`, if it can still be used; else the page that says why.
async fn open_link(state: &AppState, token: &str) -> Result<OpenLink, Response> {
    let client = state
        .pool
        .get()
        .await
        .storage("read the upload link")
        .map_err(IntoResponse::into_response)?;
    let row = client
        .query_opt(
            "SELECT l.store_code, l.till_code, l.id, l.receipt_token_hash,
                    l.used_at IS NOT NULL, l.expires_at <= now(), s.name
             FROM upload_link l JOIN store s ON s.store_code = l.store_code
             WHERE l.token_hash = $1",
            &[&token_hash(token)],
        )
        .await
        .storage("read the upload link")
        .map_err(IntoResponse::into_response)?;
    let Some(row) = row else {
        return Err(answer(
            StatusCode::NOT_FOUND,
            "Este enlace no existe. Pida en la caja un código QR nuevo.",
            None,
        ));
    };
    if row.get::<_, bool>(4) {
        return Err(answer(
            StatusCode::GONE,
            "Este enlace ya se usó: la caja ya recibió un comprobante con él.",
            None,
        ));
    }
    if row.get::<_, bool>(5) {
        return Err(answer(
            StatusCode::GONE,
            "Este enlace venció. Pida en la caja un código QR nuevo.",
            None,
        ));
    }
    Ok(OpenLink {
        till: TillRef::new(row.get::<_, String>(0), row.get::<_, String>(1)),
        store_name: row.get(6),
        id: row.get(2),
        receipt_hash: row.get(3),
    })
}

/// `GET /subir/{token}`: the form.
async fn page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match open_link(&state, &token).await {
        Ok(link) => {
            let greeting = format!(
                "{} · caja {}. Elija la captura de pantalla de su Yape o de su transferencia y toque «Enviar a la caja».",
                link.store_name, link.till.till
            );
            answer(StatusCode::OK, &greeting, Some(&token))
        }
        Err(refusal) => refusal,
    }
}

/// `POST /subir/{token}`: the file, as `multipart/form-data` field `comprobante`.
async fn receive(
    State(state): State<AppState>,
    Path(token): Path<String>,
    mut form: Multipart,
) -> Response {
    let link = match open_link(&state, &token).await {
        Ok(link) => link,
        Err(refusal) => return refusal,
    };
    let mut file = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("comprobante") {
            file = field.bytes().await.ok();
            break;
        }
    }
    let Some(bytes) = file.filter(|bytes| !bytes.is_empty()) else {
        return answer(
            StatusCode::BAD_REQUEST,
            "No llegó ningún archivo: elija la captura o la foto del comprobante y envíela.",
            Some(&token),
        );
    };
    if let Err(failure) = receipts::store(&state, &link.till, &link.receipt_hash, &bytes).await {
        let text = match failure.code {
            "file_too_large" => {
                "El archivo es muy grande. Envíe una captura de pantalla del comprobante."
            }
            "unsupported_file_type" => {
                "Ese archivo no es una imagen JPEG, PNG o WebP ni un PDF. Envíe la captura de pantalla del comprobante."
            }
            _ => "No se pudo guardar el comprobante. Inténtelo otra vez en un momento.",
        };
        return answer(failure.status, text, Some(&token));
    }
    let used = async {
        let client = state.pool.get().await.storage("close the upload link")?;
        client
            .execute(
                "UPDATE upload_link SET used_at = now() WHERE store_code = $1 AND id = $2",
                &[&link.till.store, &link.id],
            )
            .await
            .storage("close the upload link")
    };
    if let Err(failure) = used.await {
        return failure.into_response();
    }
    tracing::info!(store = %link.till.store, till = %link.till.till, link = link.id, "receipt sent from a phone");
    answer(
        StatusCode::OK,
        "Listo: la caja recibió su comprobante. Ya puede cerrar esta página.",
        None,
    )
}

/// The phone's page: a message, and the form when `form_token` is given.
fn answer(status: StatusCode, message: &str, form_token: Option<&str>) -> Response {
    let form = form_token.map_or(String::new(), |token| {
        format!(
            r#"<form method="post" action="/subir/{token}" enctype="multipart/form-data">
<label for="comprobante">Captura o foto del comprobante de la transferencia</label>
<input id="comprobante" name="comprobante" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" required>
<button type="submit">Enviar a la caja</button>
</form>"#,
            token = escape(token)
        )
    });
    let message = if message.is_empty() {
        String::new()
    } else {
        format!(r#"<p class="message" id="mensaje">{}</p>"#, escape(message))
    };
    let html = format!(
        r#"<!doctype html>
<html lang="es-PE"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Enviar comprobante</title>
<style>body{{font-family:system-ui,sans-serif;margin:1.5rem;max-width:32rem;font-size:1.1rem}}
label{{display:block;font-weight:600;margin-bottom:.5rem}}input,button{{font-size:1.1rem;width:100%;margin:.5rem 0}}
button{{padding:.8rem;background:#06692f;color:#fff;border:0;border-radius:.4rem;font-weight:600}}.message{{font-weight:600}}</style>
</head><body><h1>Comprobante de pago</h1>{message}{form}</body></html>"#
    );
    (
        status,
        [
            ("cache-control", "no-store"),
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "no-referrer"),
        ],
        Html(html),
    )
        .into_response()
}
