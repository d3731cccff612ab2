//! The checkout Caja asks Aplazame for, as a value that can only be built checked: [`NewCheckout`]
//! holds the body of `POST checkout/offline`, made from a [`Cart`] that passed [`Cart::check`] (the
//! total is the sum of the lines, each article what the rounding rule derives), the store's order id,
//! a customer with an email, and the URL Aplazame sends the checkout's changes to. Once built the body
//! cannot change: what the client sends is what was checked.

use url::Url;

use super::cart::{Cart, CartError};
use super::wire::request::{Address, CheckoutRequest, Customer, EUR, Merchant, Order};
use crate::euros::Euros;
use crate::target::{PlainHttp, TargetProblem, check_target};

/// The store's order id (`order.id`, the status' `mid`): Aplazame refuses a second checkout with the
/// same one. Caja's start with `STORE-TILL-`. Letters, digits, `-` and `_`, at most 64.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrderId(String);

impl OrderId {
    pub fn parse(text: &str) -> Option<OrderId> {
        ((1..=64).contains(&text.len())
            && text
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'))
        .then(|| OrderId(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a checkout cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckoutError {
    #[error("the cart: {0}")]
    Cart(#[from] CartError),
    #[error("«{0}» is not an email address")]
    Email(String),
    #[error("the IPN URL: {0}")]
    IpnUrl(TargetProblem),
}

/// A checked `POST checkout/offline` body (see the module doc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCheckout {
    body: CheckoutRequest,
}

impl NewCheckout {
    /// The body for `cart`, checked once more here. Blank names and phone are left out; `ipn_url` must
    /// be `http` or `https` with a host and no credentials (which one, Central's or the simulator's, is
    /// the caller's choice).
    pub fn new(
        order_id: &OrderId,
        cart: &Cart,
        customer: Customer,
        ipn_url: Url,
    ) -> Result<NewCheckout, CheckoutError> {
        cart.check()?;
        let email = customer.email.trim();
        if !plausible_email(email) {
            return Err(CheckoutError::Email(customer.email.clone()));
        }
        check_target(&ipn_url, PlainHttp::Anywhere).map_err(CheckoutError::IpnUrl)?;
        let customer = Customer {
            email: email.to_owned(),
            first_name: filled(customer.first_name),
            last_name: filled(customer.last_name),
            phone: filled(customer.phone),
            document_id: customer.document_id,
        };
        let body = CheckoutRequest {
            order: Order {
                id: order_id.as_str().to_owned(),
                currency: EUR.to_owned(),
                total_amount: cart.total(),
                articles: cart.articles(),
            },
            customer,
            billing: None,
            shipping: None,
            merchant: Merchant {
                ipn_url: Some(ipn_url),
            },
        };
        Ok(NewCheckout { body })
    }

    /// The same with the customer's billing address (a sale at the till ships nothing).
    pub fn with_billing(mut self, billing: Address) -> NewCheckout {
        self.body.billing = Some(billing);
        self
    }

    /// The body as it is sent.
    pub fn body(&self) -> &CheckoutRequest {
        &self.body
    }

    pub fn order_id(&self) -> &str {
        &self.body.order.id
    }

    /// The amount asked to be financed: what the customer pays at the shelf.
    pub fn total(&self) -> Euros {
        self.body.order.total_amount
    }
}

/// Something, one `@`, and a domain with a dot; no spaces. Aplazame checks the address itself.
fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && email.len() <= 254
        && !email.chars().any(char::is_whitespace)
}

fn filled(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aplazame::cart::{ShelfLine, VatRate};

    fn cart() -> Cart {
        Cart::build(vec![ShelfLine {
            name: "Bicicleta".to_owned(),
            quantity: 1,
            unit_price: Euros::from_cents(120_050),
            vat: VatRate::General,
            discount: None,
        }])
        .unwrap()
    }

    fn customer(email: &str) -> Customer {
        Customer {
            email: email.to_owned(),
            first_name: Some("  Lucía ".to_owned()),
            last_name: Some(String::new()),
            phone: None,
            document_id: None,
        }
    }

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn the_body_carries_the_cart_and_the_order_id() {
        let id = OrderId::parse("T01-C1-000042").unwrap();
        let hook = url("https://central.example.es/webhooks/aplazame/T01");
        let checkout =
            NewCheckout::new(&id, &cart(), customer(" lucia@example.es "), hook).unwrap();
        let body = checkout.body();
        assert_eq!(body.order.id, "T01-C1-000042");
        assert_eq!(body.order.currency, "EUR");
        assert_eq!(checkout.total(), Euros::from_cents(120_050));
        assert_eq!(body.order.articles.len(), 1);
        assert_eq!(body.customer.email, "lucia@example.es");
        assert_eq!(body.customer.first_name.as_deref(), Some("Lucía"));
        assert_eq!(body.customer.last_name, None);
    }

    #[test]
    fn refuses_what_aplazame_could_not_use() {
        let id = OrderId::parse("T01-C1-1").unwrap();
        let hook = url("https://central.example.es/ipn");
        for email in [
            "",
            "lucia",
            "lucia@example",
            "@example.es",
            "lu cia@example.es",
            "a@b@c.es",
        ] {
            assert_eq!(
                NewCheckout::new(&id, &cart(), customer(email), hook.clone()),
                Err(CheckoutError::Email(email.to_owned())),
                "{email:?}"
            );
        }
        assert_eq!(
            NewCheckout::new(
                &id,
                &cart(),
                customer("a@b.es"),
                url("ftp://example.es/ipn")
            ),
            Err(CheckoutError::IpnUrl(TargetProblem::Scheme))
        );
        assert!(OrderId::parse("").is_none());
        assert!(OrderId::parse("T01/../x").is_none());
        assert!(OrderId::parse(&"x".repeat(65)).is_none());
    }
}
