//! The commands of the Venta a cuotas screen (aCuotaz orders). Each forwards to `desk` in one line.

use desk::Desk;
use desk::order_paper::{self, OrderPaperView};
use desk::views::{self, CreditOrderView, ErrorView, OrderInput, OrderLimitsView, RefundInput};
use tauri::State;

type Answer<T> = Result<T, ErrorView>;

#[tauri::command]
pub async fn order_limits(desk: State<'_, Desk>, refresh: bool) -> Answer<OrderLimitsView> {
    desk.with(async |ws| views::order_limits(ws, refresh).await)
        .await
}

#[tauri::command]
pub async fn order_add_on(desk: State<'_, Desk>, amount: String) -> Answer<Option<String>> {
    desk.with(async |ws| views::order_add_on(ws, &amount).await)
        .await
}

#[tauri::command]
pub async fn create_order(desk: State<'_, Desk>, order: OrderInput) -> Answer<CreditOrderView> {
    desk.with(async |ws| views::create_order(ws, order).await)
        .await
}

#[tauri::command]
pub async fn follow_orders(desk: State<'_, Desk>) -> Answer<Vec<CreditOrderView>> {
    desk.with(async |ws| views::follow_orders(ws).await).await
}

#[tauri::command]
pub async fn credit_order(
    desk: State<'_, Desk>,
    order_id: String,
    refresh: bool,
) -> Answer<CreditOrderView> {
    desk.with(async |ws| views::order(ws, &order_id, refresh).await)
        .await
}

#[tauri::command]
pub async fn credit_orders(desk: State<'_, Desk>, day: String) -> Answer<Vec<CreditOrderView>> {
    desk.with(async |ws| views::credit_orders(ws, &day).await)
        .await
}

#[tauri::command]
pub async fn confirm_order(desk: State<'_, Desk>, order_id: String) -> Answer<CreditOrderView> {
    desk.with(async |ws| views::confirm_order(ws, &order_id).await)
        .await
}

#[tauri::command]
pub async fn cancel_order(desk: State<'_, Desk>, order_id: String) -> Answer<CreditOrderView> {
    desk.with(async |ws| views::cancel_order(ws, &order_id).await)
        .await
}

#[tauri::command]
pub async fn refund_order(
    desk: State<'_, Desk>,
    order_id: String,
    refund: RefundInput,
) -> Answer<CreditOrderView> {
    desk.with(async |ws| views::refund_order(ws, &order_id, refund).await)
        .await
}

#[tauri::command]
pub async fn print_order_qr(desk: State<'_, Desk>, order_id: String) -> Answer<OrderPaperView> {
    order_paper::print_order_qr(&desk, &order_id).await
}
