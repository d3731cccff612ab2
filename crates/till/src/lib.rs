//! The till: Caja's domain and its storage, behind one public API that every front (CLI, desktop) uses.
//!
//! It validates what the cashier typed before anything is sent, journals every provider call in SQLite
//! (state-changing ones durably, before the request leaves), caches the day summary for offline closing,
//! and keeps each mode's data apart.

pub mod aplazame;
mod aplazame_setup;
pub mod audit;
pub mod backup;
pub mod blocking;
pub mod cash;
pub mod central;
pub mod clock;
pub mod country;
pub mod db;
mod downpayment;
pub mod error;
pub mod identity;
pub mod in_flight;
pub mod journal;
pub mod mode;
mod mode_rules;
pub mod offers;
pub mod operation;
mod operations;
mod order_setup;
pub mod orders;
pub mod outbox;
pub mod people;
pub mod secret_file;
mod settings_hold;
pub mod settings_seal;
pub mod shift;
mod shift_rules;
pub mod staff;
pub mod summary;
pub mod tender;
pub mod till_key;
mod voucher_setup;
pub mod vouchers;

pub use cash::CashCount;
pub use country::Country;
pub use db::{DATABASE_FILE, schema_version};
pub use downpayment::CheckResult;
pub use error::{DatabaseProblem, InputProblem, TillError, UrlProblem};
pub use journal::{JournalEntry, OperationKind, OperationState};
pub use mode::Mode;
pub use operations::{Till, TillConfig};
pub use outbox::OutboxReport;
pub use people::{Approval, Approved, Person, Role};
pub use providers::Soles;
pub use providers::apurata::downpayment::{
    CustomerId, DayTotals, Dni, FundingCode, OrderDetail, PaymentOrigin, Ruc,
};
pub use providers::{ApiToken, HttpSettings};
pub use staff::Staff;
pub use summary::DaySummary;
pub use tender::{Payment, Tender};
