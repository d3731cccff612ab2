//! Starting a sandbox and talking to it with raw HTTP requests, shared by the test files.
#![allow(dead_code)]

use jiff::civil::Date;
use providers::apurata::downpayment::{API_PREFIX, MOCK_TOKEN};
use sandbox::{RunningSandbox, SandboxConfig};
use serde_json::Value;

/// The pinned day of most tests, so that the seed's dates are known.
pub const TODAY: Date = jiff::civil::date(2026, 3, 10);

pub const ENDPOINTS: [&str; 4] = ["info", "paid-and-billed", "undo-billing", "day-summary"];

pub async fn start() -> RunningSandbox {
    start_with(SandboxConfig {
        today: Some(TODAY),
        ..SandboxConfig::default()
    })
    .await
}

pub async fn start_with(config: SandboxConfig) -> RunningSandbox {
    sandbox::start(config).await.expect("sandbox starts")
}

/// `{root}/pos/client/inhouse-downpayment/{flavor}/{endpoint}`.
pub fn url(sandbox: &RunningSandbox, flavor: &str, endpoint: &str) -> String {
    format!("{}{API_PREFIX}{flavor}/{endpoint}", sandbox.url())
}

/// What came back, kept raw so tests can assert the exact bytes' meaning.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        assert_eq!(
            self.content_type.as_deref(),
            Some("application/json"),
            "content type of {}",
            self.body
        );
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// Asserts status and the exact JSON body in one line.
    pub fn expect(&self, status: u16, body: Value) {
        assert_eq!(
            (self.status, self.json()),
            (status, body),
            "raw body: {}",
            self.body
        );
    }

    /// Asserts a 200 with an empty body, the documented answer of the POST endpoints.
    pub fn expect_empty_ok(&self) {
        assert_eq!((self.status, self.body.as_str()), (200, ""), "{self:?}");
    }
}

pub struct Caller {
    pub http: reqwest::Client,
    pub token: Option<String>,
}

impl Default for Caller {
    fn default() -> Self {
        Caller::with_token(Some(MOCK_TOKEN))
    }
}

impl Caller {
    pub fn with_token(token: Option<&str>) -> Self {
        Caller {
            http: reqwest::Client::new(),
            token: token.map(str::to_owned),
        }
    }

    pub async fn get(&self, url: &str, query: &[(&str, &str)]) -> Answer {
        let mut request = self.http.get(url).query(query);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        answer(request).await
    }

    /// POSTs `body` as it is, with `Content-Type: application/json`.
    pub async fn post(&self, url: &str, body: &str) -> Answer {
        let mut request = self
            .http
            .post(url)
            .header("content-type", "application/json")
            .body(body.to_owned());
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        answer(request).await
    }

    pub async fn post_json(&self, url: &str, body: Value) -> Answer {
        self.post(url, &body.to_string()).await
    }

    pub async fn put(&self, url: &str, body: String, content_type: &str) -> Answer {
        let mut request = self
            .http
            .put(url)
            .header("content-type", content_type)
            .body(body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        answer(request).await
    }

    pub async fn delete(&self, url: &str) -> Answer {
        let mut request = self.http.delete(url);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        answer(request).await
    }
}

pub async fn answer(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.expect("the sandbox answers");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().unwrap().to_owned());
    let body = response.text().await.expect("a text body");
    Answer {
        status,
        content_type,
        body,
    }
}

/// A sandbox on the pinned day with `faults` (the text form) in force from the start.
pub async fn start_faulty(faults: &str, seed: u64) -> RunningSandbox {
    start_with(SandboxConfig {
        today: Some(TODAY),
        faults: faults.parse().expect("a valid fault plan"),
        fault_seed: seed,
        ..SandboxConfig::default()
    })
    .await
}

/// What a client saw of one exchange, transport failures included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A status and a whole body.
    Answered { status: u16, body: String },
    /// A status and headers, then a body that could not be read to its end.
    BrokenBody { status: u16 },
    /// No status at all: the connection was closed before an answer.
    NoAnswer,
    /// The client's own timeout ran out first.
    TimedOut,
}

impl Outcome {
    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Answered { status, .. } | Outcome::BrokenBody { status } => Some(*status),
            Outcome::NoAnswer | Outcome::TimedOut => None,
        }
    }
}

/// Sends `request` and tells what came back, without panicking on transport errors.
pub async fn outcome(request: reqwest::RequestBuilder) -> Outcome {
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) if error.is_timeout() => return Outcome::TimedOut,
        Err(error) => {
            assert!(
                error.is_request() && error.status().is_none(),
                "a transport error: {error:?}"
            );
            return Outcome::NoAnswer;
        }
    };
    let status = response.status().as_u16();
    match response.text().await {
        Ok(body) => Outcome::Answered { status, body },
        Err(error) if error.is_timeout() => Outcome::TimedOut,
        Err(error) => {
            assert!(
                error.is_body() || error.is_decode(),
                "a body error: {error:?}"
            );
            Outcome::BrokenBody { status }
        }
    }
}

/// `GET info` of the documented test pair.
pub fn info_request(http: &reqwest::Client, sandbox: &RunningSandbox) -> reqwest::RequestBuilder {
    http.get(url(sandbox, "v2", "info"))
        .query(&[("dni", "14159265"), ("funding_code", "1234567")])
        .bearer_auth(MOCK_TOKEN)
}

/// `POST paid-and-billed` of the documented test pair.
pub fn pay_request(http: &reqwest::Client, sandbox: &RunningSandbox) -> reqwest::RequestBuilder {
    http.post(url(sandbox, "v2", "paid-and-billed"))
        .bearer_auth(MOCK_TOKEN)
        .json(&serde_json::json!({"dni": "14159265", "funding_code": "1234567"}))
}

/// How many billing events the sandbox logged for `funding_code`.
pub fn billings(sandbox: &RunningSandbox, funding_code: &str) -> usize {
    sandbox
        .state()
        .billing_events()
        .iter()
        .filter(|event| event.funding_code == funding_code)
        .count()
}
