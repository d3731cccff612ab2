//! The cart and the customer as the cashier types them for Aplazame (prices with IVA, as on the
//! shelf; amounts the way Spain writes them, `1.234,50`), read line by line and field by field before
//! anything reaches the till, each refusal naming its line and field; and the live total the screen
//! shows while the cashier types, by the cart's one rounding rule (nothing is sent).

use serde::Deserialize;
use ts_rs::TS;

use super::aplazame::EurosView;
use providers::aplazame::{Cart, ShelfLine, VatRate};
use providers::euros::Euros;
use providers::spain_ids::SpanishId;
use till::aplazame::NewAplazameSale;
use till::error::{AplazameError, TillError};

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
