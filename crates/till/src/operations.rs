//! [`Till`]: the one public API every front uses to check a financing, mark it paid and billed, undo the
//! billing, fetch the day summary and read this till's history.
//!
//! Inputs arrive as checked types ([`CustomerId`], [`FundingCode`]; see [`crate::identity`]), so nothing
//! malformed can be sent. Every provider call goes through the journal: written before the request
//! leaves, finished with the outcome. A call whose outcome is unknown is reported as such and never as a
//! success or a failure.
//!
//! The async operations do their SQLite work and their PIN checks on blocking threads
//! ([`crate::blocking`]): a commit waiting for the disk or for another process's write lock never holds
//! a worker of the runtime the window and the embedded sandbox answer on.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use jiff::Timestamp;
use jiff::civil::Date;
use providers::apurata::downpayment::{
    CustomerId, DownpaymentApi, DownpaymentStatus, Flavor, FundingCode, FundingInfo,
};
use providers::http::ApiError;
use providers::{ApiToken, HttpSettings, Soles};
use rusqlite::Connection;
use serde::Serialize;

use crate::error::{InputProblem, TillError, UrlProblem};
use crate::identity;
use crate::journal::{self, JournalEntry, NewOperation, OperationKind, OperationState, Outcome};
use crate::mode::Mode;
use crate::people::{Approval, Approved, Person};
use crate::staff::Staff;
use crate::summary::{self, DaySummary};

/// Margin added to the request time limit to make a lease.
const LEASE_MARGIN_MS: i64 = 5_000;

/// Everything a till needs to run; the fronts build it from flags, environment and saved settings.
#[derive(Debug, Clone)]
pub struct TillConfig {
    pub data_dir: PathBuf,
    pub mode: Mode,
    /// The provider's root (`https://apurata.com`, or the sandbox's URL).
    pub api_url: String,
    pub token: ApiToken,
    pub http: HttpSettings,
}

/// The answer of a check, as the cashier needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub info: FundingInfo,
    /// What the cashier collects now: the down payment while it is pending, nothing once it is paid.
    pub amount_to_collect: Soles,
    /// True once the provider says the down payment is paid and the code billed: the product may go.
    pub handover_allowed: bool,
    /// A pay or undo on this code whose outcome is still being resolved: while there is one, the
    /// product is not handed over whatever the provider says.
    pub open_operation: Option<JournalEntry>,
    pub entry: JournalEntry,
}

pub struct Till {
    mode: Mode,
    api: DownpaymentApi,
    pub(crate) connection: Arc<Mutex<Connection>>,
    /// Who is signed in, and the approvals undo needs.
    pub(crate) staff: Arc<Staff>,
    /// How long the process that sends a request owns its journal row: the request's own time limit
    /// and a margin. After that, a row still `pending` belongs to a crashed process and is resolved.
    lease_ms: i64,
    /// Set when `settings.json` was edited outside Caja in live mode: nothing is sent until a
    /// supervisor confirms the settings (see [`crate::settings_seal`]).
    pub(crate) held_for_settings: bool,
}

impl Till {
    /// Opens the till's database (creating and migrating it) and prepares the provider client. Checks
    /// the URL against the mode first: live mode refuses plain http to anything but loopback.
    pub fn open(config: TillConfig) -> Result<Till, TillError> {
        let staff = Arc::new(Staff::open(&config.data_dir)?);
        Till::open_with_staff(config, staff)
    }

    /// Opens the till sharing the fronts' [`Staff`] (who is signed in) and its connection: one
    /// process, one connection to the till's database.
    pub fn open_with_staff(config: TillConfig, staff: Arc<Staff>) -> Result<Till, TillError> {
        let root = config.mode.provider_root(&config.api_url)?;
        if config.token.is_empty() {
            return Err(TillError::MissingToken { mode: config.mode });
        }
        let flavor = match config.mode {
            Mode::Live | Mode::Sandbox => Flavor::V2,
            Mode::Mock => Flavor::Mock,
        };
        let api = DownpaymentApi::new(&root, flavor, config.token, config.http).map_err(|_| {
            TillError::invalid(
                "api_url",
                &config.api_url,
                InputProblem::ApiUrl(UrlProblem::Scheme),
            )
        })?;
        let lease_ms = i64::try_from(config.http.total_timeout.as_millis()).unwrap_or(i64::MAX / 2)
            + LEASE_MARGIN_MS;
        Ok(Till {
            mode: config.mode,
            api,
            connection: staff.shared_connection(),
            staff,
            lease_ms,
            held_for_settings: false,
        })
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn staff(&self) -> &Arc<Staff> {
        &self.staff
    }

    /// `info`: validates a financing and says what to collect. Journaled as a check. An open pay or
    /// undo on the code is tried first, and while one stays open the product may not be handed over.
    pub async fn check(
        &self,
        customer: &CustomerId,
        funding_code: &FundingCode,
    ) -> Result<CheckResult, TillError> {
        self.ensure_settings_confirmed()?;
        let operator = self.require_operator().await?;
        let open_operation = self.resolve_code(funding_code).await?;
        let entry = self
            .begin(
                OperationKind::Check,
                customer,
                funding_code,
                None,
                operator,
                None,
            )
            .await?;
        match self.api.info(customer, funding_code).await {
            Ok(info) => {
                let amount_to_collect = match info.downpayment_status {
                    DownpaymentStatus::Pending => info.downpayment_amount,
                    DownpaymentStatus::Fulfilled => Soles::ZERO,
                };
                let handover_allowed = info.downpayment_status == DownpaymentStatus::Fulfilled
                    && info.billed_by_ecommerce
                    && open_operation.is_none();
                let entry = self
                    .finish(
                        entry,
                        Outcome {
                            state: OperationState::Confirmed,
                            reason: None,
                            http_status: Some(200),
                            downpayment_amount: Some(info.downpayment_amount),
                            next_attempt_ms: None,
                        },
                    )
                    .await?;
                Ok(CheckResult {
                    info,
                    amount_to_collect,
                    handover_allowed,
                    open_operation,
                    entry,
                })
            }
            Err(error) => Err(self.fail(entry, error).await?),
        }
    }

    /// `paid-and-billed`: the down payment is in the till and the sale is billed. Only an `Ok` means the
    /// product may be handed over, and only the provider's own answer or record gives one (see
    /// [`crate::billing`]). Refused with `OperationOpen` while an earlier pay or undo on the code
    /// is still unresolved (it is tried first).
    pub async fn pay(
        &self,
        customer: &CustomerId,
        funding_code: &FundingCode,
    ) -> Result<JournalEntry, TillError> {
        self.ensure_settings_confirmed()?;
        let operator = self.require_operator().await?;
        self.resolve_code(funding_code).await?;
        let amount = self.last_known_downpayment(funding_code).await?;
        let entry = self
            .begin(
                OperationKind::PaidAndBilled,
                customer,
                funding_code,
                amount,
                operator,
                None,
            )
            .await?;
        let result = self.send_paid_and_billed(customer, funding_code).await;
        self.conclude(entry, result).await
    }

    /// `undo-billing`: the code becomes billable again; the down payment stays paid. Only with a DNI or a
    /// RUC 10, refused locally otherwise. Needs a supervisor's approval (PIN and reason) wherever the
    /// till has people or runs live; the journal keeps who asked and who approved.
    pub async fn undo(
        &self,
        customer: &CustomerId,
        funding_code: &FundingCode,
        approval: Option<&Approval>,
    ) -> Result<JournalEntry, TillError> {
        identity::ensure_undo_supported(customer)?;
        self.ensure_settings_confirmed()?;
        let operator = self.require_operator().await?;
        let (mode, approval) = (self.mode, approval.cloned());
        // argon2 on the supervisor's PIN: slow on purpose.
        let approved = self
            .on_staff(move |staff| staff.approval_for(mode, approval.as_ref(), "undo_billing"))
            .await?;
        self.resolve_code(funding_code).await?;
        let amount = self.last_known_downpayment(funding_code).await?;
        let entry = self
            .begin(
                OperationKind::UndoBilling,
                customer,
                funding_code,
                amount,
                operator,
                approved,
            )
            .await?;
        let result = self.send_undo_billing(customer, funding_code).await;
        self.conclude(entry, result).await
    }

    /// The day summary with detail, fresh from the provider and cached; when the provider cannot be
    /// reached, the cached copy marked `from_cache` with its time.
    pub async fn day_summary(&self, day: Date) -> Result<DaySummary, TillError> {
        self.ensure_settings_confirmed()?;
        match self.api.day_summary_detail(day).await {
            Ok(detail) => {
                let fresh = DaySummary {
                    day,
                    mode: self.mode,
                    totals: detail.totals,
                    orders: detail.order_detail,
                    fetched_at: Timestamp::now(),
                    from_cache: false,
                };
                self.in_db(move |db| summary::store(db, &fresh).map(|()| fresh))
                    .await
            }
            Err(error) if error.is_refusal() => Err(TillError::Refused {
                operation: None,
                cause: error,
            }),
            Err(error) => {
                tracing::info!(%day, %error, "day summary unavailable, trying the cached copy");
                let mode = self.mode;
                match self.in_db(move |db| summary::load(db, mode, day)).await? {
                    Some(cached) => Ok(cached),
                    None => Err(TillError::Unavailable { day, cause: error }),
                }
            }
        }
    }

    /// This till's journal in the current mode, newest first; one Lima day or all.
    pub fn history(&self, day: Option<Date>) -> Result<Vec<JournalEntry>, TillError> {
        journal::list(&self.db(), self.mode, day)
    }

    /// [`Till::history`] for async callers: read on a blocking thread.
    pub async fn journal(&self, day: Option<Date>) -> Result<Vec<JournalEntry>, TillError> {
        let mode = self.mode;
        self.in_db(move |db| journal::list(db, mode, day)).await
    }

    /// Who is signed in, required where the rules apply (re-read, idle lock checked; see [`Staff`]).
    pub async fn require_operator(&self) -> Result<Option<Person>, TillError> {
        let mode = self.mode;
        self.on_staff(move |staff| staff.require_operator(mode))
            .await
    }

    async fn last_known_downpayment(
        &self,
        funding_code: &FundingCode,
    ) -> Result<Option<Soles>, TillError> {
        let (mode, code) = (self.mode, funding_code.to_string());
        self.in_db(move |db| journal::last_known_downpayment(db, mode, &code))
            .await
    }

    async fn begin(
        &self,
        kind: OperationKind,
        customer: &CustomerId,
        funding_code: &FundingCode,
        downpayment_amount: Option<Soles>,
        operator: Option<Person>,
        approval: Option<Approved>,
    ) -> Result<JournalEntry, TillError> {
        let (mode, lease_ms) = (self.mode, self.lease_ms);
        let (customer, code) = (customer.clone(), funding_code.clone());
        let entry = self
            .in_db(move |db| {
                let operation = NewOperation {
                    mode,
                    kind,
                    customer: &customer,
                    funding_code: &code,
                    downpayment_amount,
                    operator: operator.as_ref().map(|person| person.name.as_str()),
                    approval: approval.as_ref(),
                };
                journal::begin(db, &operation, lease_ms)
            })
            .await?;
        tracing::info!(
            id = entry.id,
            kind = %kind,
            funding_code = funding_code.as_str(),
            "operation journaled, sending"
        );
        Ok(entry)
    }

    pub(crate) async fn finish(
        &self,
        entry: JournalEntry,
        outcome: Outcome,
    ) -> Result<JournalEntry, TillError> {
        let entry = self
            .in_db(move |db| journal::finish(db, entry, outcome))
            .await?;
        tracing::info!(id = entry.id, state = %entry.state, "operation finished");
        Ok(entry)
    }

    async fn conclude(
        &self,
        entry: JournalEntry,
        result: Result<(), ApiError>,
    ) -> Result<JournalEntry, TillError> {
        match result {
            Ok(()) => {
                let confirmed = Outcome {
                    state: OperationState::Confirmed,
                    reason: None,
                    http_status: Some(200),
                    downpayment_amount: None,
                    next_attempt_ms: None,
                };
                self.finish(entry, confirmed).await
            }
            Err(error) => Err(self.fail(entry, error).await?),
        }
    }

    /// Finishes a row as `rejected` or `unknown` and returns the error to show.
    async fn fail(&self, entry: JournalEntry, error: ApiError) -> Result<TillError, TillError> {
        let operation = Some(entry.kind);
        let outcome = self.outcome_of(&error, entry.attempts);
        self.finish(entry, outcome).await?;
        Ok(if error.is_refusal() {
            TillError::Refused {
                operation,
                cause: error,
            }
        } else {
            TillError::OutcomeUnknown {
                operation,
                cause: error,
            }
        })
    }

    pub(crate) fn api(&self) -> &DownpaymentApi {
        &self.api
    }

    pub(crate) fn lease_ms(&self) -> i64 {
        self.lease_ms
    }

    pub(crate) fn db(&self) -> MutexGuard<'_, Connection> {
        lock(&self.connection)
    }
}

pub(crate) fn lock(connection: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A panic while holding the lock cannot leave a half-written row: every write is one statement or
    // one transaction. So a poisoned lock is safe to keep using.
    connection
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
