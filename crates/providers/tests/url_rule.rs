//! The URL rule against inputs made to confuse a reader: for each, the verdict must follow the host that
//! reqwest would really connect to, which this test reads from `reqwest::Url` with its own idea of
//! loopback, not from the rule's.

use std::net::{Ipv4Addr, Ipv6Addr};

use providers::apurata::downpayment::{DownpaymentApi, Flavor};
use providers::target::{PlainHttp, ProviderRoot, TargetProblem, Transport};
use providers::{ApiToken, HttpSettings};
use reqwest::Url;
use url::Host;

use TargetProblem::{
    Credentials, Malformed, NoHost, PlainHttp as PlainHttpRefused, QueryOrFragment, Scheme,
};
use Transport::{Https, LoopbackHttp};

/// Each input with the verdict of live mode (plain http to loopback only).
const CASES: &[(&str, Result<Transport, TargetProblem>)] = &[
    // Backslashes: a special URL reads `\` as `/`, so what follows is path.
    ("http://some.host\\@127.0.0.1/", Err(PlainHttpRefused)),
    ("http://some.host\\\\@127.0.0.1/", Err(PlainHttpRefused)),
    ("http://127.0.0.1\\@some.host/", Ok(LoopbackHttp)),
    ("http:\\\\127.0.0.1\\", Ok(LoopbackHttp)),
    // Userinfo: the host is after the last `@` of the authority; credentials are refused outright.
    ("http://127.0.0.1@some.host/", Err(Credentials)),
    ("http://some.host@127.0.0.1/", Err(Credentials)),
    ("http://127.0.0.1:80@some.host/", Err(Credentials)),
    ("http://user:@127.0.0.1/", Err(Credentials)),
    ("http://:pass@127.0.0.1/", Err(Credentials)),
    ("http://a@b@127.0.0.1/", Err(Credentials)),
    ("https://user:pass@apurata.com/", Err(Credentials)),
    ("http://@127.0.0.1/", Ok(LoopbackHttp)),
    // `#@` and `?@`: the `@` is in the fragment or the query, the host is before it.
    ("http://some.host#@127.0.0.1/", Err(PlainHttpRefused)),
    ("http://some.host?@127.0.0.1/", Err(PlainHttpRefused)),
    ("http://127.0.0.1#@some.host/", Err(QueryOrFragment)),
    ("http://127.0.0.1/?@some.host", Err(QueryOrFragment)),
    // Percent-encoded hosts are decoded before they are read.
    ("http://%31%32%37.0.0.1/", Ok(LoopbackHttp)),
    ("http://%6c%6f%63%61%6c%68%6f%73%74/", Ok(LoopbackHttp)),
    ("http://127.0.0.1%2eevil.com/", Err(PlainHttpRefused)),
    // Shorthand, hexadecimal, octal and decimal IPv4.
    ("http://127.1/", Ok(LoopbackHttp)),
    ("http://0x7f.0.0.1/", Ok(LoopbackHttp)),
    ("http://0x7f000001/", Ok(LoopbackHttp)),
    ("http://017700000001/", Ok(LoopbackHttp)),
    ("http://2130706433/", Ok(LoopbackHttp)),
    ("http://127.0.0.1.evil.com/", Err(PlainHttpRefused)),
    ("http://0.0.0.0/", Err(PlainHttpRefused)),
    // IPv6, IPv4-mapped and the deprecated IPv4-compatible form.
    ("http://[::1]:8080/", Ok(LoopbackHttp)),
    ("http://[0:0:0:0:0:0:0:1]/", Ok(LoopbackHttp)),
    ("http://[::ffff:127.0.0.1]/", Ok(LoopbackHttp)),
    ("http://[::ffff:7f00:1]/", Ok(LoopbackHttp)),
    ("http://[::ffff:8.8.8.8]/", Err(PlainHttpRefused)),
    ("http://[::127.0.0.1]/", Err(PlainHttpRefused)),
    ("http://[::]/", Err(PlainHttpRefused)),
    // Names.
    ("http://localhost:9/", Ok(LoopbackHttp)),
    ("http://localhost./", Ok(LoopbackHttp)),
    ("http://localhost.evil.com/", Err(PlainHttpRefused)),
    ("http://evil.com/localhost", Err(PlainHttpRefused)),
    // Upper-case and odd schemes.
    ("HTTP://127.0.0.1/", Ok(LoopbackHttp)),
    ("HtTpS://apurata.com/", Ok(Https)),
    ("HTTP://LOCALHOST/", Ok(LoopbackHttp)),
    ("http:127.0.0.1", Ok(LoopbackHttp)),
    ("ftp://127.0.0.1/", Err(Scheme)),
    ("file:///etc/passwd", Err(Scheme)),
    ("javascript:alert(1)", Err(Scheme)),
    ("127.0.0.1:8080", Err(Scheme)),
    ("http://", Err(NoHost)),
    // IDN: a circled l and fullwidth digits map to ASCII; a Cyrillic о does not.
    ("http://ⓛocalhost/", Ok(LoopbackHttp)),
    ("http://１２７.０.０.１/", Ok(LoopbackHttp)),
    ("http://lоcalhost/", Err(PlainHttpRefused)),
    // Whitespace and control characters: around the URL they are trimmed, tabs and newlines inside are
    // dropped, anything else in a host is an error.
    (" http://127.0.0.1/ ", Ok(LoopbackHttp)),
    ("http://127.0.0.1\n/", Ok(LoopbackHttp)),
    ("http://127.0.0.1\t.evil.com/", Err(PlainHttpRefused)),
    ("http://loc\nalhost/", Ok(LoopbackHttp)),
    ("http://127.0.0.1 .evil.com/", Err(Malformed)),
    ("http://127.0.0.1\u{0}/", Err(Malformed)),
    ("http://some.host\u{0}@127.0.0.1/", Err(Credentials)),
];

/// Loopback by this test's own reading of the connected host: 127.0.0.0/8, ::1, an IPv4-mapped
/// 127.x address, and the names RFC 6761 reserves for this machine (the client pins them to loopback:
/// `crates/till/tests/url_rule.rs` proves `localhost.` reaches 127.0.0.1 without asking any DNS).
fn really_loopback(host: Host<&str>) -> bool {
    match host {
        Host::Ipv4(address) => address.octets()[0] == 127,
        Host::Ipv6(address) => {
            let segments = address.segments();
            address == Ipv6Addr::LOCALHOST
                || (segments[..6] == [0, 0, 0, 0, 0, 0xffff] && segments[6] >> 8 == 127)
        }
        Host::Domain(name) => name == "localhost" || name == "localhost.",
    }
}

/// What live mode must allow as plain http to loopback, read from the URL reqwest would request.
fn plain_http_to_loopback(url: &Url) -> bool {
    url.scheme() == "http"
        && url.host().is_some_and(really_loopback)
        && url.username().is_empty()
        && url.password().is_none()
        && url.query().is_none()
        && url.fragment().is_none()
}

#[test]
fn each_confusing_input_gets_the_verdict_of_the_host_reqwest_connects_to() {
    for &(input, expected) in CASES {
        let verdict = ProviderRoot::parse(input, PlainHttp::LoopbackOnly).map(|r| r.transport());
        assert_eq!(verdict, expected, "{input:?}");

        let connected = Url::parse(input).ok();
        let loopback_for_reqwest = connected.as_ref().is_some_and(plain_http_to_loopback);
        assert_eq!(
            verdict == Ok(LoopbackHttp),
            loopback_for_reqwest,
            "{input:?}: reqwest would connect to {:?}",
            connected.as_ref().and_then(Url::host_str)
        );
        if verdict == Ok(Https) {
            assert_eq!(
                connected.map(|url| url.scheme().to_owned()).as_deref(),
                Some("https")
            );
        }
    }
}

#[test]
fn outside_live_plain_http_may_leave_loopback_but_nothing_else_changes() {
    for &(input, live) in CASES {
        let relaxed = ProviderRoot::parse(input, PlainHttp::Anywhere).map(|r| r.transport());
        // What live refused only for being plain http is allowed, unless it is not a bare root either.
        let bare_root = |url: Url| url.query().is_none() && url.fragment().is_none();
        let expected = match live {
            Err(PlainHttpRefused) if Url::parse(input).is_ok_and(bare_root) => {
                Ok(Transport::RemoteHttp)
            }
            Err(PlainHttpRefused) => Err(QueryOrFragment),
            other => other,
        };
        assert_eq!(relaxed, expected, "{input:?}");
    }
}

#[test]
fn the_client_requests_the_scheme_host_and_port_that_were_judged() {
    for &(input, _) in CASES {
        let Ok(root) = ProviderRoot::parse(input, PlainHttp::Anywhere) else {
            continue;
        };
        let api = DownpaymentApi::new(
            &root,
            Flavor::V2,
            ApiToken::new("t"),
            HttpSettings::default(),
        )
        .unwrap();
        let base = api.base_url();
        assert_eq!(base.scheme(), root.url().scheme(), "{input:?}");
        assert_eq!(base.host(), root.url().host(), "{input:?}");
        assert_eq!(
            base.port_or_known_default(),
            root.url().port_or_known_default(),
            "{input:?}"
        );
        assert!(
            base.username().is_empty() && base.password().is_none(),
            "{input:?}"
        );
    }
}

#[test]
fn ipv4_mapped_loopback_is_loopback_and_mapped_elsewhere_is_not() {
    let mapped = |v4: Ipv4Addr| format!("http://[{}]/", v4.to_ipv6_mapped());
    let judge =
        |url: String| ProviderRoot::parse(&url, PlainHttp::LoopbackOnly).map(|r| r.transport());
    assert_eq!(judge(mapped(Ipv4Addr::new(127, 9, 9, 9))), Ok(LoopbackHttp));
    assert_eq!(
        judge(mapped(Ipv4Addr::new(10, 0, 0, 1))),
        Err(PlainHttpRefused)
    );
}
