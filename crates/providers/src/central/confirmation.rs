//! The store's confirmation of an Aplazame checkout, as the till speaks it to Central. Aplazame asks
//! the store to confirm a checkout in `pending`/`confirmation_required` in its answer to that IPN, which
//! reaches Central, not the till; so the till tells Central beforehand what it created and how to
//! answer (an [`Announcement`] with its [`Policy`]), and later what the cashier decided (a
//! [`DecisionRequest`]). Both are keyed by the checkout's `mid`, Caja's order id (`STORE-TILL-…`), and
//! both answer the checkout's [`Confirmation`] as Central holds it.
//!
//! - `PUT …/tills/{till}/aplazame/checkouts/{mid}` with an [`Announcement`];
//! - `PUT …/tills/{till}/aplazame/checkouts/{mid}/decision` with a [`DecisionRequest`]: the same
//!   decision again is fine; a contrary one once a decision was given to Aplazame is refused
//!   (`409 already_answered`);
//! - `GET …/tills/{till}/aplazame/checkouts/{mid}`: the [`Confirmation`] (`404` when unknown).
//!
//! Money is integer cents ([`crate::Euros`] for the till's own types).

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::client::{CentralClient, CentralError};

/// How Central answers Aplazame for a checkout the cashier has not decided yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    /// Confirm when Aplazame's status has the announced total, currency and test-mode flag.
    Auto,
    /// Wait for the cashier's decision.
    Ask,
}

impl Policy {
    pub fn as_str(self) -> &'static str {
        match self {
            Policy::Auto => "auto",
            Policy::Ask => "ask",
        }
    }

    pub fn from_text(text: &str) -> Option<Policy> {
        match text {
            "auto" => Some(Policy::Auto),
            "ask" => Some(Policy::Ask),
            _ => None,
        }
    }
}

/// The store's answer to Aplazame: confirm (`ok`) or reject (`ko`) the checkout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Ok,
    Ko,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Ok => "ok",
            Decision::Ko => "ko",
        }
    }

    pub fn from_text(text: &str) -> Option<Decision> {
        match text {
            "ok" => Some(Decision::Ok),
            "ko" => Some(Decision::Ko),
            _ => None,
        }
    }
}

/// What the till created: Aplazame's checkout id when it has it (it may announce before creating and
/// again after), the total in integer cents, the currency (`EUR`), whether it is a test-mode checkout,
/// and the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkout_id: Option<String>,
    pub total_cents: i64,
    pub currency: String,
    pub sandbox: bool,
    pub policy: Policy,
}

/// The store's decision: who made it (the person's name) and why (may be empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRequest {
    pub decision: Decision,
    pub decided_by: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkout_id: Option<String>,
}

/// A checkout's confirmation as Central holds it. `given` is what Central answered Aplazame (once
/// given, it never changes); `decided_by` is a person's name or `rule` (the `auto` policy, or a total,
/// currency or test-mode flag that does not match the announcement, which is never confirmed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub mid: String,
    pub checkout_id: Option<String>,
    /// `None` until the till announces the checkout.
    pub policy: Option<Policy>,
    pub total_cents: Option<i64>,
    pub currency: Option<String>,
    pub sandbox: Option<bool>,
    pub decision: Option<Decision>,
    pub decided_by: Option<String>,
    pub reason: Option<String>,
    /// RFC 3339.
    pub decided_at: Option<String>,
    /// The till that sent the decision (for `rule`, the one that announced the checkout).
    pub decided_till: Option<String>,
    pub given: Option<Decision>,
    pub given_reason: Option<String>,
    /// RFC 3339.
    pub given_at: Option<String>,
}

/// `aplazame/checkouts/{mid}` under the till's path.
pub fn checkout_rest(mid: &str) -> String {
    format!("aplazame/checkouts/{mid}")
}

/// Whether `mid` can be a path segment: 1 to 64 ASCII letters, digits, `-` or `_`.
pub fn is_mid(mid: &str) -> bool {
    (1..=64).contains(&mid.len())
        && mid
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

impl CentralClient {
    /// `PUT …/aplazame/checkouts/{mid}`: announces a checkout this till created (or is creating).
    pub async fn announce_aplazame(
        &self,
        mid: &str,
        announcement: &Announcement,
    ) -> Result<Confirmation, CentralError> {
        let rest = checked_rest(mid, "")?;
        self.signed_json(Method::PUT, &rest, Some(announcement))
            .await
    }

    /// `PUT …/aplazame/checkouts/{mid}/decision`: the store's decision for Aplazame.
    pub async fn decide_aplazame(
        &self,
        mid: &str,
        decision: &DecisionRequest,
    ) -> Result<Confirmation, CentralError> {
        let rest = checked_rest(mid, "/decision")?;
        self.signed_json(Method::PUT, &rest, Some(decision)).await
    }

    /// `GET …/aplazame/checkouts/{mid}`: what Central holds, and whether Aplazame was answered.
    pub async fn aplazame_confirmation(&self, mid: &str) -> Result<Confirmation, CentralError> {
        let rest = checked_rest(mid, "")?;
        self.signed_json::<_, ()>(Method::GET, &rest, None).await
    }
}

fn checked_rest(mid: &str, tail: &str) -> Result<String, CentralError> {
    if is_mid(mid) {
        Ok(format!("{}{tail}", checkout_rest(mid)))
    } else {
        Err(CentralError::InvalidUrl {
            detail: format!("`{mid}` is not an order id Central can take"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_is_lowercase_words_and_integer_cents() {
        let announcement = Announcement {
            checkout_id: None,
            total_cents: 12_050,
            currency: "EUR".into(),
            sandbox: true,
            policy: Policy::Auto,
        };
        assert_eq!(
            serde_json::to_value(&announcement).unwrap(),
            serde_json::json!({"total_cents": 12050, "currency": "EUR", "sandbox": true,
                               "policy": "auto"})
        );
        let decision: DecisionRequest =
            serde_json::from_str(r#"{"decision": "ko", "decided_by": "Ana"}"#).unwrap();
        assert_eq!(
            (decision.decision, decision.reason.as_str()),
            (Decision::Ko, "")
        );
        assert!(
            serde_json::from_str::<DecisionRequest>(r#"{"decision": "OK", "decided_by": "A"}"#)
                .is_err()
        );
        assert!(is_mid("T01-C1-A000001"));
        assert!(!is_mid("T01/../x") && !is_mid(""));
    }
}
