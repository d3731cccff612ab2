//! `caja sandbox customer ORDER_ID ACTION`: the customer's phone played from a terminal against a
//! running sandbox, through its admin route; and `caja sandbox --pos-client-id` serving the orders API
//! for another store.

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::{RunningSandbox, SandboxConfig};
use serde_json::{Value, json};

const CAJA: &str = env!("CARGO_BIN_EXE_caja");

fn caja(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(CAJA);
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", dir.path())
        .env("CAJA_DATA_DIR", dir.path())
        .stdin(Stdio::null());
    for (name, value) in envs {
        command.env(name, value);
    }
    command.output().expect("caja runs")
}

/// `caja --json sandbox customer ...`: the exit code and the one JSON object.
fn customer(sandbox: &RunningSandbox, args: &[&str], envs: &[(&str, &str)]) -> (i32, Value) {
    let mut all = vec!["--json", "sandbox", "customer"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--sandbox-url", sandbox.url()]);
    let output = caja(&all, envs);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|error| panic!("one JSON object expected ({error}): {stdout}"));
    (output.status.code().unwrap(), value)
}

fn create_body(order_id: &str, client: &str) -> Value {
    json!({
        "amount": 1500.0, "order_id": order_id, "pos_client_id": client,
        "url_redir_on_canceled": "https://tienda.pe/c", "url_redir_on_rejected": "https://tienda.pe/r",
        "url_redir_on_success": "https://tienda.pe/s", "url_redir_on_downpayment": "https://tienda.pe/d",
        "customer_data": {"dni": "14159265", "name": "Ana Quispe"}
    })
}

/// Creates `order_id` on the sandbox at `root` and answers the create's JSON.
async fn create(root: &str, token: &str, order_id: &str, client: &str) -> Value {
    reqwest::Client::new()
        .post(format!("{root}/pos/order/create"))
        .bearer_auth(token)
        .json(&create_body(order_id, client))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn started(runtime: &tokio::runtime::Runtime, config: SandboxConfig) -> RunningSandbox {
    runtime.block_on(sandbox::start(config)).unwrap()
}

fn status(sandbox: &RunningSandbox, order_id: &str) -> String {
    sandbox
        .state()
        .order(order_id)
        .unwrap()
        .status
        .as_str()
        .to_owned()
}

#[test]
fn the_phone_takes_an_order_to_an_in_store_funding_code() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = started(&runtime, SandboxConfig::default());
    runtime.block_on(create(sandbox.url(), MOCK_TOKEN, "T1-000001", "caja-demo"));

    for (action, expected) in [("open", "created"), ("apply", "approved")] {
        let (code, answer) = customer(&sandbox, &["T1-000001", action], &[]);
        assert_eq!(code, 0, "{answer}");
        assert_eq!(answer["ok"], true);
        assert_eq!(answer["order"]["status"], expected);
    }
    let (code, answer) = customer(&sandbox, &["T1-000001", "pay-in-store"], &[]);
    assert_eq!(code, 0, "{answer}");
    let funding_code = answer["order"]["funding_code"].as_str().unwrap();
    assert_eq!(status(&sandbox, "T1-000001"), "validated");
    let financing = sandbox
        .state()
        .financing(funding_code)
        .expect("a financing");
    assert_eq!(financing.dni, "14159265");
    assert_eq!(financing.purchase_total.centimos(), 150_000);

    // In text, the funding code is what the customer shows at the till.
    let text = caja(
        &[
            "sandbox",
            "customer",
            "T1-000001",
            "expire",
            "--sandbox-url",
            sandbox.url(),
        ],
        &[("CAJA_LANG", "es")],
    );
    assert!(text.status.success(), "{text:?}");
    let said = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(
        said.contains("T1-000001") && said.contains("canceled"),
        "{said}"
    );
}

#[test]
fn the_text_names_the_funding_code() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = started(&runtime, SandboxConfig::default());
    runtime.block_on(create(sandbox.url(), MOCK_TOKEN, "T1-000001", "caja-demo"));
    customer(&sandbox, &["T1-000001", "open"], &[]);
    let applied = caja(
        &[
            "sandbox",
            "customer",
            "T1-000001",
            "apply",
            "--dni",
            "44556677",
        ],
        &[("CAJA_SANDBOX_URL", sandbox.url())],
    );
    assert!(applied.status.success(), "{applied:?}");
    assert_eq!(
        sandbox.state().order("T1-000001").unwrap().dni(),
        Some("44556677")
    );
    let paid = caja(
        &[
            "--lang",
            "es",
            "sandbox",
            "customer",
            "T1-000001",
            "pay-in-store",
        ],
        &[("CAJA_SANDBOX_URL", sandbox.url())],
    );
    let said = String::from_utf8_lossy(&paid.stdout).into_owned();
    let code = sandbox
        .state()
        .order("T1-000001")
        .unwrap()
        .funding_code
        .unwrap();
    assert!(
        said.contains(&format!("Código de financiamiento: {code}")),
        "{said}"
    );
}

#[test]
fn refusals_and_mistakes_have_their_exit_codes() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = started(&runtime, SandboxConfig::default());
    runtime.block_on(create(sandbox.url(), MOCK_TOKEN, "T1-000001", "caja-demo"));

    // The sandbox refuses a step from the wrong status, in its own words.
    let (code, answer) = customer(&sandbox, &["T1-000001", "pay-online"], &[]);
    assert_eq!(code, 1, "{answer}");
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["error"]["code"], "sandbox_refused");
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("cannot pay-online an order that is initial"),
        "{message}"
    );
    let (code, answer) = customer(&sandbox, &["nope", "open"], &[]);
    assert_eq!(
        (code, answer["error"]["message"].as_str()),
        (1, Some("Order does not exist"))
    );

    // An unknown action is refused before anything is sent.
    let (code, answer) = customer(&sandbox, &["T1-000001", "teleport"], &[]);
    assert_eq!(code, 2, "{answer}");
    assert_eq!(answer["error"]["field"], "action");
    assert_eq!(status(&sandbox, "T1-000001"), "initial");

    // Without a URL there is nothing to talk to.
    let output = caja(&["--json", "sandbox", "customer", "T1-000001", "open"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(status(&sandbox, "T1-000001"), "initial");
}

#[test]
fn the_route_wants_the_sandboxs_token() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let secret = "a-token-of-this-sandbox-only";
    let sandbox = started(
        &runtime,
        SandboxConfig {
            token: secret.to_owned(),
            ..SandboxConfig::default()
        },
    );
    runtime.block_on(create(sandbox.url(), secret, "T1-000001", "caja-demo"));
    let (code, answer) = customer(&sandbox, &["T1-000001", "open"], &[]);
    assert_eq!(code, 1, "{answer}");
    assert_eq!(answer["error"]["message"], "Wrong or missing client token");
    assert_eq!(status(&sandbox, "T1-000001"), "initial");
    let (code, answer) = customer(
        &sandbox,
        &["T1-000001", "open"],
        &[("CAJA_SANDBOX_TOKEN", secret)],
    );
    assert_eq!(code, 0, "{answer}");
    assert_eq!(status(&sandbox, "T1-000001"), "created");
}

#[test]
fn caja_sandbox_serves_the_orders_api_for_the_store_it_is_given() {
    let mut child = Command::new(CAJA)
        .args(["--json", "sandbox", "--pos-client-id", "tienda-centro"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let listening: Value = serde_json::from_str(line.trim()).unwrap();
    let url = listening["url"].as_str().unwrap().to_owned();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ours = runtime.block_on(create(&url, MOCK_TOKEN, "T1-000001", "tienda-centro"));
    let other = runtime.block_on(create(&url, MOCK_TOKEN, "T1-000002", "caja-demo"));
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(ours["status"], "new_order", "{ours}");
    assert_eq!(other, json!({"error": "Client not registered"}));
}
