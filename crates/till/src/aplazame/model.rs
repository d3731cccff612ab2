//! What the till keeps of an Aplazame checkout, as read back from its table ([`Checkout`]), what the
//! cashier typed to ask for one ([`NewAplazameSale`]), Caja's side of the create ([`CreateState`]) and
//! the store's decision on a financing Aplazame accepted ([`Decision`]).

use jiff::Timestamp;
use providers::aplazame::{CheckoutId, ShelfLine};
use providers::central::confirmation;
use providers::euros::Euros;
use providers::spain_ids::SpanishId;
use serde::Serialize;

use crate::mode::Mode;

/// What the cashier typed: the cart's lines (shelf prices with IVA) and the customer. The email is
/// required by Aplazame; the rest is optional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAplazameSale {
    pub lines: Vec<ShelfLine>,
    pub customer_name: Option<String>,
    pub customer_email: String,
    pub customer_phone: Option<String>,
    pub customer_document: Option<SpanishId>,
}

/// Caja's side of the create: how far it got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CreateState {
    /// Journaled, the create on its way (or the till stopped while it was).
    Sending,
    /// Aplazame gave its checkout id: the buyer goes on on their phone.
    Created,
    /// `403` with no body: Aplazame does not finance this order; nothing exists there.
    NotFinanced,
    /// Aplazame refused the create (its error in `refusal`): nothing exists there.
    Refused,
    /// The answer was lost: the checkout may exist. Never sent again (Aplazame refuses a repeated
    /// order id, and a new id would be a second checkout).
    Unknown,
    /// A supervisor decided an unknown create never reached Aplazame.
    Abandoned,
}

impl CreateState {
    pub const ALL: [CreateState; 6] = [
        CreateState::Sending,
        CreateState::Created,
        CreateState::NotFinanced,
        CreateState::Refused,
        CreateState::Unknown,
        CreateState::Abandoned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CreateState::Sending => "sending",
            CreateState::Created => "created",
            CreateState::NotFinanced => "not_financed",
            CreateState::Refused => "refused",
            CreateState::Unknown => "unknown",
            CreateState::Abandoned => "abandoned",
        }
    }

    pub fn parse(text: &str) -> Option<CreateState> {
        CreateState::ALL
            .into_iter()
            .find(|state| state.as_str() == text)
    }
}

/// The store's decision on a checkout `pending`/`confirmation_required`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Confirm: Aplazame finances it, the product may be handed over once its status is `ok`.
    Ok,
    /// Reject: Aplazame ends it `ko`/`confirmation_rejected_by_merchant`.
    Ko,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Ok => "ok",
            Decision::Ko => "ko",
        }
    }

    pub fn parse(text: &str) -> Option<Decision> {
        [Decision::Ok, Decision::Ko]
            .into_iter()
            .find(|decision| decision.as_str() == text)
    }
}

/// Who decided when the rule "auto-confirm when total and currency match" did.
pub const AUTO_CONFIRM: &str = "auto";

/// A decision not yet forwarded to Caja Central (which answers Aplazame's IPN with it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingDecision {
    pub order_id: String,
    pub checkout_id: String,
    pub decision: Decision,
    pub decided_by: Option<String>,
    pub reason: Option<String>,
    pub decided_at: Timestamp,
}

impl PendingDecision {
    /// The decision as Central's till API takes it (`PUT …/aplazame/checkouts/{order_id}/decision`).
    pub fn request(&self) -> confirmation::DecisionRequest {
        confirmation::DecisionRequest {
            decision: match self.decision {
                Decision::Ok => confirmation::Decision::Ok,
                Decision::Ko => confirmation::Decision::Ko,
            },
            decided_by: self.decided_by.clone().unwrap_or_default(),
            reason: self.reason.clone().unwrap_or_default(),
            checkout_id: Some(self.checkout_id.clone()),
        }
    }
}

/// One checkout asked for (or tried) at this till.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checkout {
    pub row: i64,
    /// Caja's id, sent as `order.id` and answered as `mid`: `T01-C1-A000001`.
    pub order_id: String,
    pub mode: Mode,
    /// What was asked to be financed: the cart's total at the shelf.
    pub total: Euros,
    pub currency: String,
    pub customer_name: Option<String>,
    pub customer_email: String,
    pub customer_phone: Option<String>,
    pub customer_document: Option<String>,
    /// The create's body exactly as journaled and sent.
    pub request_body: String,
    /// The answers must say `sandbox: true` (sandbox and mock modes) or `false` (live).
    pub expect_sandbox: bool,
    pub state: CreateState,
    #[serde(serialize_with = "checkout_id_text")]
    pub checkout_id: Option<CheckoutId>,
    /// Aplazame's `status` and `status_reason` as last seen, as written (unknown values kept).
    pub status: Option<String>,
    pub status_reason: Option<String>,
    pub status_at: Option<Timestamp>,
    /// The fields of an answer that differed from what was sent (`sandbox`, `total_amount`,
    /// `currency`, `mid`): an alert, never a sale. Never cleared.
    pub mismatch: Vec<String>,
    /// What the differing answer said, beside what was sent.
    pub seen_mid: Option<String>,
    pub seen_total: Option<Euros>,
    pub seen_currency: Option<String>,
    pub seen_sandbox: Option<bool>,
    /// Aplazame's own words for a refusal, or what went wrong for an unknown create.
    pub refusal: Option<String>,
    pub http_status: Option<u16>,
    pub decision: Option<Decision>,
    /// The cashier's name, or [`AUTO_CONFIRM`] for the rule.
    pub decided_by: Option<String>,
    pub decision_reason: Option<String>,
    pub decided_at: Option<Timestamp>,
    pub decision_forwarded_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    pub operator: Option<String>,
    pub resolved_by: Option<String>,
    pub resolution_reason: Option<String>,
    pub shift_id: Option<i64>,
}

impl Checkout {
    /// The product may leave the store: Aplazame says `ok` and every answer matched what was sent.
    pub fn may_hand_over(&self) -> bool {
        self.state == CreateState::Created
            && self.mismatch.is_empty()
            && self.status.as_deref() == Some("ok")
    }

    /// Aplazame waits for the store's confirmation.
    pub fn awaits_confirmation(&self) -> bool {
        self.state == CreateState::Created
            && self.status.as_deref() == Some("pending")
            && self.status_reason.as_deref() == Some("confirmation_required")
    }

    /// What the till tells Central it created, so that Central answers Aplazame's confirmation IPN:
    /// the total, currency and test-mode flag sent, and how to answer before the cashier decides
    /// (`auto` when the rule confirms, `ask` otherwise). `PUT …/aplazame/checkouts/{order_id}`.
    pub fn announcement(&self, auto_confirm: bool) -> confirmation::Announcement {
        confirmation::Announcement {
            checkout_id: self.checkout_id.as_ref().map(|id| id.as_str().to_owned()),
            total_cents: self.total.cents(),
            currency: self.currency.clone(),
            sandbox: self.expect_sandbox,
            policy: if auto_confirm {
                confirmation::Policy::Auto
            } else {
                confirmation::Policy::Ask
            },
        }
    }

    /// Aplazame will not change its answer any more (`ok`, `ko`), an answer was an alert, or nothing
    /// exists to read.
    pub fn is_final(&self) -> bool {
        self.state != CreateState::Created
            || !self.mismatch.is_empty()
            || matches!(self.status.as_deref(), Some("ok" | "ko"))
    }
}

fn checkout_id_text<S: serde::Serializer>(
    id: &Option<CheckoutId>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_some(&id.as_ref().map(CheckoutId::as_str))
}
