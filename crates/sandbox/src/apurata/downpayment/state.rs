//! The financings the sandbox knows and the rules that change them, behind one lock.
//!
//! Rules, from the provider's document and notes:
//! - `paid-and-billed` takes effect once: a PENDING down payment becomes FULFILLED, paid in the store
//!   (origin `external`) on the sandbox's today, and the code becomes billed; a down payment already paid
//!   (online, or before an undo) only becomes billed; an already billed code is left as it is.
//! - `undo-billing` makes a billed code billable again; the down payment stays paid.
//! - A request names the financing by funding code; every identity it sends (the DNI, or the RUC) must
//!   belong to it, otherwise the code "does not exist or not active" for that customer. A financing's
//!   DNI is its applicant's: for a person's RUC (`10...`) the DNI inside it, for a company the
//!   representative's, so either the DNI or the RUC on record identifies the operation.
//!
//! Day summary, as the sandbox reads the document: the orders of day D are the financings whose down
//! payment was paid on Lima day D, whatever the channel. Each `order_detail` row carries the order id,
//! the applicant's DNI, the payment origin and the down payment amount. `total_purchases` sums those
//! orders' purchase totals, `total_paid_in_store` sums the amounts paid with origin `external`, and
//! `total_financed = total_purchases - total_paid_in_store` (so a down payment paid online counts as
//! financed from the store's point of view: the store receives it from the provider, not at its till).
//!
//! Every effective change of the billed flag is appended to a log of [`BillingEvent`]s; the seed is
//! not a change and logs nothing. The log lets tests and soak runs count billings and catch doubles.
//! With a state file, every logged change is also saved (see `persist`).
//!
//! The same lock holds the aCuotaz orders (`apurata::orders`): an order paid in the store owns a
//! financing here, so both change together. Before `info`, `paid-and-billed` and `undo-billing` look a
//! code up, the orders are settled (`orders::state::settle`): an order that expired withdraws its
//! pending financing, and a paid one makes its order funded.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use providers::apurata::downpayment::{
    DaySummaryDetail, DayTotals, FundingInfo, OrderDetail, PaymentOrigin,
};
use providers::money::Soles;

use crate::apurata::downpayment::financing::{BillingEvent, BillingKind, Financing, Payment};
use crate::apurata::downpayment::validate::Lookup;
use crate::apurata::orders::order::Order;
use crate::apurata::orders::state::{OrderSetup, settle};
use crate::fault::{FaultCounts, FaultInjector, FaultPlan};
use crate::lima::Clock;

/// Why a well-formed request is refused (mapped to the documented answers by the routes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// `404 Funding code does not exist or not active`: unknown code, or not this customer's.
    NotFound,
    /// `400 Not billed yet`.
    NotBilledYet,
}

/// What a `paid-and-billed` call changed, for the request log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BillingEffect {
    PaidAndBilled,
    BilledOnly,
    AlreadyBilled,
}

pub(crate) struct Ledger {
    pub(crate) financings: BTreeMap<String, Financing>,
    events: Vec<BillingEvent>,
    /// The aCuotaz orders by the store's order id.
    pub(crate) orders: BTreeMap<String, Order>,
    state_file: Option<PathBuf>,
}

impl Ledger {
    fn find_mut(&mut self, lookup: &Lookup) -> Result<&mut Financing, Refusal> {
        self.financings
            .get_mut(&lookup.funding_code)
            .filter(|financing| lookup.customers.iter().all(|c| financing.belongs_to(c)))
            .ok_or(Refusal::NotFound)
    }

    fn log(&mut self, funding_code: &str, kind: BillingKind) {
        self.events.push(BillingEvent {
            funding_code: funding_code.to_owned(),
            kind,
            at: Timestamp::now(),
        });
        self.save();
    }

    /// Saved under the lock, so the file follows the changes in their order. A failed write leaves the
    /// change in effect here (the caller was answered by then): it is logged, and the next change
    /// writes the whole state again.
    pub(crate) fn save(&self) {
        let Some(path) = &self.state_file else { return };
        let financings = self.financings.values().cloned().collect();
        let orders = self.orders.values().cloned().collect();
        if let Err(error) = crate::apurata::downpayment::persist::save(
            path,
            financings,
            self.events.clone(),
            orders,
        ) {
            tracing::warn!(path = %path.display(), %error, "sandbox state not saved");
        }
    }
}

/// A cheap, cloneable handle on the sandbox's state, shared by the server and its owner.
#[derive(Clone)]
pub struct SandboxState {
    ledger: Arc<Mutex<Ledger>>,
    clock: Clock,
    faults: Arc<FaultInjector>,
    /// The orders API's fixed facts (root, registered store, limits) and its clock.
    orders: Arc<OrderSetup>,
}

impl std::fmt::Debug for SandboxState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxState")
            .field("today", &self.today())
            .finish_non_exhaustive()
    }
}

impl SandboxState {
    /// A state holding `financings` (the demo seed, or what a state file kept) and the billing log so
    /// far; with `state_file`, every change from now on is saved there. `faults` is in force from the
    /// first request, drawn from a generator seeded with `fault_seed`.
    pub(crate) fn new(
        saved: (Vec<Financing>, Vec<BillingEvent>, Vec<Order>),
        clock: Clock,
        state_file: Option<PathBuf>,
        faults: (FaultPlan, u64),
        orders: OrderSetup,
    ) -> Self {
        let (financings, events, order_list) = saved;
        let financings = financings
            .into_iter()
            .map(|financing| (financing.funding_code.clone(), financing))
            .collect();
        let order_map = order_list
            .into_iter()
            .map(|order| (order.order_id.clone(), order))
            .collect();
        let ledger = Ledger {
            financings,
            events,
            orders: order_map,
            state_file,
        };
        SandboxState {
            ledger: Arc::new(Mutex::new(ledger)),
            clock,
            faults: Arc::new(FaultInjector::new(faults.0, faults.1)),
            orders: Arc::new(orders),
        }
    }

    /// The rules never leave the ledger half-changed, so a panic elsewhere while the lock was held
    /// cannot have broken it: keep serving.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The ledger with its orders settled at the orders' now (see the module doc).
    fn settled(&self) -> MutexGuard<'_, Ledger> {
        let mut ledger = self.lock();
        settle(&mut ledger, self.orders.clock.now());
        ledger
    }

    /// The orders API's setup: its root, store, limits and clock.
    pub(crate) fn order_setup(&self) -> &OrderSetup {
        &self.orders
    }

    /// The sandbox's today in Lima (the pinned day, if the configuration pinned one).
    pub fn today(&self) -> Date {
        self.clock.today()
    }

    pub fn financing(&self, funding_code: &str) -> Option<Financing> {
        self.lock().financings.get(funding_code).cloned()
    }

    /// Every financing, by funding code.
    pub fn financings(&self) -> Vec<Financing> {
        self.lock().financings.values().cloned().collect()
    }

    /// The log of effective billing changes, oldest first.
    pub fn billing_events(&self) -> Vec<BillingEvent> {
        self.lock().events.clone()
    }

    /// The fault plan in force.
    pub fn fault_plan(&self) -> FaultPlan {
        self.faults.plan()
    }

    /// Puts `plan` in force from the next request on (an empty plan stops injecting). The generator
    /// and the counts carry on.
    pub fn set_fault_plan(&self, plan: FaultPlan) {
        self.faults.replace(plan, None);
    }

    /// Restarts the faults' generator from `seed`, as if the sandbox had started with it.
    pub fn reseed_faults(&self, seed: u64) {
        self.faults.reseed(seed);
    }

    /// How many faults of each kind hit each endpoint since the start (see `fault`).
    pub fn fault_counts(&self) -> FaultCounts {
        self.faults.counts()
    }

    /// The injector itself, shared: the fault middleware holds it and the admin routes replace its plan.
    pub(crate) fn fault_injector(&self) -> &Arc<FaultInjector> {
        &self.faults
    }

    pub(crate) fn info(&self, lookup: &Lookup) -> Result<FundingInfo, Refusal> {
        self.settled()
            .find_mut(lookup)
            .map(|financing| financing.info())
    }

    pub(crate) fn paid_and_billed(&self, lookup: &Lookup) -> Result<BillingEffect, Refusal> {
        let paid_at = self.clock.now();
        let mut ledger = self.settled();
        let financing = ledger.find_mut(lookup)?;
        if financing.billed {
            return Ok(BillingEffect::AlreadyBilled);
        }
        let effect = match financing.payment {
            Some(_) => BillingEffect::BilledOnly,
            None => {
                financing.payment = Some(Payment {
                    origin: PaymentOrigin::External,
                    paid_at,
                });
                BillingEffect::PaidAndBilled
            }
        };
        financing.billed = true;
        // An order paid in the store is funded now (and saved with the billing just below).
        settle(&mut ledger, self.orders.clock.now());
        ledger.log(&lookup.funding_code, BillingKind::Billed);
        Ok(effect)
    }

    pub(crate) fn undo_billing(&self, lookup: &Lookup) -> Result<(), Refusal> {
        let mut ledger = self.settled();
        let financing = ledger.find_mut(lookup)?;
        if !financing.billed {
            return Err(Refusal::NotBilledYet);
        }
        financing.billed = false;
        ledger.log(&lookup.funding_code, BillingKind::Unbilled);
        Ok(())
    }

    /// The day's totals and orders (see the module doc); `None` only if a sum overflows, which no
    /// seeded or played amount can reach.
    pub(crate) fn day_summary(&self, day: Date) -> Option<DaySummaryDetail> {
        let mut orders: Vec<(DateTime, Soles, OrderDetail)> = self
            .lock()
            .financings
            .values()
            .filter_map(|financing| {
                let payment = financing.payment.filter(|p| p.paid_at.date() == day)?;
                let row = OrderDetail {
                    order_id: financing.order_id.clone(),
                    dni: financing.dni.clone(),
                    payment_origin: payment.origin,
                    amount: financing.downpayment_amount,
                };
                Some((payment.paid_at, financing.purchase_total, row))
            })
            .collect();
        orders.sort_by(|a, b| (a.0, &a.2.order_id).cmp(&(b.0, &b.2.order_id)));
        let total_purchases = Soles::sum(orders.iter().map(|(_, purchase, _)| *purchase))?;
        let total_paid_in_store = Soles::sum(
            orders
                .iter()
                .filter(|(_, _, row)| row.payment_origin == PaymentOrigin::External)
                .map(|(_, _, row)| row.amount),
        )?;
        let total_financed = total_purchases.checked_sub(total_paid_in_store)?;
        Some(DaySummaryDetail {
            totals: DayTotals {
                total_purchases,
                total_paid_in_store,
                total_financed,
            },
            order_detail: orders.into_iter().map(|(_, _, row)| row).collect(),
        })
    }
}
