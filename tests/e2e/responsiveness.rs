//! Issue 8, point 5 at the window: a printer that takes its time does not freeze the till. The app runs
//! with one async worker (as on a single-core till PC, where a blocked worker is a frozen window) and a
//! printer that holds `lp` for twelve seconds; while it prints, the cashier checks a financing and gets
//! the answer long before the printer lets go.
//!
//! The slow `lp` is the environment, not our code: a script first on the app's `PATH`, which records
//! when the job started and when it ended.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::check_by_keyboard;
use crate::support::{self, App};

const PRINTER_HOLDS_FOR_SECONDS: u64 = 12;
/// Well below the printer's time, with room for WebDriver's own round trips on a loaded machine.
const ANSWER_WITHIN: Duration = Duration::from_secs(6);

/// A stand-in `lp` in `dir`: notes that it started (with its arguments), sleeps, notes that it ended.
fn slow_printer(dir: &Path) {
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$*\" > '{dir}/lp-started'\nsleep {PRINTER_HOLDS_FOR_SECONDS}\n\
         : > '{dir}/lp-finished'\n",
        dir = dir.display()
    );
    let lp = dir.join("lp");
    std::fs::write(&lp, script).unwrap();
    std::fs::set_permissions(&lp, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
}

async fn wait_for_file(path: &Path, patience: Duration) {
    let deadline = Instant::now() + patience;
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn choose_printer(app: &App, printer: &str) {
    app.click("nav-ajustes").await;
    app.type_into("settings-printer", printer).await;
    app.click("settings-save").await;
    app.wait_for("settings-saved").await;
}

pub(crate) async fn a_slow_printer_does_not_keep_the_till_from_answering() {
    let bin = tempfile::tempdir().unwrap();
    slow_printer(bin.path());
    let mut path = std::ffi::OsString::from(bin.path());
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    let env = [("PATH", path), ("TOKIO_WORKER_THREADS", "1".into())];
    let app = support::launch_with_env(&env).await;
    choose_printer(&app, "caja-80mm").await;

    app.click("nav-resumen").await;
    app.wait_for("summary-total-purchases").await;
    app.click("print-button").await;
    let (started, finished) = (
        bin.path().join("lp-started"),
        bin.path().join("lp-finished"),
    );
    wait_for_file(&started, Duration::from_secs(20)).await;
    let job = std::fs::read_to_string(&started).unwrap();
    assert!(job.starts_with("-d caja-80mm "), "{job}");

    // The printer holds on; the cashier moves on to the next customer.
    let asked = Instant::now();
    app.click("nav-cobro").await;
    check_by_keyboard(&app, "14159265", "1234567").await;
    app.wait_for_attr("result-card", "data-state", "pending")
        .await;
    let answered_in = asked.elapsed();
    assert!(
        !finished.exists(),
        "the check was answered only after the printer let go ({answered_in:?})"
    );
    assert!(
        answered_in < ANSWER_WITHIN,
        "the check took {answered_in:?} while the printer held"
    );
    assert!(app.text("amount-to-collect").await.contains("S/ 579.98"));

    // And the report still reaches the printer.
    app.click("nav-resumen").await;
    app.wait_for_text("print-result", "caja-80mm").await;
    assert!(finished.exists(), "the print job ran to its end");
    app.quit().await;
}
