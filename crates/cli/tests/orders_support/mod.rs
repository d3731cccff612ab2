//! What the `caja order` tests share: a till (a data folder on a real SQLite file) run through the
//! built `caja` binary against a sandbox served in this process over loopback; the customer's phone
//! played with `caja sandbox customer`; and the sandbox's own record of its orders and refunds, read
//! in process, to check what reached the provider.

// Each test target that includes this module uses a different part of it.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use sandbox::{FaultPlan, Order, RunningSandbox, SandboxConfig};
use serde_json::Value;

pub const CAJA: &str = env!("CARGO_BIN_EXE_caja");
pub const ROSA: Who = Some(("Rosa Quispe", "2468"));
pub const LUIS: Who = Some(("Luis Mamani", "1357"));

/// The provider's test DNIs: always approved, always denied, never finishes.
pub const APPROVED: &str = "14159265";
pub const DENIED: &str = "71828182";
pub const ON_HOLD: &str = "61803398";

/// Who is signed in (name and PIN), if anyone.
pub type Who = Option<(&'static str, &'static str)>;

/// A till and its provider.
pub struct OrdersTill {
    pub dir: tempfile::TempDir,
    /// Dropped before the runtime it serves on (fields drop in order).
    pub provider: RunningSandbox,
    _runtime: tokio::runtime::Runtime,
}

impl OrdersTill {
    pub fn new() -> OrdersTill {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let provider = runtime
            .block_on(sandbox::start(SandboxConfig::default()))
            .unwrap();
        OrdersTill {
            dir: tempfile::tempdir().unwrap(),
            provider,
            _runtime: runtime,
        }
    }

    /// A till with Rosa Quispe (supervisor) and Luis Mamani (cashier).
    pub fn staffed() -> OrdersTill {
        let till = OrdersTill::new();
        let add = |who: Who, name: &str, role: &str, pin: &str| {
            let args = ["users", "add", "--name", name, "--role", role];
            let (code, answer) = till.run(who, &[("CAJA_NEW_PIN", pin)], &args);
            assert_eq!(code, 0, "{answer}");
        };
        add(None, "Rosa Quispe", "supervisor", "2468");
        add(ROSA, "Luis Mamani", "cashier", "1357");
        till
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn command(&self, who: Who, env: &[(&str, &str)], args: &[&str]) -> Command {
        let mut command = Command::new(CAJA);
        command
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.path())
            .env("CAJA_DATA_DIR", self.path())
            .env("CAJA_MODE", "sandbox")
            .env("CAJA_API_URL", self.provider.url())
            .env("CAJA_HTTP_TIMEOUT", "3")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some((user, pin)) = who {
            command.env("CAJA_USER", user).env("CAJA_PIN", pin);
        }
        for (name, value) in env {
            command.env(name, value);
        }
        command
    }

    /// `caja --json ARGS`: the exit code and the one JSON object printed.
    pub fn run(&self, who: Who, env: &[(&str, &str)], args: &[&str]) -> (i32, Value) {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let output = self.command(who, env, &all).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let value = serde_json::from_str(stdout.trim()).unwrap_or_else(|error| {
            panic!(
                "one JSON object ({error}) from {args:?}: {stdout}{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
        (output.status.code().unwrap(), value)
    }

    /// `caja --json ARGS` that must succeed.
    pub fn ok(&self, who: Who, args: &[&str]) -> Value {
        let (code, answer) = self.run(who, &[], args);
        assert_eq!(code, 0, "caja {args:?}: {answer}");
        answer
    }

    /// `caja --json ARGS` that must fail with `exit` and error `code`; returns the error object.
    pub fn fails(&self, who: Who, args: &[&str], exit: i32, code: &str) -> Value {
        let (got, answer) = self.run(who, &[], args);
        assert_eq!(got, exit, "caja {args:?}: {answer}");
        assert_eq!(answer["ok"], false, "{answer}");
        assert_eq!(answer["error"]["code"], code, "{answer}");
        answer["error"].clone()
    }

    /// `caja ARGS` as a person reads it: the exit status and everything printed.
    pub fn text(&self, who: Who, args: &[&str]) -> (Output, String) {
        let output = self.command(who, &[], args).output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output, text)
    }

    /// `caja order create` for `amount` and `dni`; returns the order view.
    pub fn create(&self, who: Who, amount: &str, dni: &str) -> Value {
        let answer = self.ok(who, &create_args(amount, dni));
        assert_eq!(answer["action"], "create", "{answer}");
        answer["order"].clone()
    }

    /// The customer's phone takes one step (`caja sandbox customer`); returns the sandbox's order.
    pub fn customer(&self, order_id: &str, action: &str) -> Value {
        let url = self.provider.url().to_owned();
        let args = [
            "sandbox",
            "customer",
            order_id,
            action,
            "--sandbox-url",
            url.as_str(),
        ];
        self.ok(None, &args)["order"].clone()
    }

    /// `caja order status ID`: the order view after asking the provider.
    pub fn status(&self, who: Who, order_id: &str) -> Value {
        self.ok(who, &["order", "status", order_id])["order"].clone()
    }

    /// A funded order of `amount` for `dni`: created, opened, applied for, paid online.
    pub fn funded(&self, who: Who, amount: &str, dni: &str) -> String {
        let order = self.create(who, amount, dni);
        let id = order["orderId"].as_str().unwrap().to_owned();
        for step in ["open", "apply", "pay-online"] {
            self.customer(&id, step);
        }
        let view = self.status(who, &id);
        assert_eq!(view["status"], "funded", "{view}");
        assert_eq!(view["handoverAllowed"], true, "{view}");
        id
    }

    /// The sandbox's orders, as it holds them.
    pub fn provider_orders(&self) -> Vec<Order> {
        self.provider.state().orders()
    }

    pub fn provider_order(&self, order_id: &str) -> Order {
        self.provider
            .state()
            .order(order_id)
            .unwrap_or_else(|| panic!("the sandbox holds {order_id}"))
    }

    /// Replaces the provider's faults with the plan's text form (`""`: none).
    pub fn set_faults(&self, plan: &str) {
        let plan: FaultPlan = plan.parse().unwrap();
        self.provider.state().set_fault_plan(plan);
    }
}

/// `order create` with a valid description, name and phone.
pub fn create_args<'a>(amount: &'a str, dni: &'a str) -> Vec<&'a str> {
    vec![
        "order",
        "create",
        "--amount",
        amount,
        "--description",
        "Refrigeradora LG 420 L",
        "--dni",
        dni,
        "--name",
        "Ana Quispe Mamani",
        "--phone",
        "987654321",
    ]
}

/// Céntimos of a `{centimos, text}` amount.
pub fn centimos(money: &Value) -> i64 {
    money["centimos"]
        .as_i64()
        .unwrap_or_else(|| panic!("an amount: {money}"))
}
