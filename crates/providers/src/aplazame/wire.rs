//! The checkout status object of Aplazame's POS document, the same in the status answer and in the IPN,
//! pinned to the document's literal JSON by `tests/aplazame.rs`. `total_amount` is integer cents of
//! `currency` (`12050` is 120.50 EUR): a number with a fraction is refused, never rounded. The body that
//! creates a checkout is [`request`].

pub mod request;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// "Checkout ID set by Aplazame". Its format is not documented: letters, digits, `-` and `_`, at most
/// 64, so that an id read from an unauthenticated IPN cannot steer the path it is put in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CheckoutId(String);

impl CheckoutId {
    pub fn parse(text: &str) -> Option<CheckoutId> {
        let text = text.trim();
        ((1..=64).contains(&text.len())
            && text
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'))
        .then(|| CheckoutId(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CheckoutId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `status`: `pending`, `ok` or `ko`; anything else kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CheckoutState {
    Pending,
    Ok,
    Ko,
    Other(String),
}

impl CheckoutState {
    pub fn as_str(&self) -> &str {
        match self {
            CheckoutState::Pending => "pending",
            CheckoutState::Ok => "ok",
            CheckoutState::Ko => "ko",
            CheckoutState::Other(text) => text,
        }
    }

    pub fn from_text(text: &str) -> CheckoutState {
        match text {
            "pending" => CheckoutState::Pending,
            "ok" => CheckoutState::Ok,
            "ko" => CheckoutState::Ko,
            other => CheckoutState::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for CheckoutState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CheckoutState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CheckoutState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(CheckoutState::from_text(&String::deserialize(
            deserializer,
        )?))
    }
}

/// ISO 4217 as the document writes it: `{"name": "Euro", "code": "EUR", "numeric": "978"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Currency {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numeric: Option<String>,
}

/// `200` answer of `GET checkout/{id}/status`, and the body of an IPN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutStatus {
    pub id: String,
    /// The store's order id (Caja's start with `STORE-TILL-`), or one Aplazame generated.
    pub mid: String,
    /// Integer cents of `currency`.
    pub total_amount: i64,
    pub currency: Currency,
    pub status: CheckoutState,
    /// Empty for `ok` (the document's table gives none).
    #[serde(default)]
    pub status_reason: Option<String>,
    /// A sandbox checkout is never a real sale, and a real one never a test.
    pub sandbox: bool,
}

impl CheckoutStatus {
    /// The fields on which `other` says something else, by name (`status`, `total_amount`, …): how an
    /// IPN is compared with the status read back.
    pub fn differences(&self, other: &CheckoutStatus) -> Vec<&'static str> {
        let reason = |status: &CheckoutStatus| status.status_reason.clone().unwrap_or_default();
        [
            ("id", self.id != other.id),
            ("mid", self.mid != other.mid),
            ("total_amount", self.total_amount != other.total_amount),
            ("currency", self.currency.code != other.currency.code),
            ("status", self.status != other.status),
            ("status_reason", reason(self) != reason(other)),
            ("sandbox", self.sandbox != other.sandbox),
        ]
        .into_iter()
        .filter_map(|(name, differs)| differs.then_some(name))
        .collect()
    }
}
