//! Issue 15 at the window: a supervisor points the till's backups at a folder in Ajustes («Copias de
//! respaldo»: a folder that is not there and a count out of range are each refused under their own
//! field), presses «Respaldar ahora» and the file is on disk, verified; then Supervisión's «Revisión del
//! equipo» shows real verdicts for the provider, aPagos, the database, the audit chain and the backups.
//! And a backup that fails after a closing is said on the Z and in Supervisión.

use std::path::Path;

use crate::support::{self, SUPERVISOR_PIN};
use crate::turno::open_shift;

/// The till's backup files in `folder`.
fn backups_in(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .expect("the backup folder")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("caja-") && name.ends_with(".sqlite3"))
        .collect()
}

/// Brings the panel holding a part of the screen to the window's top before a screenshot.
async fn scroll_to(app: &support::App, test_id: &str) {
    app.client
        .execute(
            &format!(
                "document.querySelector('[data-testid=\"{test_id}\"]').closest('.panel').scrollIntoView({{block: 'start'}});"
            ),
            vec![],
        )
        .await
        .expect("scrolled");
}

async fn save_backups(app: &support::App, folder: &str, generations: &str) {
    app.type_into("backup-folder", folder).await;
    app.type_into("backup-generations", generations).await;
    app.type_into("approval-pin", SUPERVISOR_PIN).await;
    app.type_into("approval-reason", "Copias en la memoria USB")
        .await;
    app.click("backup-save").await;
}

pub(crate) async fn a_backup_made_from_ajustes_is_on_disk_and_the_doctor_says_so() {
    let app = support::launch().await;
    let usb = tempfile::tempdir().expect("the USB drive");
    app.click("nav-ajustes").await;
    app.wait_for_text("backup-last", "Sin carpeta").await;

    let unplugged = usb.path().join("no-enchufada");
    save_backups(&app, unplugged.to_str().unwrap(), "3").await;
    app.wait_for_attr("error-message", "data-field", "backup_folder")
        .await;
    let refused = app.text("error-message").await;
    assert!(
        refused.contains("no existe") && refused.contains("memoria USB"),
        "{refused}"
    );
    save_backups(&app, usb.path().to_str().unwrap(), "0").await;
    app.wait_for_attr("error-message", "data-field", "backup_generations")
        .await;
    let refused = app.text("error-message").await;
    assert!(refused.contains("de 1 a 100"), "{refused}");
    assert!(backups_in(usb.path()).is_empty(), "nothing written yet");

    save_backups(&app, usb.path().to_str().unwrap(), "3").await;
    app.wait_for("backup-saved").await;
    app.wait_for_text("backup-last", "Aún no hay copias").await;

    app.click("backup-now").await;
    let written = app.wait_for_text("backup-written", "verificada").await;
    let files = backups_in(usb.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(written.contains(&files[0]), "{written} names {files:?}");
    assert!(usb.path().join(&files[0]).is_file());
    app.wait_for_attr("backup-last", "data-verified", "true")
        .await;
    assert_eq!(app.text("backup-last-file").await, files[0]);
    scroll_to(&app, "backup-section").await;
    app.screenshot("ajustes-copias-de-respaldo").await;

    app.click("nav-supervision").await;
    app.click("doctor-run").await;
    app.wait_for("doctor-checks").await;
    for (check, wanted, words) in [
        ("provider", "ok", "aCuotaz"),
        ("transfers", "ok", "aPagos"),
        ("database", "ok", ""),
        ("audit", "ok", ""),
        ("backup", "ok", "La última copia tiene 0 h"),
    ] {
        let row = app
            .client
            .find(fantoccini::Locator::Css(&format!(
                "[data-testid=\"doctor-check\"][data-check=\"{check}\"]"
            )))
            .await
            .unwrap_or_else(|_| panic!("no {check} row"));
        let status = row.attr("data-status").await.unwrap();
        let text = row.text().await.unwrap();
        assert_eq!(status.as_deref(), Some(wanted), "{check}: {text}");
        assert!(text.contains(words), "{check}: {text}");
    }
    scroll_to(&app, "doctor-checks").await;
    app.screenshot("supervision-revision-del-equipo").await;
    app.quit().await;
}

/// The USB drive pulled out before the closing: the Z is filed all the same and says, in amber, that the
/// backup after it was not made and what to do; Supervisión shows the same notice to the supervisor.
pub(crate) async fn a_backup_that_fails_after_the_z_is_said_on_the_z_and_in_supervision() {
    let app = support::launch().await;
    open_shift(&app).await;
    let usb = tempfile::tempdir().expect("the USB drive");
    let drive = usb.path().join("usb");
    std::fs::create_dir(&drive).expect("the drive's folder");
    app.click("nav-ajustes").await;
    save_backups(&app, drive.to_str().unwrap(), "3").await;
    app.wait_for("backup-saved").await;
    std::fs::remove_dir(&drive).expect("the drive pulled out");

    app.click("nav-turno").await;
    app.click("start-closing").await;
    app.wait_for("blind-count-form").await;
    app.type_into("count-2000", "5").await;
    app.type_into("count-100", "20").await;
    app.wait_for_text("count-total", "S/ 120.00").await;
    app.type_into("card-batch", "0.00").await;
    app.click("count-save").await;
    app.click("close-shift").await;
    app.wait_for_text("z-number", "000001").await;
    let problem = app.text("z-backup-problem").await;
    assert!(
        problem.contains("no se hizo")
            && problem.contains(drive.to_str().unwrap())
            && problem.contains("no existe")
            && problem.contains("«Respaldar ahora» en Ajustes"),
        "{problem}"
    );
    app.screenshot("turno-z-sin-copia").await;

    app.click("nav-supervision").await;
    let notice = app.text("backup-notice-banner").await;
    assert!(notice.contains("no existe"), "{notice}");
    app.quit().await;
}
