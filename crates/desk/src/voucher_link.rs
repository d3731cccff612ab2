//! Where a transfer's receipt and aPagos' callback go. With the till enrolled in Caja Central: the
//! receipt is hosted by Central at its unguessable, expiring address (uploaded from a file, or sent by
//! the customer's phone to a one-time link shown as a QR code) and aPagos calls Central's
//! `/webhooks/apagos/{store}`, relayed to this till. On the simulator with no Central, the simulator
//! keeps the receipt and takes the callbacks itself, and the till reads the status with back-off.
//! Live mode without Central cannot take transfers: aPagos needs a public address for both.

use providers::apagos::receipt_type::sniff;
use providers::central::receipt_token::{new_receipt_token, token_sha256};
use serde::Serialize;
use till::error::{TillError, VoucherError};
use till::mode::Mode;
use url::Url;

use crate::Workstation;
use crate::central::{CentralFailure, background_http, open_client};

/// A receipt at a public address, ready to go to aPagos as `receipt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostedReceipt {
    pub url: Url,
    /// Read from the bytes: `image/jpeg`, `image/png`, `image/webp` or `application/pdf`.
    pub content_type: String,
    /// RFC 3339, when Central stops serving it; `None` on the simulator.
    pub expires_at: Option<String>,
}

/// A one-time page for the customer's phone, and where its receipt will be once sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhoneUpload {
    pub link_id: i64,
    /// What the QR code holds.
    pub upload_url: String,
    pub expires_at: String,
    /// Served once the phone sent the file.
    pub receipt_url: Url,
}

/// Where aPagos calls back for this till.
pub async fn webhook(ws: &Workstation) -> Result<Url, CentralFailure> {
    let link = ws
        .till
        .with_central_db(|db| till::central::link(db))
        .await?;
    let text = match link {
        Some(link) => format!(
            "{}/webhooks/apagos/{}",
            link.base_url.trim_end_matches('/'),
            link.store
        ),
        None if ws.settings.mode != Mode::Live => format!(
            "{}{}",
            ws.api_url.trim_end_matches('/'),
            sandbox::APAGOS_CALLBACK_SINK
        ),
        None => return Err(CentralFailure::NotEnrolled),
    };
    parsed(&text, "webhook")
}

/// Checks the file is a receipt aPagos reads (from its bytes) and puts it at a public address.
pub async fn host_receipt(
    ws: &Workstation,
    bytes: Vec<u8>,
) -> Result<HostedReceipt, CentralFailure> {
    let content_type = sniff(&bytes).map_err(|looks_like| {
        TillError::from(VoucherError::InvalidField {
            field: "receipt",
            value: looks_like,
        })
    })?;
    match open_client(&ws.till, &ws.data_dir, background_http()).await {
        Ok(client) => {
            let answer = client.upload_receipt(bytes).await?;
            Ok(HostedReceipt {
                url: parsed(&answer.url, "receipt")?,
                content_type: answer.content_type,
                expires_at: Some(answer.expires_at),
            })
        }
        Err(CentralFailure::NotEnrolled) if ws.settings.mode != Mode::Live => {
            let url = sandbox::host_receipt(&ws.api_url, bytes)
                .await
                .map_err(|detail| TillError::Sandbox { detail })?;
            Ok(HostedReceipt {
                url: parsed(&url, "receipt")?,
                content_type: content_type.to_owned(),
                expires_at: None,
            })
        }
        Err(error) => Err(error),
    }
}

/// Asks Central for a one-time upload page (15 minutes) for the customer's phone. The receipt's
/// token is made here and only its hash goes to Central.
pub async fn start_phone_upload(ws: &Workstation) -> Result<PhoneUpload, CentralFailure> {
    let client = open_client(&ws.till, &ws.data_dir, background_http()).await?;
    let token = new_receipt_token();
    let answer = client.create_upload_link(&token_sha256(&token)).await?;
    Ok(PhoneUpload {
        link_id: answer.id,
        upload_url: answer.upload_url,
        expires_at: answer.expires_at,
        receipt_url: parsed(&format!("{}{token}", answer.receipt_url_base), "receipt")?,
    })
}

/// Whether the phone sent the receipt yet (and what it sent).
pub async fn phone_upload_status(
    ws: &Workstation,
    link_id: i64,
) -> Result<providers::central::wire::UploadLinkStatus, CentralFailure> {
    let client = open_client(&ws.till, &ws.data_dir, background_http()).await?;
    Ok(client.upload_link_status(link_id).await?)
}

fn parsed(text: &str, field: &'static str) -> Result<Url, CentralFailure> {
    text.parse().map_err(|_| {
        CentralFailure::Till(TillError::from(VoucherError::InvalidField {
            field,
            value: text.to_owned(),
        }))
    })
}
