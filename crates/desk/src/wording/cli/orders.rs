//! Words of `caja order` (credit sales with aCuotaz orders) and of the order settings in `caja
//! settings`: the limits, one order with its status in the cashier's words and the command to type
//! next, the list of orders, a refund's receipt line, what `caja sync` did with the orders' calls, and
//! how long `--wait` followed. The statuses and the advice themselves are [`crate::wording::orders`]'s,
//! as the desktop shows them; the facts arrive as the desk's views shape them (labels worded, amounts
//! written), picked by the CLI into [`OrderFacts`], [`LimitsFacts`] and [`RefundFacts`].

use crate::order_settings::OrderSettings;
use crate::wording::{Lang, say};

/// An order as the CLI says it: the credit sale's view, already worded.
#[derive(Debug, Clone, Copy, Default)]
pub struct OrderFacts<'a> {
    pub order_id: &'a str,
    pub amount: &'a str,
    pub description: &'a str,
    pub status_label: &'a str,
    pub advice: &'a str,
    pub redirect_to: Option<&'a str>,
    pub expires_at: &'a str,
    pub created_at: &'a str,
    pub customer_name: &'a str,
    /// The DNI masked.
    pub dni: &'a str,
    pub refunded: &'a str,
    pub refundable: &'a str,
    /// Something was refunded already.
    pub any_refunded: bool,
    /// The name of a call still without an answer.
    pub pending_call: Option<&'a str>,
    pub open: bool,
    pub can_confirm: bool,
    pub can_refund: bool,
}

/// The funding limits, written.
#[derive(Debug, Clone, Copy, Default)]
pub struct LimitsFacts<'a> {
    pub min: &'a str,
    pub max: &'a str,
    pub min_steps: u32,
    pub max_steps: u32,
    pub fetched_at: &'a str,
    pub from_cache: bool,
}

/// A refund just made: its name (total or partial), amount, how aCuotaz returns it, its tracking id.
#[derive(Debug, Clone, Copy, Default)]
pub struct RefundFacts<'a> {
    pub label: &'a str,
    pub amount: &'a str,
    pub method: Option<&'a str>,
    pub tracking: Option<&'a str>,
}

/// `caja order limits`: what aCuotaz finances, when it was read, and whether that is a saved copy.
pub fn order_limits(lang: Lang, limits: &LimitsFacts<'_>) -> String {
    let mut text = say(
        lang,
        format!(
            "aCuotaz financia de {} a {}, en {} a {} cuotas (consultado el {}).",
            limits.min, limits.max, limits.min_steps, limits.max_steps, limits.fetched_at
        ),
        format!(
            "aCuotaz finances {} to {}, in {} to {} installments (read on {}).",
            limits.min, limits.max, limits.min_steps, limits.max_steps, limits.fetched_at
        ),
    );
    if limits.from_cache {
        text += &say(
            lang,
            "\nCopia guardada: aCuotaz no respondió ahora.",
            "\nSaved copy: aCuotaz did not answer now.",
        );
    }
    text
}

/// aCuotaz's add-on for the amount, as plain words, after the limits.
pub fn add_on(lang: Lang, amount: &str, words: &str) -> String {
    say(
        lang,
        format!("Para {amount}: {words}"),
        format!("For {amount}: {words}"),
    )
}

/// One order: id, amount and description, the status and what to do, the customer's link, the
/// expiry, the refunds, a call still without an answer, and the command to type next.
pub fn order(lang: Lang, view: &OrderFacts<'_>) -> String {
    let id = &view.order_id;
    let mut lines = vec![
        say(
            lang,
            format!("Pedido {id} — {} — {}", view.amount, view.description),
            format!("Order {id} — {} — {}", view.amount, view.description),
        ),
        say(
            lang,
            format!("Estado: {}", view.status_label),
            format!("Status: {}", view.status_label),
        ),
        view.advice.to_owned(),
    ];
    if let Some(link) = view.redirect_to.filter(|_| view.open) {
        lines.push(say(
            lang,
            format!("Enlace para el cliente: {link}"),
            format!("Link for the customer: {link}"),
        ));
    }
    if view.open {
        lines.push(say(
            lang,
            format!("Vence: {}", view.expires_at),
            format!("Expires: {}", view.expires_at),
        ));
    }
    if view.any_refunded || view.can_refund {
        lines.push(say(
            lang,
            format!(
                "Devuelto: {}; queda por devolver: {}",
                view.refunded, view.refundable
            ),
            format!(
                "Refunded: {}; left to refund: {}",
                view.refunded, view.refundable
            ),
        ));
    }
    if let Some(call) = view.pending_call {
        lines.push(say(
            lang,
            format!("«{call}» aún no tiene respuesta: Caja la reintenta sola (caja sync)."),
            format!("«{call}» has no answer yet: Caja retries it by itself (caja sync)."),
        ));
    }
    if let Some(next) = next_step(lang, view) {
        lines.push(next);
    }
    lines.join("\n")
}

/// The command that moves the order on, when there is one.
fn next_step(lang: Lang, view: &OrderFacts<'_>) -> Option<String> {
    let id = &view.order_id;
    let (es, en) = if view.can_confirm {
        (
            format!("Siguiente: caja order confirm {id}  (o anúlelo: caja order cancel {id})"),
            format!("Next: caja order confirm {id}  (or cancel it: caja order cancel {id})"),
        )
    } else if view.can_refund {
        (
            format!(
                "Si el cliente devuelve el producto: caja order refund {id} [--amount MONTO] --reason TEXTO --supervisor NOMBRE"
            ),
            format!(
                "If the customer returns the product: caja order refund {id} [--amount AMOUNT] --reason TEXT --supervisor NAME"
            ),
        )
    } else if view.open {
        (
            format!("Siguiente: caja order status {id} --wait 300"),
            format!("Next: caja order status {id} --wait 300"),
        )
    } else {
        return None;
    };
    Some(say(lang, es, en))
}

/// `caja order create`: the order as it now stands, headed by its id.
pub fn order_created(lang: Lang, view: &OrderFacts<'_>) -> String {
    let heading = say(
        lang,
        format!("Pedido creado: {}", view.order_id),
        format!("Order created: {}", view.order_id),
    );
    format!("{heading}\n{}", order(lang, view))
}

/// `caja order confirm`.
pub fn order_confirmed(lang: Lang, view: &OrderFacts<'_>) -> String {
    let heading = say(
        lang,
        format!("Pedido {} confirmado.", view.order_id),
        format!("Order {} confirmed.", view.order_id),
    );
    format!("{heading}\n{}", order(lang, view))
}

/// `caja order cancel` (also when it was canceled already).
pub fn order_canceled(lang: Lang, view: &OrderFacts<'_>) -> String {
    let heading = say(
        lang,
        format!("Pedido {} anulado.", view.order_id),
        format!("Order {} canceled.", view.order_id),
    );
    format!("{heading}\n{}", order(lang, view))
}

/// `caja order refund`: the refund made (its amount, how aCuotaz returns it, its tracking id), then
/// the order.
pub fn order_refunded(lang: Lang, view: &OrderFacts<'_>, refund: &RefundFacts<'_>) -> String {
    let RefundFacts {
        label,
        amount,
        method,
        tracking,
    } = *refund;
    let heading = say(
        lang,
        format!(
            "{label} de {amount} hecha. Método: {}. Seguimiento: {}.",
            method.unwrap_or("-"),
            tracking.unwrap_or("-")
        ),
        format!(
            "{label} of {amount} done. Method: {}. Tracking: {}.",
            method.unwrap_or("-"),
            tracking.unwrap_or("-")
        ),
    );
    format!("{heading}\n{}", order(lang, view))
}

/// `caja order status --wait` ran out of time with the order still open.
pub fn wait_ended(lang: Lang, order_id: &str, seconds: u64) -> String {
    say(
        lang,
        format!(
            "Pasaron {seconds} s y el pedido sigue abierto. Vuelva a consultar: caja order status {order_id} --wait {seconds}"
        ),
        format!(
            "{seconds} s went by and the order is still open. Ask again: caja order status {order_id} --wait {seconds}"
        ),
    )
}

/// `caja order list`: one line per order, newest first as given.
pub fn orders(lang: Lang, views: &[OrderFacts<'_>]) -> String {
    if views.is_empty() {
        return say(
            lang,
            "No hay ventas a cuotas en esta caja para esa fecha.",
            "There are no credit sales on this till for that day.",
        );
    }
    let mut text = say(
        lang,
        format!(
            "{:<16} {:<16} {:>14}  {:<36} {}\n",
            "Pedido", "Creado (Lima)", "Monto", "Estado", "Cliente"
        ),
        format!(
            "{:<16} {:<16} {:>14}  {:<36} {}\n",
            "Order", "Created (Lima)", "Amount", "Status", "Customer"
        ),
    );
    for view in views {
        let mut status = view.status_label.to_owned();
        if view.pending_call.is_some() {
            status.push_str(" *");
        }
        text += &format!(
            "{:<16} {:<16} {:>14}  {:<36} {} ({})\n",
            view.order_id, view.created_at, view.amount, status, view.customer_name, view.dni
        );
    }
    if views.iter().any(|view| view.pending_call.is_some()) {
        text += &say(
            lang,
            "* una llamada sin respuesta todavía: Caja la reintenta (caja sync).\n",
            "* a call without an answer yet: Caja retries it (caja sync).\n",
        );
    }
    text
}

/// `caja sync`, after the down payments: the orders' calls that got an outcome and those still open.
pub fn orders_sync(lang: Lang, resolved: &[(String, &'static str, String)], open: usize) -> String {
    let mut text = say(
        lang,
        format!(
            "Ventas a cuotas: {} llamadas resueltas, {open} sin resultado todavía.\n",
            resolved.len()
        ),
        format!(
            "Credit sales: {} calls resolved, {open} still without an outcome.\n",
            resolved.len()
        ),
    );
    for (order_id, action, state) in resolved {
        text += &format!("  {order_id} {action} → {state}\n");
    }
    text
}

/// `caja settings show`, after the shift's settings: the credit sales' settings (what is not set is
/// said so; sandbox mode fills it in with the simulator's examples).
pub fn order_settings_shown(lang: Lang, orders: &OrderSettings) -> String {
    let unset = say(lang, "(sin configurar)", "(not set)");
    let value = |text: &Option<String>| text.clone().unwrap_or_else(|| unset.clone());
    let rows = [
        ("pos_client_id".to_owned(), value(&orders.pos_client_id)),
        (
            say(lang, "Código de tienda", "Store code"),
            orders.store_code.clone(),
        ),
        (
            say(lang, "Código de caja", "Till code"),
            orders.till_code.clone(),
        ),
        ("url_canceled".to_owned(), value(&orders.url_canceled)),
        ("url_rejected".to_owned(), value(&orders.url_rejected)),
        ("url_success".to_owned(), value(&orders.url_success)),
        ("url_downpayment".to_owned(), value(&orders.url_downpayment)),
        (
            "url_order_detail".to_owned(),
            value(&orders.url_order_detail),
        ),
        (
            say(lang, "Vigencia de un pedido", "Order lifetime"),
            format!("{} min", orders.expiry_minutes),
        ),
    ];
    let mut text = say(lang, "Ventas a cuotas:", "Credit sales:");
    for (name, value) in rows {
        text += &format!("\n  {name}: {value}");
    }
    text
}

/// A flag `caja order` needs was not given: which one, and that nothing was sent.
pub fn flag_missing(lang: Lang, flag: &str) -> String {
    say(
        lang,
        format!("Falta {flag}. No se envió nada."),
        format!("{flag} is missing. Nothing was sent."),
    )
}
