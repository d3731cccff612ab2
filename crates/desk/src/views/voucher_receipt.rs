//! The receipt of a transfer, for the voucher form: a file the cashier picked, dropped or pasted, put
//! at a public address (checked from its bytes first), or the customer's phone sending it to a
//! one-time link shown as a QR code on the till's screen, then asked until it arrived.

use serde::Serialize;
use ts_rs::TS;

use super::lima_text;
use crate::central::CentralFailure;
use crate::voucher_link;
use crate::workstation::Workstation;
use till::country::Provider;
use till::error::{TillError, VoucherError};

/// A receipt at its public address, ready for the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HostedReceiptView {
    pub receipt_url: String,
    /// `image/jpeg`, `image/png`, `image/webp` or `application/pdf`, read from the bytes.
    pub content_type: String,
}

/// The QR code the customer scans to send the receipt from their phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhoneUploadView {
    pub link_id: i64,
    pub upload_url: String,
    /// The QR code of `upload_url`, a standalone SVG.
    pub qr_svg: String,
    /// hh:mm, Lima: the link stops working then.
    pub expires_at_lima: String,
    /// Where the receipt will be once sent (what the register sends to aPagos).
    pub receipt_url: String,
}

/// Whether the phone sent the receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhoneUploadStatusView {
    pub received: bool,
    /// The link expired or was used.
    pub closed: bool,
    pub content_type: Option<String>,
}

/// Puts a receipt file at a public address (Central, or the simulator without one). Only where the
/// store's country offers aPagos: elsewhere nothing leaves the till.
pub async fn host_receipt(
    ws: &Workstation,
    bytes: Vec<u8>,
) -> Result<HostedReceiptView, CentralFailure> {
    ws.till.ensure_offered(Provider::Apagos)?;
    let hosted = voucher_link::host_receipt(ws, bytes).await?;
    Ok(HostedReceiptView {
        receipt_url: hosted.url.to_string(),
        content_type: hosted.content_type,
    })
}

/// A one-time upload link for the customer's phone (needs the till enrolled in Caja Central).
pub async fn start_phone_upload(ws: &Workstation) -> Result<PhoneUploadView, CentralFailure> {
    ws.till.ensure_offered(Provider::Apagos)?;
    let link = voucher_link::start_phone_upload(ws).await?;
    let qr_svg = crate::qr::qr_svg(&link.upload_url).map_err(|_| {
        TillError::from(VoucherError::InvalidField {
            field: "upload_url",
            value: link.upload_url.clone(),
        })
    })?;
    let expires_at_lima = link
        .expires_at
        .parse()
        .map(|at| lima_text(at, "%H:%M"))
        .unwrap_or_default();
    Ok(PhoneUploadView {
        link_id: link.link_id,
        upload_url: link.upload_url,
        qr_svg,
        expires_at_lima,
        receipt_url: link.receipt_url.to_string(),
    })
}

/// Whether the phone sent the receipt to link `link_id`.
pub async fn phone_upload_status(
    ws: &Workstation,
    link_id: i64,
) -> Result<PhoneUploadStatusView, CentralFailure> {
    let status = voucher_link::phone_upload_status(ws, link_id).await?;
    Ok(PhoneUploadStatusView {
        received: status.received,
        closed: status.closed,
        content_type: status.content_type,
    })
}
