//! The aPagos vouchers, the onboarded accounts, the timing and the fault plan, behind one lock, in a
//! cheap cloneable handle shared by the routes, the admin routes and the owner
//! (`RunningSandbox::apagos`). A register stores its voucher and starts the validation: a task that
//! waits the validation delay, decides (`rules`) if the voucher is still `PENDING`, and for `VALIDATED`
//! or `INVALID` delivers the webhook (`callback`). Request ids are ObjectIds: 4 bytes of the Unix time
//! in seconds, 5 random bytes per sandbox and a 3-byte counter, as 24 lowercase hex digits.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::apagos::callback::{self, Retries};
use crate::apagos::faults::{ApagosEndpoint, ApagosFault, ApagosFaults};
use crate::apagos::rules;
use crate::apagos::voucher::{Registration, Voucher, VoucherStatus};

/// How long the validation takes and how long the webhook keeps trying, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApagosTiming {
    /// From the register to the decision (default 5000).
    pub validation_delay_ms: u64,
    /// The wait before the webhook's second attempt, doubled after each one (default 1000).
    pub callback_first_retry_ms: u64,
    /// How long the webhook keeps trying from its first attempt (default 45000).
    pub callback_window_ms: u64,
    /// The longest one attempt waits for the webhook's answer (default 10000).
    pub callback_attempt_timeout_ms: u64,
}

impl Default for ApagosTiming {
    fn default() -> Self {
        ApagosTiming {
            validation_delay_ms: 5_000,
            callback_first_retry_ms: 1_000,
            callback_window_ms: 45_000,
            callback_attempt_timeout_ms: 10_000,
        }
    }
}

impl ApagosTiming {
    fn retries(&self) -> Retries {
        Retries {
            first_retry: Duration::from_millis(self.callback_first_retry_ms),
            window: Duration::from_millis(self.callback_window_ms),
            attempt_timeout: Duration::from_millis(self.callback_attempt_timeout_ms),
        }
    }
}

/// Why a cancel is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CancelRefusal {
    NotFound,
    /// The voucher is in this status, not the expected one.
    InvalidStatus(VoucherStatus),
}

struct Inner {
    /// In the order they were registered.
    vouchers: Vec<Voucher>,
    accounts: Vec<String>,
    timing: ApagosTiming,
    faults: ApagosFaults,
    random: [u8; 5],
    counter: u32,
}

/// A handle on the aPagos vouchers (see the module doc).
#[derive(Clone)]
pub struct ApagosState {
    inner: Arc<Mutex<Inner>>,
    /// The webhook's client: no redirects followed, no credentials.
    http: reqwest::Client,
}

impl std::fmt::Debug for ApagosState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApagosState")
            .field("vouchers", &self.lock().vouchers.len())
            .finish_non_exhaustive()
    }
}

impl ApagosState {
    /// No vouchers yet; `accounts` are the store's onboarded bank accounts.
    pub(crate) fn new(accounts: Vec<String>) -> ApagosState {
        let seed = RandomState::new().hash_one(std::process::id());
        let bytes = seed.to_be_bytes();
        let inner = Inner {
            vouchers: Vec::new(),
            accounts,
            timing: ApagosTiming::default(),
            faults: ApagosFaults::default(),
            random: [bytes[0], bytes[1], bytes[2], bytes[3], bytes[4]],
            counter: u32::from_be_bytes([0, bytes[5], bytes[6], bytes[7]]),
        };
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        ApagosState {
            inner: Arc::new(Mutex::new(inner)),
            http,
        }
    }

    /// Nothing is left half-changed under the lock: keep serving after a panic elsewhere.
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every voucher, in the order they were registered.
    pub fn vouchers(&self) -> Vec<Voucher> {
        self.lock().vouchers.clone()
    }

    pub fn voucher(&self, request_id: &str) -> Option<Voucher> {
        self.lock()
            .vouchers
            .iter()
            .find(|voucher| voucher.request_id == request_id)
            .cloned()
    }

    /// The store's onboarded bank accounts.
    pub fn accounts(&self) -> Vec<String> {
        self.lock().accounts.clone()
    }

    pub fn timing(&self) -> ApagosTiming {
        self.lock().timing
    }

    /// From the next register (validation delay) and the next decision (callbacks) on.
    pub fn set_timing(&self, timing: ApagosTiming) {
        self.lock().timing = timing;
    }

    /// The faults still to inject.
    pub fn faults(&self) -> ApagosFaults {
        self.lock().faults
    }

    /// Replaces the faults still to inject (see `faults`).
    pub fn set_faults(&self, faults: ApagosFaults) {
        self.lock().faults = faults;
    }

    pub(crate) fn take_fault(&self, endpoint: ApagosEndpoint, fault: ApagosFault) -> bool {
        self.lock().faults.take(endpoint, fault)
    }

    /// The failure answer a `fail_*` fault gives.
    pub(crate) fn failure(&self) -> axum::response::Response {
        self.lock().faults.failure()
    }

    /// Stores a voucher as `PENDING` and starts its validation (on the current tokio runtime).
    pub(crate) fn register(&self, typed: Registration) -> Voucher {
        let (voucher, delay) = {
            let mut inner = self.lock();
            let request_id = inner.next_request_id();
            let voucher = Voucher::new(request_id, typed);
            inner.vouchers.push(voucher.clone());
            (voucher, inner.timing.validation_delay_ms)
        };
        let state = self.clone();
        let request_id = voucher.request_id.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(delay)).await;
            state.decide(&request_id);
        });
        voucher
    }

    /// The validation's decision, for a voucher still `PENDING`.
    fn decide(&self, request_id: &str) {
        let decided = {
            let mut inner = self.lock();
            let accounts = inner.accounts.clone();
            let Some(voucher) = inner.find_mut(request_id) else {
                return;
            };
            if voucher.status != VoucherStatus::Pending {
                return;
            }
            let decision = rules::decide(&voucher.typed, &accounts);
            voucher.status = decision.status;
            if let Some((matched, bank_operation_number)) = decision.matched {
                voucher.matched = matched;
                voucher.bank_operation_number = Some(bank_operation_number);
            }
            voucher.clone()
        };
        tracing::info!(request_id, status = %decided.status, "sandbox aPagos voucher decided");
        self.announce(&decided);
    }

    /// Puts a voucher in `status` as an admin decision: `VALIDATED` applies the validated values (see
    /// `rules::validated`), every other status leaves them and clears the bank's operation number.
    /// `VALIDATED` and `INVALID` are announced to the webhook (needs a tokio runtime). `None`: no
    /// such voucher.
    pub fn set_status(&self, request_id: &str, status: VoucherStatus) -> Option<Voucher> {
        let changed = {
            let mut inner = self.lock();
            let accounts = inner.accounts.clone();
            let voucher = inner.find_mut(request_id)?;
            if status == VoucherStatus::Validated {
                let (matched, bank_operation_number) = rules::validated(&voucher.typed, &accounts);
                voucher.matched = matched;
                voucher.bank_operation_number = Some(bank_operation_number);
            } else {
                voucher.bank_operation_number = None;
            }
            voucher.status = status;
            voucher.clone()
        };
        self.announce(&changed);
        Some(changed)
    }

    /// Starts the webhook's delivery for a `VALIDATED` or `INVALID` voucher.
    fn announce(&self, voucher: &Voucher) {
        if !voucher.status.is_announced() {
            return;
        }
        let retries = self.timing().retries();
        let state = self.clone();
        let request_id = voucher.request_id.clone();
        let delivery = callback::deliver(
            self.http.clone(),
            voucher.typed.webhook.trim().to_owned(),
            voucher.callback_body(),
            voucher.status.clone(),
            retries,
            move |attempt| {
                if let Some(voucher) = state.lock().find_mut(&request_id) {
                    voucher.callbacks.push(attempt);
                }
            },
        );
        tokio::spawn(delivery);
    }

    /// `cancel`: `CANCELED` when `expected` is the voucher's status.
    pub(crate) fn cancel(&self, request_id: &str, expected: &str) -> Result<(), CancelRefusal> {
        let mut inner = self.lock();
        let voucher = inner.find_mut(request_id).ok_or(CancelRefusal::NotFound)?;
        if voucher.status.as_str() != expected {
            return Err(CancelRefusal::InvalidStatus(voucher.status.clone()));
        }
        voucher.status = VoucherStatus::Canceled;
        voucher.bank_operation_number = None;
        Ok(())
    }
}

impl Inner {
    fn find_mut(&mut self, request_id: &str) -> Option<&mut Voucher> {
        self.vouchers
            .iter_mut()
            .find(|voucher| voucher.request_id == request_id)
    }

    fn next_request_id(&mut self) -> String {
        let seconds = u32::try_from(jiff::Timestamp::now().as_second()).unwrap_or(u32::MAX);
        self.counter = self.counter.wrapping_add(1) & 0x00ff_ffff;
        let counter = self.counter.to_be_bytes();
        let mut bytes = Vec::with_capacity(12);
        bytes.extend_from_slice(&seconds.to_be_bytes());
        bytes.extend_from_slice(&self.random);
        bytes.extend_from_slice(&counter[1..]);
        hex::encode(bytes)
    }
}
