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
