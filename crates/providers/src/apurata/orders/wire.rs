//! The JSON shapes of the aCuotaz orders API, as "aCuotaz orders API" (`acuotaz-orders-api.txt`)
//! documents them, with the field names its "Data constraints" lost taken from the provider's public
//! documentation (`NOTES.md`). Pinned to the document's literal JSON by `tests/orders_wire.rs`.
//!
//! Answers are read the way a careful client must: unknown fields are ignored, an order id may come back
//! as a number, and a status the document does not list is kept as its text ([`OrderStatus::Other`])
//! rather than failing the whole answer.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ids::{CustomerName, ExpirationTs, MobilePhone, OrderId, PosClientId};
use crate::apurata::downpayment::Dni;
use crate::money::Soles;

/// `200` answer of `GET pos/client/landing_config`: what can be financed. Amounts are whole soles on the
/// wire (`[int]`), read as [`Soles`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LandingConfig {
    #[serde(default)]
    pub landing_version: String,
    pub min_amount: Soles,
    pub max_amount: Soles,
    pub min_steps: u32,
    pub max_steps: u32,
}

impl LandingConfig {
    /// True when the provider finances `amount` (both limits included).
    pub fn finances(&self, amount: Soles) -> bool {
        self.min_amount <= amount && amount <= self.max_amount
    }
}

/// `customer_data` of a create request: what the till knows of the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerData {
    pub dni: Dni,
    pub name: CustomerName,
    pub phone: MobilePhone,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_city: Option<String>,
}

/// Body of `POST pos/order/create`. Built from checked values only; the till keeps the exact bytes it
/// sent (see [`CreateBody`]) and sends those same bytes again on every retry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreateOrder {
    pub amount: Soles,
    pub acuotaz_send_sms: bool,
    pub order_id: OrderId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_ts: Option<ExpirationTs>,
    pub pos_client_id: PosClientId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub url_redir_on_canceled: String,
    pub url_redir_on_rejected: String,
    pub url_redir_on_success: String,
    pub url_redir_on_downpayment: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_redir_on_order_detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_data: Option<CustomerData>,
}

/// The exact JSON text of one create request: written once, journaled, and sent byte for byte on every
/// attempt, so a retry can never become a different order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateBody(String);

impl CreateBody {
    pub fn of(order: &CreateOrder) -> Self {
        // A struct of strings, booleans and a finite amount always serialises.
        CreateBody(serde_json::to_string(order).unwrap_or_default())
    }

    /// A body read back from the journal, as it was written.
    pub fn from_journal(text: String) -> Self {
        CreateBody(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreateStatus {
    NewOrder,
    /// The id existed: the provider kept the first order and answers its link again.
    AlreadyCreated,
}

/// `200` answer of `POST pos/order/create`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    pub redirect_to: String,
    pub status: CreateStatus,
}

/// Where an order is, as `GET pos/order/{id}` and the webhooks say it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OrderStatus {
    Initial,
    Created,
    Approved,
    OnHold,
    Validated,
    Funded,
    Rejected,
    Canceled,
    /// Only in webhooks; the read endpoint shows an expired order as `canceled`.
    Expired,
    /// A status the document does not list, kept as the provider wrote it.
    Other(String),
}

impl OrderStatus {
    pub fn as_str(&self) -> &str {
        match self {
            OrderStatus::Initial => "initial",
            OrderStatus::Created => "created",
            OrderStatus::Approved => "approved",
            OrderStatus::OnHold => "onhold",
            OrderStatus::Validated => "validated",
            OrderStatus::Funded => "funded",
            OrderStatus::Rejected => "rejected",
            OrderStatus::Canceled => "canceled",
            OrderStatus::Expired => "expired",
            OrderStatus::Other(text) => text,
        }
    }

    pub fn from_text(text: &str) -> OrderStatus {
        match text {
            "initial" => OrderStatus::Initial,
            "created" => OrderStatus::Created,
            "approved" => OrderStatus::Approved,
            "onhold" => OrderStatus::OnHold,
            "validated" => OrderStatus::Validated,
            "funded" => OrderStatus::Funded,
            "rejected" => OrderStatus::Rejected,
            "canceled" => OrderStatus::Canceled,
            "expired" => OrderStatus::Expired,
            other => OrderStatus::Other(other.to_owned()),
        }
    }

    /// Nothing more will happen to the order: funded, rejected, canceled or expired.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            OrderStatus::Funded
                | OrderStatus::Rejected
                | OrderStatus::Canceled
                | OrderStatus::Expired
        )
    }

    /// The only status on which the product may be handed over.
    pub fn allows_handover(&self) -> bool {
        *self == OrderStatus::Funded
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for OrderStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for OrderStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| OrderStatus::from_text(&text))
    }
}

/// `200` answer of `GET pos/order/{order_id}`. Only what the till acts on is typed; the rest is kept
/// loosely (the document gives `[dict]`, `[time]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderInfo {
    pub amount: Soles,
    #[serde(deserialize_with = "text_or_number")]
    pub order_id: String,
    pub status: OrderStatus,
    #[serde(default)]
    pub confirmed: bool,
    #[serde(default)]
    pub expiration_ts: Option<serde_json::Value>,
    #[serde(default)]
    pub url_redir_on_canceled: Option<String>,
    #[serde(default)]
    pub url_redir_on_rejected: Option<String>,
    #[serde(default)]
    pub url_redir_on_success: Option<String>,
    #[serde(default)]
    pub customer_data: Option<serde_json::Value>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub pos_client_id: Option<String>,
    #[serde(default)]
    pub magic_link: Option<String>,
}

fn text_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(text) => Ok(text),
        serde_json::Value::Number(number) => Ok(number.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "an order id is text or a number, not {other}"
        ))),
    }
}

/// Body of `POST pos/order/{id}/total-refund`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalRefund {
    pub author: String,
    pub reason: String,
}

/// Body of `POST pos/order/{id}/partial-refund`: `amount` is what goes back to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialRefund {
    pub amount: Soles,
    pub author: String,
    pub reason: String,
}

/// `200` answer of both refunds. `status` is `success`, `already_refunded` (total) or
/// `decreased_debt` (partial); any other text is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundDone {
    pub refund_method: String,
    #[serde(deserialize_with = "text_or_number")]
    pub tracking_id: String,
    pub status: String,
    pub successful: bool,
}

/// `200` answer of `cancel`: the order was canceled now, or had been already.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CancelAnswer {
    Modified { modified_orders: u32 },
    Result { result: String },
}

/// `200` answer of `confirm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmAnswer {
    pub modified_orders: u32,
}

/// `{"error": "..."}`: the body of every documented refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrdersError {
    pub error: String,
}

/// The documented messages, word for word.
pub mod messages {
    pub const UNAUTHORIZED: &str = "Wrong or missing client token";
    pub const CLIENT_NOT_REGISTERED: &str = "Client not registered";
    pub const CANNOT_MODIFY: &str = "Cannot modify order";
    pub const ORDER_NOT_FOUND: &str = "Order does not exist";
    pub const ALREADY_CANCELED_REFUND: &str = "Already canceled";
    pub const DISBURSEMENT_FAILED: &str = "Disbursement could not be made";
    pub const PARTIAL_DISBURSEMENT_FAILED: &str = "Partial disbursement could not be made";
    pub const AMOUNT_NOT_POSITIVE: &str = "Amount must be greater than 0";
    pub const AMOUNT_ABOVE_APPROVED: &str = "Amount must be less than the approved amount";
    pub const ALREADY_CANCELED: &str = "It is already canceled";
    pub const CANNOT_CANCEL_CONFIRMED: &str = "Cannot cancel a confirmed order";
    pub const CONFIRM_BEFORE_APPROVED: &str = "Cannot confirm an order before it is approved";
    pub const CONFIRM_FUNDED: &str = "Cannot confirm a funded order";
    /// The start of every field validation error ("Validation error, field XXXX required, etc.").
    pub const VALIDATION_PREFIX: &str = "Validation error";
}
