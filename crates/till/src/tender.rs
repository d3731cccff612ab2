//! How a down payment was paid (the tender): cash with the amount received and the change, the store's
//! own card terminal with what the voucher says, Yape/Plin, or a bank transfer. A leaf: the journal
//! stores it on the payment's row, the shift sums it by tender, the receipt prints it.
//!
//! Rows journaled before tenders existed have none: they read back as [`Tender::Unknown`], and the
//! closing counts them apart instead of guessing.

use std::fmt;
use std::str::FromStr;

use providers::Soles;
use serde::{Deserialize, Serialize};

use crate::country::{Country, Provider};
use crate::error::{InputProblem, TillError};

/// The ways a down payment can be paid at the till.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Tender {
    Cash,
    /// The store's own card terminal (not aCuotaz's online card payment).
    Card,
    YapePlin,
    Transfer,
    /// Journaled before Caja asked how a payment was made.
    Unknown,
}

impl Tender {
    /// The tenders a cashier can pick, in the order of their digit keys (1 to 4).
    pub const PICKABLE: [Tender; 4] = [
        Tender::Cash,
        Tender::Card,
        Tender::YapePlin,
        Tender::Transfer,
    ];

    /// Whether a store in `country` takes payments in this tender: Yape/Plin and the transfers that
    /// aPagos validates are Peru's; a store in Spain counts cash and card only.
    pub fn offered_in(self, country: Country) -> bool {
        country.offers(Provider::Acuotaz) || matches!(self, Tender::Cash | Tender::Card)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tender::Cash => "cash",
            Tender::Card => "card",
            Tender::YapePlin => "yape_plin",
            Tender::Transfer => "transfer",
            Tender::Unknown => "unknown",
        }
    }

    /// Whether the money is in the drawer and is counted at closing.
    pub fn is_cash(self) -> bool {
        self == Tender::Cash
    }
}

impl fmt::Display for Tender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Tender {
    type Err = TillError;

    /// Accepts the stored names and what a cashier or a script types, in Spanish or English.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let folded = text.trim().to_lowercase().replace(['-', ' ', '/'], "_");
        match folded.as_str() {
            "cash" | "efectivo" | "1" => Ok(Tender::Cash),
            "card" | "tarjeta" | "2" => Ok(Tender::Card),
            "yape_plin" | "yape" | "plin" | "3" => Ok(Tender::YapePlin),
            "transfer" | "transferencia" | "4" => Ok(Tender::Transfer),
            _ => Err(TillError::invalid("tender", text, InputProblem::Tender)),
        }
    }
}

/// What the cashier says about how a down payment was paid, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub tender: Tender,
    /// Cash: what the customer handed over (at least the amount).
    pub received: Option<Soles>,
    /// Card: the last four digits on the voucher.
    pub card_last4: Option<String>,
    /// Card: the terminal's authorization code.
    pub card_authorization: Option<String>,
}

impl Payment {
    /// Cash, exact or with change.
    pub fn cash(received: Option<Soles>) -> Payment {
        Payment {
            tender: Tender::Cash,
            received,
            card_last4: None,
            card_authorization: None,
        }
    }

    /// A tender with no details.
    pub fn plain(tender: Tender) -> Payment {
        Payment {
            tender,
            received: None,
            card_last4: None,
            card_authorization: None,
        }
    }

    /// Checks the details against the tender: four digits, an authorization code of letters and digits,
    /// a received amount only for cash and never below `amount` when that is known. Details that do not
    /// belong to the tender are dropped rather than stored.
    pub fn checked(self, amount: Option<Soles>) -> Result<Payment, TillError> {
        if self.tender == Tender::Unknown {
            return Err(TillError::invalid(
                "tender",
                "unknown",
                InputProblem::Tender,
            ));
        }
        let mut payment = self;
        if payment.tender != Tender::Cash {
            payment.received = None;
        }
        if payment.tender != Tender::Card {
            payment.card_last4 = None;
            payment.card_authorization = None;
        }
        let blank_to_none =
            |text: Option<String>| text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        payment.card_last4 = blank_to_none(payment.card_last4);
        payment.card_authorization = blank_to_none(payment.card_authorization);
        if let Some(last4) = &payment.card_last4
            && (last4.len() != 4 || !last4.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(TillError::invalid(
                "card_last4",
                last4,
                InputProblem::CardLast4,
            ));
        }
        if let Some(code) = &payment.card_authorization
            && (code.len() > 12 || !code.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            return Err(TillError::invalid(
                "card_authorization",
                code,
                InputProblem::CardAuthorization,
            ));
        }
        if let Some(received) = payment.received {
            if received.centimos() <= 0 {
                return Err(TillError::invalid(
                    "received",
                    &received.to_string(),
                    InputProblem::Received { short_by: None },
                ));
            }
            if let Some(amount) = amount
                && received < amount
            {
                return Err(TillError::invalid(
                    "received",
                    &received.to_string(),
                    InputProblem::Received {
                        short_by: Some(Soles::from_centimos(
                            amount.centimos() - received.centimos(),
                        )),
                    },
                ));
            }
        }
        Ok(payment)
    }

    /// The change (vuelto) owed for `amount`: what was received minus the amount, in céntimos; none when
    /// not paid in cash or when either figure is unknown.
    pub fn change(&self, amount: Option<Soles>) -> Option<Soles> {
        match (self.tender, self.received, amount) {
            (Tender::Cash, Some(received), Some(amount)) => received.checked_sub(amount),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn soles(centimos: i64) -> Soles {
        Soles::from_centimos(centimos)
    }

    #[test]
    fn change_is_integer_centimos() {
        let payment = Payment::cash(Some(soles(60_000)))
            .checked(Some(soles(57_998)))
            .unwrap();
        assert_eq!(payment.change(Some(soles(57_998))), Some(soles(2_002)));
        let exact = Payment::cash(Some(soles(57_998)))
            .checked(Some(soles(57_998)))
            .unwrap();
        assert_eq!(exact.change(Some(soles(57_998))), Some(Soles::ZERO));
    }

    #[test]
    fn too_little_cash_says_how_much_is_missing() {
        let error = Payment::cash(Some(soles(50_000)))
            .checked(Some(soles(57_998)))
            .unwrap_err();
        assert!(matches!(
            error,
            TillError::InvalidInput {
                field: "received",
                problem: InputProblem::Received { short_by: Some(short) },
                ..
            } if short == soles(7_998)
        ));
    }

    #[test]
    fn card_details_are_checked_and_other_tenders_drop_them() {
        let mut card = Payment::plain(Tender::Card);
        card.card_last4 = Some("12a4".into());
        assert!(card.clone().checked(None).is_err());
        card.card_last4 = Some(" 4242 ".into());
        card.card_authorization = Some("A1B2C3".into());
        let card = card.checked(None).unwrap();
        assert_eq!(card.card_last4.as_deref(), Some("4242"));
        let mut yape = Payment::plain(Tender::YapePlin);
        yape.card_last4 = Some("4242".into());
        yape.received = Some(soles(100));
        let yape = yape.checked(None).unwrap();
        assert_eq!((yape.card_last4, yape.received), (None, None));
    }

    #[test]
    fn tenders_parse_in_spanish_english_and_by_digit() {
        for (text, tender) in [
            ("efectivo", Tender::Cash),
            ("Tarjeta", Tender::Card),
            ("yape/plin", Tender::YapePlin),
            ("transferencia", Tender::Transfer),
            ("3", Tender::YapePlin),
            ("cash", Tender::Cash),
        ] {
            assert_eq!(text.parse::<Tender>().unwrap(), tender, "{text}");
        }
        assert!("cheque".parse::<Tender>().is_err());
        assert!(Payment::plain(Tender::Unknown).checked(None).is_err());
    }
}
