//! The checks that ask another machine: the provider (one authenticated read that changes nothing,
//! believed only when its body is the provider's answer), Central (its signed status read), and the
//! clock against the `Date` header one of them sends.

use std::time::Duration;

use jiff::Timestamp;
use providers::HttpSettings;
use providers::aplazame::client::AplazameApi;
use providers::aplazame::wire::CheckoutId;
use providers::apurata::downpayment::{DownpaymentApi, Flavor};
use providers::http::ApiError;

use super::{CheckName, CheckStatus, Finding, Outcome, ProviderName, TimeSource};
use crate::workstation::{Workstation, resolve_token};
use till::blocking;
use till::country::Country;
use till::mode::Mode;

/// Past this the clock is worth a warning; past [`CLOCK_FAIL`] Lima's days and expirations go wrong.
pub const CLOCK_WARN: Duration = Duration::from_secs(60);
pub const CLOCK_FAIL: Duration = Duration::from_secs(5 * 60);

/// Short bounds: the doctor must answer while IT waits.
pub(super) fn quick() -> HttpSettings {
    HttpSettings {
        connect_timeout: Duration::from_secs(3),
        total_timeout: Duration::from_secs(8),
        ..HttpSettings::default()
    }
}

/// A `Checkout` id nobody creates: Aplazame answers its documented 404 only past the key's check.
const NO_SUCH_CHECKOUT: &str = "caja-doctor-0000";

/// The provider of the till's country, read once with the till's token; and the `Date` its server
/// sent, for the clock.
pub(super) async fn provider(
    ws: &Workstation,
    from_environment: Option<&str>,
) -> (Outcome, Option<Timestamp>) {
    let outcome = match ws.till.country() {
        Country::Spain => aplazame(ws, from_environment).await,
        _ => acuotaz(ws, from_environment).await,
    };
    let date = server_date(&ws.api_url).await;
    (outcome, date)
}

async fn acuotaz(ws: &Workstation, from_environment: Option<&str>) -> Outcome {
    let provider = ProviderName::Acuotaz;
    let mode = ws.settings.mode;
    let (folder, given) = (ws.data_dir.clone(), from_environment.map(str::to_owned));
    let token = blocking::run(move || resolve_token(&folder, mode, given.as_deref())).await;
    let api = mode.provider_root(&ws.api_url).and_then(|root| {
        let token = token?;
        let flavor = match mode {
            Mode::Mock => Flavor::Mock,
            Mode::Live | Mode::Sandbox => Flavor::V2,
        };
        DownpaymentApi::new(&root, flavor, token, quick()).map_err(|_| {
            till::error::TillError::invalid(
                "api_url",
                &ws.api_url,
                till::error::InputProblem::ApiUrl(till::error::UrlProblem::Scheme),
            )
        })
    });
    let api = match api {
        Ok(api) => api,
        Err(error) => {
            let finding = Finding::ProviderNotSetUp { provider, error };
            return Outcome::new(CheckName::Provider, CheckStatus::Fail, finding);
        }
    };
    let read = api.day_totals(till::clock::lima_today()).await.map(|_| ());
    judged(provider, &ws.api_url, read)
}

async fn aplazame(ws: &Workstation, from_environment: Option<&str>) -> Outcome {
    let provider = ProviderName::Aplazame;
    let setup = match crate::workstation::aplazame_setup_of(ws, from_environment).await {
        Ok(setup) => setup,
        Err(error) => {
            let finding = Finding::ProviderNotSetUp { provider, error };
            return Outcome::new(CheckName::Provider, CheckStatus::Fail, finding);
        }
    };
    let url = setup.root.to_string();
    let read = match AplazameApi::new(&setup.root, setup.key, quick()) {
        Ok(api) => {
            let id = CheckoutId::parse(NO_SUCH_CHECKOUT).expect("a valid id");
            match api.in_environment(setup.environment).status(&id).await {
                // The documented "no such checkout" comes only after the key was accepted.
                Err(ApiError::NotFound { .. }) => Ok(()),
                Ok(_) => Ok(()),
                Err(error) => Err(error),
            }
        }
        Err(error) => Err(error),
    };
    judged(provider, &url, read)
}

fn judged(provider: ProviderName, url: &str, read: Result<(), ApiError>) -> Outcome {
    let url = origin(url);
    match read {
        Ok(()) => Outcome::new(
            CheckName::Provider,
            CheckStatus::Ok,
            Finding::ProviderAccepted { provider, url },
        ),
        Err(error) => Outcome::new(
            CheckName::Provider,
            CheckStatus::Fail,
            Finding::ProviderFailed {
                provider,
                url,
                error,
            },
        ),
    }
}

/// `scheme://host:port` of a URL: the rest may carry a key in a query.
pub(super) fn origin(url: &str) -> String {
    match reqwest::Url::parse(url.trim()) {
        Ok(parsed) => parsed.origin().ascii_serialization(),
        Err(_) => url.trim().to_owned(),
    }
}

/// The `Date` header of any answer from `url`'s server (no credential sent: the header is in every
/// answer, a 404 included).
async fn server_date(url: &str) -> Option<Timestamp> {
    let origin = origin(url);
    let client = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(3))
        .timeout(Duration::from_secs(8))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .ok()?;
    let answer = client.get(origin).send().await.ok()?;
    let header = answer.headers().get(reqwest::header::DATE)?.to_str().ok()?;
    parse_http_date(header)
}

/// An HTTP date (`Tue, 01 Dec 2026 11:19:26 GMT`).
pub(crate) fn parse_http_date(text: &str) -> Option<Timestamp> {
    jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(text.trim())
        .ok()
}

/// The till's clock against the provider's `Date`, else Central's.
pub(super) async fn clock(
    provider_date: Option<Timestamp>,
    central_url: &Option<String>,
) -> Outcome {
    let (date, source) = match (provider_date, central_url) {
        (Some(date), _) => (Some(date), TimeSource::Provider),
        (None, Some(url)) => (server_date(url).await, TimeSource::Central),
        (None, None) => (None, TimeSource::Provider),
    };
    clock_verdict(date, Timestamp::now(), source)
}

/// The verdict of a difference between `theirs` and `ours`. The header has whole seconds: a second of
/// difference is rounding, not drift.
pub(crate) fn clock_verdict(
    theirs: Option<Timestamp>,
    ours: Timestamp,
    source: TimeSource,
) -> Outcome {
    let Some(theirs) = theirs else {
        return Outcome::new(
            CheckName::Clock,
            CheckStatus::Warn,
            Finding::ClockNotCompared,
        );
    };
    let skew_seconds = ours.as_second() - theirs.as_second();
    let off = skew_seconds.unsigned_abs();
    let status = if off > CLOCK_FAIL.as_secs() {
        CheckStatus::Fail
    } else if off > CLOCK_WARN.as_secs() {
        CheckStatus::Warn
    } else {
        CheckStatus::Ok
    };
    let finding = match status {
        CheckStatus::Ok => Finding::ClockAgrees {
            skew_seconds,
            source,
        },
        _ => Finding::ClockOff {
            skew_seconds,
            source,
        },
    };
    Outcome::new(CheckName::Clock, status, finding)
}

/// Central: enrolled or not (a till works fully without it), and when enrolled, its signed status
/// read. Also Central's URL, for the clock when the provider gave no date.
pub(super) async fn central(ws: &Workstation) -> (Outcome, Option<String>) {
    let state = match crate::central::central_state(&ws.till).await {
        Ok(state) => state,
        Err(failure) => {
            let finding = Finding::CentralFailed {
                url: String::new(),
                failure,
            };
            return (
                Outcome::new(CheckName::Central, CheckStatus::Fail, finding),
                None,
            );
        }
    };
    let Some(link) = state.link else {
        let outcome = Outcome::new(
            CheckName::Central,
            CheckStatus::Ok,
            Finding::CentralNotEnrolled,
        );
        return (outcome, None);
    };
    let url = link.base_url.clone();
    let answered = match crate::central::open_client(&ws.till, &ws.data_dir, quick()).await {
        Ok(client) => client.status().await.map(|_| ()).map_err(Into::into),
        Err(failure) => Err(failure),
    };
    let outcome = match answered {
        Ok(()) => Outcome::new(
            CheckName::Central,
            CheckStatus::Ok,
            Finding::CentralAnswered { url: url.clone() },
        ),
        Err(failure) => Outcome::new(
            CheckName::Central,
            CheckStatus::Fail,
            Finding::CentralFailed {
                url: url.clone(),
                failure,
            },
        ),
    };
    (outcome, Some(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_is_judged_by_minutes() {
        let ours: Timestamp = "2026-12-01T12:00:00Z".parse().unwrap();
        let at = |seconds: i64| Some(ours - jiff::SignedDuration::from_secs(seconds));
        let status = |theirs| clock_verdict(theirs, ours, TimeSource::Provider).status;
        assert_eq!(status(at(1)), CheckStatus::Ok);
        assert_eq!(status(at(-90)), CheckStatus::Warn);
        assert_eq!(status(at(600)), CheckStatus::Fail);
        assert_eq!(status(None), CheckStatus::Warn);
        let parsed = parse_http_date("Tue, 01 Dec 2026 12:00:00 GMT");
        assert_eq!(parsed, Some(ours));
    }
}
