//! The commands of the Aplazame screen (Spain, Aplazame's POS checkouts): the cart's live total, the
//! checkout asked for, read again while it may change, listed, confirmed or rejected by the cashier,
//! and a lost create settled by a supervisor. Each forwards to `desk` in one line.

use desk::Approval;
use desk::Desk;
use desk::views::{self, CartLineInput, CheckoutInput, CheckoutView, ErrorView, EurosView};
use tauri::State;

type Answer<T> = Result<T, ErrorView>;

#[tauri::command]
pub async fn aplazame_total(desk: State<'_, Desk>, lines: Vec<CartLineInput>) -> Answer<EurosView> {
    desk.with(async |_| views::cart_total(&lines)).await
}

#[tauri::command]
pub async fn create_checkout(
    desk: State<'_, Desk>,
    checkout: CheckoutInput,
) -> Answer<CheckoutView> {
    desk.with(async |ws| views::create_checkout(ws, &checkout).await)
        .await
}

#[tauri::command]
pub async fn checkout(desk: State<'_, Desk>, order_id: String) -> Answer<CheckoutView> {
    desk.with(async |ws| views::checkout(ws, &order_id).await)
        .await
}

#[tauri::command]
pub async fn checkouts(desk: State<'_, Desk>) -> Answer<Vec<CheckoutView>> {
    desk.with(async |ws| views::checkouts(ws).await).await
}

#[tauri::command]
pub async fn confirm_checkout(desk: State<'_, Desk>, order_id: String) -> Answer<CheckoutView> {
    desk.with(async |ws| views::confirm_checkout(ws, &order_id).await)
        .await
}

#[tauri::command]
pub async fn reject_checkout(
    desk: State<'_, Desk>,
    order_id: String,
    reason: String,
) -> Answer<CheckoutView> {
    desk.with(async |ws| views::reject_checkout(ws, &order_id, &reason).await)
        .await
}

#[tauri::command]
pub async fn resolve_checkout(
    desk: State<'_, Desk>,
    order_id: String,
    checkout_id: Option<String>,
    approval: Approval,
) -> Answer<CheckoutView> {
    desk.with(async |ws| {
        views::resolve_checkout(ws, &order_id, checkout_id.as_deref(), approval).await
    })
    .await
}
