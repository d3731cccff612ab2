//! `caja backup` through the built binary on real SQLite files: a backup verifies, lists and holds no
//! secret; a backup killed or cut short is never a generation, never restorable, and is cleaned up; an
//! old generation restored with a supervisor says first what will be lost, and afterwards the journal
//! is the old one and the chain verifies; only N generations are kept. (A corrupted backup:
//! `backup_corrupted.rs`; a damaged database replaced: `backup_restore_damaged.rs`.)

mod backup_support;
mod shift_support;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use backup_support::{backup_now, configure, contains, files_in, journal_codes, listed};
use shift_support::{ROSA, TillUnderTest, count_for};

const SECRET: &str = "tok-backup-7d1c-never-copied";
const ENV_SECRET: &str = "tok-env-5e2a-never-copied";

#[test]
fn a_backup_verifies_lists_and_holds_no_secret() {
    let till = TillUnderTest::staffed();
    let folder = tempfile::tempdir().unwrap();
    let (code, refused) = till.run(None, &[], &["backup", "now"]);
    assert_eq!(code, 1, "{refused}");
    assert_eq!(refused["error"]["code"], "backup_folder_not_set");
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("caja settings set --backup-folder"),
        "{message}"
    );
    let (code, relative) = till.run(
        ROSA,
        &[],
        &[
            "settings",
            "set",
            "--backup-folder",
            "usb",
            "--reason",
            "Copias en USB",
        ],
    );
    assert_eq!(code, 2, "a relative folder is refused: {relative}");
    let (code, unapproved) = till.run(
        None,
        &[],
        &[
            "settings",
            "set",
            "--backup-folder",
            folder.path().to_str().unwrap(),
        ],
    );
    assert_ne!(code, 0, "a folder change needs a supervisor: {unapproved}");
    configure(&till, folder.path(), 3, true);
    let (_, shown) = till.text(None, &["settings", "show"]);
    assert!(shown.contains(folder.path().to_str().unwrap()), "{shown}");

    // A token kept in the owner-only file, and one given in the environment.
    let mut set = till.command(
        ROSA,
        &[],
        &[
            "--json",
            "--mode",
            "live",
            "token",
            "set",
            "--reason",
            "Token de producción",
        ],
    );
    let mut child = set.stdin(Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(
        &mut child.stdin.take().unwrap(),
        format!("{SECRET}\n").as_bytes(),
    )
    .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let token_file = till.path().join("secrets").join("provider-token-live");
    assert_eq!(std::fs::read_to_string(&token_file).unwrap(), SECRET);

    till.open_shift(ROSA, "100=2");
    assert_eq!(
        listed(&till).len(),
        1,
        "opening the shift made the daily backup"
    );
    let financing = till.financing(0);
    till.check_and_pay(
        ROSA,
        &financing,
        &[
            "--tender",
            "tarjeta",
            "--card-last4",
            "4242",
            "--card-auth",
            "A1B2C3",
        ],
    );
    let (code, written) = till.run(None, &[("CAJA_TOKEN", ENV_SECRET)], &["backup", "now"]);
    assert_eq!(code, 0, "{written}");
    let path = written["written"]["verification"]["generation"]["path"]
        .as_str()
        .unwrap();
    assert!(Path::new(path).starts_with(folder.path()));

    let generations = listed(&till);
    assert_eq!(generations.len(), 2, "{generations:?}");
    assert_eq!(
        generations[1]["generation"]["path"], path,
        "{generations:?}"
    );
    assert!(
        generations.iter().all(|g| g["verified"] == true),
        "{generations:?}"
    );
    let verified = till.ok(None, &["backup", "verify", path]);
    assert!(
        verified["verified"]["entries_checked"].as_u64().unwrap() > 0,
        "{verified}"
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o600,
            "PIN hashes are in it: readable by this user only"
        );
    }
    let till_key = std::fs::read(till.path().join("secrets").join("till-key")).unwrap();
    let backed_up = std::fs::read(path).unwrap();
    assert!(
        contains(&backed_up, financing.code.as_bytes()),
        "the journal is in it"
    );
    assert!(contains(&backed_up, b"Rosa Quispe"), "the people are in it");
    for file in files_in(folder.path()) {
        let bytes = std::fs::read(&file).unwrap();
        for secret in [SECRET.as_bytes(), ENV_SECRET.as_bytes(), &till_key] {
            assert!(!contains(&bytes, secret), "a secret in {}", file.display());
        }
    }
}

#[test]
fn a_backup_killed_or_cut_short_is_never_a_generation_and_is_cleaned_up() {
    let till = TillUnderTest::new();
    let folder = tempfile::tempdir().unwrap();
    configure(&till, folder.path(), 5, false);
    till.open_shift(None, "100=2");
    let first = backup_now(&till);
    let before = listed(&till).len();

    // What a writer killed mid-copy leaves: its temporary file, cut short, and SQLite's journal.
    let bytes = std::fs::read(&first).unwrap();
    let leftover = folder
        .path()
        .join(".caja-backup-0123456789abcdef0123456789abcdef.partial");
    std::fs::write(&leftover, &bytes[..bytes.len() / 2]).unwrap();
    let journal = folder
        .path()
        .join(".caja-backup-0123456789abcdef0123456789abcdef.partial-journal");
    std::fs::write(&journal, b"journal").unwrap();
    assert_eq!(
        listed(&till).len(),
        before,
        "a temporary file is never listed"
    );
    let leftover_text = leftover.to_str().unwrap();
    for args in [
        vec!["backup", "verify", leftover_text],
        vec!["backup", "restore", leftover_text, "--yes"],
    ] {
        let (code, refused) = till.run(None, &[], &args);
        assert_eq!(code, 1, "{args:?}: {refused}");
        assert_eq!(refused["error"]["code"], "backup_failed_check", "{refused}");
        let message = refused["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("no es una copia de respaldo de Caja"),
            "{message}"
        );
    }

    // The next backup removes them before it writes.
    let written = till.ok(None, &["backup", "now"]);
    let removed: Vec<&str> = written["written"]["leftovers_removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|path| path.as_str().unwrap())
        .collect();
    assert!(removed.contains(&leftover_text), "{written}");
    assert!(!leftover.exists() && !journal.exists());

    // And a real one, killed as it runs (at whatever step it reached): what it left is not listed as
    // a generation, and the next backup cleans it up.
    let mut running = till.spawn(None, &["backup", "now"]);
    std::thread::sleep(Duration::from_millis(40));
    let _ = running.kill();
    let _ = running.wait();
    for generation in listed(&till) {
        assert_eq!(generation["verified"], true, "{generation}");
    }
    till.ok(None, &["backup", "now"]);
    let left: Vec<PathBuf> = files_in(folder.path())
        .into_iter()
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(".caja-backup-")
        })
        .collect();
    assert!(left.is_empty(), "cleaned up: {left:?}");
}

#[test]
fn an_old_generation_is_restored_with_a_supervisor_after_saying_what_will_be_lost() {
    let till = TillUnderTest::staffed();
    let folder = tempfile::tempdir().unwrap();
    configure(&till, folder.path(), 5, true);
    till.open_shift(ROSA, "100=2");
    let pair = till.countable(0, 2);
    till.check_and_pay(ROSA, &pair[0], &["--tender", "efectivo"]);
    let old = backup_now(&till);
    let old_text = old.to_str().unwrap();
    till.check_and_pay(ROSA, &pair[1], &["--tender", "efectivo"]);

    let (code, refused) = till.run(ROSA, &[], &["backup", "restore", old_text, "--yes"]);
    assert_eq!(code, 1, "{refused}");
    assert_eq!(refused["error"]["code"], "backup_shift_open", "{refused}");

    let drawer = count_for(20_000 + pair[0].downpayment + pair[1].downpayment);
    let closed = till.ok(ROSA, &["shift", "close", "--count", &drawer]);
    assert_eq!(closed["z_number"], 1, "{closed}");
    // The daily one at the shift's opening, the one above, and the closing's.
    assert_eq!(listed(&till).len(), 3, "the closing made a backup");

    let shown = till.ok(ROSA, &["backup", "restore", old_text]);
    assert_eq!(shown["restored"], false, "{shown}");
    let lost = &shown["plan"]["lost"];
    assert!(lost["operations"].as_i64().unwrap() >= 1, "{shown}");
    assert_eq!(lost["z_reports"], 1, "{shown}");
    assert!(
        shown.to_string().contains(&pair[1].code),
        "names the newest lost: {shown}"
    );
    let (_, text) = till.text(ROSA, &["backup", "restore", old_text]);
    assert!(
        text.contains("Se perderá") && text.contains("--yes"),
        "{text}"
    );
    assert_eq!(journal_codes(till.path()).len(), 2, "nothing restored yet");

    let (code, unapproved) = till.run(None, &[], &["backup", "restore", old_text, "--yes"]);
    assert_ne!(code, 0, "{unapproved}");
    assert_eq!(
        unapproved["error"]["code"], "approval_required",
        "{unapproved}"
    );

    let restored = till.ok(
        ROSA,
        &[
            "backup",
            "restore",
            old_text,
            "--yes",
            "--reason",
            "Volver a la copia de la tarde",
        ],
    );
    assert_eq!(restored["restored"], true, "{restored}");
    let outcome = &restored["outcome"];
    assert_eq!(
        outcome["report"]["findings"],
        serde_json::json!([]),
        "{restored}"
    );
    assert_eq!(
        outcome["anchor_before"]["kind"], "head_missing",
        "{restored}"
    );
    let aside = PathBuf::from(outcome["kept_aside"].as_str().unwrap());
    assert!(aside.is_file(), "the replaced database is kept");
    assert_eq!(journal_codes(till.path()), vec![pair[0].code.clone()]);
    let connection = rusqlite::Connection::open(till.path().join("caja.sqlite3")).unwrap();
    let sealed: String = connection
        .query_row(
            "SELECT content FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(
        sealed.contains("restored_from_backup") && sealed.contains("Rosa Quispe"),
        "the restore is sealed in the chain, with who approved it: {sealed}"
    );
    let (code, again) = till.run(None, &[], &["audit", "verify"]);
    assert_eq!(code, 0, "the chain verifies after the restore: {again}");
}

#[test]
fn only_the_configured_number_of_generations_is_kept() {
    let till = TillUnderTest::new();
    let folder = tempfile::tempdir().unwrap();
    configure(&till, folder.path(), 2, false);
    till.open_shift(None, "100=2");
    let mut written = Vec::new();
    for _ in 0..3 {
        written.push(backup_now(&till));
        std::thread::sleep(Duration::from_millis(1100));
    }
    let generations = listed(&till);
    let names: Vec<&str> = generations
        .iter()
        .map(|generation| generation["generation"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [written[1].to_str().unwrap(), written[2].to_str().unwrap()]
    );
    assert!(!written[0].exists(), "the oldest was pruned");
}
