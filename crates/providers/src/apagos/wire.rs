//! The JSON of aPagos' `info` answer, as `apagos-vouchers-api.txt` documents it, pinned to its literal
//! example by `tests/apagos_wire.rs`. The amount is a JSON number in soles, read once into [`Soles`]
//! (never float arithmetic); the status is kept as its text when it is not one the document lists
//! (`cancel` shows `PENDING` and `CANCELED` although `info` documents only two).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::money::Soles;

/// The id aPagos gives a voucher at register: "the string representation of an ObjectId", 24 hex digits.
/// Checked before it goes into a path, since a callback that names it is unauthenticated.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(String);

impl RequestId {
    pub fn parse(text: &str) -> Option<RequestId> {
        let text = text.trim();
        (text.len() == 24 && text.bytes().all(|byte| byte.is_ascii_hexdigit()))
            .then(|| RequestId(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A voucher's status. `info` documents `VALIDATED` and `INVALID`; anything else is kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VoucherStatus {
    Validated,
    Invalid,
    Pending,
    Canceled,
    Other(String),
}

impl VoucherStatus {
    pub fn as_str(&self) -> &str {
        match self {
            VoucherStatus::Validated => "VALIDATED",
            VoucherStatus::Invalid => "INVALID",
            VoucherStatus::Pending => "PENDING",
            VoucherStatus::Canceled => "CANCELED",
            VoucherStatus::Other(text) => text,
        }
    }

    pub fn from_text(text: &str) -> VoucherStatus {
        match text {
            "VALIDATED" => VoucherStatus::Validated,
            "INVALID" => VoucherStatus::Invalid,
            "PENDING" => VoucherStatus::Pending,
            "CANCELED" => VoucherStatus::Canceled,
            other => VoucherStatus::Other(other.to_owned()),
        }
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

impl<'de> Deserialize<'de> for VoucherStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(VoucherStatus::from_text(&String::deserialize(
            deserializer,
        )?))
    }
}

/// `200` answer of `GET unchecked_payment/info/{request_id}`. Amount, date, operation number and account
/// are the ones aPagos matched, which may differ from those registered: show these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoucherInfo {
    pub request_id: String,
    /// The store's own id of the payment, passed back untouched (Caja's start with `STORE-TILL-`).
    pub order_id: String,
    pub status: VoucherStatus,
    pub amount: Soles,
    /// `YYYY-MM-DD`.
    pub date: jiff::civil::Date,
    pub operation_number: String,
    pub bank_account_id: String,
    /// Scraped from the bank's records; absent until the voucher is matched.
    #[serde(default)]
    pub bank_operation_number: Option<String>,
    #[serde(default)]
    pub detail: Option<String>,
}

/// The body of `POST unchecked_payment/register`. Amount, date and operation number are what the
/// customer's receipt shows as typed at the till: aPagos takes them as referential and may correct them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVoucher {
    pub amount: Soles,
    /// `YYYY-MM-DD`, the transfer's date in Lima.
    pub date: jiff::civil::Date,
    pub operation_number: String,
    /// One of the accounts given to aPagos at onboarding.
    pub bank_account_id: String,
    /// Caja's own id of the voucher (`STORE-TILL-…`), unique: aPagos passes it back untouched.
    pub order_id: String,
    /// Where aPagos calls back: Caja Central's `/webhooks/apagos/{store}`.
    pub webhook: url::Url,
    pub customer_dni: String,
    pub customer_fullname: String,
    /// The public, expiring URL of the receipt's image (hosted by Caja Central).
    pub receipt: url::Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// `200` answer of register.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Registered {
    pub request_id: String,
}

/// The body of `POST unchecked_payment/cancel/{request_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CancelRequest<'a> {
    pub expected_status: &'a str,
}

/// `200` answer of cancel: `canceled` "should always be true".
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Canceled {
    pub canceled: bool,
}

/// The `400` JSON of a cancel whose `expected_status` was not the voucher's. `error_code` is typed Bool
/// in the document but is a string (`invalid_status`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CancelRefusal {
    #[serde(default)]
    pub canceled: bool,
    pub error_code: String,
    #[serde(default)]
    pub error_detail: Option<String>,
    pub extra_data: CancelRefusalData,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CancelRefusalData {
    pub status: VoucherStatus,
}
