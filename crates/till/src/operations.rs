//! [`Till`]: the one public API every front uses. This module opens it (its database, through the
//! staff's connection, and the provider clients) and owns the journaled path every provider operation
//! takes: [`Till::begin`] writes the row before the request leaves, [`Till::conclude`] or [`Till::fail`]
//! finish it with the outcome. Each provider API's operations live in a module of their own that uses
//! this path (`downpayment`: check, pay, undo, day summary).
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

use jiff::civil::Date;
use providers::apurata::downpayment::{CustomerId, DownpaymentApi, Flavor, FundingCode};
use providers::http::ApiError;
use providers::{ApiToken, HttpSettings, ProviderRoot, Soles};
use rusqlite::Connection;

use crate::error::{InputProblem, TillError, UrlProblem};
use crate::journal::{self, JournalEntry, NewOperation, OperationKind, OperationState, Outcome};
use crate::mode::Mode;
use crate::offers::{Country, Provider};
use crate::people::{Approved, Person};
use crate::shift_rules::ShiftRules;
use crate::staff::Staff;
use crate::tender::Payment;

/// Margin added to the request time limit to make a lease.
const LEASE_MARGIN_MS: i64 = 5_000;

/// What a journal row records beside the operation itself.
#[derive(Debug, Default)]
pub(crate) struct Record {
    pub downpayment_amount: Option<Soles>,
    pub operator: Option<Person>,
    pub approval: Option<Approved>,
    pub payment: Option<Payment>,
    pub collect: Option<Soles>,
}

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

pub struct Till {
    mode: Mode,
    /// Where the store sells: it decides which providers this till offers ([`Till::with_country`]).
    country: Country,
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
    shift_rules: ShiftRules,
    /// What the orders client is built from, when credit sales are set up ([`Till::with_orders`]).
    provider: (ProviderRoot, ApiToken, HttpSettings),
    pub(crate) orders: Option<crate::order_setup::OrdersLink>,
    /// The aPagos client and settings, when bank-transfer vouchers are set up (`Till::with_vouchers`).
    pub(crate) vouchers: Option<crate::voucher_setup::VouchersLink>,
    /// The Aplazame client and settings, when POS checkouts are set up (`Till::with_aplazame`).
    pub(crate) aplazame: Option<crate::aplazame_setup::AplazameLink>,
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
        let provider = (root.clone(), config.token.clone(), config.http);
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
            country: Country::default(),
            api,
            connection: staff.shared_connection(),
            staff,
            lease_ms,
            held_for_settings: false,
            shift_rules: ShiftRules::default(),
            provider,
            orders: None,
            vouchers: None,
            aplazame: None,
        })
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The store's country (Peru unless set): only its providers are offered, whatever else is set up.
    pub fn with_country(mut self, country: Country) -> Till {
        self.country = country;
        self
    }

    pub fn country(&self) -> Country {
        self.country
    }

    /// Refuses a provider the store's country does not offer, before anything is journaled or sent.
    /// What is already in the journal stays readable.
    pub fn ensure_offered(&self, provider: Provider) -> Result<(), TillError> {
        if self.country.offers(provider) {
            Ok(())
        } else {
            Err(TillError::NotOffered {
                provider,
                country: self.country,
            })
        }
    }

    /// The tolerance at closing and the threshold of cash movements that need a supervisor, from the
    /// till's settings (the defaults otherwise).
    pub fn with_shift_rules(mut self, rules: ShiftRules) -> Till {
        self.shift_rules = rules;
        self
    }

    /// Sets up credit sales (aCuotaz orders) with the store's settings.
    pub fn with_orders(
        mut self,
        setup: crate::order_setup::OrdersSetup,
    ) -> Result<Till, TillError> {
        let (root, token, http) = &self.provider;
        let api = providers::apurata::orders::OrdersApi::new(
            root,
            setup.pos_client_id.clone(),
            token.clone(),
            *http,
        )
        .map_err(|_| {
            TillError::invalid(
                "api_url",
                &root.to_string(),
                InputProblem::ApiUrl(UrlProblem::Scheme),
            )
        })?;
        self.orders = Some(crate::order_setup::OrdersLink { api, setup });
        Ok(self)
    }

    pub fn shift_rules(&self) -> ShiftRules {
        self.shift_rules
    }

    pub fn staff(&self) -> &Arc<Staff> {
        &self.staff
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

    pub(crate) async fn begin(
        &self,
        kind: OperationKind,
        customer: &CustomerId,
        funding_code: &FundingCode,
        record: Record,
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
                    downpayment_amount: record.downpayment_amount,
                    operator: record.operator.as_ref().map(|person| person.name.as_str()),
                    approval: record.approval.as_ref(),
                    payment: record.payment.as_ref(),
                    collect: record.collect,
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

    pub(crate) async fn conclude(
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
                    collect: None,
                };
                self.finish(entry, confirmed).await
            }
            Err(error) => Err(self.fail(entry, error).await?),
        }
    }

    /// Finishes a row as `rejected` or `unknown` and returns the error to show.
    pub(crate) async fn fail(
        &self,
        entry: JournalEntry,
        error: ApiError,
    ) -> Result<TillError, TillError> {
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

    /// The transport settings every provider client of this till shares.
    pub(crate) fn http_settings(&self) -> HttpSettings {
        self.provider.2
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
