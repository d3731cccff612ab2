//! The views of Aplazame's POS checkouts (Spain) for the Cobro screen and `caja aplazame`: the cart
//! as typed (prices with IVA, as on the shelf) parsed line by line and field by field, the checkout
//! asked for, and each checkout with where it stands in the cashier's words (amounts with `Euros`'
//! `1.234,50 €`), whether the product may be handed over, whether the store must confirm, and what a
//! supervisor may do. Every function parses what was typed before the till is called.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::wording::Lang;
use crate::wording::aplazame::{self as words, Tone};
use crate::workstation::Workstation;
use providers::aplazame::{Cart, CheckoutId, ShelfLine, VatRate};
use providers::euros::Euros;
use providers::spain_ids::SpanishId;
use till::Mode;
use till::aplazame::{Checkout, CreateState, NewAplazameSale};
use till::country::Country;
use till::error::{AplazameError, TillError};
use till::people::Approval;

/// One cart line as the cashier types it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CartLineInput {
    pub name: String,
    /// A whole number, at least 1.
    pub quantity: String,
    /// One unit's shelf price with IVA, as typed in Spain: `59,90`.
    pub unit_price: String,
    /// The IVA in percent: `21`, `10`, `4` or `0`.
    pub vat_rate: String,
    /// Off the whole line, with IVA; empty for none.
    #[serde(default)]
    pub discount: String,
}

/// A checkout as the cashier types it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutInput {
    pub lines: Vec<CartLineInput>,
    #[serde(default)]
    pub customer_name: String,
    pub customer_email: String,
    #[serde(default)]
    pub customer_phone: String,
    /// DNI, NIE or CIF; empty for none.
    #[serde(default)]
    pub customer_document: String,
}

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
    pub operator: Option<String>,
    pub refusal: Option<String>,
}

/// Reads one line as typed; `line` counts from 1.
pub fn parse_line(line: usize, input: &CartLineInput) -> Result<ShelfLine, TillError> {
    let bad = |field: &'static str, value: &str| -> TillError {
        AplazameError::InvalidLine {
            line,
            field,
            value: value.trim().to_owned(),
        }
        .into()
    };
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(bad("name", &input.name));
    }
    let quantity = input
        .quantity
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|quantity| *quantity >= 1)
        .ok_or_else(|| bad("quantity", &input.quantity))?;
    let unit_price = input
        .unit_price
        .trim()
        .parse::<Euros>()
        .ok()
        .filter(|price| !price.is_negative())
        .ok_or_else(|| bad("unit_price", &input.unit_price))?;
    let vat = input
        .vat_rate
        .trim()
        .trim_end_matches('%')
        .trim()
        .parse::<u32>()
        .ok()
        .and_then(VatRate::from_percent)
        .ok_or_else(|| bad("vat_rate", &input.vat_rate))?;
    let discount = match input.discount.trim() {
        "" => None,
        text => Some(
            text.parse::<Euros>()
                .ok()
                .filter(|discount| !discount.is_negative())
                .ok_or_else(|| bad("discount", text))?,
        ),
    };
    Ok(ShelfLine {
        name,
        quantity,
        unit_price,
        vat,
        discount,
    })
}

/// Reads the whole form: every line, then the customer.
pub fn parse_checkout(input: &CheckoutInput) -> Result<NewAplazameSale, TillError> {
    let lines = input
        .lines
        .iter()
        .enumerate()
        .map(|(at, line)| parse_line(at + 1, line))
        .collect::<Result<Vec<_>, _>>()?;
    let blank = |text: &str| Some(text.trim().to_owned()).filter(|text| !text.is_empty());
    let customer_document = match blank(&input.customer_document) {
        Some(text) => Some(SpanishId::parse(&text).map_err(|_| {
            TillError::from(AplazameError::InvalidField {
                field: "customer_document",
                value: text.clone(),
            })
        })?),
        None => None,
    };
    Ok(NewAplazameSale {
        lines,
        customer_name: blank(&input.customer_name),
        customer_email: input.customer_email.trim().to_owned(),
        customer_phone: blank(&input.customer_phone),
        customer_document,
    })
}

/// What the typed lines come to, live as the cashier types (nothing is sent): the total the checkout
/// would ask Aplazame to finance, by the cart's one rounding rule.
pub fn cart_total(lines: &[CartLineInput]) -> Result<EurosView, TillError> {
    let lines = lines
        .iter()
        .enumerate()
        .map(|(at, line)| parse_line(at + 1, line))
        .collect::<Result<Vec<_>, _>>()?;
    let cart = Cart::build(lines).map_err(AplazameError::Cart)?;
    Ok(EurosView::from(cart.total()))
}

/// Asks Aplazame for a checkout (journaled first); the answer is where it stands now.
pub async fn create_checkout(
    ws: &Workstation,
    input: &CheckoutInput,
) -> Result<CheckoutView, TillError> {
    let sale = parse_checkout(input)?;
    let checkout = ws.till.create_checkout(sale).await?;
    tell_central(ws).await;
    Ok(checkout_view(&checkout, ws.settings.lang))
}

/// Central answers Aplazame's IPN with the store's decision: it hears of a new checkout and of a
/// decision at once (a few seconds at most; the relay's next turn takes what does not go now).
pub(super) async fn tell_central(ws: &Workstation) {
    match crate::central::forward_aplazame(&ws.till, &ws.data_dir).await {
        Err(crate::central::CentralFailure::NotEnrolled) if ws.settings.mode == Mode::Sandbox => {
            crate::central::forward_to_simulator(&ws.till, &ws.api_url).await;
        }
        Ok(_) | Err(crate::central::CentralFailure::NotEnrolled) => {}
        Err(error) => tracing::info!(
            code = error.code(),
            "Aplazame's news not given to Central now"
        ),
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
    let checkout = if checkout.decision.is_some() && checkout.decision_forwarded_at.is_none() {
        tell_central(ws).await;
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
    tell_central(ws).await;
    Ok(checkout_view(&checkout, ws.settings.lang))
}

/// The cashier rejects a financing Aplazame accepted, saying why.
pub async fn reject_checkout(
    ws: &Workstation,
    order_id: &str,
    reason: &str,
) -> Result<CheckoutView, TillError> {
    let checkout = ws.till.reject_checkout(order_id.trim(), reason).await?;
    tell_central(ws).await;
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
        operator: checkout.operator.clone(),
        refusal: checkout.refusal.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(quantity: &str, price: &str, vat: &str, discount: &str) -> CartLineInput {
        CartLineInput {
            name: " Zapatillas  de running ".to_owned(),
            quantity: quantity.to_owned(),
            unit_price: price.to_owned(),
            vat_rate: vat.to_owned(),
            discount: discount.to_owned(),
        }
    }

    #[test]
    fn a_line_is_read_as_a_cashier_in_spain_types_it() {
        let read = parse_line(1, &line("2", "59,90", "21 %", "10,00")).unwrap();
        assert_eq!(read.name, "Zapatillas de running");
        assert_eq!(read.quantity, 2);
        assert_eq!(read.unit_price, Euros::from_cents(5_990));
        assert_eq!(read.vat, VatRate::General);
        assert_eq!(read.discount, Some(Euros::from_cents(1_000)));
        let plain = parse_line(1, &line("1", "1.234,50", "4", "")).unwrap();
        assert_eq!(plain.unit_price, Euros::from_cents(123_450));
        assert_eq!(plain.discount, None);
    }

    #[test]
    fn each_bad_field_is_named_with_its_line() {
        let cases = [
            (line("0", "59,90", "21", ""), "quantity"),
            (line("dos", "59,90", "21", ""), "quantity"),
            (line("1", "59.90.1", "21", ""), "unit_price"),
            (line("1", "-5,00", "21", ""), "unit_price"),
            (line("1", "59,90", "16", ""), "vat_rate"),
            (line("1", "59,90", "21", "diez"), "discount"),
        ];
        for (input, field) in cases {
            let error = parse_line(3, &input).unwrap_err();
            assert!(
                matches!(&error, TillError::Aplazame(AplazameError::InvalidLine { line: 3, field: f, .. }) if *f == field),
                "{field}: {error:?}"
            );
            assert_eq!(error.field(), Some(field));
        }
        let mut unnamed = line("1", "1,00", "21", "");
        unnamed.name = "  ".to_owned();
        assert_eq!(parse_line(1, &unnamed).unwrap_err().field(), Some("name"));
        let input = CheckoutInput {
            lines: vec![line("1", "1,00", "21", "")],
            customer_email: "a@b.es".to_owned(),
            customer_document: "12345678A".to_owned(),
            ..CheckoutInput::default()
        };
        let error = parse_checkout(&input).unwrap_err();
        assert_eq!(error.field(), Some("customer_document"));
    }

    #[test]
    fn the_live_total_is_the_carts() {
        let lines = [
            line("2", "59,90", "21", "10,00"),
            line("1", "1.234,50", "4", ""),
        ];
        let total = cart_total(&lines).unwrap();
        assert_eq!(total.cents, 2 * 5_990 - 1_000 + 123_450);
        assert_eq!(total.text, "1.344,30 €");
        assert_eq!(cart_total(&[]).unwrap_err().field(), Some("items"));
        let bad = [line("1", "59,9x", "21", "")];
        assert_eq!(cart_total(&bad).unwrap_err().field(), Some("unit_price"));
    }
}
