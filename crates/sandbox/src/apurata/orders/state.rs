//! The orders inside the sandbox's ledger (`downpayment::state`), under its one lock: creating them,
//! the store's calls on them, the customer's steps, and the link to the down payment financings.
//!
//! - Settling (`settle`), before anything reads or changes orders and before the down payment API looks
//!   a code up: a `validated` order whose in-store down payment has been paid (a `paid-and-billed` on
//!   its code) becomes `funded`; then every order past its expiry becomes `canceled` (see `rules`).
//! - `pay-in-store` creates a financing for the order's DNI with a fresh 7-digit funding code,
//!   channel `Tienda`, its down payment pending (a fifth of the amount) and the order's amount as the
//!   purchase total; the till's Cobro then takes that code as it takes any other.
//! - An order canceled (by the store or by expiry) while its in-store down payment is still pending
//!   withdraws that financing: its code no longer exists for `info`.
//! - Every change is saved with the rest of the ledger (`persist`).

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use providers::apurata::downpayment::DownpaymentChannel;
use providers::apurata::orders::messages;
use providers::money::Soles;

use crate::apurata::downpayment::financing::Financing;
use crate::apurata::downpayment::state::{Ledger, SandboxState};
use crate::apurata::orders::clock::OrderClock;
use crate::apurata::orders::customer::{self, Action};
use crate::apurata::orders::order::{Order, OrderStatus, Refund};
use crate::apurata::orders::rules::{self, Cancel};
use crate::apurata::orders::validate::{NewOrder, RefundRequest};

/// What `landing_config` answers: the amounts (whole soles) and installments the provider finances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LandingLimits {
    pub min_amount: u32,
    pub max_amount: u32,
    pub min_steps: u32,
    pub max_steps: u32,
}

impl Default for LandingLimits {
    /// S/ 100 to S/ 5,000, in 2 to 8 installments.
    fn default() -> Self {
        LandingLimits {
            min_amount: 100,
            max_amount: 5000,
            min_steps: 2,
            max_steps: 8,
        }
    }
}

impl LandingLimits {
    /// Whether `amount` is within the limits, both included.
    pub fn finances(&self, amount: Soles) -> bool {
        let centimos = |soles: u32| i64::from(soles) * 100;
        (centimos(self.min_amount)..=centimos(self.max_amount)).contains(&amount.centimos())
    }
}

/// The orders API's fixed facts, set at start.
#[derive(Debug)]
pub(crate) struct OrderSetup {
    /// The provider root the links point under (`http://127.0.0.1:PORT`).
    pub root: String,
    /// The one store registered with the provider.
    pub pos_client_id: String,
    pub limits: LandingLimits,
    pub clock: OrderClock,
}

/// Why a call on an order is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OrderRefusal {
    /// `404 Order does not exist`.
    NotFound,
    /// `400` with this message.
    Refused(String),
}

impl From<&str> for OrderRefusal {
    fn from(message: &str) -> Self {
        OrderRefusal::Refused(message.to_owned())
    }
}

/// What a create did: the order's link, and whether it is new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CreateOutcome {
    pub acuotaz_order: String,
    pub new: bool,
}

/// Funds the paid orders, then expires the late ones (see the module doc); saves when that changed
/// anything.
pub(crate) fn settle(ledger: &mut Ledger, now: Timestamp) {
    let mut changed = false;
    let mut withdrawn = Vec::new();
    for order in ledger.orders.values_mut() {
        let paid = order
            .funding_code
            .as_ref()
            .and_then(|code| ledger.financings.get(code))
            .is_some_and(|financing| financing.payment.is_some());
        if order.status == OrderStatus::Validated && paid {
            order.status = OrderStatus::Funded;
            changed = true;
        }
        if rules::has_expired(order, now) {
            order.status = OrderStatus::Canceled;
            withdrawn.extend(order.funding_code.clone());
            changed = true;
        }
    }
    for code in withdrawn {
        withdraw_pending(ledger, &code);
    }
    if changed {
        ledger.save();
    }
}

/// Removes the financing of `code` if its down payment is still pending.
fn withdraw_pending(ledger: &mut Ledger, code: &str) {
    if ledger
        .financings
        .get(code)
        .is_some_and(|financing| financing.payment.is_none())
    {
        ledger.financings.remove(code);
    }
}

impl SandboxState {
    /// The orders' now: the real instant, moved forward by [`SandboxState::advance_orders_clock`].
    pub fn orders_now(&self) -> Timestamp {
        self.order_setup().clock.now()
    }

    /// Lets `by` pass for the orders (expiry), as if the sandbox had waited.
    pub fn advance_orders_clock(&self, by: Duration) {
        let by = SignedDuration::try_from(by).unwrap_or(SignedDuration::MAX);
        self.order_setup().clock.advance(by);
    }

    /// One order as it is now (expiry applied), by the store's id.
    pub fn order(&self, order_id: &str) -> Option<Order> {
        self.settled_orders().orders.get(order_id).cloned()
    }

    /// Every order as it is now, by the store's id.
    pub fn orders(&self) -> Vec<Order> {
        self.settled_orders().orders.values().cloned().collect()
    }

    fn settled_orders(&self) -> std::sync::MutexGuard<'_, Ledger> {
        let now = self.orders_now();
        let mut ledger = self.lock();
        settle(&mut ledger, now);
        ledger
    }

    pub(crate) fn create_order(&self, new: NewOrder) -> Result<CreateOutcome, OrderRefusal> {
        let setup = self.order_setup();
        if new.pos_client_id != setup.pos_client_id {
            return Err(messages::CLIENT_NOT_REGISTERED.into());
        }
        let now = self.orders_now();
        let mut ledger = self.settled_orders();
        if let Some(order) = ledger.orders.get(&new.order_id) {
            if order.request != new.request {
                return Err(messages::CANNOT_MODIFY.into());
            }
            return Ok(CreateOutcome {
                acuotaz_order: order.acuotaz_order.clone(),
                new: false,
            });
        }
        let acuotaz_order = object_id(now, ledger.orders.len(), &new.order_id);
        let order = Order {
            order_id: new.order_id.clone(),
            acuotaz_order: acuotaz_order.clone(),
            pos_client_id: new.pos_client_id,
            amount: new.amount,
            request: new.request,
            created_at: now,
            expires_at: rules::expires_at(now, new.expiration_ts),
            status: OrderStatus::Initial,
            confirmed: false,
            applicant_dni: None,
            funding_code: None,
            paid_online: false,
            refunded: Soles::ZERO,
            refunds: Default::default(),
        };
        ledger.orders.insert(new.order_id, order);
        ledger.save();
        Ok(CreateOutcome {
            acuotaz_order,
            new: true,
        })
    }

    /// Runs `change` on the settled order `order_id` and saves when it succeeds.
    fn change_order<T>(
        &self,
        order_id: &str,
        change: impl FnOnce(&mut Order, Timestamp) -> Result<T, OrderRefusal>,
    ) -> Result<T, OrderRefusal> {
        let now = self.orders_now();
        let mut ledger = self.settled_orders();
        let order = ledger
            .orders
            .get_mut(order_id)
            .ok_or(OrderRefusal::NotFound)?;
        let done = change(order, now)?;
        ledger.save();
        Ok(done)
    }

    pub(crate) fn confirm_order(&self, order_id: &str) -> Result<(), OrderRefusal> {
        self.change_order(order_id, |order, _| Ok(rules::confirm(order)?))
    }

    pub(crate) fn cancel_order(&self, order_id: &str) -> Result<Cancel, OrderRefusal> {
        let mut ledger = self.settled_orders();
        let order = ledger
            .orders
            .get_mut(order_id)
            .ok_or(OrderRefusal::NotFound)?;
        let outcome = rules::cancel(order)?;
        let code = order.funding_code.clone();
        if outcome == Cancel::Canceled {
            if let Some(code) = code {
                withdraw_pending(&mut ledger, &code);
            }
            ledger.save();
        }
        Ok(outcome)
    }

    pub(crate) fn refund_order(
        &self,
        order_id: &str,
        token: &str,
        request: RefundRequest,
    ) -> Result<Refund, OrderRefusal> {
        self.change_order(order_id, |order, now| {
            rules::refund(order, token, request, now).map_err(OrderRefusal::Refused)
        })
    }

    /// One step of the customer's phone (see `customer`); answers the order as it is after it.
    pub(crate) fn customer_step(
        &self,
        order_id: &str,
        action: Action,
        dni: Option<String>,
    ) -> Result<Order, OrderRefusal> {
        let mut ledger = self.settled_orders();
        let order = ledger.orders.get(order_id).ok_or(OrderRefusal::NotFound)?;
        let dni = dni.or_else(|| order.dni().map(str::to_owned));
        let open_elsewhere = dni.as_deref().is_some_and(|dni| {
            ledger.orders.values().any(|other| {
                other.order_id != order_id
                    && other.dni() == Some(dni)
                    && other.status.is_open_application()
            })
        });
        let next = customer::step(order, action, dni.as_deref(), open_elsewhere)
            .map_err(OrderRefusal::Refused)?;
        let funding_code = match action {
            Action::PayInStore => Some(self.open_financing(&mut ledger, order_id)?),
            _ => None,
        };
        let order = ledger
            .orders
            .get_mut(order_id)
            .ok_or(OrderRefusal::NotFound)?;
        if action == Action::Apply {
            order.applicant_dni = dni;
        }
        if action == Action::PayOnline {
            order.paid_online = true;
        }
        if funding_code.is_some() {
            order.funding_code = funding_code;
        }
        order.status = next;
        let code = order.funding_code.clone();
        let answer = order.clone();
        if next == OrderStatus::Canceled
            && let Some(code) = code
        {
            withdraw_pending(&mut ledger, &code);
        }
        ledger.save();
        Ok(answer)
    }

    /// The in-store down payment's financing of `order_id`, with a fresh funding code.
    fn open_financing(&self, ledger: &mut Ledger, order_id: &str) -> Result<String, OrderRefusal> {
        let order = ledger.orders.get(order_id).ok_or(OrderRefusal::NotFound)?;
        let Some(dni) = order.dni().map(str::to_owned) else {
            return Err("cannot pay in the store without the customer's DNI".into());
        };
        let funding_code = fresh_funding_code(ledger, &order.acuotaz_order);
        let financing = Financing {
            funding_code: funding_code.clone(),
            order_id: order.order_id.clone(),
            dni,
            ruc: None,
            purchase_total: order.amount,
            downpayment_amount: Soles::from_centimos(customer::in_store_downpayment(
                order.amount.centimos(),
            )),
            channel: DownpaymentChannel::Tienda,
            payment: None,
            billed: false,
        };
        ledger.financings.insert(funding_code.clone(), financing);
        Ok(funding_code)
    }
}

/// A 24-hex ObjectId: the creation second, then a number mixed from the order's place and id.
fn object_id(now: Timestamp, index: usize, order_id: &str) -> String {
    let seconds = u32::try_from(now.as_second()).unwrap_or(u32::MAX);
    let seed = order_id.bytes().fold(index as u64, |hash, byte| {
        hash.rotate_left(5) ^ u64::from(byte)
    });
    format!("{seconds:08x}{:016x}", mix(seed))
}

/// A 7-digit funding code no financing has, drawn from `seed`'s hash.
fn fresh_funding_code(ledger: &Ledger, seed: &str) -> String {
    let mut draw = seed
        .bytes()
        .fold(0u64, |hash, byte| hash.rotate_left(7) ^ u64::from(byte));
    loop {
        draw = mix(draw);
        let code = format!("{}", 1_000_000 + draw % 9_000_000);
        let taken = ledger.financings.contains_key(&code)
            || ledger
                .orders
                .values()
                .any(|order| order.funding_code.as_deref() == Some(&code));
        if !taken {
            return code;
        }
    }
}

/// splitmix64's finalizer: spreads a seed over all 64 bits.
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
