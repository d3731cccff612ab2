//! The body of `POST checkout/offline`: `{order, customer, billing, shipping, merchant}`. The POS
//! document shows the objects empty; their fields are those of Aplazame's public checkout reference
//! (`NOTES.md`), with every amount in integer euro cents ([`Euros`]) and `tax_rate` in basis points
//! (`2100` is 21 %). Optional fields are left out when empty, never sent as `null`.
//!
//! Not in either document: `customer.document_id`, the customer's Spanish identity number. Aplazame's
//! public reference names no document field; the POS integration is set up with Aplazame's team
//! ("contact hola@aplazame.com"), and this is the name to confirm with them. It is optional, and left
//! out when the cashier typed none.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::euros::Euros;
use crate::spain_ids::SpanishId;

/// The only currency a store in Spain sells in.
pub const EUR: &str = "EUR";

/// `POST checkout/offline`'s body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutRequest {
    pub order: Order,
    pub customer: Customer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<Address>,
    pub merchant: Merchant,
}

/// `order`: Aplazame refuses a second order with the same `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: String,
    /// ISO 4217: always [`EUR`].
    pub currency: String,
    /// "Cantidad a financiar": what the customer pays, tax included.
    pub total_amount: Euros,
    pub articles: Vec<Article>,
}

/// One line of the cart, as Aplazame's `article` describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub name: String,
    pub quantity: u32,
    /// The unit price **without tax**.
    pub price: Euros,
    /// Basis points: 2100, 1000, 400 or 0 in Spain.
    pub tax_rate: u32,
    /// Off the unit price, without tax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Euros>,
}

/// `customer`: only `email` is required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Not documented by Aplazame (see the module doc).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<SpanishId>,
}

/// `billing` (and `shipping`'s address part; a sale at the till ships nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub first_name: String,
    pub last_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    pub street: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_addition: Option<String>,
    pub city: String,
    pub state: String,
    /// ISO 3166-1 (`ES`).
    pub country: String,
    pub postcode: String,
}

/// `merchant`: where Aplazame sends the checkout's changes (the IPN).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merchant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipn_url: Option<Url>,
}

/// `201` answer of `POST checkout/offline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    pub id: String,
}
