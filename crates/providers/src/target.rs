//! The one rule for where a provider request may go, judged on the URL as reqwest itself parses it.
//!
//! reqwest reads URLs with the `url` crate (WHATWG parsing: `\` is `/`, `127.1` is `127.0.0.1`, hosts are
//! percent-decoded and lower-cased). A rule that read the text any other way could judge one host and let
//! the client connect to another, so everything here works on a parsed [`Url`], and the client connects
//! to exactly the [`ProviderRoot`] that was judged. The rule: `https://` to any host; plain `http://` to
//! loopback, or beyond it only where the caller allows (the till's sandbox and mock modes); no other
//! scheme; no user name or password in the URL (the token travels as a Bearer header, and reqwest would
//! turn URL credentials into a second, Basic, one). Redirects are judged by the same [`check_target`].

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};

use url::{Host, Url};

/// Where plain `http://` may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlainHttp {
    /// Only to this machine: live mode, and every redirect.
    LoopbackOnly,
    /// Anywhere: where no real money moves (the till's sandbox and mock modes).
    Anywhere,
}

/// How a request to an allowed target travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Https,
    /// Plain http that never leaves this machine.
    LoopbackHttp,
    /// Plain http to another machine (allowed only with [`PlainHttp::Anywhere`]).
    RemoteHttp,
}

/// Why a URL may not be used. The till words each one for the cashier in Spanish and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TargetProblem {
    #[error("the URL must start with https:// (or http:// to this machine)")]
    Scheme,
    #[error("the URL names no server")]
    NoHost,
    #[error("the URL is not well formed")]
    Malformed,
    #[error("the URL carries a user name or password; the token is sent apart")]
    Credentials,
    #[error("a provider root has no query (?) or fragment (#)")]
    QueryOrFragment,
    #[error("plain http is allowed only to this machine (loopback)")]
    PlainHttp,
}

impl TargetProblem {
    fn of_parse_error(error: url::ParseError) -> TargetProblem {
        match error {
            url::ParseError::RelativeUrlWithoutBase => TargetProblem::Scheme,
            url::ParseError::EmptyHost => TargetProblem::NoHost,
            _ => TargetProblem::Malformed,
        }
    }
}

/// Judges a parsed URL: how a request to it would travel, or why it may not go there.
pub fn check_target(url: &Url, plain_http: PlainHttp) -> Result<Transport, TargetProblem> {
    let secure = match url.scheme() {
        "https" => true,
        "http" => false,
        _ => return Err(TargetProblem::Scheme),
    };
    let host = url.host().ok_or(TargetProblem::NoHost)?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(TargetProblem::Credentials);
    }
    if secure {
        Ok(Transport::Https)
    } else if is_loopback(&host) {
        Ok(Transport::LoopbackHttp)
    } else if plain_http == PlainHttp::Anywhere {
        Ok(Transport::RemoteHttp)
    } else {
        Err(TargetProblem::PlainHttp)
    }
}

/// The names that mean this machine. The client resolves them itself (see [`pinned_loopback_names`]):
/// `localhost.` in particular is not in `/etc/hosts` and would otherwise be asked of the network's DNS.
const LOOPBACK_NAMES: [&str; 2] = ["localhost", "localhost."];

/// True when a connection to `host` cannot leave this machine: 127.0.0.0/8, `::1`, `localhost` and
/// `localhost.`. An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) reaches its IPv4 address, so it is
/// loopback exactly when that address is; the deprecated IPv4-compatible form (`::127.0.0.1`) is an
/// ordinary IPv6 address and is not. `0.0.0.0` and `::` are not loopback here, although Linux routes them
/// locally: nobody configures a provider on them on purpose.
pub fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => LOOPBACK_NAMES
            .iter()
            .any(|loopback| name.eq_ignore_ascii_case(loopback)),
        Host::Ipv4(address) => address.is_loopback(),
        Host::Ipv6(address) => {
            address.is_loopback() || address.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

/// The loopback names with the addresses the client connects them to, whatever the system resolver
/// says (port 0: the URL's port is used).
pub(crate) fn pinned_loopback_names() -> impl Iterator<Item = (&'static str, [SocketAddr; 2])> {
    let addresses = [
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        SocketAddr::from((Ipv6Addr::LOCALHOST, 0)),
    ];
    LOOPBACK_NAMES
        .into_iter()
        .map(move |name| (name, addresses))
}

/// A provider's root URL, parsed once and judged by [`check_target`]. The client joins the API's paths
/// onto this very value, so the host it connects to is the host that was judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderRoot {
    url: Url,
    transport: Transport,
}

impl ProviderRoot {
    /// Parses `text` as reqwest would and applies the rule. A root has no query or fragment: the API's
    /// paths are appended to it.
    pub fn parse(text: &str, plain_http: PlainHttp) -> Result<ProviderRoot, TargetProblem> {
        let url = Url::parse(text).map_err(TargetProblem::of_parse_error)?;
        let transport = check_target(&url, plain_http)?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(TargetProblem::QueryOrFragment);
        }
        Ok(ProviderRoot { url, transport })
    }

    pub fn url(&self) -> &Url {
        &self.url
    }

    pub fn transport(&self) -> Transport {
        self.transport
    }

    /// The root with `tail` appended to its path (`https://host/prefix` + `/a/` = `https://host/prefix/a/`).
    /// Only the path changes: scheme, host and port stay those that were judged.
    pub(crate) fn with_path_appended(&self, tail: &str) -> Url {
        let mut url = self.url.clone();
        let path = format!("{}{tail}", self.url.path().trim_end_matches('/'));
        url.set_path(&path);
        url
    }
}

impl std::fmt::Display for ProviderRoot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.url.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(text: &str, plain_http: PlainHttp) -> Result<Transport, TargetProblem> {
        ProviderRoot::parse(text, plain_http).map(|root| root.transport())
    }

    #[test]
    fn live_rule_accepts_https_and_loopback_http_only() {
        use PlainHttp::LoopbackOnly;
        assert_eq!(
            judge("https://apurata.com", LoopbackOnly),
            Ok(Transport::Https)
        );
        assert_eq!(
            judge("http://127.0.0.1:8080", LoopbackOnly),
            Ok(Transport::LoopbackHttp)
        );
        assert_eq!(
            judge("http://apurata.com", LoopbackOnly),
            Err(TargetProblem::PlainHttp)
        );
        assert_eq!(
            judge("http://192.0.2.1", PlainHttp::Anywhere),
            Ok(Transport::RemoteHttp)
        );
    }

    #[test]
    fn each_refusal_has_its_own_reason() {
        use PlainHttp::Anywhere;
        assert_eq!(judge("apurata.com", Anywhere), Err(TargetProblem::Scheme));
        assert_eq!(
            judge("ftp://apurata.com", Anywhere),
            Err(TargetProblem::Scheme)
        );
        assert_eq!(judge("http://", Anywhere), Err(TargetProblem::NoHost));
        assert_eq!(
            judge("http://apu rata.com", Anywhere),
            Err(TargetProblem::Malformed)
        );
        assert_eq!(
            judge("https://user:pass@apurata.com", Anywhere),
            Err(TargetProblem::Credentials)
        );
        assert_eq!(
            judge("https://apurata.com/?x=1", Anywhere),
            Err(TargetProblem::QueryOrFragment)
        );
    }

    #[test]
    fn paths_are_appended_without_touching_the_host() {
        let root = ProviderRoot::parse(
            "https://proxy.example:8443/apurata/",
            PlainHttp::LoopbackOnly,
        )
        .unwrap();
        let joined = root.with_path_appended("/pos/v2/");
        assert_eq!(
            joined.as_str(),
            "https://proxy.example:8443/apurata/pos/v2/"
        );
    }
}
