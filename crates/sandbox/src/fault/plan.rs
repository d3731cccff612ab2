//! What a fault plan says: which [`Fault`] to inject, on which [`Endpoint`], with which probability.
//!
//! A [`FaultPlan`] is an ordered list of [`FaultRule`]s. A rule holds only valid values (a probability
//! from 0 to 1, never NaN), whether it was built in code, parsed from the text form (`text`) or read
//! from JSON, so the server never has to judge a plan it was given. The JSON shapes are documented in
//! the `fault` module.

use std::fmt;

use serde::{Deserialize, Serialize};

pub use super::endpoint::Endpoint;
use super::text::FaultPlanError;

/// How long [`Fault::Hang`] holds a request when no delay is given: past the provider client's default
/// total timeout of 20 s.
pub const DEFAULT_HANG_MILLIS: u64 = 30_000;

/// One way to misbehave on purpose. "Takes effect" means the request reaches the handler, so a
/// `paid-and-billed` or `undo-billing` changes the state as it would without the fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Fault {
    /// Waits `millis`, then serves the request normally. Takes effect.
    Latency { millis: u64 },
    /// `500` with a proxy's `text/html` error page. No effect.
    ServerError,
    /// `502` with a proxy's `text/html` error page. No effect.
    BadGateway,
    /// `503` with a proxy's `text/html` error page. No effect.
    Unavailable,
    /// Closes the connection without a byte of answer. No effect.
    DropBeforeEffect,
    /// Serves the request, then closes the connection without a byte of the answer: the sandbox
    /// committed, the client saw a transport error. Takes effect.
    DropAfterEffect,
    /// Serves the request, then sends the answer's status and headers with a `content-length` of the
    /// whole body (at least 1) but only its first half, and closes the connection. Takes effect.
    TruncatedBody,
    /// Serves the request; a `200` answer is replaced by `200 {"status": "ok", "data": []}`, valid JSON
    /// of a shape the API never answers. Any other answer (a refusal) passes unchanged, so the fault
    /// never turns a refusal into a success. Takes effect.
    WrongShape,
    /// Holds the request `millis` (by default [`DEFAULT_HANG_MILLIS`], past the client's timeout), then
    /// closes the connection without an answer. No effect, even for a client still waiting.
    Hang {
        #[serde(default = "default_hang_millis")]
        millis: u64,
    },
    /// `200` with a captive portal's `text/html` sign-in page: a network in the way answered instead of
    /// the provider. No effect.
    PortalPage,
    /// `200` with `text/plain` `OK`: a proxy or a stub answered. No effect.
    PlainTextOk,
    /// Serves the request; the answer becomes `200` `application/json` whose body is JSON cut short
    /// (complete on the wire, unreadable as JSON): a proxy mangled the provider's answer. Refusals pass
    /// unchanged. Takes effect.
    TruncatedJson,
}

fn default_hang_millis() -> u64 {
    DEFAULT_HANG_MILLIS
}

/// A [`Fault`] without its parameters, to count injections by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FaultKind {
    Latency,
    ServerError,
    BadGateway,
    Unavailable,
    DropBeforeEffect,
    DropAfterEffect,
    TruncatedBody,
    WrongShape,
    Hang,
    PortalPage,
    PlainTextOk,
    TruncatedJson,
}

impl FaultKind {
    pub const ALL: [FaultKind; 12] = [
        FaultKind::Latency,
        FaultKind::ServerError,
        FaultKind::BadGateway,
        FaultKind::Unavailable,
        FaultKind::DropBeforeEffect,
        FaultKind::DropAfterEffect,
        FaultKind::TruncatedBody,
        FaultKind::WrongShape,
        FaultKind::Hang,
        FaultKind::PortalPage,
        FaultKind::PlainTextOk,
        FaultKind::TruncatedJson,
    ];

    /// The name in the text form and in JSON (`drop-after-effect`).
    pub fn as_str(self) -> &'static str {
        match self {
            FaultKind::Latency => "latency",
            FaultKind::ServerError => "server-error",
            FaultKind::BadGateway => "bad-gateway",
            FaultKind::Unavailable => "unavailable",
            FaultKind::DropBeforeEffect => "drop-before-effect",
            FaultKind::DropAfterEffect => "drop-after-effect",
            FaultKind::TruncatedBody => "truncated-body",
            FaultKind::WrongShape => "wrong-shape",
            FaultKind::Hang => "hang",
            FaultKind::PortalPage => "portal-page",
            FaultKind::PlainTextOk => "plain-text-ok",
            FaultKind::TruncatedJson => "truncated-json",
        }
    }

    pub fn from_name(name: &str) -> Option<FaultKind> {
        FaultKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }

    /// Whether a request hit by this fault reaches the handler (see [`Fault`]).
    pub fn takes_effect(self) -> bool {
        matches!(
            self,
            FaultKind::Latency
                | FaultKind::DropAfterEffect
                | FaultKind::TruncatedBody
                | FaultKind::WrongShape
                | FaultKind::TruncatedJson
        )
    }
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Fault {
    pub fn kind(&self) -> FaultKind {
        match self {
            Fault::Latency { .. } => FaultKind::Latency,
            Fault::ServerError => FaultKind::ServerError,
            Fault::BadGateway => FaultKind::BadGateway,
            Fault::Unavailable => FaultKind::Unavailable,
            Fault::DropBeforeEffect => FaultKind::DropBeforeEffect,
            Fault::DropAfterEffect => FaultKind::DropAfterEffect,
            Fault::TruncatedBody => FaultKind::TruncatedBody,
            Fault::WrongShape => FaultKind::WrongShape,
            Fault::Hang { .. } => FaultKind::Hang,
            Fault::PortalPage => FaultKind::PortalPage,
            Fault::PlainTextOk => FaultKind::PlainTextOk,
            Fault::TruncatedJson => FaultKind::TruncatedJson,
        }
    }

    /// Whether a request hit by this fault reaches the handler (see the variants).
    pub fn takes_effect(&self) -> bool {
        self.kind().takes_effect()
    }
}

/// The text form: `latency=300`, `server-error`, `hang=30000`.
impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Latency { millis } | Fault::Hang { millis } => {
                write!(f, "{}={millis}", self.kind())
            }
            _ => write!(f, "{}", self.kind()),
        }
    }
}

/// Inject `fault` into requests to `endpoint` (every endpoint when `None`) with `probability`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RuleFields", into = "RuleFields")]
pub struct FaultRule {
    endpoint: Option<Endpoint>,
    fault: Fault,
    probability: f64,
}

// The probability is never NaN (see `FaultRule::new`), so equality is an equivalence.
impl Eq for FaultRule {}

impl FaultRule {
    /// A rule; `probability` must be a number from 0 (never) to 1 (every matching request).
    pub fn new(
        endpoint: Option<Endpoint>,
        fault: Fault,
        probability: f64,
    ) -> Result<Self, FaultPlanError> {
        if !(0.0..=1.0).contains(&probability) {
            return Err(FaultPlanError::ProbabilityOutOfRange {
                probability: probability.to_string(),
            });
        }
        Ok(FaultRule {
            endpoint,
            fault,
            probability,
        })
    }

    /// A rule that hits every matching request.
    pub fn always(endpoint: Option<Endpoint>, fault: Fault) -> Self {
        FaultRule {
            endpoint,
            fault,
            probability: 1.0,
        }
    }

    /// `None`: every endpoint.
    pub fn endpoint(&self) -> Option<Endpoint> {
        self.endpoint
    }

    pub fn fault(&self) -> Fault {
        self.fault
    }

    pub fn probability(&self) -> f64 {
        self.probability
    }

    pub fn matches(&self, endpoint: Endpoint) -> bool {
        self.endpoint.is_none_or(|own| own == endpoint)
    }
}

/// The text form: `paid-and-billed:drop-after-effect:0.2`, `*:latency=300:1`.
impl fmt::Display for FaultRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let endpoint = self.endpoint.map_or("*", Endpoint::as_str);
        write!(f, "{endpoint}:{}:{}", self.fault, self.probability)
    }
}

/// The JSON fields of a rule, checked on the way in.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFields {
    #[serde(default)]
    endpoint: Option<Endpoint>,
    fault: Fault,
    #[serde(default = "certain")]
    probability: f64,
}

fn certain() -> f64 {
    1.0
}

impl TryFrom<RuleFields> for FaultRule {
    type Error = FaultPlanError;

    fn try_from(fields: RuleFields) -> Result<Self, Self::Error> {
        FaultRule::new(fields.endpoint, fields.fault, fields.probability)
    }
}

impl From<FaultRule> for RuleFields {
    fn from(rule: FaultRule) -> Self {
        RuleFields {
            endpoint: rule.endpoint,
            fault: rule.fault,
            probability: rule.probability,
        }
    }
}

/// Which faults to inject, and where: rules tried in order, at most one fault per request. The default
/// plan injects nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultPlan {
    #[serde(default)]
    rules: Vec<FaultRule>,
}

impl FaultPlan {
    pub fn new(rules: Vec<FaultRule>) -> Self {
        FaultPlan { rules }
    }

    pub fn rules(&self) -> &[FaultRule] {
        &self.rules
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The fault for one request to `endpoint`: each rule that matches it draws one number from
    /// `uniform` (in `0..1`) and wins when the number is below its probability; the first winner's
    /// fault applies. Rules that do not match draw nothing.
    pub(crate) fn choose(
        &self,
        endpoint: Endpoint,
        mut uniform: impl FnMut() -> f64,
    ) -> Option<Fault> {
        self.rules
            .iter()
            .filter(|rule| rule.matches(endpoint))
            .find(|rule| uniform() < rule.probability)
            .map(|rule| rule.fault)
    }
}

/// The text form, which [`FaultPlan::from_str`](std::str::FromStr) reads back; empty for no faults.
impl fmt::Display for FaultPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, rule) in self.rules.iter().enumerate() {
            if index > 0 {
                f.write_str(",")?;
            }
            write!(f, "{rule}")?;
        }
        Ok(())
    }
}
