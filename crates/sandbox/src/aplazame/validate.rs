//! Reading `POST checkout/offline`'s body as the document and Aplazame's reference constrain it. Every
//! bad field is named in the reference's error shape, `{"error": {"fields": {"order.total_amount":
//! ["..."]}, "message": "API validation error", "type": "ApiValidationException"}}`, with the path of
//! the field (`order.articles.1.price`, counting from 0). Unknown fields are ignored.
//!
//! - `order.id` a non-empty string; `order.currency` `EUR`; `order.total_amount` an integer of cents
//!   above 0; `order.articles` a non-empty list, each with `id` and `name` (strings), `quantity` (an
//!   integer, at least 1), `price` (integer cents without tax, at least 0), `tax_rate` (basis points,
//!   0 to 10000; or the order's own `tax_rate`) and an optional `discount` (integer cents, at least 0).
//!   An article's `url` and `image_url`, required online, are not asked of a sale at a till.
//! - The total must be one the articles can come from: Caja's rounding rule
//!   (`providers::aplazame::cart`) derives the net figures from the shelf prices, so the sum of the
//!   lines with IVA is known to a window of about a cent per unit, and `total_amount` must fall in it.
//! - `customer.email` an address; `customer.document_id`, when present, a valid DNI, NIE or CIF.
//! - `merchant.ipn_url`, when present, an absolute `http` or `https` URL; `billing` and `shipping`,
//!   when present, objects.

use std::collections::BTreeMap;

use providers::Euros;
use providers::SpanishId;
use providers::aplazame::cart::shelf_total_range;
use providers::aplazame::wire::request::Article;
use reqwest::Url;
use serde_json::{Map, Value};

/// Field errors by the field's path.
pub(crate) type FieldErrors = BTreeMap<String, Vec<String>>;

const REQUIRED: &str = "This field is required.";

/// A body that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Accepted {
    pub(crate) mid: String,
    pub(crate) total_amount: i64,
    pub(crate) email: String,
    pub(crate) ipn_url: Option<String>,
    pub(crate) request: Value,
}

/// The body, or every field that is wrong (see the module doc).
pub(crate) fn checkout(body: &[u8]) -> Result<Accepted, FieldErrors> {
    let mut errors = FieldErrors::new();
    let request: Value = match serde_json::from_slice(body) {
        Ok(Value::Object(fields)) => Value::Object(fields),
        Ok(_) => return Err(one("body", "The body must be a JSON object.")),
        Err(error) => return Err(one("body", &format!("Invalid JSON: {error}"))),
    };
    let order = object(&request, "order", true, &mut errors);
    let mid = order.and_then(|order| text(order, "order.id", "id", &mut errors));
    let total = order
        .and_then(|order| integer(order, "order.total_amount", "total_amount", 1, &mut errors));
    if let Some(order) = order {
        match order.get("currency") {
            None | Some(Value::Null) => add(&mut errors, "order.currency", REQUIRED),
            Some(Value::String(code)) if code == "EUR" => {}
            Some(_) => add(&mut errors, "order.currency", "Only EUR is accepted."),
        }
    }
    let articles = order.and_then(|order| articles(order, &mut errors));
    if let (Some(total), Some(articles)) = (total, articles) {
        match shelf_total_range(&articles) {
            None => add(
                &mut errors,
                "order.articles",
                "No cart gives these articles.",
            ),
            Some((low, high)) if !(low.cents()..=high.cents()).contains(&total) => add(
                &mut errors,
                "order.total_amount",
                &format!(
                    "{} is not the sum of the articles with tax, which is between {low} and {high}.",
                    Euros::from_cents(total)
                ),
            ),
            Some(_) => {}
        }
    }
    let customer = object(&request, "customer", true, &mut errors);
    let email =
        customer.and_then(|customer| text(customer, "customer.email", "email", &mut errors));
    if let Some(email) = &email
        && !plausible_email(email)
    {
        add(
            &mut errors,
            "customer.email",
            "Enter a valid email address.",
        );
    }
    if let Some(Value::String(document)) = customer.and_then(|customer| customer.get("document_id"))
        && let Err(problem) = SpanishId::parse(document)
    {
        add(
            &mut errors,
            "customer.document_id",
            &format!("Not a DNI, NIE or CIF: {problem}."),
        );
    }
    let merchant = object(&request, "merchant", false, &mut errors);
    let ipn_url = merchant.and_then(|merchant| ipn_url(merchant, &mut errors));
    object(&request, "billing", false, &mut errors);
    object(&request, "shipping", false, &mut errors);
    match (errors.is_empty(), mid, total, email) {
        (true, Some(mid), Some(total_amount), Some(email)) => Ok(Accepted {
            mid,
            total_amount,
            email,
            ipn_url,
            request,
        }),
        _ => Err(errors),
    }
}

/// `{field: [message]}`.
pub(crate) fn one(field: &str, message: &str) -> FieldErrors {
    FieldErrors::from([(field.to_owned(), vec![message.to_owned()])])
}

fn count(errors: &FieldErrors) -> usize {
    errors.values().map(Vec::len).sum()
}

fn add(errors: &mut FieldErrors, field: &str, message: &str) {
    errors
        .entry(field.to_owned())
        .or_default()
        .push(message.to_owned());
}

/// The object at `name`: required or not, it must be an object when present.
fn object<'a>(
    parent: &'a Value,
    name: &str,
    required: bool,
    errors: &mut FieldErrors,
) -> Option<&'a Map<String, Value>> {
    match parent.get(name) {
        Some(Value::Object(fields)) => Some(fields),
        None | Some(Value::Null) if !required => None,
        None | Some(Value::Null) => {
            add(errors, name, REQUIRED);
            None
        }
        Some(_) => {
            add(errors, name, "Expected an object.");
            None
        }
    }
}

/// A string with something besides blanks.
fn text(
    fields: &Map<String, Value>,
    path: &str,
    name: &str,
    errors: &mut FieldErrors,
) -> Option<String> {
    match fields.get(name) {
        Some(Value::String(text)) if !text.trim().is_empty() => Some(text.clone()),
        Some(Value::String(_)) | None | Some(Value::Null) => {
            add(errors, path, REQUIRED);
            None
        }
        Some(_) => {
            add(errors, path, "Expected a string.");
            None
        }
    }
}

/// A JSON integer, at least `minimum` (a number with a fraction is not cents).
fn integer(
    fields: &Map<String, Value>,
    path: &str,
    name: &str,
    minimum: i64,
    errors: &mut FieldErrors,
) -> Option<i64> {
    match fields.get(name) {
        None | Some(Value::Null) => {
            add(errors, path, REQUIRED);
            None
        }
        Some(value) => match value.as_i64() {
            Some(number) if number >= minimum => Some(number),
            _ => {
                let why = format!("Expected an integer of at least {minimum}.");
                add(errors, path, &why);
                None
            }
        },
    }
}

fn articles(order: &Map<String, Value>, errors: &mut FieldErrors) -> Option<Vec<Article>> {
    let list = match order.get("articles") {
        Some(Value::Array(list)) if !list.is_empty() => list,
        Some(Value::Array(_)) | None | Some(Value::Null) => {
            add(errors, "order.articles", REQUIRED);
            return None;
        }
        Some(_) => {
            add(errors, "order.articles", "Expected a list.");
            return None;
        }
    };
    let global_rate = order.get("tax_rate").and_then(Value::as_i64);
    let before = count(errors);
    let mut read = Vec::new();
    for (at, item) in list.iter().enumerate() {
        let path = |field: &str| format!("order.articles.{at}.{field}");
        let Value::Object(fields) = item else {
            add(
                errors,
                &format!("order.articles.{at}"),
                "Expected an object.",
            );
            continue;
        };
        let id = text(fields, &path("id"), "id", errors);
        let name = text(fields, &path("name"), "name", errors);
        let quantity = integer(fields, &path("quantity"), "quantity", 1, errors).and_then(|n| {
            let fits = u32::try_from(n).ok();
            if fits.is_none() {
                add(errors, &path("quantity"), "Too large.");
            }
            fits
        });
        let price = integer(fields, &path("price"), "price", 0, errors);
        let rate = match fields
            .get("tax_rate")
            .and_then(Value::as_i64)
            .or(global_rate)
        {
            Some(rate) if (0..=10_000).contains(&rate) => u32::try_from(rate).ok(),
            Some(_) => {
                add(
                    errors,
                    &path("tax_rate"),
                    "Expected basis points, 0 to 10000.",
                );
                None
            }
            None => {
                add(
                    errors,
                    &path("tax_rate"),
                    "This field is required (or order.tax_rate).",
                );
                None
            }
        };
        let discount = match fields.get("discount") {
            None | Some(Value::Null) => Some(None),
            Some(_) => integer(fields, &path("discount"), "discount", 0, errors).map(Some),
        };
        if let (Some(id), Some(name), Some(quantity), Some(price), Some(tax_rate), Some(discount)) =
            (id, name, quantity, price, rate, discount)
        {
            read.push(Article {
                id,
                name,
                quantity,
                price: Euros::from_cents(price),
                tax_rate,
                discount: discount.map(Euros::from_cents),
            });
        }
    }
    (count(errors) == before).then_some(read)
}

fn ipn_url(merchant: &Map<String, Value>, errors: &mut FieldErrors) -> Option<String> {
    let text = match merchant.get("ipn_url") {
        None | Some(Value::Null) => return None,
        Some(Value::String(text)) => text,
        Some(_) => {
            add(errors, "merchant.ipn_url", "Expected a URL.");
            return None;
        }
    };
    let absolute = Url::parse(text.trim()).ok().filter(|url| {
        matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())
    });
    if absolute.is_none() {
        add(
            errors,
            "merchant.ipn_url",
            "Enter an absolute http or https URL.",
        );
    }
    absolute.map(|_| text.trim().to_owned())
}

/// Something, one `@`, a domain with a dot, no blanks.
fn plausible_email(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(total: i64) -> Value {
        json!({
            "order": {"id": "T01-C1-1", "currency": "EUR", "total_amount": total, "articles": [
                {"id": "1", "name": "Zapatillas", "quantity": 2, "price": 4950, "tax_rate": 2100,
                 "discount": 413},
                {"id": "2", "name": "Calcetines", "quantity": 1, "price": 1818, "tax_rate": 1000}
            ]},
            "customer": {"email": "lucia@example.es", "document_id": "12345678Z"},
            "merchant": {"ipn_url": "http://127.0.0.1:9/ipn"}
        })
    }

    fn read(body: &Value) -> Result<Accepted, FieldErrors> {
        checkout(body.to_string().as_bytes())
    }

    #[test]
    fn a_cart_priced_by_the_rule_is_accepted() {
        let accepted = read(&body(12_980)).unwrap();
        assert_eq!(
            (accepted.mid.as_str(), accepted.total_amount),
            ("T01-C1-1", 12_980)
        );
        assert_eq!(accepted.ipn_url.as_deref(), Some("http://127.0.0.1:9/ipn"));
        // 2 × (5989..=5990) − (999..=1000) and 1818 × 1,10 → 2000: 12978 to 12981.
        assert!(read(&body(12_978)).is_ok() && read(&body(12_981)).is_ok());
        let off = read(&body(12_982)).unwrap_err();
        assert!(off["order.total_amount"][0].contains("129,78 €"), "{off:?}");
        assert!(read(&body(12_977)).is_err());
    }

    #[test]
    fn every_bad_field_is_named_by_its_path() {
        let mut bad = body(12_980);
        bad["order"]["currency"] = json!("USD");
        bad["order"]["articles"][1]["quantity"] = json!(0);
        bad["order"]["articles"][0]["price"] = json!(49.5);
        bad["customer"]["email"] = json!("lucia");
        bad["customer"]["document_id"] = json!("12345678A");
        bad["merchant"]["ipn_url"] = json!("/ipn");
        bad["billing"] = json!("Madrid");
        let errors = read(&bad).unwrap_err();
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "billing",
                "customer.document_id",
                "customer.email",
                "merchant.ipn_url",
                "order.articles.0.price",
                "order.articles.1.quantity",
                "order.currency",
            ]
        );
        assert!(errors["customer.document_id"][0].contains("Z, not A"));
        let missing = read(&json!({})).unwrap_err();
        assert_eq!(missing["order"], [REQUIRED]);
        assert_eq!(missing["customer"], [REQUIRED]);
        assert!(checkout(b"[1]").unwrap_err().contains_key("body"));
        assert!(checkout(b"{").unwrap_err().contains_key("body"));
    }
}
