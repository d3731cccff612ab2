//! The checkouts, the IPN timing and the fault plan, behind one lock, in a cheap cloneable handle
//! shared by the routes, the admin routes and the owner (`RunningSandbox::aplazame`). Each checkout
//! has its own queue of IPNs, worked by one task (`ipn::work`) in the order the changes happened, so
//! the store hears `in_process` before `confirmation_required`. Checkout ids are 24 lowercase hex
//! digits: the Unix time in seconds, 5 random bytes per sandbox and a counter.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

use crate::aplazame::buyer::{self, Refusal};
use crate::aplazame::checkout::{Checkout, IpnAttempt, KoReason, Stage};
use crate::aplazame::faults::{AplazameFault, AplazameFaults};
use crate::aplazame::ipn::{self, Job};
use crate::aplazame::validate::Accepted;

/// How the IPNs are retried, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AplazameTiming {
    /// The wait before an IPN's second attempt, doubled after each one (default 1000).
    pub ipn_first_retry_ms: u64,
    /// How long an IPN keeps trying from its first attempt (default 30000); a confirmation not given
    /// by then is `ko`/`merchant_failed_to_confirm`.
    pub ipn_window_ms: u64,
    /// The longest one attempt waits for the store's answer (default 10000).
    pub ipn_attempt_timeout_ms: u64,
}

impl Default for AplazameTiming {
    fn default() -> Self {
        AplazameTiming {
            ipn_first_retry_ms: 1_000,
            ipn_window_ms: 30_000,
            ipn_attempt_timeout_ms: 10_000,
        }
    }
}

/// The store's answer to a confirmation, or its absence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Settlement {
    Confirmed,
    Rejected,
    NoAnswer,
}

struct Inner {
    /// In the order they were created.
    checkouts: Vec<Checkout>,
    queues: HashMap<String, UnboundedSender<Job>>,
    timing: AplazameTiming,
    faults: AplazameFaults,
    random: [u8; 5],
    counter: u32,
}

impl Inner {
    fn find_mut(&mut self, id: &str) -> Option<&mut Checkout> {
        self.checkouts.iter_mut().find(|checkout| checkout.id == id)
    }

    fn next_id(&mut self) -> String {
        self.counter = self.counter.wrapping_add(1) & 0x00ff_ffff;
        let seconds = Timestamp::now().as_second() as u32;
        format!(
            "{seconds:08x}{}{:06x}",
            hex::encode(self.random),
            self.counter
        )
    }

    /// Moves `id` to `stage` and queues its IPN (a confirmation for `confirmation_required`).
    fn change(&mut self, id: &str, stage: Stage) -> Option<Checkout> {
        let checkout = self.find_mut(id)?;
        checkout.stage = stage;
        checkout.version += 1;
        let changed = checkout.clone();
        let job = Job {
            version: changed.version,
            stage,
            body: serde_json::to_value(changed.status()).unwrap_or(Value::Null),
        };
        if let Some(queue) = self.queues.get(id) {
            let _ = queue.send(job);
        }
        Some(changed)
    }
}

/// A handle on the Aplazame checkouts (see the module doc).
#[derive(Clone)]
pub struct AplazameState {
    inner: Arc<Mutex<Inner>>,
    /// The IPNs' client: no redirects followed, no credentials.
    pub(crate) http: reqwest::Client,
}

impl std::fmt::Debug for AplazameState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AplazameState")
            .field("checkouts", &self.lock().checkouts.len())
            .finish_non_exhaustive()
    }
}

/// Why a buyer's action was not played.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ActRefusal {
    NoCheckout,
    Action(Refusal),
}

impl AplazameState {
    pub(crate) fn new() -> AplazameState {
        let seed = RandomState::new().hash_one(std::process::id());
        let bytes = seed.to_be_bytes();
        let inner = Inner {
            checkouts: Vec::new(),
            queues: HashMap::new(),
            timing: AplazameTiming::default(),
            faults: AplazameFaults::default(),
            random: [bytes[0], bytes[1], bytes[2], bytes[3], bytes[4]],
            counter: u32::from_be_bytes([0, bytes[5], bytes[6], bytes[7]]),
        };
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        AplazameState {
            inner: Arc::new(Mutex::new(inner)),
            http,
        }
    }

    /// Nothing is left half-changed under the lock: keep serving after a panic elsewhere.
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every checkout, in the order created.
    pub fn checkouts(&self) -> Vec<Checkout> {
        self.lock().checkouts.clone()
    }

    pub fn checkout(&self, id: &str) -> Option<Checkout> {
        self.lock()
            .checkouts
            .iter()
            .find(|checkout| checkout.id == id)
            .cloned()
    }

    pub fn timing(&self) -> AplazameTiming {
        self.lock().timing
    }

    /// From the next IPN on.
    pub fn set_timing(&self, timing: AplazameTiming) {
        self.lock().timing = timing;
    }

    /// The faults still to inject.
    pub fn faults(&self) -> AplazameFaults {
        self.lock().faults
    }

    /// Replaces the faults still to inject (see `faults`).
    pub fn set_faults(&self, faults: AplazameFaults) {
        self.lock().faults = faults;
    }

    pub(crate) fn take_fault(&self, fault: AplazameFault) -> bool {
        self.lock().faults.take(fault)
    }

    /// The failure answer a `fail_*` fault gives.
    pub(crate) fn failure(&self) -> axum::response::Response {
        self.lock().faults.failure()
    }

    /// Stores a new checkout, `pending` and not yet opened, and starts its IPN queue (on the current
    /// tokio runtime). `None`: a checkout already has this order id.
    pub(crate) fn create(&self, accepted: Accepted, sandbox: bool) -> Option<Checkout> {
        let (checkout, jobs) = {
            let mut inner = self.lock();
            if inner
                .checkouts
                .iter()
                .any(|known| known.mid == accepted.mid)
            {
                return None;
            }
            let checkout = Checkout {
                id: inner.next_id(),
                mid: accepted.mid,
                total_amount: accepted.total_amount,
                sandbox,
                stage: Stage::Created,
                ipn_url: accepted.ipn_url,
                request: accepted.request,
                created_at: Timestamp::now(),
                ipns: Vec::new(),
                version: 0,
            };
            let (queue, jobs) = unbounded_channel();
            inner.queues.insert(checkout.id.clone(), queue);
            inner.checkouts.push(checkout.clone());
            (checkout, jobs)
        };
        tokio::spawn(ipn::work(self.clone(), checkout.id.clone(), jobs));
        Some(checkout)
    }

    /// Plays the buyer's `action` (see `buyer`) and queues the IPN of the change.
    pub(crate) fn act(&self, id: &str, action: &str) -> Result<Checkout, ActRefusal> {
        let mut inner = self.lock();
        let stage = inner
            .find_mut(id)
            .map(|checkout| checkout.stage)
            .ok_or(ActRefusal::NoCheckout)?;
        let next = buyer::next(stage, action).map_err(ActRefusal::Action)?;
        inner.change(id, next).ok_or(ActRefusal::NoCheckout)
    }

    /// Whether the checkout is still as it was at `version` (a confirmation is still wanted).
    pub(crate) fn still_at(&self, id: &str, version: u64) -> bool {
        self.lock()
            .checkouts
            .iter()
            .any(|checkout| checkout.id == id && checkout.version == version)
    }

    /// The store's answer to the confirmation asked at `version`, if the checkout is still waiting for
    /// it: `ok`, or `ko` with the reason.
    pub(crate) fn settle(&self, id: &str, version: u64, settlement: Settlement) {
        let stage = match settlement {
            Settlement::Confirmed => Stage::Ok,
            Settlement::Rejected => Stage::Ko(KoReason::ConfirmationRejectedByMerchant),
            Settlement::NoAnswer => Stage::Ko(KoReason::MerchantFailedToConfirm),
        };
        let mut inner = self.lock();
        let waiting = inner.find_mut(id).is_some_and(|checkout| {
            checkout.version == version && checkout.stage == Stage::ConfirmationRequired
        });
        if waiting && let Some(settled) = inner.change(id, stage) {
            tracing::info!(
                id,
                stage = settled.stage.label(),
                "sandbox Aplazame checkout settled"
            );
        }
    }

    /// Where the IPNs of `id` go.
    pub(crate) fn ipn_url(&self, id: &str) -> Option<String> {
        self.lock()
            .checkouts
            .iter()
            .find(|checkout| checkout.id == id)
            .and_then(|checkout| checkout.ipn_url.clone())
    }

    pub(crate) fn record(&self, id: &str, attempt: IpnAttempt) {
        if let Some(checkout) = self.lock().find_mut(id) {
            checkout.ipns.push(attempt);
        }
    }
}
