//! The harness for end-to-end tests: the real app binary in its real webview (WebKitGTK) under Xvfb,
//! driven through tauri-driver and WebKitWebDriver, talking to the real sandbox over loopback, with its
//! SQLite in a temp dir. Nothing of ours is replaced.
//!
//! One app at a time: the tests of this binary take a global lock, since two WebKit processes on a
//! 2-core machine make each other's timings meaningless; a display is started when none is set. The
//! tools it needs were all found before any test started ([`crate::readiness`]).

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use sandbox::{RunningSandbox, SandboxConfig};
use tempfile::TempDir;
use tokio::sync::{Mutex, MutexGuard};

use crate::readiness::{self, Display};

static ONE_APP_AT_A_TIME: Mutex<()> = Mutex::const_new(());
const PATIENCE: Duration = Duration::from_secs(15);

pub struct App {
    pub client: Client,
    pub sandbox: RunningSandbox,
    pub data_dir: TempDir,
    driver: Child,
    display: Option<Child>,
    _turn: MutexGuard<'static, ()>,
}

/// Runs one end-to-end test to its end on a runtime of its own, as `#[tokio::test]` would.
pub fn block_on(test: impl Future<Output = ()>) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(test)
}

/// The sandbox, a display, tauri-driver and the app, signed in as the first supervisor on Cobro.
pub async fn launch() -> App {
    launch_with_env(&[]).await
}

/// [`launch`], with more environment for the app (it inherits tauri-driver's): another `PATH`, say.
pub async fn launch_with_env(env: &[(&str, std::ffi::OsString)]) -> App {
    let app = start(env).await;
    app.create_first_supervisor().await;
    app.wait_for("customer-input").await;
    app
}

/// The app on a fresh data folder at its first-run screen, nobody created yet.
pub async fn start(env: &[(&str, std::ffi::OsString)]) -> App {
    let turn = ONE_APP_AT_A_TIME.lock().await;
    let tools = readiness::tools();
    let (display, display_process) = match &tools.display {
        Display::Existing(display) => (display.clone(), None),
        Display::Virtual(xvfb) => {
            let (display, process) = start_xvfb(xvfb)
                .unwrap_or_else(|reason| panic!("no display for the app: {reason}"));
            (display, Some(process))
        }
    };
    let driver_binary = &tools.tauri_driver;
    let sandbox = sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts");
    let data_dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let native_port = free_port();
    let driver = Command::new(driver_binary)
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("DISPLAY", &display)
        .env("CAJA_DATA_DIR", data_dir.path())
        .env("CAJA_MODE", "sandbox")
        .env("CAJA_API_URL", sandbox.url())
        .env_remove("CAJA_TOKEN")
        .env_remove("CAJA_LANG")
        .env_remove("CAJA_STORE_NAME")
        .envs(env.iter().map(|(name, value)| (name, value)))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tauri-driver starts");
    // tauri-driver listens before its WebKitWebDriver child does; on a cold machine the first
    // session request would reach a driver that is not there yet.
    wait_for_port(port);
    wait_for_port(native_port);
    let client = open_session(port).await;
    App {
        client,
        sandbox,
        data_dir,
        driver,
        display: display_process,
        _turn: turn,
    }
}

/// The first supervisor every test's till starts with (a fresh till asks for one first).
pub const SUPERVISOR: &str = "Rosa Quispe";
pub const SUPERVISOR_PIN: &str = "2468";

/// Opens the WebDriver session that starts the app, trying again a few times: the first WebKit start
/// on a cold machine can outlast the driver's own patience.
async fn open_session(port: u16) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), "wry".into());
    capabilities.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": app_binary() }),
    );
    let mut attempt = 1;
    loop {
        let connecting = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match connecting {
            Ok(client) => return client,
            Err(error) if attempt < 3 => {
                eprintln!("WebDriver session did not open (attempt {attempt}): {error}; retrying");
                attempt += 1;
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(error) => {
                panic!("WebDriver session did not open after {attempt} attempts: {error}")
            }
        }
    }
}

impl App {
    /// The first run, as a store owner does it: name, PIN, the PIN again, Enter.
    pub async fn create_first_supervisor(&self) {
        self.type_into("signin-name", SUPERVISOR).await;
        self.type_into("signin-pin", SUPERVISOR_PIN).await;
        self.type_into("signin-pin-again", SUPERVISOR_PIN).await;
        self.press(ENTER).await;
    }

    /// A supervisor's approval typed into the open approval dialog, then Enter.
    pub async fn approve(&self, reason: &str) {
        self.wait_for("approval-dialog").await;
        self.type_into("approval-pin", SUPERVISOR_PIN).await;
        self.type_into("approval-reason", reason).await;
        self.press(ENTER).await;
    }

    pub async fn wait_for(&self, test_id: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&selector(test_id)))
            .await
            .unwrap_or_else(|error| panic!("[data-testid={test_id}] never appeared: {error}"))
    }

    pub async fn click(&self, test_id: &str) {
        self.wait_for(test_id).await.click().await.expect("click");
    }

    /// Types into a field as a person would (the field is cleared first).
    pub async fn type_into(&self, test_id: &str, text: &str) {
        let field = self.wait_for(test_id).await;
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    pub async fn text(&self, test_id: &str) -> String {
        self.wait_for(test_id).await.text().await.expect("text")
    }

    /// Waits until an element's attribute has the wanted value.
    pub async fn wait_for_attr(&self, test_id: &str, name: &str, wanted: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(&selector(test_id))).await
                && element.attr(name).await.ok().flatten().as_deref() == Some(wanted)
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "[data-testid={test_id}] never had {name}={wanted}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element's text contains `wanted`, and returns the text.
    pub async fn wait_for_text(&self, test_id: &str, wanted: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(&selector(test_id))).await
                && let Ok(text) = element.text().await
                && text.contains(wanted)
            {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "[data-testid={test_id}] never said «{wanted}»"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until no element has this test id (a notice that went away).
    pub async fn wait_gone(&self, test_id: &str, patience: Duration) {
        let deadline = Instant::now() + patience;
        while self
            .client
            .find(Locator::Css(&selector(test_id)))
            .await
            .is_ok()
        {
            assert!(
                Instant::now() < deadline,
                "[data-testid={test_id}] never went away"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Presses a key in the focused element (WebDriver key codes, e.g. "\u{E007}" for Enter).
    pub async fn press(&self, key: &str) {
        let focused = self
            .client
            .active_element()
            .await
            .expect("a focused element");
        focused.send_keys(key).await.expect("key press");
    }

    /// Saves what the window shows as `NAME.png` in the folder `CAJA_E2E_SHOTS` names, when it names
    /// one (to look at a screen after a run); does nothing otherwise.
    pub async fn screenshot(&self, name: &str) {
        let Some(folder) = std::env::var_os("CAJA_E2E_SHOTS") else {
            return;
        };
        // WebKit's snapshot waits for the next paint, and a still page (no caret blinking) may never
        // paint again: a speck that flickers for a few seconds keeps the page painting meanwhile.
        self.client
            .execute(
                "const speck = document.createElement('div');\
                 speck.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.01';\
                 document.body.appendChild(speck);\
                 const ticker = setInterval(() => { speck.style.opacity = speck.style.opacity === '0.01' ? '0.02' : '0.01'; }, 40);\
                 setTimeout(() => { clearInterval(ticker); speck.remove(); }, 3000);",
                vec![],
            )
            .await
            .expect("a painting page");
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::create_dir_all(&folder).expect("the screenshots' folder");
        std::fs::write(Path::new(&folder).join(format!("{name}.png")), png)
            .expect("a screenshot file");
    }

    /// The element with this test id inside the one whose attribute has this value
    /// (`[data-testid=outer][name=value] [data-testid=inner]`), once it is there.
    pub async fn within(&self, outer: &str, name: &str, value: &str, inner: &str) -> Element {
        let css = format!(
            "{}[{name}=\"{value}\"] {}",
            selector(outer),
            selector(inner)
        );
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&css))
            .await
            .unwrap_or_else(|error| panic!("{css} never appeared: {error}"))
    }

    /// Waits until the element with this test id holds the focus (where the next keystroke goes).
    pub async fn wait_for_focus(&self, test_id: &str) {
        let deadline = Instant::now() + PATIENCE;
        while self.focused_test_id().await.as_deref() != Some(test_id) {
            assert!(
                Instant::now() < deadline,
                "[data-testid={test_id}] never had the focus"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn focused_test_id(&self) -> Option<String> {
        let focused = self.client.active_element().await.ok()?;
        focused.attr("data-testid").await.ok().flatten()
    }

    pub async fn quit(mut self) {
        let _ = self.client.clone().close().await;
        stop_gently(&mut self.driver);
        if let Some(display) = self.display.as_mut() {
            stop_gently(display);
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // A failing test never reaches quit(): the driver must still get SIGTERM, or its WebKitWebDriver
        // child keeps the native port and the next run hangs.
        stop_gently(&mut self.driver);
        if let Some(display) = self.display.as_mut() {
            stop_gently(display);
        }
    }
}

pub use crate::keys::{ENTER, ESCAPE, F1, F6, F8};

fn selector(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}

/// The app the tests drive: the one cargo built, or the installed one the package test names
/// (`CAJA_E2E_APP=/usr/bin/caja-desktop`).
fn app_binary() -> String {
    std::env::var("CAJA_E2E_APP")
        .ok()
        .filter(|path| !path.is_empty())
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_caja-desktop").to_owned())
}

/// A virtual display of the size of a till's screen, on the first free display number.
fn start_xvfb(xvfb: &Path) -> Result<(String, Child), String> {
    let number = (90..200)
        .find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .ok_or("no free display number")?;
    let display = format!(":{number}");
    let mut child = Command::new(xvfb)
        .args([&display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("Xvfb could not start ({error})"))?;
    let socket = format!("/tmp/.X11-unix/X{number}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !Path::new(&socket).exists() {
        if Instant::now() > deadline {
            stop_gently(&mut child);
            return Err("Xvfb did not open its socket".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((display, child))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "nothing listened on {port} (tauri-driver or its WebKitWebDriver)"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn stop_gently(child: &mut Child) {
    if let Ok(None) = child.try_wait() {
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while let Ok(None) = child.try_wait() {
            if Instant::now() > deadline {
                let _ = child.kill();
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.wait();
    }
}
