//! Reading the orders API's requests leniently: a body is taken as any JSON (or none at all) and judged
//! here field by field, in the document's order, so that a malformed request gets the provider's
//! `400 {"error": "Validation error, field <name> required"}` (or `... <name> invalid`, or the amount's
//! limits) naming the first bad field, never a framework's own rejection.
//!
//! Rules the document leaves implicit, as the sandbox applies them: `amount` is a JSON number above
//! zero within `landing_config`'s limits; `order_id` is non-empty text without `/` (it is a path
//! segment later); the `url_redir_on_*` fields are `http(s)://` URLs; `expiration_ts` is
//! `YYYY-MM-DD hh:mm:ss[.mmm]` in UTC; `customer_data`'s fields are text and its `dni` has 8 digits;
//! optional fields may also be `null`. Refunds need a non-empty `X-Unique-Token` header and text
//! `author` and `reason` (and a numeric `amount` for a partial one).

use axum::http::HeaderMap;
use jiff::Timestamp;
use jiff::civil::DateTime;
use providers::apurata::orders::{UNIQUE_TOKEN_HEADER, messages};
use providers::money::Soles;
use serde_json::{Map, Value};

use crate::apurata::orders::order::RefundKind;
use crate::apurata::orders::state::LandingLimits;

/// The header of a refund's idempotency key.
pub(crate) const UNIQUE_TOKEN: &str = UNIQUE_TOKEN_HEADER;
const ORDER_ID_MAX: usize = 100;
const CUSTOMER_FIELDS: [&str; 6] = ["dni", "name", "phone", "email", "address", "billing_city"];
const REQUIRED_URLS: [&str; 4] = [
    "url_redir_on_canceled",
    "url_redir_on_rejected",
    "url_redir_on_success",
    "url_redir_on_downpayment",
];

/// A create request that passed validation.
#[derive(Debug, Clone)]
pub(crate) struct NewOrder {
    pub order_id: String,
    pub pos_client_id: String,
    pub amount: Soles,
    pub expiration_ts: Option<Timestamp>,
    /// The body as received, kept with the order.
    pub request: Value,
}

/// A refund request that passed validation.
#[derive(Debug, Clone)]
pub(crate) struct RefundRequest {
    pub kind: RefundKind,
    /// The partial refund's amount; `None` for a total one.
    pub amount: Option<Soles>,
    pub request: Value,
}

pub(crate) fn required(field: &str) -> String {
    format!("{}, field {field} required", messages::VALIDATION_PREFIX)
}

pub(crate) fn invalid(field: &str) -> String {
    format!("{}, field {field} invalid", messages::VALIDATION_PREFIX)
}

/// `POST pos/order/create`'s body, or the validation error of its first bad field.
pub(crate) fn create(body: &[u8], limits: &LandingLimits) -> Result<NewOrder, String> {
    let request = serde_json::from_slice::<Value>(body).unwrap_or(Value::Null);
    let empty = Map::new();
    let fields = request.as_object().unwrap_or(&empty);

    let amount = amount(fields, "amount")?;
    if amount <= Soles::ZERO {
        return Err(invalid("amount"));
    }
    if !limits.finances(amount) {
        return Err(format!(
            "{}, field amount must be between {} and {}",
            messages::VALIDATION_PREFIX,
            limits.min_amount,
            limits.max_amount
        ));
    }
    optional(fields, "acuotaz_send_sms", Value::is_boolean)?;
    let order_id = text(fields, "order_id")?;
    if order_id.chars().count() > ORDER_ID_MAX
        || order_id.chars().any(|c| c == '/' || c.is_control())
    {
        return Err(invalid("order_id"));
    }
    let expiration_ts = match present(fields, "expiration_ts") {
        None => None,
        Some(value) => Some(
            value
                .as_str()
                .and_then(parse_expiration)
                .ok_or_else(|| invalid("expiration_ts"))?,
        ),
    };
    let pos_client_id = text(fields, "pos_client_id")?;
    optional(fields, "description", Value::is_string)?;
    for field in REQUIRED_URLS {
        let url = text(fields, field)?;
        if !is_url(&url) {
            return Err(invalid(field));
        }
    }
    optional(fields, "url_redir_on_order_detail", |value| {
        value.as_str().is_some_and(is_url)
    })?;
    if let Some(customer) = present(fields, "customer_data") {
        customer_data(customer)?;
    }
    Ok(NewOrder {
        order_id,
        pos_client_id,
        amount,
        expiration_ts,
        request,
    })
}

/// A refund's body, or the validation error of its first bad field.
pub(crate) fn refund(body: &[u8], kind: RefundKind) -> Result<RefundRequest, String> {
    let request = serde_json::from_slice::<Value>(body).unwrap_or(Value::Null);
    let empty = Map::new();
    let fields = request.as_object().unwrap_or(&empty);
    let amount = match kind {
        RefundKind::Partial => Some(amount(fields, "amount")?),
        RefundKind::Total => None,
    };
    text(fields, "author")?;
    text(fields, "reason")?;
    Ok(RefundRequest {
        kind,
        amount,
        request,
    })
}

/// The refund's `X-Unique-Token`, or the validation error naming the header.
pub(crate) fn unique_token(headers: &HeaderMap) -> Result<String, String> {
    let Some(value) = headers.get(UNIQUE_TOKEN) else {
        return Err(required(UNIQUE_TOKEN));
    };
    let token = value.to_str().map_err(|_| invalid(UNIQUE_TOKEN))?.trim();
    if token.is_empty() {
        return Err(required(UNIQUE_TOKEN));
    }
    Ok(token.to_owned())
}

/// `YYYY-MM-DD hh:mm:ss[.mmm]` (a `T` is read as the space), in UTC.
pub(crate) fn parse_expiration(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    let shaped = text.len() >= 19 && matches!(text.as_bytes().get(10), Some(b' ' | b'T'));
    if !shaped {
        return None;
    }
    let civil: DateTime = text.replacen(' ', "T", 1).parse().ok()?;
    civil
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|zoned| zoned.timestamp())
}

/// `http://` or `https://`, a host, and no spaces.
fn is_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty() && !rest.starts_with('/') && !rest.chars().any(char::is_whitespace)
    })
}

/// A field that is there and not `null`.
fn present<'a>(fields: &'a Map<String, Value>, field: &str) -> Option<&'a Value> {
    fields.get(field).filter(|value| !value.is_null())
}

fn optional(
    fields: &Map<String, Value>,
    field: &str,
    valid: impl Fn(&Value) -> bool,
) -> Result<(), String> {
    match present(fields, field) {
        Some(value) if !valid(value) => Err(invalid(field)),
        _ => Ok(()),
    }
}

/// Required non-empty text, trimmed.
fn text(fields: &Map<String, Value>, field: &str) -> Result<String, String> {
    let value = present(fields, field).ok_or_else(|| required(field))?;
    let text = value.as_str().ok_or_else(|| invalid(field))?.trim();
    if text.is_empty() {
        return Err(required(field));
    }
    Ok(text.to_owned())
}

/// A required JSON number, read into céntimos without float arithmetic.
fn amount(fields: &Map<String, Value>, field: &str) -> Result<Soles, String> {
    let value = present(fields, field).ok_or_else(|| required(field))?;
    if !value.is_number() {
        return Err(invalid(field));
    }
    serde_json::from_value::<Soles>(value.clone()).map_err(|_| invalid(field))
}

fn customer_data(customer: &Value) -> Result<(), String> {
    let Some(fields) = customer.as_object() else {
        return Err(invalid("customer_data"));
    };
    for field in CUSTOMER_FIELDS {
        let name = format!("customer_data.{field}");
        match present(fields, field) {
            None => {}
            Some(value) if !value.is_string() => return Err(invalid(&name)),
            Some(_) => {}
        }
    }
    let dni = present(fields, "dni")
        .and_then(Value::as_str)
        .map(str::trim);
    if let Some(dni) = dni.filter(|dni| !dni.is_empty())
        && !(dni.len() == 8 && dni.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(invalid("customer_data.dni"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn valid() -> Value {
        json!({
            "amount": 123.30, "order_id": "001", "pos_client_id": "caja-demo",
            "url_redir_on_canceled": "https://shop.pe/checkout",
            "url_redir_on_rejected": "https://shop.pe/checkout",
            "url_redir_on_success": "https://shop.pe/paid",
            "url_redir_on_downpayment": "https://shop.pe/downpayment",
        })
    }

    fn check(body: Value) -> Result<NewOrder, String> {
        create(body.to_string().as_bytes(), &LandingLimits::default())
    }

    #[test]
    fn a_documented_request_passes_with_its_amount_in_centimos() {
        let order = check(valid()).unwrap();
        assert_eq!(order.amount, Soles::from_centimos(12330));
        assert_eq!(order.order_id, "001");
    }

    #[test]
    fn the_first_bad_field_is_named() {
        let mut body = valid();
        body.as_object_mut().unwrap().remove("url_redir_on_success");
        assert_eq!(
            check(body).unwrap_err(),
            "Validation error, field url_redir_on_success required"
        );
        let mut body = valid();
        body["amount"] = json!("123.30");
        assert_eq!(check(body).unwrap_err(), invalid("amount"));
        let mut body = valid();
        body["customer_data"] = json!({"dni": "1234"});
        assert_eq!(check(body).unwrap_err(), invalid("customer_data.dni"));
        assert_eq!(
            create(b"not json", &LandingLimits::default()).unwrap_err(),
            required("amount")
        );
    }

    #[test]
    fn expiration_is_read_in_utc() {
        let at = parse_expiration("2026-03-10 18:30:00.250").unwrap();
        assert_eq!(at.to_string(), "2026-03-10T18:30:00.25Z");
        assert_eq!(parse_expiration("2026-03-10"), None);
        assert_eq!(parse_expiration("tomorrow at noon"), None);
    }
}
