//! The provider URL rule of live mode as a till meets it: a URL that merely looks like loopback to a
//! reader of its text is refused before anything is sent, and the odd spellings that really are loopback
//! reach the sandbox listening on 127.0.0.1 and nothing else.

use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{RunningSandbox, SandboxConfig, demo};
use tempfile::TempDir;
use till::identity::parse_dni;
use till::{ApiToken, HttpSettings, InputProblem, Mode, Till, TillConfig, TillError, UrlProblem};

fn live_till(dir: &TempDir, api_url: &str) -> Result<Till, TillError> {
    Till::open(TillConfig {
        data_dir: dir.path().to_owned(),
        mode: Mode::Live,
        api_url: api_url.to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    })
}

fn port_of(sandbox: &RunningSandbox) -> u16 {
    sandbox.address().port()
}

#[tokio::test]
async fn a_live_till_refuses_plain_http_to_another_host_hidden_behind_an_at_sign() {
    let sandbox = sandbox::start(SandboxConfig::default()).await.unwrap();
    let port = port_of(&sandbox);
    // Read by hand, each ends in `@127.0.0.1:PORT`; parsed as reqwest parses it, each names some.host
    // (the `\` is a `/`, the rest is path, query or fragment), which would get the token over plain HTTP.
    for disguised in [
        format!("http://some.host\\@127.0.0.1:{port}/"),
        format!("http://some.host/@127.0.0.1:{port}/"),
        format!("http://some.host?@127.0.0.1:{port}/"),
        format!("http://some.host#@127.0.0.1:{port}/"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        match live_till(&dir, &disguised) {
            Err(TillError::InvalidInput {
                field: "api_url",
                problem: InputProblem::ApiUrl(UrlProblem::PlainHttpInLive),
                ..
            }) => {}
            Err(other) => panic!("{disguised}: refused for another reason: {other:?}"),
            Ok(_) => panic!("{disguised}: a live till accepted plain http to some.host"),
        }
    }
}

#[tokio::test]
async fn a_live_till_refuses_credentials_in_the_url_even_to_loopback() {
    let sandbox = sandbox::start(SandboxConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://caja:secret@127.0.0.1:{}/", port_of(&sandbox));
    let error = live_till(&dir, &url).err().expect("refused");
    assert!(matches!(
        error,
        TillError::InvalidInput {
            problem: InputProblem::ApiUrl(UrlProblem::Credentials),
            ..
        }
    ));
}

#[tokio::test]
async fn odd_spellings_of_loopback_reach_the_sandbox_on_127_0_0_1() {
    let sandbox = sandbox::start(SandboxConfig::default()).await.unwrap();
    let port = port_of(&sandbox);
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    for spelling in [
        format!("http://127.1:{port}"),
        format!("http://0x7f.0.0.1:{port}/"),
        format!("HTTP://LOCALHOST:{port}/"),
        // Not in /etc/hosts: the client itself connects it to loopback instead of asking the DNS.
        format!("http://localhost.:{port}/"),
        format!("http://%6cocalhost:{port}/"),
        format!(" http://127.0.0.1:{port}/\n"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let till = live_till(&dir, &spelling)
            .unwrap_or_else(|error| panic!("{spelling:?}: refused: {error:?}"));
        till.staff()
            .create_first_supervisor("Rosa Quispe", "2468")
            .unwrap();
        let checked = till
            .check(&customer, &demo::DOCS_PAIR.funding_code.parse().unwrap())
            .await;
        assert!(checked.is_ok(), "{spelling:?}: {checked:?}");
    }
}
