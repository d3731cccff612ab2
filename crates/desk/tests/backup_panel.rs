//! Ajustes' «Copias de respaldo» through the desk both fronts open, on real files: a change of folder
//! needs a supervisor's approval and a folder that is not there is refused under its field; the backup
//! at start with the drive unplugged is a notice saying what to do, until «Respaldar ahora» (a
//! supervisor's, refused to a cashier) writes a verified file; then nothing is due at start.

use std::path::Path;

use desk::backup_panel::{self, BackupSettingsForm};
use desk::backups::AtStart;
use desk::{Approval, Desk, Overrides, Role};

const PIN: &str = "2468";

fn form(folder: &Path, generations: &str, approval: Option<Approval>) -> BackupSettingsForm {
    BackupSettingsForm {
        folder: folder.display().to_string(),
        generations: generations.to_owned(),
        approval,
    }
}

fn rosa() -> Option<Approval> {
    Some(Approval {
        supervisor: "Rosa Quispe".to_owned(),
        pin: PIN.to_owned(),
        reason: "Copias en la memoria USB".to_owned(),
    })
}

#[tokio::test]
async fn a_failed_backup_at_start_is_a_notice_until_a_supervisor_backs_up_now() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let drive = usb.path().join("usb");
    let desk = Desk::open(data.path().to_owned(), Overrides::default()).await;
    desk.first_run("Rosa Quispe".to_owned(), PIN.to_owned(), None)
        .await
        .unwrap();
    assert_eq!(backup_panel::at_start(&desk).await, AtStart::NotConfigured);

    let refused = backup_panel::save(&desk, form(&drive, "2", rosa()))
        .await
        .unwrap_err();
    assert_eq!(
        refused.field.as_deref(),
        Some("backup_folder"),
        "{refused:?}"
    );
    assert!(refused.message.contains("no existe"), "{refused:?}");
    std::fs::create_dir(&drive).unwrap();
    let unapproved = backup_panel::save(&desk, form(&drive, "2", None))
        .await
        .unwrap_err();
    assert_eq!(unapproved.code, "approval_required", "{unapproved:?}");
    let out_of_range = backup_panel::save(&desk, form(&drive, "101", rosa()))
        .await
        .unwrap_err();
    assert_eq!(out_of_range.field.as_deref(), Some("backup_generations"));
    let saved = backup_panel::save(&desk, form(&drive, "2", rosa()))
        .await
        .unwrap();
    assert_eq!(saved.folder.as_deref(), drive.to_str());
    assert_eq!(saved.generations, 2);
    assert!(saved.last.is_none());

    // The drive is pulled out: the backup at start fails and says so, never blocking anything.
    std::fs::remove_dir(&drive).unwrap();
    assert_eq!(backup_panel::at_start(&desk).await, AtStart::BackUp);
    let notice = backup_panel::backups(&desk).await.unwrap().notice.unwrap();
    assert!(
        notice.contains("no existe") && notice.contains("«Respaldar ahora» en Ajustes"),
        "{notice}"
    );
    assert_eq!(backup_panel::notice(&desk).await.unwrap(), Some(notice));

    // A cashier may not back up now; the supervisor may, and the notice goes.
    std::fs::create_dir(&drive).unwrap();
    desk.with_staff(|staff| {
        staff.add_person("Luis Mamani", Role::Cashier, "1357")?;
        staff.sign_in("Luis Mamani", "1357").map(drop)
    })
    .await
    .unwrap();
    let refused = backup_panel::backup_now(&desk).await.unwrap_err();
    assert_eq!(refused.code, "not_supervisor", "{refused:?}");
    desk.with_staff(|staff| staff.sign_in("Rosa Quispe", PIN).map(drop))
        .await
        .unwrap();
    let written = backup_panel::backup_now(&desk).await.unwrap();
    assert!(Path::new(&written.path).is_file(), "{written:?}");
    assert!(written.path.starts_with(drive.to_str().unwrap()));
    assert!(
        written.message.contains("verificada"),
        "{}",
        written.message
    );
    assert_eq!(written.backups.notice, None);
    assert_eq!(backup_panel::notice(&desk).await.unwrap(), None);
    let last = written.backups.last.unwrap();
    assert!(last.verified, "{last:?}");
    assert!(written.path.ends_with(&last.file));
    assert_eq!(backup_panel::at_start(&desk).await, AtStart::Recent);
    desk.close().await;
}
