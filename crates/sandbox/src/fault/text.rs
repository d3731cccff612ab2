//! The compact text form of a fault plan, for command lines and environment variables, and the error
//! that names the part of it that is wrong.
//!
//! ```text
//! PLAN     = RULE { "," RULE }            (an empty or blank text: no faults)
//! RULE     = ENDPOINT ":" FAULT [ ":" PROBABILITY ]
//! ENDPOINT = "info" | "paid-and-billed" | "undo-billing" | "day-summary"
//!          | "landing-config" | "order-create" | "order-info" | "order-confirm" | "order-cancel"
//!          | "total-refund" | "partial-refund" | "add-on" | "info-steps"
//!          | "*"                          (* = every endpoint)
//! FAULT    = "latency=" MILLIS | "server-error" | "bad-gateway" | "unavailable"
//!          | "drop-before-effect" | "drop-after-effect" | "truncated-body" | "wrong-shape"
//!          | "hang" [ "=" MILLIS ]        (hang without a delay: 30000 ms)
//!          | "portal-page" | "plain-text-ok" | "truncated-json"
//! PROBABILITY = a decimal number from 0 to 1 (default 1)
//! ```
//!
//! Example: `paid-and-billed:drop-after-effect:0.2,*:latency=300:0.1,info:server-error:0.05`. Spaces
//! around the parts are ignored, and so are empty rules (a trailing comma). Rules are numbered from 1
//! in error messages, counting as written.

use std::str::FromStr;

use super::plan::{DEFAULT_HANG_MILLIS, Endpoint, Fault, FaultKind, FaultPlan, FaultRule};

/// A fault plan that cannot be used: the text form, or a rule's probability, is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FaultPlanError {
    #[error(
        "fault rule {position} `{rule}`: expected ENDPOINT:FAULT[:PROBABILITY], e.g. `paid-and-billed:drop-after-effect:0.2`"
    )]
    Shape { position: usize, rule: String },
    #[error(
        "fault rule {position} `{rule}`: unknown endpoint `{endpoint}`; expected info, paid-and-billed, undo-billing, day-summary, landing-config, order-create, order-info, order-confirm, order-cancel, total-refund, partial-refund, add-on, info-steps, or * for every endpoint"
    )]
    UnknownEndpoint {
        position: usize,
        rule: String,
        endpoint: String,
    },
    #[error(
        "fault rule {position} `{rule}`: unknown fault `{fault}`; expected latency=MILLIS, server-error, bad-gateway, unavailable, drop-before-effect, drop-after-effect, truncated-body, wrong-shape, hang[=MILLIS], portal-page, plain-text-ok or truncated-json"
    )]
    UnknownFault {
        position: usize,
        rule: String,
        fault: String,
    },
    #[error(
        "fault rule {position} `{rule}`: `{fault}` needs a whole number of milliseconds, e.g. `{kind}=300`"
    )]
    Millis {
        position: usize,
        rule: String,
        fault: String,
        kind: FaultKind,
    },
    #[error("fault rule {position} `{rule}`: `{fault}` takes no value; write `{kind}`")]
    UnexpectedValue {
        position: usize,
        rule: String,
        fault: String,
        kind: FaultKind,
    },
    #[error(
        "fault rule {position} `{rule}`: probability `{probability}` is not a number from 0 to 1"
    )]
    Probability {
        position: usize,
        rule: String,
        probability: String,
    },
    #[error("fault probability {probability} is not a number from 0 to 1")]
    ProbabilityOutOfRange { probability: String },
}

impl FaultPlanError {
    /// Stable code for the `{code, message}` errors the UI translates.
    pub fn code(&self) -> &'static str {
        "sandbox_fault_plan_invalid"
    }
}

impl FromStr for FaultPlan {
    type Err = FaultPlanError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut rules = Vec::new();
        for (index, rule) in text.split(',').enumerate() {
            let rule = rule.trim();
            if !rule.is_empty() {
                rules.push(parse_rule(index + 1, rule)?);
            }
        }
        Ok(FaultPlan::new(rules))
    }
}

fn parse_rule(position: usize, rule: &str) -> Result<FaultRule, FaultPlanError> {
    let parts: Vec<&str> = rule.split(':').map(str::trim).collect();
    let (endpoint, fault, probability) = match parts[..] {
        [endpoint, fault] => (endpoint, fault, None),
        [endpoint, fault, probability] => (endpoint, fault, Some(probability)),
        _ => {
            return Err(FaultPlanError::Shape {
                position,
                rule: rule.to_owned(),
            });
        }
    };
    let endpoint = match endpoint {
        "*" => None,
        name => Some(
            Endpoint::from_name(name).ok_or_else(|| FaultPlanError::UnknownEndpoint {
                position,
                rule: rule.to_owned(),
                endpoint: name.to_owned(),
            })?,
        ),
    };
    let fault = parse_fault(position, rule, fault)?;
    let probability = match probability {
        None => 1.0,
        Some(text) => text
            .parse::<f64>()
            .ok()
            .filter(|p| (0.0..=1.0).contains(p))
            .ok_or_else(|| FaultPlanError::Probability {
                position,
                rule: rule.to_owned(),
                probability: text.to_owned(),
            })?,
    };
    FaultRule::new(endpoint, fault, probability)
}

fn parse_fault(position: usize, rule: &str, text: &str) -> Result<Fault, FaultPlanError> {
    let (name, value) = match text.split_once('=') {
        Some((name, value)) => (name.trim(), Some(value.trim())),
        None => (text, None),
    };
    let kind = FaultKind::from_name(name).ok_or_else(|| FaultPlanError::UnknownFault {
        position,
        rule: rule.to_owned(),
        fault: text.to_owned(),
    })?;
    let millis = |default: Option<u64>| {
        value
            .map_or(default, |value| value.parse::<u64>().ok())
            .ok_or_else(|| FaultPlanError::Millis {
                position,
                rule: rule.to_owned(),
                fault: text.to_owned(),
                kind,
            })
    };
    let fault = match kind {
        FaultKind::Latency => Fault::Latency {
            millis: millis(None)?,
        },
        FaultKind::Hang => Fault::Hang {
            millis: millis(Some(DEFAULT_HANG_MILLIS))?,
        },
        FaultKind::ServerError => Fault::ServerError,
        FaultKind::BadGateway => Fault::BadGateway,
        FaultKind::Unavailable => Fault::Unavailable,
        FaultKind::DropBeforeEffect => Fault::DropBeforeEffect,
        FaultKind::DropAfterEffect => Fault::DropAfterEffect,
        FaultKind::TruncatedBody => Fault::TruncatedBody,
        FaultKind::WrongShape => Fault::WrongShape,
        FaultKind::PortalPage => Fault::PortalPage,
        FaultKind::PlainTextOk => Fault::PlainTextOk,
        FaultKind::TruncatedJson => Fault::TruncatedJson,
    };
    if value.is_some() && !matches!(kind, FaultKind::Latency | FaultKind::Hang) {
        return Err(FaultPlanError::UnexpectedValue {
            position,
            rule: rule.to_owned(),
            fault: text.to_owned(),
            kind,
        });
    }
    Ok(fault)
}
