//! `caja sandbox customer ORDER_ID ACTION [--sandbox-url URL] [--dni DNI]`: plays the customer's phone
//! on an aCuotaz order of a running sandbox (one `caja sandbox` serves, or the app's embedded one),
//! through its admin route `POST /__sandbox/orders/{order_id}/customer` (see the sandbox's `admin`).
//!
//! The route wants the sandbox's token: `CAJA_SANDBOX_TOKEN`, else the provider's documented mock
//! token, the one `caja sandbox` serves with. An action that is not one of the sandbox's is refused
//! before anything is sent (exit 2); the sandbox's own refusal (a step that makes no sense from the
//! order's status, an unknown order) and an unreachable sandbox exit 1 with the sandbox's words.
//! This is a developer's tool for the simulator, so its few lines of text are written here, in both
//! languages, rather than in the cashier's wording tables.

use std::time::Duration;

use desk::Lang;
use providers::apurata::downpayment::MOCK_TOKEN;
use reqwest::Url;
use serde_json::{Value, json};

use crate::args::{Cli, SandboxAction};
use crate::output::{CliError, Printer};

const TIMEOUT: Duration = Duration::from_secs(10);

pub async fn run(cli: &Cli, printer: &Printer, action: &SandboxAction) -> Result<(), CliError> {
    let SandboxAction::Customer {
        order_id,
        action,
        sandbox_url,
        dni,
    } = action;
    let action = action.trim();
    if !sandbox::CUSTOMER_ACTIONS.contains(&action) {
        let message = format!(
            "unknown action `{action}`; expected one of {}",
            sandbox::CUSTOMER_ACTIONS.join(", ")
        );
        return Err(CliError::missing("action", message));
    }
    let Some(root) = sandbox_url.as_deref().or(cli.api_url.as_deref()) else {
        let message = match printer.lang {
            Lang::Es => "falta --sandbox-url: la URL que «caja sandbox» mostró",
            Lang::En => "--sandbox-url is missing: the URL `caja sandbox` printed",
        };
        return Err(CliError::missing("sandbox-url", message));
    };
    let url = customer_url(root, order_id)?;
    let token = std::env::var("CAJA_SANDBOX_TOKEN")
        .ok()
        .filter(|token| !token.trim().is_empty())
        .unwrap_or_else(|| MOCK_TOKEN.to_owned());
    let mut body = json!({ "action": action });
    if let Some(dni) = dni {
        body["dni"] = json!(dni);
    }
    let order = send(url, &token, &body).await?;
    let text = describe(printer.lang, order_id, action, &order);
    printer.success("sandbox-customer", json!({ "order": order }), &text);
    Ok(())
}

/// `{root}/__sandbox/orders/{order_id}/customer`, the order id as one path segment.
fn customer_url(root: &str, order_id: &str) -> Result<Url, CliError> {
    let invalid = |detail: String| CliError::Other {
        code: "invalid_input",
        message: format!("--sandbox-url {root}: {detail}"),
        field: Some("sandbox-url"),
    };
    let mut url = Url::parse(root.trim()).map_err(|error| invalid(error.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("not an http(s) URL".to_owned()));
    }
    url.path_segments_mut()
        .map_err(|()| invalid("cannot take a path".to_owned()))?
        .pop_if_empty()
        .extend(["__sandbox", "orders", order_id, "customer"]);
    Ok(url)
}

async fn send(url: Url, token: &str, body: &Value) -> Result<Value, CliError> {
    let http = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|error| CliError::other("sandbox_unreachable", error.to_string()))?;
    let response = http
        .post(url.clone())
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .map_err(|error| CliError::other("sandbox_unreachable", format!("{url}: {error}")))?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|error| CliError::other("sandbox_unreachable", error.to_string()))?;
    let answer: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if status.is_success() && answer.is_object() {
        return Ok(answer);
    }
    let message = answer
        .get("error")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("the sandbox answered {status}: {text}"));
    Err(CliError::other("sandbox_refused", message))
}

fn describe(lang: Lang, order_id: &str, action: &str, order: &Value) -> String {
    let status = order["status"].as_str().unwrap_or("?");
    let code = order["funding_code"].as_str();
    match (lang, code) {
        (Lang::Es, Some(code)) => {
            format!("Pedido {order_id}: {action} → {status}. Código de financiamiento: {code}")
        }
        (Lang::Es, None) => format!("Pedido {order_id}: {action} → {status}"),
        (Lang::En, Some(code)) => {
            format!("Order {order_id}: {action} → {status}. Funding code: {code}")
        }
        (Lang::En, None) => format!("Order {order_id}: {action} → {status}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_id_is_one_path_segment() {
        let url = customer_url("http://127.0.0.1:8080", "T1/../x").unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:8080/__sandbox/orders/T1%2F..%2Fx/customer"
        );
        let url = customer_url("http://127.0.0.1:8080/", "T1-000001").unwrap();
        assert_eq!(url.path(), "/__sandbox/orders/T1-000001/customer");
        assert!(customer_url("ftp://x", "1").is_err());
        assert!(customer_url("not a url", "1").is_err());
    }
}
