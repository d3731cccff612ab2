//! How a payment was paid, as the cashier types it: the tender, and for cash the amount received; parsed
//! once into the till's checked [`Payment`].

use serde::Deserialize;
use ts_rs::TS;

use till::error::TillError;
use till::{Payment, Soles, Tender};

/// How the cashier says a down payment was paid, as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentInput {
    pub tender: Option<Tender>,
    /// Cash: what the customer handed over, in soles as typed (`600`, `600.00`).
    #[serde(default)]
    pub received: Option<String>,
    #[serde(default)]
    pub card_last4: Option<String>,
    #[serde(default)]
    pub card_authorization: Option<String>,
}

impl PaymentInput {
    /// The checked tender: which one, and the cash received as an amount.
    pub fn parse(self) -> Result<Payment, TillError> {
        let tender = self
            .tender
            .ok_or_else(|| TillError::invalid("tender", "", till::InputProblem::Tender))?;
        let received = self
            .received
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty())
            .map(|text| {
                text.parse::<Soles>().map_err(|_| {
                    TillError::invalid(
                        "received",
                        &text,
                        till::InputProblem::Received { short_by: None },
                    )
                })
            })
            .transpose()?;
        Ok(Payment {
            tender,
            received,
            card_last4: self.card_last4,
            card_authorization: self.card_authorization,
        })
    }
}
