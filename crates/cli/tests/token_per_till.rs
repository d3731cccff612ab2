//! Issue 8, point 6: each till (each data folder) keeps its own token in the system secret store, and
//! tests cannot touch a person's real entries. These tests run `caja` against a real Secret Service
//! (gnome-keyring) on a private D-Bus session started here, in a temporary home, under a throw-away
//! namespace (`CAJA_TEST_SECRET_NAMESPACE`). A "real user's" token planted under Caja's real service is
//! checked to be still there, unchanged, at the end. Each till talks to its own provider, which accepts
//! only that till's token: a till that read or overwrote the other's token would be refused.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use sandbox::{RunningSandbox, SandboxConfig};
use serde_json::Value;
use tempfile::TempDir;

const CAJA: &str = env!("CARGO_BIN_EXE_caja");
const REAL_SERVICE: &str = "pe.caja.till";
const REAL_USERS_TOKEN: &str = "real-user-token-must-survive";
const MISSING_TOOLS: &str = "these tests need dbus-daemon, gnome-keyring and secret-tool (packages \
                             dbus-daemon, gnome-keyring, libsecret-tools; scripts/setup.sh installs them)";

/// A Secret Service of our own: a D-Bus session bus and gnome-keyring in a temporary home, stopped
/// (by their process ids) when dropped.
struct PrivateSecretService {
    home: TempDir,
    address: String,
    bus: Child,
    keyring: Child,
}

impl PrivateSecretService {
    fn start() -> PrivateSecretService {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir(home.path().join("run")).unwrap();
        let config = home.path().join("bus.conf");
        std::fs::write(&config, bus_config(&home.path().join("bus"))).unwrap();
        let mut bus = Command::new("dbus-daemon")
            .args(["--nofork", "--print-address=1"])
            .arg(format!("--config-file={}", config.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("dbus-daemon: {error}; {MISSING_TOOLS}"));
        let mut address = String::new();
        BufReader::new(bus.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        let address = address.trim().to_owned();
        assert!(!address.is_empty(), "dbus-daemon printed no address");
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env_clear()
            .envs(session_env(home.path(), &address))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("gnome-keyring-daemon: {error}; {MISSING_TOOLS}"));
        // The login keyring is created, unlocked, with this throw-away password.
        keyring
            .stdin
            .take()
            .unwrap()
            .write_all(b"throw-away\n")
            .unwrap();
        let service = PrivateSecretService {
            home,
            address,
            bus,
            keyring,
        };
        service.wait_until_ready();
        service
    }

    fn wait_until_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let probe = self.secret_tool(&["store", "--label=probe", "service", "probe"], "x");
            if probe.status.success() {
                self.secret_tool(&["clear", "service", "probe"], "");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the private secret service never answered: {}",
                String::from_utf8_lossy(&probe.stderr)
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn env(&self) -> Vec<(String, String)> {
        session_env(self.home.path(), &self.address)
    }

    fn secret_tool(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new("secret-tool")
            .args(args)
            .env_clear()
            .envs(self.env())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("secret-tool: {error}; {MISSING_TOOLS}"));
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Stores an entry as the keyring crate would find it (`service`, `username`, `target`).
    fn plant(&self, service: &str, username: &str, secret: &str) {
        let args = [
            "store",
            "--label=planted",
            "service",
            service,
            "username",
            username,
            "target",
            "default",
        ];
        let stored = self.secret_tool(&args, secret);
        assert!(stored.status.success(), "{stored:?}");
    }

    fn lookup(&self, service: &str, username: &str) -> Option<String> {
        let found = self.secret_tool(&["lookup", "service", service, "username", username], "");
        found
            .status
            .success()
            .then(|| String::from_utf8(found.stdout).unwrap())
    }

    /// How many entries live under `service`.
    fn entries_under(&self, service: &str) -> usize {
        let found = self.secret_tool(&["search", "--all", "service", service], "");
        let listing = String::from_utf8_lossy(&found.stdout).into_owned()
            + &String::from_utf8_lossy(&found.stderr);
        listing.lines().filter(|line| line.starts_with('[')).count()
    }
}

/// A session bus with no service files: nothing is started on demand, so a client that asks too early
/// is told "no such service" (and asks again) instead of starting a second, locked keyring daemon.
fn bus_config(socket: &Path) -> String {
    format!(
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
        socket.display()
    )
}

fn session_env(home: &Path, address: &str) -> Vec<(String, String)> {
    vec![
        ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
        ("HOME".into(), home.display().to_string()),
        (
            "XDG_RUNTIME_DIR".into(),
            home.join("run").display().to_string(),
        ),
        ("DBUS_SESSION_BUS_ADDRESS".into(), address.to_owned()),
    ]
}

impl Drop for PrivateSecretService {
    fn drop(&mut self) {
        for child in [&mut self.keyring, &mut self.bus] {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }
}

/// A namespace no other run shares.
fn namespace() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("t{}-{nanos}", std::process::id())
}

/// A till: a data folder, and the provider only its token opens.
struct TillUnderTest {
    data_dir: PathBuf,
    provider: RunningSandbox,
}

fn caja(
    secrets: &PrivateSecretService,
    namespace: Option<&str>,
    till: &TillUnderTest,
    args: &[&str],
    stdin: &str,
) -> (i32, Value) {
    let mut command = Command::new(CAJA);
    command
        .args([
            "--json",
            "--mode",
            "sandbox",
            "--api-url",
            till.provider.url(),
        ])
        .args(args)
        .env_clear()
        .envs(secrets.env())
        .env("CAJA_DATA_DIR", &till.data_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(namespace) = namespace {
        command.env(desk::secrets::TEST_NAMESPACE_VARIABLE, namespace);
    }
    let mut child = command.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let value = serde_json::from_str(stdout.trim()).unwrap_or_else(|error| {
        panic!(
            "one JSON object ({error}): {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().unwrap(), value)
}

const CHECK: [&str; 5] = ["check", "--dni", "14159265", "--funding-code", "1234567"];

struct Fixture {
    runtime: tokio::runtime::Runtime,
    folders: TempDir,
    secrets: PrivateSecretService,
}

impl Fixture {
    fn new() -> Fixture {
        let secrets = PrivateSecretService::start();
        secrets.plant(REAL_SERVICE, "provider-token-sandbox", REAL_USERS_TOKEN);
        Fixture {
            runtime: tokio::runtime::Runtime::new().unwrap(),
            folders: tempfile::tempdir().unwrap(),
            secrets,
        }
    }

    /// A till in its own folder whose provider accepts only `token`.
    fn till(&self, folder: &str, token: &str) -> TillUnderTest {
        let provider = self
            .runtime
            .block_on(sandbox::start(SandboxConfig {
                token: token.to_owned(),
                ..SandboxConfig::default()
            }))
            .unwrap();
        TillUnderTest {
            data_dir: self.folders.path().join(folder),
            provider,
        }
    }

    /// The real user's entry is exactly as planted, and nothing else was written under Caja's service.
    fn real_entries_untouched(&self) {
        assert_eq!(
            self.secrets
                .lookup(REAL_SERVICE, "provider-token-sandbox")
                .as_deref(),
            Some(REAL_USERS_TOKEN)
        );
        assert_eq!(self.secrets.entries_under(REAL_SERVICE), 1);
    }
}

#[test]
fn two_data_folders_on_one_machine_keep_two_tokens() {
    let fixture = Fixture::new();
    let namespace = namespace();
    let ns = Some(namespace.as_str());
    let first = fixture.till("caja-1", "tok-first-till");
    let second = fixture.till("caja-2", "tok-second-till");

    for (till, token) in [(&first, "tok-first-till"), (&second, "tok-second-till")] {
        let (code, saved) = caja(&fixture.secrets, ns, till, &["token", "set"], token);
        assert_eq!(code, 0, "{saved}");
        assert_eq!(saved["kept_in"], "secret_service", "{saved}");
    }
    for till in [&first, &second] {
        let (code, checked) = caja(&fixture.secrets, ns, till, &CHECK, "");
        assert_eq!(code, 0, "each till calls with its own token: {checked}");
    }
    assert_eq!(
        fixture
            .secrets
            .entries_under(&format!("pe.caja.till.test.{namespace}")),
        2
    );

    // Clearing one till's token leaves the other's.
    let (code, cleared) = caja(&fixture.secrets, ns, &first, &["token", "clear"], "");
    assert_eq!(code, 0, "{cleared}");
    let (code, refused) = caja(&fixture.secrets, ns, &first, &CHECK, "");
    assert_eq!(code, 3, "{refused}");
    assert_eq!(refused["error"]["code"], "token_refused");
    let (code, checked) = caja(&fixture.secrets, ns, &second, &CHECK, "");
    assert_eq!(code, 0, "{checked}");
    fixture.real_entries_untouched();
}

#[test]
fn a_token_saved_by_an_older_caja_moves_once_to_the_first_till_that_finds_it() {
    let fixture = Fixture::new();
    let namespace = namespace();
    let ns = Some(namespace.as_str());
    let service = format!("pe.caja.till.test.{namespace}");
    // Older versions kept one entry per mode for the whole machine.
    fixture
        .secrets
        .plant(&service, "provider-token-sandbox", "tok-from-before");
    let upgraded = fixture.till("caja-1", "tok-from-before");
    let another = fixture.till("caja-2", "tok-from-before");

    let (code, checked) = caja(&fixture.secrets, ns, &upgraded, &CHECK, "");
    assert_eq!(code, 0, "the old entry is found: {checked}");
    assert_eq!(
        fixture.secrets.lookup(&service, "provider-token-sandbox"),
        None,
        "and moved, not copied"
    );
    let (code, checked) = caja(&fixture.secrets, ns, &upgraded, &CHECK, "");
    assert_eq!(code, 0, "found again in the till's own entry: {checked}");
    let (_, status) = caja(&fixture.secrets, ns, &upgraded, &["token", "status"], "");
    assert_eq!(status["kept_in"], "secret_service", "{status}");

    let (code, refused) = caja(&fixture.secrets, ns, &another, &CHECK, "");
    assert_eq!(code, 3, "a second till asks for its own token: {refused}");
    assert_eq!(refused["error"]["code"], "token_refused");
    fixture.real_entries_untouched();
}

#[test]
fn a_test_build_without_a_namespace_never_uses_the_secret_store() {
    let fixture = Fixture::new();
    let till = fixture.till("caja-1", "tok-file-only");
    let (code, saved) = caja(
        &fixture.secrets,
        None,
        &till,
        &["token", "set"],
        "tok-file-only",
    );
    assert_eq!(code, 0, "{saved}");
    assert_eq!(saved["kept_in"], "owner_only_file", "{saved}");
    let (code, cleared) = caja(&fixture.secrets, None, &till, &["token", "clear"], "");
    assert_eq!(code, 0, "{cleared}");
    let (code, refused) = caja(&fixture.secrets, None, &till, &CHECK, "");
    assert_eq!(code, 3, "no token is left anywhere: {refused}");
    fixture.real_entries_untouched();
}
