//! `caja sync`'s share of credit sales: the orders' own outbox (calls whose outcome is unknown, or left
//! in flight by a crash) driven through `Till::follow_due` until no call is open or the time is up.
//! Each retry is the one the call allows (a creation's journaled body again, a refund with its one
//! token, a confirm read back first), and the till's back-off paces them.

use std::collections::BTreeSet;
use std::time::Duration;

use desk::Lang;
use desk::wording::Label;
use serde_json::{Value, json};
use till::Till;
use till::error::OrderAction;
use till::operation::OperationState;

use crate::output::CliError;

/// Between two rounds while calls stay open.
const ROUND: Duration = Duration::from_millis(200);

/// One call on an order, as the drain reports it.
#[derive(Debug, Clone)]
pub struct OrderCall {
    pub id: i64,
    pub order_id: String,
    pub action: OrderAction,
    pub state: OperationState,
}

impl OrderCall {
    pub fn json(&self) -> Value {
        json!({
            "id": self.id,
            "order_id": self.order_id,
            "action": self.action,
            "state": self.state,
        })
    }

    /// `(order id, the call's name, its state)` in `lang`, for the text.
    pub fn worded(&self, lang: Lang) -> (String, &'static str, String) {
        (
            self.order_id.clone(),
            desk::wording::orders::action(lang, self.action),
            self.state.label(lang).to_owned(),
        )
    }
}

/// What the drain did: calls open before it that now have an outcome, and calls still open.
#[derive(Debug, Clone, Default)]
pub struct OrdersDrain {
    pub resolved: Vec<OrderCall>,
    pub still_open: Vec<OrderCall>,
}

/// Drives the orders' outbox for up to `within` (one round at least).
pub async fn drain(till: &Till, within: Duration) -> Result<OrdersDrain, CliError> {
    if !till.has_orders() {
        return Ok(OrdersDrain::default());
    }
    let deadline = tokio::time::Instant::now() + within;
    let before: BTreeSet<i64> = open_calls(till).await?.iter().map(|c| c.id).collect();
    loop {
        till.follow_due().await?;
        let calls = calls(till).await?;
        let still_open: Vec<OrderCall> = calls
            .iter()
            .filter(|call| is_open(call.state))
            .cloned()
            .collect();
        let now = tokio::time::Instant::now();
        if still_open.is_empty() || now >= deadline {
            let resolved = calls
                .into_iter()
                .filter(|call| before.contains(&call.id) && !is_open(call.state))
                .collect();
            return Ok(OrdersDrain {
                resolved,
                still_open,
            });
        }
        tokio::time::sleep(ROUND.min(deadline - now)).await;
    }
}

fn is_open(state: OperationState) -> bool {
    matches!(state, OperationState::Pending | OperationState::Unknown)
}

async fn open_calls(till: &Till) -> Result<Vec<OrderCall>, CliError> {
    Ok(calls(till)
        .await?
        .into_iter()
        .filter(|call| is_open(call.state))
        .collect())
}

/// Every call on every order of this till, oldest first.
async fn calls(till: &Till) -> Result<Vec<OrderCall>, CliError> {
    let orders = till.credit_orders(None).await?;
    let mut calls: Vec<OrderCall> = orders
        .iter()
        .flat_map(|order| {
            order.operations.iter().map(|call| OrderCall {
                id: call.id,
                order_id: order.order_id.to_string(),
                action: call.action,
                state: call.state,
            })
        })
        .collect();
    calls.sort_by_key(|call| call.id);
    Ok(calls)
}
