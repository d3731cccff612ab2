//! Reading the register and cancel bodies as the document constrains them. A refusal is the plain
//! text the `400` carries (`NOTES.md`: "400 answers are a plain-text string, not JSON"), and names the
//! field: `Invalid JSON: ...`, `Field 'date' is required`, `Invalid field 'amount': ...`. Fields are
//! checked in the document's order and the first bad one is named. Unknown fields are ignored.
//!
//! `amount` must be a JSON number (a string is refused), greater than 0, with at most two decimals. It
//! is read through the number's text into integer céntimos, never through float arithmetic. (Without
//! serde_json's arbitrary precision the text is the shortest form of the parsed double, so `123.30`
//! reads as `123.3`; a literal with more digits than a double keeps cannot be told apart.)

use std::str::FromStr;

use jiff::civil::Date;
use providers::money::Soles;
use reqwest::Url;
use serde_json::{Map, Value};

use crate::apagos::voucher::Registration;

/// The register's body, or the `400` text naming the first bad field. `accounts` are the onboarded
/// bank accounts.
pub(crate) fn register(body: &[u8], accounts: &[String]) -> Result<Registration, String> {
    let fields = object(body)?;
    let amount = amount(&fields)?;
    let date = date(&fields)?;
    let operation_number = required_text(&fields, "operation_number")?;
    let bank_account_id = required_text(&fields, "bank_account_id")?;
    if !accounts.contains(&bank_account_id) {
        return Err(format!(
            "Invalid field 'bank_account_id': '{bank_account_id}' is not one of the accounts provided on the onboarding"
        ));
    }
    let order_id = required_text(&fields, "order_id")?;
    let webhook = url(&fields, "webhook")?;
    let customer_dni = required_text(&fields, "customer_dni")?;
    let customer_fullname = required_text(&fields, "customer_fullname")?;
    let receipt = url(&fields, "receipt")?;
    let detail = match present(&fields, "detail") {
        None => None,
        Some(Value::String(text)) => Some(text.clone()),
        Some(_) => return Err(invalid("detail", "it must be a string")),
    };
    let extra = match present(&fields, "extra") {
        None => None,
        Some(Value::Object(extra)) => Some(extra.clone()),
        Some(_) => return Err(invalid("extra", "it must be an object")),
    };
    Ok(Registration {
        amount,
        date,
        operation_number,
        bank_account_id,
        order_id,
        webhook,
        customer_dni,
        customer_fullname,
        receipt,
        detail,
        extra,
    })
}

/// The cancel's `expected_status`, or the `400` text.
pub(crate) fn cancel(body: &[u8]) -> Result<String, String> {
    let fields = object(body)?;
    required_text(&fields, "expected_status")
}

fn object(body: &[u8]) -> Result<Map<String, Value>, String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(fields)) => Ok(fields),
        Ok(_) => Err("Invalid JSON: the body must be a JSON object".to_owned()),
        Err(error) => Err(format!("Invalid JSON: {error}")),
    }
}

/// The field, unless it is absent or `null`.
fn present<'a>(fields: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    fields.get(name).filter(|value| !value.is_null())
}

fn required(name: &str) -> String {
    format!("Field '{name}' is required")
}

fn invalid(name: &str, why: &str) -> String {
    format!("Invalid field '{name}': {why}")
}

/// A string with something in it besides blanks, kept as sent.
fn required_text(fields: &Map<String, Value>, name: &str) -> Result<String, String> {
    match present(fields, name) {
        None => Err(required(name)),
        Some(Value::String(text)) if text.trim().is_empty() => Err(required(name)),
        Some(Value::String(text)) => Ok(text.clone()),
        Some(_) => Err(invalid(name, "it must be a string")),
    }
}

fn amount(fields: &Map<String, Value>) -> Result<Soles, String> {
    const WHY: &str = "it must be a number greater than 0 with at most 2 decimals";
    let number = match present(fields, "amount") {
        None => return Err(required("amount")),
        Some(Value::Number(number)) => number,
        Some(_) => return Err(invalid("amount", "it must be a JSON number, not a string")),
    };
    let text = number.to_string();
    let plain = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.');
    let decimals = text
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    if !plain || decimals > 2 {
        return Err(invalid("amount", WHY));
    }
    match Soles::from_str(&text) {
        Ok(amount) if amount > Soles::ZERO => Ok(amount),
        _ => Err(invalid("amount", WHY)),
    }
}

/// `YYYY-MM-DD`, a day that exists.
fn date(fields: &Map<String, Value>) -> Result<Date, String> {
    const WHY: &str = "it must be a date in the format YYYY-MM-DD";
    let text = match present(fields, "date") {
        None => return Err(required("date")),
        Some(Value::String(text)) => text,
        Some(_) => return Err(invalid("date", WHY)),
    };
    let shape = text.len() == 10
        && text.char_indices().all(|(at, c)| match at {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
    shape
        .then(|| Date::from_str(text).ok())
        .flatten()
        .ok_or_else(|| invalid("date", WHY))
}

/// An absolute `http` or `https` URL with a host, kept as sent.
fn url(fields: &Map<String, Value>, name: &str) -> Result<String, String> {
    let text = required_text(fields, name)?;
    let absolute = Url::parse(text.trim()).ok().filter(|url| {
        matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())
    });
    match absolute {
        Some(_) => Ok(text),
        None => Err(invalid(name, "it must be an absolute http or https URL")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn accounts() -> Vec<String> {
        vec!["BBVA".to_owned()]
    }

    fn body(amount: Value) -> Vec<u8> {
        json!({
            "amount": amount, "date": "2020-10-30", "operation_number": "696",
            "bank_account_id": "BBVA", "order_id": "1001", "webhook": "https://example.com/hook",
            "customer_dni": "12345678", "customer_fullname": "Juan Pérez Aguilar",
            "receipt": "https://example.com/r.jpg"
        })
        .to_string()
        .into_bytes()
    }

    #[test]
    fn amounts_are_read_into_centimos_exactly() {
        let read = |amount: Value| register(&body(amount), &accounts()).map(|r| r.amount);
        assert_eq!(read(json!(123.30)), Ok(Soles::from_centimos(12330)));
        assert_eq!(read(json!(0.1)), Ok(Soles::from_centimos(10)));
        assert_eq!(read(json!(1999)), Ok(Soles::from_centimos(199_900)));
        for bad in [
            json!(0),
            json!(-5),
            json!(1.005),
            json!(1e-7),
            json!("12.50"),
            json!(1e300),
        ] {
            let refusal = read(bad.clone()).unwrap_err();
            assert!(refusal.contains("'amount'"), "{bad}: {refusal}");
        }
    }

    #[test]
    fn dates_must_be_real_days_in_the_documented_format() {
        let fields = |date: &str| Map::from_iter([("date".to_owned(), json!(date))]);
        assert!(date(&fields("2024-02-29")).is_ok());
        for bad in [
            "2023-02-29",
            "20201030",
            "2020-1-30",
            "30/10/2020",
            "2020-10-30T00:00",
        ] {
            assert!(date(&fields(bad)).is_err(), "{bad}");
        }
    }
}
