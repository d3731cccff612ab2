//! The three modes a till runs in, and which provider URLs each accepts.
//!
//! Everything the till stores carries its mode, and every query filters on it, so sandbox and mock data
//! never mix with live data. The URL rule itself is the provider client's ([`providers::target`]), so the
//! URL is judged by the parser that connects; a mode only says whether plain http may leave loopback.

use std::fmt;
use std::str::FromStr;

use providers::{PlainHttp, ProviderRoot};
use serde::{Deserialize, Serialize};

use crate::error::{InputProblem, TillError, UrlProblem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
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

    /// Where plain http may go: beyond loopback only where no real money moves.
    pub fn plain_http(self) -> PlainHttp {
        match self {
            Mode::Live => PlainHttp::LoopbackOnly,
            Mode::Sandbox | Mode::Mock => PlainHttp::Anywhere,
        }
    }

    /// Parses `url` as the provider client will connect to it and checks it against this mode: live
    /// accepts `https://`, and plain `http://` only to loopback; no mode accepts credentials in the URL.
    /// The message says what to change.
    pub fn provider_root(self, url: &str) -> Result<ProviderRoot, TillError> {
        ProviderRoot::parse(url, self.plain_http()).map_err(|problem| {
            TillError::invalid(
                "api_url",
                url,
                InputProblem::ApiUrl(UrlProblem::from(problem)),
            )
        })
    }

    /// [`Mode::provider_root`] for a URL that is only being saved.
    pub fn check_api_url(self, url: &str) -> Result<(), TillError> {
        self.provider_root(url).map(drop)
    }
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
        assert!(matches!(
            error,
            TillError::InvalidInput {
                problem: InputProblem::ApiUrl(UrlProblem::PlainHttpInLive),
                ..
            }
        ));
    }

    fn problem_of(mode: Mode, url: &str) -> Option<UrlProblem> {
        match mode.check_api_url(url) {
            Ok(()) => None,
            Err(TillError::InvalidInput {
                problem: InputProblem::ApiUrl(problem),
                ..
            }) => Some(problem),
            Err(other) => panic!("{url}: unexpected {other:?}"),
        }
    }

    #[test]
    fn live_judges_the_host_that_is_connected_to_not_the_text_after_an_at_sign() {
        // The URL parser reads `\` as `/`: the host is some.host and `@127.0.0.1` is the path.
        assert_eq!(
            problem_of(Mode::Live, "http://some.host\\@127.0.0.1/"),
            Some(UrlProblem::PlainHttpInLive)
        );
        assert_eq!(
            problem_of(Mode::Live, "http://some.host#@127.0.0.1/"),
            Some(UrlProblem::PlainHttpInLive)
        );
        assert_eq!(problem_of(Mode::Live, "http://127.1:8080/"), None);
        assert_eq!(problem_of(Mode::Live, "http://[::ffff:127.0.0.1]/"), None);
    }

    #[test]
    fn credentials_in_the_url_are_refused_in_every_mode() {
        for mode in Mode::ALL {
            assert_eq!(
                problem_of(mode, "http://user:pass@127.0.0.1:9/"),
                Some(UrlProblem::Credentials),
                "{mode}"
            );
        }
        assert_eq!(
            problem_of(Mode::Live, "https://caja@apurata.com"),
            Some(UrlProblem::Credentials)
        );
    }

    #[test]
    fn parses_names() {
        assert_eq!("LIVE".parse::<Mode>().unwrap(), Mode::Live);
        assert!("prod".parse::<Mode>().is_err());
    }
}
