//! Following open orders: their status read with back-off (short while something is happening, longer
//! while nothing changes), and the outbox of the orders' journal: calls whose outcome is unknown, or
//! left pending by a crash, tried again the way each allows (see [`super`]).

use jiff::Timestamp;
use jiff::civil::Date;
use providers::apurata::orders::OrderId;
use providers::http::ApiError;

use super::model::CreditOrder;
use super::{rows, store};
use crate::clock;
use crate::error::TillError;
use crate::operations::Till;

/// Waits between status reads while nothing changes: 2 s, growing to 30 s.
const POLL_STEPS_MS: [i64; 7] = [2_000, 3_000, 5_000, 8_000, 13_000, 20_000, 30_000];

fn poll_delay_ms(polls: u32) -> i64 {
    let step = usize::try_from(polls).unwrap_or(usize::MAX);
    POLL_STEPS_MS[step.min(POLL_STEPS_MS.len() - 1)]
}

impl Till {
    /// One round of following: the orders' open calls that are due are tried again, the open orders
    /// whose next read is due are read. Returns today's orders and every one still open, newest first.
    pub async fn follow_orders(&self) -> Result<Vec<CreditOrder>, TillError> {
        self.follow_due().await?;
        self.credit_orders(Some(clock::lima_today())).await
    }

    /// The outbox and polling pass alone (the fronts' background resolver calls it).
    pub async fn follow_due(&self) -> Result<(), TillError> {
        if self.orders.is_none() || self.held_for_settings() {
            return Ok(());
        }
        let (mode, lease_ms) = (self.mode(), self.lease_ms());
        let now_ms = Timestamp::now().as_millisecond();
        let due = self
            .in_db(move |db| rows::due_calls(db, mode, now_ms))
            .await?;
        for (call_id, order_id) in due {
            self.retry_call(call_id, &order_id, lease_ms).await?;
        }
        let due = self
            .in_db(move |db| rows::due_polls(db, mode, now_ms))
            .await?;
        for order_id in due {
            if let Ok(order_id) = OrderId::parse(&order_id) {
                let order = self.credit_order(&order_id).await?;
                self.read_status(&order).await?;
            }
        }
        Ok(())
    }

    /// The order now: its open call tried again at once (whatever its back-off), then its status read
    /// from the provider. When the provider cannot be reached, the order as last known.
    pub async fn refresh_order(&self, order_id: &OrderId) -> Result<CreditOrder, TillError> {
        self.refreshed(order_id).await.map(|(order, _)| order)
    }

    /// [`Till::refresh_order`], saying also why the status could not be read when it could not.
    pub(super) async fn refreshed(
        &self,
        order_id: &OrderId,
    ) -> Result<(CreditOrder, Option<ApiError>), TillError> {
        // Before an open call is leased to be tried again: nothing is touched where aCuotaz is not
        // offered.
        self.ensure_offered(crate::offers::Provider::Acuotaz)?;
        let order = self.credit_order(order_id).await?;
        if let Some(open) = order.open_operation() {
            self.retry_call(open.id, order_id.as_str(), self.lease_ms())
                .await?;
        }
        let order = self.credit_order(order_id).await?;
        let mut unread = None;
        if order.is_created() && !order.status.is_final() {
            unread = self.read_status(&order).await?;
        }
        Ok((self.credit_order(order_id).await?, unread))
    }

    /// Orders of a day for the fronts' lists (Historial, the day's papers).
    pub async fn credit_orders_of(&self, day: Date) -> Result<Vec<CreditOrder>, TillError> {
        let orders = self.credit_orders(Some(day)).await?;
        Ok(orders
            .into_iter()
            .filter(|order| order.lima_day == day)
            .collect())
    }

    async fn retry_call(
        &self,
        call_id: i64,
        order_id: &str,
        lease_ms: i64,
    ) -> Result<(), TillError> {
        let now_ms = Timestamp::now().as_millisecond();
        let leased = self
            .in_db(move |db| store::lease(db, call_id, now_ms, lease_ms))
            .await?;
        if !leased {
            return Ok(());
        }
        let Ok(order_id) = OrderId::parse(order_id) else {
            return Ok(());
        };
        let order = self.credit_order(&order_id).await?;
        if let Some(operation) = order.operations.iter().find(|o| o.id == call_id).cloned() {
            self.attempt(&order, operation, false).await?;
        }
        Ok(())
    }

    /// Reads an order's status once and records it; the next read comes sooner when it changed. The
    /// provider's error when it could not be read (the order keeps its last known status).
    async fn read_status(&self, order: &CreditOrder) -> Result<Option<ApiError>, TillError> {
        let api = self.orders_link()?.api.clone();
        let row = order.row;
        let polls = self.in_db(move |db| rows::polls(db, row)).await?;
        let now_ms = Timestamp::now().as_millisecond();
        match api.order(&order.order_id).await {
            Ok(info) => {
                let changed = info.status != order.status || info.confirmed != order.confirmed;
                let next = now_ms + poll_delay_ms(if changed { 0 } else { polls + 1 });
                self.in_db(move |db| {
                    store::record_status(
                        db,
                        row,
                        Some((&info.status, info.confirmed, None)),
                        Some(next),
                    )
                })
                .await?;
                Ok(None)
            }
            Err(error) => {
                tracing::info!(order_id = order.order_id.as_str(), %error, "order status not read");
                let next = now_ms + poll_delay_ms(polls + 1);
                self.in_db(move |db| store::record_status(db, row, None, Some(next)))
                    .await?;
                Ok(Some(error))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_backs_off_and_is_bounded() {
        assert_eq!(poll_delay_ms(0), 2_000);
        assert!(poll_delay_ms(3) > poll_delay_ms(2));
        assert_eq!(poll_delay_ms(99), 30_000);
    }
}
