//! The procedure a damaged database's message names: `caja backup restore FILE --yes` with a
//! supervisor, when the current database cannot even be opened. The approval is checked against the
//! people of the backup (the damaged file's cannot be read), the damaged file is moved aside whole, and
//! the restored chain verifies.

mod backup_support;
mod shift_support;

use std::path::PathBuf;

use backup_support::{backup_now, configure, journal_codes};
use shift_support::{ROSA, TillUnderTest};

#[test]
fn a_damaged_database_is_replaced_by_a_backup_with_a_supervisor_from_the_backup() {
    let till = TillUnderTest::staffed();
    let folder = tempfile::tempdir().unwrap();
    configure(&till, folder.path(), 5, true);
    till.open_shift(ROSA, "100=2");
    let financing = till.countable(0, 1).remove(0);
    till.check_and_pay(ROSA, &financing, &["--tender", "efectivo"]);
    let (code, closed) = till.run(
        ROSA,
        &[],
        &[
            "shift",
            "close",
            "--count",
            &shift_support::count_for(20_000 + financing.downpayment),
        ],
    );
    assert_eq!(code, 0, "{closed}");
    let generation = backup_now(&till);
    let generation = generation.to_str().unwrap();

    // The database is destroyed: its first pages overwritten.
    let database = till.path().join("caja.sqlite3");
    let mut bytes = std::fs::read(&database).unwrap();
    for byte in &mut bytes[..8192] {
        *byte = 0x5A;
    }
    std::fs::write(&database, &bytes).unwrap();
    let _ = std::fs::remove_file(till.path().join("caja.sqlite3-wal"));
    let (code, damaged) = till.run(ROSA, &[], &["shift", "status"]);
    assert_ne!(code, 0, "{damaged}");
    let message = damaged["error"]["message"].as_str().unwrap();
    assert!(message.contains("caja backup restore"), "{message}");

    let shown = till.ok(None, &["backup", "restore", generation]);
    assert_eq!(shown["plan"]["current_damaged"], true, "{shown}");
    let (code, wrong) = till.run(
        None,
        &[("CAJA_APPROVER_PIN", "9999")],
        &[
            "backup",
            "restore",
            generation,
            "--yes",
            "--approver",
            "Rosa Quispe",
            "--reason",
            "Base dañada por un corte de luz",
        ],
    );
    assert_ne!(code, 0, "a wrong PIN restores nothing: {wrong}");
    let (code, restored) = till.run(
        None,
        &[("CAJA_APPROVER_PIN", "2468")],
        &[
            "backup",
            "restore",
            generation,
            "--yes",
            "--approver",
            "Rosa Quispe",
            "--reason",
            "Base dañada por un corte de luz",
        ],
    );
    assert_eq!(code, 0, "{restored}");
    let aside = PathBuf::from(restored["outcome"]["kept_aside"].as_str().unwrap());
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        bytes,
        "the damaged file is kept as it was"
    );
    assert_eq!(journal_codes(till.path()), vec![financing.code.clone()]);
    let (code, verified) = till.run(None, &[], &["audit", "verify"]);
    assert_eq!(code, 0, "{verified}");
    till.ok(ROSA, &["shift", "status"]);
}
