//! The views of Aplazame's POS checkouts (Spain) for the Aplazame screen and `caja aplazame`: the
//! checkout asked for (the cart as typed is read in `aplazame_cart`), Central (or the simulator's
//! stand-in) told of it and of the store's decision, and each checkout with where it stands in the
//! cashier's words (amounts with `Euros`' `1.234,50 €`), whether the product may be handed over,
//! whether the store must confirm, and what a supervisor may do.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;

use super::aplazame_cart::{CheckoutInput, parse_checkout};
use crate::wording::Lang;
use crate::wording::aplazame::{self as words, Tone};
use crate::workstation::Workstation;
use providers::aplazame::CheckoutId;
use providers::euros::Euros;
use till::Mode;
use till::aplazame::{Checkout, CreateState};
use till::country::Country;
use till::error::{AplazameError, TillError};
use till::people::Approval;

/// An amount in euros: integer cents and the text a person in Spain reads (`1.234,50 €`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EurosView {
    pub cents: i64,
    pub text: String,
}

impl From<Euros> for EurosView {
    fn from(amount: Euros) -> Self {
        EurosView {
            cents: amount.cents(),
            text: amount.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutView {
    /// Caja's id, Aplazame's `mid`: `T01-C1-A000001`.
    pub order_id: String,
    /// Caja's side of the create: `sending`, `created`, `not_financed`, `refused`, `unknown`,
    /// `abandoned`.
    pub state: String,
    pub checkout_id: Option<String>,
    /// Aplazame's status and reason as written, none before the first read.
    pub status: Option<String>,
    pub status_reason: Option<String>,
    pub headline: String,
    pub advice: String,
    pub tone: Tone,
    pub total: EurosView,
    pub customer_name: Option<String>,
    pub customer_email: String,
    /// The fields of an answer that did not match what was sent: an alert, never a sale.
    pub alert: Vec<String>,
    /// The same fields in words, for the card: `modo de prueba (sandbox)`.
    pub alert_fields: String,
    /// `ok` or `ko`, the store's decision, and who took it (`auto` for the rule).
    pub decision: Option<String>,
    pub decided_by: Option<String>,
    /// Aplazame says `ok` and every answer matched: the product may be handed over.
    pub handover_allowed: bool,
    /// Aplazame waits for the store: confirm or reject.
    pub can_decide: bool,
    /// A supervisor may settle it (the create's answer was lost).
    pub can_resolve: bool,
    /// When it was asked, on Madrid's clock: `01/12/2026 09:44`.
    pub created_at: String,
    /// The store's day it was asked on (Madrid's), `2026-12-01`: what Historial filters by.
    pub day: String,
    pub operator: Option<String>,
    pub refusal: Option<String>,
}

/// Asks Aplazame for a checkout (journaled first); the answer is where it stands now.
pub async fn create_checkout(
    ws: &Workstation,
    input: &CheckoutInput,
) -> Result<CheckoutView, TillError> {
    let sale = parse_checkout(input)?;
    let checkout = ws.till.create_checkout(sale).await?;
    let _ = tell_central(ws).await;
    Ok(checkout_view(&checkout, ws.settings.lang))
}

/// Central answers Aplazame's IPN with the store's decision: it hears of a new checkout and of a
/// decision at once (a few seconds at most; the relay's next turn takes what does not go now).
/// Hands the till's Aplazame news over; false when some of it could not be.
pub(super) async fn tell_central(ws: &Workstation) -> bool {
    match crate::central::forward_aplazame(&ws.till, &ws.data_dir).await {
        Err(crate::central::CentralFailure::NotEnrolled) if ws.settings.mode == Mode::Sandbox => {
            let report = crate::central::forward_to_simulator(&ws.till, &ws.api_url).await;
            report.failed.is_empty()
        }
        Ok(report) => report.failed.is_empty(),
        Err(crate::central::CentralFailure::NotEnrolled) => true,
        Err(error) => {
            tracing::info!(
                code = error.code(),
                "Aplazame's news not given to Central now"
            );
            false
        }
    }
}

/// After a failed hand-over, how long a screen's read of a checkout leaves it to the relay and the
/// background pass: the screen reads every 2 s, and a Central that does not answer costs up to 4 s.
static FORWARD_FROM_READS: Rest = Rest::new(Duration::from_secs(10));

/// A pause after a failure, across the process.
struct Rest {
    length: Duration,
    since: Mutex<Option<Instant>>,
}

impl Rest {
    const fn new(length: Duration) -> Rest {
        Rest {
            length,
            since: Mutex::new(None),
        }
    }

    fn failed_now(&self) {
        *self.since.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
    }

    fn resting(&self) -> bool {
        self.since
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some_and(|at| at.elapsed() < self.length)
    }
}

/// The checkout now: read at Aplazame when it may have changed.
pub async fn checkout(ws: &Workstation, order_id: &str) -> Result<CheckoutView, TillError> {
    let known = ws.till.checkout(order_id.trim()).await?;
    let checkout = if known.is_final() {
        known
    } else {
        match ws.till.refresh_checkout(&known.order_id).await {
            Ok(read) => read,
            // Aplazame down: the checkout as last known, which says so by its tone.
            Err(error) => {
                tracing::info!(code = error.code(), "Aplazame status not read");
                known
            }
        }
    };
    // Read by the rule just now, or decided while Central was away: whoever answers Aplazame needs it.
    // At most every few seconds from here: the screen reads every 2 s, and a Central that does not
    // answer costs up to 4 s a try (the relay and the background pass keep trying meanwhile).
    let checkout = if checkout.decision.is_some()
        && checkout.decision_forwarded_at.is_none()
        && !FORWARD_FROM_READS.resting()
    {
        if !tell_central(ws).await {
            FORWARD_FROM_READS.failed_now();
        }
        ws.till.checkout(&checkout.order_id).await?
    } else {
        checkout
    };
    Ok(checkout_view(&checkout, ws.settings.lang))
}

/// Every checkout of this mode, newest first.
pub async fn checkouts(ws: &Workstation) -> Result<Vec<CheckoutView>, TillError> {
    let lang = ws.settings.lang;
    Ok(ws
        .till
        .checkouts()
        .await?
        .iter()
        .map(|checkout| checkout_view(checkout, lang))
        .collect())
}

/// The cashier confirms a financing Aplazame accepted.
pub async fn confirm_checkout(ws: &Workstation, order_id: &str) -> Result<CheckoutView, TillError> {
    let checkout = ws.till.confirm_checkout(order_id.trim()).await?;
    let _ = tell_central(ws).await;
    Ok(checkout_view(&checkout, ws.settings.lang))
}

/// The cashier rejects a financing Aplazame accepted, saying why.
pub async fn reject_checkout(
    ws: &Workstation,
    order_id: &str,
    reason: &str,
) -> Result<CheckoutView, TillError> {
    let checkout = ws.till.reject_checkout(order_id.trim(), reason).await?;
    let _ = tell_central(ws).await;
    Ok(checkout_view(&checkout, ws.settings.lang))
}

/// A supervisor settles a create whose answer was lost: with Aplazame's id, or as never sent.
pub async fn resolve_checkout(
    ws: &Workstation,
    order_id: &str,
    checkout_id: Option<&str>,
    approval: Approval,
) -> Result<CheckoutView, TillError> {
    let checkout_id = match checkout_id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(text) => Some(CheckoutId::parse(text).ok_or_else(|| {
            TillError::from(AplazameError::InvalidField {
                field: "checkout_id",
                value: text.to_owned(),
            })
        })?),
        None => None,
    };
    let checkout = ws
        .till
        .resolve_checkout_unknown(order_id.trim(), checkout_id, approval)
        .await?;
    Ok(checkout_view(&checkout, ws.settings.lang))
}

pub fn checkout_view(checkout: &Checkout, lang: Lang) -> CheckoutView {
    let (headline, advice, tone) = words::status(lang, checkout);
    CheckoutView {
        order_id: checkout.order_id.clone(),
        state: checkout.state.as_str().to_owned(),
        checkout_id: checkout
            .checkout_id
            .as_ref()
            .map(|id| id.as_str().to_owned()),
        status: checkout.status.clone(),
        status_reason: checkout.status_reason.clone(),
        headline,
        advice,
        tone,
        total: EurosView::from(checkout.total),
        customer_name: checkout.customer_name.clone(),
        customer_email: checkout.customer_email.clone(),
        alert: checkout.mismatch.clone(),
        alert_fields: words::answer_fields(lang, &checkout.mismatch),
        decision: checkout.decision.map(|d| d.as_str().to_owned()),
        decided_by: checkout.decided_by.clone(),
        handover_allowed: checkout.may_hand_over(),
        can_decide: checkout.awaits_confirmation()
            && checkout.decision.is_none()
            && checkout.mismatch.is_empty(),
        can_resolve: checkout.state == CreateState::Unknown,
        // Aplazame finances sales in Spain only: the store's clock is Madrid's.
        created_at: checkout
            .created_at
            .to_zoned(Country::Spain.time_zone())
            .strftime("%d/%m/%Y %H:%M")
            .to_string(),
        day: Country::Spain.day_of(checkout.created_at).to_string(),
        operator: checkout.operator.clone(),
        refusal: checkout.refusal.clone(),
    }
}
