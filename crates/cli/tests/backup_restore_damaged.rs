//! The procedure a damaged database's message names: `caja backup restore FILE --yes` with a
//! supervisor, when the current database cannot even be opened. The approval is checked against the
//! people of the backup (the damaged file's cannot be read), the damaged file is moved aside whole, and
//! the restored chain verifies. And a restore refused while an operation has no outcome.

mod backup_support;
mod shift_support;

use std::path::PathBuf;

use backup_support::{backup_now, configure, journal_codes};
use sandbox::{Endpoint, Fault, FaultPlan, FaultRule};
use shift_support::{ROSA, TillUnderTest};

#[test]
fn a_restore_waits_for_an_operation_without_an_outcome() {
    let till = TillUnderTest::new();
    let folder = tempfile::tempdir().unwrap();
    configure(&till, folder.path(), 5, false);
    till.open_shift(None, "100=2");
    let generation = backup_now(&till);
    let financing = till.countable(0, 1).remove(0);
    let pair = ["--dni", &financing.dni, "--funding-code", &financing.code];
    till.ok(None, &[&["check"][..], &pair].concat());
    till.set_faults(FaultPlan::new(vec![
        FaultRule::always(Some(Endpoint::PaidAndBilled), Fault::DropAfterEffect),
        FaultRule::always(Some(Endpoint::Info), Fault::ServerError),
    ]));
    let (code, pay) = till.run(
        None,
        &[],
        &[&["pay"][..], &pair, &["--tender", "efectivo"]].concat(),
    );
    assert_eq!(code, 4, "{pay}");
    let (code, refused) = till.run(
        None,
        &[],
        &["backup", "restore", generation.to_str().unwrap(), "--yes"],
    );
    assert_eq!(code, 1, "{refused}");
    assert_eq!(
        refused["error"]["code"], "backup_operations_open",
        "{refused}"
    );
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(message.contains("caja history --pending"), "{message}");
    assert_eq!(journal_codes(till.path()).len(), 1, "nothing restored");
}

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
