//! What the till accepts for a mode: its name as a person types it, and the provider URLs it may call
//! (the URL rule itself is the provider client's, [`providers::target`]). The message of each refusal
//! says what to change.

use std::str::FromStr;

use providers::ProviderRoot;

use crate::error::{InputProblem, TillError, UrlProblem};
use crate::mode::Mode;

impl Mode {
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
