//! Whether this machine can run the end-to-end tests, decided once before any of them starts.
//!
//! A test that cannot run never passes: when the display (or Xvfb to make one), WebKitWebDriver or
//! tauri-driver is missing, every end-to-end test fails with the commands that install what is missing,
//! in CI and outside it alike. Skipping is a decision someone makes with `CAJA_SKIP_E2E=1`; the tests are
//! then reported `ignored` by the harness, so `cargo test` and `./test` count them as skipped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use libtest_mimic::{Failed, Trial};

/// The variable that skips the end-to-end tests on purpose, and the only value that does.
pub const SKIP_VARIABLE: &str = "CAJA_SKIP_E2E";
const SKIP_VALUE: &str = "1";

/// What was found on this machine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// `$DISPLAY`, when a display is already there.
    pub display: Option<String>,
    pub xvfb: Option<PathBuf>,
    pub webkit_webdriver: Option<PathBuf>,
    pub tauri_driver: Option<PathBuf>,
}

/// Where the window goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Display {
    Existing(String),
    /// Started for each test with this Xvfb.
    Virtual(PathBuf),
}

/// What a test needs to launch the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tools {
    pub display: Display,
    pub tauri_driver: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Readiness {
    Ready(Tools),
    /// `CAJA_SKIP_E2E=1`: not run, reported ignored.
    Skipped,
    /// What is missing and the commands that install it.
    Missing(String),
}

/// The rule: skipped only on request; otherwise ready, or missing with what to install.
pub fn decide(skip_requested: bool, found: Found) -> Readiness {
    if skip_requested {
        return Readiness::Skipped;
    }
    let display = match (found.display, found.xvfb) {
        (Some(display), _) => Some(Display::Existing(display)),
        (None, Some(xvfb)) => Some(Display::Virtual(xvfb)),
        (None, None) => None,
    };
    match (display, found.webkit_webdriver, found.tauri_driver) {
        (Some(display), Some(_), Some(tauri_driver)) => Readiness::Ready(Tools {
            display,
            tauri_driver,
        }),
        (display, webkit_webdriver, tauri_driver) => Readiness::Missing(what_to_install(
            display.is_none(),
            webkit_webdriver.is_none(),
            tauri_driver.is_none(),
        )),
    }
}

fn what_to_install(no_display: bool, no_webkit_webdriver: bool, no_tauri_driver: bool) -> String {
    let mut missing = Vec::new();
    let mut packages = Vec::new();
    if no_display {
        missing.push("Xvfb (and DISPLAY is not set)");
        packages.push("xvfb xauth");
    }
    if no_webkit_webdriver {
        missing.push("WebKitWebDriver");
        packages.push("webkit2gtk-driver");
    }
    if no_tauri_driver {
        missing.push("tauri-driver");
    }
    let mut commands = Vec::new();
    if !packages.is_empty() {
        commands.push(format!(
            "sudo apt-get install -y --no-install-recommends {}",
            packages.join(" ")
        ));
    }
    if no_tauri_driver {
        commands.push("cargo install tauri-driver --version '^2' --locked".to_owned());
    }
    format!(
        "the end-to-end tests cannot run: {} not found. Install with: {} (./test installs them by \
         itself). To skip these tests on purpose, set {SKIP_VARIABLE}={SKIP_VALUE}: they are then \
         counted as skipped.",
        missing.join(", "),
        commands.join(" && ")
    )
}

/// This machine's readiness, looked at once.
pub fn current() -> &'static Readiness {
    static READINESS: OnceLock<Readiness> = OnceLock::new();
    READINESS.get_or_init(|| {
        let skip_requested = std::env::var(SKIP_VARIABLE).is_ok_and(|value| value == SKIP_VALUE);
        let home_tauri_driver = std::env::var_os("HOME")
            .map(|home| Path::new(&home).join(".cargo/bin/tauri-driver"))
            .filter(|path| path.is_file());
        decide(
            skip_requested,
            Found {
                display: std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()),
                xvfb: which::which("Xvfb").ok(),
                webkit_webdriver: which::which("WebKitWebDriver").ok(),
                tauri_driver: which::which("tauri-driver").ok().or(home_tauri_driver),
            },
        )
    })
}

/// The tools of a ready machine; only reachable from a test that this readiness let run.
pub fn tools() -> &'static Tools {
    match current() {
        Readiness::Ready(tools) => tools,
        other => panic!("an end-to-end test ran on a machine that is not ready: {other:?}"),
    }
}

/// One end-to-end test as the harness runs it, under this machine's readiness.
pub fn trial(name: &str, test: fn()) -> Trial {
    match current() {
        Readiness::Ready(_) => Trial::test(name, move || {
            test();
            Ok(())
        }),
        // Asked to run anyway (`--include-ignored`), a skipped test fails: it still cannot pass unrun.
        Readiness::Skipped => Trial::test(name, || {
            Err(format!("skipped on purpose ({SKIP_VARIABLE}={SKIP_VALUE}): not run").into())
        })
        .with_ignored_flag(true),
        Readiness::Missing(why) => Trial::test(name, move || Err(why.as_str().into())),
    }
}

/// The tests of this module: they need no display and always run.
pub fn own_tests(an_end_to_end_test: &'static str) -> Vec<Trial> {
    vec![
        Trial::test(
            "readiness::missing_tools_fail_with_the_install_command_unless_skipped_on_purpose",
            || {
                missing_tools_fail_with_the_install_command_unless_skipped_on_purpose();
                Ok(())
            },
        ),
        Trial::test(
            "readiness::a_bare_machine_fails_the_e2e_tests_and_skips_them_only_on_request",
            move || {
                a_bare_machine_fails_the_e2e_tests_and_skips_them_only_on_request(
                    an_end_to_end_test,
                )
            },
        ),
    ]
}

fn missing_tools_fail_with_the_install_command_unless_skipped_on_purpose() {
    let nothing = Found::default();
    let Readiness::Missing(why) = decide(false, nothing.clone()) else {
        panic!("a bare machine is not ready");
    };
    for named in [
        "Xvfb",
        "WebKitWebDriver",
        "tauri-driver",
        "apt-get install -y --no-install-recommends xvfb xauth webkit2gtk-driver",
        "cargo install tauri-driver --version '^2' --locked",
        "CAJA_SKIP_E2E=1",
    ] {
        assert!(why.contains(named), "«{named}» missing from: {why}");
    }
    assert_eq!(decide(true, nothing), Readiness::Skipped);

    let only_tauri_driver_missing = Found {
        display: None,
        xvfb: Some("/usr/bin/Xvfb".into()),
        webkit_webdriver: Some("/usr/bin/WebKitWebDriver".into()),
        tauri_driver: None,
    };
    let Readiness::Missing(why) = decide(false, only_tauri_driver_missing.clone()) else {
        panic!("no tauri-driver, not ready");
    };
    assert!(why.contains("cargo install tauri-driver"), "{why}");
    assert!(
        !why.contains("apt-get"),
        "nothing to install with apt: {why}"
    );

    let with_a_display = Found {
        display: Some(":0".into()),
        xvfb: None,
        tauri_driver: Some("/root/.cargo/bin/tauri-driver".into()),
        ..only_tauri_driver_missing
    };
    assert_eq!(
        decide(false, with_a_display),
        Readiness::Ready(Tools {
            display: Display::Existing(":0".into()),
            tauri_driver: "/root/.cargo/bin/tauri-driver".into(),
        })
    );
}

/// This very test binary, run again on one end-to-end test with an empty PATH, a bare HOME and no
/// DISPLAY: it must fail naming the install commands, and pass only as ignored with CAJA_SKIP_E2E=1.
fn a_bare_machine_fails_the_e2e_tests_and_skips_them_only_on_request(
    an_end_to_end_test: &str,
) -> Result<(), Failed> {
    let bare = tempfile::tempdir()?;
    let run = |skip: bool| -> Result<(bool, String), Failed> {
        let mut command = Command::new(std::env::current_exe()?);
        command
            .args(["--exact", an_end_to_end_test, "--test-threads", "1"])
            .env_clear()
            .env("PATH", bare.path())
            .env("HOME", bare.path());
        if let Some(libraries) = std::env::var_os("LD_LIBRARY_PATH") {
            command.env("LD_LIBRARY_PATH", libraries);
        }
        if skip {
            command.env(SKIP_VARIABLE, SKIP_VALUE);
        }
        let output = command.output()?;
        let printed = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        Ok((output.status.success(), printed))
    };

    let (passed, printed) = run(false)?;
    assert!(!passed, "a bare machine passed the e2e test:\n{printed}");
    assert!(printed.contains("0 passed; 1 failed"), "{printed}");
    for named in [
        "sudo apt-get install",
        "cargo install tauri-driver",
        "CAJA_SKIP_E2E=1",
    ] {
        assert!(printed.contains(named), "«{named}» not said:\n{printed}");
    }

    let (passed, printed) = run(true)?;
    assert!(passed, "a deliberate skip failed:\n{printed}");
    assert!(
        printed.contains("0 passed; 0 failed; 1 ignored"),
        "{printed}"
    );
    Ok(())
}
