//! The commands of Cobro's "Transferencia / Yape" (aPagos vouchers): the form's defaults, the receipt
//! (a file the window sends as the request's raw bytes, or the customer's phone through a QR link), the
//! register, the voucher followed until it is billed, and what a supervisor does with one (cancel,
//! resolve, decide). Each forwards to `desk` in one line.

use desk::Approval;
use desk::Desk;
use desk::views::{
    self, ErrorView, HostedReceiptView, PhoneUploadStatusView, PhoneUploadView, VoucherFormView,
    VoucherInput, VoucherView,
};
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

type Answer<T> = Result<T, ErrorView>;

#[tauri::command]
pub async fn voucher_form(
    desk: State<'_, Desk>,
    customer: String,
    funding_code: String,
) -> Answer<VoucherFormView> {
    desk.with(async |ws| views::voucher_form(ws, &customer, &funding_code).await)
        .await
}

/// The receipt file is the request's body, as bytes (`invoke("host_receipt", bytes)`); `desk` refuses
/// one over 10 MB before reading it.
#[tauri::command]
pub async fn host_receipt(
    desk: State<'_, Desk>,
    request: Request<'_>,
) -> Answer<HostedReceiptView> {
    let bytes = receipt_bytes(request.body());
    desk.with(async |ws| views::host_receipt_file(ws, &bytes).await)
        .await
}

#[tauri::command]
pub async fn start_phone_upload(desk: State<'_, Desk>) -> Answer<PhoneUploadView> {
    desk.with(async |ws| views::start_phone_upload(ws).await)
        .await
}

#[tauri::command]
pub async fn phone_upload_status(
    desk: State<'_, Desk>,
    link_id: i64,
) -> Answer<PhoneUploadStatusView> {
    desk.with(async |ws| views::phone_upload_status(ws, link_id).await)
        .await
}

#[tauri::command]
pub async fn register_voucher(desk: State<'_, Desk>, voucher: VoucherInput) -> Answer<VoucherView> {
    desk.with(async |ws| views::register_voucher(ws, voucher).await)
        .await
}

#[tauri::command]
pub async fn voucher(desk: State<'_, Desk>, voucher_id: String) -> Answer<VoucherView> {
    desk.with(async |ws| views::voucher(ws, &voucher_id).await)
        .await
}

#[tauri::command]
pub async fn vouchers(desk: State<'_, Desk>) -> Answer<Vec<VoucherView>> {
    desk.with(async |ws| views::vouchers(ws).await).await
}

#[tauri::command]
pub async fn cancel_voucher(
    desk: State<'_, Desk>,
    voucher_id: String,
    approval: Approval,
) -> Answer<VoucherView> {
    desk.with(async |ws| views::cancel_voucher(ws, &voucher_id, approval).await)
        .await
}

#[tauri::command]
pub async fn resolve_voucher(
    desk: State<'_, Desk>,
    voucher_id: String,
    request_id: Option<String>,
    approval: Approval,
) -> Answer<VoucherView> {
    desk.with(async |ws| {
        views::resolve_voucher(ws, &voucher_id, request_id.as_deref(), approval).await
    })
    .await
}

#[tauri::command]
pub async fn decide_voucher(
    desk: State<'_, Desk>,
    voucher_id: String,
    accept: bool,
    approval: Approval,
) -> Answer<VoucherView> {
    desk.with(async |ws| views::decide_voucher(ws, &voucher_id, accept, approval).await)
        .await
}

/// The bytes the window sent: raw, or (when the webview fell back to JSON messages) an array of
/// numbers. Anything else is no file at all, which `desk` refuses as such.
fn receipt_bytes(body: &InvokeBody) -> Vec<u8> {
    match body {
        InvokeBody::Raw(bytes) => bytes.clone(),
        InvokeBody::Json(value) => serde_json::from_value(value.clone()).unwrap_or_default(),
    }
}
