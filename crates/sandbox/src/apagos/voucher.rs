//! The voucher the sandbox keeps: what the store typed at register ([`Registration`], never changed),
//! the values aPagos holds now (corrected by the validation), its status and every webhook attempt.
//! Statuses are open text on the wire: the documented ones have names, any other is kept as it is.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use providers::money::Soles;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// A register's body once every field passed `validate`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Registration {
    pub amount: Soles,
    pub date: Date,
    pub operation_number: String,
    pub bank_account_id: String,
    pub order_id: String,
    pub webhook: String,
    pub customer_dni: String,
    pub customer_fullname: String,
    pub receipt: String,
    pub detail: Option<String>,
    pub extra: Option<Map<String, Value>>,
}

/// A voucher's status: the four the document names, or any other text (see `rules`: `IN_REVIEW`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VoucherStatus {
    Pending,
    Validated,
    Invalid,
    Canceled,
    Other(String),
}

impl VoucherStatus {
    pub fn as_str(&self) -> &str {
        match self {
            VoucherStatus::Pending => "PENDING",
            VoucherStatus::Validated => "VALIDATED",
            VoucherStatus::Invalid => "INVALID",
            VoucherStatus::Canceled => "CANCELED",
            VoucherStatus::Other(text) => text,
        }
    }

    /// The status a text names; an unknown text is [`VoucherStatus::Other`], kept exactly.
    pub fn from_text(text: &str) -> VoucherStatus {
        match text {
            "PENDING" => VoucherStatus::Pending,
            "VALIDATED" => VoucherStatus::Validated,
            "INVALID" => VoucherStatus::Invalid,
            "CANCELED" => VoucherStatus::Canceled,
            other => VoucherStatus::Other(other.to_owned()),
        }
    }

    /// A decision the webhook announces (the document: "when a payment is validated or invalidated").
    pub(crate) fn is_announced(&self) -> bool {
        matches!(self, VoucherStatus::Validated | VoucherStatus::Invalid)
    }
}

impl fmt::Display for VoucherStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for VoucherStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One POST to the webhook: when, which status it announced, and what came back (`http_status`) or
/// why nothing did (`error`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallbackAttempt {
    pub at: Timestamp,
    pub status: VoucherStatus,
    pub http_status: Option<u16>,
    pub error: Option<String>,
}

impl CallbackAttempt {
    pub fn succeeded(&self) -> bool {
        self.http_status
            .is_some_and(|code| (200..300).contains(&code))
    }
}

/// The values aPagos matched the voucher with, as `info` shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matched {
    pub amount: Soles,
    pub date: Date,
    pub operation_number: String,
    pub bank_account_id: String,
}

impl Matched {
    pub(crate) fn typed(typed: &Registration) -> Matched {
        Matched {
            amount: typed.amount,
            date: typed.date,
            operation_number: typed.operation_number.clone(),
            bank_account_id: typed.bank_account_id.clone(),
        }
    }
}

/// A registered voucher.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Voucher {
    pub request_id: String,
    pub status: VoucherStatus,
    /// The values `info` answers: the typed ones until a validation corrects them.
    pub matched: Matched,
    pub bank_operation_number: Option<String>,
    pub typed: Registration,
    pub registered_at: Timestamp,
    pub callbacks: Vec<CallbackAttempt>,
}

impl Voucher {
    pub(crate) fn new(request_id: String, typed: Registration) -> Voucher {
        Voucher {
            request_id,
            status: VoucherStatus::Pending,
            matched: Matched::typed(&typed),
            bank_operation_number: None,
            typed,
            registered_at: Timestamp::now(),
            callbacks: Vec::new(),
        }
    }

    /// The `200` body of `info`: exactly the documented fields.
    pub(crate) fn info(&self) -> Value {
        serde_json::json!({
            "request_id": self.request_id,
            "order_id": self.typed.order_id,
            "status": self.status,
            "bank_account_id": self.matched.bank_account_id,
            "operation_number": self.matched.operation_number,
            "amount": self.matched.amount,
            "bank_operation_number": self.bank_operation_number,
            "detail": self.typed.detail,
            "date": self.matched.date.to_string(),
        })
    }

    /// The webhook's body: the voucher's ids and the status decided.
    pub(crate) fn callback_body(&self) -> Value {
        serde_json::json!({
            "request_id": self.request_id,
            "order_id": self.typed.order_id,
            "status": self.status,
        })
    }
}
