//! A corrupted backup is refused by `caja backup verify` and by `caja backup restore`, each naming the
//! check that failed: bytes flipped in the middle (the checksum), pages overwritten under a name whose
//! checksum matches (SQLite's integrity check), a row edited with an SQLite tool (the audit chain). The
//! listing marks them not valid, and the till's database is not touched.

mod backup_support;
mod shift_support;

use serde_json::Value;

use backup_support::{backup_now, configure, journal_codes, listed, renamed_with_checksum};
use shift_support::TillUnderTest;

#[test]
fn a_corrupted_backup_is_refused_by_verify_and_by_restore() {
    let till = TillUnderTest::new();
    let folder = tempfile::tempdir().unwrap();
    configure(&till, folder.path(), 10, false);
    till.open_shift(None, "100=2");
    till.check_and_pay(
        None,
        &till.financing(0),
        &[
            "--tender",
            "tarjeta",
            "--card-last4",
            "4242",
            "--card-auth",
            "A1B2C3",
        ],
    );
    let good = backup_now(&till);
    let scratch = tempfile::tempdir().unwrap();
    let integrity_copy = scratch.path().join("a");
    let chain_copy = scratch.path().join("b");
    std::fs::copy(&good, &integrity_copy).unwrap();
    std::fs::copy(&good, &chain_copy).unwrap();

    // Bytes flipped in the middle of the file.
    let mut bytes = std::fs::read(&good).unwrap();
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..middle + 16] {
        *byte ^= 0xA5;
    }
    std::fs::write(&good, &bytes).unwrap();
    // Pages overwritten, under a name whose checksum matches: SQLite's check catches it.
    let mut bytes = std::fs::read(&integrity_copy).unwrap();
    for byte in &mut bytes[4096..] {
        *byte = 0xFF;
    }
    std::fs::write(&integrity_copy, &bytes).unwrap();
    let damaged = renamed_with_checksum(&integrity_copy, folder.path());
    // A journal row edited in the copy with an SQLite tool: the chain catches it.
    {
        let connection = rusqlite::Connection::open(&chain_copy).unwrap();
        connection
            .execute("UPDATE journal SET customer_number = '99999999' WHERE id = (SELECT MIN(id) FROM journal)", [])
            .unwrap();
    }
    let edited = renamed_with_checksum(&chain_copy, folder.path());

    let before = journal_codes(till.path());
    for (file, says) in [
        (&good, "suma de verificación"),
        (&damaged, "integridad de SQLite"),
        (&edited, "cadena de auditoría"),
    ] {
        let file = file.to_str().unwrap();
        for args in [
            vec!["backup", "verify", file],
            vec!["backup", "restore", file, "--yes"],
        ] {
            let (code, refused) = till.run(None, &[], &args);
            assert_eq!(code, 1, "{args:?}: {refused}");
            assert_eq!(refused["error"]["code"], "backup_failed_check", "{refused}");
            let message = refused["error"]["message"].as_str().unwrap();
            assert!(message.contains(says), "{args:?}: {message}");
        }
    }
    assert_eq!(
        journal_codes(till.path()),
        before,
        "the database was not touched"
    );
    let problems: Vec<Value> = listed(&till)
        .into_iter()
        .filter(|generation| generation["verified"] == false)
        .collect();
    assert_eq!(
        problems.len(),
        3,
        "the listing says which are not valid: {problems:?}"
    );
}
