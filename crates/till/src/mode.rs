//! The three modes a till runs in, and which provider URLs each accepts.
//!
//! Everything the till stores carries its mode, and every query filters on it, so sandbox and mock data
//! never mix with live data.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{InputProblem, TillError, UrlProblem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Caja's own simulator on loopback, with demo data. The default.
    Sandbox,
    /// The provider's own test endpoints (`mock/` paths, the documented test token).
    Mock,
    /// Production: real money.
    Live,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Sandbox, Mode::Mock, Mode::Live];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Sandbox => "sandbox",
            Mode::Mock => "mock",
            Mode::Live => "live",
        }
    }

    pub fn is_live(self) -> bool {
        self == Mode::Live
    }

    /// The provider root used when none is configured (the sandbox has none: it is started on demand).
    pub fn default_api_url(self) -> Option<&'static str> {
        match self {
            Mode::Sandbox => None,
            Mode::Mock | Mode::Live => Some("https://apurata.com"),
        }
    }

    /// Checks that `url` may be used in this mode: live accepts only `https://`, and plain `http://` only
    /// for loopback addresses. The message says what to change.
    pub fn check_api_url(self, url: &str) -> Result<(), TillError> {
        let invalid = |problem| TillError::invalid("api_url", url, InputProblem::ApiUrl(problem));
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| invalid(UrlProblem::Scheme))?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host_of(authority);
        if host.is_empty() {
            return Err(invalid(UrlProblem::NoHost));
        }
        match scheme.to_ascii_lowercase().as_str() {
            "https" => Ok(()),
            "http" if is_loopback(host) => Ok(()),
            "http" if self.is_live() => Err(invalid(UrlProblem::PlainHttpInLive)),
            "http" => Ok(()),
            _ => Err(invalid(UrlProblem::Scheme)),
        }
    }
}

fn host_of(authority: &str) -> &str {
    let without_user = authority.rsplit('@').next().unwrap_or(authority);
    if let Some(bracketed) = without_user.strip_prefix('[') {
        return bracketed.split(']').next().unwrap_or("");
    }
    without_user.split(':').next().unwrap_or("")
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Mode {
    type Err = TillError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Mode::ALL
            .into_iter()
            .find(|mode| mode.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| TillError::invalid("mode", text, InputProblem::UnknownMode))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_accepts_https_and_loopback_http_only() {
        assert!(Mode::Live.check_api_url("https://apurata.com").is_ok());
        assert!(Mode::Live.check_api_url("http://127.0.0.1:8080").is_ok());
        assert!(Mode::Live.check_api_url("http://[::1]:8080/").is_ok());
        assert!(Mode::Live.check_api_url("http://localhost:9").is_ok());
        assert!(Mode::Live.check_api_url("http://apurata.com").is_err());
        assert!(
            Mode::Live
                .check_api_url("http://127.0.0.1.evil.com")
                .is_err()
        );
        assert!(Mode::Live.check_api_url("ftp://apurata.com").is_err());
        assert!(Mode::Live.check_api_url("apurata.com").is_err());
        assert!(Mode::Mock.check_api_url("http://192.0.2.1").is_ok());
    }

    #[test]
    fn live_refuses_plain_http_to_a_lan_address_and_says_https() {
        let error = Mode::Live.check_api_url("http://192.168.1.10").unwrap_err();
        assert_eq!(error.code(), "invalid_input");
        assert_eq!(error.field(), Some("api_url"));
        assert!(error.message(crate::Lang::Es).contains("https://"));
        assert!(error.message(crate::Lang::En).contains("https://"));
    }

    #[test]
    fn parses_names() {
        assert_eq!("LIVE".parse::<Mode>().unwrap(), Mode::Live);
        assert!("prod".parse::<Mode>().is_err());
    }
}
