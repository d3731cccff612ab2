//! The facts of the doctor's checks ([`crate::doctor`]): what is checked, the verdict, and what each
//! check found, with no words: `wording::doctor` says them. Its own module so that the words and the
//! checks both read it without reading each other.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use till::error::TillError;

/// What is checked, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckName {
    Provider,
    /// aPagos, the bank-transfer vouchers (Peru), when the till has them set up.
    Transfers,
    Clock,
    Database,
    Audit,
    Disk,
    Backup,
    Printer,
    SecretStore,
    Central,
    Pending,
}

/// The verdict of one check, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Ok,
    Warn,
    Fail,
}

/// Which provider a check talked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderName {
    Acuotaz,
    Aplazame,
    Apagos,
}

/// Where the clock was compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeSource {
    Provider,
    Central,
}

/// What a check found: facts for `wording::doctor`.
#[derive(Debug)]
pub enum Finding {
    ProviderAccepted {
        provider: ProviderName,
        url: String,
    },
    ProviderFailed {
        provider: ProviderName,
        url: String,
        error: providers::http::ApiError,
    },
    ProviderNotSetUp {
        provider: ProviderName,
        error: TillError,
    },
    /// aPagos answered about another voucher than the newest the till registered: it does not know it.
    VoucherUnknownAtProvider {
        url: String,
        request_id: String,
    },
    ClockAgrees {
        skew_seconds: i64,
        source: TimeSource,
    },
    ClockOff {
        skew_seconds: i64,
        source: TimeSource,
    },
    ClockNotCompared,
    DatabaseIntact,
    DatabaseDamaged {
        detail: String,
    },
    TillUnopened {
        error: TillError,
    },
    AuditIntact {
        entries: usize,
    },
    AuditBroken {
        findings: usize,
        first: till::audit::Finding,
    },
    AuditUnread {
        error: TillError,
    },
    DiskFree {
        free_bytes: u64,
    },
    DiskLow {
        free_bytes: u64,
    },
    DiskUnknown {
        detail: String,
    },
    BackupNotConfigured,
    BackupNotWritable {
        folder: PathBuf,
        detail: String,
    },
    BackupNever {
        folder: PathBuf,
    },
    BackupRecent {
        hours: i64,
    },
    BackupOld {
        hours: i64,
    },
    PrinterNone,
    PrinterInvalid {
        setting: String,
        detail: String,
    },
    PrinterAnswers {
        printer: String,
    },
    PrinterSilent {
        printer: String,
        detail: String,
    },
    PrinterNotProbed {
        printer: String,
    },
    SecretFromEnvironment,
    SecretKept {
        store: crate::secrets::TokenStore,
    },
    SecretTestToken,
    SecretMissing,
    SecretUnreadable {
        detail: String,
    },
    CentralNotEnrolled,
    CentralAnswered {
        url: String,
    },
    CentralFailed {
        url: String,
        failure: crate::central::CentralFailure,
    },
    PendingNone,
    PendingSome {
        operations: i64,
        orders: i64,
        vouchers: i64,
        checkouts: i64,
    },
    PendingUnread {
        error: TillError,
    },
}

/// One check's verdict.
#[derive(Debug)]
pub struct Outcome {
    pub check: CheckName,
    pub status: CheckStatus,
    pub finding: Finding,
}

impl Outcome {
    pub fn new(check: CheckName, status: CheckStatus, finding: Finding) -> Outcome {
        Outcome {
            check,
            status,
            finding,
        }
    }
}
