//! Aplazame's POS checkouts (Spain) as the till runs them: build the checked create body from the cart
//! and the customer, with Caja's own order id (`T01-C1-A000001`, Aplazame's `mid`); journal the
//! checkout and that exact body in one durable transaction before it leaves; send it once; record the
//! outcome — `created` with Aplazame's checkout id, `not_financed` (a `403`: offer another tender),
//! `refused` (Aplazame's error, typed) or `unknown` (the answer lost, a `5xx`, a timeout).
//!
//! An `unknown` create is never sent again by Caja: Aplazame refuses a second order with the same id,
//! and a new id would be a second checkout. It is settled by an IPN naming our `mid` (relayed by
//! Central, read back at Aplazame: [`Till::aplazame_event`]) or by a supervisor
//! ([`Till::resolve_checkout_unknown`]) with the checkout id (read back, its `mid` must be ours) or as
//! never sent (`abandoned`).
//!
//! Every answer is checked against what was sent ([`differences`]): the `sandbox` flag against the
//! till's mode, `total_amount` and the currency, the `mid`. A difference is an alert kept on the row;
//! such a checkout is never a sale and never handed over. Statuses, decisions and the back-off are in
//! [`follow`].

mod follow;
mod model;
mod store;

pub use crate::aplazame_setup::AplazameSetup;
pub use model::{AUTO_CONFIRM, Checkout, CreateState, Decision, NewAplazameSale, PendingDecision};

use providers::aplazame::wire::request::{Customer, EUR};
use providers::aplazame::{
    AplazameApi, Cart, CheckoutError, CheckoutId, CheckoutStatus, Creation, NewCheckout, OrderId,
};
use providers::http::ApiError;

use crate::aplazame_setup::AplazameLink;
use crate::error::{AplazameError, InputProblem, TillError, UrlProblem};
use crate::operations::Till;
use crate::people::{self, Approval};
use store::{CreateOutcome, NewCheckoutRow};

impl Till {
    /// Sets up Aplazame checkouts with the store's settings.
    pub fn with_aplazame(mut self, setup: AplazameSetup) -> Result<Till, TillError> {
        let api = AplazameApi::new(&setup.root, setup.key.clone(), self.http_settings())
            .map_err(|_| {
                TillError::invalid(
                    "aplazame_url",
                    &setup.root.to_string(),
                    InputProblem::ApiUrl(UrlProblem::Scheme),
                )
            })?
            .in_environment(setup.environment);
        self.aplazame = Some(AplazameLink { api, setup });
        Ok(self)
    }

    fn aplazame_link(&self) -> Result<&AplazameLink, TillError> {
        // Every call to the provider asks for its link: refused first where the country does not offer it.
        self.ensure_offered(crate::offers::Provider::Aplazame)?;
        self.aplazame
            .as_ref()
            .ok_or_else(|| AplazameError::NotConfigured.into())
    }

    /// What to announce to Central for `order_id` (see [`Checkout::announcement`]), with this till's
    /// auto-confirm rule.
    pub async fn checkout_announcement(
        &self,
        order_id: &str,
    ) -> Result<providers::central::confirmation::Announcement, TillError> {
        let auto_confirm = self.aplazame_link()?.setup.auto_confirm;
        Ok(self.checkout(order_id).await?.announcement(auto_confirm))
    }

    /// The store's Aplazame settings in force (the key stays inside), or why they are not set up.
    pub fn aplazame_setup(&self) -> Result<AplazameSetup, TillError> {
        Ok(self.aplazame_link()?.setup.clone())
    }

    /// Asks Aplazame for a checkout: checked, journaled with its exact body, sent once.
    pub async fn create_checkout(&self, sale: NewAplazameSale) -> Result<Checkout, TillError> {
        self.ensure_settings_confirmed()?;
        let link = self.aplazame_link()?.clone();
        let operator = self.require_operator().await?.map(|person| person.name);
        let cart = Cart::build(sale.lines.clone()).map_err(AplazameError::Cart)?;
        let customer = customer_of(&sale);
        let ipn_url = link.setup.ipn_url.clone();
        let build = move |order_id: &str| -> Result<NewCheckout, TillError> {
            let id = OrderId::parse(order_id).ok_or_else(|| AplazameError::InvalidField {
                field: "order_id",
                value: order_id.to_owned(),
            })?;
            NewCheckout::new(&id, &cart, customer.clone(), ipn_url.clone()).map_err(|error| {
                match error {
                    CheckoutError::Cart(cart) => AplazameError::Cart(cart),
                    CheckoutError::Email(value) => AplazameError::InvalidField {
                        field: "email",
                        value,
                    },
                    CheckoutError::IpnUrl(_) => AplazameError::InvalidField {
                        field: "ipn_url",
                        value: ipn_url.to_string(),
                    },
                }
                .into()
            })
        };
        // Checked before anything is journaled: a refusal here leaves no row and takes no number.
        let probe = build(&link.setup.order_id(0))?;
        let row = NewCheckoutRow {
            mode: self.mode(),
            total: probe.total(),
            currency: EUR.to_owned(),
            customer_name: filled(sale.customer_name.as_deref()),
            customer_email: probe.body().customer.email.clone(),
            customer_phone: filled(sale.customer_phone.as_deref()),
            customer_document: sale.customer_document.as_ref().map(|id| id.to_string()),
            expect_sandbox: !self.mode().is_live(),
            operator,
        };
        let setup = link.setup.clone();
        let (order_id, checkout) = self
            .in_db(move |db| {
                let mut built = None;
                let order_id = store::insert(
                    db,
                    &row,
                    |sequence| setup.order_id(sequence),
                    |order_id| {
                        let checkout = build(order_id)?;
                        let body = serde_json::to_string(checkout.body()).map_err(|error| {
                            TillError::from(AplazameError::InvalidField {
                                field: "checkout",
                                value: error.to_string(),
                            })
                        })?;
                        built = Some(checkout);
                        Ok(body)
                    },
                )?;
                Ok::<_, TillError>((order_id, built))
            })
            .await?;
        let checkout = checkout.ok_or(AplazameError::NotConfigured)?;
        tracing::info!(order_id, "Aplazame checkout journaled, creating");
        // The client serializes this body with the same serializer: the journaled bytes are what leaves.
        let result = link.api.create(&checkout).await;
        let (outcome, error) = create_outcome(&order_id, result);
        let journaled = self.checkout(&order_id).await?;
        let row = journaled.row;
        self.in_db(move |db| store::finish_create(db, row, CreateState::Sending, &outcome, None))
            .await?;
        tracing::info!(order_id, ok = error.is_none(), "Aplazame create finished");
        let checkout = self.checkout(&order_id).await?;
        match error {
            // An IPN read back while the answer was being lost settled it already.
            Some(_) if checkout.state == CreateState::Created => Ok(checkout),
            Some(error) => Err(error.into()),
            None => Ok(checkout),
        }
    }

    /// The checkout as this till last knew it.
    pub async fn checkout(&self, order_id: &str) -> Result<Checkout, TillError> {
        let (mode, id) = (self.mode(), order_id.to_owned());
        self.in_db(move |db| store::checkout(db, mode, &id))
            .await?
            .ok_or_else(|| {
                AplazameError::NoSuchCheckout {
                    order_id: order_id.to_owned(),
                }
                .into()
            })
    }

    /// Every checkout of this mode, newest first.
    pub async fn checkouts(&self) -> Result<Vec<Checkout>, TillError> {
        let mode = self.mode();
        self.in_db(move |db| store::checkouts(db, mode)).await
    }

    /// Reads the checkout's status at Aplazame and records it, checked against what was sent (a
    /// difference is kept as an alert). Applies the auto-confirm rule. Never creates anything.
    pub async fn refresh_checkout(&self, order_id: &str) -> Result<Checkout, TillError> {
        let link = self.aplazame_link()?.clone();
        let checkout = self.checkout(order_id).await?;
        let id = created(&checkout)?;
        let status = link
            .api
            .status(&id)
            .await
            .map_err(|cause| call_error("status", cause))?;
        let mismatch = differences(&checkout, &status);
        let row = checkout.row;
        self.in_db(move |db| store::record_status(db, row, &status, &mismatch))
            .await?;
        self.auto_confirm(order_id).await
    }

    /// A supervisor settles a create whose outcome is unknown (or still `sending` past its lease): with
    /// Aplazame's checkout id (read back: its `mid` must be this order) it becomes `created`; without,
    /// `abandoned`.
    pub async fn resolve_checkout_unknown(
        &self,
        order_id: &str,
        checkout_id: Option<CheckoutId>,
        approval: Approval,
    ) -> Result<Checkout, TillError> {
        let link = self.aplazame_link()?.clone();
        let reason = people::check_reason(&approval.reason)?;
        let checkout = self.checkout(order_id).await?;
        if !self.is_unsettled(&checkout) {
            return Err(AplazameError::NotUnknown {
                order_id: order_id.to_owned(),
                state: checkout.state.as_str().to_owned(),
            }
            .into());
        }
        let approved = self.on_staff(move |staff| staff.approve(&approval)).await?;
        let status = match &checkout_id {
            Some(id) => Some(ours(&link, &checkout, id).await?),
            None => None,
        };
        let outcome = CreateOutcome {
            state: match checkout_id {
                Some(_) => CreateState::Created,
                None => CreateState::Abandoned,
            },
            checkout_id,
            refusal: None,
            http_status: None,
        };
        let (row, from, who) = (checkout.row, checkout.state, approved.supervisor.name);
        let sent = checkout.clone();
        self.in_db(move |db| {
            let resolution = Some((who.as_str(), reason.as_str()));
            store::finish_create(db, row, from, &outcome, resolution)?;
            match status {
                Some(status) => {
                    store::record_status(db, row, &status, &differences(&sent, &status))
                }
                None => Ok(()),
            }
        })
        .await?;
        self.auto_confirm(order_id).await
    }

    /// `unknown`, or `sending` past the lease (the till stopped while sending): as unknown.
    fn is_unsettled(&self, checkout: &Checkout) -> bool {
        let stalled = checkout.state == CreateState::Sending
            && checkout.created_at.as_millisecond() + self.lease_ms()
                < jiff::Timestamp::now().as_millisecond();
        checkout.state == CreateState::Unknown || stalled
    }
}

/// The fields on which Aplazame's answer differs from what the till sent: `sandbox` (against the
/// till's mode), `total_amount`, `currency`, `mid`.
/// The checkouts asked for during shift `shift_id` (the shift's X and Z read them).
pub(crate) fn of_shift(
    connection: &rusqlite::Connection,
    mode: crate::mode::Mode,
    shift_id: i64,
) -> Result<Vec<Checkout>, TillError> {
    let all = store::checkouts(connection, mode)?;
    Ok(all
        .into_iter()
        .filter(|checkout| checkout.shift_id == Some(shift_id))
        .collect())
}

pub fn differences(checkout: &Checkout, status: &CheckoutStatus) -> Vec<&'static str> {
    [
        ("sandbox", status.sandbox != checkout.expect_sandbox),
        (
            "total_amount",
            status.total_amount != checkout.total.cents(),
        ),
        ("currency", status.currency.code != checkout.currency),
        ("mid", status.mid != checkout.order_id),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect()
}

/// Reads checkout `id` at Aplazame and checks it is this order's (its `mid`).
async fn ours(
    link: &AplazameLink,
    checkout: &Checkout,
    id: &CheckoutId,
) -> Result<CheckoutStatus, TillError> {
    let status = link
        .api
        .status(id)
        .await
        .map_err(|cause| call_error("status", cause))?;
    if status.mid != checkout.order_id {
        return Err(AplazameError::NotOurs {
            order_id: checkout.order_id.clone(),
            checkout_id: id.to_string(),
            mid: status.mid,
        }
        .into());
    }
    Ok(status)
}

fn create_outcome(
    order_id: &str,
    result: Result<Creation, ApiError>,
) -> (CreateOutcome, Option<AplazameError>) {
    let outcome = |state, checkout_id, refusal, http_status| CreateOutcome {
        state,
        checkout_id,
        refusal,
        http_status,
    };
    match result {
        Ok(Creation::Created(id)) => (
            outcome(CreateState::Created, Some(id), None, Some(201)),
            None,
        ),
        Ok(Creation::NotFinanced) => (
            outcome(CreateState::NotFinanced, None, None, Some(403)),
            Some(AplazameError::NotFinanced {
                order_id: order_id.to_owned(),
            }),
        ),
        Err(cause) => {
            let words = cause
                .provider_message()
                .unwrap_or_else(|| cause.to_string());
            let status = cause.status();
            if cause.is_refusal() {
                let state = CreateState::Refused;
                let error = AplazameError::Refused {
                    call: "create",
                    cause,
                };
                (outcome(state, None, Some(words), status), Some(error))
            } else {
                let state = CreateState::Unknown;
                let error = AplazameError::OutcomeUnknown {
                    call: "create",
                    cause,
                };
                (outcome(state, None, Some(words), status), Some(error))
            }
        }
    }
}

/// The customer as Aplazame's body takes it: the name split into first and last at the first space.
fn customer_of(sale: &NewAplazameSale) -> Customer {
    let name = filled(sale.customer_name.as_deref()).unwrap_or_default();
    let (first, last) = name.split_once(' ').unwrap_or((name.as_str(), ""));
    Customer {
        email: sale.customer_email.clone(),
        first_name: filled(Some(first)),
        last_name: filled(Some(last)),
        phone: filled(sale.customer_phone.as_deref()),
        document_id: sale.customer_document.clone(),
    }
}

fn filled(text: Option<&str>) -> Option<String> {
    text.map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|text| !text.is_empty())
}

/// Aplazame's checkout id, or why there is none.
fn created(checkout: &Checkout) -> Result<CheckoutId, TillError> {
    match (&checkout.state, &checkout.checkout_id) {
        (CreateState::Created, Some(id)) => Ok(id.clone()),
        _ => Err(AplazameError::NotCreated {
            order_id: checkout.order_id.clone(),
            state: checkout.state.as_str().to_owned(),
        }
        .into()),
    }
}

fn call_error(call: &'static str, cause: ApiError) -> TillError {
    if cause.is_refusal() {
        AplazameError::Refused { call, cause }.into()
    } else {
        AplazameError::OutcomeUnknown { call, cause }.into()
    }
}
